# REPL transcripts: `pview -repl` fed the same lines as `go tool pprof` (tests/repl/cases.txt).
set(_repl_dir ${CMAKE_SOURCE_DIR}/tests/repl)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_repl_dir}/cases.txt)
file(STRINGS ${_repl_dir}/cases.txt _repl_lines)
foreach(_line IN LISTS _repl_lines)
  if(_line MATCHES "^#" OR NOT _line MATCHES "^([^\t]+)\t")
    continue()
  endif()
  add_test(NAME repl/${CMAKE_MATCH_1} COMMAND bash ${_repl_dir}/run.sh ${PVIEW} ${CMAKE_MATCH_1})
  set_tests_properties(repl/${CMAKE_MATCH_1} PROPERTIES LABELS repl)
endforeach()
# Without a report flag and with TERM=dumb, pview starts the REPL and says why on stderr.
add_test(NAME repl/term-dumb COMMAND sh ${_repl_dir}/term-dumb.sh ${PVIEW} WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(repl/term-dumb PROPERTIES LABELS repl)
