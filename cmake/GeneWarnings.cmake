# Warnings are errors for our own code; dependencies come in as SYSTEM includes.
function(gene_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
endfunction()
