# linux-ppc64le.cmake -- cross-build libpanagit for Linux on ppc64le with Debian's
# gcc-powerpc64le-linux-gnu; ctest runs the tests under qemu-ppc64le. See linux-common.cmake.
#
# 64-bit little-endian POWER (ELFv2 ABI), as the JDK supports it.

set(CMAKE_SYSTEM_PROCESSOR ppc64le)
set(PANAGIT_CROSS_TRIPLE powerpc64le-linux-gnu)
include("${CMAKE_CURRENT_LIST_DIR}/linux-common.cmake")
