// The first pass of the static checker (check.cpp): what a program defines anywhere.
// Not a public header.
#pragma once
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/compiler_impl.hpp"

namespace gene {

// The argument counts a function accepts.
struct Arity {
  int min = 0, max = -1;  // max < 0: any number
};

inline bool is_spread_symbol(const Symbol* s) { return s->name.size() > 3 && symbol_ends_with(s, "..."); }

struct ProgramNames {
  // How often each name is bound, by any form, anywhere (quoted code and macro arguments
  // included): a name that is absent here is defined by nothing in the program.
  std::unordered_map<Symbol*, int> definitions;
  // Functions that only one `fn` with a parameter list defines, and nothing else binds.
  std::unordered_map<Symbol*, Arity> arities;
  std::unordered_set<Symbol*> macros, macro_methods;
  std::unordered_set<Symbol*> imported;  // may be macros too: their modules are not read

  // True when a call of h passes its arguments unevaluated, as far as names tell.
  bool is_macro_head(Value h) const;
};

ProgramNames collect_names(const std::vector<Value>& forms);

}  // namespace gene
