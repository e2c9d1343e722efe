#include "runtime/symbol.hpp"

#include <charconv>
#include <string>
#include <vector>

namespace gene {

namespace {
// Open addressing over Symbol pointers: no node per symbol, and start-up (a few hundred
// names) touches a few KB instead of the 33 KB bucket array a node table reserved. Each
// Symbol keeps its hash, so a probe compares names only when the hashes match. Symbols
// never move or die, so the slots stay valid.
class SymbolTable {
 public:
  SymbolTable() : slots_(kInitialSlots, nullptr) {}

  Symbol* find(std::string_view name, uint32_t hash) const {
    for (size_t i = hash & mask();; i = (i + 1) & mask()) {
      Symbol* s = slots_[i];
      if (!s || (s->hash == hash && s->name == name)) return s;
    }
  }
  void add(Symbol* s) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    place(slots_, s);
    ++count_;
  }
  size_t count() const { return count_; }

 private:
  static constexpr size_t kInitialSlots = 1024;
  size_t mask() const { return slots_.size() - 1; }
  static void place(std::vector<Symbol*>& slots, Symbol* s) {
    size_t m = slots.size() - 1;
    size_t i = s->hash & m;
    while (slots[i]) i = (i + 1) & m;
    slots[i] = s;
  }
  void grow() {
    std::vector<Symbol*> bigger(slots_.size() * 2, nullptr);
    for (Symbol* s : slots_)
      if (s) place(bigger, s);
    slots_.swap(bigger);
  }
  std::vector<Symbol*> slots_;
  size_t count_ = 0;
};
// Never destroyed: symbols outlive every other static, and the leak checker still finds
// them through this pointer.
SymbolTable& table() {
  static SymbolTable* t = new SymbolTable;
  return *t;
}

uint32_t hash_name(std::string_view name) {
  return static_cast<uint32_t>(std::hash<std::string_view>{}(name));
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
  uint32_t hash = hash_name(name);
  if (Symbol* found = t.find(name, hash)) return found;
  auto* sym = new Symbol(std::string(name), static_cast<uint32_t>(t.count() + 1));
  sym->hash = hash;
  sym->marked = true;  // never swept, never freed
  int64_t k;
  if (canonical_int(name, &k) && PropKey::fits(k)) sym->prop_key = PropKey::of_int(k).bits();
  t.add(sym);
  return sym;
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
