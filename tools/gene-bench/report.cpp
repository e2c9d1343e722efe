#include "report.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gene::bench {

namespace {
// Below this many calls a calls/s figure says nothing about call speed.
constexpr uint64_t kMinCallsForRate = 1000;
}  // namespace

Timing summarize(std::vector<double> seconds) {
  Timing t;
  if (seconds.empty()) return t;
  std::sort(seconds.begin(), seconds.end());
  size_t n = seconds.size();
  t.median = n % 2 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
  t.min = seconds.front();
  t.max = seconds.back();
  return t;
}

std::string format_duration(double s) {
  if (s < 1e-3) return fmt::format("{:.1f} µs", s * 1e6);
  if (s < 1.0) return fmt::format("{:.2f} ms", s * 1e3);
  return fmt::format("{:.3f} s", s);
}

std::string format_rate(double r, std::string_view unit) {
  if (r >= 1e9) return fmt::format("{:.2f} G {}/s", r / 1e9, unit);
  if (r >= 1e6) return fmt::format("{:.1f} M {}/s", r / 1e6, unit);
  if (r >= 1e3) return fmt::format("{:.1f} k {}/s", r / 1e3, unit);
  return fmt::format("{:.0f} {}/s", r, unit);
}

void print_measurements(const std::vector<Measurement>& runs, std::optional<int64_t> iterations) {
  if (runs.empty()) return;
  const Measurement& first = runs.front();
  std::vector<double> secs, cpu;
  for (const Measurement& m : runs) {
    secs.push_back(m.seconds);
    cpu.push_back(m.cpu_seconds);
  }
  Timing t = summarize(secs);
  Timing c = summarize(cpu);

  std::string out = first.output;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  fmt::print("  result        {}\n", out.find('\n') == std::string::npos ? out : "\n" + out);
  if (runs.size() == 1) {
    fmt::print("  time          {} wall, {} CPU\n", format_duration(t.median), format_duration(c.median));
  } else {
    fmt::print("  time          {} wall, {} CPU  (medians of {} runs; wall min {}, max {})\n",
               format_duration(t.median), format_duration(c.median), runs.size(), format_duration(t.min),
               format_duration(t.max));
  }
  double secs_per_run = t.median > 0 ? t.median : 1e-9;
  if (iterations && *iterations > 0)
    fmt::print("  iterations    {}  (N / time)\n", format_rate(static_cast<double>(*iterations) / secs_per_run, "iter"));
  if (first.calls >= kMinCallsForRate) {
    fmt::print("  calls         {}  ({})\n", first.calls,
               format_rate(static_cast<double>(first.calls) / secs_per_run, "calls"));
  } else {
    fmt::print("  calls         {}\n", first.calls);
  }
  if (first.instructions > 0) {
    fmt::print("  instructions  {}  ({})\n", first.instructions,
               format_rate(static_cast<double>(first.instructions) / secs_per_run, "instr"));
  } else {
    fmt::print("  instructions  not counted by this VM\n");
  }
  fmt::print("  heap          {} objects allocated, {} collections\n", first.objects_allocated, first.collections);
  if (first.jit_protos > 0 || first.jit_load_seconds > 0) {
    std::vector<double> compile;
    for (const Measurement& m : runs) compile.push_back(m.jit_compile_seconds + m.jit_load_seconds);
    double jit_s = summarize(compile).median;
    fmt::print("  jit           {} protos compiled in {} (LLVM load and set-up {}); run without them {}\n",
               first.jit_protos, format_duration(first.jit_compile_seconds), format_duration(first.jit_load_seconds),
               format_duration(std::max(0.0, t.median - jit_s)));
  }
}

}  // namespace gene::bench
