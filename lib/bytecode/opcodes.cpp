#include "bytecode/opcodes.hpp"

namespace gene {

namespace {
struct OpInfo {
  const char* name;
  const char* doc;
};
constexpr OpInfo kOps[] = {
#define OPCODE(name, format, doc) {#name, doc},
#include "bytecode/opcodes.def"
#undef OPCODE
};
}  // namespace

const char* op_name(Op op) { return kOps[static_cast<int>(op)].name; }
const char* op_doc(Op op) { return kOps[static_cast<int>(op)].doc; }

}  // namespace gene
