// Where invalid JSON goes wrong. simdjson says what kind of error it met but not where;
// this scan runs only after simdjson has rejected a text, to name the byte offset.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gene::json {

struct JsonScan {
  bool found = false;  // a fault: where and why
  size_t offset = 0;
  std::string reason;
  // Where each integer too long for 64 bits ends: simdjson refuses those, JSON allows them.
  std::vector<size_t> long_int_ends;
};

// The first place where text breaks the JSON grammar (RFC 8259, UTF-8 strings) or has a
// number beyond the range of a double.
JsonScan scan(std::string_view text);

}  // namespace gene::json
