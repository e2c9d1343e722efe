// Stands in for lib/interp/profiler.cpp in the fuzz build (see fuzz_budget.hpp): the
// profiling hooks of the dispatch loop become a step and allocation budget.
#include <cstdio>

#include "fuzz_budget.hpp"
#include "interp/profiler.hpp"

namespace gene {

Profiler::Profiler(ProfilerOptions o) : opts_(o) {}

void Profiler::step(const Proto* p, const Instr*, size_t, uint64_t allocations) { native_back_edge(p, 1, allocations); }

// Compiled code reports its back edges: an endless loop in native code ends too.
void Profiler::native_entered(const Proto*, bool, size_t, uint64_t) {}
void Profiler::native_returned(size_t, uint64_t) {}

void Profiler::native_back_edge(const Proto*, uint32_t instructions, uint64_t allocations) {
  fuzz::Budget& b = fuzz::budget();
  b.steps += instructions;
  if ((b.max_steps != 0 && b.steps > b.max_steps) ||
      (b.max_allocations != 0 && allocations > b.max_allocations) ||
      (b.output != nullptr && b.output->size() > b.max_output)) {
    throw fuzz::BudgetExceeded{};
  }
}

void Profiler::report(FILE*, uint64_t, size_t) {}

}  // namespace gene
