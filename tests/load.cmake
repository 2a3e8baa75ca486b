# A profile decoded while it downloads (pv_stream) loads as the whole data does: every file
# under testdata/, fed in pieces of several sizes (tests/load/stream.c). The Go profiles must
# take the streamed path; the expected lines are tests/load/stream.expected.
add_executable(pv-streamtest ${CMAKE_CURRENT_LIST_DIR}/load/stream.c)
target_link_libraries(pv-streamtest PRIVATE pvprofile)
add_test(NAME load.stream
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/load/stream.sh $<TARGET_FILE:pv-streamtest> ${CMAKE_SOURCE_DIR})
set_tests_properties(load.stream PROPERTIES TIMEOUT 600 LABELS load)
