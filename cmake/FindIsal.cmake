# FindIsal.cmake -- finds Intel ISA-L's igzip (Debian: libisal-dev).
# Defines Isal_FOUND, Isal_VERSION and the imported target Isal::Isal.

find_path(Isal_INCLUDE_DIR NAMES isa-l/igzip_lib.h)
find_library(Isal_LIBRARY NAMES isal libisal)

if(Isal_INCLUDE_DIR AND EXISTS "${Isal_INCLUDE_DIR}/isa-l.h")
  file(STRINGS "${Isal_INCLUDE_DIR}/isa-l.h" _isal_version_lines
       REGEX "^#define ISAL_(MAJOR|MINOR|PATCH)_VERSION [0-9]+")
  foreach(_part MAJOR MINOR PATCH)
    string(REGEX REPLACE ".*ISAL_${_part}_VERSION ([0-9]+).*" "\\1" _isal_${_part} "${_isal_version_lines}")
  endforeach()
  set(Isal_VERSION "${_isal_MAJOR}.${_isal_MINOR}.${_isal_PATCH}")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Isal
  REQUIRED_VARS Isal_LIBRARY Isal_INCLUDE_DIR
  VERSION_VAR Isal_VERSION)

if(Isal_FOUND AND NOT TARGET Isal::Isal)
  add_library(Isal::Isal UNKNOWN IMPORTED)
  set_target_properties(Isal::Isal PROPERTIES
    IMPORTED_LOCATION "${Isal_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Isal_INCLUDE_DIR}")
endif()
mark_as_advanced(Isal_INCLUDE_DIR Isal_LIBRARY)
