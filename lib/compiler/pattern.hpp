// The elements of an array pattern (§13.1, §25.3), read once for the compiler (which
// declares the names and compiles the defaults) and the interpreter (which matches).
#pragma once
#include <vector>

#include "runtime/object.hpp"

namespace gene {

struct PatternItem {
  enum Kind {
    Name,      // a: takes one element
    Optional,  // a = d: takes an element when there are enough, else the default d
    Splat,     // a...: takes a run of elements (up to the next literal)
    Skip,      // _: takes one element and binds nothing
    Literal,   // :then, 1, "s": the element there must equal it
    Nested,    // [b c]: the element there is matched in turn
  };
  Kind kind;
  Symbol* name = nullptr;  // Name, Optional, Splat
  Value value;             // Literal: what to equal; Optional: the default; Nested: the pattern
  bool binds() const { return kind == Name || kind == Optional || kind == Splat; }
};

// Reads the elements of a pattern; false (with *error) when it cannot be one.
bool read_pattern(const Array* pattern, std::vector<PatternItem>* items, const char** error);

}  // namespace gene
