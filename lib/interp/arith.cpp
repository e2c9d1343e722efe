// Arithmetic and ordering beyond the Int fast paths (§5.1, §5.2, §20a).
#include <fmt/format.h>

#include <cmath>

#include "interp/ops.hpp"
#include "runtime/equality.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"

namespace gene {

namespace {
const char* op_word(Op op) {
  switch (op) {
    case Op::ADD: return "addition";
    case Op::SUB: return "subtraction";
    case Op::MUL: return "multiplication";
    case Op::DIV: return "division";
    default: return "power";
  }
}

const char* op_symbol(Op op) {
  switch (op) {
    case Op::LT: return "<";
    case Op::LE: return "<=";
    case Op::GT: return ">";
    default: return ">=";
  }
}

Symbol* operator_symbol(Op op) {
  const Syms& S = syms();
  switch (op) {
    case Op::ADD: return S.plus;
    case Op::SUB: return S.minus;
    case Op::MUL: return S.star;
    case Op::DIV: return S.slash;
    default: return S.pow;
  }
}

// A builtin kind may define an operator as a native method: Date and DateTime define `-`.
Value* operator_method(VM& vm, Op op, Value a) {
  if (a.tag == Tag::Instance) return nullptr;
  Class* c = vm.class_of(a);
  Value* m = c ? c->find_method(operator_symbol(op)) : nullptr;
  return m && m->tag == Tag::NativeFn ? m : nullptr;
}

Value int_power(VM& vm, int64_t base, int64_t exp) {
  int64_t result = 1;
  while (exp > 0) {
    if (exp & 1)
      if (__builtin_mul_overflow(result, base, &result)) vm.raise("integer overflow");
    exp >>= 1;
    if (exp > 0 && __builtin_mul_overflow(base, base, &base)) vm.raise("integer overflow");
  }
  return make_int(result);
}
}  // namespace

Value arith_slow(VM& vm, Op op, Value a, Value b) {
  if (!is_number(a)) {
    if (Value* m = operator_method(vm, op, a)) return vm.call(*m, &b, 1, a);
    vm.raise(fmt::format("Unsupported first operand for {}: {}", op_word(op), repr_in_message(a)));
  }
  if (!is_number(b)) vm.raise(fmt::format("Unsupported second operand for {}: {}", op_word(op), repr_in_message(b)));
  if (is_int(a) && is_int(b)) {
    int64_t x = as_int(a), y = as_int(b), r = 0;
    bool overflow = false;
    switch (op) {
      case Op::ADD: overflow = __builtin_add_overflow(x, y, &r); break;
      case Op::SUB: overflow = __builtin_sub_overflow(x, y, &r); break;
      case Op::MUL: overflow = __builtin_mul_overflow(x, y, &r); break;
      case Op::DIV: return make_float(static_cast<double>(x) / static_cast<double>(y));
      default:
        if (y >= 0) return int_power(vm, x, y);
        return make_float(std::pow(static_cast<double>(x), static_cast<double>(y)));
    }
    if (overflow) vm.raise("integer overflow");
    return make_int(r);
  }
  double x = to_double(a), y = to_double(b);
  switch (op) {
    case Op::ADD: return make_float(x + y);
    case Op::SUB: return make_float(x - y);
    case Op::MUL: return make_float(x * y);
    case Op::DIV: return make_float(x / y);
    default: return make_float(std::pow(x, y));
  }
}

Value negate(VM& vm, Value a) {
  if (is_int(a)) {
    if (as_int(a) == INT64_MIN) vm.raise("integer overflow");
    return make_int(-as_int(a));
  }
  if (is_float(a)) return make_float(-as_float(a));
  vm.raise(fmt::format("Unsupported operand for negation: {}", repr_in_message(a)));
}

bool compare_slow(VM& vm, Op op, Value a, Value b) {
  if (!is_number(a) || !is_number(b))
    vm.raise(fmt::format("Cannot compare {} {} {}", kind_name(a.tag), op_symbol(op), kind_name(b.tag)));
  int c = compare_numbers(a, b);
  if (c == 2) return false;  // NaN: every ordering is false
  switch (op) {
    case Op::LT: return c < 0;
    case Op::LE: return c <= 0;
    case Op::GT: return c > 0;
    default: return c >= 0;
  }
}

}  // namespace gene
