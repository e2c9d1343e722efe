// The listing printed by `gene compile`: one line per instruction, child protos after.
#pragma once
#include <string>

#include "bytecode/proto.hpp"

namespace gene {

std::string disassemble(const Proto* p);
// One instruction: "OPNAME operands  ; constant".
std::string disassemble_instruction(const Proto* p, size_t at);

}  // namespace gene
