# The Debian package of the desktop application: `cpack -G DEB` in a build directory (scripts/package) gives
# quire_<version>_<arch>.deb with the `runtime` install component only: bin/quire, bin/quire-ide, the SQLite
# extension (lib/quire/), man pages, shell completions, the .desktop entry, AppStream metainfo, hicolor icons and
# the Sigma workbook MIME types. The developer files (static libraries, headers, CMake package) stay out of it;
# `cmake --install` still installs everything. docs/packaging.md describes the package and its test.
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/quire RENAME copyright COMPONENT runtime)

# Everything the runtime component installs, built by `cmake --build BUILD --target quire_package_contents`
# (scripts/package with an existing build directory builds no more than that).
add_custom_target(quire_package_contents)
foreach(target quire quire_sqlite quire_cli_docs quire-ide quire_desktop_icons)
  if(TARGET ${target})
    add_dependencies(quire_package_contents ${target})
  endif()
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME quire)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The Quire authors")
set(CPACK_PACKAGE_CONTACT "The Quire authors <quire@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "IDE and command line for Sigma Computing workbooks as code")
set(CPACK_PACKAGE_DESCRIPTION "Quire designs, previews, validates and publishes Sigma Computing workbooks kept \
as JSON or YAML files in git: a Qt desktop IDE (quire-ide) with live previews on an embedded sample warehouse \
or any ODBC warehouse, and the quire command line for CI (validate, diff, merge driver, publish).")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
# Only the runtime component, installed under /usr.
set(CPACK_INSTALL_CMAKE_PROJECTS "${PROJECT_BINARY_DIR};${PROJECT_NAME};runtime;/")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # quire_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The shared libraries the binaries link (Qt 6, unixODBC, libgit2, libyaml, ...) as Debian package names, from
# dpkg-shlibdeps (dpkg-dev).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What the binaries load or run without linking it: the SQLite ODBC driver of the embedded sample warehouse
# (registered as "SQLite3" in odbcinst.ini) is needed for any preview; the PostgreSQL driver, git (merge driver,
# history) and psql (warehouse load-postgres) only for those features.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libsqliteodbc")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "odbc-postgresql, git, fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client")

include(CPack)
