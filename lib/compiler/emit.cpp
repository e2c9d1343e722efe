// Instruction emission, jump patching, constants and register allocation.
#include <fmt/format.h>

#include "compiler/compiler_impl.hpp"

namespace gene {

int Compiler::emit(Instr i) {
  Proto* p = fs_->proto;
  p->code.push_back(i);
  p->positions.push_back(pos_);
  p->prop_hints.emplace_back();  // one per instruction: the handlers index it unchecked
  return static_cast<int>(p->code.size()) - 1;
}

int Compiler::emit_jump(Op op, int a) { return emit_abx(op, a, 0); }

void Compiler::patch_jump_to(int at, int target) {
  Instr& i = fs_->proto->code[static_cast<size_t>(at)];
  i = make_abx(i.op, i.a, static_cast<int64_t>(target - (at + 1)));
}

void Compiler::patch_jump(int at) { patch_jump_to(at, pc()); }

void Compiler::patch_short_jump(int at) { patch_short_jump_to(at, pc()); }

void Compiler::patch_short_jump_to(int at, int target) {
  int offset = target - (at + 1);
  if (offset > INT16_MAX || offset < INT16_MIN) fail("branch too long (split the function)");
  fs_->proto->code[static_cast<size_t>(at)].c = static_cast<uint16_t>(static_cast<int16_t>(offset));
}

void Compiler::emit_loop_back(int loop_index, int target) {
  int at = emit_abx(Op::LOOP, loop_index, 0);
  patch_jump_to(at, target);
}

int Compiler::constant(Value v) {
  auto& k = fs_->proto->constants;
  // A short string literal knows its symbol from the start: compared with another string
  // that does (a literal, a map key), equality takes no byte compare (see strings_equal).
  if (v.tag == Tag::String && !as_string(v)->key && as_string(v)->size <= kInternedLiteralMax)
    as_string(v)->key = intern(as_string(v)->view());
  if (!is_obj(v)) {
    for (size_t i = 0; i < k.size(); ++i)
      if (same(k[i], v)) return static_cast<int>(i);
  }
  k.push_back(v);
  if (k.size() > UINT16_MAX) fail("too many constants in one function");
  return static_cast<int>(k.size()) - 1;
}

int Compiler::symbol_constant(Symbol* s) {
  auto it = fs_->symbol_consts.find(s);
  if (it != fs_->symbol_consts.end()) return it->second;
  auto& k = fs_->proto->constants;
  k.push_back(make_obj(Tag::Symbol, s));
  if (k.size() > UINT16_MAX) fail("too many constants in one function");
  int idx = static_cast<int>(k.size()) - 1;
  fs_->symbol_consts.emplace(s, idx);
  return idx;
}

int Compiler::alloc_reg() {
  int r = fs_->freereg++;
  if (fs_->freereg >= UINT16_MAX) fail("too many registers in one function");
  if (fs_->freereg > fs_->proto->num_regs) fs_->proto->num_regs = static_cast<uint16_t>(fs_->freereg);
  return r;
}

void Compiler::load_constant(Value v, int dst) {
  if (dst == kDiscard) return;
  int r = target(dst);
  switch (v.tag) {
    case Tag::Nil: emit_abc(Op::LOADNIL, r, 0, 0); break;
    case Tag::Bool: emit_abc(Op::LOADBOOL, r, as_bool(v) ? 1 : 0, 0); break;
    case Tag::Int:
      if (as_int(v) >= INT32_MIN && as_int(v) <= INT32_MAX) {
        emit_abx(Op::LOADI, r, as_int(v));
        break;
      }
      [[fallthrough]];
    default: emit_abx(Op::LOADK, r, constant(v)); break;
  }
  finish(dst, r);
}

void Compiler::finish(int dst, int reg) {
  if (dst == kReturn) {
    emit_abc(Op::RET, reg, 0, 0);
  } else if (dst >= 0 && dst != reg) {
    emit_abc(Op::MOVE, dst, reg, 0);
  }
}

void Compiler::error_at_runtime(const std::string& message, int dst) {
  emit_abx(Op::ERROR, 0, constant(heap_.string_value(message)));
  if (dst != kDiscard) load_constant(make_nil(), dst);
}

void Compiler::fail(const std::string& message) { throw CompileError(pos_, message); }

bool symbol_ends_with(const Symbol* s, std::string_view suffix) {
  return s->name.size() >= suffix.size() && s->name.compare(s->name.size() - suffix.size(), suffix.size(), suffix) == 0;
}
bool symbol_starts_with(const Symbol* s, std::string_view prefix) {
  return s->name.size() >= prefix.size() && s->name.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace gene
