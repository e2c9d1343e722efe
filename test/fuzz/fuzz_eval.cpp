// libFuzzer target: read + compile + run a program in a fresh VM.
//
// Every input runs once optimised (like `gene run`). When that run ended within budget
// and allocated few objects, it runs again with --no-opt and --gc-stress (a collection
// on every allocation, which finds missing GC roots) and the two runs must agree: same
// output, same error message (or none). A disagreement aborts with both outcomes on
// stderr; set GENE_FUZZ_NO_DIFF=1 to keep the second run but skip the comparison.
//
// JIT mode (GENE_FUZZ_JIT=1, in a build with the JIT tier; GENE_JIT_PLUGIN names the
// plugin when it is not next to the fuzzer): the second run compiles every function at
// its first call (--jit --jit-threshold=0) instead, and must agree with the first.
//
// Errors a program may legitimately raise (ParseError, CompileError, GeneError) are
// normal outcomes. Endless programs are stopped by a budget of instructions, allocated
// objects and output bytes (fuzz_budget.hpp);
// what the budget cannot stop (one huge native operation) is left to libFuzzer's
// -timeout and -rss_limit_mb, which run.sh ignores for this target.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "compiler/compiler.hpp"
#include "fuzz_budget.hpp"
#include "fuzz_common.hpp"
#include "interp/error.hpp"
#include "interp/profiler.hpp"
#include "interp/vm.hpp"
#include "reader/reader.hpp"
#include "runtime/source.hpp"
#include "runtime/symbol.hpp"

namespace {

using namespace gene;

// Instructions per run, and heap objects a run may allocate.
constexpr uint64_t kMaxSteps = 200000;
constexpr uint64_t kMaxAllocations = 200000;
constexpr size_t kMaxOutput = size_t{1} << 20;  // bytes of output
// Programs that allocated more than this in the first run skip the gc-stress run (it
// collects on every allocation, so its cost is allocations × heap size).
constexpr size_t kStressAllocationLimit = 2000;

struct Outcome {
  std::string out;    // what the program printed
  std::string error;  // the diagnostic the CLI would print; empty on success
  size_t allocations = 0;
  bool over_budget = false;
};

// Builtins that touch the machine (files, commands, the environment), differ from run to
// run (rand, the clock) or wait on it (sleep_async) are out of reach: fuzzing stays
// harmless, fast and the two runs comparable. Futures made in Gene (new gene/Future,
// async, .complete, await) are still fuzzed.
void sandbox(VM& vm) {
  for (const char* name : {"File", "Dir", "io", "os", "env", "set_env", "rand", "now", "today", "time", "sleep_async"})
    vm.gene_ns()->define(intern(name), make_nil());
}

Outcome run_once(uint32_t file, bool optimize, bool gc_stress, bool jit) {
  Outcome r;
  VMOptions vo;
  vo.stack_slots = size_t{1} << 16;  // small, so deep recursion ends early and cheaply
  vo.max_frames = 4000;
  vo.gc_stress = gc_stress;
  VM vm(vo);
  sandbox(vm);
  vm.capture = &r.out;
  vm.compile_options.optimize = optimize;
  vm.profiler = std::make_unique<Profiler>(ProfilerOptions{});  // the budget hook
  if (jit) {
    jit::Options jo;
    jo.enabled = true;
    jo.threshold = 0;
    jo.sync = true;  // compiled code runs at once, and a crash replays the same way
    vm.enable_jit(jo);
  }
  size_t before = vm.heap.objects_allocated_total();
  fuzz::Budget& budget = fuzz::budget();
  budget.steps = 0;
  budget.max_steps = kMaxSteps;
  budget.max_allocations = before + kMaxAllocations;
  budget.output = &r.out;
  budget.max_output = kMaxOutput;
  try {
    (void)vm.eval_source(file);
  } catch (const GeneError& e) {
    r.error = format_error(e);
  } catch (const ParseError& e) {
    r.error = format_diagnostic(e.pos, e.what());
  } catch (const CompileError& e) {
    r.error = format_diagnostic(e.pos, e.what());
  } catch (const fuzz::BudgetExceeded&) {
    r.over_budget = true;
  }
  budget.max_steps = budget.max_allocations = 0;
  budget.output = nullptr;
  vm.flush_out();
  r.allocations = vm.heap.objects_allocated_total() - before;
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  uint32_t file = register_source("<fuzz>", std::string(gene::fuzz::as_text(data, size)));
  static const bool jit = std::getenv("GENE_FUZZ_JIT") != nullptr;
  const char* second = jit ? "--jit --jit-threshold=0" : "--no-opt --gc-stress";
  Outcome a = run_once(file, true, false, false);
  if (a.over_budget || a.allocations > kStressAllocationLimit) return 0;
  Outcome b = jit ? run_once(file, true, false, true) : run_once(file, false, true, false);
  static const bool compare = std::getenv("GENE_FUZZ_NO_DIFF") == nullptr;
  if (compare && !b.over_budget && (a.out != b.out || a.error != b.error)) {
    std::fprintf(stderr,
                 "fuzz_eval: default and %s runs differ\n"
                 "--- default: output ---\n%s\n--- default: error ---\n%s\n"
                 "--- %s: output ---\n%s\n--- %s: error ---\n%s\n",
                 second, a.out.c_str(), a.error.c_str(), second, b.out.c_str(), second, b.error.c_str());
    std::abort();
  }
  return 0;
}
