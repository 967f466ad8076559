# macos-x86_64.cmake -- libpanagit.dylib for macOS on x86_64 (see macos-common.cmake).
#
#   cmake -S native -B build/macos-x86_64 -DBUILD_TESTING=OFF \
#         -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/macos-x86_64.cmake

set(PANAGIT_MACOS_ARCH x86_64)
include("${CMAKE_CURRENT_LIST_DIR}/macos-common.cmake")
