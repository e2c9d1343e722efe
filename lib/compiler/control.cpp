// Control flow (§7): if/elif/else, do, loop, while, for-in, repeat, break, continue, return.
#include <fmt/format.h>

#include "compiler/compiler_impl.hpp"

namespace gene {

bool parse_if(const std::vector<Value>& args, std::vector<IfClause>& out) {
  const Syms& S = syms();
  size_t i = 0;
  auto read_cond = [&](IfClause& c) {
    if (i < args.size() && sym_is(args[i], S.not_)) {
      c.negate = true;
      ++i;
    }
    if (i >= args.size()) return false;
    c.cond = args[i++];
    return true;
  };
  IfClause first;
  if (!read_cond(first)) return false;
  bool keywords = false;
  for (size_t j = i; j < args.size(); ++j)
    if (sym_is(args[j], S.then) || sym_is(args[j], S.elif) || sym_is(args[j], S.else_)) keywords = true;
  if (!keywords) {
    size_t rest = args.size() - i;
    if (rest == 0) return false;
    if (rest == 2 && !first.negate) {  // (if c a b): ternary
      first.body.push_back(args[i]);
      out.push_back(first);
      IfClause e;
      e.is_else = true;
      e.body.push_back(args[i + 1]);
      out.push_back(e);
      return true;
    }
    first.body.assign(args.begin() + static_cast<ptrdiff_t>(i), args.end());
    out.push_back(first);
    return true;
  }
  if (i < args.size() && sym_is(args[i], S.then)) ++i;
  IfClause* cur = &out.emplace_back(first);
  while (i < args.size()) {
    Value a = args[i++];
    if (sym_is(a, S.elif)) {
      IfClause c;
      if (!read_cond(c)) return false;
      if (i < args.size() && sym_is(args[i], S.then)) ++i;
      cur = &out.emplace_back(c);
    } else if (sym_is(a, S.else_)) {
      IfClause c;
      c.is_else = true;
      cur = &out.emplace_back(c);
    } else {
      cur->body.push_back(a);
    }
  }
  return true;
}

void Compiler::if_form(Form& f, int dst) {
  std::vector<IfClause> clauses;
  if (!parse_if(f.args, clauses)) return error_at_runtime("if requires a condition and a branch", dst);
  int r = dst == kDiscard || dst == kReturn ? dst : target(dst);
  std::vector<int> to_end;
  bool has_else = false;
  for (size_t k = 0; k < clauses.size(); ++k) {
    IfClause& c = clauses[k];
    std::vector<int> jumps, short_jumps;
    if (c.is_else) has_else = true;
    else cond_jump(c.cond, c.negate, jumps, short_jumps);
    push_scope();
    block(c.body.data(), c.body.size(), r);
    pop_scope();
    // The last branch of an if without else whose value is discarded has nothing to skip.
    bool falls_to_end = k + 1 == clauses.size() && r == kDiscard;
    if (!c.is_else && r != kReturn && !falls_to_end) to_end.push_back(emit_jump(Op::JMP, 0));
    for (int j : jumps) patch_jump(j);
    for (int j : short_jumps) patch_short_jump(j);
  }
  if (!has_else) load_constant(make_nil(), r);
  for (int j : to_end) patch_jump(j);
}

// Pops the handlers of the try blocks above depth, running their finally forms.
void Compiler::leave_tries(size_t depth) {
  for (size_t k = fs_->tries.size(); k-- > depth;) {
    emit_abc(Op::ENDTRY, 0, 0, 0);
    std::vector<Value> forms = fs_->tries[k];  // a copy: the finally forms may open tries
    run_finally(forms);
  }
}

void Compiler::run_finally(const std::vector<Value>& forms) {
  ++fs_->in_finally;
  // The forms may be compiled again on another path; they get a scope of their own.
  push_scope();
  for (Value v : forms) statement(v);
  pop_scope();
  --fs_->in_finally;
}

void Compiler::do_form(Form& f, int dst) { block(f.args.data(), f.args.size(), dst); }

// Registers a loop: its back-edge counter (for the JIT) and its break/continue targets.
int Compiler::begin_loop(int result_reg) {
  auto& counters = fs_->proto->loop_counters;
  counters.push_back(0);
  fs_->loops.push_back(LoopInfo{result_reg, fs_->scopes.size(), fs_->tries.size(), INT_MAX, false, {}, {}});
  return static_cast<int>(counters.size()) - 1;
}

// Ends the body: `continue` lands here; the body's variables are closed (fresh bindings
// per iteration), and control goes back to top, through the loop's own test for
// FORLOOP and REPLOOP (one instruction per iteration where a test at the top takes two).
LoopInfo Compiler::end_iteration(int loop_index, int top, Op back, int a, int b) {
  LoopInfo loop = end_body();
  if (back == Op::LOOP) emit_loop_back(loop_index, top);
  else patch_short_jump_to(emit_abc(back, a, b, 0), top);
  return loop;
}

LoopInfo Compiler::end_body() {
  LoopInfo loop = std::move(fs_->loops.back());
  fs_->loops.pop_back();
  for (int j : loop.continues) patch_jump_to(j, pc());
  close_loop_vars(loop);
  return loop;
}

void Compiler::close_loop_vars(const LoopInfo& loop) {
  if (loop.captured) emit_abc(Op::CLOSE, loop.first_var_reg, 0, 0);
}

void Compiler::loop_form(Form& f, int dst) {
  int r = dst == kDiscard ? kDiscard : target(dst);
  if (r != kDiscard) load_constant(make_nil(), r);
  int loop_index = begin_loop(r);
  int top = pc();
  for (Value v : f.args) statement(v);
  LoopInfo loop = end_iteration(loop_index, top);
  for (int j : loop.breaks) patch_jump(j);
  if (r != kDiscard) finish(dst, r);
}

namespace {
// The back edge that is also a while loop's test, from the jump the test compiles to; LOOP
// when there is none.
Op loop_branch(Op jump_unless) {
  switch (jump_unless) {
    case Op::JNLT: return Op::LOOPLT;
    case Op::JNLE: return Op::LOOPLE;
    case Op::JNGT: return Op::LOOPGT;
    case Op::JNGE: return Op::LOOPGE;
    case Op::JNLTI: return Op::LOOPLTI;
    case Op::JNLEI: return Op::LOOPLEI;
    case Op::JNGTI: return Op::LOOPGTI;
    case Op::JNGEI: return Op::LOOPGEI;
    case Op::JNNE: return Op::LOOPNE;
    case Op::JNNEI: return Op::LOOPNEI;
    case Op::JNNEK: return Op::LOOPNEK;
    default: return Op::LOOP;
  }
}
}  // namespace

// A comparison of names and numbers: a test that declares nothing, so it can move below
// the body it guards.
bool Compiler::plain_comparison(Value cond) const {
  if (!is_gene(cond)) return false;
  Gene* g = as_gene(cond);
  if (!g->props.empty() || g->children.size() != 2) return false;
  auto plain = [](Value v) { return is_symbol(v) || is_int(v) || is_float(v); };
  if (!plain(g->type) || !plain(g->children[0]) || !plain(g->children[1])) return false;
  auto compares = [&](Value v) { return is_symbol(v) && is_compare_op(as_symbol(v)); };
  return compares(g->type) || compares(g->children[0]);
}

// A while loop whose test is a plain comparison runs it at the bottom, fused with the back
// edge (LOOPLT …): entered once by a jump to the test, it costs one instruction per
// iteration instead of a test at the top plus LOOP.
void Compiler::while_form(Form& f, int dst) {
  if (f.args.empty()) return error_at_runtime("while requires a condition", dst);
  int loop_index = begin_loop(kDiscard);
  std::vector<int> jumps, short_jumps;
  LoopInfo loop;
  if (plain_comparison(f.args[0])) {
    hoist_loop_bound(f.args[0]);
    LoopBound bound = loop_bound_;
    loop_bound_ = {};  // not for the body's own loops
    int entry = emit_jump(Op::JMP, loop_index);  // names the loop for the fused back edge
    int top = pc();
    size_t scope = fs_->scopes.size() - 1;  // an index: the body may grow fs_->scopes
    size_t declared_before = fs_->scopes[scope].names.size();
    for (size_t i = 1; i < f.args.size(); ++i) statement(f.args[i]);
    loop = end_body();
    patch_jump_to(entry, pc());
    // The test means the names it would mean above the body: the body's own variables
    // are hidden from it (their registers are not yet set when the loop is entered).
    auto& names = fs_->scopes[scope].names;
    std::vector<std::pair<Symbol*, int>> body_names(names.begin() + static_cast<std::ptrdiff_t>(declared_before), names.end());
    names.resize(declared_before);
    loop_bound_ = bound;
    cond_jump_false(f.args[0], jumps, short_jumps);
    loop_bound_ = {};
    names.insert(names.end(), body_names.begin(), body_names.end());
    int test = pc() - 1;
    Instr& last = fs_->proto->code[static_cast<size_t>(test)];
    Op fused = jumps.empty() && short_jumps.size() == 1 && short_jumps[0] == test ? loop_branch(last.op) : Op::LOOP;
    if (fused != Op::LOOP) {
      last.op = fused;
      patch_short_jump_to(test, top);
      short_jumps.clear();
    } else {
      emit_loop_back(loop_index, top);
    }
  } else {
    int top = pc();
    bool owned = reserve_vars(f.args[0]);
    cond_jump_false(f.args[0], jumps, short_jumps);
    drop_reservations(owned);
    for (size_t i = 1; i < f.args.size(); ++i) statement(f.args[i]);
    loop = end_iteration(loop_index, top);
  }
  for (int j : jumps) patch_jump(j);
  for (int j : short_jumps) patch_short_jump(j);
  for (int j : loop.breaks) patch_jump(j);
  load_constant(make_nil(), dst);
}

// (a .. b) as dispatch reads it (its range step), so that a for loop can count instead.
bool Compiler::literal_range(Value v, Value* low, Value* high) const {
  const Syms& S = syms();
  if (!opts_.optimize || !is_gene(v)) return false;
  Gene* g = as_gene(v);
  if (!g->props.empty() || g->children.size() != 2 || !sym_is(g->children[0], S.dotdot)) return false;
  if (sym_is(g->type, S.dot_slash) || is_tag(g->type, Tag::ComplexSymbol)) return false;  // (./ …) comes first
  *low = g->type;
  *high = g->children[1];
  return true;
}

// (for x in coll body…): the loop variable gets a fresh binding per iteration.
void Compiler::for_form(Form& f, int dst) {
  const Syms& S = syms();
  if (f.args.size() < 3 || !sym_is(f.args[1], S.in))
    return error_at_runtime("for expects (for name in collection body…)", dst);
  Value pattern = f.args[0];
  int save = fs_->freereg;
  int iter = alloc_reg();
  alloc_reg();  // iteration state
  Value low, high;
  bool counted = is_symbol(pattern) && literal_range(f.args[2], &low, &high);
  bool two = is_array(pattern) && as_array(pattern)->items.size() == 2;
  if (counted) {
    // (for x in (a .. b) …) counts from a without making a Range; the bounds are checked
    // where the range is written, as RANGE checks them.
    expr(low, iter);
    expr(high, iter + 1);
    SourcePos saved = pos_;
    if (as_gene(f.args[2])->pos.known()) pos_ = as_gene(f.args[2])->pos;
    emit_abc(Op::FORPREP, iter, 0, 1);
    pos_ = saved;
  } else {
    expr(f.args[2], iter);
    // With a [names] pattern each element comes as a pair: [index element] or [key value];
    // for two names FORPAIR puts the two in their registers, and no pair is made.
    emit_abc(Op::FORPREP, iter, two ? 2 : is_array(pattern) ? 1 : 0, 0);
  }
  int loop_index = begin_loop(kDiscard);
  push_scope();
  std::vector<int> names_regs;
  int elem;
  if (two) {  // FORPAIR sets both, consecutive registers
    elem = alloc_reg();
    alloc_reg();
    for (int k = 0; k < 2; ++k)
      if (Value p = as_array(pattern)->items[static_cast<size_t>(k)]; is_symbol(p)) declare_var(as_symbol(p), elem + k, /*set_once=*/true);
  } else if (is_array(pattern)) {  // (for [a b c] in …) destructures each element
    elem = alloc_reg();
    for (Value p : as_array(pattern)->items)
      names_regs.push_back(is_symbol(p) ? declare_var(as_symbol(p), -1, /*set_once=*/true) : take_var_reg());
  } else if (is_symbol(pattern)) {
    // Set at the top of each iteration, before the body can make a closure: a fresh
    // binding each time, as closures see it.
    elem = declare_var(as_symbol(pattern), -1, /*set_once=*/true);
  } else {
    fs_->loops.pop_back();
    pop_scope();
    free_to(save);
    return error_at_runtime("for expects a name or [names] before in", dst);
  }
  // The test sits at the bottom (FORLOOP), entered once by a jump that also names the
  // loop for FORLOOP's back-edge count.
  int first_jump = emit_jump(Op::JMP, loop_index);
  int top = pc();
  for (size_t i = 0; i < names_regs.size(); ++i)
    emit_abc(Op::GETINDEX, names_regs[i], elem, static_cast<int>(i));
  int body_save = fs_->freereg;
  for (size_t i = 3; i < f.args.size(); ++i) statement(f.args[i]);
  free_to(body_save);
  LoopInfo loop = end_iteration(loop_index, top, two ? Op::FORPAIR : Op::FORLOOP, iter, elem);
  for (size_t k : fs_->scopes.back().local_infos) fs_->proto->locals[k].end_pc = static_cast<uint32_t>(pc());
  settle_captures(fs_->scopes.back());
  fs_->scopes.pop_back();  // its variables were closed at the end of each iteration
  patch_jump_to(first_jump, pc() - 1);
  for (int j : loop.breaks) patch_jump(j);
  // A loop left by break may leave a map it read in place (for_prep): FORDONE lets it go.
  // At the normal end the last FORLOOP did.
  if (!loop.breaks.empty() && !counted) emit_abc(Op::FORDONE, iter, 0, 0);
  free_to(save);
  load_constant(make_nil(), dst);
}

// (repeat n body…): a counted loop; n is evaluated once. ^index i names the 0-based
// counter and ^total t the count, both fresh in each iteration's scope (GN).
void Compiler::repeat_form(Form& f, int dst) {
  if (f.args.empty()) return error_at_runtime("repeat requires a count", dst);
  auto prop_name = [&](const char* key) -> Symbol* {
    const Value* v = f.props ? f.props->find(intern(key)) : nullptr;
    return v && is_symbol(*v) ? as_symbol(*v) : nullptr;
  };
  Symbol* index_name = prop_name("index");
  Symbol* total_name = prop_name("total");
  int save = fs_->freereg;
  int i = alloc_reg();
  int count = alloc_reg();  // R[i + 1], where REPLOOP reads it
  expr(f.args[0], count);
  load_constant(make_int(0), i);
  int loop_index = begin_loop(kDiscard);
  int exit_jump = emit_abc(Op::JNLT, i, count, 0);
  int top = pc();
  push_scope();
  if (index_name) emit_abc(Op::MOVE, declare_var(index_name, alloc_reg()), i, 0);
  if (total_name) emit_abc(Op::MOVE, declare_var(total_name, alloc_reg()), count, 0);
  for (size_t k = 1; k < f.args.size(); ++k) statement(f.args[k]);
  pop_scope();
  LoopInfo loop = end_iteration(loop_index, top, Op::REPLOOP, i, loop_index);
  patch_short_jump(exit_jump);
  for (int j : loop.breaks) patch_jump(j);
  free_to(save);
  load_constant(make_nil(), dst);
}

void Compiler::break_form(Form& f, int dst, bool is_break) {
  if (fs_->in_finally) return load_constant(make_nil(), dst == kReturn ? kReturn : dst);
  if (fs_->loops.empty())
    return error_at_runtime(is_break ? "break used outside of a loop" : "continue used outside of a loop", dst);
  // By index: compiling the break value may open (and push) loops of its own.
  size_t at = fs_->loops.size() - 1;
  int result_reg = fs_->loops[at].result_reg;
  if (is_break && !f.args.empty()) {
    expr(f.args[0], result_reg);
  } else if (is_break && result_reg >= 0) {
    load_constant(make_nil(), result_reg);
  }
  leave_tries(fs_->loops[at].try_depth);  // finally forms may open loops too: index again below
  close_loop_vars(fs_->loops[at]);
  int j = emit_jump(Op::JMP, 0);
  (is_break ? fs_->loops[at].breaks : fs_->loops[at].continues).push_back(j);
  if (dst != kDiscard && dst != kReturn) load_constant(make_nil(), dst);
}

void Compiler::return_form(Form& f, int dst) {
  if (fs_->in_finally) return load_constant(make_nil(), dst);
  if (fs_->proto->is_module) return error_at_runtime("Return from top level", dst);
  if (fs_->tries.empty()) {
    if (f.args.empty()) {
      emit_abc(Op::RETNIL, 0, 0, 0);
    } else {
      expr(f.args[0], kReturn);
    }
  } else {
    // Leaving try blocks: the value first, then every handler and finally on the way out.
    int save = fs_->freereg;
    int r = alloc_reg();
    if (f.args.empty()) load_constant(make_nil(), r);
    else expr(f.args[0], r);
    leave_tries(0);
    emit_abc(Op::RET, r, 0, 0);
    free_to(save);
  }
  if (dst != kDiscard && dst != kReturn) load_constant(make_nil(), dst);
}

}  // namespace gene
