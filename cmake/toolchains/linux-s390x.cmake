# linux-s390x.cmake -- cross-build libpanagit for Linux on s390x with Debian's
# gcc-s390x-linux-gnu; ctest runs the tests under qemu-s390x. See linux-common.cmake.
#
# s390x is big-endian: the byte-order tests of the C core run for real here.

set(CMAKE_SYSTEM_PROCESSOR s390x)
set(PANAGIT_CROSS_TRIPLE s390x-linux-gnu)
include("${CMAKE_CURRENT_LIST_DIR}/linux-common.cmake")
