# TUI screen tests: tests/tui/cases/NAME.t drive pview's test mode (-tui_keys/-tui_dump) and
# compare the screen with tests/tui/expected/NAME.screen. No terminal needed.
file(GLOB PVIEW_TUI_CASES ${CMAKE_CURRENT_LIST_DIR}/tui/cases/*.t)
list(SORT PVIEW_TUI_CASES)
foreach(c ${PVIEW_TUI_CASES})
  get_filename_component(n ${c} NAME_WE)
  add_test(NAME tui/${n} COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/tui/run.sh ${PVIEW} ${c})
endforeach()
add_test(NAME tui/man-keys COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/tui/check-man.sh $<TARGET_FILE:pview-keytable>)
# P and :save write the view as text (tests/tui/save.sh)
add_test(NAME tui/save COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/tui/save.sh ${PVIEW})
set_tests_properties(tui/save PROPERTIES LABELS tui)
