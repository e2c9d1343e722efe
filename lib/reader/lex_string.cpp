// Tokens with quotes: strings (plain and triple), characters and the literal parts of
// interpolated strings, which share one escape decoder (§1.5–1.7).
#include <fmt/format.h>

#include "reader/lexer.hpp"

namespace gene {

namespace {

// What `\s` matched in the VM's trim regexes.
bool is_trim_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

int hex_digit(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The byte a one-letter escape stands for; any other byte stands for itself.
char simple_escape(char c) {
  switch (c) {
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'b': return '\b';
    case 'f': return '\f';  // Intended form feed; the VM's BS is a bug (§1.5)
    default: return c;
  }
}

}  // namespace

// A leading whitespace run ending in a newline becomes one "\n" (greedy, like `^\s*\n`).
void trim_triple_leading(std::string& s) {
  size_t run = 0;
  while (run < s.size() && is_trim_space(s[run])) ++run;
  size_t nl = s.rfind('\n', run == 0 ? 0 : run - 1);
  if (run == 0 || nl == std::string::npos) return;
  s.replace(0, nl + 1, "\n");
}

// A trailing run that starts with a newline and holds only whitespace becomes one "\n".
void trim_triple_trailing(std::string& s) {
  size_t run = s.size();
  while (run > 0 && is_trim_space(s[run - 1])) --run;
  size_t nl = s.find('\n', run);
  if (nl == std::string::npos) return;
  s.replace(nl, std::string::npos, "\n");
}

uint32_t Lexer::hex4(size_t esc) {
  uint32_t v = 0;
  for (int k = 0; k < 4; ++k) {
    int d = hex_digit(peek());
    if (d < 0) fail(esc, "Invalid \\u escape: expected 4 hex digits");
    v = v << 4 | static_cast<uint32_t>(d);
    ++p_;
  }
  return v;
}

void Lexer::escape(std::string& out, size_t open, const char* what) {
  size_t esc = p_++;
  if (at_end()) fail(open, fmt::format("EOF while reading {}", what));
  char c = src_[p_++];
  if (c != 'u') {
    out += simple_escape(c);
    return;
  }
  uint32_t cp = hex4(esc);
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    size_t low_esc = p_;
    if (peek() != '\\' || peek(1) != 'u') fail(esc, "Invalid \\u escape: high surrogate without a low surrogate");
    p_ += 2;
    uint32_t lo = hex4(low_esc);
    if (lo < 0xDC00 || lo > 0xDFFF) fail(low_esc, "Invalid \\u escape: high surrogate without a low surrogate");
    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
  }
  // A lone low surrogate is encoded as it stands, as the VM does.
  append_utf8(out, cp);
}

// `#/pattern/flags`: the pattern stays as written, for the regex library to read its
// escapes, except `\/`, which is a slash; the flags are the letters after the closing slash.
Token Lexer::regex() {
  Token t;
  t.kind = Tok::Regex;
  t.start = p_;
  p_ += 2;
  buf_.clear();
  for (int c; (c = peek()) != '/'; ++p_) {
    if (c == -1) fail(t.start, "EOF while reading regex literal");
    if (c == '\\' && peek(1) != -1) {
      if (peek(1) != '/') buf_ += '\\';
      ++p_;
    }
    buf_ += src_[p_];
  }
  ++p_;
  t.i = static_cast<int64_t>(buf_.size());
  while ((peek() >= 'a' && peek() <= 'z') || (peek() >= 'A' && peek() <= 'Z')) buf_ += src_[p_++];
  t.text = buf_;
  return t;
}

Token Lexer::string() {
  Token t;
  t.kind = Tok::String;
  t.start = p_;
  bool triple = peek(1) == '"' && peek(2) == '"';
  p_ += triple ? 3 : 1;
  buf_.clear();
  while (true) {
    // Copy runs of ordinary bytes in one go.
    size_t run = p_;
    while (run < src_.size() && src_[run] != '"' && src_[run] != '\\') ++run;
    buf_.append(src_, p_, run - p_);
    p_ = run;
    if (at_end()) fail(t.start, "EOF while reading string");
    if (src_[p_] == '\\') {
      escape(buf_, t.start, "string");
    } else if (!triple) {
      ++p_;
      break;
    } else if (peek(1) == '"' && peek(2) == '"') {
      p_ += 3;
      trim_triple_leading(buf_);
      trim_triple_trailing(buf_);
      break;
    } else {
      buf_ += '"';
      ++p_;
    }
  }
  t.text = buf_;
  return t;
}

// `'x'` or `'\x'`: exactly one byte between the quotes (§1.7).
Token Lexer::character() {
  Token t;
  t.kind = Tok::Char;
  t.start = p_++;
  if (at_end()) fail(t.start, "EOF while reading character");
  if (peek() == '\'') fail(p_, "Empty character literal");
  if (peek() == '\\') {
    ++p_;
    if (at_end()) fail(t.start, "EOF while reading character");
    t.i = static_cast<unsigned char>(simple_escape(src_[p_++]));
  } else {
    t.i = static_cast<unsigned char>(src_[p_++]);
  }
  if (at_end()) fail(t.start, "EOF while reading character");
  if (peek() != '\'') fail(p_, "Character literal must hold exactly one byte");
  ++p_;
  return t;
}

Seg Lexer::interp_segment(std::string& out, bool triple, size_t open) {
  while (true) {
    size_t run = p_;
    while (run < src_.size() && src_[run] != '"' && src_[run] != '\\' && src_[run] != '#') ++run;
    out.append(src_, p_, run - p_);
    p_ = run;
    if (at_end()) fail(open, "EOF while reading string");
    char c = src_[p_];
    if (c == '\\') {
      escape(out, open, "string");
    } else if (c == '"') {
      if (!triple) {
        ++p_;
        return Seg::End;
      }
      if (peek(1) == '"' && peek(2) == '"') {
        p_ += 3;
        return Seg::End;
      }
      out += '"';
      ++p_;
    } else {  // '#'
      switch (peek(1)) {
        case '{': p_ += 2; return Seg::Brace;
        case '(': ++p_; return Seg::Paren;
        case '[': ++p_; return Seg::Bracket;
        case '<': skip_block_comment(); break;
        default: out += '#'; ++p_; break;
      }
    }
  }
}

}  // namespace gene
