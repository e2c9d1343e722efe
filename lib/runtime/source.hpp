// Registry of source texts, so any SourcePos can be shown as file:line:col with its line.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/object.hpp"

namespace gene {

struct SourceFile {
  std::string name;  // as given by the user, e.g. "examples/hello.gene" or "<eval>"
  std::string text;
};

// Registers a text and returns its id (ids start at 1; 0 means "unknown").
uint32_t register_source(std::string name, std::string text);
const SourceFile* source_file(uint32_t id);

// "file:line:col: error: message", then the source line and a caret under col.
// Without a known position: "error: message". severity replaces "error" (e.g. "warning").
std::string format_diagnostic(const SourcePos& pos, std::string_view message, std::string_view severity = "error");
// "file:line:col" (or "<unknown>").
std::string format_pos(const SourcePos& pos);

}  // namespace gene
