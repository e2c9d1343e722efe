// Calls: naive recursive fib(20), 21891 Gene calls per iteration.
#include <benchmark/benchmark.h>

#include <exception>

#include "loaded_program.hpp"

namespace {

using namespace gene;

constexpr const char* kFib = R"(
(fn fib [n]
  (if (n < 2)
    n
    ((fib (n - 1)) + (fib (n - 2)))))
)";

int64_t fib(int64_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

void BM_FibCalls(benchmark::State& state) {
  const int64_t n = state.range(0);
  const int64_t expected = fib(n);
  const int64_t calls = 2 * fib(n + 1) - 1;  // calls(n) = 2*fib(n+1) - 1
  try {
    micro::LoadedProgram prog(kFib);
    for (auto _ : state) {
      Value v = prog.call("fib", {make_int(n)});
      if (!is_int(v) || as_int(v) != expected) {
        state.SkipWithError("fib returned a wrong value");
        break;
      }
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
  state.SetItemsProcessed(state.iterations() * calls);  // items = Gene calls
}
BENCHMARK(BM_FibCalls)->Arg(20)->Unit(benchmark::kMicrosecond);

}  // namespace
