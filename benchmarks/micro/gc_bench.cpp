// The collector: allocate many short-lived 3-element arrays, then collect them all;
// and a collection that has to mark and keep a live set.
#include <benchmark/benchmark.h>

#include <vector>

#include "runtime/heap.hpp"

namespace {

using namespace gene;

Array* make_triple(Heap& heap, int64_t i) {
  Array* a = heap.make<Array>();
  a->items = {make_int(i), make_int(i + 1), make_int(i + 2)};
  return a;
}

// Allocation plus the sweep that frees everything (nothing is rooted).
void BM_GcShortLivedArrays(benchmark::State& state) {
  const int64_t n = state.range(0);
  Heap heap;
  for (auto _ : state) {
    for (int64_t i = 0; i < n; ++i) benchmark::DoNotOptimize(make_triple(heap, i));
    heap.collect();
  }
  state.SetItemsProcessed(state.iterations() * n);  // items = arrays allocated and freed
}
BENCHMARK(BM_GcShortLivedArrays)->Arg(1000)->Arg(100000)->Unit(benchmark::kMicrosecond);

// One collection with n live arrays held by a root: mark and sweep cost per live object.
void BM_GcCollectLive(benchmark::State& state) {
  const int64_t n = state.range(0);
  Heap heap;
  std::vector<Value> live;
  int roots = heap.add_root_source([&live](Marker& m) {
    for (Value v : live) m.mark(v);
  });
  {
    GcPause pause(heap);
    for (int64_t i = 0; i < n; ++i) live.push_back(value_of(make_triple(heap, i)));
  }
  for (auto _ : state) heap.collect();
  heap.remove_root_source(roots);
  state.SetItemsProcessed(state.iterations() * n);  // items = live objects traced
}
BENCHMARK(BM_GcCollectLive)->Arg(100000)->Unit(benchmark::kMicrosecond);

}  // namespace
