# linux-aarch64.cmake -- cross-build libpanagit for Linux on aarch64 with Debian's
# gcc-aarch64-linux-gnu; ctest runs the tests under qemu-aarch64. See linux-common.cmake.
#
# qemu-user's aarch64 CPU models have the SHA instructions; test_hash_portable
# switches them off at run time to test the portable path too.

set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(PANAGIT_CROSS_TRIPLE aarch64-linux-gnu)
include("${CMAKE_CURRENT_LIST_DIR}/linux-common.cmake")
