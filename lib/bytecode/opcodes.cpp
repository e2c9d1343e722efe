#include "bytecode/opcodes.hpp"

namespace gene {

namespace {
struct OpInfo {
  const char* name;
  OpFormat format;
  const char* doc;
};
constexpr OpInfo kOps[] = {
#define OPCODE(name, format, doc) {#name, OpFormat::format, doc},
#include "bytecode/opcodes.def"
#undef OPCODE
};
}  // namespace

const char* op_name(Op op) { return kOps[static_cast<int>(op)].name; }
OpFormat op_format(Op op) { return kOps[static_cast<int>(op)].format; }
const char* op_doc(Op op) { return kOps[static_cast<int>(op)].doc; }

}  // namespace gene
