# linux-riscv64.cmake -- cross-build libpanagit for Linux on riscv64 with Debian's
# gcc-riscv64-linux-gnu; ctest runs the tests under qemu-riscv64. See linux-common.cmake.
#
# Debian 12 has no riscv64 port; the cross compiler and C library are in main.

set(CMAKE_SYSTEM_PROCESSOR riscv64)
set(PANAGIT_CROSS_TRIPLE riscv64-linux-gnu)
include("${CMAKE_CURRENT_LIST_DIR}/linux-common.cmake")
