# What `cmake --install build --prefix P` puts under P, and the Debian package of it:
#   bin/gene                     the command
#   lib/gene/libgene-jit.so      the JIT plugin (the VM looks in ../lib/gene from bin/)
#   lib/libgene.a                the embedding library: every stage in one archive
#   include/gene/*.hpp           its public headers
#   lib/cmake/gene/              find_package(gene CONFIG) -> gene::gene
#   lib/pkgconfig/gene.pc        pkg-config --cflags --libs gene
include(CMakePackageConfigHelpers)

# One archive of the objects of every stage, so that hosts link one library.
add_library(gene_library STATIC
  $<TARGET_OBJECTS:gene_runtime> $<TARGET_OBJECTS:gene_reader> $<TARGET_OBJECTS:gene_vm> $<TARGET_OBJECTS:gene_embed>)
set_target_properties(gene_library PROPERTIES OUTPUT_NAME gene EXPORT_NAME gene LINKER_LANGUAGE CXX)
target_include_directories(gene_library INTERFACE
  $<BUILD_INTERFACE:${CMAKE_SOURCE_DIR}/include> $<BUILD_INTERFACE:${CMAKE_BINARY_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_compile_features(gene_library INTERFACE cxx_std_20)
# The public headers use none of these; a static library still needs them at link time.
# fmt and spdlog are inside the archive (lib/CMakeLists.txt).
target_link_libraries(gene_library PRIVATE pcre2-8 uv_a pthread ${CMAKE_DL_LIBS})

install(TARGETS gene RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(GENE_JIT)
  install(TARGETS gene_jit LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/gene)
endif()
install(TARGETS gene_library EXPORT gene-targets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY include/gene DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")
install(FILES ${CMAKE_BINARY_DIR}/include/gene/version.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gene)

set(GENE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/gene)
install(EXPORT gene-targets NAMESPACE gene:: DESTINATION ${GENE_CMAKE_DIR})
configure_package_config_file(cmake/gene-config.cmake.in ${CMAKE_BINARY_DIR}/gene-config.cmake
  INSTALL_DESTINATION ${GENE_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/gene-config-version.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/gene-config.cmake ${CMAKE_BINARY_DIR}/gene-config-version.cmake
  DESTINATION ${GENE_CMAKE_DIR})

# gene.pc finds its prefix relative to itself, so the installed tree can move.
file(RELATIVE_PATH GENE_PC_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(cmake/gene.pc.in ${CMAKE_BINARY_DIR}/gene.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/gene.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# cpack -G DEB: one package with the command, the plugin and the library. Its
# dependencies come from dpkg-shlibdeps; the -dev packages are what building a host needs.
set(CPACK_PACKAGE_NAME gene)
set(CPACK_PACKAGE_VENDOR "Gene")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "The Gene programming language: interpreter, JIT compiler and embedding library")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Gene maintainers")
set(CPACK_DEBIAN_PACKAGE_SECTION interpreters)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libpcre2-dev, libuv1-dev, pkg-config, cmake")
include(CPack)
