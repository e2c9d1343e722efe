# Used by build.sh (as CMAKE_PROJECT_INCLUDE) while the top-level CMakeLists.txt does
# not add test/fuzz itself: reads test/fuzz/CMakeLists.txt at the end of the top-level
# directory, once every library target exists. (Deferred code may not call
# add_subdirectory, so the file is included instead; it uses CMAKE_CURRENT_LIST_DIR.)
function(_gene_fuzz_add_late)
  if(NOT TARGET gene_fuzz_lib)
    include(${CMAKE_SOURCE_DIR}/test/fuzz/CMakeLists.txt)
  endif()
endfunction()
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL _gene_fuzz_add_late)
