// `==` (§4.2, §20a) and exact numeric ordering.
#pragma once
#include "runtime/object.hpp"
#include "runtime/value.hpp"

namespace gene {

// Deep equality: Int vs Float is false; arrays element-wise; maps ignore key order;
// genes structural; strings by content; reference types otherwise by identity.
bool values_equal(Value a, Value b);
// This kind and every kind after it are equal only to themselves (the same object).
constexpr Tag kFirstIdentityTag = Tag::Function;
// Two strings that both know their interned symbol (string literals, and strings that
// served as map keys) are equal when the symbols are the same: no bytes compared.
inline bool strings_equal(const String* x, const String* y) {
  if (x == y) return true;
  if (x->key && y->key) return x->key == y->key;
  return x->view() == y->view();
}

// The same, with the common cases in line (a test against nil, two Ints, two strings,
// two kinds): for the dispatch loop.
inline bool values_equal_inline(Value a, Value b) {
  if (a.tag != b.tag) return false;  // includes Int vs Float (§4.2)
  if (a.tag == Tag::Nil) return true;
  if (a.tag == Tag::Int) return a.as.i == b.as.i;
  if (a.tag == Tag::String) return strings_equal(as_string(a), as_string(b));
  if (a.tag == Tag::Symbol) return a.as.o == b.as.o;  // interned
  return values_equal(a, b);
}

// Orders two numbers (Int/Float mixed) by exact mathematical value, never rounding an
// int64 through a double. Returns -1, 0, 1, or 2 when unordered (NaN involved).
int compare_numbers(Value a, Value b);

}  // namespace gene
