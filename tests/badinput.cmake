# Bad-input matrix: tests/badinput/cases.txt run by tests/badinput/run.sh against the real
# binary (PVIEW, set by tests/CMakeLists.txt). Inputs: testdata/bad/ (committed, made by
# testdata/bad/make.py) and large ones made at test time into the build dir.
# tests/badinput/valgrind.sh: every profile of testdata/ loaded and printed with -top under
# valgrind (label "slow").
set(_badinput_dir ${CMAKE_CURRENT_LIST_DIR}/badinput)
add_test(NAME badinput
         COMMAND bash ${_badinput_dir}/run.sh ${PVIEW} ${CMAKE_CURRENT_BINARY_DIR}/badinput-work)
set_tests_properties(badinput PROPERTIES TIMEOUT 900 LABELS badinput)
find_program(PVIEW_VALGRIND valgrind)
if(PVIEW_VALGRIND)
  add_test(NAME badinput.valgrind COMMAND bash ${_badinput_dir}/valgrind.sh ${PVIEW})
  set_tests_properties(badinput.valgrind PROPERTIES TIMEOUT 3600 LABELS "slow;badinput" SKIP_RETURN_CODE 77)
endif()
