// The three renderings of §19: display (top-level print arguments), repr, and to_s.
#pragma once
#include <string>

#include "runtime/value.hpp"

namespace gene {

std::string repr(Value v);
// The repr as an error message shows a value: cut after 200 bytes, with "...", so that
// an error about a million-element array is not megabytes long.
std::string repr_in_message(Value v);
// Top-level argument of print/println: nil is empty, strings raw, arrays/maps display
// their elements, genes are repr.
std::string display(Value v);
// Interpolation, `$`, `.join`, `.to_s`: nil is empty, strings and chars raw, else repr.
std::string to_s(Value v);
// Appends to_s(v) to out, without a string of its own for strings and Ints.
void append_to_s(std::string& out, Value v);
// §19.2: shortest round-trip digits laid out as 3.14, 5.0, 0.0000001, 1e+20, inf, nan.
std::string format_float(double d);
// The kind name used in messages and for values without a literal form: VkInt, VkFunction …
const char* kind_name(Tag t);
// The UTF-8 bytes of code point c, appended to out.
void append_utf8(std::string& out, uint32_t c);

}  // namespace gene
