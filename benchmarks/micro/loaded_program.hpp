// A VM with one Gene program loaded, whose functions a benchmark calls directly, so the
// loop measures execution only (no reading or compiling).
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "interp/vm.hpp"

namespace gene::micro {

class LoadedProgram {
 public:
  // Runs source in a fresh module; throws std::runtime_error with the diagnostic on error.
  explicit LoadedProgram(std::string_view source);
  // Calls the module's function name; throws std::runtime_error on a Gene error.
  Value call(std::string_view name, std::vector<Value> args);

  VM vm;

 private:
  Namespace* ns_;
};

}  // namespace gene::micro
