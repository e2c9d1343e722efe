// Number methods (§16 "Decision (C++): numbers and math") and Range methods (§7.8).
#include <fmt/format.h>

#include <cmath>

#include "runtime/printer.hpp"
#include "stdlib/method_support.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
using namespace methods;

// Truncates toward zero; nan, inf and values outside int64 are errors.
Value to_i(VM& vm, CallArgs& a) {
  if (is_int(a.self)) return a.self;
  double d = std::trunc(as_float(a.self));
  if (std::isnan(d) || d < -9223372036854775808.0 || d >= 9223372036854775808.0)
    vm.raise(fmt::format("Cannot convert {} to Int", format_float(as_float(a.self))));
  return make_int(static_cast<int64_t>(d));
}

Value to_f(VM&, CallArgs& a) { return make_float(to_double(a.self)); }

// Exactly n decimals, rounded like C's %.nf (fmt rounds the exact binary value the same way).
Value to_fixed(VM& vm, CallArgs& a) {
  int64_t n = int_arg(vm, a, 0, "to_fixed", "an Int number of decimals");
  if (n < 0 || n > 100) vm.raise(fmt::format("to_fixed expects 0 to 100 decimals, got {}", n));
  double d = to_double(a.self);
  // A NaN prints without a sign (§19.2): which sign an operation leaves is the CPU's business.
  if (std::isnan(d)) return vm.heap.string_value("nan");
  return vm.heap.string_value(fmt::format("{:.{}f}", d, static_cast<int>(n)));
}

Value abs_(VM& vm, CallArgs& a) {
  if (is_float(a.self)) return make_float(std::fabs(as_float(a.self)));
  int64_t i = as_int(a.self);
  if (i == INT64_MIN) vm.raise("integer overflow");
  return make_int(i < 0 ? -i : i);
}

// ---- Range: inclusive, start, start+step, … up to end (the `for` rule, §7.8) ----
constexpr uint64_t kMaxRangeArray = uint64_t{1} << 27;

// How many values the range yields, minus one, or nothing when it is empty.
bool range_last_step(const Range& r, uint64_t& steps) {
  if (r.step == 0 || (r.step > 0 ? r.start > r.end : r.start < r.end)) {
    steps = 0;
    return r.step == 0;  // for yields start once when step is 0
  }
  uint64_t span = r.step > 0 ? static_cast<uint64_t>(r.end) - static_cast<uint64_t>(r.start)
                             : static_cast<uint64_t>(r.start) - static_cast<uint64_t>(r.end);
  uint64_t stride = r.step > 0 ? static_cast<uint64_t>(r.step) : uint64_t{0} - static_cast<uint64_t>(r.step);
  steps = span / stride;
  return true;
}

Value range_size(VM& vm, CallArgs& a) {
  uint64_t steps;
  if (!range_last_step(*as_range(a.self), steps)) return make_int(0);
  if (steps >= static_cast<uint64_t>(INT64_MAX)) vm.raise("integer overflow");
  return make_int(static_cast<int64_t>(steps + 1));
}

Value range_to_a(VM& vm, CallArgs& a) {
  const Range& r = *as_range(a.self);
  uint64_t steps;
  std::vector<Value> items;
  if (range_last_step(r, steps)) {
    if (steps >= kMaxRangeArray) vm.raise(fmt::format("Range {} is too large for an array", repr_in_message(a.self)));
    items.reserve(steps + 1);
    for (uint64_t i = 0; i <= steps; ++i) items.push_back(make_int(r.start + static_cast<int64_t>(i) * r.step));
  }
  return new_array(vm, std::move(items));
}

const MethodEntry kNumberMethods[] = {
    {Tag::Int, "to_i", to_i, 0, 0},
    {Tag::Float, "to_i", to_i, 0, 0},
    {Tag::Int, "to_f", to_f, 0, 0},
    {Tag::Float, "to_f", to_f, 0, 0},
    {Tag::Int, "to_fixed", to_fixed, 1, 1},
    {Tag::Float, "to_fixed", to_fixed, 1, 1},
    {Tag::Int, "abs", abs_, 0, 0},
    {Tag::Float, "abs", abs_, 0, 0},
    {Tag::Range, "size", range_size, 0, 0},
    {Tag::Range, "to_a", range_to_a, 0, 0},
};
}  // namespace

void install_number_methods(VM& vm) { define_methods(vm, kNumberMethods); }

}  // namespace gene
