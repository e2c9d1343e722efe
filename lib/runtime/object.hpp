// Heap objects that hold data: strings, symbols, arrays, maps, genes, quotes, ranges.
// Callable and namespace objects live in function.hpp and namespace.hpp.
#pragma once
#include <cstddef>
#include <new>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/value.hpp"
#include "runtime/pool.hpp"

namespace gene {

class Marker;

// Where a datum came from; file indexes the SourceFiles registry (0 = unknown).
struct SourcePos {
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t col = 0;
  bool known() const { return line != 0; }
};

// Common header of every heap object. The heap keeps a table of all of them.
struct Obj {
  Tag tag : 8;  // one byte here (a whole word only in Value), so headers stay 24 bytes
  bool marked = false;
  uint8_t subkind = 0;  // a variant of the kind: kSubkindBlock
  explicit Obj(Tag t) : tag(t) {}
  virtual ~Obj() = default;
  // Objects live in the size-class pool; a virtual destructor passes the dynamic size.
  static void* operator new(size_t bytes) { return pool::allocate(bytes); }
  static void operator delete(void* p, size_t bytes) { pool::release(p, bytes); }
  // Reports every Value and Obj this object references to the collector.
  virtual void trace(Marker&) {}
  // Approximate memory held, for the collector's byte trigger.
  virtual size_t heap_bytes() const { return 64; }
};

static_assert(sizeof(Obj) == 16, "the object header is two words");

// A Function made by `->` (§8.8, §25.1): its own class (Block) and repr (VkBlock).
constexpr uint8_t kSubkindBlock = 1;

struct Symbol;

// The bytes follow the header in the same allocation (Heap::string makes them): one
// allocation per string, not a String and a buffer. Never changed once made.
struct String : Obj {
  Symbol* key = nullptr;  // the interned symbol, once the string has served as a map key
  size_t size;            // bytes, not counting the NUL that follows them
  std::string_view view() const { return {bytes(), size}; }
  const char* bytes() const { return reinterpret_cast<const char*>(this + 1); }
  char* bytes() { return reinterpret_cast<char*>(this + 1); }
  size_t heap_bytes() const override { return allocation_size(size); }
  static size_t allocation_size(size_t n) { return sizeof(String) + n + 1; }

  static void* operator new(size_t, void* at) { return at; }
  // The size of the allocation depends on the string: the deleting destructor asks.
  static void operator delete(String* s, std::destroying_delete_t) {
    size_t bytes = allocation_size(s->size);
    s->~String();
    pool::release(s, bytes);
  }

 private:
  friend class Heap;
  explicit String(size_t n) : Obj(Tag::String), size(n) {}
};

// Interned, never collected: equal names are the same Symbol*.
struct Symbol : Obj {
  std::string name;
  uint32_t id;
  uint32_t hash = 0;  // of the name, for the symbol table
  uint64_t prop_key;  // PropKey bits: this pointer, or the Int key when the name is one ("12")
  Symbol(std::string n, uint32_t i)
      : Obj(Tag::Symbol), name(std::move(n)), id(i), prop_key(reinterpret_cast<uintptr_t>(this)) {}
};

// A map key: a Symbol, or an Int stored in the key itself so Int keys need no interning.
// The Int k and the name "k" are the same key (§14): a Symbol whose name is the canonical
// decimal text of such an Int converts to the Int form. Ints outside ±2^62 stay symbols.
class PropKey {
 public:
  PropKey(Symbol* s) : bits_(s->prop_key) {}  // NOLINT: every Symbol is a key
  static bool fits(int64_t k) { return k >= kMin && k < -kMin; }
  static PropKey of_int(int64_t k) { return PropKey((static_cast<uint64_t>(k) << 1) | 1); }
  static PropKey dead() { return PropKey(uint64_t{0}); }  // an erased entry's: no key equals it
  bool is_int() const { return bits_ & 1; }
  int64_t as_int() const { return static_cast<int64_t>(bits_) >> 1; }
  uint64_t bits() const { return bits_; }
  std::string name() const;  // the key as text, as .keys and printing show it
  Symbol* to_symbol() const; // interns an Int key's text: not for hot paths
  friend bool operator==(PropKey a, PropKey b) { return a.bits_ == b.bits_; }

 private:
  static constexpr int64_t kMin = -(int64_t{1} << 62);
  explicit PropKey(uint64_t bits) : bits_(bits) {}
  uint64_t bits_;
};

// `a/b/0` read as parts ["a","b","0"]; an empty first part means self.
struct ComplexSymbol : Obj {
  std::vector<Symbol*> parts;
  ComplexSymbol() : Obj(Tag::ComplexSymbol) {}
};

// Element storage of arrays and genes: buffers up to pool::kMaxPooled bytes (16 Values)
// come from the object pool's free lists, not from malloc.
template <class T>
struct PoolAllocator {
  using value_type = T;
  PoolAllocator() = default;
  template <class U>
  PoolAllocator(const PoolAllocator<U>&) {}
  T* allocate(size_t n) {
    pool::buffer_bytes += n * sizeof(T);
    return static_cast<T*>(pool::allocate(n * sizeof(T)));
  }
  void deallocate(T* p, size_t n) { pool::release(p, n * sizeof(T)); }
  friend bool operator==(PoolAllocator, PoolAllocator) { return true; }
};
using Values = std::vector<Value, PoolAllocator<Value>>;

struct Array : Obj {
  Values items;
  Array() : Obj(Tag::Array) {}
  // Where the reader read it (a SourceArray), or unknown: an array made by a program
  // carries no position, 16 bytes of every array.
  SourcePos pos() const;
  void trace(Marker& m) override;
  size_t heap_bytes() const override { return sizeof(Array) + items.capacity() * sizeof(Value); }
};

constexpr uint8_t kSubkindSourceArray = 3;
struct SourceArray : Array {
  SourcePos where;
  explicit SourceArray(SourcePos at) : where(at) { subkind = kSubkindSourceArray; }
};
inline SourcePos Array::pos() const {
  return subkind == kSubkindSourceArray ? static_cast<const SourceArray*>(this)->where : SourcePos{};
}

// Insertion-ordered name -> value map used by maps, gene props and namespaces.
// Small maps search linearly; an index is built once they grow. Erasing from an indexed
// map leaves a dead entry in its place (key PropKey::dead()), squeezed out once half the
// entries are dead or when the entries are next read in order: an erase costs O(1), not
// a shift of every later entry and a new index.
struct MapView;
class PropMap {
 public:
  using Entry = std::pair<PropKey, Value>;
  using Entries = std::vector<Entry, PoolAllocator<Entry>>;  // counted as element storage
  PropMap() = default;
  // A copy has no loop visiting it (view_).
  PropMap(const PropMap& other) : entries_(other.entries_), index_(other.index_), dead_(other.dead_) {}
  PropMap& operator=(const PropMap& other);
  size_t size() const { return entries_.size() - dead_; }
  bool empty() const { return size() == 0; }
  const Value* find(PropKey key) const;
  // For a write: the entry's value, which the caller may change.
  Value* find(PropKey key);
  int index_of(PropKey key) const;  // the entry's position in slots(), or -1
  // Sets key; an existing key keeps its position. Returns true if the key is new.
  bool set(PropKey key, Value v);
  // Adds key, which the caller knows is absent, at the end.
  void add_new(PropKey key, Value v);
  // A constructor giving its object the next property, where the site's entry hint says:
  // adds key at the end when the end is position `at`, the entries have room (nothing
  // moves, nothing is allocated), the map stays small and unwatched and key is absent.
  // Returns false, changing nothing, otherwise.
  bool add_at(size_t at, PropKey key, Value v) {
    if (at != entries_.size() || at == entries_.capacity() || at + 1 >= kIndexThreshold || view_) return false;
    for (const Entry& e : entries_)
      if (e.first == key) return false;
    entries_.emplace_back(key, v);
    return true;
  }
  static constexpr size_t kIndexThreshold = 12;  // maps this large find keys through an index
  // Removes key; returns true if it was present (and stores its value in *out).
  bool erase(PropKey key, Value* out = nullptr);
  void reserve(size_t n) { entries_.reserve(n); }
  // Other's live entries at positions [from, to) of its slots, without an index: a copy
  // to iterate, never to look keys up in. Other stays as it is.
  void copy_entries(const PropMap& other, size_t from, size_t to);
  // The live entries in insertion order.
  const Entries& entries() const {
    squeeze();
    return entries_;
  }
  // For writes to any entry.
  Entries& entries() {
    moving();
    squeeze();
    return entries_;
  }
  // The entries where index_of and position hints find them, dead ones included: a
  // reader of a position checks the key it expects there.
  const Entries& slots() const { return entries_; }
  Entries& slots() {  // for writes to any entry
    moving();
    return entries_;
  }
  // Whether a loop visits this map in place (MapView): writes then go through find,
  // set and erase, which tell the loop.
  bool watched() const { return view_ != nullptr; }
  // Whether keys are found through the hash index (a large map), not by a linear search.
  bool indexed() const { return !index_.empty(); }
  static size_t view_offset();  // where compiled member stores check it
  void trace(Marker& m) const;

 private:
  friend struct MapView;
  void rebuild_index() const;
  size_t index_slot(PropKey key) const;
  void squeeze() const {
    if (dead_) drop_dead();
  }
  void drop_dead() const;
  // Before entry `at` changes, or before entries move: the loop visiting the map in place
  // keeps what it has yet to visit.
  void changing(size_t at) const {
    if (view_) view_changing(at);
  }
  void moving() const {
    if (view_) view_moving();
  }
  void view_changing(size_t at) const;
  void view_moving() const;
  // Mutable: squeezing out dead entries changes no live entry and their order.
  mutable Entries entries_;
  mutable std::vector<int32_t> index_;  // open addressing over entries_, empty when small
  mutable uint32_t dead_ = 0;
  mutable MapView* view_ = nullptr;  // the loop visiting this map in place, if any
};

inline size_t PropMap::view_offset() { return offsetof(PropMap, view_); }

struct Map : Obj {
  PropMap map;
  Map() : Obj(Tag::Map) {}
  void trace(Marker& m) override;
  size_t heap_bytes() const override { return sizeof(Map) + map.size() * 40; }
};

// What `for` visits of a map (for_prep): the entries it had when the loop began. The view
// reads them in place from the map's slots, without a copy, until the map is about to
// change one that the loop has yet to visit, or to move its entries (a squeeze); then the
// view copies what is left into its own `map` and lets the map go. So a loop that visits
// the oldest entry, deletes it and breaks (an LRU cache) copies nothing. A map has one
// view at most: a second loop over it makes the first copy what it has left. FORDONE,
// after a loop left by break, lets the map go.
constexpr uint8_t kSubkindMapView = 2;
struct MapView : Map {
  Map* source = nullptr;  // null once the rest is copied into `map`, or the loop is over
  uint32_t next = 0, end = 0;  // the next position to visit and the end, in source or map
  bool pairs;                  // [key value] pairs, else the values
  MapView(Map* of, bool pairs);
  // The next live entry to visit, or null at the end (when the view lets its map go).
  const PropMap::Entry* advance();
  void let_go();
  void keep_rest();
  void trace(Marker& m) override;
};

struct Gene : Obj {
  Value type;
  PropMap props;
  Values children;
  SourcePos pos;
  Gene() : Obj(Tag::Gene) {}
  void trace(Marker& m) override;
  size_t heap_bytes() const override { return sizeof(Gene) + children.capacity() * sizeof(Value) + props.size() * 40; }
};

// Quote(X) from `:X`, Unquote(X) from `%X`; discard marks `%_X`.
struct Quote : Obj {
  Value value;
  bool discard = false;
  Quote(Tag t, Value v) : Obj(t), value(v) {}
  void trace(Marker& m) override;
};

// Inclusive integer range start..end by step.
struct Range : Obj {
  int64_t start, end, step;
  Range(int64_t s, int64_t e, int64_t st) : Obj(Tag::Range), start(s), end(e), step(st) {}
  // Element i (from 0) into *v, or false past the end. A step of 0 gives start once; an
  // element beyond the Int range ends the range.
  bool at(int64_t i, int64_t* v) const {
    if (__builtin_mul_overflow(i, step, v) || __builtin_add_overflow(*v, start, v)) return false;
    return step > 0 ? *v <= end : (step < 0 ? *v >= end : i == 0);
  }
};

// `(... x)` outside a list: carries the array to splice.
struct Explode : Obj {
  Value value;
  explicit Explode(Value v) : Obj(Tag::Explode), value(v) {}
  void trace(Marker& m) override;
};

// A member of `(enum E a b)`: compares by identity, prints as E/a.
struct EnumMember : Obj {
  Symbol* enum_name;
  Symbol* name;
  int64_t value;
  EnumMember(Symbol* e, Symbol* n, int64_t v) : Obj(Tag::EnumMember), enum_name(e), name(n), value(v) {}
};

// (@ k …): applies each step in turn to a value (§14, §25.2). A step is a key (string,
// symbol, int, range, array of keys, nested selector) or, where methods[i] is set, the
// name of a method to call.
struct Selector : Obj {
  std::vector<Value> keys;
  std::vector<bool> methods;  // parallel to keys
  Selector() : Obj(Tag::Selector) {}
  void add(Value key, bool method = false) {
    keys.push_back(key);
    methods.push_back(method);
  }
  void trace(Marker& m) override;
};

// `#/a+/i` or ($regex …). The regex library compiles the pattern on first use and keeps
// the result here, out of the runtime's sight.
struct Regex : Obj {
  std::string pattern;
  std::string flags;
  std::shared_ptr<void> compiled;
  Regex(std::string p, std::string f) : Obj(Tag::Regex), pattern(std::move(p)), flags(std::move(f)) {}
};

// gene/today (Tag::Date) or gene/now (Tag::DateTime): a wall-clock time without a zone,
// as microseconds since 1970-01-01T00:00:00; a Date is at midnight. See datetime.hpp.
struct DateTime : Obj {
  int64_t micros;
  DateTime(Tag t, int64_t us) : Obj(t), micros(us) {}
};

// ---- typed views (caller checks the tag) ----
inline String* as_string(Value v) { return static_cast<String*>(v.as.o); }
inline Symbol* as_symbol(Value v) { return static_cast<Symbol*>(v.as.o); }
inline ComplexSymbol* as_complex(Value v) { return static_cast<ComplexSymbol*>(v.as.o); }
inline Array* as_array(Value v) { return static_cast<Array*>(v.as.o); }
inline Map* as_map(Value v) { return static_cast<Map*>(v.as.o); }
inline Gene* as_gene(Value v) { return static_cast<Gene*>(v.as.o); }
inline Quote* as_quote(Value v) { return static_cast<Quote*>(v.as.o); }
inline Range* as_range(Value v) { return static_cast<Range*>(v.as.o); }
inline EnumMember* as_enum_member(Value v) { return static_cast<EnumMember*>(v.as.o); }
inline Selector* as_selector(Value v) { return static_cast<Selector*>(v.as.o); }
inline Regex* as_regex(Value v) { return static_cast<Regex*>(v.as.o); }
inline DateTime* as_datetime(Value v) { return static_cast<DateTime*>(v.as.o); }

inline Value value_of(Obj* o) { return make_obj(o->tag, o); }

inline bool is_symbol(Value v) { return v.tag == Tag::Symbol; }
inline bool is_symbol(Value v, const Symbol* s) { return v.tag == Tag::Symbol && v.as.o == s; }
inline bool is_string(Value v) { return v.tag == Tag::String; }
inline bool is_array(Value v) { return v.tag == Tag::Array; }
inline bool is_map(Value v) { return v.tag == Tag::Map; }
inline bool is_gene(Value v) { return v.tag == Tag::Gene; }

}  // namespace gene
