// Lexical scopes: variables live in registers; closures capture them as upvalues.
#include <algorithm>

#include "compiler/compiler_impl.hpp"

namespace gene {

namespace {
// Forms whose bodies compile into a separate function: their `var`s need no register here.
bool opens_function(const Syms& S, Value head) {
  return sym_is(head, S.fn) || sym_is(head, S.fnx) || sym_is(head, S.fnxx) || sym_is(head, S.macro) ||
         sym_is(head, S.arrow);
}

// The names a pattern binds (nested arrays included).
int count_names(Value pattern, int depth) {
  if (is_symbol(pattern)) return 1;
  if (!is_array(pattern) || depth > 100) return 0;
  int n = 0;
  for (Value p : as_array(pattern)->items) n += count_names(p, depth + 1);
  return n;
}

// Counts the registers that the variables declared within one statement will need.
// Over-counting only wastes registers; under-counting would let a variable land among
// live temporaries, so this descends everywhere except into separate functions and quotes.
int count_vars(Value v, int depth) {
  if (depth > Compiler::kMaxNesting) return 0;  // deeper code fails to compile anyway
  const Syms& S = syms();
  switch (v.tag) {
    case Tag::Array: {
      int n = 0;
      for (Value e : as_array(v)->items) n += count_vars(e, depth + 1);
      return n;
    }
    case Tag::Map: {
      int n = 0;
      for (auto& [k, e] : as_map(v)->map.entries()) n += count_vars(e, depth + 1);
      return n;
    }
    case Tag::Gene: {
      Gene* g = as_gene(v);
      if (opens_function(S, g->type)) return 0;
      if (!g->children.empty() && sym_is(g->children[0], S.arrow)) return 0;
      int n = 0;
      if (sym_is(g->type, S.var) || sym_is(g->type, S.enum_)) n += 1;
      if (sym_is(g->type, S.match) && !g->children.empty()) n += count_names(g->children[0], 0);
      if (sym_is(g->type, S.for_) && !g->children.empty()) n += count_names(g->children[0], 0);
      n += count_vars(g->type, depth + 1);
      for (auto& [k, e] : g->props.entries()) n += count_vars(e, depth + 1);
      for (Value c : g->children) n += count_vars(c, depth + 1);
      return n;
    }
    default: return 0;
  }
}
// The innermost scope of fs that declares v.
Scope* scope_of(FuncState* fs, const ScopeVar& v) {
  for (auto s = fs->scopes.rbegin(); s != fs->scopes.rend(); ++s)
    if (std::find(s->names.begin(), s->names.end(), v) != s->names.end()) return &*s;
  return nullptr;
}

bool contains(const std::vector<ScopeVar>& vars, const ScopeVar& v) {
  return std::find(vars.begin(), vars.end(), v) != vars.end();
}

// Upvalue k of p and the upvalues of nested functions that take theirs from it hold a
// copy of the value.
void capture_by_value(Proto* p, uint16_t k) {
  if (p->upvals[k].by_value) return;
  p->upvals[k].by_value = true;
  ++p->value_upvals;
  for (Proto* child : p->protos)
    for (size_t j = 0; j < child->upvals.size(); ++j)
      if (!child->upvals[j].in_stack && child->upvals[j].index == k) capture_by_value(child, static_cast<uint16_t>(j));
}
}  // namespace

void Compiler::push_scope() { fs_->scopes.emplace_back(); }

void Compiler::pop_scope() {
  Scope& s = fs_->scopes.back();
  settle_captures(s);
  if (s.captured && s.min_reg != INT_MAX) emit_abc(Op::CLOSE, s.min_reg, 0, 0);
  for (size_t k : s.local_infos) fs_->proto->locals[k].end_pc = static_cast<uint32_t>(pc());
  fs_->scopes.pop_back();
}

// Sets registers aside for the vars a statement declares (nested ones included), so that
// a var inside an expression does not land in a temporary. Returns true when this call
// reserved them: the caller then drops what is left once the statement is compiled, so
// that no later statement takes a register it did not reserve.
bool Compiler::reserve_vars(Value statement) {
  if (fs_->next_reserved < fs_->reserved.size()) return false;  // an enclosing statement reserved them
  fs_->reserved.clear();
  fs_->next_reserved = 0;
  int n = count_vars(statement, 0);
  for (int i = 0; i < n; ++i) fs_->reserved.push_back(alloc_reg());
  return n > 0;
}

void Compiler::drop_reservations(bool owned) {
  if (!owned) return;
  fs_->reserved.clear();
  fs_->next_reserved = 0;
}

int Compiler::take_var_reg() {
  return fs_->next_reserved < fs_->reserved.size() ? fs_->reserved[fs_->next_reserved++] : alloc_reg();
}

int Compiler::declare_var(Symbol* name, int reg, bool set_once) {
  if (reg < 0) reg = take_var_reg();
  Scope& s = fs_->scopes.back();
  s.names.emplace_back(name, reg);
  if (set_once) s.set_once.emplace_back(name, reg);
  if (reg < s.min_reg) s.min_reg = reg;
  for (LoopInfo& l : fs_->loops)  // every variable declared inside a loop is renewed per iteration
    if (reg < l.first_var_reg) l.first_var_reg = reg;
  s.local_infos.push_back(fs_->proto->locals.size());
  fs_->proto->locals.push_back(LocalInfo{name, static_cast<uint16_t>(reg), static_cast<uint32_t>(pc()), UINT32_MAX});
  return reg;
}

int Compiler::find_local(FuncState* fs, Symbol* name) {
  for (auto s = fs->scopes.rbegin(); s != fs->scopes.rend(); ++s)
    for (auto n = s->names.rbegin(); n != s->names.rend(); ++n)
      if (n->first == name) return n->second;
  return -1;
}

// Eval code reaches the variables of the frame it runs for as upvalues of its own
// function (filled in when the eval closure is made), so closures inside it can capture
// them too. -1 outside eval code or for other names.
int Compiler::env_upvalue(FuncState* root, Symbol* name) {
  const EvalEnv::Var* v = env_ ? env_->find(name) : nullptr;
  if (!v) return -1;
  auto& ups = root->proto->upvals;
  for (size_t i = 0; i < ups.size(); ++i)
    if (ups[i].name == name) return static_cast<int>(i);
  ups.push_back(UpvalDesc{!v->is_upvalue, v->index, name});
  return static_cast<int>(ups.size()) - 1;
}

// Code that eval or a macro's $caller_eval compiles at run time may capture this frame's
// variables: the loops around it must close theirs per iteration.
void Compiler::note_runtime_capture() {
  fs_->variables_reachable = true;
  fs_->runtime_capture = true;
  for (LoopInfo& l : fs_->loops) l.captured = true;
}

// The variable that name means in fs (a local, or one of an enclosing function) is
// assigned somewhere: closures share it with the frame.
void Compiler::note_assigned(FuncState* fs, Symbol* name) {
  for (; fs; fs = fs->parent) {
    int reg = find_local(fs, name);
    if (reg < 0) continue;
    if (Scope* s = scope_of(fs, {name, reg})) s->assigned.emplace_back(name, reg);
    return;
  }
}

// At the end of a scope: closures capture by value each variable of it that was set once,
// before they could see it, and never assigned. Not where eval or a macro reaches the
// variables by name, since their code could assign them. --no-opt shares every captured
// variable: the differential tests then compare copying with sharing.
void Compiler::settle_captures(Scope& s) {
  if (fs_->runtime_capture || !opts_.optimize) return;
  for (const Scope::Capture& c : s.captures)
    if (contains(s.set_once, c.var) && !contains(s.assigned, c.var)) capture_by_value(c.child, c.index);
}

// Returns the upvalue index of name in fs, adding it (and any in between) on first use.
int Compiler::find_upvalue(FuncState* fs, Symbol* name) {
  if (!fs->parent) return env_upvalue(fs, name);
  auto& ups = fs->proto->upvals;
  for (size_t i = 0; i < ups.size(); ++i)
    if (ups[i].name == name) return static_cast<int>(i);
  FuncState* up = fs->parent;
  UpvalDesc desc{false, 0, name};
  int reg = find_local(up, name);
  if (reg >= 0) {
    up->variables_reachable = true;
    desc.in_stack = true;
    desc.index = static_cast<uint16_t>(reg);
    for (LoopInfo& l : up->loops)
      if (reg >= l.first_var_reg) l.captured = true;
    if (Scope* s = scope_of(up, {name, reg})) {
      s->captured = true;
      s->captures.push_back({{name, reg}, fs->proto, static_cast<uint16_t>(ups.size())});
    }
  } else {
    int idx = find_upvalue(up, name);
    if (idx < 0) return -1;
    desc.index = static_cast<uint16_t>(idx);
  }
  ups.push_back(desc);
  return static_cast<int>(ups.size()) - 1;
}

}  // namespace gene
