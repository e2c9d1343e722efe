// The helpers that compiled code calls by address (design §7: slow paths stay in C++).
// No LLVM here: this file is part of the VM; the plugin binds the symbols by name.
#pragma once
#include <vector>

#include "jit/tier.hpp"

namespace gene::jit {

// Every helper, with the name the lowering (lower.cpp) declares it under.
std::vector<HostSymbol> host_symbols();
const HostLayout& host_layout();
// R of the top frame when that frame runs p (a loop of p got hot), and its pc (the index
// of the loop header) in *pc; else nullptr.
const Value* running_registers(const VM& vm, const Proto* p, uint32_t* pc);

}  // namespace gene::jit
