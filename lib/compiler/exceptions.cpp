// throw and try/catch/finally (§12).
#include "compiler/compiler_impl.hpp"

namespace gene {

namespace {
struct CatchClause {
  Value pattern;  // the symbol * for "anything"
  std::vector<Value> body;
};
}  // namespace

// (throw), (throw v), (throw Cls "message"): a class is instantiated by the VM, which
// then sets the message property.
void Compiler::throw_form(Form& f, int dst) {
  int save = fs_->freereg;
  int v = alloc_reg();
  if (f.args.empty()) load_constant(make_nil(), v);
  else expr(f.args[0], v);
  if (f.args.size() >= 2) expr(f.args[1], alloc_reg());  // the message, in R[v+1]
  emit_abc(Op::THROW, v, f.args.size() >= 2 ? 1 : 0, 0);
  free_to(save);
  if (dst != kDiscard && dst != kReturn) load_constant(make_nil(), dst);
}

void Compiler::try_form(Form& f, int dst) {
  const Syms& S = syms();
  std::vector<Value> body;
  std::vector<CatchClause> clauses;
  std::vector<Value> finally_forms;
  bool has_finally = false;
  enum { kBody, kCatch, kFinally } part = kBody;
  for (size_t i = 0; i < f.args.size(); ++i) {
    Value a = f.args[i];
    if (sym_is(a, S.catch_)) {
      if (i + 1 >= f.args.size()) return error_at_runtime("catch requires a pattern", dst);
      clauses.push_back(CatchClause{f.args[++i], {}});
      part = kCatch;
    } else if (sym_is(a, S.finally)) {
      has_finally = true;
      part = kFinally;
    } else if (part == kBody) {
      body.push_back(a);
    } else if (part == kCatch) {
      clauses.back().body.push_back(a);
    } else {
      finally_forms.push_back(a);
    }
  }

  // The body's variables stay visible after the try (§6.3): nil until the body sets them,
  // also when it throws first (registers set aside for this statement's variables).
  for (size_t k = fs_->next_reserved; k < fs_->reserved.size(); ++k) emit_abc(Op::LOADNIL, fs_->reserved[k], 0, 0);
  int r = dst >= 0 ? dst : alloc_reg();
  int save = fs_->freereg;
  int ex = alloc_reg();
  int to_catch = emit_jump(Op::TRY, ex);
  fs_->tries.push_back(finally_forms);
  block(body.data(), body.size(), r);  // no scope of its own (§6.3): its vars stay visible
  fs_->tries.pop_back();
  emit_abc(Op::ENDTRY, 0, 0, 0);
  if (has_finally) run_finally(finally_forms);
  std::vector<int> to_end{emit_jump(Op::JMP, 0)};

  // A throw lands here with the value in R[ex].
  patch_jump(to_catch);
  int ex2 = -1, to_rethrow = -1;
  if (has_finally) {  // a throw from a handler must still run finally
    ex2 = alloc_reg();
    to_rethrow = emit_jump(Op::TRY, ex2);
    fs_->tries.push_back(finally_forms);
  }
  std::vector<int> handled;
  for (CatchClause& c : clauses) {
    int next = -1;
    if (!sym_is(c.pattern, S.star)) {
      int t = alloc_reg();
      expr(c.pattern, t);
      emit_abc(Op::ISA, t, ex, t);
      next = emit_jump(Op::JMPIFNOT, t);
      free_to(t);
    }
    push_scope();
    declare_var(intern("$ex"), ex);
    block(c.body.data(), c.body.size(), r);
    pop_scope();
    handled.push_back(emit_jump(Op::JMP, 0));
    if (next >= 0) patch_jump(next);
  }
  emit_abc(Op::THROW, ex, 0, 0);  // no clause matched: propagate the original value
  for (int j : handled) patch_jump(j);
  if (has_finally) {
    fs_->tries.pop_back();
    emit_abc(Op::ENDTRY, 0, 0, 0);
    run_finally(finally_forms);
    to_end.push_back(emit_jump(Op::JMP, 0));
    patch_jump(to_rethrow);
    run_finally(finally_forms);
    emit_abc(Op::THROW, ex2, 0, 0);
  }
  for (int j : to_end) patch_jump(j);
  free_to(save);
  if (dst == kReturn) emit_abc(Op::RET, r, 0, 0);
  else if (dst >= 0 && dst != r) finish(dst, r);
}

Symbol* async_symbol() {
  static Symbol* s = intern("async");
  return s;
}

// (async e…) is (try (gene/Future/resolved (do e…)) catch * (gene/Future/failed $ex)): the
// body runs now, and the future holds its value or what it threw (§25.5).
Value Compiler::async_body(const Value* body, size_t n, SourcePos pos) {
  auto form = [&](Value head, std::vector<Value> children) {
    Gene* g = heap_.make<Gene>();
    g->type = head;
    g->children.assign(children.begin(), children.end());
    g->pos = pos;
    return value_of(g);
  };
  auto future_fn = [&](const char* name) {
    ComplexSymbol* cs = heap_.make<ComplexSymbol>();
    cs->parts = {syms().gene, intern("Future"), intern(name)};
    return value_of(cs);
  };
  std::vector<Value> forms(body, body + n);
  Value run = form(sym_value("do"), std::move(forms));
  return form(sym_value("try"), {form(future_fn("resolved"), {run}), sym_value("catch"), sym_value("*"),
                                 form(future_fn("failed"), {sym_value("$ex")})});
}

void Compiler::async_form(Form& f, int dst) { expr(async_body(f.args.data(), f.args.size(), f.pos), dst); }

}  // namespace gene
