# The installed package: `cmake --install build --prefix P` gives
#   P/bin/quire, P/bin/quire-ide (when the GUI is built)
#   P/lib/libquire_*.a, P/include/quire/<module>/*.h
#   P/lib/cmake/Quire/QuireConfig.cmake, QuireConfigVersion.cmake, QuireTargets*.cmake  (Quire::<module>)
# Each library adds itself to the QuireTargets export set (quire_module, cmake/QuireModule.cmake).
include(CMakePackageConfigHelpers)
set(QUIRE_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/Quire)

install(EXPORT QuireTargets NAMESPACE Quire:: DESTINATION ${QUIRE_INSTALL_CMAKEDIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/QuireConfig.cmake.in
  ${PROJECT_BINARY_DIR}/QuireConfig.cmake INSTALL_DESTINATION ${QUIRE_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/QuireConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/QuireConfig.cmake ${PROJECT_BINARY_DIR}/QuireConfigVersion.cmake
  DESTINATION ${QUIRE_INSTALL_CMAKEDIR})
