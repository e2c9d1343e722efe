// `==` (§4.2, §20a) and exact numeric ordering.
#pragma once
#include "runtime/value.hpp"

namespace gene {

// Deep equality: Int vs Float is false; arrays element-wise; maps ignore key order;
// genes structural; strings by content; reference types otherwise by identity.
bool values_equal(Value a, Value b);
// The same, with the common cases in line (a test against nil, two Ints, two kinds):
// for the dispatch loop.
inline bool values_equal_inline(Value a, Value b) {
  if (a.tag != b.tag) return false;  // includes Int vs Float (§4.2)
  if (a.tag == Tag::Nil) return true;
  if (a.tag == Tag::Int) return a.as.i == b.as.i;
  return values_equal(a, b);
}

// Orders two numbers (Int/Float mixed) by exact mathematical value, never rounding an
// int64 through a double. Returns -1, 0, 1, or 2 when unordered (NaN involved).
int compare_numbers(Value a, Value b);

}  // namespace gene
