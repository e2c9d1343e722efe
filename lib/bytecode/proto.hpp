// A compiled function: register bytecode, constants, child protos, debug info, and the
// counters the JIT tier watches.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "bytecode/opcodes.hpp"
#include "runtime/heap.hpp"
#include "runtime/namespace.hpp"
#include "runtime/object.hpp"

namespace gene {

// Instr::seen: one bit per kind of value (Nil, Void, Undef, Bool, Int, Float, Char), and
// bit 7 for every other kind.
inline uint8_t seen_bit(Tag t) {
  auto k = static_cast<uint64_t>(t);
  return static_cast<uint8_t>(1u << (k < 7 ? k : 7));
}
// For keyed access (GETKEY, GETKEYU, SETKEY) the byte says which paths ran instead.
constexpr uint8_t kSeenArrayPath = 1, kSeenGenericPath = 2;
// An element read with a constant index (GETINDEX) that met something other than an
// Array (a gene's child, an error): every bit, so compiled code guesses neither an Array
// nor the element's kind there, rather than deopting and compiling again.
constexpr uint8_t kSeenAnything = 0xff;
// Adds `bits` to the feedback of the instruction at `at` (written only when new, so that
// the code's cache lines stay clean).
inline void note_bit(const Instr* at, uint8_t bits) {
  auto* seen = &const_cast<Instr*>(at)->seen;
  if ((*seen & bits) != bits) [[unlikely]]
    *seen = static_cast<uint8_t>(*seen | bits);
}
// Records that the instruction at `at` produced a value of tag t.
inline void note_seen(const Instr* at, Tag t) { note_bit(at, seen_bit(t)); }

// How a closure finds upvalue i: a register of the enclosing frame, or its upvalue.
// by_value: the variable never changes once a closure can see it (the compiler proved it:
// see Compiler::settle_captures), so the closure keeps a copy of the value in a cell of
// its own instead of sharing an Upvalue with the frame.
struct UpvalDesc {
  bool in_stack;
  uint16_t index;
  Symbol* name;
  bool by_value = false;
};

// A named register over a pc range, for debuggers, eval and the disassembler.
struct LocalInfo {
  Symbol* name;
  uint16_t reg;
  uint32_t start_pc, end_pc;
};

struct ParamInfo {
  Symbol* name;
  uint16_t reg;
  bool named = false;        // ^k: taken from props
  bool rest = false;         // rest...: collects remaining positionals
  bool named_rest = false;   // ^opts...: collects remaining props
  bool has_default = false;  // the prologue evaluates the default when the slot is undef
};

// Global look-up cache of one GETGLOBAL site: valid while the epoch and namespace match.
struct GlobalCache {
  uint64_t epoch = 0;
  Namespace* ns = nullptr;
  Value* slot = nullptr;  // nullptr with a valid epoch means "absent": nil
  Symbol* name = nullptr;  // also in the constants, which keep it alive
};

// The operand flag of ADDK and MULK: the constant was written on the left.
constexpr uint16_t kConstLeft = 0x8000;

// Method cache of the CALLM sites that name one method: the receiver class last seen and
// what it resolved to (monomorphic; any other class takes the full look-up).
struct MethodCache {
  uint64_t epoch = 0;
  Obj* cls = nullptr;
  Value method;
  // A site that sees several classes (a method overridden in subclasses): the entries the
  // one above replaced, looked at when it misses and before the class chain is searched.
  // Compiled code reads only the one above.
  struct Older {
    uint64_t epoch = 0;
    Obj* cls = nullptr;
    Value method;
  };
  static constexpr int kOlder = 3;
  Older older[kOlder];
  uint8_t next_older = 0;  // the entry the next miss replaces
};

// The jit_trigger of new protos: the JIT threshold when a VM runs with --jit, else never.
extern uint64_t g_jit_default_trigger;

// Where an instruction found its key in a map's or instance's entries the last time, and
// the key's bits (PropKey): GETMEMBER and SETMEMBER compare the entry's key with this one,
// in the same cache line, instead of loading it through the constants and the symbol.
struct PropHint {
  uint32_t at = UINT32_MAX;  // first: compiled code loads it as the element's 32 bits
  uint64_t key = 0;
};

struct Proto : Obj {
  std::vector<Instr> code;
  std::vector<SourcePos> positions;  // one per instruction
  std::vector<Value> constants;
  std::vector<Proto*> protos;
  std::vector<UpvalDesc> upvals;
  std::vector<LocalInfo> locals;
  std::vector<ParamInfo> params;
  std::vector<GlobalCache> global_caches;
  std::vector<MethodCache> method_caches;  // indexed like constants (the method name's index)
  std::vector<GlobalCache> member_caches;  // GETMEMBER on namespaces and classes, the same way
  std::vector<PropHint> prop_hints;        // GETMEMBER/SETMEMBER on maps and instances, keyed access: one per instruction
  std::vector<uint64_t> loop_counters;  // back edges taken, per loop header

  Symbol* name = nullptr;  // nullptr for anonymous functions and the module body
  SourcePos pos;
  uint16_t num_regs = 0;
  uint16_t num_positional = 0;  // positional params, in registers 0..n-1
  uint16_t num_required = 0;    // leading positional params without defaults
  bool simple_params = true;    // only positional params and no defaults: fast binding
  bool is_macro = false;
  // CALL enters the function in place when its argument count is at least this: simple
  // params and not a macro, else never (one compare on the call path).
  static constexpr uint16_t kNoFastCall = 0xffff;
  uint16_t fast_min_args = kNoFastCall;
  void seal_params() { fast_min_args = simple_params && !is_macro ? num_required : kNoFastCall; }
  void mark_macro() {
    is_macro = true;
    simple_params = false;  // keeps macro calls off the fast paths
    fast_min_args = kNoFastCall;
  }
  bool is_module = false;
  bool is_block = false;        // a `->` block: its closures are Blocks (§25.1)

  Obj* owner = nullptr;         // the class a method was defined in (for super)
  Proto* method = nullptr;      // a block inside a method: that method (for super in the block)

  uint64_t call_count = 0;      // calls, for the JIT's hotness threshold
  // A call or back edge whose count passes this asks the JIT tier: to compile the proto,
  // or (0 once compiled) to enter its native code. UINT64_MAX: never.
  uint64_t jit_trigger = g_jit_default_trigger;
  void* jit_entry = nullptr;    // native code (a jit::Entry) once the JIT tier compiled it
  // Which of the tier's records is this proto's (1-based; 0: none yet). Not the address:
  // a new proto can take the place of a collected one.
  uint32_t jit_record = 0;
  // Steps its native code took through sites that had not run when it compiled (no inline
  // cache then): past the tier's limit it deopts and compiles again, with the sites warm.
  uint32_t jit_cold_steps = 0;
  uint16_t value_upvals = 0;  // upvalues captured by value: cells in each closure

  Proto() : Obj(Tag::Proto) {}
  void trace(Marker& m) override {
    for (Value v : constants) m.mark(v);
    for (Proto* p : protos) m.mark(p);
    m.mark(owner);
    m.mark(method);
    for (const MethodCache& c : method_caches) {
      m.mark(c.cls);
      m.mark(c.method);
      for (const MethodCache::Older& o : c.older) {
        m.mark(o.cls);
        m.mark(o.method);
      }
    }
  }
  // Tells the blocks nested in this method (through blocks only) which method they are in.
  void link_blocks(Proto* in_method) {
    for (Proto* p : protos)
      if (p->is_block) {
        p->method = in_method;
        p->link_blocks(in_method);
      }
  }
  std::string display_name() const { return name ? name->name : (is_module ? "<module>" : "<anonymous>"); }
};

inline Proto* as_proto(Value v) { return static_cast<Proto*>(v.as.o); }

}  // namespace gene
