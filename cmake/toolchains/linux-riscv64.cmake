# linux-riscv64.cmake -- cross-build libpanagit for Linux on riscv64 with Debian's
# gcc-riscv64-linux-gnu (packages: gcc-riscv64-linux-gnu, qemu-user, and the
# multiarch zlib1g-dev:<arch>). ctest runs the test programs under qemu-riscv64.
#
#   cmake -S native -B build/riscv64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/linux-riscv64.cmake

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
set(CMAKE_C_COMPILER riscv64-linux-gnu-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE riscv64-linux-gnu)

# Headers and libraries of the target come from Debian's multiarch folders
# (/usr/include/riscv64-linux-gnu, /usr/lib/riscv64-linux-gnu); programs are the host's.
set(CMAKE_FIND_ROOT_PATH /usr/riscv64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/riscv64-linux-gnu/pkgconfig)

# The target's loader and libc are installed for multiarch, so qemu finds them.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-riscv64)
