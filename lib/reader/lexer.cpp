// Tokens outside strings: whitespace, comments, numbers, bare tokens and `#` dispatch.
#include "reader/lexer.hpp"

#include <array>
#include <charconv>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "reader/reader.hpp"

namespace gene {

namespace {

enum : uint8_t { kSpace = 1, kTerm = 2, kDigit = 4, kAlpha = 8 };

// One table lookup per byte; bytes >= 0x80 (UTF-8 or not) are plain token characters.
constexpr std::array<uint8_t, 256> make_classes() {
  std::array<uint8_t, 256> t{};
  for (unsigned char c : std::string_view(" \t\r\n,")) t[c] = kSpace | kTerm;
  for (unsigned char c : std::string_view("\"%()[]{}")) t[c] = kTerm;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kAlpha;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kAlpha;
  return t;
}
constexpr std::array<uint8_t, 256> kClass = make_classes();

bool has(int c, uint8_t cls) { return c >= 0 && (kClass[c] & cls) != 0; }

}  // namespace

SourcePos LineCursor::at(size_t off) {
  if (off > src_.size()) off = src_.size();
  if (off < off_) {  // rare (errors about an opener): rescan from the top
    off_ = line_start_ = 0;
    line_ = 1;
  }
  const char* base = src_.data();
  while (const void* nl = std::memchr(base + off_, '\n', off - off_)) {
    line_start_ = static_cast<size_t>(static_cast<const char*>(nl) - base) + 1;
    off_ = line_start_;
    ++line_;
  }
  off_ = off;
  return SourcePos{file_, line_, static_cast<uint32_t>(off - line_start_ + 1)};
}

void Lexer::fail(size_t off, const std::string& msg) { throw ParseError(pos(off), msg); }

void Lexer::skip_space() {
  while (!at_end()) {
    int c = peek();
    if (has(c, kSpace)) {
      ++p_;
    } else if (c == '#') {
      int d = peek(1);
      if (d == -1 || d == ' ' || d == '!' || d == '#' || d == '\r' || d == '\n') {
        skip_line_comment();
      } else if (d == '<') {
        skip_block_comment();
      } else {
        return;
      }
    } else {
      return;
    }
  }
}

void Lexer::skip_line_comment() {
  while (!at_end() && src_[p_] != '\n' && src_[p_] != '\r') ++p_;
}

// `#<` ... `>#`, where a `>#` whose `>` follows another `>` does not close, so `#<< >>#`
// can sit inside. The `<` of the opener counts as a predecessor: `#<>#` is empty.
void Lexer::skip_block_comment() {
  size_t open = p_;
  p_ += 2;
  while (true) {
    const void* hit = std::memchr(src_.data() + p_, '#', src_.size() - p_);
    if (!hit) fail(open, "EOF while reading block comment");
    size_t h = static_cast<size_t>(static_cast<const char*>(hit) - src_.data());
    p_ = h + 1;
    if (h >= open + 3 && src_[h - 1] == '>' && src_[h - 2] != '>') return;
  }
}

Token Lexer::next() {
  skip_space();
  Token t;
  t.start = p_;
  if (at_end()) return t;
  int c = peek();
  switch (c) {
    case '(': ++p_; t.kind = Tok::LParen; return t;
    case ')': ++p_; t.kind = Tok::RParen; return t;
    case '[': ++p_; t.kind = Tok::LBracket; return t;
    case ']': ++p_; t.kind = Tok::RBracket; return t;
    case '{': ++p_; t.kind = Tok::LBrace; return t;
    case '}': ++p_; t.kind = Tok::RBrace; return t;
    case ':': ++p_; t.kind = Tok::Quote; return t;
    case '%':
      ++p_;
      t.kind = Tok::Unquote;
      if (peek() == '_') {
        ++p_;
        t.kind = Tok::UnquoteDiscard;
      }
      return t;
    case '"': return string();
    case '\'': return character();
    case '#': return dispatch();
    case '+':
    case '-':
      return has(peek(1), kDigit) ? number() : bare();
    default:
      return has(c, kDigit) ? number() : bare();
  }
}

// `#` not starting a comment (skip_space took those).
Token Lexer::dispatch() {
  Token t;
  t.start = p_;
  switch (peek(1)) {
    case '"':
      p_ += 2;
      t.kind = Tok::InterpBegin;
      if (peek() == '"' && peek(1) == '"') {
        p_ += 2;
        t.triple = true;
      }
      return t;
    case '@':
      p_ += 2;
      t.kind = Tok::Decorator;
      return t;
    case '[': fail(p_, "Set literals #[...] are not supported");
    case '/': return regex();
    default: return bare();  // `#abc`, `#Str`
  }
}

// A bare token runs to whitespace, a comma or one of `" % ( ) [ ] { }`. A backslash takes
// the next byte into the token whatever it is; the parser decodes escapes later.
Token Lexer::bare() {
  Token t;
  t.kind = Tok::Bare;
  t.start = p_;
  while (!at_end()) {
    int c = peek();
    if (has(c, kTerm)) break;
    if (c == '\\') {
      t.escaped = true;
      if (p_ + 1 < src_.size()) ++p_;
    }
    ++p_;
  }
  t.text = src_.substr(t.start, p_ - t.start);
  return t;
}

// number := [+-] digits [ '.' digits* ] [ (e|E) [+-] digits ]  (§1.4). The token ends where
// the grammar does (`1_000` is 1 then `_000`), but forms the VM leaves unimplemented are
// rejected rather than silently split: units, dates, times, ratios, 0x-style bases.
Token Lexer::number() {
  Token t;
  t.start = p_;
  if (peek() == '+' || peek() == '-') ++p_;
  size_t digits = p_;
  while (has(peek(), kDigit)) ++p_;
  bool is_float = false;
  if (peek() == '.') {
    is_float = true;
    ++p_;
    while (has(peek(), kDigit)) ++p_;
  }
  if (peek() == 'e' || peek() == 'E') {
    is_float = true;
    ++p_;
    if (peek() == '+' || peek() == '-') ++p_;
    if (!has(peek(), kDigit)) fail(p_, "Invalid number: exponent has no digits");
    while (has(peek(), kDigit)) ++p_;
  }
  int c = peek();
  if (has(c, kAlpha)) fail(p_, fmt::format("Invalid number: unexpected '{}' after digits (units are not supported)", static_cast<char>(c)));
  if (!is_float && (c == '-' || c == ':' || c == '/'))
    fail(p_, "Dates, times and ratios are not supported");
  if (!is_float && p_ - t.start == 1 && src_[t.start] == '0' && (c == '!' || c == '*' || c == '#'))
    fail(p_, "Binary, hex and base64 literals are not supported");

  // from_chars accepts '-' but not '+'.
  const char* first = src_.data() + (src_[t.start] == '+' ? digits : t.start);
  const char* last = src_.data() + p_;
  if (!is_float) {
    t.kind = Tok::Int;
    auto r = std::from_chars(first, last, t.i);
    if (r.ec != std::errc() || r.ptr != last) fail(t.start, "integer literal out of range");
    return t;
  }
  t.kind = Tok::Float;
  auto r = std::from_chars(first, last, t.f);
  if (r.ec == std::errc::result_out_of_range) {
    // Overflow to inf or underflow to a subnormal/zero: strtod rounds these as IEEE wants.
    std::string copy(first, last);
    t.f = std::strtod(copy.c_str(), nullptr);
  } else if (r.ec != std::errc() || r.ptr != last) {
    fail(t.start, "Invalid number");
  }
  return t;
}

}  // namespace gene
