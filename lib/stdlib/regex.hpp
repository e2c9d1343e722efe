// The regex forms of String methods that also take plain text (.replace, .split):
// string_methods.cpp hands a Regex argument over to these. `case` asks regex_matches.
#pragma once
#include "interp/vm.hpp"

namespace gene {

Value regex_replace(VM& vm, CallArgs& a);  // (s .replace re with): with is text or a function
Value regex_split(VM& vm, CallArgs& a);    // (s .split re)
bool regex_matches(VM& vm, std::string_view s, Regex* re);  // re matches somewhere in s

}  // namespace gene
