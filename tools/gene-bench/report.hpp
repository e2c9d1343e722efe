// Turns measurements into the lines gene-bench prints.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "measure.hpp"

namespace gene::bench {

struct Timing {
  double median = 0, min = 0, max = 0;
};
Timing summarize(std::vector<double> seconds);

// "832 µs", "12.4 ms", "1.234 s".
std::string format_duration(double seconds);
// "12.3 M calls/s", "950 k calls/s".
std::string format_rate(double per_second, std::string_view unit);

// The result, time, rate, calls and heap lines of a set of runs of one program (all runs
// compute the same thing, so counts come from the first). iterations, when given, is the
// number of loop iterations the program ran (its N), reported as N / time.
void print_measurements(const std::vector<Measurement>& runs, std::optional<int64_t> iterations);

}  // namespace gene::bench
