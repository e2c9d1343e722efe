// A JSON grammar check that builds nothing: it only finds the first bad byte (see the header).
#include "stdlib/json_locate.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace gene::json {

namespace {
constexpr int kMaxDepth = 1024;  // simdjson's default limit

// What simdjson reads as an integer: int64, or uint64 when not negative.
bool fits_64_bits(std::string_view t) {
  const char* end = t.data() + t.size();
  if (t[0] == '-') {
    int64_t v;
    return std::from_chars(t.data(), end, v).ec == std::errc();
  }
  uint64_t v;
  return std::from_chars(t.data(), end, v).ec == std::errc();
}

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  JsonScan run() {
    space();
    if (value(0)) {
      space();
      if (p_ < s_.size()) fail("unexpected text after the JSON value");
    }
    return fault_;
  }

 private:
  int peek() const { return p_ < s_.size() ? static_cast<unsigned char>(s_[p_]) : -1; }
  bool fail(const char* reason) {
    if (!fault_.found) {
      fault_.found = true;
      fault_.offset = p_;
      fault_.reason = reason;
    }
    return false;
  }
  void space() {
    while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') ++p_;
  }
  bool expect(char c, const char* reason) {
    space();
    if (peek() != c) return fail(reason);
    ++p_;
    return true;
  }

  bool value(int depth) {
    if (depth > kMaxDepth) return fail("nested too deeply");
    switch (peek()) {
      case -1: return fail("unexpected end of input");
      case '{': return container(depth, '}', true);
      case '[': return container(depth, ']', false);
      case '"': return string();
      case 't': return word("true");
      case 'f': return word("false");
      case 'n': return word("null");
      default: return number();
    }
  }

  bool container(int depth, char close, bool object) {
    ++p_;
    space();
    if (peek() == close) return ++p_, true;
    for (;;) {
      space();
      if (object) {
        if (peek() != '"') return fail("expected a string key");
        if (!string() || !expect(':', "expected ':'")) return false;
        space();
      }
      if (!value(depth + 1)) return false;
      space();
      if (peek() == close) return ++p_, true;
      if (!expect(',', object ? "expected ',' or '}'" : "expected ',' or ']'")) return false;
    }
  }

  bool word(std::string_view w) {
    if (s_.substr(p_, w.size()) != w) return fail("invalid literal");
    p_ += w.size();
    return true;
  }

  bool digits() {
    if (peek() < '0' || peek() > '9') return fail("expected a digit");
    while (peek() >= '0' && peek() <= '9') ++p_;
    return true;
  }

  bool number() {
    size_t start = p_;
    if (peek() == '-') ++p_;
    if (peek() == '0') {
      ++p_;
      if (peek() >= '0' && peek() <= '9') return fail("leading zero in a number");
    } else if (peek() < '1' || peek() > '9') {
      return fail("unexpected character");
    } else {
      digits();
    }
    if (peek() == '.' && !(++p_, digits())) return false;
    if (peek() == 'e' || peek() == 'E') {
      ++p_;
      if (peek() == '+' || peek() == '-') ++p_;
      if (!digits()) return false;
    }
    std::string token(s_.substr(start, p_ - start));
    bool integer = token.find_first_of(".eE") == std::string::npos;
    if (integer && !fits_64_bits(token)) {
      fault_.long_int_ends.push_back(p_);
    } else if (!integer && std::isinf(std::strtod(token.c_str(), nullptr))) {
      p_ = start;
      return fail("number out of range");
    }
    return true;
  }

  int hex4() {
    int v = 0;
    for (int k = 0; k < 4; ++k, ++p_) {
      int c = peek(), d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    return v;
  }

  bool escape() {
    ++p_;  // the backslash
    int c = peek();
    if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') return ++p_, true;
    if (c != 'u') return fail("invalid escape");
    ++p_;
    int u = hex4();
    if (u < 0) return fail("invalid \\u escape");
    if (u >= 0xDC00 && u <= 0xDFFF) return fail("unpaired surrogate in a \\u escape");
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (peek() != '\\' || (++p_, peek() != 'u')) return fail("unpaired surrogate in a \\u escape");
      ++p_;
      int low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) return fail("unpaired surrogate in a \\u escape");
    }
    return true;
  }

  // One UTF-8 sequence starting at a byte >= 0x80 (no overlongs, surrogates or > U+10FFFF).
  bool utf8() {
    auto b = [&](size_t k) -> unsigned { return p_ + k < s_.size() ? static_cast<unsigned char>(s_[p_ + k]) : 0u; };
    unsigned c = b(0);
    size_t n = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : 0;
    if (n == 0) return fail("invalid UTF-8");
    unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    if (b(1) < lo || b(1) > hi) return fail("invalid UTF-8");
    for (size_t k = 2; k <= n; ++k)
      if (b(k) < 0x80 || b(k) > 0xBF) return fail("invalid UTF-8");
    p_ += n + 1;
    return true;
  }

  bool string() {
    size_t open = p_++;
    for (;;) {
      int c = peek();
      if (c == -1) {
        p_ = open;
        return fail("unterminated string");
      }
      if (c == '"') return ++p_, true;
      if (c < 0x20) return fail("control character in a string");
      if (c == '\\') {
        if (!escape()) return false;
      } else if (c >= 0x80) {
        if (!utf8()) return false;
      } else {
        ++p_;
      }
    }
  }

  std::string_view s_;
  size_t p_ = 0;
  JsonScan fault_;
};
}  // namespace

JsonScan scan(std::string_view text) { return Scanner(text).run(); }

}  // namespace gene::json
