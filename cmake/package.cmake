# The Debian package: `cpack -G DEB` in the build directory (see README, "Release checklist").
# Contents: the binary (stripped), the man page, the themes, README, the copyright file and the
# changelog (made from CHANGELOG.md), and the shell completions when the build generated them.
# Dependencies come from the binary (dpkg-shlibdeps), not from a list typed here.
include(GNUInstallDirs)

set(PVIEW_MAINTAINER "pview maintainers <maintainers@users.noreply.r-seed-a6346acb.example>"
    CACHE STRING "Maintainer field of the Debian package (Name <email>)")
set(PVIEW_HOMEPAGE "https://pview.example/"
    CACHE STRING "Homepage field of the Debian package")

set(PVIEW_DOCDIR ${CMAKE_INSTALL_DATADIR}/doc/pview)
set(PVIEW_PKG_DIR ${CMAKE_BINARY_DIR}/packaging)

# Shell completions, generated into the build tree by the build; installed when present.
install(FILES ${CMAKE_BINARY_DIR}/completions/pview
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions OPTIONAL)
install(FILES ${CMAKE_BINARY_DIR}/completions/_pview
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions OPTIONAL)

# Documentation: README, Debian's machine-readable copyright file, and the changelog in Debian's
# format (for a native package: changelog.gz), made from CHANGELOG.md.
configure_file(${CMAKE_SOURCE_DIR}/packaging/copyright ${PVIEW_PKG_DIR}/copyright @ONLY)
add_custom_command(OUTPUT ${PVIEW_PKG_DIR}/changelog.gz
  COMMAND ${CMAKE_COMMAND} -DIN=${CMAKE_SOURCE_DIR}/CHANGELOG.md -DOUT=${PVIEW_PKG_DIR}/changelog
          -DMAINTAINER=${PVIEW_MAINTAINER} -P ${CMAKE_SOURCE_DIR}/cmake/gen-changelog.cmake
  COMMAND gzip -9nf ${PVIEW_PKG_DIR}/changelog
  DEPENDS ${CMAKE_SOURCE_DIR}/CHANGELOG.md ${CMAKE_SOURCE_DIR}/cmake/gen-changelog.cmake
  COMMENT "Debian changelog from CHANGELOG.md"
  VERBATIM)
add_custom_target(pview_changelog ALL DEPENDS ${PVIEW_PKG_DIR}/changelog.gz)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${PVIEW_PKG_DIR}/copyright ${PVIEW_PKG_DIR}/changelog.gz
        DESTINATION ${PVIEW_DOCDIR})

# Directories made by install() get Debian's 0755 whatever the umask.
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(CPACK_PACKAGE_NAME pview)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "pview maintainers")
set(CPACK_PACKAGE_CONTACT ${PVIEW_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "terminal explorer for pprof profiles")
set(CPACK_PACKAGE_DESCRIPTION
"pview opens pprof-format CPU and memory profiles (profile.proto, gzipped or
raw, and the legacy gperftools formats) in a curses interface, for machines
reached over ssh with no browser.

With a report flag (-top) it prints what go tool pprof prints for the same
profile. Address-only profiles of C, C++ and Rust programs are symbolized
from the ELF/DWARF debug information of their binaries.")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${PVIEW_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PVIEW_HOMEPAGE})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# What debhelper does in a Debian build: .comment/.note stripped, man pages gzipped, no empty dirs
set(CPACK_PVIEW_STRIP ${CMAKE_STRIP})
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_SOURCE_DIR}/cmake/package-compress.cmake)
include(CPack)
