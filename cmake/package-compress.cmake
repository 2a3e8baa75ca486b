# CPack pre-build script (cmake/package.cmake), run on the staging directory before the package
# is made, doing what debhelper does in a Debian build: executables stripped of the .comment and
# .note sections too (as dh_strip does; CPACK_STRIP_FILES strips only symbols), man pages gzipped
# (-9n, no timestamp), and directories left empty (the completion directories when the build
# made no completion files) removed.
set(root ${CPACK_TEMPORARY_DIRECTORY})
file(GLOB programs ${root}/*/bin/*)
foreach(p IN LISTS programs)
  execute_process(COMMAND ${CPACK_PVIEW_STRIP} --remove-section=.comment --remove-section=.note ${p}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "strip ${p} failed")
  endif()
endforeach()
file(GLOB_RECURSE manpages ${root}/*/share/man/man*/*)
foreach(page IN LISTS manpages)
  if(NOT page MATCHES "\\.gz$")
    execute_process(COMMAND gzip -9nf ${page} RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "gzip ${page} failed")
    endif()
  endif()
endforeach()
# deepest first, so a parent emptied by its children's removal goes too
file(GLOB_RECURSE dirs LIST_DIRECTORIES true ${root}/*)
list(SORT dirs)
list(REVERSE dirs)
foreach(d IN LISTS dirs)
  if(IS_DIRECTORY ${d})
    file(GLOB entries ${d}/*)
    if(NOT entries)
      file(REMOVE_RECURSE ${d}) # empty: checked above
      message(STATUS "package: dropped empty directory ${d}")
    endif()
  endif()
endforeach()
