// Source bytes -> tokens (§1 of the language reference). The parser asks for one token at a
// time; interpolated strings are scanned piecewise because expressions nest inside them.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/object.hpp"

namespace gene {

enum class Tok : uint8_t {
  Eof,
  LParen, RParen, LBracket, RBracket, LBrace, RBrace,
  Int, Float, String, Char,
  Bare,            // symbol, keyword, `^key` or path text, still undecoded
  Quote,           // `:`
  Unquote,         // `%`
  UnquoteDiscard,  // `%_`
  Decorator,       // `#@`
  InterpBegin,     // `#"` or `#"""`; the parser then calls interp_segment
  Regex,           // `#/pattern/flags`
};

struct Token {
  Tok kind = Tok::Eof;
  bool escaped = false;  // Bare: text holds backslash escapes
  bool triple = false;   // InterpBegin: `#"""`
  size_t start = 0;      // byte offset of the token's first character
  int64_t i = 0;         // Int; Char (the byte); Regex (the pattern's length)
  double f = 0;          // Float
  // Bare: raw source text. String: decoded bytes in a lexer buffer, valid until the next call.
  // Regex: the pattern, then the flags, in that buffer.
  std::string_view text;
};

// What stopped an interpolated-string scan.
enum class Seg : uint8_t {
  End,      // closing quote consumed
  Brace,    // `#{` consumed; an expression or a map follows, then `}`
  Paren,    // at the `(` of `#(`; the next token opens a gene
  Bracket,  // at the `[` of `#[`; the next token opens an array
};

// Turns byte offsets into 1-based line/col. Offsets are asked for in mostly increasing
// order, so a cursor that only moves forward keeps the whole read linear.
class LineCursor {
 public:
  LineCursor(std::string_view src, uint32_t file) : src_(src), file_(file) {}
  SourcePos at(size_t off);

 private:
  std::string_view src_;
  uint32_t file_;
  size_t off_ = 0;
  size_t line_start_ = 0;
  uint32_t line_ = 1;
};

class Lexer {
 public:
  Lexer(std::string_view src, uint32_t file) : src_(src), lines_(src, file) {}

  // Skips whitespace and comments, then reads one token.
  Token next();

  // Appends the literal text of an interpolated string (opened at byte `open`) to out,
  // stopping at its end or at the next embedded expression.
  Seg interp_segment(std::string& out, bool triple, size_t open);

  size_t offset() const { return p_; }
  SourcePos pos(size_t off) { return lines_.at(off); }
  [[noreturn]] void fail(size_t off, const std::string& msg);

 private:
  bool at_end() const { return p_ >= src_.size(); }
  // The byte k places ahead, or -1 past the end (NUL is an ordinary byte).
  int peek(size_t k = 0) const { return p_ + k < src_.size() ? static_cast<unsigned char>(src_[p_ + k]) : -1; }

  void skip_space();
  void skip_line_comment();
  void skip_block_comment();
  Token number();
  Token bare();
  Token dispatch();
  Token string();
  Token character();
  Token regex();
  // Decodes the escape whose backslash is at p_ into out and moves past it.
  void escape(std::string& out, size_t open, const char* what);
  uint32_t hex4(size_t esc);

  std::string_view src_;
  size_t p_ = 0;
  LineCursor lines_;
  std::string buf_;  // decoded string token, reused to avoid per-token allocation
};

// The two trims of a triple-quoted string (§1.5), applied to decoded text.
void trim_triple_leading(std::string& s);
void trim_triple_trailing(std::string& s);

}  // namespace gene
