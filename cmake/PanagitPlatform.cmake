# PanagitPlatform.cmake -- names the target platform the way the Java loader
# does: "<os>-<arch>[-<libc>]", e.g. linux-x86_64, windows-x86_64, macos-aarch64,
# linux-x86_64-musl. The jar carries the library under META-INF/native/${PANAGIT_PLATFORM}/.

function(panagit_platform out_var)
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    set(os linux)
  elseif(CMAKE_SYSTEM_NAME STREQUAL "Windows")
    set(os windows)
  elseif(CMAKE_SYSTEM_NAME STREQUAL "Darwin")
    set(os macos)
  else()
    string(TOLOWER "${CMAKE_SYSTEM_NAME}" os)
  endif()

  string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" cpu)
  if(cpu MATCHES "^(x86_64|amd64|x64)$")
    set(arch x86_64)
  elseif(cpu MATCHES "^(aarch64|arm64)$")
    set(arch aarch64)
  elseif(cpu MATCHES "^riscv64")
    set(arch riscv64)
  elseif(cpu MATCHES "^(s390x|ppc64le|mips64el)$")
    set(arch "${cpu}")
  else()
    set(arch "${cpu}")
  endif()

  # A C library other than the system's usual one is part of the name (linux-x86_64-musl):
  # a glibc build does not load on musl, nor the other way round.
  if(PANAGIT_LIBC)
    set(${out_var} "${os}-${arch}-${PANAGIT_LIBC}" PARENT_SCOPE)
  else()
    set(${out_var} "${os}-${arch}" PARENT_SCOPE)
  endif()
  set(${out_var}_OS "${os}" PARENT_SCOPE)
  set(${out_var}_ARCH "${arch}" PARENT_SCOPE)
endfunction()
