// The printer: repr of a nested structure of maps, arrays, genes, strings and numbers.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "reader/reader.hpp"
#include "runtime/heap.hpp"
#include "runtime/printer.hpp"

namespace {

using namespace gene;

// An array of 50 records, each nesting maps, arrays and genes four levels deep.
std::string nested_source() {
  std::string s = "[";
  for (int i = 0; i < 50; ++i) {
    s += "{^id " + std::to_string(i) + " ^name \"record " + std::to_string(i) +
         "\" ^score 3.25 ^tags [:a :b \"c d\"] ^body (node ^kind \"leaf\" 1 2.5 [x {^deep [1 2 [3 4]]}])} ";
  }
  return s + "]";
}

void BM_Repr(benchmark::State& state) {
  Heap heap;
  GcPause pause(heap);  // the data stays alive for the whole benchmark
  std::vector<Value> forms = read_string(heap, nested_source(), "<printer>");
  size_t bytes = 0;
  for (auto _ : state) {
    std::string s = repr(forms.at(0));
    bytes = s.size();
    benchmark::DoNotOptimize(s.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));  // bytes of text produced
}
BENCHMARK(BM_Repr)->Unit(benchmark::kMicrosecond);

}  // namespace
