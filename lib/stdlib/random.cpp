// gene/rand (§25.6): a Float in [0, 1), or with n an Int in [0, n).
#include <fmt/format.h>

#include <random>

#include "runtime/printer.hpp"
#include "stdlib/method_support.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
std::mt19937_64& generator() {
  static std::mt19937_64 gen{std::random_device{}()};
  return gen;
}

Value rand(VM& vm, CallArgs& a) {
  if (a.count == 0) return make_float(std::uniform_real_distribution<double>(0.0, 1.0)(generator()));
  int64_t n = methods::int_arg(vm, a, 0, "rand", "an Int bound");
  if (n <= 0) vm.raise(fmt::format("rand expects a positive bound, got {}", n));
  return make_int(std::uniform_int_distribution<int64_t>(0, n - 1)(generator()));
}
}  // namespace

void install_random(VM& vm) { vm.define_native(vm.gene_ns(), "rand", rand, 0, 1); }

}  // namespace gene
