// The size parameter of a benchmark program. Every program ends with one form shaped
// (println (F K …)), usually (println (run K)); K, an Int literal, is its size. gene-bench
// finds K with the reader and replaces its text, so the programs need no argv.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gene::bench {

struct SizeParam {
  int64_t value = 0;     // K as written
  std::string function;  // F
  size_t offset = 0;     // byte offset of K's token in the text
  size_t length = 0;     // length of that token
};

// Finds K in text; nullopt (and *why) when the last form does not have that shape or the
// text does not parse.
std::optional<SizeParam> find_size_param(std::string_view text, std::string* why);

// text with K replaced by n.
std::string with_size(std::string_view text, const SizeParam& p, int64_t n);

}  // namespace gene::bench
