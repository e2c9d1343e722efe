// Instruction encoding: 64-bit words, op + a feedback byte + three 16-bit operands
// (Lua-style A/B/C).
#pragma once
#include <cstdint>

namespace gene {

enum class Op : uint8_t {
#define OPCODE(name, format, doc) name,
#include "bytecode/opcodes.def"
#undef OPCODE
  COUNT_
};

enum class OpFormat : uint8_t { NONE, A, AB, ABC, ABx, AsBx };

constexpr int kNumOpcodes = static_cast<int>(Op::COUNT_);
static_assert(kNumOpcodes <= 256, "an opcode is one byte");

struct Instr {
  Op op;
  // With the JIT on, the kinds of value this instruction's result had in the interpreter
  // (element and member reads; see seen_bit): what compiled code may speculate on.
  uint8_t seen;
  uint16_t a, b, c;

  int16_t sb() const { return static_cast<int16_t>(b); }
  int16_t sc() const { return static_cast<int16_t>(c); }
  uint32_t bx() const { return static_cast<uint32_t>(b) | (static_cast<uint32_t>(c) << 16); }
  int32_t sbx() const { return static_cast<int32_t>(bx()); }
};
static_assert(sizeof(Instr) == 8);

inline Instr make_abc(Op op, int a, int b, int c) {
  return Instr{op, 0, static_cast<uint16_t>(a), static_cast<uint16_t>(b), static_cast<uint16_t>(c)};
}
inline Instr make_abx(Op op, int a, int64_t bx) {
  uint32_t u = static_cast<uint32_t>(bx);
  return Instr{op, 0, static_cast<uint16_t>(a), static_cast<uint16_t>(u & 0xffff), static_cast<uint16_t>(u >> 16)};
}

// CALLM, NEW and SUPER: B is the argument count; with kPropsFlag set, a map of named
// arguments follows the positional ones in the window.
constexpr uint16_t kPropsFlag = 0x8000;

// What CALLA (a call with spread arguments) does with its window: the B operand.
enum class SpreadCall : uint16_t { Call, Method, New, Super };
constexpr uint16_t kArgCountMask = 0x7fff;

const char* op_name(Op op);
const char* op_doc(Op op);
// In the header: the JIT plugin, which links none of the VM, reads operands by it too.
inline OpFormat op_format(Op op) {
  constexpr OpFormat kFormats[] = {
#define OPCODE(name, format, doc) OpFormat::format,
#include "bytecode/opcodes.def"
#undef OPCODE
  };
  return kFormats[static_cast<int>(op)];
}

}  // namespace gene
