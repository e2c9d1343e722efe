// The reader: source text -> Gene data, on a generated source of about 70 KB.
#include <benchmark/benchmark.h>

#include "reader/reader.hpp"
#include "runtime/heap.hpp"
#include "runtime/source.hpp"
#include "source_gen.hpp"

namespace {

using namespace gene;

// Registered once: the source registry keeps every text for error messages.
uint32_t generated_file(int functions) {
  static uint32_t id = register_source("<generated>", micro::generate_source(functions));
  return id;
}

void BM_Read(benchmark::State& state) {
  uint32_t file = generated_file(200);
  Heap heap;
  size_t forms = 0;
  for (auto _ : state) {
    forms = read_source(heap, file).size();
    benchmark::DoNotOptimize(forms);
    state.PauseTiming();
    heap.collect();  // nothing is rooted: frees what was read
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(source_file(file)->text.size()));
  state.counters["forms"] = static_cast<double>(forms);
}
BENCHMARK(BM_Read)->Unit(benchmark::kMicrosecond);

}  // namespace
