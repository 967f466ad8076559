# macos-arm64.cmake -- libpanagit.dylib for macOS on arm64 (see macos-common.cmake).
#
#   cmake -S native -B build/macos-arm64 -DBUILD_TESTING=OFF \
#         -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/macos-arm64.cmake

set(PANAGIT_MACOS_ARCH arm64)
include("${CMAKE_CURRENT_LIST_DIR}/macos-common.cmake")
