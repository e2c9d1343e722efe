// Arithmetic, comparison and logic (§5): n-ary prefix forms fold left; small int
// operands become immediates, other number literals constant operands; conditions
// compile to compare-and-branch, and &&, || and not in them to jumps (no Bool is made).
#include <fmt/format.h>

#include <cmath>

#include "compiler/compiler_impl.hpp"

namespace gene {

namespace {
Op arith_op(const Syms& S, Symbol* s) {
  if (s == S.plus) return Op::ADD;
  if (s == S.minus) return Op::SUB;
  if (s == S.star) return Op::MUL;
  if (s == S.slash) return Op::DIV;
  return Op::POW;
}

Op compare_op(const Syms& S, Symbol* s) {
  if (s == S.lt) return Op::LT;
  if (s == S.le) return Op::LE;
  if (s == S.gt) return Op::GT;
  if (s == S.ge) return Op::GE;
  if (s == S.eq) return Op::EQ;
  return Op::NE;
}

// The form of an arithmetic op whose right operand is a constant.
Op const_form(Op op) {
  switch (op) {
    case Op::ADD: return Op::ADDK;
    case Op::SUB: return Op::SUBK;
    case Op::MUL: return Op::MULK;
    default: return Op::DIVK;
  }
}

// The branch that jumps when the comparison is false, register and immediate forms.
Op branch_op(Op cmp, bool immediate) {
  switch (cmp) {
    case Op::LT: return immediate ? Op::JNLTI : Op::JNLT;
    case Op::LE: return immediate ? Op::JNLEI : Op::JNLE;
    case Op::GT: return immediate ? Op::JNGTI : Op::JNGT;
    case Op::GE: return immediate ? Op::JNGEI : Op::JNGE;
    case Op::EQ: return immediate ? Op::JNEQI : Op::JNEQ;
    default: return immediate ? Op::JNNEI : Op::JNNE;
  }
}

}  // namespace

bool Compiler::is_arith_op(Symbol* s) const {
  const Syms& S = syms();
  return s == S.plus || s == S.minus || s == S.star || s == S.slash;
}

bool Compiler::is_compare_op(Symbol* s) const {
  const Syms& S = syms();
  return s == S.lt || s == S.le || s == S.gt || s == S.ge || s == S.eq || s == S.ne;
}

// Folds Int/Float literal operations whose result is exact and raises nothing.
bool Compiler::fold_constant(Symbol* op, Value a, Value b, Value* out) const {
  const Syms& S = syms();
  if (!opts_.optimize || !is_number(a) || !is_number(b)) return false;
  if (is_int(a) && is_int(b)) {
    int64_t x = as_int(a), y = as_int(b), r;
    bool overflow;
    if (op == S.plus) overflow = __builtin_add_overflow(x, y, &r);
    else if (op == S.minus) overflow = __builtin_sub_overflow(x, y, &r);
    else if (op == S.star) overflow = __builtin_mul_overflow(x, y, &r);
    else return false;
    if (overflow) return false;  // the error must happen at run time
    *out = make_int(r);
    return true;
  }
  double x = to_double(a), y = to_double(b);
  if (op == S.plus) *out = make_float(x + y);
  else if (op == S.minus) *out = make_float(x - y);
  else if (op == S.star) *out = make_float(x * y);
  else return false;
  return true;
}

void Compiler::binary(Op op, Value a, Value b, int dst) {
  int r = target(dst);
  int save = fs_->freereg;
  // A number literal operand stays a constant: ADDK and friends (never both: that folds).
  auto const_operand = [&](Value v) {
    if (!opts_.optimize || !is_number(v)) return -1;
    int k = constant(v);
    return k < kConstLeft ? k : -1;
  };
  bool commutes = op == Op::ADD || op == Op::MUL;
  int k = -1;
  if ((op == Op::ADD || op == Op::SUB) && small_int(b) && !(op == Op::SUB && as_int(b) == INT16_MIN)) {
    int ra = expr_any(a);
    emit_abc(op == Op::ADD ? Op::ADDI : Op::SUBI, r, ra, imm(b));
  } else if (op != Op::POW && !is_number(a) && (k = const_operand(b)) >= 0) {
    int ra = expr_any(a);
    emit_abc(const_form(op), r, ra, k);
  } else if (commutes && !is_number(b) && (k = const_operand(a)) >= 0) {
    int rb = expr_any(b);
    emit_abc(const_form(op), r, rb, k | kConstLeft);
  } else {
    int ra = operand(a, &b, 1);
    int rb = expr_any(b);
    emit_abc(op, r, ra, rb);
  }
  free_to(save);
  finish(dst, r);
}

void Compiler::arith(Symbol* op, Form& f, int dst) {
  const Syms& S = syms();
  auto& args = f.args;
  size_t n = args.size();
  if (is_compare_op(op)) {
    if (n != 2) return error_at_runtime(fmt::format("{} requires exactly 2 arguments", op->name), dst);
    Op cmp = compare_op(S, op);
    int r = target(dst);  // also when discarded: comparing non-numbers is an error
    int save = fs_->freereg;
    int ra = operand(args[0], &args[1], 1);
    int rb = expr_any(args[1]);
    emit_abc(cmp, r, ra, rb);
    free_to(save);
    finish(dst, r);
    return;
  }
  if (op == S.pow) {
    if (n != 2) return error_at_runtime("** requires exactly 2 arguments", dst);
    return binary(Op::POW, args[0], args[1], dst);
  }
  if (n == 0) {
    if (op == S.plus) return load_constant(make_int(0), dst);
    if (op == S.star) return load_constant(make_int(1), dst);
    return error_at_runtime(fmt::format("{} requires at least one argument", op->name), dst);
  }
  if (n == 1) {
    if (op == S.minus) {
      Value a = args[0];
      if (is_int(a) && as_int(a) != INT64_MIN && opts_.optimize) return load_constant(make_int(-as_int(a)), dst);
      if (is_float(a) && opts_.optimize) return load_constant(make_float(-as_float(a)), dst);
      int r = target(dst);
      int save = fs_->freereg;
      int ra = expr_any(a);
      emit_abc(Op::NEG, r, ra, 0);
      free_to(save);
      finish(dst, r);
      return;
    }
    if (op == S.slash) return binary(Op::DIV, make_int(1), args[0], dst);
    // (+ a) and (* a) are a itself, checked to be a number by applying an identity. For +
    // that is a - 0: a + 0 would turn -0.0 into 0.0.
    if (op == S.plus) return binary(Op::SUB, args[0], make_int(0), dst);
    return binary(Op::MUL, args[0], make_int(1), dst);
  }
  Value folded;
  if (n == 2 && fold_constant(op, args[0], args[1], &folded)) return load_constant(folded, dst);
  if (n == 2) return binary(arith_op(S, op), args[0], args[1], dst);
  // n-ary: fold left into one accumulator register
  int r = target(dst);
  int save = fs_->freereg;
  int acc = alloc_reg();
  Op aop = arith_op(S, op);
  expr(args[0], acc);
  for (size_t i = 1; i < n; ++i) {
    int rb = expr_any(args[i]);
    emit_abc(aop, acc, acc, rb);
    free_to(acc + 1);
  }
  emit_abc(Op::MOVE, r, acc, 0);
  free_to(save);
  finish(dst, r);
}

namespace {
// Binding strength in an infix chain; 0 for symbols that cannot chain.
int chain_level(const Syms& S, Value v) {
  if (!is_symbol(v)) return 0;
  Symbol* s = as_symbol(v);
  if (s == S.or_) return 1;
  if (s == S.and_) return 2;
  if (s == S.lt || s == S.le || s == S.gt || s == S.ge || s == S.eq || s == S.ne) return 3;
  if (s == S.plus || s == S.minus) return 4;
  if (s == S.star || s == S.slash) return 5;
  if (s == S.pow) return 6;
  return 0;
}
constexpr int kCompareLevel = 3;
constexpr int kPowLevel = 6;

// Builds the binary tree of a chain by precedence; operands and operators alternate.
class ChainParser {
 public:
  ChainParser(Compiler& c, Heap& heap, const Syms& S, const std::vector<Value>& items, SourcePos pos)
      : c_(c), heap_(heap), S_(S), items_(items), pos_(pos) {}
  Value parse(int level) {
    if (level > kPowLevel) return items_[at_++];
    Value lhs = parse(level + 1);
    if (level == kPowLevel) {  // right-associative
      if (next_level() == kPowLevel) {
        Value op = items_[at_++];
        return binary(lhs, op, parse(kPowLevel));
      }
      return lhs;
    }
    if (level == kCompareLevel) {  // a < b <= c is (a < b) && (b <= c)
      Value result = make_nil();
      bool first = true;
      while (next_level() == kCompareLevel) {
        Value op = items_[at_++];
        Value rhs = parse(level + 1);
        if (!first && !c_.is_pure(lhs)) impure_middle_ = true;
        Value test = binary(lhs, op, rhs);
        result = first ? test : binary(result, make_obj(Tag::Symbol, S_.and_), test);
        first = false;
        lhs = rhs;
      }
      return first ? lhs : result;
    }
    while (next_level() == level) {
      Value op = items_[at_++];
      lhs = binary(lhs, op, parse(level + 1));
    }
    return lhs;
  }
  bool impure_middle() const { return impure_middle_; }

 private:
  int next_level() const { return at_ < items_.size() ? chain_level(S_, items_[at_]) : 0; }
  Value binary(Value a, Value op, Value b) {
    Gene* g = heap_.make<Gene>();
    g->type = a;
    g->children = {op, b};
    g->pos = pos_;
    return make_obj(Tag::Gene, g);
  }
  Compiler& c_;
  Heap& heap_;
  const Syms& S_;
  const std::vector<Value>& items_;
  SourcePos pos_;
  size_t at_ = 0;
  bool impure_middle_ = false;
};
}  // namespace

// (a op b op c …), GN's chains (§5.5): operators bind by precedence (|| < && < comparisons
// < + - < * / < **, ** to the right), and a run of comparisons is their conjunction:
// (1 < x < 5) is ((1 < x) && (x < 5)). False when the form is not such a chain.
bool Compiler::infix_chain(Value head, Form& f, int dst) {
  const Syms& S = syms();
  size_t n = f.args.size();
  if (n < 4 || n % 2 != 0 || f.has_props()) return false;
  for (size_t k = 0; k < n; k += 2)
    if (chain_level(S, f.args[k]) == 0) return false;
  std::vector<Value> items{head};
  items.insert(items.end(), f.args.begin(), f.args.end());
  ChainParser parser(*this, heap_, S, items, f.pos);
  Value tree = parser.parse(1);
  if (parser.impure_middle()) {
    // The middle operand of a < b < c would run twice: only simple ones may chain.
    error_at_runtime("a chained comparison's middle operands must be variables, literals or arithmetic of them", dst);
    return true;
  }
  expr(tree, dst);
  return true;
}

void Compiler::logic(bool is_and, Value a, Value b, int dst) {
  int r = target(dst);
  expr(a, r);
  int skip = emit_jump(is_and ? Op::JMPIFNOT : Op::JMPIF, r);
  expr(b, r);
  patch_jump(skip);
  finish(dst, r);
}

// Emits code that falls through when cond is truthy and jumps (to be patched) when not.
void Compiler::hoist_loop_bound(Value cond) {
  loop_bound_ = {};
  if (!opts_.optimize || !is_gene(cond) || as_gene(cond)->children.size() != 2) return;
  Value b = as_gene(cond)->children[1];  // (x < b) and (< x b) alike
  if (!is_int(b) || small_int(b)) return;
  loop_bound_ = {alloc_reg(), as_int(b)};  // freed with the while statement's temporaries
  load_constant(b, loop_bound_.reg);
}

namespace {
enum class Logic { None, And, Or, Not };

// The shape of a condition as dispatch reads it: (a && b) and (a || b) reach its logic
// step, (not (…)) and (! (…)) its special form. Heads that an earlier step of dispatch
// claims (./, _, a quote, an operator, a path) stay None, and so compile as expressions.
Logic logic_shape(const Compiler& c, Value cond, Value* a, Value* b) {
  const Syms& S = syms();
  if (!is_gene(cond)) return Logic::None;
  Gene* g = as_gene(cond);
  if (!g->props.empty()) return Logic::None;
  Value h = g->type;
  auto& args = g->children;
  if (args.size() == 2 && (sym_is(args[0], S.and_) || sym_is(args[0], S.or_))) {
    bool claimed = is_tag(h, Tag::Quote) || is_tag(h, Tag::ComplexSymbol) || sym_is(h, S.underscore) ||
                   sym_is(h, S.dot_slash) || sym_is(h, S.pow) ||
                   (is_symbol(h) && (c.is_arith_op(as_symbol(h)) || c.is_compare_op(as_symbol(h))));
    if (claimed) return Logic::None;
    *a = h;
    *b = args[1];
    return sym_is(args[0], S.and_) ? Logic::And : Logic::Or;
  }
  if (args.size() == 1 && is_gene(args[0]) && (sym_is(h, S.not_) || sym_is(h, S.bang))) {
    *a = args[0];
    return Logic::Not;
  }
  return Logic::None;
}
}  // namespace

void Compiler::cond_jump(Value cond, bool when, std::vector<int>& jumps, std::vector<int>& short_jumps) {
  Value a, b;
  // --no-opt computes the value and tests it: the reference the differential tests hold
  // these branches to.
  Logic shape = opts_.optimize ? logic_shape(*this, cond, &a, &b) : Logic::None;
  if (shape == Logic::Not) return cond_jump(a, !when, jumps, short_jumps);
  if (shape != Logic::None) {
    // (a && b) jumps when false as soon as a is, and when true only if b is too; || the
    // other way round. The jumps that settle the other outcome land after the test.
    bool settles = shape == Logic::Or;  // the value of a that decides the whole
    if (settles == when) {
      cond_jump(a, when, jumps, short_jumps);
      cond_jump(b, when, jumps, short_jumps);
    } else {
      std::vector<int> past, short_past;
      cond_jump(a, settles, past, short_past);
      cond_jump(b, when, jumps, short_jumps);
      for (int j : past) patch_jump(j);
      for (int j : short_past) patch_short_jump(j);
    }
    return;
  }
  if (opts_.optimize && (is_nil(cond) || is_bool(cond) || is_int(cond) || is_float(cond))) {
    // A literal's truth is known: `(while true …)` tests nothing per iteration.
    bool truthy = !is_nil(cond) && !(is_bool(cond) && !as_bool(cond));
    if (truthy == when) jumps.push_back(emit_jump(Op::JMP, 0));
    return;
  }
  if (compare_jump(cond, when, jumps, short_jumps)) return;
  int save = fs_->freereg;
  int r = expr_any(cond);
  jumps.push_back(emit_jump(when ? Op::JMPIF : Op::JMPIFNOT, r));
  free_to(save);
}

// A comparison as a compare-and-branch; false if cond is not one.
bool Compiler::compare_jump(Value cond, bool when, std::vector<int>& jumps, std::vector<int>& short_jumps) {
  const Syms& S = syms();
  if (!is_gene(cond)) return false;
  Gene* g = as_gene(cond);
  Value h = g->type;
  Value a, b;
  Symbol* op = nullptr;
  bool shape = g->props.empty() && g->children.size() == 2;
  if (shape && is_symbol(g->children[0]) && is_compare_op(as_symbol(g->children[0])) && !sym_is(h, S.underscore) &&
      !is_tag(h, Tag::Quote)) {
    op = as_symbol(g->children[0]);
    a = h;
    b = g->children[1];
  } else if (shape && is_symbol(h) && is_compare_op(as_symbol(h))) {
    op = as_symbol(h);
    a = g->children[0];
    b = g->children[1];
  }
  if (!op) return false;
  SourcePos saved = pos_;
  if (g->pos.known()) pos_ = g->pos;
  int save = fs_->freereg;
  Op cmp = compare_op(S, op);
  // == and != are each other's negation, so either jumps directly. An ordering is not
  // (NaN is neither < nor >=): jumping when it holds skips over a jump when it doesn't.
  bool flip = when && (cmp == Op::EQ || cmp == Op::NE);
  if (flip) cmp = cmp == Op::EQ ? Op::NE : Op::EQ;
  bool over = when && !flip;  // branch over a JMP taken when the comparison holds
  std::vector<int> skip;
  std::vector<int>& out = over ? skip : short_jumps;
  // Only a right operand becomes the immediate: (3 > x) run as (x < 3) would name
  // the operands in the wrong order in "Cannot compare ..." errors.
  if (small_int(b) && opts_.optimize) {
    int ra = expr_any(a);
    out.push_back(emit_abc(branch_op(cmp, true), ra, imm(b), 0));
  } else if (Value k; (cmp == Op::EQ || cmp == Op::NE) && equality_constant(b, &k) && opts_.optimize) {
    int ra = expr_any(a);
    out.push_back(emit_abc(cmp == Op::EQ ? Op::JNEQK : Op::JNNEK, ra, constant(k), 0));
  } else {
    int ra = operand(a, &b, 1);
    bool hoisted = loop_bound_.reg >= 0 && is_int(b) && as_int(b) == loop_bound_.value;
    int rb = hoisted ? loop_bound_.reg : expr_any(b);
    out.push_back(emit_abc(branch_op(cmp, false), ra, rb, 0));
  }
  if (over) {
    jumps.push_back(emit_jump(Op::JMP, 0));
    patch_short_jump(skip[0]);
  }
  free_to(save);
  pos_ = saved;
  return true;
}

}  // namespace gene
