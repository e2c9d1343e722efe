// Stands in for lib/interp/profiler.cpp in the fuzz build (see fuzz_budget.hpp): the
// profiling hooks of the dispatch loop become a step and allocation budget.
#include <cstdio>

#include "fuzz_budget.hpp"
#include "interp/profiler.hpp"

namespace gene {

Profiler::Profiler(ProfilerOptions o) : opts_(o) {}

void Profiler::step(const Proto*, const Instr*, size_t, uint64_t allocations) {
  fuzz::Budget& b = fuzz::budget();
  ++b.steps;
  if ((b.max_steps != 0 && b.steps > b.max_steps) ||
      (b.max_allocations != 0 && allocations > b.max_allocations) ||
      (b.output != nullptr && b.output->size() > b.max_output)) {
    throw fuzz::BudgetExceeded{};
  }
}

void Profiler::report(FILE*, uint64_t, size_t) {}

}  // namespace gene
