# Golden tests: pview -top must print exactly what `go tool pprof -top` (go1.19.8) prints.
# One ctest test per line of tests/golden/cases.txt (golden/NAME) and of
# tests/golden/extended-cases.txt (golden-ext/NAME). Extended cases read
# AGPL / CC-BY-SA profiles in place from ../shared/testdata and are skipped
# (exit 77) when that directory is absent. See tests/golden/README.md.
# PVIEW is set by tests/CMakeLists.txt.

set(_golden_dir ${CMAKE_SOURCE_DIR}/tests/golden)

function(pview_golden_register cases_file prefix)
  set(_env "${ARGN}")
  set(_file ${_golden_dir}/${cases_file})
  if(NOT EXISTS ${_file})
    return()
  endif()
  # Re-run configure when the case list changes.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_file})
  file(STRINGS ${_file} _lines)
  foreach(_line IN LISTS _lines)
    if(_line MATCHES "^#" OR _line MATCHES "^[ \t]*$")
      continue()
    endif()
    if(NOT _line MATCHES "^([^\t]+)\t")
      message(WARNING "${cases_file}: line without NAME<TAB>ARGS: ${_line}")
      continue()
    endif()
    set(_name ${CMAKE_MATCH_1})
    add_test(NAME ${prefix}/${_name}
             COMMAND bash ${_golden_dir}/run.sh ${PVIEW} ${_name}
             WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    set_tests_properties(${prefix}/${_name} PROPERTIES
                         SKIP_RETURN_CODE 77
                         LABELS ${prefix})
    if(_env)
      set_tests_properties(${prefix}/${_name} PROPERTIES ENVIRONMENT "${_env}")
    endif()
  endforeach()
endfunction()

pview_golden_register(cases.txt golden)
# One set per report family: tests/golden/cases-NAME.txt -> golden-NAME/CASE
file(GLOB _golden_sets RELATIVE ${_golden_dir} ${_golden_dir}/cases-*.txt)
list(SORT _golden_sets)
foreach(_set IN LISTS _golden_sets)
  string(REGEX REPLACE "^cases-(.*)\\.txt$" "\\1" _setname ${_set})
  pview_golden_register(${_set} golden-${_setname})
endforeach()
pview_golden_register(extended-cases.txt golden-ext)
# The same cases with the two-thread paths of the loader and the report forced on (they
# start at 4 MB of samples / 100k samples otherwise), so that small files exercise them.
pview_golden_register(cases.txt golden-2threads PVIEW_PARALLEL_MIN=1)
# The sample reports depend on pprof's merge, which the two-thread loader leaves to them.
pview_golden_register(cases-traces.txt golden-traces-2threads PVIEW_PARALLEL_MIN=1)
pview_golden_register(cases-raw.txt golden-raw-2threads PVIEW_PARALLEL_MIN=1)
# The call graph reports with the two-thread loader and graph paths forced on too.
pview_golden_register(cases-tree.txt golden-tree-2threads PVIEW_PARALLEL_MIN=1)
pview_golden_register(cases-dot.txt golden-dot-2threads PVIEW_PARALLEL_MIN=1)
pview_golden_register(cases-tagroot.txt golden-tagroot-2threads PVIEW_PARALLEL_MIN=1)
# Batch warnings on stderr against pprof's (tests/golden/stderr/): stderr/NAME
file(STRINGS ${_golden_dir}/stderr/cases.txt _stderr_lines)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_golden_dir}/stderr/cases.txt)
foreach(_line IN LISTS _stderr_lines)
  if(_line MATCHES "^([^#\t][^\t]*)\t")
    add_test(NAME stderr/${CMAKE_MATCH_1} COMMAND bash ${_golden_dir}/stderr/run.sh ${PVIEW} ${CMAKE_MATCH_1})
    set_tests_properties(stderr/${CMAKE_MATCH_1} PROPERTIES LABELS stderr)
  endif()
endforeach()
