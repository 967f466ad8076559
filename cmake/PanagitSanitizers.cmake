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

# PANAGIT_FUZZ=ON adds libFuzzer's coverage to everything (Clang only) and
# builds the targets in native/fuzz; it implies the sanitizers above.
option(PANAGIT_FUZZ "Build the libFuzzer targets (Clang)" OFF)

if(PANAGIT_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "PANAGIT_FUZZ needs Clang (Debian: clang-14 and libfuzzer-14-dev)")
  endif()
  if(NOT PANAGIT_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
