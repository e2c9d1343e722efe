// Numbers (§16 "Decision (C++): numbers and math"): mod/rem/div, <cmath> functions,
// min/max/abs that keep Ints, bit operations, and gene/math constants.
#include <fmt/format.h>

#include <cmath>
#include <numbers>

#include "interp/vm.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
int64_t int_arg(VM& vm, Value v, const char* fn) {
  if (!is_int(v)) vm.raise(fmt::format("{} expects Int arguments, got {}", fn, repr_in_message(v)));
  return as_int(v);
}

double num_arg(VM& vm, Value v, const char* fn) {
  if (!is_number(v)) vm.raise(fmt::format("{} expects a number, got {}", fn, repr_in_message(v)));
  return to_double(v);
}

// mod, rem and div of two Ints; int_builtin leaves out a zero divisor (an error) and -1.
Value divide(VM& vm, Value a, Value b, NativeOp op, const char* name) {
  int64_t x = int_arg(vm, a, name), y = int_arg(vm, b, name), out;
  if (int_builtin(op, x, y, out)) return make_int(out);
  if (y == 0) vm.raise("division by zero");
  if (op == NativeOp::kDiv && x == INT64_MIN) vm.raise("integer overflow");
  return make_int(op == NativeOp::kDiv ? -x : 0);  // y == -1
}
Value mod(VM& vm, Value a, Value b) { return divide(vm, a, b, NativeOp::kMod, "mod"); }
Value rem(VM& vm, Value a, Value b) { return divide(vm, a, b, NativeOp::kRem, "rem"); }
Value div(VM& vm, Value a, Value b) { return divide(vm, a, b, NativeOp::kDiv, "div"); }

Value abs_(VM& vm, Value v) {
  if (is_int(v)) {
    if (as_int(v) == INT64_MIN) vm.raise("integer overflow");
    return make_int(as_int(v) < 0 ? -as_int(v) : as_int(v));
  }
  return make_float(std::fabs(num_arg(vm, v, "abs")));
}

// min and max keep Ints as Ints; a Float anywhere makes a Float.
Value extreme(VM& vm, Value best, Value v, bool want_max, const char* name) {
  double d = num_arg(vm, v, name);
  double b = to_double(best);
  if (is_int(v) && is_int(best) ? (want_max ? as_int(v) > as_int(best) : as_int(v) < as_int(best))
                                : (want_max ? d > b : d < b))
    return v;
  return best;
}
Value extreme(VM& vm, CallArgs& a, bool want_max, const char* name) {
  Value best = a.args[0];
  num_arg(vm, best, name);
  for (int k = 1; k < a.count; ++k) best = extreme(vm, best, a.args[k], want_max, name);
  return best;
}
Value min_(VM& vm, CallArgs& a) { return extreme(vm, a, false, "min"); }
Value max_(VM& vm, CallArgs& a) { return extreme(vm, a, true, "max"); }
Value min2(VM& vm, Value x, Value y) {
  num_arg(vm, x, "min");
  return extreme(vm, x, y, false, "min");
}
Value max2(VM& vm, Value x, Value y) {
  num_arg(vm, x, "max");
  return extreme(vm, x, y, true, "max");
}

#define GENE_UNARY_MATH(name, expr)        \
  Value name##_(VM& vm, Value v) {         \
    double x = num_arg(vm, v, #name);      \
    return make_float(expr);               \
  }
GENE_UNARY_MATH(sqrt, std::sqrt(x))
GENE_UNARY_MATH(exp, std::exp(x))
GENE_UNARY_MATH(log, std::log(x))
GENE_UNARY_MATH(sin, std::sin(x))
GENE_UNARY_MATH(cos, std::cos(x))
GENE_UNARY_MATH(tan, std::tan(x))
GENE_UNARY_MATH(atan, std::atan(x))
GENE_UNARY_MATH(floor, std::floor(x))
GENE_UNARY_MATH(ceil, std::ceil(x))
GENE_UNARY_MATH(round, std::round(x))
GENE_UNARY_MATH(trunc, std::trunc(x))
#undef GENE_UNARY_MATH

Value atan2_(VM& vm, Value y, Value x) { return make_float(std::atan2(num_arg(vm, y, "atan2"), num_arg(vm, x, "atan2"))); }

// The bit operations and shifts of two Ints; a shift count outside 0..63 raises.
Value bits(VM& vm, Value a, Value b, NativeOp op, const char* name) {
  int64_t x = int_arg(vm, a, name), y = int_arg(vm, b, name), out;
  if (!int_builtin(op, x, y, out)) vm.raise("shift count out of range");
  return make_int(out);
}
Value bit_and(VM& vm, Value a, Value b) { return bits(vm, a, b, NativeOp::kAnd, "bit_and"); }
Value bit_or(VM& vm, Value a, Value b) { return bits(vm, a, b, NativeOp::kOr, "bit_or"); }
Value bit_xor(VM& vm, Value a, Value b) { return bits(vm, a, b, NativeOp::kXor, "bit_xor"); }
Value bit_not(VM& vm, Value a) { return make_int(~int_arg(vm, a, "bit_not")); }
Value shl(VM& vm, Value a, Value b) { return bits(vm, a, b, NativeOp::kShl, "shl"); }
Value shr(VM& vm, Value a, Value b) { return bits(vm, a, b, NativeOp::kShr, "shr"); }
}  // namespace

void install_math(VM& vm) {
  Namespace* g = vm.gene_ns();
  struct Unary {
    const char* name;
    NativeFn1Ptr fn;
    NativeOp op = NativeOp::kNone;
  };
  struct Binary {
    const char* name;
    NativeFn2Ptr fn;
    NativeOp op = NativeOp::kNone;
  };
  static const Unary kUnary[] = {
      {"abs", abs_, NativeOp::kAbs}, {"sqrt", sqrt_},   {"exp", exp_},     {"log", log_},         {"sin", sin_},
      {"cos", cos_},     {"tan", tan_},     {"atan", atan_},   {"floor", floor_},     {"ceil", ceil_},
      {"round", round_}, {"trunc", trunc_}, {"bit_not", bit_not},
  };
  static const Binary kBinary[] = {
      {"mod", mod, NativeOp::kMod},         {"rem", rem, NativeOp::kRem},        {"div", div, NativeOp::kDiv},
      {"atan2", atan2_},                    {"bit_and", bit_and, NativeOp::kAnd}, {"bit_or", bit_or, NativeOp::kOr},
      {"bit_xor", bit_xor, NativeOp::kXor}, {"shl", shl, NativeOp::kShl},        {"shr", shr, NativeOp::kShr},
  };
  for (const Unary& u : kUnary) vm.define_native(g, u.name, u.fn)->op = u.op;
  for (const Binary& b : kBinary) vm.define_native(g, b.name, b.fn)->op = b.op;
  // Any number of arguments; two, the common case, take the direct entry.
  NativeFn* min = vm.define_native(g, "min", min_, 1, -1);
  min->direct2 = min2;
  min->op = NativeOp::kMin;
  NativeFn* max = vm.define_native(g, "max", max_, 1, -1);
  max->direct2 = max2;
  max->op = NativeOp::kMax;
  Namespace* math = vm.heap.make<Namespace>(intern("math"), g);
  g->define(intern("math"), value_of(math));
  math->define(intern("PI"), make_float(std::numbers::pi));
  math->define(intern("E"), make_float(std::numbers::e));
}

}  // namespace gene
