# PanagitSanitizers.cmake -- PANAGIT_SANITIZE=ON builds everything with
# AddressSanitizer and UndefinedBehaviorSanitizer, stopping at the first
# report, for the hostile-input tests.

option(PANAGIT_SANITIZE "Build with AddressSanitizer and UBSan" OFF)

if(PANAGIT_SANITIZE)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "PANAGIT_SANITIZE needs GCC or Clang")
  endif()
  set(_panagit_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_compile_options(${_panagit_san})
  add_link_options(${_panagit_san})
endif()
