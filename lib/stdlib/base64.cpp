// gene/base64/encode and decode (§25.6), standard alphabet with '=' padding (RFC 4648).
#include <fmt/format.h>

#include <array>

#include "stdlib/method_support.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
using namespace methods;

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> decode_table() {
  std::array<int8_t, 256> t{};
  t.fill(-1);
  for (size_t i = 0; i < kAlphabet.size(); ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  return t;
}
constexpr auto kDecode = decode_table();

Value encode(VM& vm, CallArgs& a) {
  std::string_view in = string_arg(vm, a, 0, "encode");
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (size_t i = 0; i < in.size(); i += 3) {
    size_t n = std::min<size_t>(3, in.size() - i);
    uint32_t bits = 0;
    for (size_t k = 0; k < 3; ++k) bits = bits << 8 | (k < n ? static_cast<unsigned char>(in[i + k]) : 0);
    for (size_t k = 0; k < 4; ++k) out.push_back(k <= n ? kAlphabet[(bits >> (18 - 6 * k)) & 63] : '=');
  }
  return vm.heap.string_value(out);
}

// Padding is optional; anything outside the alphabet (whitespace included) is an error.
Value decode(VM& vm, CallArgs& a) {
  std::string_view in = string_arg(vm, a, 0, "decode");
  size_t len = in.size();
  while (len > 0 && in[len - 1] == '=' && in.size() - len < 2) --len;
  if (len % 4 == 1) vm.raise("Invalid base64: wrong length");
  std::string out;
  uint32_t bits = 0;
  int nbits = 0;
  for (size_t i = 0; i < len; ++i) {
    int8_t d = kDecode[static_cast<unsigned char>(in[i])];
    if (d < 0) vm.raise(fmt::format("Invalid base64: unexpected byte at offset {}", i));
    bits = (bits << 6 | static_cast<uint32_t>(d)) & 0xffffff;
    if ((nbits += 6) >= 8) {
      nbits -= 8;
      out.push_back(static_cast<char>((bits >> nbits) & 0xff));
    }
  }
  return vm.heap.string_value(out);
}

const NativeEntry kBase64[] = {{"encode", encode, 1, 1}, {"decode", decode, 1, 1}};
}  // namespace

void install_base64(VM& vm) { define_natives(vm, child_namespace(vm, vm.gene_ns(), "base64"), kBase64); }

}  // namespace gene
