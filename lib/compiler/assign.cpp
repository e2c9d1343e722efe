// `var` and assignment (§6.1, §6.2): locals, upvalues, namespace members and paths.
#include <fmt/format.h>

#include "compiler/compiler_impl.hpp"

namespace gene {

namespace {
// The binary operator behind a compound assignment, or nullptr for plain `=`.
Symbol* compound_op(const Syms& S, Symbol* op) {
  if (op == S.plus_assign) return S.plus;
  if (op == S.minus_assign) return S.minus;
  if (op == S.star_assign) return S.star;
  if (op == S.slash_assign) return S.slash;
  return nullptr;
}

Op op_for(const Syms& S, Symbol* s) {
  if (s == S.plus) return Op::ADD;
  if (s == S.minus) return Op::SUB;
  if (s == S.star) return Op::MUL;
  return Op::DIV;
}

}  // namespace

// True when compiling v into a register writes that register only after every read, so
// `(x = v)` may target x directly.
bool Compiler::writes_dst_last(Value v) {
  if (is_tag(v, Tag::ComplexSymbol)) return one_step_path(as_complex(v));
  if (!is_gene(v)) return !is_tag(v, Tag::Array) && !is_tag(v, Tag::Map);
  Gene* g = as_gene(v);
  // (m ./ k) on a local m: one GETKEY, its operands in temporaries.
  if (is_symbol(g->type) && find_local(fs_, as_symbol(g->type)) >= 0 && g->props.empty() && g->children.size() == 2 &&
      is_selector_op(syms(), g->children[0]) && !is_spread(g->children[1]))
    return true;
  auto op_sym = [&](Value s) { return is_symbol(s) && (is_arith_op(as_symbol(s)) || is_compare_op(as_symbol(s))); };
  if (op_sym(g->type)) return true;
  // (a .get i) on a local a compiles to AGET (method_call): operands in temporaries, the
  // result written last.
  if (opts_.optimize && is_symbol(g->type) && find_local(fs_, as_symbol(g->type)) >= 0 && g->props.empty() &&
      g->children.size() == 2 && is_symbol(g->children[0]) && as_symbol(g->children[0])->name == ".get" &&
      !is_spread(g->children[1]))
    return true;
  return !g->children.empty() && op_sym(g->children[0]) && !sym_is(g->type, syms().underscore) &&
         !is_tag(g->type, Tag::Quote);
}

void Compiler::var_form(Form& f, int dst) {
  const Syms& S = syms();
  if (f.args.empty()) return error_at_runtime("Variable name must be a symbol", dst);
  Value name = f.args[0];
  Value init = f.args.size() > 1 ? f.args[1] : make_nil();
  if (is_tag(name, Tag::ComplexSymbol)) {
    ComplexSymbol* cs = as_complex(name);
    if (cs->parts.size() == 2 && cs->parts[0] == S.ns) {
      int r = target(dst);
      expr(init, r);
      emit_abc(Op::DEFNS, r, symbol_constant(cs->parts[1]), 0);
      finish(dst, r);
      return;
    }
  }
  if (!is_symbol(name)) return error_at_runtime("Variable name must be a symbol", dst);
  int reg = take_var_reg();
  expr(init, reg);  // before the binding exists: an `x` in init means the outer x
  declare_var(as_symbol(name), reg, /*set_once=*/true);
  finish(dst, reg);
}

void Compiler::assign(Value target_form, Symbol* op, Value rhs, int dst) {
  const Syms& S = syms();
  Symbol* bin = compound_op(S, op);
  bool is_logic = op == S.and_assign || op == S.or_assign;

  // Computes the new value into r given code that loads the old value into a register.
  auto new_value = [&](int r, auto load_old) {
    if (bin) {
      int save = fs_->freereg;
      int rv = expr_any(rhs);  // the value first, then read the variable (§20a.6)
      int old = alloc_reg();
      load_old(old);
      emit_abc(op_for(S, bin), r, old, rv);
      free_to(save);
    } else if (is_logic) {
      load_old(r);
      int skip = emit_jump(op == S.and_assign ? Op::JMPIFNOT : Op::JMPIF, r);
      expr(rhs, r);
      patch_jump(skip);
    } else {
      expr(rhs, r);
    }
  };

  if (is_symbol(target_form)) {
    Symbol* name = as_symbol(target_form);
    note_assigned(fs_, name);
    int local = find_local(fs_, name);
    if (local >= 0) {
      if (bin && is_pure(rhs)) {
        binary(op_for(S, bin), target_form, rhs, local);  // immediates and constant operands
      } else if (bin) {
        int save = fs_->freereg;
        int rv = expr_any(rhs);  // the value first, then read the variable (§20a.6)
        emit_abc(op_for(S, bin), local, local, rv);
        free_to(save);
      } else if (!is_logic && writes_dst_last(rhs)) {
        expr(rhs, local);
      } else {
        int save = fs_->freereg;
        int t = alloc_reg();
        new_value(t, [&](int into) { emit_abc(Op::MOVE, into, local, 0); });
        emit_abc(Op::MOVE, local, t, 0);
        free_to(save);
      }
      finish(dst, local);
      return;
    }
    int r = target(dst);
    int save = fs_->freereg;
    int t = alloc_reg();
    int up = find_upvalue(fs_, name);  // eval code reaches its frame's variables this way too
    if (up >= 0) {
      new_value(t, [&](int into) { emit_abc(Op::GETUPVAL, into, up, 0); });
      emit_abc(Op::SETUPVAL, t, up, 0);
    } else {
      new_value(t, [&](int into) { global_get(name, into); });
      emit_abc(Op::SETGLOBAL, t, symbol_constant(name), 0);
    }
    emit_abc(Op::MOVE, r, t, 0);
    free_to(save);
    finish(dst, r);
    return;
  }

  if (is_tag(target_form, Tag::ComplexSymbol)) {
    ComplexSymbol* cs = as_complex(target_form);
    Symbol* last = cs->parts.back();
    int r = target(dst);
    int save = fs_->freereg;
    // The value first, then the path (§20a.6); &&= and ||= need the old value to decide.
    int rv = -1;
    if (!is_logic) {
      rv = alloc_reg();
      expr(rhs, rv);
    }
    int obj = path_prefix(cs, cs->parts.size() - 1, alloc_reg());
    int t = is_logic || bin ? alloc_reg() : rv;
    auto update = [&](auto load_old) {
      if (is_logic) return new_value(t, load_old);
      if (!bin) return;
      int old = alloc_reg();
      load_old(old);
      emit_abc(op_for(S, bin), t, old, rv);
    };
    int64_t index;
    if (parse_index(last, &index) && index >= INT16_MIN && index <= INT16_MAX) {
      uint16_t imm = static_cast<uint16_t>(static_cast<int16_t>(index));
      update([&](int into) { emit_abc(Op::GETINDEX, into, obj, imm); });
      emit_abc(Op::SETINDEX, obj, imm, t);
    } else {
      int k = symbol_constant(last);
      update([&](int into) { emit_abc(Op::GETMEMBER, into, obj, k); });
      emit_abc(Op::SETMEMBER, obj, k, t);
    }
    if (dst != kDiscard) emit_abc(Op::MOVE, r, t, 0);
    free_to(save);
    finish(dst, r);
    return;
  }
  error_at_runtime(fmt::format("Cannot assign to {}", is_gene(target_form) ? "an expression" : "a literal"), dst);
}

}  // namespace gene
