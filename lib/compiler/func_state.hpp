// Per-function compiler state: registers, lexical scopes, loops, and the emitter.
#pragma once
#include <climits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bytecode/proto.hpp"

namespace gene {

// Special destinations for an expression's value.
constexpr int kDiscard = -1;  // value unused
constexpr int kReturn = -2;   // value returned from the function

using ScopeVar = std::pair<Symbol*, int>;  // a variable: its name and register

struct Scope {
  std::vector<ScopeVar> names;                 // declaration order; later shadows earlier
  int min_reg = INT_MAX;                       // lowest register of a variable declared here
  bool captured = false;                       // some closure captured one of its variables
  std::vector<size_t> local_infos;             // their Proto::locals entries, closed at scope end
  // For capture by value, decided when the scope ends: the upvalues of closures that
  // capture a variable of this scope, the variables whose declaration gives them their
  // value before any closure can capture them (a var, a parameter without default, a for
  // loop's names, a block's self), and those assigned.
  struct Capture {
    ScopeVar var;
    Proto* child;
    uint16_t index;
  };
  std::vector<Capture> captures;
  std::vector<ScopeVar> set_once;
  std::vector<ScopeVar> assigned;
};

// The variables of a running frame that code compiled by eval or $caller_eval may use;
// for eval code, also those of the frame it runs for (nested eval sees them all).
struct EvalEnv {
  struct Var {
    Symbol* name;
    bool is_upvalue;  // else a register of the frame
    uint16_t index;
    uint32_t frame;   // the frame that holds it
  };
  std::vector<Var> vars;
  const Var* find(Symbol* name) const {
    for (auto v = vars.rbegin(); v != vars.rend(); ++v)
      if (v->name == name) return &*v;
    return nullptr;
  }
};

struct LoopInfo {
  int result_reg;                 // where `break v` stores v, or kDiscard
  size_t scope_depth;             // number of scopes open outside the loop
  size_t try_depth;               // handlers open outside the loop
  int first_var_reg = INT_MAX;    // lowest register of a variable declared in the body
  bool captured = false;          // a closure captured one of them: close them per iteration
  std::vector<int> breaks;        // jumps to patch to the loop's exit
  std::vector<int> continues;     // jumps to patch to the next iteration
};

struct FuncState {
  Proto* proto;
  FuncState* parent;
  std::vector<Scope> scopes;
  std::vector<LoopInfo> loops;
  // Open try blocks, innermost last: the finally forms to run when leaving early.
  std::vector<std::vector<Value>> tries;
  int in_finally = 0;  // return/break/continue inside finally are ignored (§12.2)
  bool is_block = false;  // a -> block: self is the enclosing function's self (§8.8)
  int freereg = 0;
  std::vector<int> reserved;  // registers set aside for `var`s of the current statement
  size_t next_reserved = 0;
  std::unordered_map<Symbol*, int> symbol_consts;
  // A variable read as a left operand is read in place, not copied, when the later
  // operands cannot assign it: they do not name it, and (known only once the whole
  // function is compiled) no closure captures a variable of this function and no eval or
  // macro reaches them by name. Otherwise the function is compiled again without it.
  bool reads_in_place = false;
  bool relied_on_reads_in_place = false;
  bool variables_reachable = false;  // captured by a closure, or reachable by eval/macros
  bool runtime_capture = false;      // eval or a macro reaches its variables by name

  FuncState(Proto* p, FuncState* up) : proto(p), parent(up) {}
};

}  // namespace gene
