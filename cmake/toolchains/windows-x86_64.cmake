# windows-x86_64.cmake -- cross-build libpanagit as a PE DLL with Debian's
# MinGW-w64 (packages: gcc-mingw-w64-x86-64, libz-mingw-w64-dev, wine64).
# ctest runs the test programs (.exe) under wine.
#
#   cmake -S native -B build/windows -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/windows-x86_64.cmake

set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)

# Debian's zlib built for MinGW (libz-mingw-w64-dev) lives in the MinGW sysroot.
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(ENV{PKG_CONFIG_LIBDIR} /usr/x86_64-w64-mingw32/lib/pkgconfig)

# zlib linked statically (libz.a), so libpanagit.dll needs no zlib1.dll beside it;
# its symbols stay private to the DLL (only PGIT_EXTERN functions are exported).
set(ZLIB_USE_STATIC_LIBS ON)

# Static runtime libraries, so the tests need no MinGW DLLs beside them under wine.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static-libgcc")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static-libgcc")

set(CMAKE_CROSSCOMPILING_EMULATOR wine)
