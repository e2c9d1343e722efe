#include "bytecode/disasm.hpp"

#include <fmt/format.h>

#include "runtime/printer.hpp"

namespace gene {

namespace {
// True for instructions whose B:C or C operand is a jump offset.
bool is_branch(Op op) {
  switch (op) {
    case Op::JNLT: case Op::JNLE: case Op::JNGT: case Op::JNGE: case Op::JNEQ: case Op::JNNE:
    case Op::JNLTI: case Op::JNLEI: case Op::JNGTI: case Op::JNGEI: case Op::JNEQI: case Op::JNNEI:
    case Op::JNEQK: case Op::JNNEK:
    case Op::FORLOOP: case Op::FORPAIR: case Op::REPLOOP:
    case Op::LOOPLT: case Op::LOOPLE: case Op::LOOPGT: case Op::LOOPGE:
    case Op::LOOPLTI: case Op::LOOPLEI: case Op::LOOPGTI: case Op::LOOPGEI:
    case Op::LOOPNE: case Op::LOOPNEI: case Op::LOOPNEK:
      return true;
    default:
      return false;
  }
}

// True for branches whose B operand is a signed immediate.
bool has_immediate(Op op) {
  return (op >= Op::JNLTI && op <= Op::JNNEI) || (op >= Op::LOOPLTI && op <= Op::LOOPGEI) || op == Op::LOOPNEI;
}

std::string operands(const Proto* p, size_t at) {
  const Instr& i = p->code[at];
  switch (op_format(i.op)) {
    case OpFormat::NONE: return "";
    case OpFormat::A: return fmt::format("{}", i.a);
    case OpFormat::AB: return fmt::format("{} {}", i.a, i.b);
    case OpFormat::ABC:
      if (is_branch(i.op)) return fmt::format("{} {} -> {}", i.a, has_immediate(i.op) ? i.sb() : i.b, static_cast<int64_t>(at) + 1 + i.sc());
      if (i.op == Op::ADDI || i.op == Op::SUBI || i.op == Op::GETINDEX || i.op == Op::BUILTIN2I) return fmt::format("{} {} {}", i.a, i.b, i.sc());
      if (i.op == Op::ADDK || i.op == Op::MULK) return fmt::format("{} {} {}", i.a, i.b, i.c & ~kConstLeft);
      return fmt::format("{} {} {}", i.a, i.b, i.c);
    case OpFormat::ABx: return fmt::format("{} {}", i.a, i.bx());
    case OpFormat::AsBx:
      if (i.op == Op::LOADI) return fmt::format("{} {}", i.a, i.sbx());
      return fmt::format("{} -> {}", i.a, static_cast<int64_t>(at) + 1 + i.sbx());
  }
  return "";
}

// The constant an instruction names, shown as a comment.
std::string comment(const Proto* p, const Instr& i) {
  auto k = [&](size_t idx) { return idx < p->constants.size() ? repr(p->constants[idx]) : std::string("?"); };
  switch (i.op) {
    case Op::LOADK: case Op::ERROR: return "; " + k(i.bx());
    case Op::GETGLOBAL: case Op::SETGLOBAL: case Op::DEFNS: case Op::SETMEMBER: case Op::SETPROP: case Op::JNEQK:
    case Op::JNNEK: case Op::LOOPNEK:
      return "; " + k(i.b);
    case Op::GETMEMBER: case Op::CALLM: case Op::CALLMACROM: return "; " + k(i.c);
    case Op::ADDK: case Op::MULK:
      return "; " + k(i.c & ~kConstLeft) + ((i.c & kConstLeft) ? " (left)" : "");
    case Op::SUBK: case Op::DIVK: return "; " + k(i.c);
    case Op::CALLG:
      return i.c < p->global_caches.size() && p->global_caches[i.c].name ? "; " + p->global_caches[i.c].name->name : "";
    case Op::CLOSURE: return i.bx() < p->protos.size() ? "; " + p->protos[i.bx()]->display_name() : "";
    default: return "";
  }
}

}  // namespace

std::string disassemble_instruction(const Proto* p, size_t at) {
  const Instr& i = p->code[at];
  std::string c = comment(p, i);
  return fmt::format("{:<10} {}{}{}", op_name(i.op), operands(p, at), c.empty() ? "" : "  ", c);
}

namespace {
void listing(const Proto* p, std::string& out) {
  out += fmt::format("function {} (registers {}, params {}, upvalues {}, constants {})\n", p->display_name(),
                     p->num_regs, p->params.size(), p->upvals.size(), p->constants.size());
  // Where each upvalue comes from: a register or an upvalue of the enclosing function,
  // shared with it or copied (captured by value).
  for (size_t k = 0; k < p->upvals.size(); ++k) {
    const UpvalDesc& d = p->upvals[k];
    out += fmt::format("{}{}={}[{}]{}", k ? ", " : "  upvalues: ", d.name ? d.name->name : "?", d.in_stack ? "R" : "U",
                       d.index, d.by_value ? " by value" : "");
    if (k + 1 == p->upvals.size()) out += "\n";
  }
  for (size_t at = 0; at < p->code.size(); ++at) {
    uint32_t line = at < p->positions.size() ? p->positions[at].line : 0;
    out += fmt::format("  {:4} [{:>4}] {}\n", at, line, disassemble_instruction(p, at));
  }
  for (const Proto* child : p->protos) {
    out += "\n";
    listing(child, out);
  }
}
}  // namespace

std::string disassemble(const Proto* p) {
  std::string out;
  listing(p, out);
  return out;
}

}  // namespace gene
