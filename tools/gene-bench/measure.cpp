#include "measure.hpp"

#include <spdlog/spdlog.h>

#include <time.h>

#include <chrono>

#include "call_count.hpp"
#include "compiler/compiler.hpp"
#include "interp/vm.hpp"
#include "reader/reader.hpp"
#include "runtime/source.hpp"

namespace gene::bench {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

std::optional<Measurement> run_once(const std::string& display_name, const std::string& text, std::string* error,
                                    std::string* partial_output, const JitOptions* jit) {
  Measurement m;
  auto setup_start = Clock::now();
  VM vm;
  if (jit) vm.enable_jit(*jit);
  std::string out;
  vm.capture = &out;
  Namespace* ns = vm.new_module_ns("<module>");
  uint32_t file = register_source(display_name, text);
  size_t allocs_before = vm.heap.objects_allocated_total();
  size_t gcs_before = vm.heap.collections();
  m.vm_setup_seconds = seconds_since(setup_start);

  std::string err;
  double cpu_start = thread_cpu_seconds();
  auto start = Clock::now();
  try {
    vm.eval_source(file, ns);
    vm.flush_out();
  } catch (const ParseError& e) {
    err = format_diagnostic(e.pos, e.what());
  } catch (const CompileError& e) {
    err = format_diagnostic(e.pos, e.what());
  } catch (const GeneError& e) {
    err = format_error(e);
  }
  m.seconds = seconds_since(start);
  m.cpu_seconds = thread_cpu_seconds() - cpu_start;
  if (!err.empty()) {
    vm.flush_out();
    *error = std::move(err);
    *partial_output = out;
    return std::nullopt;
  }
  m.output = std::move(out);
  m.calls = count_calls(ns);
  m.instructions = vm.instructions_executed();
  m.objects_allocated = vm.heap.objects_allocated_total() - allocs_before;
  m.collections = vm.heap.collections() - gcs_before;
  if (vm.jit()) {
    m.jit_compile_seconds = vm.jit()->compile_ms() / 1e3;
    m.jit_load_seconds = vm.jit()->load_ms() / 1e3;
    m.jit_protos = vm.jit()->compiled_protos();
  }
  spdlog::debug("run: {:.6f} s wall, {:.6f} s CPU, VM setup {:.6f} s, {} calls, {} objects, {} collections", m.seconds,
                m.cpu_seconds, m.vm_setup_seconds, m.calls, m.objects_allocated, m.collections);
  return m;
}

}  // namespace gene::bench
