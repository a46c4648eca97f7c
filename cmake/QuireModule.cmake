# quire_module(<target> [HEADERS <dir>]): makes a library target one module of the installable Quire package.
#
# - Header isolation: the target's public include root holds only its own headers, include/quire/<dir>, seen
#   through a configure-time symlink build/include-modules/<target>/quire/<dir>. A module that includes
#   another module's header without linking that module does not compile; nothing adds include/ as a whole.
# - Export: installed into lib/ and exported as Quire::<name without quire_> (EXPORT QuireTargets); the
#   headers go to include/quire/<dir>. Quire::<name> is also an alias in the build tree.
# - Warnings: quire_warnings is linked for the build only (it is not part of the exported interface).
# - Precompiled third-party headers (quire_precompile, QuireOptions.cmake).
function(quire_module target)
  cmake_parse_arguments(ARG "" "HEADERS" "" ${ARGN})
  if(ARG_HEADERS)
    set(headers ${PROJECT_SOURCE_DIR}/include/quire/${ARG_HEADERS})
    if(NOT IS_DIRECTORY ${headers})
      message(FATAL_ERROR "quire_module(${target}): no header folder ${headers}")
    endif()
    set(root ${PROJECT_BINARY_DIR}/include-modules/${target})
    file(MAKE_DIRECTORY ${root}/quire)
    file(CREATE_LINK ${headers} ${root}/quire/${ARG_HEADERS} RESULT failed SYMBOLIC)
    if(failed)
      message(FATAL_ERROR "quire_module(${target}): cannot link ${root}/quire/${ARG_HEADERS}: ${failed}")
    endif()
    target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${root}>)
    install(DIRECTORY ${headers} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/quire)
  endif()
  target_include_directories(${target} INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(${target} PRIVATE $<BUILD_INTERFACE:quire_warnings>)
  quire_precompile(${target})

  string(REGEX REPLACE "^quire_" "" name ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
  add_library(Quire::${name} ALIAS ${target})
  install(TARGETS ${target} EXPORT QuireTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
endfunction()
