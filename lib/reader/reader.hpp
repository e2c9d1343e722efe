// Source text -> Gene data (§1 of the language reference). Knows nothing of evaluation.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/heap.hpp"
#include "runtime/object.hpp"

namespace gene {

// A syntax error at a position; what() is the bare message (no position).
class ParseError : public std::runtime_error {
 public:
  ParseError(SourcePos p, const std::string& msg) : std::runtime_error(msg), pos(p) {}
  SourcePos pos;
};

// Reads every datum of a registered source (see runtime/source.hpp). Collection is
// paused while reading; the caller must root the results before it allocates again.
// positions, when given, receives where each datum starts.
std::vector<Value> read_source(Heap& heap, uint32_t file_id, std::vector<SourcePos>* positions = nullptr);

// Registers text under name and reads it.
std::vector<Value> read_string(Heap& heap, std::string_view text, std::string name = "<string>");

}  // namespace gene
