# linux-x86_64-musl.cmake -- build libpanagit for Linux on x86-64 with musl libc
# (Alpine and other musl systems), with Debian's musl-tools (musl-gcc, a gcc
# wrapper onto musl's headers and libc). The jar carries it as linux-x86_64-musl;
# the Java loader picks it when the JVM itself runs on musl.
#
# zlib is Debian's zlib source package built static with musl-gcc by
# native/matrix.sh, which passes its prefix as ZLIB_ROOT. The tests run natively
# (musl's loader /lib/ld-musl-x86_64.so.1 comes with the musl package).
#
#   cmake -S native -B build/musl -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/linux-x86_64-musl.cmake \
#         -DZLIB_ROOT=<prefix with include/zlib.h and lib/libz.a>

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER musl-gcc)
set(PANAGIT_LIBC musl)

# Only musl's own folders and the given zlib: never the host's glibc libraries.
set(CMAKE_FIND_ROOT_PATH /usr/lib/musl)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/musl/lib/pkgconfig)
set(ZLIB_USE_STATIC_LIBS ON)
