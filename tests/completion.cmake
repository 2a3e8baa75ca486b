# Shell completion scripts generated from the flag tables (tests/completion/run.sh).
add_test(NAME completion/bash-zsh COMMAND bash ${CMAKE_SOURCE_DIR}/tests/completion/run.sh ${CMAKE_BINARY_DIR}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(completion/bash-zsh PROPERTIES LABELS completion)
