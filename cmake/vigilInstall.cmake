# Installs the headers, the CMake package (vigil::vigil and, where they were defined,
# vigil::gperftools and vigil::http) and pkg-config files carrying the same switches and
# libraries: vigil.pc, vigil-gperftools.pc, vigil-http.pc.
install(TARGETS vigil EXPORT vigilTargets)
install(DIRECTORY include/vigil DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
set(vigil_cmake_dir ${CMAKE_INSTALL_DATADIR}/cmake/vigil)
set(vigil_pc_dir ${CMAKE_INSTALL_DATADIR}/pkgconfig)
install(EXPORT vigilTargets NAMESPACE vigil:: DESTINATION ${vigil_cmake_dir})

configure_package_config_file(cmake/vigilConfig.cmake.in ${PROJECT_BINARY_DIR}/vigilConfig.cmake
                              INSTALL_DESTINATION ${vigil_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/vigilConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${PROJECT_BINARY_DIR}/vigilConfig.cmake ${PROJECT_BINARY_DIR}/vigilConfigVersion.cmake
              cmake/vigilDependencies.cmake DESTINATION ${vigil_cmake_dir})

set(vigil_pc_libs "-pthread")
foreach(lib ${CMAKE_DL_LIBS})
  string(APPEND vigil_pc_libs " -l${lib}")
endforeach()
configure_file(cmake/vigil.pc.in ${PROJECT_BINARY_DIR}/vigil.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/vigil.pc DESTINATION ${vigil_pc_dir})

foreach(piece gperftools http)
  if(TARGET vigil_${piece})
    install(TARGETS vigil_${piece} EXPORT vigil_${piece}Targets)
    install(EXPORT vigil_${piece}Targets NAMESPACE vigil:: DESTINATION ${vigil_cmake_dir})
    set(vigil_pc_piece_libs "")
    foreach(lib ${VIGIL_DEP_${piece}_LIBRARIES})
      string(APPEND vigil_pc_piece_libs " -l${lib}")
    endforeach()
    configure_file(cmake/vigil-${piece}.pc.in ${PROJECT_BINARY_DIR}/vigil-${piece}.pc @ONLY)
    install(FILES ${PROJECT_BINARY_DIR}/vigil-${piece}.pc DESTINATION ${vigil_pc_dir})
  endif()
endforeach()
