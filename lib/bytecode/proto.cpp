#include "bytecode/proto.hpp"

#include <cstdint>

namespace gene {

uint64_t g_jit_default_trigger = UINT64_MAX;

}  // namespace gene
