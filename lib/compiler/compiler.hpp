// Gene data -> register bytecode. Resolves locals to registers, captures upvalues, and
// follows the evaluation rules of §3.7 of the language reference.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "bytecode/proto.hpp"
#include "runtime/heap.hpp"

namespace gene {

class CompileError : public std::runtime_error {
 public:
  CompileError(SourcePos p, const std::string& msg) : std::runtime_error(msg), pos(p) {}
  SourcePos pos;
};

struct CompileOptions {
  bool optimize = true;  // constant folding and specialised instructions
};

// Compiles the forms of one source file (or eval string) into its module proto.
// Collection must be paused (or the forms rooted) by the caller.
Proto* compile_module(Heap& heap, const std::vector<Value>& forms, uint32_t file_id,
                      const CompileOptions& options = {});

}  // namespace gene
