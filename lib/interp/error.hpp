// Gene errors: a thrown Gene value plus the stack trace captured where it was raised.
// C++ exceptions carry them through native code; they never escape the VM's entry points.
#pragma once
#include <string>
#include <vector>

#include "runtime/object.hpp"

namespace gene {

struct TraceEntry {
  std::string function;
  SourcePos pos;
};

struct GeneError {
  Value value;              // what `catch` sees as $ex
  std::string message;      // for runtime errors; empty for a user `throw`
  SourcePos pos;            // where it was raised (innermost Gene frame)
  std::vector<TraceEntry> trace;
};

// Renders an uncaught error for stderr: diagnostic with caret, then the Gene stack trace.
std::string format_error(const GeneError& e);

}  // namespace gene
