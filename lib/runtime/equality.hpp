// `==` (§4.2, §20a) and exact numeric ordering.
#pragma once
#include "runtime/value.hpp"

namespace gene {

// Deep equality: Int vs Float is false; arrays element-wise; maps ignore key order;
// genes structural; strings by content; reference types otherwise by identity.
bool values_equal(Value a, Value b);

// Orders two numbers (Int/Float mixed) by exact mathematical value, never rounding an
// int64 through a double. Returns -1, 0, 1, or 2 when unordered (NaN involved).
int compare_numbers(Value a, Value b);

}  // namespace gene
