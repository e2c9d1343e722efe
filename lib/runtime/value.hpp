// The one Value type: a 16-byte tag + payload, passed by value.
// Every access goes through the inline API below so the representation can change.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace gene {

struct Obj;

// Immediate kinds come first; everything from String on lives on the heap (payload is Obj*).
// A whole word: the tag is stored with the same width the next reader loads it with, so the
// store forwards (a 1-byte store then an 8- or 16-byte load stalls for several ns).
enum class Tag : uint64_t {
  Nil,
  Void,         // result of `void`-like internals; prints as `void`
  Undef,        // internal: a parameter that received no argument
  Bool,
  Int,
  Float,
  Char,         // one byte, stored as a code
  Placeholder,  // `_`
  // ---- heap kinds ----
  String,
  Symbol,
  ComplexSymbol,
  Array,
  Map,
  Gene,
  Quote,
  Unquote,
  Range,
  Explode,      // internal result of `(... x)`
  EnumMember,   // a member of an enum: name and Int value
  Selector,     // (@ k …): a path of keys applied to a value
  Regex,        // `#/a+/i`: a pattern and its flags
  Date,         // gene/today: a calendar day
  DateTime,     // gene/now: a wall-clock time
  Function,     // a closure over a Proto
  NativeFn,
  BoundMethod,
  Proto,
  Upvalue,
  Class,
  Instance,
  Namespace,
  Future,       // an async result: pending, then a value or an error (runtime/future.hpp)
};

constexpr Tag kFirstObjTag = Tag::String;

struct Value {
  Tag tag = Tag::Nil;
  union {
    int64_t i;
    double f;
    bool b;
    uint32_t c;
    Obj* o;
  } as{0};
};
static_assert(sizeof(Value) == 16, "Value must stay two words");
// The JIT reads and writes these two words directly.
static_assert(offsetof(Value, tag) == 0 && offsetof(Value, as) == 8, "tag word, then payload word");
static_assert(std::is_trivially_copyable_v<Value>, "Values are copied as plain bytes");

// Copies a Value as two 8-byte words, the widths its producers store it with: a 16-byte
// vector copy can't be store-forwarded from them. For hot paths; elsewhere plain `=` is fine.
inline void copy_value(Value& dst, const Value& src) {
  // Field by field: as dst may alias src, the compiler keeps them two moves.
  dst.tag = src.tag;
  dst.as.i = src.as.i;
}

// ---- constructors ----
inline Value make_nil() { return Value{}; }
inline Value make_void() { Value v; v.tag = Tag::Void; return v; }
inline Value make_undef() { Value v; v.tag = Tag::Undef; return v; }
inline Value make_placeholder() { Value v; v.tag = Tag::Placeholder; return v; }
inline Value make_bool(bool b) { Value v; v.tag = Tag::Bool; v.as.i = 0; v.as.b = b; return v; }
inline Value make_int(int64_t i) { Value v; v.tag = Tag::Int; v.as.i = i; return v; }
inline Value make_float(double f) { Value v; v.tag = Tag::Float; v.as.f = f; return v; }
inline Value make_char(uint32_t c) { Value v; v.tag = Tag::Char; v.as.i = 0; v.as.c = c; return v; }
inline Value make_obj(Tag t, Obj* o) { Value v; v.tag = t; v.as.o = o; return v; }

// ---- predicates ----
inline bool is_nil(Value v) { return v.tag == Tag::Nil; }
inline bool is_void(Value v) { return v.tag == Tag::Void; }
inline bool is_undef(Value v) { return v.tag == Tag::Undef; }
inline bool is_bool(Value v) { return v.tag == Tag::Bool; }
inline bool is_int(Value v) { return v.tag == Tag::Int; }
inline bool is_float(Value v) { return v.tag == Tag::Float; }
inline bool is_number(Value v) { return v.tag == Tag::Int || v.tag == Tag::Float; }
inline bool is_char(Value v) { return v.tag == Tag::Char; }
inline bool is_placeholder(Value v) { return v.tag == Tag::Placeholder; }
inline bool is_obj(Value v) { return v.tag >= kFirstObjTag; }
inline bool is_tag(Value v, Tag t) { return v.tag == t; }
// Only nil and false are falsy.
inline bool is_truthy(Value v) { return !(v.tag == Tag::Nil || (v.tag == Tag::Bool && !v.as.b)); }

// ---- accessors (caller checks the tag) ----
inline bool as_bool(Value v) { return v.as.b; }
inline int64_t as_int(Value v) { return v.as.i; }
inline double as_float(Value v) { return v.as.f; }
inline uint32_t as_char(Value v) { return v.as.c; }
inline Obj* as_obj(Value v) { return v.as.o; }
inline double to_double(Value v) { return v.tag == Tag::Int ? static_cast<double>(v.as.i) : v.as.f; }

// Same tag and same bits: identity, used by caches and the GC, not by `==`.
inline bool same(Value a, Value b) { return a.tag == b.tag && a.as.i == b.as.i; }

}  // namespace gene
