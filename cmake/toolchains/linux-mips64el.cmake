# linux-mips64el.cmake -- cross-build libpanagit for Linux on mips64el with Debian's
# gcc-mips64el-linux-gnuabi64; ctest runs the tests under qemu-mips64el. See linux-common.cmake.
#
# 64-bit little-endian MIPS, n64 ABI: 64-bit pointers with a different calling
# convention and alignment rules from every other row.

set(CMAKE_SYSTEM_PROCESSOR mips64el)
set(PANAGIT_CROSS_TRIPLE mips64el-linux-gnuabi64)
include("${CMAKE_CURRENT_LIST_DIR}/linux-common.cmake")
