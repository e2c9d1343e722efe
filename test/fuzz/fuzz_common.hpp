// Shared helpers of the libFuzzer targets (see README.md).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gene::fuzz {

// The input as program text. Inputs are arbitrary bytes; the reader must cope with any.
inline std::string_view as_text(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace gene::fuzz
