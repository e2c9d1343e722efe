#include "interp/error.hpp"

#include <fmt/format.h>

#include "runtime/printer.hpp"
#include "runtime/source.hpp"

namespace gene {

std::string format_error(const GeneError& e) {
  std::string message = e.message.empty() ? fmt::format("Gene exception: {}", repr(e.value)) : e.message;
  std::string out = format_diagnostic(e.pos, message);
  for (const TraceEntry& t : e.trace) out += fmt::format("\n    at {} ({})", t.function, format_pos(t.pos));
  return out;
}

}  // namespace gene
