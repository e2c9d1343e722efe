// gene::Error, and how the runtime's errors become one.
#include <fmt/format.h>

#include <new>

#include "compiler/compiler.hpp"
#include "embed/core.hpp"
#include "reader/reader.hpp"
#include "runtime/printer.hpp"
#include "runtime/source.hpp"
#include "runtime/symbol.hpp"

namespace gene {

Error::Error(const std::string& message) : std::runtime_error(message), message_(message) {}

Error::Error(std::string message, SourceLocation location, std::vector<StackEntry> trace, std::string report, Handle value)
    : std::runtime_error(report),
      message_(std::move(message)),
      location_(std::move(location)),
      trace_(std::move(trace)),
      value_(std::move(value)) {}

namespace detail {

namespace {
SourceLocation location_of(const SourcePos& pos) {
  SourceLocation loc;
  if (const SourceFile* f = source_file(pos.file)) loc.file = f->name;
  loc.line = pos.line;
  loc.column = pos.col;
  return loc;
}

// What the error says without position or trace: the runtime's message, or for a thrown
// value its exception class and message, or its repr.
std::string message_of(const GeneError& e) {
  if (!e.message.empty()) return e.message;
  if (e.value.tag == Tag::Instance) {
    Instance* inst = as_instance(e.value);
    const Value* m = inst->props.find(intern("message"));
    if (m && !is_nil(*m)) return fmt::format("{}: {}", inst->cls->name->name, to_s(*m));
    return std::string(inst->cls->name->name);
  }
  return repr(e.value);
}

Error without_value(const SourcePos& pos, const std::string& message) {
  return Error(message, location_of(pos), {}, format_diagnostic(pos, message), Handle());
}
}  // namespace

void EngineCore::rethrow_as_error() {
  try {
    throw;
  } catch (const GeneError& e) {
    std::vector<StackEntry> trace;
    for (const TraceEntry& t : e.trace) trace.push_back(StackEntry{t.function, location_of(t.pos)});
    Error err(message_of(e), location_of(e.pos), std::move(trace), format_error(e), wrap(e.value));
    Access::set_thrown_by_gene(err, !e.message.empty());
    throw err;
  } catch (const ParseError& e) {
    throw without_value(e.pos, e.what());
  } catch (const CompileError& e) {
    throw without_value(e.pos, e.what());
  } catch (const std::bad_alloc&) {
    throw Error("out of memory");
  }
}

void reject_argument(const std::string& function, std::size_t number, const std::string& expected, const Handle& got) {
  std::string what = got.kind_name();
  if (function.empty()) throw Error(fmt::format("expected {}, got {}", expected, what));
  if (number == 0) throw Error(fmt::format("{}: self must be {}, got {}", function, expected, what));
  throw Error(fmt::format("{}: argument {} must be {}, got {}", function, number, expected, what));
}

void reject_out_of_range(const std::string& function, std::size_t number, const std::string& range, int64_t got) {
  if (function.empty()) throw Error(fmt::format("expected Int in {}, got {}", range, got));
  if (number == 0) throw Error(fmt::format("{}: self must be Int in {}, got {}", function, range, got));
  throw Error(fmt::format("{}: argument {} must be Int in {}, got {}", function, number, range, got));
}

}  // namespace detail
}  // namespace gene
