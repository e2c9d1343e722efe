#include "runtime/source.hpp"

#include <fmt/format.h>

#include <deque>

namespace gene {

namespace {
std::deque<SourceFile>& files() {
  static std::deque<SourceFile> f;
  return f;
}

std::string_view line_of(const std::string& text, uint32_t line) {
  size_t start = 0;
  for (uint32_t l = 1; l < line; ++l) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  return std::string_view(text).substr(start, end == std::string::npos ? std::string::npos : end - start);
}
}  // namespace

uint32_t register_source(std::string name, std::string text) {
  files().push_back(SourceFile{std::move(name), std::move(text)});
  return static_cast<uint32_t>(files().size());
}

const SourceFile* source_file(uint32_t id) {
  if (id == 0 || id > files().size()) return nullptr;
  return &files()[id - 1];
}

std::string format_pos(const SourcePos& pos) {
  const SourceFile* f = source_file(pos.file);
  if (!f || !pos.known()) return "<unknown>";
  return fmt::format("{}:{}:{}", f->name, pos.line, pos.col);
}

std::string format_diagnostic(const SourcePos& pos, std::string_view message, std::string_view severity) {
  const SourceFile* f = source_file(pos.file);
  if (!f || !pos.known()) return fmt::format("{}: {}", severity, message);
  std::string out = fmt::format("{}:{}:{}: {}: {}", f->name, pos.line, pos.col, severity, message);
  std::string_view line = line_of(f->text, pos.line);
  // Long lines are cut to a window around the column so the caret stays readable.
  constexpr size_t kWidth = 100;
  size_t col = pos.col > 0 ? pos.col - 1 : 0;
  size_t start = col > kWidth / 2 ? col - kWidth / 2 : 0;
  if (start > line.size()) start = line.size();
  std::string_view shown = line.substr(start, kWidth);
  std::string prefix = start > 0 ? "..." : "";
  std::string suffix = start + shown.size() < line.size() ? "..." : "";
  std::string caret(prefix.size(), ' ');
  // Keep tabs so the caret lines up under the same columns.
  for (size_t k = start; k < col && k < line.size() && k - start < shown.size(); ++k) caret += line[k] == '\t' ? '\t' : ' ';
  out += fmt::format("\n  {}{}{}\n  {}^", prefix, shown, suffix, caret);
  return out;
}

}  // namespace gene
