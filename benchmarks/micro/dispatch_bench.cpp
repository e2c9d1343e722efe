// Interpreter dispatch: a tight while loop (compare, add, add, branch per iteration),
// called directly so that reading and compiling are outside the timed loop.
#include <benchmark/benchmark.h>

#include <exception>

#include "loaded_program.hpp"

namespace {

using namespace gene;

constexpr const char* kLoop = R"(
(fn run [n]
  (var i 0)
  (var s 0)
  (while (i < n)
    (i += 1)
    (s += i))
  s)
)";

void BM_DispatchLoop(benchmark::State& state) {
  const int64_t n = state.range(0);
  try {
    micro::LoadedProgram prog(kLoop);
    for (auto _ : state) {
      Value v = prog.call("run", {make_int(n)});
      if (!is_int(v) || as_int(v) != n * (n + 1) / 2) {
        state.SkipWithError("run returned a wrong sum");
        break;
      }
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
  state.SetItemsProcessed(state.iterations() * n);  // items = loop iterations
}
BENCHMARK(BM_DispatchLoop)->Arg(100000)->Unit(benchmark::kMicrosecond);

}  // namespace
