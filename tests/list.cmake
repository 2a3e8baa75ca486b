# -list and -disasm beyond the goldens (tests/golden/cases-list.txt): the local GOROOT for
# Go standard library sources, error messages, native binaries (tests/list/*.sh).
foreach(_t goroot errors)
  add_test(NAME list/${_t} COMMAND bash ${CMAKE_SOURCE_DIR}/tests/list/${_t}.sh ${PVIEW}
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(list/${_t} PROPERTIES SKIP_RETURN_CODE 77 LABELS list)
endforeach()
