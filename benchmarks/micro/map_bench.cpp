// PropMap, the name -> value table behind maps, gene props, namespaces and instances:
// set and find with 4, 16 and 64 keys (small maps search linearly, larger ones index).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "runtime/object.hpp"
#include "runtime/symbol.hpp"

namespace {

using namespace gene;

std::vector<Symbol*> keys(int64_t n) {
  std::vector<Symbol*> out;
  for (int64_t i = 0; i < n; ++i) out.push_back(intern("key" + std::to_string(i)));
  return out;
}

// Builds a fresh map of n keys per iteration.
void BM_PropMapSet(benchmark::State& state) {
  std::vector<Symbol*> ks = keys(state.range(0));
  for (auto _ : state) {
    PropMap m;
    int64_t i = 0;
    for (Symbol* k : ks) m.set(k, make_int(i++));
    benchmark::DoNotOptimize(m.size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));  // items = sets
}
BENCHMARK(BM_PropMapSet)->Arg(4)->Arg(16)->Arg(64);

// Finds every key of an n-key map once per iteration.
void BM_PropMapFind(benchmark::State& state) {
  std::vector<Symbol*> ks = keys(state.range(0));
  PropMap m;
  int64_t i = 0;
  for (Symbol* k : ks) m.set(k, make_int(i++));
  for (auto _ : state) {
    for (Symbol* k : ks) benchmark::DoNotOptimize(m.find(k));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));  // items = look-ups
}
BENCHMARK(BM_PropMapFind)->Arg(4)->Arg(16)->Arg(64);

}  // namespace
