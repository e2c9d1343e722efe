// gene::Error: a Gene error as C++ sees it.
//
// Every failure of Gene code reaches the host as this one exception type: parse and
// compile errors, runtime errors and uncaught `throw`s. In the other direction, any C++
// exception that leaves a native function becomes a Gene error that Gene code can catch
// with `try`; a gene::Error thrown there keeps its Gene value.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "gene/handle.hpp"

namespace gene {

struct SourceLocation {
  std::string file;  // as the source was named: a path, "<eval>" …
  uint32_t line = 0;  // 0: unknown
  uint32_t column = 0;
  bool known() const { return line != 0; }
};

// One call of the Gene stack trace, innermost first.
struct StackEntry {
  std::string function;
  SourceLocation location;
};

class Error : public std::runtime_error {
 public:
  // An error raised by host code (a native function rejecting its input): Gene sees it
  // as a runtime error with this message, at the position of the Gene call.
  explicit Error(const std::string& message);
  Error(std::string message, SourceLocation location, std::vector<StackEntry> trace, std::string report, Handle value);

  // The message alone: "Division by zero", or for a thrown value its repr (for an
  // exception object, "Class: message").
  const std::string& message() const { return message_; }
  const SourceLocation& location() const { return location_; }
  const std::vector<StackEntry>& trace() const { return trace_; }
  // The thrown Gene value (what `catch` sees as $ex); nil for parse and compile errors.
  const Handle& value() const { return value_; }
  // what(): the report `gene` prints, "file:line:col: error: message", the source line
  // with a caret, then the stack trace.

 private:
  std::string message_;
  SourceLocation location_;
  std::vector<StackEntry> trace_;
  Handle value_;
  friend struct detail::Access;
  bool from_gene_ = false;  // raised by the runtime with its own message (re-raised as such)
};

}  // namespace gene
