// The compiler: Gene data -> register bytecode, for the forms of a generated source.
#include <benchmark/benchmark.h>

#include <vector>

#include "compiler/compiler.hpp"
#include "reader/reader.hpp"
#include "runtime/heap.hpp"
#include "runtime/source.hpp"
#include "source_gen.hpp"

namespace {

using namespace gene;

void BM_Compile(benchmark::State& state) {
  static uint32_t file = register_source("<generated>", micro::generate_source(200));
  Heap heap;
  std::vector<Value> forms;
  {
    GcPause pause(heap);
    forms = read_source(heap, file);
  }
  int roots = heap.add_root_source([&forms](Marker& m) {
    for (Value v : forms) m.mark(v);
  });
  size_t instructions = 0;
  for (auto _ : state) {
    {
      GcPause pause(heap);
      Proto* p = compile_module(heap, forms, file);
      instructions = p->code.size();
      for (Proto* child : p->protos) instructions += child->code.size();
      benchmark::DoNotOptimize(p);
    }
    state.PauseTiming();
    heap.collect();  // the protos are unrooted garbage now; the forms stay
    state.ResumeTiming();
  }
  heap.remove_root_source(roots);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * forms.size()));
  state.counters["instructions"] = static_cast<double>(instructions);
}
BENCHMARK(BM_Compile)->Unit(benchmark::kMicrosecond);

}  // namespace
