// `gene repl`: an interactive session over one persistent module.
#pragma once

namespace gene {
struct VMOptions;
struct CompileOptions;
int run_repl(const VMOptions& vm_options, const CompileOptions& compile_options);
}  // namespace gene
