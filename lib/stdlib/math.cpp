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
int64_t int_arg(VM& vm, CallArgs& a, int k, const char* fn) {
  Value v = a.args[k];
  if (!is_int(v)) vm.raise(fmt::format("{} expects Int arguments, got {}", fn, repr(v)));
  return as_int(v);
}

double num_arg(VM& vm, CallArgs& a, int k, const char* fn) {
  Value v = a.args[k];
  if (!is_number(v)) vm.raise(fmt::format("{} expects a number, got {}", fn, repr(v)));
  return to_double(v);
}

Value mod(VM& vm, CallArgs& a) {
  int64_t x = int_arg(vm, a, 0, "mod"), y = int_arg(vm, a, 1, "mod");
  if (y == 0) vm.raise("division by zero");
  if (y == -1) return make_int(0);
  int64_t r = x % y;
  if (r != 0 && ((r < 0) != (y < 0))) r += y;
  return make_int(r);
}

Value rem(VM& vm, CallArgs& a) {
  int64_t x = int_arg(vm, a, 0, "rem"), y = int_arg(vm, a, 1, "rem");
  if (y == 0) vm.raise("division by zero");
  if (y == -1) return make_int(0);
  return make_int(x % y);
}

Value div(VM& vm, CallArgs& a) {
  int64_t x = int_arg(vm, a, 0, "div"), y = int_arg(vm, a, 1, "div");
  if (y == 0) vm.raise("division by zero");
  if (x == INT64_MIN && y == -1) vm.raise("integer overflow");
  int64_t q = x / y;
  if ((x % y != 0) && ((x < 0) != (y < 0))) --q;
  return make_int(q);
}

Value abs_(VM& vm, CallArgs& a) {
  Value v = a.args[0];
  if (is_int(v)) {
    if (as_int(v) == INT64_MIN) vm.raise("integer overflow");
    return make_int(as_int(v) < 0 ? -as_int(v) : as_int(v));
  }
  return make_float(std::fabs(num_arg(vm, a, 0, "abs")));
}

// min and max keep Ints as Ints; a Float anywhere makes a Float.
Value extreme(VM& vm, CallArgs& a, bool want_max, const char* name) {
  Value best = a.args[0];
  num_arg(vm, a, 0, name);
  for (int k = 1; k < a.count; ++k) {
    Value v = a.args[k];
    double d = num_arg(vm, a, k, name);
    double b = to_double(best);
    if (is_int(v) && is_int(best) ? (want_max ? as_int(v) > as_int(best) : as_int(v) < as_int(best))
                                  : (want_max ? d > b : d < b))
      best = v;
  }
  return best;
}
Value min_(VM& vm, CallArgs& a) { return extreme(vm, a, false, "min"); }
Value max_(VM& vm, CallArgs& a) { return extreme(vm, a, true, "max"); }

#define GENE_UNARY_MATH(name, expr)                  \
  Value name##_(VM& vm, CallArgs& a) {              \
    double x = num_arg(vm, a, 0, #name);            \
    return make_float(expr);                        \
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

Value atan2_(VM& vm, CallArgs& a) { return make_float(std::atan2(num_arg(vm, a, 0, "atan2"), num_arg(vm, a, 1, "atan2"))); }

Value bit_and(VM& vm, CallArgs& a) { return make_int(int_arg(vm, a, 0, "bit_and") & int_arg(vm, a, 1, "bit_and")); }
Value bit_or(VM& vm, CallArgs& a) { return make_int(int_arg(vm, a, 0, "bit_or") | int_arg(vm, a, 1, "bit_or")); }
Value bit_xor(VM& vm, CallArgs& a) { return make_int(int_arg(vm, a, 0, "bit_xor") ^ int_arg(vm, a, 1, "bit_xor")); }
Value bit_not(VM& vm, CallArgs& a) { return make_int(~int_arg(vm, a, 0, "bit_not")); }
Value shl(VM& vm, CallArgs& a) {
  int64_t x = int_arg(vm, a, 0, "shl"), n = int_arg(vm, a, 1, "shl");
  if (n < 0 || n > 63) vm.raise("shift count out of range");
  return make_int(static_cast<int64_t>(static_cast<uint64_t>(x) << n));
}
Value shr(VM& vm, CallArgs& a) {
  int64_t x = int_arg(vm, a, 0, "shr"), n = int_arg(vm, a, 1, "shr");
  if (n < 0 || n > 63) vm.raise("shift count out of range");
  return make_int(x >> n);
}
}  // namespace

void install_math(VM& vm) {
  Namespace* g = vm.gene_ns();
  struct Entry {
    const char* name;
    NativeFnPtr fn;
    int lo, hi;
  };
  static const Entry kFns[] = {
      {"mod", mod, 2, 2},         {"rem", rem, 2, 2},         {"div", div, 2, 2},
      {"abs", abs_, 1, 1},        {"min", min_, 1, -1},       {"max", max_, 1, -1},
      {"sqrt", sqrt_, 1, 1},      {"exp", exp_, 1, 1},        {"log", log_, 1, 1},
      {"sin", sin_, 1, 1},        {"cos", cos_, 1, 1},        {"tan", tan_, 1, 1},
      {"atan", atan_, 1, 1},      {"atan2", atan2_, 2, 2},    {"floor", floor_, 1, 1},
      {"ceil", ceil_, 1, 1},      {"round", round_, 1, 1},    {"trunc", trunc_, 1, 1},
      {"bit_and", bit_and, 2, 2}, {"bit_or", bit_or, 2, 2},   {"bit_xor", bit_xor, 2, 2},
      {"bit_not", bit_not, 1, 1}, {"shl", shl, 2, 2},         {"shr", shr, 2, 2},
  };
  for (const Entry& e : kFns) vm.define_native(g, e.name, e.fn, e.lo, e.hi);
  Namespace* math = vm.heap.make<Namespace>(intern("math"), g);
  g->define(intern("math"), value_of(math));
  math->define(intern("PI"), make_float(std::numbers::pi));
  math->define(intern("E"), make_float(std::numbers::e));
}

}  // namespace gene
