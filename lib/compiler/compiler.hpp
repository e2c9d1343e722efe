// Gene data -> register bytecode. Resolves locals to registers, captures upvalues, and
// follows the evaluation rules of §3.7 of the language reference.
#pragma once
#include <functional>
#include <memory>
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

// Tells the compiler whether a global name (a symbol, or a path ns/m) currently holds a
// macro, so that a call of it passes its arguments unevaluated.
using MacroLookup = std::function<bool(Value)>;

// Compiles a module one top-level form at a time, so that each form sees the macros and
// definitions of the forms that ran before it (§3.1). All forms share one register
// window: top-level variables keep their registers from form to form (and across REPL
// lines). Collection must be paused (or the forms rooted) while compiling.
class ModuleCompiler {
 public:
  ModuleCompiler(Heap& heap, uint32_t file_id, const CompileOptions& options, MacroLookup macros = {});
  ~ModuleCompiler();
  ModuleCompiler(const ModuleCompiler&) = delete;
  ModuleCompiler& operator=(const ModuleCompiler&) = delete;

  // A proto that evaluates form in the module's register window and returns its value.
  // pos is where form starts, for errors in a form that is not a gene (a bare path).
  Proto* compile(Value form, SourcePos pos = {});
  // Registers the window needs so far (every form's proto is at most this large).
  uint16_t window_size() const;
  // The names of the module's top-level variables so far (REPL completion).
  std::vector<Symbol*> variable_names() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

struct EvalEnv;

// Compiles code for eval and $caller_eval: names that env lists resolve to the variables
// of the frames that env describes (as upvalues of the eval function); everything else as usual.
Proto* compile_eval(Heap& heap, Value form, const EvalEnv& env, const CompileOptions& options, MacroLookup macros);

// Compiles all forms into one module proto (used by `gene compile` and tests).
Proto* compile_module(Heap& heap, const std::vector<Value>& forms, uint32_t file_id,
                      const CompileOptions& options = {});

}  // namespace gene
