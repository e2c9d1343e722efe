// Shared helpers for the reader tests: read text, and dump data in an unambiguous form.
// The dump is our own (not the printer), so these tests check only the reader:
//   ints 42, floats 1.0, strings "a\n", chars 'a', symbols a, paths <a|b>, (:x) quote,
//   (%x) unquote, (%_x) discard, [..] arrays, {^k v} maps, (type ^k v child) genes.
#pragma once
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "reader/reader.hpp"
#include "runtime/symbol.hpp"

namespace gene::test {

inline std::string escape_bytes(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c < 0x20 || c == 0x7F) out += fmt::format("\\x{:02x}", c);
    else out += static_cast<char>(c);
  }
  return out;
}

inline std::string dump(Value v);

inline std::string dump_props(const PropMap& m) {
  std::string out;
  for (auto& [k, val] : m.entries()) out += fmt::format(" ^{} {}", k.name(), dump(val));
  return out;
}

inline std::string dump(Value v) {
  switch (v.tag) {
    case Tag::Nil: return "nil";
    case Tag::Bool: return as_bool(v) ? "true" : "false";
    case Tag::Int: return fmt::format("{}", as_int(v));
    case Tag::Float: {
      std::string s = fmt::format("{}", as_float(v));
      if (s.find_first_of(".ein") == std::string::npos) s += ".0";
      return s;
    }
    case Tag::Char: return "'" + escape_bytes(std::string(1, static_cast<char>(as_char(v)))) + "'";
    case Tag::String: return "\"" + escape_bytes(as_string(v)->view()) + "\"";
    case Tag::Symbol: return as_symbol(v)->name;
    case Tag::ComplexSymbol: {
      std::string out = "<";
      const auto& parts = as_complex(v)->parts;
      for (size_t i = 0; i < parts.size(); ++i) out += (i ? "|" : "") + parts[i]->name;
      return out + ">";
    }
    case Tag::Quote: return "(:" + dump(as_quote(v)->value) + ")";
    case Tag::Unquote: return std::string(as_quote(v)->discard ? "(%_" : "(%") + dump(as_quote(v)->value) + ")";
    case Tag::Array: {
      std::string out = "[";
      const auto& items = as_array(v)->items;
      for (size_t i = 0; i < items.size(); ++i) out += (i ? " " : "") + dump(items[i]);
      return out + "]";
    }
    case Tag::Map: {
      std::string props = dump_props(as_map(v)->map);
      return "{" + (props.empty() ? props : props.substr(1)) + "}";
    }
    case Tag::Gene: {
      Gene* g = as_gene(v);
      std::string out = "(" + dump(g->type) + dump_props(g->props);
      for (Value c : g->children) out += " " + dump(c);
      return out + ")";
    }
    default: return "<?>";
  }
}

// One heap per test case; GcPause keeps results alive while the test inspects them.
struct Reader {
  Heap heap;
  GcPause pause{heap};

  std::vector<Value> all(std::string_view src) { return read_string(heap, src, "test.gene"); }

  Value one(std::string_view src) {
    auto vs = all(src);
    REQUIRE(vs.size() == 1);
    return vs[0];
  }

  std::string d(std::string_view src) { return dump(one(src)); }

  // Dumps of all top-level data, space separated.
  std::string ds(std::string_view src) {
    std::string out;
    for (Value v : all(src)) out += (out.empty() ? "" : " ") + dump(v);
    return out;
  }

  // The error a read must raise.
  ParseError err(std::string_view src) {
    try {
      auto vs = all(src);
      FAIL("expected a ParseError, read " << vs.size() << " data");
    } catch (const ParseError& e) {
      return e;
    }
    throw std::logic_error("unreachable");
  }
};

inline bool contains(const std::string& hay, std::string_view needle) { return hay.find(needle) != std::string::npos; }

}  // namespace gene::test
