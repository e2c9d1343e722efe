// A step and allocation budget for fuzz_eval, until the VM offers one.
//
// The fuzz build replaces lib/interp/profiler.cpp with fuzz_budget.cpp, whose
// Profiler::step (called before every instruction when vm.profiler is set) counts
// instructions and allocations and throws BudgetExceeded past the limits. The VM lets
// foreign C++ exceptions pass through (its catch (...) blocks only clean up and
// rethrow), so the exception reaches the fuzz target, which discards the VM.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace gene::fuzz {

struct BudgetExceeded {};

struct Budget {
  uint64_t max_steps = 0;        // instructions per run; 0 = unlimited
  uint64_t max_allocations = 0;  // heap objects allocated in total (absolute count); 0 = unlimited
  uint64_t steps = 0;            // instructions so far
  // Output captured so far (vm.capture; the VM flushes into it every 64 KiB), so that a
  // loop printing ever larger values ends too. Null = unlimited.
  const std::string* output = nullptr;
  size_t max_output = 0;
};

inline Budget& budget() {
  static Budget b;
  return b;
}

}  // namespace gene::fuzz
