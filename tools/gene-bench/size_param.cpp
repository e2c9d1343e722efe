#include "size_param.hpp"

#include <fmt/format.h>

#include <cstring>
#include <vector>

#include "reader/reader.hpp"
#include "runtime/heap.hpp"

namespace gene::bench {

namespace {

bool is_delimiter(char c) { return std::strchr(" \t\r\n,()[]{}", c) != nullptr; }

// Byte offset of a 1-based line and column (columns count bytes).
std::optional<size_t> offset_of(std::string_view text, uint32_t line, uint32_t col) {
  size_t off = 0;
  for (uint32_t l = 1; l < line; ++l) {
    off = text.find('\n', off);
    if (off == std::string_view::npos) return std::nullopt;
    ++off;
  }
  off += col - 1;
  return off < text.size() ? std::optional<size_t>(off) : std::nullopt;
}

size_t skip_blanks(std::string_view text, size_t off) {
  while (off < text.size() && std::strchr(" \t\r\n,", text[off])) ++off;
  return off;
}

size_t token_end(std::string_view text, size_t off) {
  while (off < text.size() && !is_delimiter(text[off])) ++off;
  return off;
}

// The single Int datum that token reads as.
std::optional<int64_t> read_int(std::string_view token) {
  Heap heap;
  GcPause pause(heap);
  try {
    std::vector<Value> forms = read_string(heap, token, "<size>");
    if (forms.size() == 1 && is_int(forms[0])) return as_int(forms[0]);
  } catch (const ParseError&) {
  }
  return std::nullopt;
}

}  // namespace

std::optional<SizeParam> find_size_param(std::string_view text, std::string* why) {
  Heap heap;
  GcPause pause(heap);
  std::vector<Value> forms;
  try {
    forms = read_string(heap, text, "<benchmark>");
  } catch (const ParseError& e) {
    *why = fmt::format("the program does not parse: {}:{}: {}", e.pos.line, e.pos.col, e.what());
    return std::nullopt;
  }
  const char* shape = "its last form is not (println (F K …)) with an Int literal K";
  if (forms.empty() || !is_gene(forms.back())) {
    *why = shape;
    return std::nullopt;
  }
  Gene* outer = as_gene(forms.back());
  if (!is_symbol(outer->type) || as_symbol(outer->type)->name != "println" || outer->children.size() != 1 ||
      !is_gene(outer->children[0])) {
    *why = shape;
    return std::nullopt;
  }
  Gene* call = as_gene(outer->children[0]);
  if (!is_symbol(call->type) || call->children.empty() || !is_int(call->children[0]) || !call->pos.known()) {
    *why = shape;
    return std::nullopt;
  }
  SizeParam p;
  p.value = as_int(call->children[0]);
  p.function = as_symbol(call->type)->name;
  // The text of the call is "(F K …)": skip "(", blanks, F and blanks to reach K.
  auto open = offset_of(text, call->pos.line, call->pos.col);
  if (!open || text[*open] != '(') {
    *why = "cannot locate the size argument in the source text";
    return std::nullopt;
  }
  size_t f_start = skip_blanks(text, *open + 1);
  size_t k_start = skip_blanks(text, token_end(text, f_start));
  size_t k_end = token_end(text, k_start);
  if (text.substr(f_start, token_end(text, f_start) - f_start) != p.function ||
      read_int(text.substr(k_start, k_end - k_start)) != p.value) {
    *why = "cannot locate the size argument in the source text";
    return std::nullopt;
  }
  p.offset = k_start;
  p.length = k_end - k_start;
  return p;
}

std::string with_size(std::string_view text, const SizeParam& p, int64_t n) {
  std::string out(text.substr(0, p.offset));
  out += std::to_string(n);
  out += text.substr(p.offset + p.length);
  return out;
}

}  // namespace gene::bench
