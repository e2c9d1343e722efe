// gene/json/parse (see the header): recursive descent that checks the grammar and builds
// the data in the same pass. Elements and fields wait on scratch stacks until their
// container closes, so each Array and Map is allocated once, at its final size.
#include "stdlib/json_parse.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "interp/vm.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"

namespace gene::json {

namespace {
constexpr int kMaxDepth = 1024;

class Parser {
 public:
  Parser(VM& vm, std::string_view s) : vm_(vm), s_(s) {}

  Value run() {
    space();
    Value v = value(0);
    space();
    if (p_ < s_.size()) fail("unexpected text after the JSON value");
    return v;
  }

 private:
  int peek() const { return p_ < s_.size() ? static_cast<unsigned char>(s_[p_]) : -1; }
  [[noreturn]] void fail(const char* reason) {
    vm_.raise(fmt::format("Invalid JSON at byte offset {}: {}", p_, reason));
  }
  void space() {
    while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') ++p_;
  }
  void expect(char c, const char* reason) {
    space();
    if (peek() != c) fail(reason);
    ++p_;
  }

  Value value(int depth) {
    if (depth > kMaxDepth) fail("nested too deeply");
    switch (peek()) {
      case -1: fail("unexpected end of input");
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': return vm_.heap.string_value(string());
      case 't': word("true"); return make_bool(true);
      case 'f': word("false"); return make_bool(false);
      case 'n': word("null"); return make_nil();
      default: return number();
    }
  }

  // The comma-separated members of a container, each read by `member`, up to `close`.
  template <class Member>
  void members(char close, const char* after_member, Member member) {
    ++p_;
    space();
    if (peek() == close) return void(++p_);
    for (;;) {
      space();
      member();
      space();
      if (peek() == close) return void(++p_);
      expect(',', after_member);
    }
  }

  Value array(int depth) {
    size_t base = items_.size();
    members(']', "expected ',' or ']'", [&] {
      Value v = value(depth + 1);
      items_.push_back(v);
    });
    Array* a = vm_.heap.make<Array>();
    a->items.assign(items_.begin() + static_cast<std::ptrdiff_t>(base), items_.end());
    items_.resize(base);
    return value_of(a);
  }

  Value object(int depth) {
    size_t base = fields_.size();
    members('}', "expected ',' or '}'", [&] {
      if (peek() != '"') fail("expected a string key");
      Symbol* key = intern(string());
      expect(':', "expected ':'");
      space();
      Value v = value(depth + 1);
      fields_.emplace_back(key, v);
    });
    Map* m = vm_.heap.make<Map>();
    m->map.reserve(fields_.size() - base);
    for (size_t k = base; k < fields_.size(); ++k) m->map.set(fields_[k].first, fields_[k].second);
    fields_.resize(base);
    return value_of(m);
  }

  void word(std::string_view w) {
    if (s_.substr(p_, w.size()) != w) fail("invalid literal");
    p_ += w.size();
  }

  void digits() {
    if (peek() < '0' || peek() > '9') fail("expected a digit");
    while (peek() >= '0' && peek() <= '9') ++p_;
  }

  // Int when the text is an integer that fits 64 signed bits; else the nearest Float.
  Value number() {
    size_t start = p_;
    if (peek() == '-') ++p_;
    if (peek() == '0') {
      ++p_;
      if (peek() >= '0' && peek() <= '9') fail("leading zero in a number");
    } else if (peek() < '1' || peek() > '9') {
      fail("unexpected character");
    } else {
      digits();
    }
    bool integer = true;
    if (peek() == '.') {
      integer = false;
      ++p_;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      integer = false;
      ++p_;
      if (peek() == '+' || peek() == '-') ++p_;
      digits();
    }
    const char* first = s_.data() + start;
    const char* last = s_.data() + p_;
    if (integer) {
      int64_t i;
      if (std::from_chars(first, last, i).ec == std::errc()) return make_int(i);
    }
    double d;
    if (std::from_chars(first, last, d).ec == std::errc::result_out_of_range) {
      d = std::strtod(std::string(first, last).c_str(), nullptr);  // underflow: 0 or a subnormal
      if (std::isinf(d)) {
        p_ = start;
        fail("number out of range");
      }
    }
    return make_float(d);
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

  // A backslash sequence, decoded onto buf_.
  void escape() {
    ++p_;  // the backslash
    int c = peek();
    const char* simple = nullptr;
    switch (c) {
      case '"': simple = "\""; break;
      case '\\': simple = "\\"; break;
      case '/': simple = "/"; break;
      case 'b': simple = "\b"; break;
      case 'f': simple = "\f"; break;
      case 'n': simple = "\n"; break;
      case 'r': simple = "\r"; break;
      case 't': simple = "\t"; break;
      default: break;
    }
    if (simple) {
      buf_ += simple;
      ++p_;
      return;
    }
    if (c != 'u') fail("invalid escape");
    ++p_;
    int u = hex4();
    if (u < 0) fail("invalid \\u escape");
    if (u >= 0xDC00 && u <= 0xDFFF) fail("unpaired surrogate in a \\u escape");
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (peek() != '\\' || (++p_, peek() != 'u')) fail("unpaired surrogate in a \\u escape");
      ++p_;
      int low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) fail("unpaired surrogate in a \\u escape");
      u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(buf_, static_cast<uint32_t>(u));
  }

  // One UTF-8 sequence starting at a byte >= 0x80 (no overlongs, surrogates or > U+10FFFF).
  void utf8() {
    auto b = [&](size_t k) -> unsigned { return p_ + k < s_.size() ? static_cast<unsigned char>(s_[p_ + k]) : 0u; };
    unsigned c = b(0);
    size_t n = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : 0;
    if (n == 0) fail("invalid UTF-8");
    unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    if (b(1) < lo || b(1) > hi) fail("invalid UTF-8");
    for (size_t k = 2; k <= n; ++k)
      if (b(k) < 0x80 || b(k) > 0xBF) fail("invalid UTF-8");
    p_ += n + 1;
  }

  // The string's contents: a view of the text when it has no escapes, else of buf_ (valid
  // until the next string).
  std::string_view string() {
    size_t open = p_++;
    size_t start = p_;
    bool escaped = false;
    for (;;) {
      int c = peek();
      if (c == -1) {
        p_ = open;
        fail("unterminated string");
      }
      if (c == '"') break;
      if (c < 0x20) fail("control character in a string");
      if (c == '\\') {
        if (!escaped) buf_.assign(s_.substr(start, p_ - start));
        escaped = true;
        escape();
        continue;
      }
      size_t from = p_;
      if (c >= 0x80) utf8();
      else ++p_;
      if (escaped) buf_.append(s_.substr(from, p_ - from));
    }
    ++p_;
    return escaped ? std::string_view(buf_) : s_.substr(start, p_ - 1 - start);
  }

  VM& vm_;
  std::string_view s_;
  size_t p_ = 0;
  std::string buf_;
  std::vector<Value> items_;
  std::vector<std::pair<Symbol*, Value>> fields_;
};
}  // namespace

Value parse(VM& vm, std::string_view text) {
  // Everything the parser makes ends up in the result: a collection in the middle would
  // find no garbage, only mark the whole heap again.
  GcPause pause(vm.heap);
  return Parser(vm, text).run();
}

}  // namespace gene::json
