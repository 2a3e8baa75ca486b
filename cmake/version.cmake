# pview's version: PROJECT_VERSION, plus `git describe --always --dirty` when the source tree is
# a git checkout. The header is rewritten at every build (only when its text changes), so a new
# commit or an edit shows in --version without re-running cmake.
set(PVIEW_VERSION_DIR ${CMAKE_BINARY_DIR}/generated)
add_custom_target(pview_version_header
  COMMAND ${CMAKE_COMMAND} -DSRC=${CMAKE_SOURCE_DIR} -DOUT=${PVIEW_VERSION_DIR}/pview_version.h
          -DVERSION=${PROJECT_VERSION} -P ${CMAKE_SOURCE_DIR}/cmake/gen-version.cmake
  BYPRODUCTS ${PVIEW_VERSION_DIR}/pview_version.h
  COMMENT "pview version header"
  VERBATIM)
target_include_directories(pview PRIVATE ${PVIEW_VERSION_DIR})
add_dependencies(pview pview_version_header)
