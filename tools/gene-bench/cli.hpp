// Command-line options of gene-bench and their help text.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gene::bench {

struct Options {
  std::string name;               // benchmark name, alias, or path to a .gene file
  std::optional<int64_t> n;       // replaces the program's size parameter
  bool interp = true;             // run in the interpreter
  bool jit = false;               // run with the JIT tier
  std::optional<uint64_t> jit_threshold;  // --jit-threshold=N (default: gene's)
  int runs = 1;                   // timed runs; the median is reported
  bool list = false;
  bool help = false;
  std::optional<std::string> dir;  // where the NAME.gene programs are
};

// Parses argv[1..]; on a usage error returns nullopt and sets *error.
std::optional<Options> parse_options(const std::vector<std::string>& args, std::string* error);

extern const char* const kHelp;

}  // namespace gene::bench
