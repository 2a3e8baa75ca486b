# Fuzz regression: every harness (fuzz/harnesses) is built with a plain driver (fuzz/replay.c,
# no libFuzzer, so gcc and the ASan+UBSan build run it too) and replays the regression inputs
# (fuzz/regress/: every file through every harness) and its own kept corpus (fuzz/corpus/NAME).
file(READ ${CMAKE_SOURCE_DIR}/fuzz/harnesses PVIEW_FUZZ_HARNESSES)
string(STRIP "${PVIEW_FUZZ_HARNESSES}" PVIEW_FUZZ_HARNESSES)
string(REPLACE " " ";" PVIEW_FUZZ_HARNESSES "${PVIEW_FUZZ_HARNESSES}")
foreach(h ${PVIEW_FUZZ_HARNESSES})
  add_executable(pv-fuzz-replay-${h} ${CMAKE_SOURCE_DIR}/fuzz/fuzz_${h}.c ${CMAKE_SOURCE_DIR}/fuzz/replay.c)
  target_include_directories(pv-fuzz-replay-${h} PRIVATE ${CMAKE_SOURCE_DIR})
  target_link_libraries(pv-fuzz-replay-${h} PRIVATE pvprofile pvsymbolize)
  if(h STREQUAL "command")
    # the TUI's sources but its main and the key table generator
    file(GLOB PVIEW_FUZZ_TUI_SOURCES ${CMAKE_SOURCE_DIR}/tui/*.c)
    list(REMOVE_ITEM PVIEW_FUZZ_TUI_SOURCES ${CMAKE_SOURCE_DIR}/tui/main.c ${CMAKE_SOURCE_DIR}/tui/gen_keytable.c)
    target_sources(pv-fuzz-replay-${h} PRIVATE ${PVIEW_FUZZ_TUI_SOURCES})
    target_link_libraries(pv-fuzz-replay-${h} PRIVATE PkgConfig::NCURSESW)
  endif()
  if(h STREQUAL "fetch")
    # fetch/'s curl-free sources only: adjustURL, the response's headers and error line, symbolz
    target_sources(pv-fuzz-replay-${h} PRIVATE ${CMAKE_SOURCE_DIR}/fetch/url.c ${CMAKE_SOURCE_DIR}/fetch/response.c
      ${CMAKE_SOURCE_DIR}/fetch/symbolz.c)
  endif()
  if(h STREQUAL "repl")
    # cli/'s REPL and the batch reports it prints; Graphviz is not run (FUZZING_BUILD_MODE...)
    foreach(_f repl reports report_samples report_list report_flame report_graph)
      target_sources(pv-fuzz-replay-${h} PRIVATE ${CMAKE_SOURCE_DIR}/cli/${_f}.c)
    endforeach()
    target_compile_definitions(pv-fuzz-replay-${h} PRIVATE FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION)
  endif()
  add_test(NAME fuzz.regress.${h} COMMAND pv-fuzz-replay-${h} ${CMAKE_SOURCE_DIR}/fuzz/regress)
  add_test(NAME fuzz.corpus.${h} COMMAND pv-fuzz-replay-${h} ${CMAKE_SOURCE_DIR}/fuzz/corpus/${h})
  set_tests_properties(fuzz.regress.${h} fuzz.corpus.${h} PROPERTIES
    PASS_REGULAR_EXPRESSION "replayed [1-9][0-9]* files" TIMEOUT 600 LABELS fuzz)
endforeach()

# Fuzz smoke test: fuzz/run.sh --smoke (10 s per libFuzzer harness from the kept corpus, clang
# build in ${CMAKE_BINARY_DIR}/fuzz). Off by default (it builds with clang and takes about a
# minute); enable with -DPVIEW_FUZZ_SMOKE=ON. scripts/test.sh runs it anyway. Campaigns that grow
# the corpus: fuzz/campaign.sh.
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
