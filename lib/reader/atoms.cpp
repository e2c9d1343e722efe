// Bare-token text -> values. Text arrives raw; escapes are removed only when present.
#include "reader/atoms.hpp"

#include "runtime/symbol.hpp"

namespace gene {

namespace {

// Calls f(part) for each piece of text between unescaped separators; an escaped byte
// never splits, and a piece never ends inside an escape.
template <class Split, class F>
void split_raw(std::string_view text, Split is_sep, F f) {
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (is_sep(text, i)) {
      f(text.substr(start, i - start));
      start = i + 1;
    }
  }
  f(text.substr(start));
}

bool has_unescaped_slash(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') ++i;
    else if (text[i] == '/') return true;
  }
  return false;
}

Symbol* intern_raw(std::string_view raw, bool escaped) {
  if (!escaped) return intern(raw);
  std::string name;
  name.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size()) ++i;
    name += raw[i];
  }
  return intern(name);
}

}  // namespace

Value bare_value(Heap& heap, std::string_view text, bool escaped) {
  if (!escaped) {
    // An escape anywhere makes the token a symbol, so only raw text can be a constant.
    if (text == "nil") return make_nil();
    if (text == "true") return make_bool(true);
    if (text == "false") return make_bool(false);
  }
  // `/` and `/=` are operators, not paths.
  if (text == "/" || text == "/=" || !has_unescaped_slash(text)) return make_obj(Tag::Symbol, intern_raw(text, escaped));
  auto* cs = heap.make<ComplexSymbol>();
  split_raw(text, [](std::string_view s, size_t i) { return s[i] == '/'; },
            [&](std::string_view part) { cs->parts.push_back(intern_raw(part, escaped)); });
  return make_obj(Tag::ComplexSymbol, cs);
}

KeyValue parse_key(std::string_view text, bool escaped, std::vector<Symbol*>& parts) {
  parts.clear();
  // `^^k` and `^!k`: the rest, unsplit, is one key.
  if (!text.empty() && (text[0] == '^' || text[0] == '!')) {
    std::string_view name = text.substr(1);
    if (name.empty()) return KeyValue::Empty;
    parts.push_back(intern_raw(name, escaped));
    return text[0] == '^' ? KeyValue::True : KeyValue::Nil;
  }
  // Split on a '^' not itself after a '^': `a^^b` is [a, ^b], whose `^` then means true.
  KeyValue result = KeyValue::Next;
  auto is_sep = [](std::string_view s, size_t i) { return s[i] == '^' && !(i > 0 && s[i - 1] == '^'); };
  std::string_view last;
  size_t count = 0;
  split_raw(text, is_sep, [&](std::string_view part) {
    if (count++ > 0) {
      if (last.empty()) result = KeyValue::Empty;
      if (result != KeyValue::Empty) parts.push_back(intern_raw(last, escaped));
    }
    last = part;
  });
  if (result == KeyValue::Empty) return result;
  if (count > 1 && !last.empty() && (last[0] == '^' || last[0] == '!')) {
    result = last[0] == '^' ? KeyValue::True : KeyValue::False;
    last.remove_prefix(1);
  }
  if (last.empty()) return KeyValue::Empty;
  parts.push_back(intern_raw(last, escaped));
  return result;
}

}  // namespace gene
