// The compiler's internals, shared by the files of lib/compiler (not a public header).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "compiler/compiler.hpp"
#include "compiler/func_state.hpp"
#include "runtime/symbol.hpp"

namespace gene {

// A form's children and props as the dispatcher sees them (after infix rewriting).
struct Form {
  Value head;
  std::vector<Value> args;
  const PropMap* props = nullptr;
  SourcePos pos;
  bool has_props() const { return props && !props->empty(); }
};

// One step of a selector: a key expression, or (method) the name of a method to call.
struct SelectorStep {
  Value expr;
  bool method;
};

class Compiler {
 public:
  Compiler(Heap& heap, uint32_t file, const CompileOptions& opts) : heap_(heap), file_(file), opts_(opts) {}
  Proto* module(const std::vector<Value>& forms);

  // ---- emitter (emit.cpp) ----
  int emit(Instr i);
  int emit_abc(Op op, int a, int b, int c) { return emit(make_abc(op, a, b, c)); }
  int emit_abx(Op op, int a, int64_t bx) { return emit(make_abx(op, a, bx)); }
  int emit_jump(Op op, int a);  // 32-bit forward jump, patched later
  void patch_jump(int at);      // to the current pc
  void patch_jump_to(int at, int target);
  void patch_short_jump(int at);  // compare-and-branch (16-bit offset in C)
  void patch_short_jump_to(int at, int target);
  void emit_loop_back(int loop_index, int target);
  int pc() const { return static_cast<int>(fs_->proto->code.size()); }
  int constant(Value v);
  int symbol_constant(Symbol* s);
  int alloc_reg();
  void free_to(int reg) { fs_->freereg = reg; }
  void load_constant(Value v, int dst);
  void finish(int dst, int reg);      // routes a value in reg to dst (move, return, drop)
  int target(int dst) { return dst >= 0 ? dst : alloc_reg(); }
  void error_at_runtime(const std::string& message, int dst);
  [[noreturn]] void fail(const std::string& message);

  // ---- scopes and names (scope.cpp) ----
  void push_scope();
  void pop_scope();  // closes captured variables of the scope
  int take_var_reg();
  // set_once: the declaration gives the variable its value before any closure can see it
  // (a var, a parameter without default, a for loop's names, a block's self); unless
  // assigned later, closures copy it (settle_captures).
  int declare_var(Symbol* name, int reg = -1, bool set_once = false);
  bool reserve_vars(Value statement);
  void drop_reservations(bool owned);
  int find_local(FuncState* fs, Symbol* name);
  int find_upvalue(FuncState* fs, Symbol* name);
  int env_upvalue(FuncState* root, Symbol* name);
  void note_runtime_capture();
  void note_assigned(FuncState* fs, Symbol* name);
  void settle_captures(Scope& s);

  // ---- expressions (expr.cpp) ----
  void expr(Value v, int dst);
  int expr_any(Value v);
  int operand(Value v, const Value* later, size_t n);
  bool is_pure(Value v, int depth = 0);
  void statement(Value v);
  void block(const Value* forms, size_t n, int dst);
  void symbol(Symbol* s, int dst);
  void path(ComplexSymbol* cs, int dst);
  int path_prefix(ComplexSymbol* cs, size_t upto, int dst);
  void array_literal(Array* a, int dst);
  void append_element(int target, Value e);
  void map_literal(Map* m, int dst);
  void gene_form(Gene* g, int dst);
  void dispatch(Form& f, int dst);
  void data_gene(Value type_value, bool type_is_constant, Form& f, int dst);
  void global_get(Symbol* s, int dst);
  int global_cache(Symbol* s);
  bool is_spread(Value v) const;

  // ---- operators (operators.cpp) ----
  bool is_arith_op(Symbol* s) const;
  bool is_compare_op(Symbol* s) const;
  void arith(Symbol* op, Form& f, int dst);
  void binary(Op op, Value a, Value b, int dst);
  void logic(bool is_and, Value a, Value b, int dst);
  bool infix_chain(Value head, Form& f, int dst);
  // Branches on a condition's truthiness: jumps (to be patched) when it is `when`, falls
  // through otherwise. &&, || and not become jumps, comparisons compare-and-branch.
  void cond_jump(Value cond, bool when, std::vector<int>& jumps, std::vector<int>& short_jumps);
  void cond_jump_false(Value cond, std::vector<int>& jumps, std::vector<int>& short_jumps) {
    cond_jump(cond, false, jumps, short_jumps);
  }
  bool compare_jump(Value cond, bool when, std::vector<int>& jumps, std::vector<int>& short_jumps);
  // A while test's right operand, an Int too large for an immediate, loaded into a
  // register once before the loop; the test then reads the register (loop_bound_).
  void hoist_loop_bound(Value cond);
  bool fold_constant(Symbol* op, Value a, Value b, Value* out) const;

  // ---- assignment (assign.cpp) ----
  void assign(Value target, Symbol* op, Value rhs, int dst);
  void var_form(Form& f, int dst);
  bool writes_dst_last(Value v);
  bool one_step_path(ComplexSymbol* cs);

  // ---- control flow (control.cpp) ----
  void if_form(Form& f, int dst);
  void do_form(Form& f, int dst);
  void loop_form(Form& f, int dst);
  void while_form(Form& f, int dst);
  void for_form(Form& f, int dst);
  bool literal_range(Value v, Value* low, Value* high) const;
  void repeat_form(Form& f, int dst);
  void break_form(Form& f, int dst, bool is_break);
  void return_form(Form& f, int dst);
  void close_loop_vars(const LoopInfo& loop);
  int begin_loop(int result_reg);
  // back is LOOP, or FORLOOP/REPLOOP with operands A and B (they test and step too).
  LoopInfo end_iteration(int loop_index, int top, Op back = Op::LOOP, int a = 0, int b = 0);
  LoopInfo end_body();  // continue lands here; the body's variables close
  bool plain_comparison(Value cond) const;
  void leave_tries(size_t depth);
  void run_finally(const std::vector<Value>& forms);

  // ---- classes, namespaces, exceptions (classes.cpp, exceptions.cpp) ----
  void class_form(Form& f, int dst);
  int class_head(Form& f, int dst, const char* what, Symbol** name, size_t* body);
  void object_form(Form& f, int dst);
  void ns_form(Form& f, int dst);
  void body_in(int owner, const Value* body, size_t n, SourcePos pos);
  void method_def(Form& f, int dst, bool is_ctor, bool is_macro = false);
  void new_form(Form& f, int dst);
  void super_form(Form& f, int dst);
  void try_form(Form& f, int dst);
  void throw_form(Form& f, int dst);
  void async_form(Form& f, int dst);
  Value async_body(const Value* body, size_t n, SourcePos pos);
  void define_name(Value name_form, Symbol* name, int reg);

  // ---- macros, eval, templates, strings (macros.cpp) ----
  bool is_macro_name(Value head);
  void macro_call(Form& f, int dst);
  void quoted_args(int window, Form& f);
  void unary_op(Op op, Form& f, int dst);
  void concat_form(const std::vector<Value>& parts, int dst);
  void with_form(Form& f, int dst, bool is_tap);
  void import_form(Form& f, int dst);

  // ---- patterns, enums, selectors (patterns.cpp) ----
  void match_form(Form& f, int dst);
  void destructure(Array* pattern, int src);
  void bind_pattern(Array* pattern, int bindings, int* next, int depth);
  void case_form(Form& f, int dst);
  void enum_form(Form& f, int dst);
  void selector_form(const std::vector<SelectorStep>& steps, int dst);
  void selector_call_form(Symbol* head, Form& f, int dst);
  bool selector_literal(Value v, std::vector<SelectorStep>* steps);
  void set_form(Form& f, int dst);
  bool selector_keys(Value v, std::vector<Value>* key_exprs);

  // ---- functions and calls (function.cpp) ----
  void fn_form(Form& f, int dst, Symbol* kind);
  Proto* definition_proto(Form& f, Symbol* name, Value params, size_t body_start);
  void block_literal(Value params, const Value* body, size_t n, int dst);
  Proto* function_proto(Symbol* name, Value params, const Value* body, size_t n, SourcePos pos,
                        bool lexical_barrier = false, bool is_block = false);
  Proto* function_attempt(Symbol* name, Value params, const Value* body, size_t n, SourcePos pos,
                          bool lexical_barrier, bool is_block, bool reads_in_place, bool* redo);
  void call(Value callee, Form& f, int dst);
  void call_args(int window, Form& f, size_t first_arg, Op op, int c_operand, int dst);
  void call_window(Value head, Form& f, size_t first_arg, Op op, int dst);
  int open_window(int dst, int& save);
  bool names_global(Symbol* s);
  static bool two_int_builtin(const Symbol* s);
  void method_call(Value receiver, Symbol* method, Form& f, size_t first_arg, int dst);
  bool is_macro_method(Symbol* method);

  Heap& heap_;
  uint32_t file_;
  MacroLookup macros_;
  const EvalEnv* env_ = nullptr;  // set when compiling for eval: the frame's variables
  CompileOptions opts_;
  FuncState* fs_ = nullptr;
  SourcePos pos_;
  struct LoopBound {
    int reg = -1;  // none
    int64_t value = 0;
  } loop_bound_;
  int depth_ = 0;
  bool no_reads_in_place_ = false;  // while a function compiles again: its nested ones once
  static constexpr int kMaxNesting = 1000;
  static constexpr size_t kInternedLiteralMax = 40;  // bytes: longer literals are rarely compared
};

// Helpers on data, shared with the static checker (check.cpp).
// One branch of an if after normalising the shapes of §7.2 (control.cpp).
struct IfClause {
  Value cond;  // unset for the else branch
  bool negate = false;
  bool is_else = false;
  std::vector<Value> body;
};
// Normalises the shapes of §7.2 into clauses; returns false for `(if c)`.
bool parse_if(const std::vector<Value>& args, std::vector<IfClause>& out);

// One parameter of a parameter list (§8.2; function.cpp).
struct ParamSpec {
  Symbol* name = nullptr;
  Value default_value;
  bool has_default = false;
  bool named = false;
  bool rest = false;
  Array* destructure = nullptr;  // [[a b] c]: the argument is split into a and b
  bool to_self = false;          // [/p]: stored into self's property p
};
std::vector<ParamSpec> parse_params(Value params);

// Heads that are never rewritten as infix (§3.7 step 5; expr.cpp).
bool blocks_infix(const Syms& S, Value head);
bool is_selector_op(const Syms& S, Value v);
// The simple name of a definition written as a symbol, a string or a path a/b/name (classes.cpp).
Symbol* definition_name(Value v);

inline bool sym_is(Value v, const Symbol* s) { return is_symbol(v, s); }
// An Int that fits an instruction's signed 16-bit immediate, and that immediate.
inline bool small_int(Value v) { return is_int(v) && as_int(v) >= INT16_MIN && as_int(v) <= INT16_MAX; }
inline uint16_t imm(Value v) { return static_cast<uint16_t>(static_cast<int16_t>(as_int(v))); }
// A literal whose == is a comparison with a constant (JNEQK): a number, string, char,
// bool or nil.
inline bool equality_literal(Value v) {
  switch (v.tag) {
    case Tag::Nil: case Tag::Bool: case Tag::Int: case Tag::Float: case Tag::Char: case Tag::String: return true;
    default: return false;
  }
}
// The value of an operand that == compares with a constant: a literal as above, or a
// quoted name (:push), whose symbol is equal only to itself. False for anything else.
inline bool equality_constant(Value form, Value* out) {
  if (is_tag(form, Tag::Quote) && is_symbol(as_quote(form)->value)) {
    *out = as_quote(form)->value;
    return true;
  }
  *out = form;
  return equality_literal(form);
}
bool symbol_ends_with(const Symbol* s, std::string_view suffix);
bool symbol_starts_with(const Symbol* s, std::string_view prefix);
bool parse_index(const Symbol* s, int64_t* out);
Symbol* async_symbol();  // the head of (async …) and the prop of (fn ^^async …)

}  // namespace gene
