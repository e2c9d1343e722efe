# -DGENE_SANITIZE=address,undefined instruments every target of the project.
if(GENE_SANITIZE)
  set(_gene_san_flags -fsanitize=${GENE_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_compile_options(${_gene_san_flags})
  add_link_options(${_gene_san_flags})
  add_compile_definitions(GENE_SANITIZED=1)
endif()
