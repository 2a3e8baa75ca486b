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
# The loading screen (tests/pty/loading.py): the TUI up first while a CPU profile is fetched
# from fetchsrv (built by fetch.build) or a debug file comes from a debuginfod server (one of
# the script's own that sends it slowly, or Debian's debuginfod); q and Ctrl-C stop the load;
# the load's warnings reach the TUI.
if(Python3_Interpreter_FOUND)
  foreach(c fetch-countdown fetch-ctrl-c fetch-q fail-file fail-fetch debuginfod-progress debuginfod-ctrl-c debuginfod-missing debuginfod-down debuginfod-server)
    add_test(NAME pty/load-${c} COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/pty/loading.py ${PVIEW} ${c}
             ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/fetch-work)
    set_tests_properties(pty/load-${c} PROPERTIES TIMEOUT 90)
    if(c MATCHES "^fetch-")
      set_tests_properties(pty/load-${c} PROPERTIES FIXTURES_REQUIRED fetchsrv LABELS fetch)
    endif()
  endforeach()
endif()
