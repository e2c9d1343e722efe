// Meaning of bare-token text: constants, symbols, paths (§1.3, §1.8, §1.9) and the
// `^key` syntax of map entries and gene props (§1.11).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "runtime/heap.hpp"
#include "runtime/object.hpp"

namespace gene {

// nil / true / false, a Symbol, or a ComplexSymbol when the text holds an unescaped '/'.
// escaped says the text holds backslash escapes (`a\ b` is the symbol "a b").
Value bare_value(Heap& heap, std::string_view text, bool escaped);

// What a `^...` entry stores under its last key part.
enum class KeyValue : uint8_t {
  Next,   // `^k v`: the next datum
  True,   // `^^k`, `^a^^b`
  Nil,    // `^!k`
  False,  // `^a^!b`
  Empty,  // some part has no name: a syntax error
};

// Splits the text after `^` into key parts: `a^b^c` -> [a, b, c] (nested maps).
KeyValue parse_key(std::string_view text, bool escaped, std::vector<Symbol*>& parts);

}  // namespace gene
