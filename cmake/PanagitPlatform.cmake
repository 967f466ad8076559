# PanagitPlatform.cmake -- names the target platform the way the Java loader
# does: "<os>-<arch>", e.g. linux-x86_64, windows-x86_64, macos-aarch64.
# The jar carries the library under META-INF/native/${PANAGIT_PLATFORM}/.

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
  elseif(cpu STREQUAL "s390x")
    set(arch s390x)
  else()
    set(arch "${cpu}")
  endif()

  set(${out_var} "${os}-${arch}" PARENT_SCOPE)
endfunction()
