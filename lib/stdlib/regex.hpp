// The regex forms of String methods that also take plain text (.replace, .split):
// string_methods.cpp hands a Regex argument over to these.
#pragma once
#include "interp/vm.hpp"

namespace gene {

Value regex_replace(VM& vm, CallArgs& a);  // (s .replace re with): with is text or a function
Value regex_split(VM& vm, CallArgs& a);    // (s .split re)

}  // namespace gene
