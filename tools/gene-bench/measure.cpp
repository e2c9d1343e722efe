#include "measure.hpp"

#include <gene/gene.hpp>
#include <spdlog/spdlog.h>

#include <time.h>

#include <chrono>

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
                                    std::string* partial_output, std::optional<uint64_t> jit_threshold) {
  Measurement m;
  auto setup_start = Clock::now();
  std::string out;
  EngineOptions options;
  options.output = [&out](std::string_view s) { out += s; };
  options.jit = jit_threshold.has_value();
  if (jit_threshold) options.jit_threshold = *jit_threshold;
  Engine engine(options);
  EngineStatistics before = engine.statistics();
  m.vm_setup_seconds = seconds_since(setup_start);

  double cpu_start = thread_cpu_seconds();
  auto start = Clock::now();
  try {
    engine.eval(text, display_name);
  } catch (const Error& e) {
    *error = e.what();
    *partial_output = out;
    return std::nullopt;
  }
  m.seconds = seconds_since(start);
  m.cpu_seconds = thread_cpu_seconds() - cpu_start;
  m.output = std::move(out);
  EngineStatistics after = engine.statistics();
  m.calls = after.calls;
  m.instructions = after.instructions;
  m.objects_allocated = after.objects_allocated - before.objects_allocated;
  m.collections = after.collections - before.collections;
  m.jit_compile_seconds = after.jit_compile_seconds;
  m.jit_load_seconds = after.jit_load_seconds;
  m.jit_protos = after.jit_functions;
  spdlog::debug("run: {:.6f} s wall, {:.6f} s CPU, VM setup {:.6f} s, {} calls, {} objects, {} collections", m.seconds,
                m.cpu_seconds, m.vm_setup_seconds, m.calls, m.objects_allocated, m.collections);
  return m;
}

}  // namespace gene::bench
