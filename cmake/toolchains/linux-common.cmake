# linux-common.cmake -- shared by the Linux cross toolchain files, which set
# PANAGIT_CROSS_TRIPLE (the GNU triple of Debian's gcc-<triple> package) and
# CMAKE_SYSTEM_PROCESSOR first.
#
# Nothing of the target is installed into the host's multiarch folders: the C
# library comes from Debian's architecture-independent libc6-dev-<arch>-cross
# (under /usr/<triple>), and zlib from Debian's zlib source package, built static
# for the target by native/matrix.sh, which passes its prefix as ZLIB_ROOT.
# (Multiarch zlib1g:<arch> must be the very version of the host's zlib1g, so
# installing it upgraded host packages.) ctest runs every test program under
# qemu-user, pointed at the cross C library.
#
#   cmake -S native -B build/<target> -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/<target>.cmake \
#         -DZLIB_ROOT=<prefix with include/zlib.h and lib/libz.a>

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_C_COMPILER ${PANAGIT_CROSS_TRIPLE}-gcc)

set(CMAKE_FIND_ROOT_PATH /usr/${PANAGIT_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
# The target has no .pc files here: host-only libraries (libffi, libdeflate) are not picked up.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${PANAGIT_CROSS_TRIPLE}/pkgconfig)
set(ZLIB_USE_STATIC_LIBS ON)

set(CMAKE_CROSSCOMPILING_EMULATOR qemu-${CMAKE_SYSTEM_PROCESSOR} -L /usr/${PANAGIT_CROSS_TRIPLE})
