# pview -proto round trips through go tool pprof (tests/proto/run.sh, cases in
# tests/proto/cases.txt): proto/NAME. Skipped (77) without a go toolchain. PVIEW is set by
# tests/CMakeLists.txt.
set(_proto_dir ${CMAKE_CURRENT_LIST_DIR}/proto)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_proto_dir}/cases.txt)
file(STRINGS ${_proto_dir}/cases.txt _proto_lines)
foreach(_line IN LISTS _proto_lines)
  if(_line MATCHES "^#" OR _line MATCHES "^[ \t]*$")
    continue()
  endif()
  if(NOT _line MATCHES "^([^\t]+)\t")
    message(WARNING "proto/cases.txt: line without NAME<TAB>ARGS: ${_line}")
    continue()
  endif()
  set(_name ${CMAKE_MATCH_1})
  add_test(NAME proto/${_name} COMMAND bash ${_proto_dir}/run.sh ${PVIEW} ${_name})
  set_tests_properties(proto/${_name} PROPERTIES SKIP_RETURN_CODE 77 LABELS proto TIMEOUT 120)
endforeach()
