# Real-terminal tests: tests/pty/run.py starts pview on a pseudo-terminal it creates (no tty
# needed) and checks exit status and terminal restore for quit keys, signals, a crash, Ctrl-Z
# and window-size storms. Python 3 standard library only.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  foreach(c q ctrl-c ctrl-c-load sigterm sighup sigint crash ctrl-z winch-idle winch-load hostile-names truecolor)
    add_test(NAME pty/${c} COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/pty/run.py ${PVIEW} ${c} ${CMAKE_SOURCE_DIR})
    set_tests_properties(pty/${c} PROPERTIES TIMEOUT 60)
  endforeach()
endif()
