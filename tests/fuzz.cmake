# Fuzz smoke test: fuzz/run.sh --smoke (10 s per libFuzzer harness, clang build in
# ${CMAKE_BINARY_DIR}/fuzz). Off by default (it builds with clang and takes about a minute);
# enable with -DPVIEW_FUZZ_SMOKE=ON. Longer runs: FUZZ_SECONDS=600 fuzz/run.sh.
option(PVIEW_FUZZ_SMOKE "Register the libFuzzer smoke test (needs clang)" OFF)
if(PVIEW_FUZZ_SMOKE)
  find_program(PVIEW_CLANG clang)
  if(PVIEW_CLANG)
    add_test(NAME fuzz.smoke COMMAND bash ${CMAKE_SOURCE_DIR}/fuzz/run.sh --smoke)
    set_tests_properties(fuzz.smoke PROPERTIES
      ENVIRONMENT "FUZZ_OUT=${CMAKE_BINARY_DIR}/fuzz;CC=${PVIEW_CLANG}"
      TIMEOUT 900 LABELS "fuzz;slow")
  else()
    message(STATUS "PVIEW_FUZZ_SMOKE: clang not found, fuzz.smoke not registered")
  endif()
endif()
