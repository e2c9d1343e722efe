// gene/json/parse: JSON text (RFC 8259, UTF-8 strings) to Gene data in one pass.
#pragma once
#include <string_view>

#include "runtime/value.hpp"

namespace gene {
class VM;
namespace json {

// Objects -> Maps, arrays -> Arrays, integers that fit 64 signed bits -> Int, other
// numbers -> Float, null -> nil. Invalid text raises "Invalid JSON at byte offset N: why",
// N being the first byte that breaks the grammar.
Value parse(VM& vm, std::string_view text);

}  // namespace json
}  // namespace gene
