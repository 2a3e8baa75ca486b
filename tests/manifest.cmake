# Every file under testdata/ has its origin and licence in a manifest (tests/manifest/check.sh).
add_test(NAME testdata-manifest COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/manifest/check.sh ${CMAKE_SOURCE_DIR})
set_tests_properties(testdata-manifest PROPERTIES TIMEOUT 60 LABELS manifest)
