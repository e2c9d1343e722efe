// Bytecode -> LLVM IR for one proto. Every opcode of opcodes.def has a lowering here:
// inline IR for the fast paths, the interpreter's own handler (gene_jit_step) for the rest.
#pragma once
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include <memory>
#include <string>

#include "jit/tier.hpp"

namespace gene::jit {

struct Lowered {
  std::unique_ptr<llvm::Module> module;
  bool promoted_loops;  // some loop keeps its registers in SSA values: worth the loop passes
  // The proto has a frameless clone (fib, tak), which its self-calls run: the framed
  // function runs once per call from outside, or after the clone bailed out.
  bool frameless_clone;
  std::string inlined;  // for --jit-stats ("inlined sq, norm2; self-calls without frames")
};
// Host objects that live as long as the code (a proto's caches, the VM's epochs) are
// external globals named kHostObjectPrefix + hex address + "_" + size, which the engine
// defines at that address: LLVM may then hoist their loads out of loops, as it never
// does for an integer cast to a pointer.
inline constexpr const char* kHostObjectPrefix = "gene_host_";
// The function is named `name` and has the type of jit::Entry.
Lowered lower_proto(llvm::LLVMContext& ctx, const CompileRequest& req, const std::string& name);

}  // namespace gene::jit
