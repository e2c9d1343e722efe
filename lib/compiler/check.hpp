// The static checker of `gene check` and `gene run --warn`. It reads the compiler's input
// (the reader's data, with positions) and runs nothing: it lives beside the compiler
// because it follows the same dispatch (§3.7) and reuses its parsers of forms.
#pragma once
#include <string>
#include <vector>

#include "runtime/object.hpp"

namespace gene {

struct Namespace;

struct CheckWarning {
  SourcePos pos;
  std::string message;
};

// Warns about: a name that nothing in the program, its imports or the library defines; a
// call of a known function with the wrong number of arguments; a `var` that is never
// read; code after a return or throw in the same body. `library` is the namespace chain
// a module sees (global, then gene): its names are known, its natives' arities checked.
// Warnings come in source order.
std::vector<CheckWarning> check_program(const std::vector<Value>& forms, uint32_t file, Namespace* library);

}  // namespace gene
