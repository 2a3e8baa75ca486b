# Fetching profiles over HTTP(S) and the other sources (folded stacks, stdin).
# fetch.build compiles tests/fetch/fetchsrv.go (a Go service with net/http/pprof, standard
# library only) into the build dir; fetch.http / fetch.errors / fetch.https each start their
# own servers on loopback ports the servers pick, and stop them (tests/fetch/run.sh).
# folded: tests/fetch/folded.sh, goldens from go tool pprof on profile.proto equivalents.
set(_fetch_dir ${CMAKE_CURRENT_LIST_DIR}/fetch)
set(_fetch_work ${CMAKE_CURRENT_BINARY_DIR}/fetch-work)
add_test(NAME fetch.build COMMAND sh ${_fetch_dir}/build-server.sh ${_fetch_work})
set_tests_properties(fetch.build PROPERTIES FIXTURES_SETUP fetchsrv TIMEOUT 300 LABELS fetch SKIP_RETURN_CODE 77)
foreach(_group http errors https symbolz)
  add_test(NAME fetch.${_group} COMMAND bash ${_fetch_dir}/run.sh ${PVIEW} ${_fetch_work} ${_group})
  set_tests_properties(fetch.${_group} PROPERTIES FIXTURES_REQUIRED fetchsrv TIMEOUT 200 LABELS fetch)
endforeach()
add_test(NAME fetch.folded COMMAND bash ${_fetch_dir}/folded.sh ${PVIEW} ${CMAKE_CURRENT_BINARY_DIR}/folded-work)
set_tests_properties(fetch.folded PROPERTIES TIMEOUT 120 LABELS fetch)
add_executable(fetch-api ${_fetch_dir}/api.c)
target_link_libraries(fetch-api PRIVATE pvfetch)
foreach(_group api gzip)
  add_test(NAME fetch.${_group} COMMAND bash ${_fetch_dir}/run.sh ${PVIEW} ${_fetch_work} ${_group} $<TARGET_FILE:fetch-api>)
  set_tests_properties(fetch.${_group} PROPERTIES FIXTURES_REQUIRED fetchsrv TIMEOUT 120 LABELS fetch)
endforeach()
# The live view (-refresh) against fetchsrv: state kept across refreshes, memory flat.
add_test(NAME fetch.live COMMAND bash ${_fetch_dir}/live.sh ${PVIEW} ${_fetch_work})
set_tests_properties(fetch.live PROPERTIES FIXTURES_REQUIRED fetchsrv TIMEOUT 300 LABELS fetch)
