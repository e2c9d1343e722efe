#include "runtime/symbol.hpp"

#include <charconv>
#include <memory>
#include <string>
#include <unordered_map>

namespace gene {

namespace {
// Transparent hashing: look-ups take a string_view without building a std::string.
struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
// Keyed by a view of the symbol's own name: one copy of each name. Symbols never move
// or die, so the views stay valid. Sized for the library's names, which start-up interns.
struct SymbolTable {
  SymbolTable() { by_name.reserve(4096); }
  std::unordered_map<std::string_view, std::unique_ptr<Symbol>, NameHash> by_name;
};
SymbolTable& table() {
  static SymbolTable t;
  return t;
}

// "12" and "-3" name the Int keys 12 and -3; "012", "+3" and "-0" stay names.
bool canonical_int(std::string_view name, int64_t* out) {
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), *out);
  if (ec != std::errc() || end != name.data() + name.size()) return false;
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, *out);
  return std::string_view(buf, static_cast<size_t>(r.ptr - buf)) == name;
}
}  // namespace

Symbol* intern(std::string_view name) {
  auto& t = table();
  auto it = t.by_name.find(name);
  if (it != t.by_name.end()) return it->second.get();
  auto sym = std::make_unique<Symbol>(std::string(name), static_cast<uint32_t>(t.by_name.size() + 1));
  sym->marked = true;  // never swept
  Symbol* raw = sym.get();
  int64_t k;
  if (canonical_int(name, &k) && PropKey::fits(k)) raw->prop_key = PropKey::of_int(k).bits();
  t.by_name.emplace(std::string_view(raw->name), std::move(sym));
  return raw;
}

const Syms& syms() {
  static const Syms s = [] {
    Syms r{};
#define GENE_SYM_INIT(field, text) r.field = intern(text);
    GENE_WELL_KNOWN_SYMBOLS(GENE_SYM_INIT)
#undef GENE_SYM_INIT
    return r;
  }();
  return s;
}

}  // namespace gene
