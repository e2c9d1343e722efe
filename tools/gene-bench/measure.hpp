// Runs a program once in a fresh engine and measures it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace gene::bench {

struct Measurement {
  std::string output;         // what the program printed
  double seconds = 0;         // wall time of reading, compiling and running (not engine creation)
  double cpu_seconds = 0;     // CPU time of this thread over the same span
  double vm_setup_seconds = 0;
  uint64_t calls = 0;         // Gene function calls (EngineStatistics::calls)
  uint64_t instructions = 0;  // 0 when the VM does not count
  size_t objects_allocated = 0;
  size_t collections = 0;
  // With the JIT tier: time spent compiling and loading LLVM (both inside `seconds`).
  double jit_compile_seconds = 0, jit_load_seconds = 0;
  size_t jit_protos = 0;
};

// Runs text (shown as display_name in errors) with its output captured. On a reader,
// compiler or Gene error returns nullopt and sets *error to the formatted diagnostic;
// output printed before the error is kept in *partial_output.
// With jit_threshold set, the engine runs with the JIT tier and that threshold.
std::optional<Measurement> run_once(const std::string& display_name, const std::string& text, std::string* error,
                                    std::string* partial_output, std::optional<uint64_t> jit_threshold = std::nullopt);

}  // namespace gene::bench
