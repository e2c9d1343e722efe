// Runs Gene source in a fresh VM and reports what it printed, returned or raised.
#pragma once
#include <string>

#include "interp/vm.hpp"
#include "reader/reader.hpp"
#include "runtime/printer.hpp"
#include "runtime/source.hpp"

namespace gene::test {

struct RunResult {
  std::string out;    // program output
  std::string value;  // repr of the last form's value
  std::string error;  // error message, empty on success
};

inline RunResult run(const std::string& code, VMOptions opts = {}, bool optimize = true) {
  RunResult r;
  VM vm(opts);
  vm.capture = &r.out;
  vm.compile_options.optimize = optimize;
  try {
    Value v = vm.eval_source(register_source("<test>", code));
    r.value = repr(v);
  } catch (const GeneError& e) {
    r.error = e.message.empty() ? "Gene exception: " + repr(e.value) : e.message;
  } catch (const ParseError& e) {
    r.error = e.what();
  }
  vm.flush_out();
  return r;
}

inline std::string value_of_code(const std::string& code) { return run(code).value; }

}  // namespace gene::test
