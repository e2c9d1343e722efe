// The frame machine: each token opens a frame, closes one, or yields a datum that is
// delivered to the innermost frame, which may complete and pass a datum further out.
#include "reader/parser.hpp"

#include <fmt/format.h>

#include "reader/atoms.hpp"
#include "reader/reader.hpp"
#include "runtime/symbol.hpp"

namespace gene {

namespace {

using Kind = Parser::FrameKind;

// "EOF while reading <name>".
const char* frame_name(Kind k) {
  switch (k) {
    case Kind::Map: return "map";
    case Kind::Quote: return "quote";
    case Kind::Unquote:
    case Kind::UnquoteDiscard: return "unquote";
    case Kind::Decorator: return "decorator";
    case Kind::Interp: return "string";
    case Kind::InterpBrace: return "interpolation";
    default: return "list";  // arrays too, as in the VM's message
  }
}

// The prefix that still lacks its datum.
const char* prefix_text(Kind k) {
  switch (k) {
    case Kind::Quote: return ":";
    case Kind::Unquote: return "%";
    case Kind::UnquoteDiscard: return "%_";
    default: return "#@";
  }
}

char closer_char(Tok k) { return k == Tok::RParen ? ')' : k == Tok::RBracket ? ']' : '}'; }

}  // namespace

void Parser::push(FrameKind kind, size_t open) {
  Frame f;
  f.kind = kind;
  f.open = open;
  f.pos = lex_.pos(open);
  switch (kind) {
    case FrameKind::Array: {
      f.obj = heap_.make<SourceArray>(f.pos);
      break;
    }
    case FrameKind::Map: {
      f.obj = heap_.make<Map>();
      break;
    }
    case FrameKind::Gene: {
      auto* g = heap_.make<Gene>();
      g->pos = f.pos;
      f.obj = g;
      break;
    }
    default: break;
  }
  stack_.push_back(f);
}

std::vector<Value> Parser::read_all() {
  using K = Kind;
  while (true) {
    Token t = lex_.next();
    if (stack_.empty()) datum_start_ = t.start;
    switch (t.kind) {
      case Tok::Eof:
        if (!stack_.empty()) eof();
        return std::move(out_);
      case Tok::LParen: begin_datum(t); push(K::Gene, t.start); break;
      case Tok::LBracket: begin_datum(t); push(K::Array, t.start); break;
      case Tok::LBrace: begin_datum(t); push(K::Map, t.start); break;
      case Tok::RParen:
      case Tok::RBracket:
      case Tok::RBrace: close(t); break;
      case Tok::Int: begin_datum(t); deliver(make_int(t.i)); break;
      case Tok::Float: begin_datum(t); deliver(make_float(t.f)); break;
      case Tok::Char: begin_datum(t); deliver(make_char(static_cast<uint32_t>(t.i))); break;
      case Tok::String: begin_datum(t); deliver(heap_.string_value(t.text)); break;
      case Tok::Regex: {
        begin_datum(t);
        size_t n = static_cast<size_t>(t.i);
        deliver(value_of(heap_.make<Regex>(std::string(t.text.substr(0, n)), std::string(t.text.substr(n)))));
        break;
      }
      case Tok::Bare: bare(t); break;
      case Tok::Quote: begin_datum(t); push(K::Quote, t.start); break;
      case Tok::Unquote: begin_datum(t); push(K::Unquote, t.start); break;
      case Tok::UnquoteDiscard: begin_datum(t); push(K::UnquoteDiscard, t.start); break;
      case Tok::Decorator: begin_datum(t); push(K::Decorator, t.start); break;
      case Tok::InterpBegin: {
        begin_datum(t);
        push(K::Interp, t.start);
        interps_.emplace_back().triple = t.triple;
        Value done;
        if (interp_step(done)) deliver(done);
        break;
      }
    }
  }
}

// Checks that the innermost frame accepts a datum starting here.
void Parser::begin_datum(const Token& t) {
  if (stack_.empty()) return;
  const Frame& f = stack_.back();
  if (f.kind == FrameKind::Map && !f.pending_map) lex_.fail(t.start, "Expect key");
  if (f.kind == FrameKind::InterpBrace && f.state == 1) lex_.fail(t.start, "Expect } to close #{ in string");
}

// `^...` is a key where a map or gene expects entries, and a plain symbol anywhere else.
void Parser::bare(const Token& t) {
  if (!stack_.empty() && t.text.size() > 0 && t.text[0] == '^') {
    const Frame& f = stack_.back();
    bool keyed = f.kind == FrameKind::Map || (f.kind == FrameKind::Gene && f.state != kAwaitType) ||
                 (f.kind == FrameKind::InterpBrace && f.state == 0);
    if (keyed) {
      if (f.pending_map) lex_.fail(t.start, fmt::format("Expect value for key {}", f.pending_key->name));
      key(t);
      return;
    }
  }
  begin_datum(t);
  deliver(bare_value(heap_, t.text, t.escaped));
}

void Parser::key(const Token& t) {
  Frame& f = stack_.back();
  if (f.kind == FrameKind::InterpBrace) {
    // `#{^k v}`: the braces themselves are a map (§1.6).
    f.kind = FrameKind::Map;
    f.open += 1;
    f.pos.col += 1;
    f.obj = heap_.make<Map>();
  }
  PropMap* target;
  if (f.kind == FrameKind::Gene) {
    if (f.state == kAfterProps) lex_.fail(t.start, "properties found in wrong place");
    f.state = kInProps;
    target = &static_cast<Gene*>(f.obj)->props;
  } else {
    target = &static_cast<Map*>(f.obj)->map;
  }

  KeyValue kv = parse_key(t.text.substr(1), t.escaped, key_parts_);
  if (kv == KeyValue::Empty) lex_.fail(t.start, "Empty key");
  // `^a^b v`: walk or create the nested maps; only maps can be merged into.
  for (size_t i = 0; i + 1 < key_parts_.size(); ++i) {
    Symbol* part = key_parts_[i];
    if (Value* slot = target->find(part)) {
      if (!is_map(*slot)) lex_.fail(t.start, fmt::format("Duplicate key: {}", part->name));
      target = &as_map(*slot)->map;
    } else {
      auto* m = heap_.make<Map>();
      target->set(part, value_of(m));
      target = &m->map;
    }
  }
  Symbol* last = key_parts_.back();
  if (target->find(last)) lex_.fail(t.start, fmt::format("Duplicate key: {}", last->name));
  switch (kv) {
    case KeyValue::True: target->set(last, make_bool(true)); break;
    case KeyValue::Nil: target->set(last, make_nil()); break;
    case KeyValue::False: target->set(last, make_bool(false)); break;
    default:
      f.pending_map = target;
      f.pending_key = last;
      break;
  }
}

void Parser::close(const Token& t) {
  char c = closer_char(t.kind);
  auto unmatched = [&] { lex_.fail(t.start, fmt::format("Unmatched delimiter: {}", c)); };
  if (stack_.empty()) unmatched();
  Frame& f = stack_.back();
  switch (f.kind) {
    case FrameKind::Array:
    case FrameKind::Map:
    case FrameKind::Gene: {
      char want = f.kind == FrameKind::Array ? ']' : f.kind == FrameKind::Map ? '}' : ')';
      if (c != want) unmatched();
      if (f.pending_map) lex_.fail(t.start, fmt::format("Expect value for key {}", f.pending_key->name));
      Obj* o = f.obj;
      stack_.pop_back();
      deliver(value_of(o));
      return;
    }
    case FrameKind::InterpBrace: {
      if (c != '}') unmatched();
      if (f.state == 0) lex_.fail(t.start, "Empty #{} in string");
      Value v = f.held;
      stack_.pop_back();
      deliver(v);
      return;
    }
    default:
      lex_.fail(t.start, fmt::format("Missing datum after {}", prefix_text(f.kind)));
  }
}

void Parser::deliver(Value v) {
  using K = Kind;
  while (true) {
    if (stack_.empty()) {
      out_.push_back(v);
      positions_.push_back(lex_.pos(datum_start_));
      return;
    }
    Frame& f = stack_.back();
    switch (f.kind) {
      case K::Array:
        static_cast<Array*>(f.obj)->items.push_back(v);
        return;
      case K::Map:  // begin_datum let the datum in, so a key is pending
        f.pending_map->set(f.pending_key, v);
        f.pending_map = nullptr;
        return;
      case K::Gene: {
        auto* g = static_cast<Gene*>(f.obj);
        if (f.state == kAwaitType) {
          g->type = v;
          f.state = kBeforeProps;
        } else if (f.pending_map) {
          f.pending_map->set(f.pending_key, v);
          f.pending_map = nullptr;
        } else {
          g->children.push_back(v);
          if (f.state == kInProps) f.state = kAfterProps;
        }
        return;
      }
      case K::Quote:
      case K::Unquote:
      case K::UnquoteDiscard: {
        auto* q = heap_.make<Quote>(f.kind == K::Quote ? Tag::Quote : Tag::Unquote, v);
        q->discard = f.kind == K::UnquoteDiscard;
        stack_.pop_back();
        v = value_of(q);
        continue;
      }
      case K::Decorator: {
        if (f.state == 0) {
          f.held = v;
          f.state = 1;
          return;
        }
        // `#@f x` reads as `(f x)`.
        auto* g = heap_.make<Gene>();
        g->type = f.held;
        g->children.push_back(v);
        g->pos = f.pos;
        stack_.pop_back();
        v = value_of(g);
        continue;
      }
      case K::InterpBrace:
        f.held = v;
        f.state = 1;
        return;
      case K::Interp:
        add_segment(v);
        if (!interp_step(v)) return;
        continue;
    }
  }
}

// A string expression is literal text; anything else ends the literal run before it.
void Parser::add_segment(Value v) {
  Interp& in = interps_.back();
  if (is_string(v)) {
    in.lit += as_string(v)->view();
    return;
  }
  if (!in.lit.empty()) {
    if (in.triple && in.parts.empty()) trim_triple_leading(in.lit);
    in.parts.push_back(heap_.string_value(in.lit));
    in.lit.clear();
  }
  in.parts.push_back(v);
}

// Scans on inside the innermost interpolated string. Returns true with the finished
// value when the string ends; false when an expression must be read first.
bool Parser::interp_step(Value& done) {
  Interp& in = interps_.back();
  size_t open = stack_.back().open;
  switch (lex_.interp_segment(in.lit, in.triple, open)) {
    case Seg::End:
      done = finish_interp();
      interps_.pop_back();
      stack_.pop_back();
      return true;
    case Seg::Brace:
      push(FrameKind::InterpBrace, lex_.offset() - 2);
      return false;
    case Seg::Paren:
    case Seg::Bracket:
      return false;
  }
  return false;
}

// All literal: one plain string. Otherwise (#Str seg...), always ending with a literal.
Value Parser::finish_interp() {
  Interp& in = interps_.back();
  if (in.triple) {
    if (in.parts.empty()) trim_triple_leading(in.lit);
    trim_triple_trailing(in.lit);
  }
  if (in.parts.empty()) return heap_.string_value(in.lit);
  in.parts.push_back(heap_.string_value(in.lit));
  auto* g = heap_.make<Gene>();
  g->type = make_obj(Tag::Symbol, syms().str);
  g->children.assign(in.parts.begin(), in.parts.end());
  g->pos = stack_.back().pos;
  return value_of(g);
}

void Parser::eof() {
  const Frame& f = stack_.back();
  throw ParseError(f.pos, fmt::format("EOF while reading {}", frame_name(f.kind)));
}

}  // namespace gene
