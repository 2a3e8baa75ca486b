# Folded stacks written by -folded and read back as a profile (tests/roundtrip/folded.sh).
add_test(NAME roundtrip/folded COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/roundtrip/folded.sh ${PVIEW}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(roundtrip/folded PROPERTIES LABELS roundtrip)
