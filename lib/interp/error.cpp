#include "interp/error.hpp"

#include <fmt/format.h>

#include "interp/function.hpp"
#include "runtime/printer.hpp"
#include "runtime/source.hpp"
#include "runtime/symbol.hpp"

namespace gene {

namespace {
// An uncaught throw: "Gene exception: <repr>", or "Gene exception: Cls: message" for an
// instance that carries a message.
std::string thrown_text(Value v) {
  if (v.tag == Tag::Instance) {
    Instance* inst = as_instance(v);
    const Value* m = inst->props.find(intern("message"));
    if (m && !is_nil(*m)) return fmt::format("Gene exception: {}: {}", inst->cls->name->name, to_s(*m));
    return fmt::format("Gene exception: {}", inst->cls->name->name);
  }
  return fmt::format("Gene exception: {}", repr(v));
}
}  // namespace

std::string format_error(const GeneError& e) {
  std::string message = e.message.empty() ? thrown_text(e.value) : e.message;
  std::string out = format_diagnostic(e.pos, message);
  for (const TraceEntry& t : e.trace) out += fmt::format("\n    at {} ({})", t.function, format_pos(t.pos));
  return out;
}

}  // namespace gene
