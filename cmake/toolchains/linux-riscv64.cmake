# linux-riscv64.cmake -- cross-build libpanagit for Linux on riscv64 with
# Debian's gcc-riscv64-linux-gnu; ctest runs the tests under qemu-riscv64.
#
# Debian 12 has no riscv64 port, so there is no zlib1g-dev:riscv64. zlib comes
# from Debian's own source package instead (apt-get source zlib: signed .dsc,
# checksummed tarballs), built as a static library for riscv64 by
# native/matrix.sh, which passes its prefix as ZLIB_ROOT:
#
#   cmake -S native -B build/riscv64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/linux-riscv64.cmake \
#         -DZLIB_ROOT=<prefix with include/zlib.h and lib/libz.a>

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
set(CMAKE_C_COMPILER riscv64-linux-gnu-gcc)

set(CMAKE_FIND_ROOT_PATH /usr/riscv64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/riscv64-linux-gnu/pkgconfig)
set(ZLIB_USE_STATIC_LIBS ON)

# The cross libc (libc6-riscv64-cross) lives under /usr/riscv64-linux-gnu.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-riscv64 -L /usr/riscv64-linux-gnu)
