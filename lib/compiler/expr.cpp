// Expressions: literals, symbols, paths, data, and the gene dispatch of §3.7.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "compiler/compiler_impl.hpp"
#include "runtime/printer.hpp"

namespace gene {

bool blocks_infix(const Syms& S, Value head) {
  if (!is_symbol(head)) return false;
  Symbol* h = as_symbol(head);
  return h == S.var || h == S.if_ || h == S.fn || h == S.fnx || h == S.fnxx || h == S.macro || h == S.do_ ||
         h == S.loop || h == S.while_ || h == S.for_ || h == S.class_ || h == S.try_ ||
         h == S.throw_ || h == S.dollar || h == S.dot || h == S.ns_form;
}

// `./` reads as the path [".", ""]; both spellings are the selector operator.
bool is_selector_op(const Syms& S, Value v) {
  return sym_is(v, S.dot_slash) || (is_tag(v, Tag::ComplexSymbol) && as_complex(v)->parts.size() == 2 &&
                                    as_complex(v)->parts[0]->name == "." && as_complex(v)->parts[1]->name.empty());
}

// A path segment that is an integer (`0`, `-1`) indexes; anything else names a member.
bool parse_index(const Symbol* s, int64_t* out) {
  const std::string& n = s->name;
  if (n.empty()) return false;
  size_t start = (n[0] == '-') ? 1 : 0;
  if (start == n.size()) return false;
  for (size_t i = start; i < n.size(); ++i)
    if (n[i] < '0' || n[i] > '9') return false;
  auto r = std::from_chars(n.data(), n.data() + n.size(), *out);
  return r.ec == std::errc();
}

bool Compiler::is_spread(Value v) const {
  if (is_symbol(v)) {
    Symbol* s = as_symbol(v);
    return s->name.size() > 3 && symbol_ends_with(s, "...");
  }
  return is_gene(v) && sym_is(as_gene(v)->type, syms().dots);
}

int Compiler::expr_any(Value v) {
  if (is_symbol(v)) {
    int r = find_local(fs_, as_symbol(v));
    if (r >= 0) return r;
  }
  int t = alloc_reg();
  expr(v, t);
  return t;
}

// True when evaluating v runs no code that could assign a variable, local or global:
// literals, locals of this function, and arithmetic or comparisons of those.
bool Compiler::is_pure(Value v, int depth) {
  switch (v.tag) {
    case Tag::Nil: case Tag::Bool: case Tag::Int: case Tag::Float: case Tag::Char: case Tag::String:
      return true;
    case Tag::Symbol: return find_local(fs_, as_symbol(v)) >= 0;
    case Tag::Gene: break;
    default: return false;
  }
  Gene* g = as_gene(v);
  if (depth > 3 || !g->props.empty() || g->children.size() != 2) return false;
  auto is_op = [&](Value x) {
    return is_symbol(x) && (is_arith_op(as_symbol(x)) || is_compare_op(as_symbol(x)));
  };
  Value a = g->type, op = g->children[0], b = g->children[1];
  if (is_op(a)) std::swap(a, op);  // prefix (op a b)
  return is_op(op) && is_pure(a, depth + 1) && is_pure(b, depth + 1);
}

namespace {
// True when `hit` holds for the code v or any part of it (quoted data included).
template <typename Hit>
bool any_part(Value v, const Hit& hit, int depth = 0) {
  if (depth > 200) return true;
  if (hit(v)) return true;
  auto inside = [&](Value x) { return any_part(x, hit, depth + 1); };
  switch (v.tag) {
    case Tag::Gene: {
      Gene* g = as_gene(v);
      if (inside(g->type)) return true;
      for (const auto& entry : g->props.entries())
        if (inside(entry.second)) return true;
      for (Value c : g->children)
        if (inside(c)) return true;
      return false;
    }
    case Tag::Array: {
      for (Value x : as_array(v)->items)
        if (inside(x)) return true;
      return false;
    }
    case Tag::Map: {
      for (const auto& entry : as_map(v)->map.entries())
        if (inside(entry.second)) return true;
      return false;
    }
    case Tag::Quote: case Tag::Unquote: return inside(static_cast<Quote*>(v.as.o)->value);
    default: return false;
  }
}

// `=` and the compound assignments: (target OP value).
bool is_assignment(const Syms& S, Symbol* s) {
  return s == S.assign || s == S.plus_assign || s == S.minus_assign || s == S.star_assign || s == S.slash_assign ||
         s == S.and_assign || s == S.or_assign;
}

// True when the code v names sym anywhere.
bool mentions(Value v, Symbol* sym) {
  return any_part(v, [&](Value x) {
    if (x.tag == Tag::Symbol) return as_symbol(x) == sym;
    if (x.tag != Tag::ComplexSymbol) return false;
    const auto& parts = as_complex(x)->parts;
    return std::find(parts.begin(), parts.end(), sym) != parts.end();
  });
}

// True when the code v may assign the variable sym: an assignment (`=`, `+=` …) whose
// target names it (a member path such as sym/a assigns the object's member, not sym), or
// a `var` of that name. Reads of sym are not assignments; macros, eval and closures are
// left to FuncState::reads_in_place.
bool assigns(Value v, Symbol* sym) {
  const Syms& S = syms();
  return any_part(v, [&](Value x) {
    if (x.tag != Tag::Gene) return false;
    Gene* g = as_gene(x);
    if (!g->children.empty() && is_symbol(g->children[0]) && is_assignment(S, as_symbol(g->children[0])) &&
        !is_tag(g->type, Tag::ComplexSymbol) && mentions(g->type, sym))
      return true;
    return sym_is(g->type, S.var) && !g->children.empty() && mentions(g->children[0], sym);
  });
}
}  // namespace

// An operand evaluated before the n operands at `later`: a local is read in place only
// when none of those can assign it meanwhile (left-to-right evaluation, §5).
int Compiler::operand(Value v, const Value* later, size_t n) {
  if (is_symbol(v) && find_local(fs_, as_symbol(v)) >= 0) {
    for (size_t i = 0; i < n; ++i) {
      if (is_pure(later[i])) continue;
      if (fs_->reads_in_place && !assigns(later[i], as_symbol(v))) {
        fs_->relied_on_reads_in_place = true;
        continue;
      }
      int t = alloc_reg();
      expr(v, t);
      return t;
    }
  }
  return expr_any(v);
}

void Compiler::statement(Value v) {
  bool owned = reserve_vars(v);
  int save = fs_->freereg;
  expr(v, kDiscard);
  free_to(save);
  drop_reservations(owned);
}

void Compiler::block(const Value* forms, size_t n, int dst) {
  if (n == 0) {
    load_constant(make_nil(), dst);
    return;
  }
  for (size_t i = 0; i + 1 < n; ++i) statement(forms[i]);
  bool owned = reserve_vars(forms[n - 1]);
  int save = fs_->freereg;
  expr(forms[n - 1], dst);
  if (dst < 0 || dst < save) free_to(save);
  drop_reservations(owned);
}

void Compiler::expr(Value v, int dst) {
  // Code nested deeper than this would exhaust the C++ stack of the compiler.
  struct DepthGuard {
    int& d;
    explicit DepthGuard(int& depth) : d(depth) { ++d; }
    ~DepthGuard() { --d; }
  } guard(depth_);
  if (depth_ > kMaxNesting) fail("expression nested too deeply");
  switch (v.tag) {
    case Tag::Symbol: symbol(as_symbol(v), dst); return;
    case Tag::ComplexSymbol: path(as_complex(v), dst); return;
    case Tag::Array: {
      SourcePos saved = pos_;
      if (as_array(v)->pos().known()) pos_ = as_array(v)->pos();
      array_literal(as_array(v), dst);
      pos_ = saved;
      return;
    }
    case Tag::Map: map_literal(as_map(v), dst); return;
    case Tag::Gene: {
      SourcePos saved = pos_;
      if (as_gene(v)->pos.known()) pos_ = as_gene(v)->pos;
      gene_form(as_gene(v), dst);
      pos_ = saved;
      return;
    }
    case Tag::Quote: load_constant(as_quote(v)->value, dst); return;
    default: load_constant(v, dst); return;
  }
}

// A new inline cache for a look-up of global s; the name is also kept as a constant.
int Compiler::global_cache(Symbol* s) {
  symbol_constant(s);
  auto& caches = fs_->proto->global_caches;
  caches.emplace_back().name = s;
  return static_cast<int>(caches.size()) - 1;
}

void Compiler::global_get(Symbol* s, int dst) {
  int r = target(dst);
  emit_abc(Op::GETGLOBAL, r, symbol_constant(s), global_cache(s));
  finish(dst, r);
}

void Compiler::symbol(Symbol* s, int dst) {
  const Syms& S = syms();
  if (dst == kDiscard) return;  // reading a variable has no effect
  if (s == S.self) {
    int r = target(dst);
    int up = fs_->is_block ? find_upvalue(fs_, S.self) : -1;
    if (up >= 0) emit_abc(Op::GETUPVAL, r, up, 0);
    else emit_abc(Op::LOADSELF, r, 0, 0);
    finish(dst, r);
    return;
  }
  if (s == S.underscore) return load_constant(make_placeholder(), dst);
  if (s == S.ns) {
    int r = target(dst);
    emit_abc(Op::LOADNS, r, 0, 0);
    finish(dst, r);
    return;
  }
  int reg = find_local(fs_, s);
  if (reg >= 0) return finish(dst, reg);
  int up = find_upvalue(fs_, s);
  if (up >= 0) {
    int r = target(dst);
    emit_abc(Op::GETUPVAL, r, up, 0);
    finish(dst, r);
    return;
  }
  if (s->name == "$pkg") return global_get(s, dst);  // the module's package (§25.7), not gene/pkg
  if (s->name.size() > 1 && s->name[0] == '$' && s != S.dollar) {
    // $name is gene/name
    int r = target(dst);
    global_get(S.gene, r);
    emit_abc(Op::GETMEMBER, r, r, symbol_constant(intern(std::string_view(s->name).substr(1))));
    finish(dst, r);
    return;
  }
  std::vector<SelectorStep> steps;
  if (selector_literal(make_obj(Tag::Symbol, s), &steps)) return selector_form(steps, dst);
  if (is_spread(make_obj(Tag::Symbol, s))) {
    int r = target(dst);
    symbol(intern(std::string_view(s->name).substr(0, s->name.size() - 3)), r);
    emit_abc(Op::EXPLODE, r, r, 0);
    finish(dst, r);
    return;
  }
  global_get(s, dst);
}

// Evaluates the head and the segments before `upto` of a path. Returns the register that
// holds the value: dst, or a local head's own register when no segment applies. A local
// head is read in place, never copied first.
int Compiler::path_prefix(ComplexSymbol* cs, size_t upto, int dst) {
  Symbol* head = cs->parts[0] == syms().empty ? syms().self : cs->parts[0];
  size_t first = 1;
  if (head == syms().gene && upto >= 2 && cs->parts[1]->name == "ex") {
    head = intern("$ex");  // gene/ex is $ex (§16): the exception of the running handler
    first = 2;
  }
  int src = head == syms().self ? -1 : find_local(fs_, head);
  if (src < 0) {
    symbol(head, dst);
    src = dst;
  }
  for (size_t i = first; i < upto; ++i) {
    Symbol* seg = cs->parts[i];
    int64_t index;
    if (parse_index(seg, &index)) {
      if (index >= INT16_MIN && index <= INT16_MAX) {
        emit_abc(Op::GETINDEX, dst, src, static_cast<int>(static_cast<uint16_t>(static_cast<int16_t>(index))));
      } else {
        int k = alloc_reg();
        load_constant(make_int(index), k);
        emit_abc(Op::GETKEY, dst, src, k);
        free_to(k);
      }
    } else if (seg->name.size() > 1 && seg->name[0] == '.') {
      if (src != dst) emit_abc(Op::MOVE, dst, src, 0);
      emit_abc(Op::CALLM, dst, 0, symbol_constant(intern(std::string_view(seg->name).substr(1))));
    } else {
      emit_abc(Op::GETMEMBER, dst, src, symbol_constant(seg));
    }
    src = dst;
  }
  return src;
}

// a/b on a local a: one GETMEMBER or GETINDEX, which reads a before it writes.
bool Compiler::one_step_path(ComplexSymbol* cs) {
  if (cs->parts.size() != 2 || cs->parts[0] == syms().gene || find_local(fs_, cs->parts[0]) < 0) return false;
  const std::string& member = cs->parts[1]->name;
  int64_t index;
  if (parse_index(cs->parts[1], &index)) return index >= INT16_MIN && index <= INT16_MAX;
  return !member.empty() && member[0] != '.' && member[0] != '@';
}

void Compiler::path(ComplexSymbol* cs, int dst) {
  std::vector<SelectorStep> steps;
  if (selector_literal(make_obj(Tag::ComplexSymbol, cs), &steps)) return selector_form(steps, dst);  // @a/0
  int r = target(dst);
  // A local head must not be overwritten when r is that local's register, unless one
  // instruction reads it and then writes r.
  int work = (r == find_local(fs_, cs->parts[0]) && !one_step_path(cs)) ? alloc_reg() : r;
  if (dst >= 0 && dst != work && fs_->freereg == dst + 1) work = dst;
  int got = path_prefix(cs, cs->parts.size(), work);
  if (got != r) emit_abc(Op::MOVE, r, got, 0);
  finish(dst, r);
}

void Compiler::array_literal(Array* a, int dst) {
  int r = target(dst);
  bool spread = false;
  for (Value e : a->items) spread = spread || is_spread(e);
  int save = fs_->freereg;
  if (!spread && a->items.size() <= 64) {
    int first = fs_->freereg;
    for (Value e : a->items) expr(e, alloc_reg());
    emit_abc(Op::NEWARRAY, r, first, static_cast<int>(a->items.size()));
  } else {
    int arr = alloc_reg();
    emit_abc(Op::NEWARRAY, arr, 0, 0);
    for (Value e : a->items) {
      int t = alloc_reg();
      free_to(t);
      append_element(arr, e);
    }
    emit_abc(Op::MOVE, r, arr, 0);
  }
  free_to(save);
  finish(dst, r);
}

// Adds e to the array or gene in R[target]: spliced when it is `x...` or `(... e)`.
void Compiler::append_element(int target, Value e) {
  int t = alloc_reg();
  if (is_spread(e)) {
    if (is_symbol(e)) {
      Symbol* s = as_symbol(e);
      symbol(intern(std::string_view(s->name).substr(0, s->name.size() - 3)), t);
    } else {
      expr(as_gene(e)->children.empty() ? make_nil() : as_gene(e)->children[0], t);
    }
    emit_abc(Op::SPREAD, target, t, 0);
  } else {
    expr(e, t);
    emit_abc(Op::APPEND, target, t, 0);
  }
  free_to(t);
}

void Compiler::map_literal(Map* m, int dst) {
  if (dst == kDiscard && m->map.empty()) return;
  int r = target(dst);
  int save = fs_->freereg;
  int work = alloc_reg();
  emit_abc(Op::NEWMAP, work, static_cast<int>(std::min<size_t>(m->map.size(), 255)), 0);
  for (auto& [key, value] : m->map.entries()) {
    int v = expr_any(value);
    emit_abc(Op::SETPROP, work, symbol_constant(key.to_symbol()), v);
    free_to(work + 1);
  }
  emit_abc(Op::MOVE, r, work, 0);
  free_to(save);
  finish(dst, r);
}

// A gene whose head is not callable: evaluate props and children into a new gene.
void Compiler::data_gene(Value type_value, bool type_is_constant, Form& f, int dst) {
  int r = target(dst);
  int save = fs_->freereg;
  int work = alloc_reg();
  if (type_is_constant) {
    load_constant(type_value, work);
  } else {
    expr(type_value, work);
  }
  emit_abc(Op::NEWGENE, work, work, 0);
  if (f.props) {
    for (auto& [key, value] : f.props->entries()) {
      int v = expr_any(value);
      emit_abc(Op::SETPROP, work, symbol_constant(key.to_symbol()), v);
      free_to(work + 1);
    }
  }
  for (Value c : f.args) append_element(work, c);
  emit_abc(Op::MOVE, r, work, 0);
  free_to(save);
  finish(dst, r);
}

void Compiler::gene_form(Gene* g, int dst) {
  Form f;
  f.head = g->type;
  f.args.assign(g->children.begin(), g->children.end());
  f.props = &g->props;
  f.pos = g->pos;
  dispatch(f, dst);
}

void Compiler::dispatch(Form& f, int dst) {
  const Syms& S = syms();
  Value h = f.head;
  size_t n = f.args.size();
  Value c1 = n > 0 ? f.args[0] : make_nil();

  auto is_dot_slash = [&](Value v) { return is_selector_op(S, v); };
  // 1. (./ target key [default])
  if (is_dot_slash(h)) {
    if (n < 2) return error_at_runtime("./ requires a target and a key", dst);
    // (g ./ i ./ j) would read j as ignored: one key per ./, as in ((g ./ i) ./ j).
    if (n > 3)
      return error_at_runtime("./ takes a target, a key and a default at most; write ((a ./ i) ./ j) to go deeper", dst);
    int r = target(dst);
    int save = fs_->freereg;
    int t = operand(f.args[0], f.args.data() + 1, n - 1);
    int k = operand(f.args[1], f.args.data() + 2, n - 2);
    if (n > 2) {
      emit_abc(Op::GETKEYU, r, t, k);
      int skip = emit_jump(Op::JMPIFDEF, r);
      expr(f.args[2], r);
      patch_jump(skip);
    } else {
      emit_abc(Op::GETKEY, r, t, k);
    }
    free_to(save);
    finish(dst, r);
    return;
  }
  // 2. (a .. b)
  if (n == 2 && sym_is(c1, S.dotdot)) {
    int r = target(dst);
    int save = fs_->freereg;
    int a = operand(h, &f.args[1], 1);
    int b = expr_any(f.args[1]);
    emit_abc(Op::RANGE, r, a, b);
    free_to(save);
    finish(dst, r);
    return;
  }
  // 3. (5) is the number
  if (n == 0 && !f.has_props() && is_number(h)) return load_constant(h, dst);
  // (@a/0/.m) with no target is the selector itself, as (@ a 0 (@. m)) is (§25.2).
  if (n == 0 && !f.has_props()) {
    std::vector<SelectorStep> steps;
    if (selector_literal(h, &steps)) return selector_form(steps, dst);
  }
  // 4. data genes: (_ ...) and (:t ...)
  if (sym_is(h, S.underscore)) return data_gene(make_placeholder(), true, f, dst);
  if (is_tag(h, Tag::Quote)) {
    // A quoted literal is a value like any other: (:sym .to_s) calls a method (§25.1).
    if (n >= 1 && is_symbol(c1) && as_symbol(c1)->name.size() > 1 && as_symbol(c1)->name[0] == '.' &&
        !sym_is(c1, S.dotdot) && !sym_is(c1, S.dots))
      return method_call(h, intern(std::string_view(as_symbol(c1)->name).substr(1)), f, 1, dst);
    return data_gene(as_quote(h)->value, true, f, dst);
  }
  // 5. infix: (a + b) -> (+ a b); an operator head stays prefix, so (+ +) cannot loop
  bool op_head = is_symbol(h) && (is_arith_op(as_symbol(h)) || is_compare_op(as_symbol(h)) || sym_is(h, S.pow));
  if (n >= 4 && !blocks_infix(S, h) && !op_head && infix_chain(h, f, dst)) return;
  if (n >= 1 && is_symbol(c1) && !blocks_infix(S, h) && !op_head) {
    Symbol* op = as_symbol(c1);
    if (is_arith_op(op) || is_compare_op(op) || op == S.pow) {
      Form g;
      g.head = c1;
      g.args.reserve(n);
      g.args.push_back(h);
      g.args.insert(g.args.end(), f.args.begin() + 1, f.args.end());
      g.props = f.props;
      g.pos = f.pos;
      return dispatch(g, dst);
    }
  }
  if (n >= 1 && is_dot_slash(c1) && !blocks_infix(S, h)) {  // (target ./ key [default])
    Form g;
    g.head = make_obj(Tag::Symbol, S.dot_slash);
    g.args.push_back(h);
    g.args.insert(g.args.end(), f.args.begin() + 1, f.args.end());
    g.pos = f.pos;
    return dispatch(g, dst);
  }
  if (n >= 1 && is_tag(c1, Tag::ComplexSymbol) && !blocks_infix(S, h)) {
    ComplexSymbol* cs = as_complex(c1);
    if (cs->parts.size() == 2 && cs->parts[0]->name == ".") {  // (target ./key [default])
      Form g;
      g.head = make_obj(Tag::Symbol, S.dot_slash);
      g.args.push_back(h);
      g.args.push_back(make_obj(Tag::String, heap_.string(cs->parts[1]->name)));
      int64_t idx;
      if (parse_index(cs->parts[1], &idx)) g.args.back() = make_int(idx);
      g.args.insert(g.args.end(), f.args.begin() + 1, f.args.end());
      g.pos = f.pos;
      return dispatch(g, dst);
    }
  }
  // 6. prefix arithmetic and comparison
  if (is_symbol(h) && (is_arith_op(as_symbol(h)) || is_compare_op(as_symbol(h)) || sym_is(h, S.pow)))
    return arith(as_symbol(h), f, dst);
  // 7. second element decides: assignment, logic, range, block, method call
  if (n >= 1 && is_symbol(c1)) {
    Symbol* s = as_symbol(c1);
    if (is_assignment(S, s)) {
      if (n != 2) return error_at_runtime(fmt::format("{} requires exactly one value", s->name), dst);
      return assign(h, s, f.args[1], dst);
    }
    if (s == S.and_ || s == S.or_) {
      if (n != 2) return error_at_runtime(fmt::format("{} requires exactly two operands", s->name), dst);
      return logic(s == S.and_, h, f.args[1], dst);
    }
    if (s == S.arrow) return block_literal(h, f.args.data() + 1, n - 1, dst);
    if (s == S.match_op || s == S.not_match_op) {  // (s =~ re) is (s .match re); !~ negates it
      if (n != 2) return error_at_runtime(fmt::format("{} requires exactly two operands", s->name), dst);
      if (s == S.match_op) return method_call(h, S.match, f, 1, dst);
      int r = target(dst);
      int save = fs_->freereg;
      method_call(h, S.match, f, 1, r);
      free_to(save);
      emit_abc(Op::NOT, r, r, 0);
      finish(dst, r);
      return;
    }
    if (s == S.dot && n >= 2 && (is_symbol(f.args[1]) || is_string(f.args[1]))) {  // (obj . m args…)
      Symbol* m = is_symbol(f.args[1]) ? as_symbol(f.args[1]) : intern(as_string(f.args[1])->view());
      return method_call(h, m, f, 2, dst);
    }
    // `(f ...xs)` as JavaScript writes a spread: Gene's follows the value.
    if (s->name.size() > 3 && s->name.starts_with("...") && s->name[3] != '.')
      return error_at_runtime(fmt::format("{}: a spread follows its value, as in ({} {}...)", s->name,
                                          repr(h), std::string_view(s->name).substr(3)),
                              dst);
    if (s->name.size() > 1 && s->name[0] == '.' && s != S.dotdot && s != S.dots)
      return method_call(h, intern(std::string_view(s->name).substr(1)), f, 1, dst);
  }
  // 8. special forms
  if (is_symbol(h)) {
    Symbol* s = as_symbol(h);
    if (s == S.var) return var_form(f, dst);
    if (s == S.if_) return if_form(f, dst);
    if (s == S.do_) return do_form(f, dst);
    if (s == S.loop) return loop_form(f, dst);
    if (s == S.while_) return while_form(f, dst);
    if (s == S.for_) return for_form(f, dst);
    if (s == S.repeat) return repeat_form(f, dst);
    if (s == S.break_) return break_form(f, dst, true);
    if (s == S.continue_) return break_form(f, dst, false);
    if (s == S.return_) return return_form(f, dst);
    if (s == S.fn || s == S.fnx || s == S.fnxx || s == S.macro) return fn_form(f, dst, s);
    if (s == S.eval) return unary_op(Op::EVAL, f, dst);
    if (s == S.caller_eval) return unary_op(Op::CALLEREVAL, f, dst);
    if (s == S.render) return unary_op(Op::RENDER, f, dst);
    if (s == S.str || s == S.dollar) return concat_form(f.args, dst);
    if (s == S.with || s == S.tap) return with_form(f, dst, s == S.tap);
    if (s == S.import) return import_form(f, dst);
    if (s == S.match) return match_form(f, dst);
    if (s == S.case_) return case_form(f, dst);
    if (s == S.enum_) return enum_form(f, dst);
    if (s == S.set) return set_form(f, dst);
    if (s == S.at || s->name == "@*" || s->name == "@.") return selector_call_form(s, f, dst);
    if (s == S.arrow) return block_literal(make_nil(), f.args.data(), n, dst);
    if (s == S.not_ || s == S.bang) {
      if (n != 1) return error_at_runtime(fmt::format("{} requires exactly one argument", s->name), dst);
      int r = target(dst);
      int save = fs_->freereg;
      int v = expr_any(f.args[0]);
      emit_abc(Op::NOT, r, v, 0);
      free_to(save);
      finish(dst, r);
      return;
    }
    if (s == S.throw_) return throw_form(f, dst);
    if (s == S.try_) return try_form(f, dst);
    if (s == async_symbol()) return async_form(f, dst);
    if (s == S.class_) return class_form(f, dst);
    if (s == S.new_) return new_form(f, dst);
    if (s == S.super) return super_form(f, dst);
    if (s == S.ns_form) return ns_form(f, dst);
    if (s == S.dot_fn) return method_def(f, dst, false);
    if (s == S.dot_ctor) return method_def(f, dst, true);
    if (s == S.dot_macro) return method_def(f, dst, false, true);
    if (s == S.mixin) return class_form(f, dst);
    if (s == S.object) return object_form(f, dst);
    if (s == S.include) return method_call(make_obj(Tag::Symbol, S.self), S.include, f, 0, dst);
    if (s == S.dot && n >= 1) return call_window(f.args[0], f, 1, Op::CALLSELF, dst);  // (. f args…)
    if (s == S.void_) {
      for (Value c : f.args) statement(c);
      return load_constant(make_nil(), dst);
    }
    if (s == S.dots) {
      int r = target(dst);
      int save = fs_->freereg;
      int v = n == 0 ? (load_constant(make_nil(), alloc_reg()), fs_->freereg - 1) : expr_any(f.args[0]);
      emit_abc(Op::EXPLODE, r, v, 0);
      free_to(save);
      finish(dst, r);
      return;
    }
    // 9. (.m args) calls a method on self
    if (s->name.size() > 1 && s->name[0] == '.' && s != S.dotdot && s != S.dots && s != S.dot_slash)
      return method_call(make_obj(Tag::Symbol, S.self), intern(std::string_view(s->name).substr(1)), f, 0, dst);
  }
  // 11. a string head concatenates (GN); literal heads that can never be called make data
  // genes directly; a macro gets its arguments unevaluated
  if (is_string(h)) {
    std::vector<Value> parts{h};
    parts.insert(parts.end(), f.args.begin(), f.args.end());
    return concat_form(parts, dst);
  }
  if (is_tag(h, Tag::Nil) || is_number(h) || is_tag(h, Tag::Bool) || is_tag(h, Tag::Char))
    return data_gene(h, true, f, dst);
  if (is_macro_name(h)) return macro_call(f, dst);
  call(h, f, dst);
}

}  // namespace gene
