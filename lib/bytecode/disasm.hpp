// The listing printed by `gene compile`: one line per instruction, child protos after.
#pragma once
#include <string>

#include "bytecode/proto.hpp"

namespace gene {

std::string disassemble(const Proto* p);

}  // namespace gene
