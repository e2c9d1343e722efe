// Public entry points: look up the source text and run the parser with the GC paused.
#include "reader/reader.hpp"

#include <fmt/format.h>

#include "reader/parser.hpp"
#include "runtime/source.hpp"

namespace gene {

std::vector<Value> read_source(Heap& heap, uint32_t file_id, std::vector<SourcePos>* positions) {
  const SourceFile* file = source_file(file_id);
  if (!file) throw ParseError(SourcePos{}, fmt::format("Unknown source file id {}", file_id));
  // Nothing read is rooted until the caller takes the result.
  GcPause pause(heap);
  Parser parser(heap, file->text, file_id);
  std::vector<Value> forms = parser.read_all();
  if (positions) *positions = parser.take_positions();
  return forms;
}

std::vector<Value> read_string(Heap& heap, std::string_view text, std::string name) {
  return read_source(heap, register_source(std::move(name), std::string(text)));
}

}  // namespace gene
