# linux-s390x.cmake -- cross-build libpanagit for Linux on s390x with Debian's
# gcc-s390x-linux-gnu (packages: gcc-s390x-linux-gnu, qemu-user and the
# multiarch zlib1g:s390x). ctest runs the test programs under qemu-s390x.
#
# s390x is big-endian: the byte-order tests of the C core run for real here.
# Debian 12's zlib1g-dev:s390x cannot be installed beside the amd64 system
# (its libc6-dev:s390x pulls packages out of step with amd64's), so the build
# takes zlib's architecture-independent headers from the host and links
# Debian's s390x library itself, /usr/lib/s390x-linux-gnu/libz.so.1.
#
#   cmake -S native -B build/s390x -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/linux-s390x.cmake

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR s390x)
set(CMAKE_C_COMPILER s390x-linux-gnu-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE s390x-linux-gnu)

# Headers and libraries of the target come from Debian's multiarch folders
# (/usr/include/s390x-linux-gnu, /usr/lib/s390x-linux-gnu); programs are the host's.
set(CMAKE_FIND_ROOT_PATH /usr/s390x-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/s390x-linux-gnu/pkgconfig)

set(ZLIB_INCLUDE_DIR /usr/include CACHE PATH "zlib headers (architecture-independent)")
set(ZLIB_LIBRARY /usr/lib/s390x-linux-gnu/libz.so.1 CACHE FILEPATH "Debian's zlib1g:s390x")

# The target's loader and libc are installed for multiarch, so qemu finds them.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-s390x)
