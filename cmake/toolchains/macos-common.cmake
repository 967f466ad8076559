# macos-common.cmake -- shared by macos-x86_64.cmake and macos-arm64.cmake, which
# set PANAGIT_MACOS_ARCH first. Cross-builds libpanagit.dylib for macOS with clang
# and ld64.lld (packages: clang, lld). No macOS SDK exists here and macOS code
# cannot run here: cmake/darwin-stub stands in for the little of the SDK the
# build touches (see its README), and native/matrix.sh checks the artefact
# (Mach-O format, architecture, exported functions) instead of running tests.

set(CMAKE_SYSTEM_NAME Darwin)
set(CMAKE_SYSTEM_PROCESSOR ${PANAGIT_MACOS_ARCH})
set(CMAKE_C_COMPILER clang)
set(CMAKE_C_COMPILER_TARGET ${PANAGIT_MACOS_ARCH}-apple-macos11)
set(CMAKE_OSX_ARCHITECTURES ${PANAGIT_MACOS_ARCH})
set(CMAKE_OSX_DEPLOYMENT_TARGET 11.0)

get_filename_component(_panagit_stub "${CMAKE_CURRENT_LIST_DIR}/../darwin-stub" ABSOLUTE)
set(CMAKE_OSX_SYSROOT "${_panagit_stub}")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
# clang's freestanding headers, then the stub's libc declarations, then zlib.h from the host.
set(CMAKE_C_FLAGS_INIT "-ffreestanding -fno-stack-protector -isystem ${_panagit_stub}/include -idirafter /usr/include")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-fuse-ld=lld -nostdlib ${_panagit_stub}/lib/libSystem.tbd")

set(ZLIB_INCLUDE_DIR /usr/include CACHE PATH "zlib.h (the API is the same on macOS)")
set(ZLIB_LIBRARY "${_panagit_stub}/lib/libz.tbd" CACHE FILEPATH "macOS's /usr/lib/libz.1.dylib, as a stub")
set(ENV{PKG_CONFIG_LIBDIR} /nonexistent)   # no host libffi for a macOS build
