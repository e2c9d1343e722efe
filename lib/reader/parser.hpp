// Tokens -> data. Nesting lives on an explicit stack of frames, not the C++ call stack,
// so input nested 100,000 deep reads like any other.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "reader/lexer.hpp"
#include "runtime/heap.hpp"

namespace gene {

class Parser {
 public:
  Parser(Heap& heap, std::string_view src, uint32_t file) : heap_(heap), lex_(src, file) {}
  // Every top-level datum, in order. Throws ParseError.
  std::vector<Value> read_all();
  // Where each datum read_all returned starts (atoms carry no position of their own).
  std::vector<SourcePos> take_positions() { return std::move(positions_); }

  // What a frame is waiting for: a collection, a prefix, or an interpolated string.
  enum class FrameKind : uint8_t { Array, Map, Gene, Quote, Unquote, UnquoteDiscard, Decorator, Interp, InterpBrace };

 private:
  struct Frame {
    FrameKind kind;
    uint8_t state = 0;  // Gene: GeneState; Decorator/InterpBrace: 1 once `held` is set
    size_t open = 0;    // byte offset of the opener
    SourcePos pos;      // of the opener; also reported for EOF inside the frame
    Obj* obj = nullptr; // Array/Map/Gene being filled
    PropMap* pending_map = nullptr;  // a `^key` waits for its value, to be stored here
    Symbol* pending_key = nullptr;
    Value held;         // Decorator: the function; InterpBrace: the expression
  };
  // A gene's props must form one run: before it, inside it, or after it.
  enum GeneState : uint8_t { kAwaitType, kBeforeProps, kInProps, kAfterProps };

  // Parts of an interpolated string; literal text is kept unallocated until it is final.
  struct Interp {
    std::string lit;
    std::vector<Value> parts;
    bool triple = false;
  };

  void push(FrameKind kind, size_t open);
  void begin_datum(const Token& t);
  void bare(const Token& t);
  void key(const Token& t);
  void close(const Token& t);
  void deliver(Value v);
  void add_segment(Value v);
  bool interp_step(Value& done);
  Value finish_interp();
  [[noreturn]] void eof();

  Heap& heap_;
  Lexer lex_;
  std::vector<Frame> stack_;
  std::vector<Interp> interps_;  // one per Interp frame, innermost last
  std::vector<Symbol*> key_parts_;
  std::vector<Value> out_;
  std::vector<SourcePos> positions_;  // parallel to out_
  size_t datum_start_ = 0;            // offset of the top-level datum being read
};

}  // namespace gene
