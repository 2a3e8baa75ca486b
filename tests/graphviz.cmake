# -svg, -png, -pdf through Graphviz's dot, and the message when dot is missing.
add_test(NAME graphviz COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/graphviz/run.sh ${PVIEW})
set_tests_properties(graphviz PROPERTIES LABELS graphviz TIMEOUT 120)
