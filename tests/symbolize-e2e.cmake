# End-to-end symbolization tests: `pview -top` on real address-only CPU profiles (gperftools)
# of small C programs (testdata/symbolize/e2e), symbolized in process from ELF/DWARF, against
# references made without pview (tests/symbolize-e2e/README.md). One ctest test per line of
# tests/symbolize-e2e/cases.txt; cases named in known-failures.txt are registered DISABLED
# (ctest lists them as "Not Run (Disabled)") until pview is fixed. PVIEW is set by
# tests/CMakeLists.txt.
set(_e2e_dir ${CMAKE_CURRENT_LIST_DIR}/symbolize-e2e)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${_e2e_dir}/cases.txt ${_e2e_dir}/known-failures.txt)
file(STRINGS ${_e2e_dir}/cases.txt _e2e_lines)
file(STRINGS ${_e2e_dir}/known-failures.txt _e2e_known REGEX "^[^#]")
foreach(_line IN LISTS _e2e_lines)
  if(_line MATCHES "^#" OR _line MATCHES "^[ \t]*$")
    continue()
  endif()
  if(NOT _line MATCHES "^([^\t]+)\t")
    message(WARNING "symbolize-e2e/cases.txt: line without NAME<TAB>ARGS: ${_line}")
    continue()
  endif()
  set(_name ${CMAKE_MATCH_1})
  add_test(NAME symbolize-e2e/${_name} COMMAND bash ${_e2e_dir}/run.sh ${_name})
  set_tests_properties(symbolize-e2e/${_name} PROPERTIES
    ENVIRONMENT "PVIEW=${PVIEW}" LABELS symbolize-e2e TIMEOUT 60)
  foreach(_k IN LISTS _e2e_known)
    string(REGEX REPLACE "[ \t].*" "" _k "${_k}")
    if(_k STREQUAL _name)
      set_tests_properties(symbolize-e2e/${_name} PROPERTIES DISABLED TRUE)
    endif()
  endforeach()
endforeach()
