# pview --version: the project version, git describe of a checkout, and one line per linked
# library whose "built with" version is the one pkg-config found at configure time.
add_test(NAME version
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/version/check.sh ${PVIEW} ${CMAKE_SOURCE_DIR}
                 ${PROJECT_VERSION} ${NCURSESW_VERSION} ${ZLIB_VERSION} ${PROTOBUFC_VERSION}
                 ${LIBDW_VERSION})
set_tests_properties(version PROPERTIES TIMEOUT 60 LABELS version)
