// Runs a piece of Gene work and reports its error the one way every command does:
// flush the program's output first, then the diagnostic on stderr.
#pragma once
#include <fmt/format.h>

#include "compiler/compiler.hpp"
#include "interp/vm.hpp"
#include "reader/reader.hpp"
#include "runtime/source.hpp"

namespace gene {

// Returns true when work finished; false after printing its parse, compile or Gene error.
template <class Work>
bool run_reporting_errors(VM& vm, Work&& work) {
  try {
    work();
    vm.flush_out();
    return true;
  } catch (const ParseError& e) {
    vm.flush_out();
    fmt::print(stderr, "{}\n", format_diagnostic(e.pos, e.what()));
  } catch (const CompileError& e) {
    vm.flush_out();
    fmt::print(stderr, "{}\n", format_diagnostic(e.pos, e.what()));
  } catch (const GeneError& e) {
    vm.flush_out();
    fmt::print(stderr, "{}\n", format_error(e));
  }
  std::fflush(stderr);
  return false;
}

}  // namespace gene
