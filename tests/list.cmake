# -list and -disasm beyond the goldens (tests/golden/cases-list.txt): the local GOROOT for
# Go standard library sources, error messages, native binaries (tests/list/*.sh).
foreach(_t goroot errors intel)
  add_test(NAME list/${_t} COMMAND bash ${CMAKE_SOURCE_DIR}/tests/list/${_t}.sh ${PVIEW}
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(list/${_t} PROPERTIES SKIP_RETURN_CODE 77 LABELS list)
endforeach()
# -list (native) and -disasm against go tool pprof: one test per line of tests/list/cases.txt
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/list/cases.txt)
file(STRINGS ${CMAKE_SOURCE_DIR}/tests/list/cases.txt _dis_lines)
foreach(_line IN LISTS _dis_lines)
  if(_line MATCHES "^#" OR NOT _line MATCHES "^([^\t]+)\t")
    continue()
  endif()
  set(_name ${CMAKE_MATCH_1})
  add_test(NAME list-cmp/${_name} COMMAND bash ${CMAKE_SOURCE_DIR}/tests/list/compare.sh ${PVIEW} ${_name}
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(list-cmp/${_name} PROPERTIES LABELS list)
endforeach()
