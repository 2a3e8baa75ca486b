# upstream pprof's own driver test cases (../shared/peer-suite, see its README): all 46 that
# go1.19 reproduces must be identical to upstream's goldens. Results go to the build tree
# (the shared folder is read-only); skipped (77) when ../shared/peer-suite is absent.
add_test(NAME peer-suite
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/peer-suite/run.sh ${PVIEW} ${CMAKE_CURRENT_BINARY_DIR}/peer-suite-out)
set_tests_properties(peer-suite PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600 LABELS peer-suite)
