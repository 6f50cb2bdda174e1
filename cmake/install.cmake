# `cmake --install`: the public headers, libconclave.a and libconclave.so,
# the CMake package (find_package(conclave CONFIG) gives conclave::conclave)
# and conclave.pc for pkg-config. Nothing from src/ is installed.
include(CMakePackageConfigHelpers)
set(conclave_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/conclave)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/conclave
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")
# The C API (issue 23): one C99 header.
install(FILES ${PROJECT_SOURCE_DIR}/include/conclave.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

install(TARGETS conclave EXPORT conclave-static-targets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT conclave-static-targets NAMESPACE conclave:: DESTINATION ${conclave_cmake_dir})
if(CONCLAVE_BUILD_SHARED)
  install(TARGETS conclave_shared EXPORT conclave-shared-targets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT conclave-shared-targets NAMESPACE conclave:: DESTINATION ${conclave_cmake_dir})
endif()

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/conclave-config.cmake.in
  ${PROJECT_BINARY_DIR}/conclave-config.cmake INSTALL_DESTINATION ${conclave_cmake_dir})
# Before 1.0 a minor version may change the API, so only the same major.minor matches.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/conclave-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/conclave-config.cmake ${PROJECT_BINARY_DIR}/conclave-config-version.cmake
  DESTINATION ${conclave_cmake_dir})

# pkg-config: the .pc file finds its prefix from where it is installed, so
# the install directories must be relative to the prefix.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  message(FATAL_ERROR "Conclave's package is relocatable: CMAKE_INSTALL_LIBDIR and "
                      "CMAKE_INSTALL_INCLUDEDIR must be relative to the install prefix")
endif()
file(RELATIVE_PATH conclave_pc_prefix /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" conclave_pc_prefix "${conclave_pc_prefix}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/conclave.pc.in ${PROJECT_BINARY_DIR}/conclave.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/conclave.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
