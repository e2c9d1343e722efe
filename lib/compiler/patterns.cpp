// match, case, enum (§13) and selectors (§14).
#include <fmt/format.h>

#include <charconv>

#include "compiler/compiler_impl.hpp"
#include "compiler/pattern.hpp"

namespace gene {

bool read_pattern(const Array* pattern, std::vector<PatternItem>* items, const char** error) {
  const Syms& S = syms();
  const auto& v = pattern->items;
  for (size_t k = 0; k < v.size(); ++k) {
    Value p = v[k];
    PatternItem item{PatternItem::Literal, nullptr, make_nil()};
    if (is_array(p)) {
      item = {PatternItem::Nested, nullptr, p};
    } else if (is_tag(p, Tag::Quote)) {
      item.value = as_quote(p)->value;
    } else if (sym_is(p, S.underscore)) {
      item.kind = PatternItem::Skip;
    } else if (is_symbol(p) && symbol_ends_with(as_symbol(p), "...") && as_symbol(p)->name.size() > 3) {
      const std::string& n = as_symbol(p)->name;
      item = {PatternItem::Splat, intern(std::string_view(n).substr(0, n.size() - 3)), make_nil()};
    } else if (is_symbol(p)) {
      if (sym_is(p, S.assign)) {
        *error = "a pattern's = needs a name before it and a default after it";
        return false;
      }
      item = {PatternItem::Name, as_symbol(p), make_nil()};
      if (k + 2 < v.size() && sym_is(v[k + 1], S.assign)) {
        item = {PatternItem::Optional, as_symbol(p), v[k + 2]};
        k += 2;
      }
    } else if (is_tag(p, Tag::ComplexSymbol) || is_map(p) || is_gene(p)) {
      *error = "a pattern holds names, name = default, name..., _, [patterns] and literals";
      return false;
    } else {
      item.value = p;  // a number, string, nil, bool or char
    }
    items->push_back(item);
  }
  return true;
}

// Declares the names of an array pattern and binds them to the values that MATCH finds in
// R[src] (it raises when the value does not fit); a missing element with a default
// takes the default, evaluated after the names before it are bound.
void Compiler::destructure(Array* pattern, int src) {
  int bindings = alloc_reg();
  emit_abc(Op::MATCH, bindings, src, constant(value_of(pattern)));
  int next = 0;
  bind_pattern(pattern, bindings, &next, 0);
}

void Compiler::bind_pattern(Array* pattern, int bindings, int* next, int depth) {
  if (depth > 100) fail("pattern nested too deeply");
  std::vector<PatternItem> items;
  const char* error = nullptr;
  if (!read_pattern(pattern, &items, &error)) fail(error);
  for (const PatternItem& item : items) {
    if (item.kind == PatternItem::Nested) bind_pattern(as_array(item.value), bindings, next, depth + 1);
    if (!item.binds()) continue;
    int reg = declare_var(item.name);
    emit_abc(Op::GETINDEX, reg, bindings, (*next)++);
    if (item.kind == PatternItem::Optional) {
      int skip = emit_jump(Op::JMPIFDEF, reg);
      expr(item.value, reg);
      patch_jump(skip);
    }
  }
}

// (match name v) binds the whole value; (match [a :lit b = d rest…] v) matches an array
// pattern (§13.1, §25.3).
void Compiler::match_form(Form& f, int dst) {
  if (f.args.size() != 2) return error_at_runtime("match expects a pattern and a value", dst);
  Value pattern = f.args[0];
  if (is_symbol(pattern)) {
    int reg = take_var_reg();
    expr(f.args[1], reg);
    declare_var(as_symbol(pattern), reg);
    return load_constant(make_nil(), dst);
  }
  if (!is_array(pattern)) return error_at_runtime("match expects a name or [names] pattern", dst);
  std::vector<PatternItem> items;
  const char* error = nullptr;
  if (!read_pattern(as_array(pattern), &items, &error)) return error_at_runtime(error, dst);
  int save = fs_->freereg;
  int v = alloc_reg();
  expr(f.args[1], v);
  destructure(as_array(pattern), v);
  free_to(std::max(save, fs_->freereg));
  load_constant(make_nil(), dst);
}

// (case x when v body… when [a b] body… else body…)
void Compiler::case_form(Form& f, int dst) {
  const Syms& S = syms();
  if (f.args.empty()) return error_at_runtime("case expects a value", dst);
  // As in if: a discarded value is not kept, and a returned one is returned by each branch.
  int r = dst == kDiscard || dst == kReturn ? dst : target(dst);
  int save = fs_->freereg;
  int x = alloc_reg();
  expr(f.args[0], x);
  std::vector<int> to_end;
  size_t i = 1;
  bool has_else = false;
  while (i < f.args.size()) {
    Value a = f.args[i++];
    std::vector<Value> body;
    int next = -1, next_short = -1;
    if (sym_is(a, S.when)) {
      if (i >= f.args.size()) return error_at_runtime("when expects a value", dst);
      Value when_value = f.args[i++];
      int t = alloc_reg();
      // A literal or quoted-name when-value matches by equality alone (CASEMATCH's class,
      // array, range and regex rules cannot apply): a compare-and-branch.
      Value k;
      if (opts_.optimize && small_int(when_value)) {
        next_short = emit_abc(Op::JNEQI, x, imm(when_value), 0);
      } else if (opts_.optimize && equality_constant(when_value, &k)) {
        next_short = emit_abc(Op::JNEQK, x, constant(k), 0);
      } else {
        expr(when_value, t);
        emit_abc(Op::CASEMATCH, t, x, t);
        next = emit_jump(Op::JMPIFNOT, t);
      }
      free_to(t);
    } else if (sym_is(a, S.else_)) {
      has_else = true;
    } else {
      return error_at_runtime("case expects when or else clauses", dst);
    }
    while (i < f.args.size() && !sym_is(f.args[i], S.when) && !sym_is(f.args[i], S.else_)) body.push_back(f.args[i++]);
    push_scope();
    block(body.data(), body.size(), r);
    pop_scope();
    if (r != kReturn) to_end.push_back(emit_jump(Op::JMP, 0));
    if (next >= 0) patch_jump(next);
    if (next_short >= 0) patch_short_jump(next_short);
  }
  if (!has_else) load_constant(make_nil(), r);
  for (int j : to_end) patch_jump(j);
  free_to(save);
}

// (enum Color red green blue), (enum S ^values [a b]), (enum L low = 10 high)
void Compiler::enum_form(Form& f, int dst) {
  const Syms& S = syms();
  if (f.args.empty() || !is_symbol(f.args[0])) return error_at_runtime("enum expects a name", dst);
  Symbol* name = as_symbol(f.args[0]);
  std::vector<Value> names(f.args.begin() + 1, f.args.end());
  if (f.props) {
    if (const Value* vs = f.props->find(intern("values")); vs && is_array(*vs))
      names.insert(names.end(), as_array(*vs)->items.begin(), as_array(*vs)->items.end());
  }
  Array* pairs = heap_.make<Array>();
  int64_t next = 0;
  for (size_t k = 0; k < names.size(); ++k) {
    if (!is_symbol(names[k])) return error_at_runtime("enum members must be names", dst);
    if (k + 2 < names.size() && sym_is(names[k + 1], S.assign)) {
      if (!is_int(names[k + 2])) return error_at_runtime("an enum value must be an Int", dst);
      next = as_int(names[k + 2]);
      pairs->items.push_back(names[k]);
      pairs->items.push_back(make_int(next++));
      k += 2;
    } else {
      pairs->items.push_back(names[k]);
      pairs->items.push_back(make_int(next++));
    }
  }
  int reg = take_var_reg();
  emit_abc(Op::NEWENUM, reg, symbol_constant(name), constant(value_of(pairs)));
  declare_var(name, reg);
  finish(dst, reg);
}

namespace {
// A step written literally: `0` and `-1` index, `.m` calls a method, anything else is a key.
SelectorStep literal_step(Heap& heap, std::string_view text) {
  int64_t index;
  auto r = std::from_chars(text.data(), text.data() + text.size(), index);
  if (r.ec == std::errc() && r.ptr == text.data() + text.size()) return {make_int(index), false};  // too big: a string key
  if (text.size() > 1 && text[0] == '.') return {heap.string_value(text.substr(1)), true};
  return {heap.string_value(text), false};
}
}  // namespace

// The steps of a selector literal, which is not evaluated: `@name`, `@0`, `@.m`, and the
// chain `@a/0/.m`.
bool Compiler::selector_literal(Value v, std::vector<SelectorStep>* steps) {
  steps->clear();
  auto is_at = [](const Symbol* s) { return s->name.size() > 1 && s->name[0] == '@'; };
  if (is_symbol(v) && is_at(as_symbol(v))) {
    steps->push_back(literal_step(heap_, std::string_view(as_symbol(v)->name).substr(1)));
    return true;
  }
  if (!is_tag(v, Tag::ComplexSymbol) || !is_at(as_complex(v)->parts[0])) return false;
  for (Symbol* part : as_complex(v)->parts)
    steps->push_back(literal_step(heap_, std::string_view(part->name).substr(part == as_complex(v)->parts[0] ? 1 : 0)));
  return true;
}

// The keys of `@name`, `@0`, `@a/0` (literals) or of `(@ k …)` (expressions), for $set.
bool Compiler::selector_keys(Value v, std::vector<Value>* key_exprs) {
  std::vector<SelectorStep> steps;
  if (selector_literal(v, &steps)) {
    for (const SelectorStep& s : steps) {
      if (s.method) return false;
      key_exprs->push_back(s.expr);
    }
    return true;
  }
  if (is_gene(v) && sym_is(as_gene(v)->type, syms().at) && !as_gene(v)->children.empty() && as_gene(v)->props.empty()) {
    key_exprs->assign(as_gene(v)->children.begin(), as_gene(v)->children.end());
    return true;
  }
  return false;
}

// Each step's expression is evaluated (§14); the selector is built after all of them.
void Compiler::selector_form(const std::vector<SelectorStep>& steps, int dst) {
  int r = target(dst);
  int save = fs_->freereg;
  int first = fs_->freereg;
  bool any_method = false;
  for (const SelectorStep& s : steps) {
    expr(s.expr, alloc_reg());
    any_method = any_method || s.method;
  }
  int n = static_cast<int>(steps.size());
  emit_abc(Op::NEWSELECTOR, r, first, any_method ? 0 : n);
  if (any_method)
    for (int k = 0; k < n; ++k) emit_abc(Op::SELSTEP, r, first + k, steps[static_cast<size_t>(k)].method ? 1 : 0);
  free_to(save);
  finish(dst, r);
}

// (@ k₁ k₂ …) chains its keys; (@* k₁ k₂ …) selects them all at once, like (@ [k₁ k₂ …]);
// (@. m) is a method step.
void Compiler::selector_call_form(Symbol* head, Form& f, int dst) {
  std::vector<SelectorStep> steps;
  if (head->name == "@*") {
    Array* keys = heap_.make<Array>();
    keys->items.assign(f.args.begin(), f.args.end());
    steps.push_back({value_of(keys), false});
  } else {
    bool method = head->name == "@.";
    for (Value a : f.args) steps.push_back({a, method});
  }
  selector_form(steps, dst);
}

// ($set target @key value) / ($set target (@ key) value). With more keys, (@ k₁ … kₙ),
// the container the first n-1 reach has its key kₙ set. The target, the keys and the
// value are evaluated in that order, before any look-up.
void Compiler::set_form(Form& f, int dst) {
  std::vector<Value> keys;
  if (f.args.size() != 3 || !selector_keys(f.args[1], &keys))
    return error_at_runtime("$set expects a target, a selector of keys and a value", dst);
  int save = fs_->freereg;
  int t = expr_any(f.args[0]);
  int first_key = fs_->freereg;
  for (Value key : keys) expr(key, alloc_reg());
  int last = first_key + static_cast<int>(keys.size()) - 1;
  // A local value is read where SETKEY runs, after the keys, as a copy would be; deeper
  // keys run GETKEYs first, which may call code that assigns it.
  int v = last == first_key ? expr_any(f.args[2]) : alloc_reg();
  if (last > first_key) {
    expr(f.args[2], v);
    int inner = alloc_reg();
    for (int k = first_key; k < last; ++k) {
      emit_abc(Op::GETKEY, inner, t, k);
      t = inner;
    }
  }
  emit_abc(Op::SETKEY, t, last, v);
  finish(dst, v);
  free_to(save);
}

}  // namespace gene
