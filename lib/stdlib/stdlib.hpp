// Builtin functions (gene namespace) and the methods of builtin types.
#pragma once

namespace gene {

class VM;

void install_stdlib(VM& vm);

// One installer per group; install_stdlib calls them all.
void install_core(VM& vm);      // print, println, assert, $parse, eval helpers
void install_math(VM& vm);      // mod, rem, div, sqrt, bit operations …
void install_methods(VM& vm);   // methods of String, Array, Map, Gene, numbers

}  // namespace gene
