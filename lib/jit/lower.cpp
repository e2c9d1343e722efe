// Bytecode -> LLVM IR. Registers belong to the VM's register file (design §7), but inside
// compiled code each register the inline paths touch has a shadow: a local that LLVM
// keeps in a machine register. Shadows are written back to R before every call out of
// the code (helpers, callees, deopts: whatever can collect, raise, read a frame or leave)
// and read back from R after it, and at every entry. The frame's pc is written before
// anything that can raise, collect or leave, so errors, the collector and the interpreter
// see what they see in the interpreter. Opcodes without an inline fast path run the interpreter's own handler
// through gene_jit_step, so compiled code cannot drift from the interpreter.
#include "jit/lower.hpp"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/MDBuilder.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <set>
#include <span>
#include <vector>

#include "jit/layout.hpp"
#include "runtime/equality.hpp"

namespace gene::jit {
namespace {

using llvm::BasicBlock;
using LV = llvm::Value;

// Instructions that may leave this frame suspended in a call: when the callee returns,
// the dispatch loop re-enters the code at the next instruction.
bool suspends(Op op) {
  switch (op) {
    case Op::CALL: case Op::CALLG: case Op::CALLKW: case Op::CALLA: case Op::CALLSELF:
    case Op::CALLM: case Op::TAILCALL: case Op::TAILCALLM: case Op::NEW: case Op::SUPER:
    case Op::CALLMACRO: case Op::CALLMACROM:
      return true;
    default:
      return false;
  }
}

uint8_t tag_byte(Tag t) { return static_cast<uint8_t>(t); }

class Lowering {
 public:
  Lowering(llvm::LLVMContext& ctx, llvm::Module& mod, const CompileRequest& req, const std::string& name, bool sink)
      : ctx_(ctx), mod_(mod), b_(ctx), req_(req), p_(req.proto), code_(req.proto->code.data()), sink_(sink),
        handlers_(handler_pcs(*req.proto)) {
    i8_ = b_.getInt8Ty();
    i32_ = b_.getInt32Ty();
    i64_ = b_.getInt64Ty();
    f64_ = b_.getDoubleTy();
    ptr_ = b_.getPtrTy();
    fn_ = llvm::Function::Create(entry_type(), llvm::Function::ExternalLinkage, name, mod_);
    fn_->addFnAttr(llvm::Attribute::NoUnwind);
    fn_->addFnAttr("frame-pointer", "all");  // perf and gdb walk through compiled frames
    // No vector registers where the code has no Float: they would merge two 8-byte moves
    // of a Value into one 16-byte move (see copy()).
    fn_->addFnAttr(llvm::Attribute::NoImplicitFloat);
    vm_ = fn_->getArg(0);
    f_ = fn_->getArg(1);
    R_ = fn_->getArg(2);
    R_->setName("R");
    // The frame is live while its code runs: its fields may be read anywhere.
    fn_->addParamAttr(1, llvm::Attribute::getWithDereferenceableBytes(ctx_, sizeof(Frame)));
    fn_->addParamAttr(1, llvm::Attribute::getWithAlignment(ctx_, llvm::Align(8)));
    step_fn_ = declare("gene_jit_step", i64_, {ptr_, ptr_, i32_});
    call_native_fn_ = declare("gene_jit_call_native", i64_, {ptr_, ptr_, i32_, ptr_, ptr_, i32_, i32_});
    constructor_fn_ = declare("gene_jit_constructor", ptr_, {ptr_, ptr_});
    new_instance_fn_ = declare("gene_jit_new_instance", i64_, {ptr_, ptr_, i32_});
    leave_fn_ = declare("gene_jit_leave", i32_, {ptr_, ptr_});
    deopt_fn_ = declare("gene_jit_deopt", b_.getVoidTy(), {ptr_, ptr_, i32_, i32_});
    materialize_fn_ = declare("gene_jit_materialize_array", i32_, {ptr_, ptr_, i32_, ptr_, i32_});
    materialize_map_fn_ = declare("gene_jit_materialize_map", i32_, {ptr_, ptr_, i32_, ptr_, i32_});
    equal_fn_ = declare("gene_jit_equal", i32_, {ptr_, ptr_});
    method_of_fn_ = declare("gene_jit_method_of", ptr_, {ptr_, ptr_, i32_, ptr_});
    catch_fn_ = declare("gene_jit_catch", i64_, {ptr_, ptr_});
    for_next_fn_ = declare("gene_jit_for_next", i32_, {ptr_, ptr_, ptr_});
    add_member_fn_ = declare("gene_jit_add_member", i32_, {ptr_, i64_, ptr_, i64_, i64_});
    for_pair_fn_ = declare("gene_jit_for_pair", i32_, {ptr_, ptr_, ptr_});
    profile_enter_fn_ = declare("gene_jit_profile_enter", b_.getVoidTy(), {ptr_, ptr_, i64_});
    profile_return_fn_ = declare("gene_jit_profile_return", b_.getVoidTy(), {ptr_});
    profile_back_edge_fn_ = declare("gene_jit_profile_back_edge", i32_, {ptr_, ptr_, i32_});
    llvm::MDBuilder md(ctx_);
    llvm::MDNode* root = md.createTBAARoot("gene");
    llvm::MDNode* value_type = md.createTBAAScalarTypeNode("value", root);
    llvm::MDNode* vector_type = md.createTBAAScalarTypeNode("heap vector bounds", root);
    tbaa_value_ = md.createTBAAStructTagNode(value_type, value_type, 0);
    // Kinds of Value that never share memory: an access as "value" aliases both.
    llvm::MDNode* member_type = md.createTBAAScalarTypeNode("member value", value_type);
    llvm::MDNode* element_type = md.createTBAAScalarTypeNode("element value", value_type);
    tbaa_member_ = md.createTBAAStructTagNode(member_type, member_type, 0);
    tbaa_element_ = md.createTBAAStructTagNode(element_type, element_type, 0);
    tbaa_vector_ = md.createTBAAStructTagNode(vector_type, vector_type, 0);
    llvm::MDNode* layout_type = md.createTBAAScalarTypeNode("member layout", root);
    tbaa_layout_ = md.createTBAAStructTagNode(layout_type, layout_type, 0);
    llvm::MDNode* global_type = md.createTBAAScalarTypeNode("global value", root);
    tbaa_global_ = md.createTBAAStructTagNode(global_type, global_type, 0);
    llvm::MDNode* self_type = md.createTBAAScalarTypeNode("frame self", root);
    tbaa_frame_self_ = md.createTBAAStructTagNode(self_type, self_type, 0);
    vector_ = layout::probe_vector_layout();
    prop_entries_ = layout::probe_prop_entries();
  }

  // The type of Entry: the VM, the frame and its registers.
  llvm::FunctionType* entry_type() { return llvm::FunctionType::get(i32_, {ptr_, ptr_, ptr_}, false); }

  void run() {
    size_t size = p_->code.size();
    BasicBlock* entry = BasicBlock::Create(ctx_, "entry", fn_);
    for (size_t k = 0; k <= size; ++k) blocks_.push_back(BasicBlock::Create(ctx_, fmt_block(k), fn_));
    step_exit_ = BasicBlock::Create(ctx_, "leave_after_step", fn_);

    entry_ = entry;
    find_regions();
    find_sinkable_arrays();
    find_sinkable_maps();
    b_.SetInsertPoint(entry);
    // A closure of this proto: its cells of upvalues captured by value included.
    frame_closure_ = load_object_pointer(f_, layout::kFrameClosure, Closure::allocation_size(p_, nullptr));
    LV* pc = b_.CreatePtrToInt(b_.CreateLoad(ptr_, at(f_, layout::kFramePc)), i64_);
    LV* index = b_.CreateLShr(b_.CreateSub(pc, b_.getInt64(reinterpret_cast<uintptr_t>(code_))), 3);
    if (req_.profile) b_.CreateCall(profile_enter_fn_, {vm_, f_, index});
    BasicBlock* not_entered = BasicBlock::Create(ctx_, "not_an_entry", fn_);
    std::set<uint32_t> entries = entry_points();
    auto* sw = b_.CreateSwitch(index, not_entered, static_cast<unsigned>(entries.size()));
    for (uint32_t k : entries) {
      BasicBlock* enter = fresh("enter");
      sw->addCase(b_.getInt64(k), enter);
      if (k == 0) call_entry_ = enter;
      b_.SetInsertPoint(enter);
      llvm::Instruction* br = b_.CreateBr(blocks_[k]);
      if (int g = region_of(k)) {
        regions_[g].reload_before.push_back(br);
        regions_[g].entries.emplace_back(br, k);
        if (k != regions_[g].head) regions_[g].resumptions.push_back(br);
      }
    }
    // Most entries are calls, at instruction 0: the switch tests that case first.
    std::vector<uint32_t> weights{1};
    for (uint32_t k : entries) weights.push_back(k == 0 ? 1000 : 1);
    sw->setMetadata(llvm::LLVMContext::MD_prof, llvm::MDBuilder(ctx_).createBranchWeights(weights));
    b_.SetInsertPoint(not_entered);
    b_.CreateRet(b_.getInt32(kNotEntered));

    b_.SetInsertPoint(step_exit_);
    step_result_ = b_.CreatePHI(i64_, 8, "step_result");
    LV* negative = b_.CreateICmpSLT(step_result_, b_.getInt64(0));
    LV* status = b_.CreateSelect(negative, b_.CreateTrunc(b_.CreateNeg(step_result_), i32_), b_.getInt32(kNotEntered));
    b_.CreateRet(status);

    if (unsigned arity = frameless_arity()) lower_frameless_clone(arity);
    for (size_t k = 0; k < size; ++k) {
      n_ = static_cast<uint32_t>(k);
      b_.SetInsertPoint(blocks_[k]);
      lower_instruction(p_->code[k]);
    }
    // Past the last instruction (never reached: every proto ends with a return).
    b_.SetInsertPoint(blocks_[size]);
    b_.CreateRet(b_.getInt32(kNotEntered));
    place_shadow_syncs();
  }
  // Whether a loop kept its registers in shadows: the loop passes pay only there.
  bool promoted_loops() const { return promoted_loops_; }
  bool has_frameless_clone() const { return frameless_ != nullptr; }
  // Whether an array was left unallocated in a loop that then stayed in R: the code is
  // wrong, and the proto must be lowered again without sinking.
  bool sank_outside_promoted_loop() const { return sank_outside_promoted_loop_; }
  // What --jit-stats says of calls made without frames: "inlined sq, norm2; self-calls
  // without frames".
  std::string inlined() const {
    std::string names;
    for (const Proto* q : inlined_) names += (names.empty() ? "inlined " : ", ") + q->display_name();
    if (frameless_) names += names.empty() ? "self-calls without frames" : "; self-calls without frames";
    return names;
  }

 private:
#define OPCODE(name, format, doc) void lower_##name(const Instr& in);
#include "bytecode/opcodes.def"
#undef OPCODE
  // CALL and TAILCALL of a builtin a GETGLOBAL read into the window: inline (true), or false.
  bool builtin_call(const Instr& in, int nargs);
  void method_call(const Instr& in, bool tail);  // CALLM, TAILCALLM
  struct MethodKinds {
    bool closures = false, natives = false;
  };
  struct Operand;
  void call_method(const Instr& in, bool tail, MethodKinds kinds, LV* slot, Operand method, Operand receiver,
                   BasicBlock* generic);
  BasicBlock* back_edge();
  LV* upvalue_loc(LV* c, uint16_t i);
  LV* map_methods_unchanged();
  // What a for loop's FORPREP makes its iteration state: counted Ints (or, for a span
  // too large to count, a Range), a collection (Array, Range, Gene, or a copy), or unknown.
  enum class LoopSource { kUnknown, kCounted, kCollection };
  LoopSource loop_source(const Instr& forloop) const;
  void for_step(int iter, int elem, BasicBlock* more, BasicBlock* done, LoopSource source);
  void add_member_at_hint(const Instr& in);
  void counted_step(int iter, int elem, Operand coll, LV* i, BasicBlock* more, BasicBlock* done, BasicBlock* other);
  void for_step_slow(int iter, int elem, BasicBlock* more, BasicBlock* done, BasicBlock* slow,
                     llvm::FunctionCallee helper = {});  // for_next unless given
  void array_step(Operand coll, LV* i, int elem, BasicBlock* advance, BasicBlock* done, BasicBlock* slow);
  void counted_for_prep(int iter);
  void lower_instruction(const Instr& in) {
    switch (in.op) {
#define OPCODE(name, format, doc) \
  case Op::name:                  \
    lower_##name(in);             \
    break;
#include "bytecode/opcodes.def"
#undef OPCODE
      case Op::COUNT_: break;
    }
  }

  static std::string fmt_block(size_t k) { return "i" + std::to_string(k); }

  llvm::FunctionCallee declare(const char* name, llvm::Type* ret, std::initializer_list<llvm::Type*> params) {
    auto callee = mod_.getOrInsertFunction(name, llvm::FunctionType::get(ret, params, false));
    if (auto* f = llvm::dyn_cast<llvm::Function>(callee.getCallee())) f->addFnAttr(llvm::Attribute::NoUnwind);
    return callee;
  }

  // Where compiled code may be entered: the start, after each call (the callee returns
  // into the dispatch loop, which re-enters here), each handler and each loop header.
  std::set<uint32_t> entry_points() const {
    std::set<uint32_t> out{0};
    for (size_t k = 0; k < p_->code.size(); ++k) {
      const Instr& in = p_->code[k];
      if (suspends(in.op)) out.insert(static_cast<uint32_t>(k + 1));
      if (in.op == Op::TRY) out.insert(target(k, in.sbx()));
      if (is_back_edge(in.op)) out.insert(header(k));
    }
    return out;
  }
  static uint32_t target(size_t k, int64_t offset) { return static_cast<uint32_t>(static_cast<int64_t>(k) + 1 + offset); }
  // The instructions that end a loop's body and jump back to its header (counted by the
  // interpreter for on-stack replacement).
  static bool is_back_edge(Op op) {
    return op == Op::LOOP || op == Op::FORLOOP || op == Op::FORPAIR || op == Op::REPLOOP || (op >= Op::LOOPLT && op <= Op::LOOPNEK);
  }
  uint32_t header(size_t k) const {
    const Instr& in = p_->code[k];
    return target(k, in.op == Op::LOOP ? in.sbx() : in.sc());
  }
  BasicBlock* next() { return block(n_ + 1); }
  BasicBlock* fresh(const char* what) { return BasicBlock::Create(ctx_, what, fn_); }

  // ---- values in the register file ----
  LV* at(LV* base, int64_t offset) { return offset ? b_.CreateConstGEP1_64(i8_, base, offset) : base; }
  // A host object that outlives this code, by address (see kHostObjectPrefix).
  LV* host_object(const void* address, size_t bytes) {
    char name[64];
    std::snprintf(name, sizeof name, "%s%llx_%zu", kHostObjectPrefix,
                  static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(address)), bytes);
    llvm::GlobalVariable* object = mod_.getNamedGlobal(name);
    if (!object) {
      object = new llvm::GlobalVariable(mod_, llvm::ArrayType::get(i8_, bytes), false, llvm::GlobalValue::ExternalLinkage,
                                        nullptr, name);
      object->setAlignment(llvm::Align(8));
    }
    return object;
  }
  // The running closure. A frame keeps its closure while this code runs (a tail call to
  // another closure leaves the code), so one load at entry serves all: its upvalues and
  // namespace are read where needed, and hoisted out of loops.
  LV* frame_closure() {
    if (frame_closure_ && b_.GetInsertBlock()->getParent() == fn_) return frame_closure_;
    return b_.CreateLoad(ptr_, at(f_, layout::kFrameClosure));
  }
  // A pointer field that always holds a live object of `bytes` bytes (the frame's
  // closure): marked so, its fields' loads may be hoisted like those of host objects.
  LV* load_object_pointer(LV* base, size_t offset, uint64_t bytes) {
    llvm::LoadInst* load = b_.CreateLoad(ptr_, at(base, static_cast<int64_t>(offset)));
    load->setMetadata(llvm::LLVMContext::MD_dereferenceable,
                      llvm::MDNode::get(ctx_, llvm::ConstantAsMetadata::get(b_.getInt64(bytes))));
    load->setMetadata(llvm::LLVMContext::MD_align, llvm::MDNode::get(ctx_, llvm::ConstantAsMetadata::get(b_.getInt64(8))));
    return load;
  }
  // R[r] in the register file: what helpers, callees and the interpreter read.
  LV* slot(int r) { return at(R_, static_cast<int64_t>(r) * static_cast<int64_t>(layout::kValueSize)); }
  bool shadowed(int r) const { return inl_ || (region_of(n_) && r >= 0 && r < p_->num_regs); }
  // Where inline code reads and writes register r: inside a promoted loop, its shadow;
  // elsewhere R[r] itself.
  LV* reg(int r) {
    if (inl_) return inl_->regs[static_cast<size_t>(r)];
    if (!shadowed(r)) return slot(r);
    llvm::AllocaInst*& shadow = regions_[region_of(n_)].shadows[r];
    if (!shadow) {
      llvm::IRBuilder<> at_entry(entry_, entry_->begin());
      shadow = at_entry.CreateAlloca(llvm::ArrayType::get(i64_, 2), nullptr, "r" + std::to_string(r));
    }
    return shadow;
  }
  // A local copy of register r that a helper may read through a pointer.
  LV* spill(int r, llvm::AllocaInst*& temp) {
    if (!shadowed(r)) return slot(r);
    if (!temp) {
      llvm::IRBuilder<> at_entry(entry_, entry_->begin());
      temp = at_entry.CreateAlloca(llvm::ArrayType::get(i64_, 2), nullptr, "arg");
    }
    copy(temp, reg(r));
    return temp;
  }
  // A call out of compiled code: the shadows go to R before it, and come back after it
  // when it may have changed registers (a callee can set them through upvalues).
  llvm::CallInst* call_out(llvm::FunctionCallee fn, std::initializer_list<LV*> args, bool reload = true) {
    llvm::CallInst* call = b_.CreateCall(fn, args);
    around_call(call, reload);
    return call;
  }
  void around_call(llvm::CallInst* call, bool reload) {
    if (int g = region_of(n_)) {
      regions_[g].flush_before.push_back(call);
      if (reload) regions_[g].reload_after.push_back(call);
    }
  }

  // ---- promoted loops ----
  // The innermost loops of the proto (a LOOP back edge and the instructions from its
  // header) are regions whose registers live in shadows. Control entering a region reads
  // its shadows from R; leaving it writes them back.
  struct Region {
    uint32_t head = 0;  // the loop header
    std::map<int, llvm::AllocaInst*> shadows;
    std::vector<std::pair<llvm::Instruction*, uint32_t>> entries;  // each way in, and the instruction it enters at
    std::vector<llvm::Instruction*> flush_before, reload_after, reload_before;
    std::vector<llvm::Instruction*> resumptions;  // entries from the interpreter inside the loop, after a call
    std::set<llvm::Instruction*> from_code;       // entries from the compiled code before the loop
    BasicBlock* deopt = nullptr;
    llvm::PHINode *deopt_site = nullptr, *deopt_why = nullptr, *deopt_resume = nullptr;
    llvm::Instruction* deopt_call = nullptr;
    LV* deopt_pc = nullptr;
  };
  void find_regions() {
    region_of_.assign(p_->code.size() + 1, 0);
    regions_.resize(1);
    if (req_.quick) return;  // no pass would turn the shadows into machine registers
    std::vector<std::pair<uint32_t, uint32_t>> loops;
    for (size_t k = 0; k < p_->code.size(); ++k)
      if (is_back_edge(p_->code[k].op) && header(k) <= k) loops.emplace_back(header(k), static_cast<uint32_t>(k));
    std::sort(loops.begin(), loops.end(), [](auto x, auto y) { return x.second - x.first < y.second - y.first; });
    for (auto [head, back] : loops) {
      bool inner = true;
      for (uint32_t k = head; k <= back && inner; ++k) inner = region_of_[k] == 0;
      if (!inner) continue;
      regions_.emplace_back().head = head;
      for (uint32_t k = head; k <= back; ++k) region_of_[k] = static_cast<int>(regions_.size() - 1);
    }
  }
  // (An inlined body is in no region: its registers are its own allocas.)
  // (Nor is the loop test lowered again before its loop, test_before_loop_.)
  int region_of(uint32_t k) const {
    if (inl_ || (test_before_loop_ && k == n_)) return 0;
    return k < region_of_.size() ? region_of_[k] : 0;
  }
  // The block that instruction k starts, reached from the current instruction: through
  // a block that writes back the region being left and reads the region being entered.
  BasicBlock* block(uint32_t k) {
    BasicBlock* target_block = k < blocks_.size() ? blocks_[k] : blocks_.back();
    int from = region_of(n_), to = region_of(k);
    if (from == to) return target_block;
    llvm::IRBuilder<>::InsertPointGuard keep(b_);
    BasicBlock* reload = fresh("enter_loop");
    b_.SetInsertPoint(reload);
    llvm::Instruction* br = b_.CreateBr(target_block);
    if (to) {
      regions_[to].reload_before.push_back(br);
      regions_[to].entries.emplace_back(br, k);
      regions_[to].from_code.insert(br);
    }
    if (!from) return reload;
    BasicBlock* flush = fresh("leave_loop");
    b_.SetInsertPoint(flush);
    regions_[from].flush_before.push_back(b_.CreateBr(reload));
    return flush;
  }
  // Writes the shadows back around the calls and edges recorded during lowering; or,
  // when the copies would cost more to compile than the shadows save, puts the region's
  // registers back in R (each shadow becomes its slot).
  void place_shadow_syncs() {
    for (Region& g : regions_) {
      if (g.shadows.empty()) continue;
      size_t syncs = g.flush_before.size() + g.reload_after.size() + g.reload_before.size();
      // A loop that calls out and goes on pays a write-back and a read-back per call, for
      // little gain: only loops whose calls all leave them keep their shadows.
      if (!g.reload_after.empty() || g.shadows.size() * syncs > kMaxShadowCopies) {
        for (const auto& [site, sunk] : sunk_)
          if (sunk.lowered && region_of(site) == static_cast<int>(&g - regions_.data())) sank_outside_promoted_loop_ = true;
        b_.SetInsertPoint(entry_->getTerminator());  // not at a shadow: they are erased here
        for (auto [r, shadow] : g.shadows) {
          shadow->replaceAllUsesWith(slot(r));
          shadow->eraseFromParent();
        }
        continue;
      }
      promoted_loops_ = true;
      drop_resumptions(g);
      int gi = static_cast<int>(&g - regions_.data());
      forget_dead_at_header(g, gi);
      for (llvm::Instruction* at : g.flush_before) {
        b_.SetInsertPoint(at);
        for (auto [r, shadow] : g.shadows) {
          if (!written(shadow)) continue;  // R still holds what the loop read in
          if (const SunkArray* sunk = sunk_array_of(gi, r)) flush_maybe_sunk(slot(r), shadow, sunk->tag);
          else copy(slot(r), shadow);
        }
      }
      for (auto& [site, sunk] : sunk_) {
        if (!sunk.lowered || region_of(site) != gi) continue;
        for (llvm::Instruction* at : g.flush_before) {
          if (at == g.deopt_call) materialize_before(at, sunk, g.deopt_pc);
          else if (sunk.outlives_loop) materialize_before(at, sunk, nullptr);
        }
      }
      // The tag comes in as a word here: the code before the loop stored it as a word, and
      // EarlyCSE forwards only same-width stores, so the loop sees those tags as constants.
      auto read_back = [&] {
        for (auto [r, shadow] : g.shadows) {
          as_value(b_.CreateStore(as_value(b_.CreateLoad(i64_, at(slot(r), 0))), at(shadow, 0)));
          as_value(b_.CreateStore(bits_of(slot(r)), at(shadow, layout::kPayload)));
        }
      };
      for (llvm::Instruction* call : g.reload_after) {
        b_.SetInsertPoint(call->getNextNode());
        read_back();
      }
      for (llvm::Instruction* at : g.reload_before) {
        b_.SetInsertPoint(at);
        read_back();
      }
      assume_entry_types(g);
    }
  }
  // ---- allocation sinking ----
  // An array built in a promoted loop and bound to a variable that the loop only reads
  // elements of, at constant indexes in range, is not allocated: its elements stay in
  // allocas (registers, after SROA), and the variable's shadow holds an Array with a null
  // pointer. A deopt inside the loop allocates it (the interpreter may read it there);
  // leaving the loop writes nil instead, since the variable's scope ends in the loop.
  // Only elements that are not heap values are sunk: the GC never sees them.
  static constexpr uint16_t kMaxSunkElements = 8;
  struct SunkArray {
    uint32_t site = 0;
    bool outlives_loop = false;  // its variable is still in scope after the loop
    int reg = 0;
    int count = 0;
    std::vector<llvm::AllocaInst*> elements;
    bool lowered = false;  // the NEWARRAY was lowered to the sunk form
    // A sunk map (see find_sinkable_maps): its keys in the literal's order, the register
    // the literal is built in, and the MOVE that binds it to the variable.
    Tag tag = Tag::Array;
    std::vector<Symbol*> keys;
    int temp = -1;
    uint32_t bind = 0;
    int entry_of(Symbol* key) const {
      auto it = std::find(keys.begin(), keys.end(), key);
      return it == keys.end() ? -1 : static_cast<int>(it - keys.begin());
    }
    // A key constant: a Symbol, or a String, which names the same entry as the symbol.
    int entry_of(const Value& key) const {
      if (key.tag == Tag::Symbol) return entry_of(as_symbol(key));
      if (key.tag != Tag::String) return -1;
      for (size_t e = 0; e < keys.size(); ++e)
        if (keys[e]->name == as_string(key)->view()) return static_cast<int>(e);
      return -1;
    }
  };
  void find_sinkable_arrays() {
    if (!sink_ || !req_.speculate) return;
    std::map<std::pair<int, int>, int> candidates;  // (region, register) -> how many NEWARRAY sites
    for (uint32_t k = 0; k < p_->code.size(); ++k) {
      const Instr& in = code_[k];
      if (in.op == Op::NEWARRAY && region_of(k)) ++candidates[{region_of(k), in.a}];
    }
    for (uint32_t k = 0; k < p_->code.size(); ++k) {
      const Instr& in = code_[k];
      if (in.op != Op::NEWARRAY || !region_of(k) || in.c == 0 || in.c > kMaxSunkElements) continue;
      bool outlives_loop = false;
      if (candidates[{region_of(k), in.a}] != 1 || is_generic_site(k) || !only_element_reads(k, outlives_loop)) continue;
      SunkArray& sunk = sunk_[k];
      sunk.site = k;
      sunk.outlives_loop = outlives_loop;
      sunk.reg = in.a;
      sunk.count = in.c;
      llvm::IRBuilder<> at_entry(entry_, entry_->begin());
      for (int e = 0; e < sunk.count; ++e)
        sunk.elements.push_back(at_entry.CreateAlloca(llvm::ArrayType::get(i64_, 2), nullptr, "elem" + std::to_string(e)));
    }
  }
  // A map literal built in a promoted loop ({^a x ^b y}: NEWMAP into a temporary, a
  // SETPROP per key, then a MOVE to the variable it initialises) whose variable the loop
  // only reads and writes members of, with keys of the literal, is not allocated either:
  // its entries stay in allocas, and the temporary and the variable hold a Map with a
  // null pointer. Between the NEWMAP and the MOVE there may be only instructions that
  // neither call nor jump and write temporaries: a deopt there restarts the literal at
  // its NEWMAP in the interpreter, which builds it again. Entries hold no heap values
  // (a store of one deopts, and the deopt allocates the map).
  void find_sinkable_maps() {
    if (!sink_ || !req_.speculate || !req_.caches || !vector_.known) return;
    std::map<std::pair<int, int>, int> targets;  // (region, register) -> sites that sink into it
    for (auto& [site, sunk] : sunk_) ++targets[{region_of(site), sunk.reg}];
    std::vector<SunkArray> found;
    for (uint32_t k = 0; k < p_->code.size(); ++k) {
      const Instr& in = code_[k];
      if (in.op != Op::NEWMAP || !region_of(k) || is_generic_site(k)) continue;
      SunkArray sunk;
      if (!map_literal(k, sunk) || !only_member_access(sunk)) continue;
      found.push_back(std::move(sunk));
    }
    for (const SunkArray& sunk : found) {
      int g = region_of(sunk.site);
      ++targets[{g, sunk.reg}];
      ++targets[{g, sunk.temp}];
    }
    for (SunkArray& sunk : found) {
      int g = region_of(sunk.site);
      if (targets[{g, sunk.reg}] != 1 || targets[{g, sunk.temp}] != 1) continue;
      llvm::IRBuilder<> at_entry(entry_, entry_->begin());
      for (size_t e = 0; e < sunk.keys.size(); ++e)
        sunk.elements.push_back(at_entry.CreateAlloca(llvm::ArrayType::get(i64_, 2), nullptr, "entry" + std::to_string(e)));
      for (uint32_t j = sunk.site + 1; j < sunk.bind; ++j) restart_at_[j] = sunk.site;
      sunk_[sunk.site] = std::move(sunk);
    }
  }
  // The literal whose NEWMAP is at k, as described above: its keys, temporary and MOVE.
  bool map_literal(uint32_t k, SunkArray& sunk) const {
    const Instr& site = code_[k];
    int t = site.a;
    int g = region_of(k);
    for (uint32_t j = k + 1; j < p_->code.size() && region_of(j) == g; ++j) {
      const Instr& in = code_[j];
      if (in.op == Op::MOVE && in.b == t) {
        for (const LocalInfo& local : p_->locals)
          if (local.reg == in.a && local.start_pc == j + 1 && in.a != t) {
            sunk.site = k;
            sunk.reg = in.a;
            sunk.temp = t;
            sunk.bind = j;
            sunk.tag = Tag::Map;
            sunk.count = static_cast<int>(sunk.keys.size());
            return !sunk.keys.empty() && sunk.keys.size() <= kMaxSunkElements;
          }
        return false;
      }
      if (is_generic_site(j)) return false;
      if (in.op == Op::SETPROP && in.a == t) {
        const Value& key = p_->constants[in.b];
        if (in.c == t || key.tag != Tag::Symbol || sunk.entry_of(as_symbol(key)) >= 0) return false;
        sunk.keys.push_back(as_symbol(key));
        continue;
      }
      switch (in.op) {
        case Op::MOVE: case Op::LOADK: case Op::LOADI: case Op::LOADNIL: case Op::LOADBOOL: case Op::ADD: case Op::SUB:
        case Op::MUL: case Op::DIV: case Op::ADDI: case Op::SUBI: case Op::ADDK: case Op::SUBK: case Op::MULK: case Op::DIVK:
        case Op::NEG: case Op::NOT:
          break;
        default: return false;
      }
      if (in.a == t || in.b == t || in.c == t || in.op == Op::LOADNIL) return false;
      // A string constant (`{^name "r"}`) would go into an entry: the store would deopt
      // at once, and the loop compile again without sinking.
      if (in.op == Op::LOADK && is_obj(p_->constants[in.bx()])) return false;
      for (const LocalInfo& local : p_->locals)
        if (local.reg == in.a && local.start_pc <= j && j < local.end_pc) return false;  // writes a variable
    }
    return false;
  }
  // Whether the variable a sunk map literal initialises is, in its scope inside the loop,
  // only read or written by GETMEMBER and SETMEMBER of the literal's keys, and no closure
  // captures it (see only_element_reads).
  bool only_member_access(SunkArray& sunk) const {
    int v = sunk.reg;
    int g = region_of(sunk.site);
    for (const LocalInfo& local : p_->locals) {
      if (local.reg != v || local.start_pc != sunk.bind + 1) continue;
      for (uint32_t j = local.start_pc; j < local.end_pc && j < p_->code.size(); ++j) {
        const Instr& in = code_[j];
        if (in.op == Op::CLOSURE)
          for (const UpvalDesc& d : p_->protos[in.bx()]->upvals)
            if (d.in_stack && d.index == v) return false;
        if (region_of(j) != g) {
          sunk.outlives_loop = true;
          continue;
        }
        if (is_generic_site(j)) return false;  // it deopted here: another compile keeps the map
        auto key_of = [&](uint16_t k) { return sunk.entry_of(p_->constants[k]) >= 0; };
        auto literal_key = [&](int r) {
          const Value* key = key_constant(j, r, sunk.bind);
          return key && sunk.entry_of(*key) >= 0;
        };
        if (in.op == Op::GETMEMBER) {
          if (in.a == v || (in.b == v && !key_of(in.c))) return false;
          continue;
        }
        if (in.op == Op::SETMEMBER) {
          if (in.c == v || (in.a == v && !key_of(in.b))) return false;
          continue;
        }
        if (in.op == Op::GETKEY || in.op == Op::GETKEYU) {  // (m ./ "k"), with a literal key
          if (in.a == v || in.c == v || (in.b == v && !literal_key(in.c))) return false;
          continue;
        }
        if (in.op == Op::SETKEY) {  // ($set m @k x)
          if (in.b == v || in.c == v || (in.a == v && !literal_key(in.b))) return false;
          continue;
        }
        // (m .get "k") and (m .set "k" x), while Map's get and set are the builtin ones
        if (in.op == Op::AGET && req_.map_methods_epoch) {
          if (in.a == v || in.c == v || (in.b == v && !literal_key(in.c))) return false;
          continue;
        }
        if (in.op == Op::ASETV && req_.map_methods_epoch) {
          if (in.b == v || in.c == v || (in.a == v && !literal_key(in.b))) return false;
          continue;
        }
        if (names_register(in, v)) return false;
      }
      return true;
    }
    return false;
  }
  // Whether instruction `in` may name register r: its register operands, and for the
  // rest every operand, as a register or not (branch offsets and immediates are not).
  static bool names_register(const Instr& in, int r) {
    if ((in.op >= Op::JNLT && in.op <= Op::JNNE) || (in.op >= Op::LOOPLT && in.op <= Op::LOOPGE) || in.op == Op::LOOPNE)
      return in.a == r || in.b == r;
    if ((in.op >= Op::JNLTI && in.op <= Op::JNNEK) || (in.op >= Op::LOOPLTI && in.op <= Op::LOOPGEI) || in.op == Op::LOOPNEI ||
        in.op == Op::LOOPNEK)
      return in.a == r;
    if (in.op == Op::JMP) return false;  // A is a loop's number
    OpFormat f = op_format(in.op);
    if (f == OpFormat::AsBx || f == OpFormat::ABx) return in.a == r;
    return in.a == r || in.b == r || in.c == r;
  }
  // The constant that LOADK put in register r for the keyed access at j, when nothing
  // between them (after `from`) branches or writes r; else null. A literal key is loaded
  // right before its access, in the same expression.
  const Value* key_constant(uint32_t j, int r, uint32_t from) const {
    for (uint32_t d = j; d-- > from + 1;) {
      const Instr& in = code_[d];
      if (in.op == Op::LOADK && in.a == r) return &p_->constants[in.bx()];
      switch (in.op) {
        case Op::MOVE: case Op::LOADK: case Op::LOADI: case Op::LOADNIL: case Op::LOADBOOL: case Op::GETKEY:
        case Op::GETKEYU: case Op::SETKEY: case Op::AGET: case Op::ASETV: case Op::GETMEMBER: case Op::SETMEMBER:
        case Op::ADD: case Op::SUB:
        case Op::MUL: case Op::DIV: case Op::ADDI: case Op::SUBI: case Op::ADDK: case Op::SUBK: case Op::MULK:
        case Op::DIVK: case Op::NEG: case Op::NOT:
          if (in.a == r || in.op == Op::LOADNIL) return nullptr;
          break;
        default: return nullptr;
      }
    }
    return nullptr;
  }
  // The sunk map the access at this instruction may read or write through register r,
  // and the entry of `key` in it.
  std::pair<const SunkArray*, int> sunk_member(int r, const Value* key) const {
    const SunkArray* sunk = region_of(n_) && !inl_ ? sunk_array_of(region_of(n_), r) : nullptr;
    if (!sunk || sunk->tag != Tag::Map || sunk->reg != r || n_ <= sunk->bind || !key) return {nullptr, -1};
    int e = sunk->entry_of(*key);
    return {e < 0 ? nullptr : sunk, e};
  }
  // Where the access at this instruction reads or writes entry `e` of a sunk map when
  // register r holds it (`access` gets the entry); otherwise the code goes on at the
  // insertion point left, for the real map.
  template <typename Access>
  void sunk_entry_access(std::pair<const SunkArray*, int> sunk, int r, Access access, LV* also = nullptr) {
    if (!sunk.first) return;
    BasicBlock* entry = fresh("sunk_entry");
    BasicBlock* real = fresh("real_map");
    Operand o = in_reg(r);
    LV* sunk_here = is_sunk(o.tag, o.bits, Tag::Map);
    b_.CreateCondBr(also ? b_.CreateAnd(sunk_here, also) : sunk_here, entry, real);
    b_.SetInsertPoint(entry);
    access(sunk.first->elements[static_cast<size_t>(sunk.second)]);
    b_.CreateBr(next());
    b_.SetInsertPoint(real);
  }
  // A store of a value into a sunk array or map: only values the GC need not see.
  void store_unless_heap(LV* dst, int r) {
    BasicBlock* scalar = fresh("scalar_entry");
    BasicBlock* heap_value = fresh("heap_entry");
    b_.CreateCondBr(b_.CreateICmpULT(tag_of(reg(r)), tag_word(Tag::String)), scalar, heap_value);
    b_.SetInsertPoint(heap_value);
    deopt(kDeoptLoopSlowPath);
    b_.SetInsertPoint(scalar);
    copy(dst, reg(r));
  }
  bool is_generic_site(uint32_t k) const {
    return std::find(req_.generic_sites->begin(), req_.generic_sites->end(), k) != req_.generic_sites->end();
  }
  // Whether the variable NEWARRAY site k initialises (declared right after it) is, in its
  // scope inside the loop, only read by GETINDEX or AGETI at an index of the array, and
  // no closure captures it. The compiler keeps temporaries and call windows above the
  // variables in scope, so any other read names the register. Code after the loop may
  // read it (a while body's variables stay in scope): the loop's exits allocate it.
  bool only_element_reads(uint32_t k, bool& outlives_loop) const {
    const Instr& site = code_[k];
    int g = region_of(k);
    for (const LocalInfo& local : p_->locals) {
      if (local.reg != site.a || local.start_pc != k + 1) continue;
      outlives_loop = false;
      for (uint32_t j = k + 1; j < local.end_pc && j < p_->code.size(); ++j) {
        const Instr& in = code_[j];
        if (in.op == Op::CLOSURE)
          for (const UpvalDesc& d : p_->protos[in.bx()]->upvals)
            if (d.in_stack && d.index == site.a) return false;
        if (region_of(j) != g) {
          outlives_loop = true;
          continue;
        }
        if (in.a != site.a && in.b != site.a && in.c != site.a) continue;
        bool read = in.a != site.a && in.b == site.a &&
                    ((in.op == Op::GETINDEX && in.sc() >= 0 && in.sc() < site.c) || (in.op == Op::AGETI && in.c < site.c));
        if (!read) return false;
      }
      return true;
    }
    return false;
  }
  const SunkArray* sunk_array_of(int region, int r) const {
    for (const auto& [site, sunk] : sunk_)
      if ((sunk.reg == r || sunk.temp == r) && region_of(site) == region) return &sunk;
    return nullptr;
  }
  LV* is_sunk(LV* tag, LV* bits, Tag kind = Tag::Array) {
    return b_.CreateAnd(is(tag, kind), b_.CreateICmpEQ(bits, b_.getInt64(0)));
  }
  // A flush of a shadow that may hold a sunk array or map: nil goes to R instead.
  void flush_maybe_sunk(LV* dst, LV* shadow, Tag kind) {
    LV* tag = tag_of(shadow);
    LV* bits = bits_of(shadow);
    LV* sunk = is_sunk(tag, bits, kind);
    as_value(b_.CreateStore(b_.CreateSelect(sunk, b_.getInt64(tag_byte(Tag::Nil)), tag), at(dst, layout::kTag)));
    as_value(b_.CreateStore(bits, at(dst, layout::kPayload)));
  }
  // Before `at`, once R was written back (a deopt, or an exit when the variable outlives
  // the loop): the sunk array, if the shadow holds it, allocated into R. An allocation
  // that fails raises at the NEWARRAY (kThrow); else the frame's pc becomes `pc` again.
  void materialize_before(llvm::Instruction* at, const SunkArray& sunk, LV* pc) {
    BasicBlock* head = at->getParent();
    BasicBlock* tail = head->splitBasicBlock(at, "materialized");
    head->getTerminator()->eraseFromParent();
    BasicBlock* build_it = fresh("materialize");
    BasicBlock* failed = fresh("materialize_failed");
    b_.SetInsertPoint(head);
    LV* shadow = regions_[region_of_of(sunk)].shadows.at(sunk.reg);
    b_.CreateCondBr(is_sunk(tag_of(shadow), bits_of(shadow), sunk.tag), build_it, tail);
    b_.SetInsertPoint(build_it);
    if (!materialize_buffer_) {
      llvm::IRBuilder<> at_entry(entry_, entry_->begin());
      materialize_buffer_ = at_entry.CreateAlloca(llvm::ArrayType::get(i64_, 2 * kMaxSunkElements), nullptr, "elements");
    }
    for (int e = 0; e < sunk.count; ++e)
      copy(this->at(materialize_buffer_, e * 16), sunk.elements[static_cast<size_t>(e)]);
    save_pc(sunk.site);
    LV* status = b_.CreateCall(sunk.tag == Tag::Map ? materialize_map_fn_ : materialize_fn_,
                               {vm_, f_, b_.getInt32(static_cast<uint32_t>(sunk.reg)), materialize_buffer_,
                                b_.getInt32(sunk.tag == Tag::Map ? sunk.site : static_cast<uint32_t>(sunk.count))});
    BasicBlock* built = fresh("materialized_ok");
    b_.CreateCondBr(b_.CreateICmpEQ(status, b_.getInt32(0)), built, failed);
    b_.SetInsertPoint(built);
    if (pc) b_.CreateStore(pc, this->at(f_, layout::kFramePc));
    b_.CreateBr(tail);
    b_.SetInsertPoint(failed);
    b_.CreateRet(b_.getInt32(kThrow));
  }
  int region_of_of(const SunkArray& sunk) const {
    for (const auto& [site, s] : sunk_)
      if (&s == &sunk) return region_of(site);
    return 0;
  }
  // GETINDEX and AGETI of a register that may hold a sunk array: its element, else the
  // array path.
  void read_maybe_sunk(const Instr& in, int index) {
    const SunkArray* sunk = region_of(n_) ? sunk_array_of(region_of(n_), in.b) : nullptr;
    if (!sunk || sunk->tag != Tag::Array || index < 0 || index >= sunk->count) return;
    BasicBlock* element = fresh("sunk_element");
    BasicBlock* real = fresh("real_array");
    Operand arr = in_reg(in.b);
    b_.CreateCondBr(is_sunk(arr.tag, arr.bits), element, real);
    b_.SetInsertPoint(element);
    copy(reg(in.a), sunk->elements[static_cast<size_t>(index)]);
    b_.CreateBr(next());
    b_.SetInsertPoint(real);
  }

  // Whether the loop's code writes to a shadow (before the syncs are placed), or lets a
  // helper see it; a shadow it only reads needs no write-back.
  static bool written(llvm::Value* p) {
    for (llvm::User* u : p->users()) {
      if (llvm::isa<llvm::LoadInst>(u)) continue;
      if (llvm::isa<llvm::GetElementPtrInst>(u) && !written(u)) continue;
      return true;
    }
    return false;
  }
  // A promoted loop calls nothing that returns into it, so the interpreter enters it after
  // a call only when it made that call itself (after a deopt). It goes on interpreting to
  // the header instead: otherwise the tags of every temporary at that entry would be
  // unknown in the whole loop.
  void drop_resumptions(Region& g) {
    for (llvm::Instruction* br : g.resumptions) {
      std::erase(g.reload_before, br);
      std::erase_if(g.entries, [&](const auto& e) { return e.first == br; });
      b_.SetInsertPoint(br);
      b_.CreateRet(b_.getInt32(kNotEntered));
      br->eraseFromParent();
    }
  }
  // Whether the loop from header `head` sets register r before anything can read it: the
  // first instruction of its straight-line start that names r computes into it (a for
  // loop's element, a variable assigned first). Its type at the header does not matter.
  bool set_first(int r, uint32_t head) const {
    for (uint32_t k = head; k < p_->code.size() && region_of(k) == region_of(head); ++k) {
      const Instr& in = code_[k];
      switch (in.op) {
        case Op::MOVE: case Op::LOADK: case Op::LOADI: case Op::LOADNIL: case Op::LOADBOOL: case Op::GETUPVAL:
        case Op::GETGLOBAL: case Op::ADD: case Op::SUB: case Op::MUL: case Op::DIV: case Op::ADDI: case Op::SUBI:
        case Op::ADDK: case Op::SUBK: case Op::MULK: case Op::DIVK: case Op::NEG: case Op::NOT: case Op::AGET:
        case Op::AGETI: case Op::GETINDEX: case Op::GETMEMBER:
          // (B, and C where it is a register, are read; an immediate equal to r only errs
          // towards typing it.)
          if (in.b == r || (in.c == r && (in.op == Op::ADD || in.op == Op::SUB || in.op == Op::MUL ||
                                          in.op == Op::DIV || in.op == Op::AGET)))
            return false;
          if (in.a == r) return true;
          break;
        default: return false;  // a jump or a call: the rest may not run first
      }
    }
    return false;
  }
  // The registers live before each instruction (bytecode liveness over the proto, one
  // bit per register): read on some path before they are written. An instruction that
  // may run Gene code (an operator method, a .get method, a call) reads the variables in
  // scope there too, since a macro's $caller_eval can; one not listed below reads every
  // register. Empty when the proto is too large to be worth it.
  std::vector<std::vector<bool>> liveness() const {
    size_t n = p_->num_regs, size = p_->code.size();
    if (n * size > (size_t{1} << 21)) return {};
    std::vector<std::vector<bool>> live(size, std::vector<bool>(n, false));
    std::vector<bool> all(n, true), none(n, false);
    auto live_in = [&](uint32_t k) -> const std::vector<bool>& { return k < size ? live[k] : none; };
    for (bool changed = true; changed;) {
      changed = false;
      for (uint32_t k = static_cast<uint32_t>(size); k-- > 0;) {
        const Instr& in = code_[k];
        std::vector<int> reads;
        bool runs_code = true, falls_through = true, jumps = false, known = true;
        int writes_from = in.a, writes_to = in.a;  // the registers it always writes
        uint32_t to = 0;
        auto jump = [&](int64_t offset) {
          jumps = true;
          to = target(k, offset);
        };
        auto write_nothing = [&] { writes_to = writes_from - 1; };
        auto call_window = [&](int first) {
          if (in.b & kPropsFlag) known = false;
          for (int a = first; a <= in.b; ++a) reads.push_back(in.a + a);
        };
        switch (in.op) {
          case Op::LOADK: case Op::LOADI: case Op::LOADBOOL: case Op::GETUPVAL: case Op::NEWMAP: runs_code = false; break;
          case Op::LOADNIL: writes_to = in.a + in.b; runs_code = false; break;
          case Op::MOVE: case Op::NOT: reads = {in.b}; runs_code = false; break;
          case Op::NEWARRAY:
            for (int a = 0; a < in.c; ++a) reads.push_back(in.b + a);
            runs_code = false;
            break;
          case Op::CONCAT: for (int a = 0; a < in.c; ++a) reads.push_back(in.b + a); break;
          case Op::GETGLOBAL: break;
          case Op::ADD: case Op::SUB: case Op::MUL: case Op::DIV: case Op::AGET: case Op::GETKEY: case Op::GETKEYU:
            reads = {in.b, in.c};
            break;
          case Op::ADDK: case Op::SUBK: case Op::MULK: case Op::DIVK: case Op::ADDI: case Op::SUBI: case Op::NEG:
          case Op::AGETI: case Op::GETINDEX: case Op::GETMEMBER:
            reads = {in.b};
            break;
          case Op::CALLG: call_window(1); break;  // its arguments
          case Op::CALL: case Op::CALLM: case Op::CALLSELF: case Op::NEW: call_window(0); break;  // callee or receiver too
          case Op::ASETV: case Op::SETKEY: reads = {in.a, in.b, in.c}; write_nothing(); break;
          case Op::ASETVI: case Op::SETINDEX: case Op::SETMEMBER: case Op::SETPROP: reads = {in.a, in.c}; write_nothing(); break;
          // A return closes the upvalues of the variables in scope: it reads them.
          case Op::RET: reads = {in.a}; write_nothing(); falls_through = false; break;
          case Op::RETNIL: write_nothing(); falls_through = false; break;
          case Op::JMP: case Op::LOOP: write_nothing(); runs_code = falls_through = false; jump(in.sbx()); break;
          case Op::JMPIF: case Op::JMPIFNOT: case Op::JMPIFDEF:
            reads = {in.a};
            write_nothing();
            runs_code = false;
            jump(in.sbx());
            break;
          case Op::JNLT: case Op::JNLE: case Op::JNGT: case Op::JNGE: case Op::JNEQ: case Op::JNNE:
          case Op::LOOPLT: case Op::LOOPLE: case Op::LOOPGT: case Op::LOOPGE: case Op::LOOPNE:
            reads = {in.a, in.b};
            write_nothing();
            jump(in.sc());
            break;
          case Op::JNLTI: case Op::JNLEI: case Op::JNGTI: case Op::JNGEI: case Op::JNEQI: case Op::JNNEI:
          case Op::JNEQK: case Op::JNNEK:
          case Op::LOOPLTI: case Op::LOOPLEI: case Op::LOOPGTI: case Op::LOOPGEI: case Op::LOOPNEI: case Op::LOOPNEK:
            reads = {in.a};
            write_nothing();
            jump(in.sc());
            break;
          // A for loop's state: read (and rewritten, which counts as nothing here); the
          // element is written only when the loop goes on.
          case Op::FORPREP: reads = {in.a, in.a + 1}; write_nothing(); break;
          case Op::FORLOOP: case Op::FORPAIR: reads = {in.a, in.a + 1}; write_nothing(); jump(in.sc()); break;
          default: known = false;
        }
        std::vector<bool> out = none;
        if (!known) {
          out = all;
        } else {
          if (falls_through) out = live_in(k + 1);
          if (jumps)
            for (size_t r = 0; r < n; ++r) out[r] = out[r] || live_in(to)[r];
          for (int r = writes_from; r <= writes_to; ++r)
            if (static_cast<size_t>(r) < n) out[static_cast<size_t>(r)] = false;
          for (int r : reads)
            if (static_cast<size_t>(r) < n) out[static_cast<size_t>(r)] = true;
          if (runs_code)
            for (size_t r = 0; r < n; ++r) out[r] = out[r] || variable_at(static_cast<int>(r), k);
        }
        if (out != live[k]) {
          live[k] = std::move(out);
          changed = true;
        }
      }
    }
    return live;
  }
  // The registers dead at a promoted loop's header hold nil there, not a value carried
  // around the loop: what it wrote to its temporaries in the iteration before is no phi
  // at the header, no machine register across the body, and no copy at its exits (nbody's
  // inner loop carried 11 such registers). A write-back then stores nil, which the
  // interpreter overwrites before it reads. Not in a proto with a handler, which could
  // read them after an error.
  void forget_dead_at_header(Region& g, int gi) {
    for (const Instr& in : p_->code)
      if (in.op == Op::TRY) return;
    if (!live_computed_) {
      live_ = liveness();
      live_computed_ = true;
    }
    if (g.head >= live_.size()) return;
    const std::vector<bool>& live = live_[g.head];
    b_.SetInsertPoint(blocks_[g.head], blocks_[g.head]->getFirstInsertionPt());
    for (auto [r, shadow] : g.shadows)
      if (!sunk_array_of(gi, r) && static_cast<size_t>(r) < live.size() && !live[static_cast<size_t>(r)])
        store(shadow, Tag::Nil, b_.getInt64(0));
  }
  bool parameter(int r) const {
    for (const ParamInfo& param : p_->params)
      if (param.reg == r) return true;
    return false;
  }
  // Whether register r holds a parameter or a variable in scope at instruction k.
  bool variable_at(int r, uint32_t k) const {
    if (parameter(r)) return true;
    for (const LocalInfo& local : p_->locals)
      if (local.reg == r && local.start_pc <= k && k < local.end_pc) return true;
    return false;
  }
  // In a proto compiled because a loop got hot, a loop entered while its variables hold
  // Ints and Floats (the frame's registers, at lowering) assumes they still do at every
  // way in: from the code before it, after a step, and from the interpreter at the header
  // (OSR). Compiled because a call made it hot, its loops assume the same of the
  // parameters, from the arguments of that call. Each entry checks the tags and gives the shadows those tags as constants, so
  // that the loop's tag checks fold (SCCP) wherever its arithmetic keeps the types.
  // Another type deopts at that entry, and the next compile of the proto does not assume.
  void assume_entry_types(Region& g) {
    if (!req_.running || !req_.speculate) return;
    for (auto [br, k] : g.entries)
      if (is_generic_site(k)) return;
    // In the loop that got hot, the registers a for loop keeps across iterations (its
    // source, range or array, and its index) are typed too, so that its step is the one
    // for that source. Elsewhere they may hold what an earlier loop left in them.
    // The element a FORLOOP writes is set before the body reads it, at every entry.
    std::set<int> for_registers, elements;
    bool hot = region_of(req_.running_pc) == region_of(g.head);
    for (uint32_t k = g.head; region_of(k) == region_of(g.head); ++k) {
      if (code_[k].op != Op::FORLOOP && code_[k].op != Op::FORPAIR) continue;
      elements.insert(code_[k].b);
      if (code_[k].op == Op::FORPAIR) elements.insert(code_[k].b + 1);
      if (hot) for_registers.insert({code_[k].a, code_[k].a + 1});
    }
    std::vector<std::pair<llvm::AllocaInst*, Tag>> typed;
    for (auto [r, shadow] : g.shadows) {
      Tag t = req_.running[r].tag;
      bool variable = (req_.at_entry ? parameter(r) : variable_at(r, g.head)) && !set_first(r, g.head) &&
                      !elements.count(r);
      // Numbers, and the containers whose kind guards element and member access.
      bool kind = t == Tag::Int || t == Tag::Float || t == Tag::Array || t == Tag::Instance || t == Tag::Map;
      if (for_registers.count(r) ? t == Tag::Range || t == Tag::Array || t == Tag::Int : variable && kind)
        typed.emplace_back(shadow, t);  // a temporary's tag at the header means nothing
    }
    if (typed.empty()) return;
    for (auto [entry_br, k] : g.entries) {
      b_.SetInsertPoint(entry_br);  // after the shadows were read from R
      LV* same = b_.getTrue();
      for (auto [shadow, t] : typed) same = b_.CreateAnd(same, is(tag_of(shadow), t));
      BasicBlock* here = entry_br->getParent();
      BasicBlock* typed_entry = here->splitBasicBlock(entry_br, "typed_entry");
      here->getTerminator()->eraseFromParent();
      BasicBlock* changed = fresh("entry_type_changed");
      b_.SetInsertPoint(here);
      b_.CreateCondBr(same, typed_entry, changed);
      b_.SetInsertPoint(changed);  // R still holds every register here
      save_pc(k);
      // From the code before the loop (`(var sum 0)`, a sum the loop makes a Float): the
      // interpreter runs one iteration, and the back edge enters again at the header with
      // the types of the iterations after. From the interpreter (OSR at that back edge, a
      // resumption): the types really changed.
      DeoptReason why = g.from_code.count(entry_br) ? kDeoptFirstIteration : kDeoptLoopEntry;
      b_.CreateCall(deopt_fn_, {vm_, f_, b_.getInt32(k), b_.getInt32(why)});
      b_.CreateRet(b_.getInt32(kDeopt));
      b_.SetInsertPoint(entry_br);
      for (auto [shadow, t] : typed) as_value(b_.CreateStore(b_.getInt64(tag_byte(t)), at(shadow, layout::kTag)));
    }
  }
  // Copies of one register at the syncs of a region, past which the region stays in R.
  static constexpr size_t kMaxShadowCopies = 300;
  // Type-based alias info: a Value (in R, an array, a member, a global …) is never the
  // begin or end pointer of a heap vector, so element stores keep an array's bounds in
  // registers. Everything else is left untagged, which aliases all.
  template <typename I>
  I* as_value(I* access) {
    access->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_value_);
    return access;
  }
  // The loads and stores through `slot` (a props entry's value or an array element) made
  // so far, as that kind of Value: an element store then keeps a member read in a
  // register, which a loop over self's array property reads once, not at every access.
  void as_kind(LV* slot, llvm::MDNode* kind) {
    for (llvm::User* u : slot->users()) {
      if (auto* load = llvm::dyn_cast<llvm::LoadInst>(u); load && load->getPointerOperand() == slot)
        load->setMetadata(llvm::LLVMContext::MD_tbaa, kind);
      else if (auto* st = llvm::dyn_cast<llvm::StoreInst>(u); st && st->getPointerOperand() == slot)
        st->setMetadata(llvm::LLVMContext::MD_tbaa, kind);
      else if (auto* gep = llvm::dyn_cast<llvm::GetElementPtrInst>(u); gep && gep->getPointerOperand() == slot)
        as_kind(gep, kind);
    }
  }
  // A member's key in a props entry, a site's entry hint, a global cache and an epoch:
  // compiled code never writes them (a new key, hint or global goes through a helper
  // call), so a loop without calls reads them once, before the loop.
  llvm::LoadInst* as_layout(llvm::LoadInst* load) {
    load->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_layout_);
    return load;
  }
  LV* load_layout(llvm::Type* t, LV* base, size_t offset) {
    return as_layout(b_.CreateLoad(t, at(base, static_cast<int64_t>(offset))));
  }
  LV* load_vector_bound(LV* vector, size_t offset) {
    auto* load = b_.CreateLoad(ptr_, at(vector, static_cast<int64_t>(offset)));
    load->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_vector_);
    return load;
  }
  // The tag is a whole word, and read as one: an 8-byte load from the 8-byte store that
  // wrote it is forwarded at once, a 1-byte load waits about 2 ns more.
  LV* tag_of(LV* slot) { return as_value(b_.CreateLoad(i64_, at(slot, layout::kTag))); }
  LV* bits_of(LV* slot) { return as_value(b_.CreateLoad(i64_, at(slot, layout::kPayload))); }
  LV* tag_word(Tag t) { return b_.getInt64(tag_byte(t)); }
  LV* is(LV* tag, Tag t) { return b_.CreateICmpEQ(tag, tag_word(t)); }
  // The tag is written as a whole word: a later 8-byte load of it forwards from the store.
  void store(LV* slot, Tag t, LV* bits) {
    as_value(b_.CreateStore(b_.getInt64(tag_byte(t)), at(slot, layout::kTag)));
    as_value(b_.CreateStore(bits, at(slot, layout::kPayload)));
  }
  // Two 8-byte loads and two 8-byte stores. The code generator would merge them into one
  // 16-byte move, which can't be forwarded from the two stores that wrote the Value
  // (spectral-norm: 0.21 s -> 0.15 s), but compiled functions are "noimplicitfloat".
  void copy(LV* dst, LV* src) {
    LV* w0 = as_value(b_.CreateLoad(i64_, at(src, 0)));
    LV* w1 = as_value(b_.CreateLoad(i64_, at(src, 8)));
    as_value(b_.CreateStore(w0, at(dst, 0)));
    as_value(b_.CreateStore(w1, at(dst, 8)));
  }
  void store_constant(LV* slot, Value v) { store(slot, v.tag, b_.getInt64(static_cast<uint64_t>(v.as.i))); }
  LV* as_double(LV* bits) { return b_.CreateBitCast(bits, f64_); }
  LV* as_bits(LV* d) { return b_.CreateBitCast(d, i64_); }
  // Int or Float payload as a double (the caller checked it is a number).
  LV* to_double(LV* tag, LV* bits) { return b_.CreateSelect(is(tag, Tag::Int), b_.CreateSIToFP(bits, f64_), as_double(bits)); }
  LV* is_number(LV* tag) { return b_.CreateOr(is(tag, Tag::Int), is(tag, Tag::Float)); }
  LV* truthy(LV* slot) {
    LV* t = tag_of(slot);
    LV* false_bool = b_.CreateAnd(is(t, Tag::Bool), b_.CreateICmpEQ(b_.CreateTrunc(bits_of(slot), i8_), b_.getInt8(0)));
    return b_.CreateNot(b_.CreateOr(is(t, Tag::Nil), false_bool));
  }

  // ---- leaving the fast path ----
  void save_pc(uint32_t k) {
    b_.CreateStore(b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uintptr_t>(code_ + k)), ptr_), at(f_, layout::kFramePc));
  }
  // The interpreter runs this instruction; the frame goes on at one of `succ`, or the
  // code returns the step's status (a call pushed a frame, an error is pending …).
  void step(std::initializer_list<uint32_t> succ) { step(std::span<const uint32_t>(succ.begin(), succ.size())); }
  void step(std::span<const uint32_t> succ) {
    if (inl_) return bail_out();
    go_on_after(call_out(step_fn_, {vm_, f_, b_.getInt32(n_)}), succ);
  }
  // After a helper that returns, as the step does, the index to go on at or -Status.
  void go_on_after(LV* r, std::initializer_list<uint32_t> succ) {
    go_on_after(r, std::span<const uint32_t>(succ.begin(), succ.size()));
  }
  // A helper may also have handed an error to a handler of this frame (Runtime::
  // catch_error): the code goes on at the handler too.
  void go_on_after(LV* r, std::span<const uint32_t> succ) {
    auto* sw = b_.CreateSwitch(r, step_exit_, static_cast<unsigned>(succ.size()));
    std::set<uint32_t> seen;
    for (uint32_t k : succ)
      if (seen.insert(k).second) sw->addCase(b_.getInt64(k), block(k));
    if (!inl_)
      for (uint32_t k : handlers_)
        if (seen.insert(k).second) sw->addCase(b_.getInt64(k), block(k));
    step_result_->addIncoming(r, b_.GetInsertBlock());
  }
  void step_next() { step({n_ + 1}); }
  // A call site that had not run when the proto compiled, so that no cache says what it
  // calls: the step, counted in the proto. Once such steps pass the request's limit (the
  // code before it got hot, the code after it had not run: a loop that fills a table,
  // then the loop that reads it), the code deopts here and the proto compiles again.
  void cold_step() {
    if (inl_ || !req_.cold_step_limit) return step_next();
    LV* steps = at(b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uintptr_t>(p_)), ptr_), layout::kProtoColdSteps);
    LV* n = b_.CreateAdd(b_.CreateLoad(i32_, steps), b_.getInt32(1));
    b_.CreateStore(n, steps);
    BasicBlock* warm = fresh("cold_sites_ran");
    BasicBlock* stepped = fresh("cold_step");
    b_.CreateCondBr(b_.CreateICmpUGT(n, b_.getInt32(req_.cold_step_limit)), warm, stepped,
                    llvm::MDBuilder(ctx_).createBranchWeights(1, 1000));
    b_.SetInsertPoint(warm);
    deopt(kDeoptColdSites);
    b_.SetInsertPoint(stepped);
    step_next();
  }
  // Instructions that build data, and generic paths of .get and .set (Runtime::build).
  void build() {
    if (inl_) return bail_out();
    const char* helper = built_helper(code_[n_].op);
    if (!helper) return step_next();
    go_on_after(call_out(declare(helper, i64_, {ptr_, ptr_, i32_}), {vm_, f_, b_.getInt32(n_)}), {n_ + 1});
  }
  static const char* built_helper(Op op) {
    switch (op) {
#define BUILT_HELPER(name) \
  case Op::name:           \
    return "gene_jit_build_" #name;
      GENE_JIT_BUILT_OPS(BUILT_HELPER)
#undef BUILT_HELPER
      default: return nullptr;
    }
  }
  // The native in *fn called with window[1..n] (and window[0] as self for a method); its
  // result goes to window[0], which is R[a]: only R is passed, so the window is in R.
  void call_native(LV* fn, int a, int n, bool method) {
    LV* r = call_out(call_native_fn_, {vm_, f_, b_.getInt32(n_), fn, slot(a), b_.getInt32(static_cast<uint32_t>(n)),
                                       b_.getInt32(method ? 1 : 0)});
    go_on_after(r, {n_ + 1});
  }
  bool speculating() const {
    if (inl_) return true;  // the call site was allowed to speculate
    return req_.speculate && !is_generic_site(n_);
  }
  // The interpreter runs this instruction again from scratch, and the tier learns why.
  // In a promoted loop, every deopt goes through one block of the region, so that the
  // shadows are written back in one place.
  void deopt(DeoptReason why) {
    if (inl_) return bail_out();
    if (int g = region_of(n_)) {
      Region& region = regions_[g];
      if (!region.deopt) {
        llvm::IRBuilder<>::InsertPointGuard keep(b_);
        region.deopt = fresh("loop_deopt");
        b_.SetInsertPoint(region.deopt);
        region.deopt_site = b_.CreatePHI(i32_, 4, "site");
        region.deopt_why = b_.CreatePHI(i32_, 4, "why");
        region.deopt_resume = b_.CreatePHI(i32_, 4, "resume");
        LV* pc = b_.CreateGEP(i8_, b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uintptr_t>(code_)), ptr_),
                              b_.CreateShl(b_.CreateZExt(region.deopt_resume, i64_), 3));
        b_.CreateStore(pc, at(f_, layout::kFramePc));
        region.deopt_pc = pc;
        region.deopt_call = b_.CreateCall(deopt_fn_, {vm_, f_, region.deopt_site, region.deopt_why});
        region.flush_before.push_back(region.deopt_call);
        b_.CreateRet(b_.getInt32(kDeopt));
      }
      region.deopt_site->addIncoming(b_.getInt32(n_), b_.GetInsertBlock());
      region.deopt_why->addIncoming(b_.getInt32(why), b_.GetInsertBlock());
      auto restart = restart_at_.find(n_);
      region.deopt_resume->addIncoming(b_.getInt32(restart == restart_at_.end() ? n_ : restart->second), b_.GetInsertBlock());
      b_.CreateBr(region.deopt);
      return;
    }
    save_pc(n_);
    call_out(deopt_fn_, {vm_, f_, b_.getInt32(n_), b_.getInt32(why)}, false);
    b_.CreateRet(b_.getInt32(kDeopt));
  }
  // An element or member read into dst. When the interpreter saw this read give only
  // Ints, or only Floats, the code assumes it still does: the arithmetic on the value then
  // has no type tests. Another type deopts before anything changed.
  void read_as_seen(LV* dst, LV* src) {
    uint8_t seen = code_[n_].seen;
    Tag t = seen == seen_bit(Tag::Int) ? Tag::Int : seen == seen_bit(Tag::Float) ? Tag::Float : Tag::Nil;
    if (t == Tag::Nil || !speculating()) {
      copy(dst, src);
      return;
    }
    BasicBlock* as_seen = fresh("as_seen");
    BasicBlock* other = fresh("not_as_seen");
    b_.CreateCondBr(is(tag_of(src), t), as_seen, other);
    b_.SetInsertPoint(other);
    deopt(kDeoptReadType);
    b_.SetInsertPoint(as_seen);
    store(dst, t, bits_of(src));
  }
  // The generic path of an operation with an inline fast path. In a promoted loop it
  // deopts when speculating, so that the loop has no calls that would sync its shadows.
  void generic(std::initializer_list<uint32_t> succ) {
    if (inl_) bail_out();
    else if (region_of(n_) && speculating()) deopt(kDeoptLoopSlowPath);
    else step(succ);
  }
  // The same with the interpreter's function called directly (Runtime::build), no step.
  void generic_built() {
    if (inl_) bail_out();
    else if (region_of(n_) && speculating()) deopt(kDeoptLoopSlowPath);
    else build();
  }
  // A block for the generic path of this instruction: a deopt when speculating, else a step.
  BasicBlock* slow_path(DeoptReason why, std::initializer_list<uint32_t> succ) {
    BasicBlock* here = b_.GetInsertBlock();
    BasicBlock* slow = fresh("slow");
    b_.SetInsertPoint(slow);
    if (speculating()) deopt(why);
    else step(succ);
    b_.SetInsertPoint(here);
    return slow;
  }

  // ---- shared lowerings ----
  struct Operand {
    LV* tag;
    LV* bits;
  };
  Operand in_reg(int r) { return {tag_of(reg(r)), bits_of(reg(r))}; }
  void store(LV* slot, Operand o) {
    as_value(b_.CreateStore(o.tag, at(slot, layout::kTag)));
    as_value(b_.CreateStore(o.bits, at(slot, layout::kPayload)));
  }
  Operand constant(Value v) { return {tag_word(v.tag), b_.getInt64(static_cast<uint64_t>(v.as.i))}; }
  Operand immediate(int64_t i) { return {tag_word(Tag::Int), b_.getInt64(static_cast<uint64_t>(i))}; }

  // R[a] = x op y: Int with an overflow check, Float, mixed numbers; the rest (errors,
  // overflow) through the interpreter. `int_only` speculates Int (an immediate operand).
  void arith(int a, Op op, Operand x, Operand y, bool int_only) {
    BasicBlock* int_bb = fresh("int");
    BasicBlock* other = fresh("not_int");
    BasicBlock* slow = fresh("slow");
    b_.CreateCondBr(b_.CreateAnd(is(x.tag, Tag::Int), is(y.tag, Tag::Int)), int_bb, other);

    b_.SetInsertPoint(int_bb);
    llvm::Intrinsic::ID id = op == Op::ADD   ? llvm::Intrinsic::sadd_with_overflow
                             : op == Op::SUB ? llvm::Intrinsic::ssub_with_overflow
                                             : llvm::Intrinsic::smul_with_overflow;
    LV* res = b_.CreateBinaryIntrinsic(id, x.bits, y.bits);
    BasicBlock* ok = fresh("no_overflow");
    b_.CreateCondBr(b_.CreateExtractValue(res, 1), slow, ok);
    b_.SetInsertPoint(ok);
    store(reg(a), Tag::Int, b_.CreateExtractValue(res, 0));
    b_.CreateBr(next());

    b_.SetInsertPoint(other);
    if (int_only && speculating()) {
      deopt(kDeoptNotInt);
    } else {
      BasicBlock* num = fresh("numbers");
      b_.CreateCondBr(b_.CreateAnd(is_number(x.tag), is_number(y.tag)), num, slow);
      b_.SetInsertPoint(num);
      LV* dx = to_double(x.tag, x.bits);
      LV* dy = to_double(y.tag, y.bits);
      LV* r = op == Op::ADD ? b_.CreateFAdd(dx, dy) : op == Op::SUB ? b_.CreateFSub(dx, dy) : b_.CreateFMul(dx, dy);
      store(reg(a), Tag::Float, as_bits(r));
      b_.CreateBr(next());
    }
    b_.SetInsertPoint(slow);
    generic({n_ + 1});
  }

  void divide(int a, Operand x, Operand y) {
    BasicBlock* num = fresh("numbers");
    BasicBlock* slow = fresh("slow");
    b_.CreateCondBr(b_.CreateAnd(is_number(x.tag), is_number(y.tag)), num, slow);
    b_.SetInsertPoint(num);
    store(reg(a), Tag::Float, as_bits(b_.CreateFDiv(to_double(x.tag, x.bits), to_double(y.tag, y.bits))));
    b_.CreateBr(next());
    b_.SetInsertPoint(slow);
    generic({n_ + 1});
  }

  llvm::CmpInst::Predicate int_predicate(Op op) {
    switch (op) {
      case Op::LT: return llvm::CmpInst::ICMP_SLT;
      case Op::LE: return llvm::CmpInst::ICMP_SLE;
      case Op::GT: return llvm::CmpInst::ICMP_SGT;
      default: return llvm::CmpInst::ICMP_SGE;
    }
  }
  llvm::CmpInst::Predicate float_predicate(Op op) {
    switch (op) {
      case Op::LT: return llvm::CmpInst::FCMP_OLT;
      case Op::LE: return llvm::CmpInst::FCMP_OLE;
      case Op::GT: return llvm::CmpInst::FCMP_OGT;
      default: return llvm::CmpInst::FCMP_OGE;
    }
  }

  // An ordering of x and y: Int and Float inline; on_result gets the i1 in a block that
  // continues the fast path. The slow path steps to `succ`, or deopts when int_only.
  template <typename OnResult>
  void ordering(Op op, Operand x, Operand y, bool int_only, std::initializer_list<uint32_t> succ, OnResult on_result) {
    BasicBlock* int_bb = fresh("int");
    BasicBlock* other = fresh("not_int");
    b_.CreateCondBr(b_.CreateAnd(is(x.tag, Tag::Int), is(y.tag, Tag::Int)), int_bb, other);
    b_.SetInsertPoint(int_bb);
    on_result(b_.CreateICmp(int_predicate(op), x.bits, y.bits));
    b_.SetInsertPoint(other);
    if (int_only && speculating()) {
      deopt(kDeoptNotInt);
      return;
    }
    BasicBlock* floats = fresh("floats");
    BasicBlock* mixed = fresh("mixed");
    BasicBlock* exact = fresh("exact");
    BasicBlock* slow = fresh("slow");
    b_.CreateCondBr(b_.CreateAnd(is(x.tag, Tag::Float), is(y.tag, Tag::Float)), floats, mixed);
    b_.SetInsertPoint(floats);
    on_result(b_.CreateFCmp(float_predicate(op), as_double(x.bits), as_double(y.bits)));
    // An Int and a Float: as doubles, exact while the Int is within 2^53 (the interpreter
    // compares exactly); an ordered compare is false with NaN, as in the interpreter.
    b_.SetInsertPoint(mixed);
    LV* int_bits = b_.CreateSelect(is(x.tag, Tag::Int), x.bits, y.bits);
    LV* small = b_.CreateICmpULE(b_.CreateAdd(int_bits, b_.getInt64(1ULL << 53)), b_.getInt64(1ULL << 54));
    b_.CreateCondBr(b_.CreateAnd(b_.CreateAnd(is_number(x.tag), is_number(y.tag)), small), exact, slow);
    b_.SetInsertPoint(exact);
    on_result(b_.CreateFCmp(float_predicate(op), to_double(x.tag, x.bits), to_double(y.tag, y.bits)));
    b_.SetInsertPoint(slow);
    generic(succ);
  }
  // Compare and branch: jump to the target when the comparison is false.
  void branch_unless(Op op, Operand x, Operand y, int16_t offset, bool int_only) {
    uint32_t taken = target(n_, offset);
    ordering(op, x, y, int_only, {n_ + 1, taken}, [&](LV* holds) { b_.CreateCondBr(holds, next(), block(taken)); });
  }
  // The test at the bottom of a while loop: back to its header while the comparison holds.
  void branch_back(Op op, Operand x, Operand y, bool int_only) {
    ordering(op, x, y, int_only, {n_ + 1, header(n_)}, [&](LV* holds) { b_.CreateCondBr(holds, back_edge(), next()); });
  }

  // Equality never raises: Int == Int inline, anything else through values_equal.
  // values_equal inline where its first test settles it: values of two kinds are never
  // equal (Int and Float included, §4.2); two Ints, Symbols (interned), Chars or Bools
  // compare their payloads (a Char's code, a Bool's byte), and so do the kinds equal only
  // to themselves (a class, an instance, a function …). The rest call the function.
  LV* equal(int x, int y) {
    BasicBlock* same_kind = fresh("same_kind");
    BasicBlock* scalars = fresh("scalars");
    BasicBlock* other = fresh("other");
    BasicBlock* done = fresh("equal_done");
    Operand ox = in_reg(x), oy = in_reg(y);
    BasicBlock* kinds_differ = b_.GetInsertBlock();
    b_.CreateCondBr(b_.CreateICmpEQ(ox.tag, oy.tag), same_kind, done);
    b_.SetInsertPoint(same_kind);
    LV* whole = b_.CreateOr(is(ox.tag, Tag::Int), is(ox.tag, Tag::Symbol));
    whole = b_.CreateOr(whole, b_.CreateICmpUGE(ox.tag, tag_word(kFirstIdentityTag)));
    LV* code = is(ox.tag, Tag::Char);
    LV* byte = is(ox.tag, Tag::Bool);
    b_.CreateCondBr(b_.CreateOr(whole, b_.CreateOr(code, byte)), scalars, other);
    b_.SetInsertPoint(scalars);
    LV* mask = b_.CreateSelect(whole, b_.getInt64(~uint64_t{0}), b_.CreateSelect(code, b_.getInt64(0xffffffff), b_.getInt64(0xff)));
    LV* same = b_.CreateICmpEQ(b_.CreateAnd(ox.bits, mask), b_.CreateAnd(oy.bits, mask));
    b_.CreateBr(done);
    b_.SetInsertPoint(other);
    llvm::PHINode* phi = equal_joined(spill(x, equal_x_), spill(y, equal_y_), kinds_differ, done, 3);
    phi->addIncoming(same, scalars);
    return phi;
  }
  // gene_jit_equal on the values at x_at and y_at, joined at `done` with false from
  // `kinds_differ`.
  llvm::PHINode* equal_joined(LV* x_at, LV* y_at, BasicBlock* kinds_differ, BasicBlock* done, unsigned incoming) {
    LV* eq = b_.CreateICmpNE(b_.CreateCall(equal_fn_, {x_at, y_at}), b_.getInt32(0));
    BasicBlock* called = b_.GetInsertBlock();
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
    auto* phi = b_.CreatePHI(b_.getInt1Ty(), incoming);
    phi->addIncoming(b_.getFalse(), kinds_differ);
    phi->addIncoming(eq, called);
    return phi;
  }

  // The two arguments of the call at window w, then the next instruction.
  void to_window(int w, Operand x, Operand y) {
    store(reg(w + 1), x);
    store(reg(w + 2), y);
    b_.CreateBr(next());
  }
  // R[x] == the Int immediate v.
  LV* equal_immediate(int x, int16_t v) {
    Operand o = in_reg(x);
    return b_.CreateAnd(is(o.tag, Tag::Int), b_.CreateICmpEQ(o.bits, b_.getInt64(static_cast<uint64_t>(int64_t{v}))));
  }
  // R[x] == constant k: scalars in line; an object (a string) of k's kind through
  // gene_jit_equal, with k where the proto keeps its constants.
  LV* equal_constant(int x, const Value& k) {
    Operand ox = in_reg(x);
    LV* same_kind = is(ox.tag, k.tag);
    auto masked_equal = [&](uint64_t mask) {
      return b_.CreateAnd(same_kind, b_.CreateICmpEQ(b_.CreateAnd(ox.bits, b_.getInt64(mask)),
                                                     b_.getInt64(static_cast<uint64_t>(k.as.i) & mask)));
    };
    switch (k.tag) {
      case Tag::Nil: return same_kind;
      case Tag::Int:
      case Tag::Symbol: return masked_equal(~uint64_t{0});  // a symbol is equal only to itself
      case Tag::Char: return masked_equal(0xffffffff);
      case Tag::Bool: return masked_equal(0xff);
      case Tag::Float: {
        LV* x_float = b_.CreateBitCast(ox.bits, b_.getDoubleTy());
        return b_.CreateAnd(same_kind, b_.CreateFCmpOEQ(x_float, llvm::ConstantFP::get(b_.getDoubleTy(), k.as.f)));
      }
      default: break;
    }
    BasicBlock* call = fresh("equal_call");
    BasicBlock* done = fresh("equal_done");
    BasicBlock* kinds_differ = b_.GetInsertBlock();
    const String* ks = k.tag == Tag::String ? as_string(k) : nullptr;
    if (!ks || !ks->key) {
      b_.CreateCondBr(same_kind, call, done);
      b_.SetInsertPoint(call);
      return equal_joined(spill(x, equal_x_), constant_at(k), kinds_differ, done, 2);
    }
    // A string literal knows its symbol (strings_equal): a string that knows one too is
    // equal exactly when it is the same symbol; only one that does not compares bytes.
    BasicBlock* string = fresh("string");
    BasicBlock* keyed = fresh("keyed");
    b_.CreateCondBr(same_kind, string, done);
    b_.SetInsertPoint(string);
    LV* key = load_at(i64_, b_.CreateIntToPtr(ox.bits, ptr_), layout::kStringKey);
    b_.CreateCondBr(b_.CreateICmpEQ(key, b_.getInt64(0)), call, keyed);
    b_.SetInsertPoint(keyed);
    LV* same_key = b_.CreateICmpEQ(key, b_.getInt64(reinterpret_cast<uintptr_t>(ks->key)));
    b_.CreateBr(done);
    b_.SetInsertPoint(call);
    llvm::PHINode* phi = equal_joined(spill(x, equal_x_), constant_at(k), kinds_differ, done, 3);
    phi->addIncoming(same_key, keyed);
    return phi;
  }
  LV* constant_at(const Value& k) { return b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uintptr_t>(&k)), ptr_); }

  // The element pointer of array `arr` (an Array* as i64) at index `k` (i64), and
  // whether the index is in range (0 <= k < size).
  std::pair<LV*, LV*> element(LV* arr_bits, LV* k) {
    LV* arr = b_.CreateIntToPtr(arr_bits, ptr_);
    LV* begin = load_vector_bound(arr, layout::kArrayItems + vector_.begin);
    LV* end = load_vector_bound(arr, layout::kArrayItems + vector_.end);
    LV* size = b_.CreateLShr(b_.CreateSub(b_.CreatePtrToInt(end, i64_), b_.CreatePtrToInt(begin, i64_)), 4);
    LV* in_range = b_.CreateICmpULT(k, size);
    LV* slot = b_.CreateGEP(i8_, begin, b_.CreateShl(k, 4));
    return {slot, in_range};
  }
  // Array element access with the index in a register or an immediate: `access` does
  // the load or store on the element slot; anything else takes the generic path.
  // `generic_seen`: the interpreter took the generic path here, so it is a call, never a
  // deopt.
  template <typename Access>
  void array_access(int array_reg, Operand index, bool speculate, Access access, bool generic_seen = false) {
    if (!vector_.known) {
      step_next();
      return;
    }
    speculate = !generic_seen && (speculate || (region_of(n_) && speculating()));
    BasicBlock* slow = speculate ? slow_path(kDeoptIndex, {n_ + 1}) : fresh("slow");
    BasicBlock* is_array = fresh("array");
    Operand arr = in_reg(array_reg);
    b_.CreateCondBr(b_.CreateAnd(is(arr.tag, Tag::Array), is(index.tag, Tag::Int)), is_array, slow);
    b_.SetInsertPoint(is_array);
    auto [slot, in_range] = element(arr.bits, index.bits);
    BasicBlock* hit = fresh("in_range");
    b_.CreateCondBr(in_range, hit, slow);
    b_.SetInsertPoint(hit);
    access(slot, arr);
    as_kind(slot, tbaa_element_);
    b_.CreateBr(next());
    if (!speculate) {
      b_.SetInsertPoint(slow);
      Op op = p_->code[n_].op;
      if (op == Op::AGET || op == Op::ASET || op == Op::ASETV || op == Op::AGETI || op == Op::ASETVI || op == Op::GETKEY ||
          op == Op::GETKEYU || op == Op::SETKEY)
        build();
      else step_next();
    }
  }

  // ---- inlining ----
  // A small function called from here whose body has no calls, loops or stores outside
  // its registers (arithmetic, comparisons, branches, reads of elements, members and
  // globals, math builtins) is lowered into the caller, its registers in allocas. Any
  // guard that fails inside it bails out to the call site before anything changed, and
  // the interpreter makes the call: errors and stack traces come from there. A bail-out
  // makes the site generic, so the next compile calls instead of inlining.
  static constexpr size_t kMaxInlineInstructions = 40;
  struct Inlined {
    // While the body is lowered these hold the caller's, and the members the callee's.
    Proto* p;
    const Instr* code;
    uint32_t n;
    std::vector<BasicBlock*> blocks;
    LV* closure;                           // the callee (a Closure*), for its upvalues and namespace
    std::vector<llvm::AllocaInst*> regs;  // the callee's registers
    int result;                            // the caller's register the result goes to
    Operand self;
    bool frameless = false;                // the body of this proto's frameless clone
    const Namespace* ns = nullptr;         // the callee's, when the guard names one closure
  };
  void swap_context(Inlined& in) {
    std::swap(p_, in.p);
    std::swap(code_, in.code);
    std::swap(n_, in.n);
    std::swap(blocks_, in.blocks);
  }
  // Runs `emit` as the caller, at the call site.
  template <typename Emit>
  void as_caller(Emit emit) {
    Inlined* callee = inl_;
    swap_context(*callee);
    inl_ = nullptr;
    emit();
    inl_ = callee;
    swap_context(*callee);
  }
  void bail_out() {
    if (inl_->frameless) {
      b_.CreateRet(frameless_bail());
      return;
    }
    as_caller([&] { deopt(kDeoptInlined); });
  }
  // Whether closure c called with nargs arguments can be inlined here.
  bool inlinable(const Closure* c, int nargs) const {
    const Proto* q = c->proto;
    if (inl_ || q == p_ || req_.profile || !req_.speculate || !speculating() || q->code.size() > kMaxInlineInstructions)
      return false;
    if (q->fast_min_args == Proto::kNoFastCall || nargs < q->fast_min_args || nargs > q->num_regs) return false;
    for (uint32_t k = 0; k < q->code.size(); ++k) {
      const Instr& in = q->code[k];
      switch (in.op) {
        case Op::MOVE: case Op::LOADK: case Op::LOADI: case Op::LOADNIL: case Op::LOADBOOL: case Op::LOADSELF: case Op::GETUPVAL:
        case Op::ADD: case Op::SUB: case Op::MUL: case Op::DIV: case Op::ADDI: case Op::SUBI: case Op::ADDK:
        case Op::SUBK: case Op::MULK: case Op::DIVK: case Op::NEG: case Op::NOT:
        case Op::EQ: case Op::NE: case Op::LT: case Op::LE: case Op::GT: case Op::GE:
        case Op::JNLT: case Op::JNLE: case Op::JNGT: case Op::JNGE: case Op::JNEQ: case Op::JNNE: case Op::JNLTI:
        case Op::JNLEI: case Op::JNGTI: case Op::JNGEI: case Op::JNEQI: case Op::JNNEI: case Op::JNEQK: case Op::JNNEK:
        case Op::JMPIF: case Op::JMPIFNOT: case Op::BUILTIN2: case Op::BUILTIN2I:  // the CALLG after them decides
        case Op::AGET: case Op::AGETI: case Op::GETINDEX: case Op::GETMEMBER: case Op::RET: case Op::RETNIL:
          break;
        case Op::JMP:
          if (in.sbx() < 0) return false;  // a loop
          break;
        case Op::GETGLOBAL:
          if (!global_site_ran(q, in.c)) return false;
          break;
        case Op::CALLG: {
          const Value* named = cached_global(q, in.c);
          if (!inline_builtin(named, in.b)) return false;
          break;
        }
        case Op::CALL: case Op::TAILCALL: {  // of a builtin, as builtin_call lowers them
          if (in.op == Op::TAILCALL && (in.b & kPropsFlag)) return false;
          int nargs = in.b & kArgCountMask;
          const Value* named = global_read_into(q, k, in.a);
          if (!inline_builtin(named, nargs)) return false;
          break;
        }
        default: return false;
      }
    }
    return true;
  }
  // The call at this site of a closure of c's proto (checked inlinable, and guarded to be
  // what the site calls; `closure` is it at run time), with its arguments in the window
  // after register a, and self.
  void inline_call(const Closure* c, LV* closure, int a, int nargs, Operand self, bool by_proto) {
    const Proto* q = c->proto;
    if (std::find(inlined_.begin(), inlined_.end(), q) == inlined_.end()) inlined_.push_back(q);
    Inlined callee{c->proto, c->proto->code.data(), 0, {}, closure, {}, a, self};
    if (!by_proto) callee.ns = c->ns;
    llvm::IRBuilder<> at_entry(entry_, entry_->begin());
    for (uint16_t r = 0; r < q->num_regs; ++r)
      callee.regs.push_back(at_entry.CreateAlloca(llvm::ArrayType::get(i64_, 2), nullptr, "inl" + std::to_string(r)));
    for (uint16_t r = 0; r < q->num_regs; ++r) {
      if (r < nargs) copy(callee.regs[r], reg(a + 1 + r));
      else store_constant(callee.regs[r], make_nil());
    }
    lower_body(callee, "inlined");
  }
  // Lowers the body of `callee` (its registers made) in blocks of its own, entered from
  // the insertion point.
  void lower_body(Inlined& callee, const char* block_name) {
    for (size_t k = 0; k <= callee.p->code.size(); ++k) callee.blocks.push_back(fresh(block_name));
    b_.CreateBr(callee.blocks[0]);
    swap_context(callee);
    inl_ = &callee;
    for (size_t k = 0; k < p_->code.size(); ++k) {
      n_ = static_cast<uint32_t>(k);
      b_.SetInsertPoint(blocks_[k]);
      lower_instruction(p_->code[k]);
    }
    b_.SetInsertPoint(blocks_.back());
    b_.CreateUnreachable();  // every body ends with a return
    inl_ = nullptr;
    swap_context(callee);
  }
  // While `callee` is closure c (or, `by_proto`, any closure of c's proto: closures made
  // anew, each with its own upvalues), its body inline; else the generic path.
  void guarded_inline(const Closure* c, Operand callee, int a, int nargs, Operand self, BasicBlock* generic,
                      bool by_proto = false) {
    BasicBlock* same = fresh("same_function");
    LV* closure = b_.CreateIntToPtr(callee.bits, ptr_);
    if (by_proto) {
      BasicBlock* function = fresh("function");
      b_.CreateCondBr(is(callee.tag, Tag::Function), function, generic);
      b_.SetInsertPoint(function);
      LV* proto = load_at(ptr_, closure, layout::kClosureProto);
      b_.CreateCondBr(b_.CreateICmpEQ(proto, b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uintptr_t>(c->proto)), ptr_)),
                      same, generic);
    } else {
      LV* held = b_.CreateAnd(is(callee.tag, Tag::Function),
                              b_.CreateICmpEQ(callee.bits, b_.getInt64(reinterpret_cast<uintptr_t>(c))));
      b_.CreateCondBr(held, same, generic);
    }
    b_.SetInsertPoint(same);
    inline_call(c, closure, a, nargs, self, by_proto);
    b_.SetInsertPoint(generic);
    Lowering::generic({n_ + 1});
  }
  // The closure a CALL of register a probably finds there: the one the global read into
  // it named when its cache was last filled (calls whose arguments branch load the callee
  // first), or the one the variable copied into it holds in the running frame (a closure
  // kept in a local or passed as an argument: its proto is what is guessed, `by_proto`).
  // A guard checks it.
  // The value the GETGLOBAL that last wrote register a found through its cache, if that
  // is the last write before this instruction and the cache is still valid.
  const Value* global_read_into(int a) const { return global_read_into(p_, n_, a, code_); }
  // The same before instruction `at` of q.
  const Value* global_read_into(const Proto* q, uint32_t at, int a, const Instr* code = nullptr) const {
    if (!code) code = q->code.data();
    for (uint32_t k = at; k-- > 0;) {
      const Instr& in = code[k];
      if (in.a != a) continue;
      return in.op == Op::GETGLOBAL ? cached_global(q, in.c) : nullptr;
    }
    return nullptr;
  }
  const Closure* likely_callee(int a, bool& by_proto) const {
    for (uint32_t k = n_; k-- > 0;) {
      const Instr& in = code_[k];
      if (in.a != a) continue;
      const Value* v = nullptr;
      by_proto = in.op == Op::MOVE;
      if (in.op == Op::GETGLOBAL) v = cached_global(in.c);
      else if (in.op == Op::MOVE && req_.running && (!req_.at_entry || parameter(in.b))) v = &req_.running[in.b];
      return v && v->tag == Tag::Function ? as_closure(*v) : nullptr;
    }
    return nullptr;
  }

  // RET and RETNIL of an inlined body: the value goes to the caller's register, and the
  // caller goes on after the call.
  void inlined_return(LV* value) {
    if (inl_->frameless) {
      b_.CreateRet(value ? frameless_result(tag_of(value), bits_of(value)) : frameless_result(tag_word(Tag::Nil), b_.getInt64(0)));
      return;
    }
    int result = inl_->result;
    as_caller([&] {
      if (value) copy(reg(result), value);
      else store_constant(reg(result), make_nil());
      b_.CreateBr(next());
    });
  }

  // ---- frameless self-recursion ----
  // A function whose body is pure but for calls of itself (fib, tak: arithmetic,
  // comparisons, branches, returns, math builtins, self-calls through its global) gets a
  // clone that takes its arguments and returns its value in machine registers, and calls
  // itself without VM frames. While it runs, nothing can change a global, collect or look
  // at frames, so the check that the global still names this closure is made once, where
  // the framed code enters the clone. Anything the clone does not handle (a type guard,
  // an overflow, the native stack budget) returns kFramelessBail up the whole chain: since
  // nothing outside the clone's registers changed, the framed code makes the same call
  // again with frames, and errors, stack traces and deep recursion are the interpreter's.
  // After kMaxFramelessBails bail-outs the framed code stops trying the clone.
  static constexpr size_t kMaxFramelessInstructions = 60;
  static constexpr uint64_t kFramelessBail = 0xff;  // no Tag has this value
  static constexpr uint64_t kMaxFramelessBails = 4;
  // The number of arguments the clone takes (the most any self-call passes), or 0 when
  // this proto gets no clone.
  unsigned frameless_arity() const {
    if (!req_.speculate || req_.profile || !req_.caches || !vector_.known || p_->is_module) return 0;
    if (p_->code.size() > kMaxFramelessInstructions || p_->fast_min_args == Proto::kNoFastCall) return 0;
    unsigned arity = 0;
    // Every self-reference reads one global (the entry checks that one holds this closure).
    const Value* self_slot = nullptr;
    auto same_global = [&](const Value* slot) {
      if (!self_slot) self_slot = slot;
      return slot == self_slot;
    };
    for (size_t k = 0; k < p_->code.size(); ++k) {
      const Instr& in = p_->code[k];
      switch (in.op) {
        case Op::MOVE: case Op::LOADK: case Op::LOADI: case Op::LOADNIL: case Op::LOADBOOL:
        case Op::ADD: case Op::SUB: case Op::MUL: case Op::DIV: case Op::ADDI: case Op::SUBI: case Op::ADDK:
        case Op::SUBK: case Op::MULK: case Op::DIVK: case Op::NEG: case Op::NOT:
        case Op::LT: case Op::LE: case Op::GT: case Op::GE:
        case Op::JNLT: case Op::JNLE: case Op::JNGT: case Op::JNGE: case Op::JNLTI:
        case Op::JNLEI: case Op::JNGTI: case Op::JNGEI: case Op::JNEQI: case Op::JNNEI: case Op::JMPIF: case Op::JMPIFNOT:
        case Op::BUILTIN2: case Op::BUILTIN2I: case Op::RET: case Op::RETNIL:
          break;
        case Op::JMP:
          if (in.sbx() < 0) return 0;  // a loop
          break;
        case Op::GETGLOBAL:
          if (!global_site_ran(in.c) || !names_this_proto(cached_global(in.c)) || !same_global(cached_global(in.c))) return 0;
          break;
        case Op::TAILCALL:
          if ((in.b & kPropsFlag) || in.b < p_->fast_min_args || in.b > p_->num_regs) return 0;
          arity = std::max(arity, static_cast<unsigned>(in.b));
          break;
        case Op::CALLG: {
          if (!global_site_ran(in.c)) return 0;
          const Value* named = cached_global(in.c);
          if (inline_builtin(named, in.b))
            break;
          if (!names_this_proto(named) || !same_global(named)) return 0;
          if (in.b < p_->fast_min_args || in.b > p_->num_regs) return 0;
          arity = std::max(arity, static_cast<unsigned>(in.b));
          break;
        }
        default: return 0;
      }
    }
    return arity;
  }
  bool names_this_proto(const Value* v) const { return v && v->tag == Tag::Function && as_closure(*v)->proto == p_; }
  // The clone's result: the value's tag and bits; a bail-out is the tag kFramelessBail.
  LV* frameless_result(LV* tag, LV* bits) {
    LV* r = llvm::UndefValue::get(frameless_->getReturnType());
    return b_.CreateInsertValue(b_.CreateInsertValue(r, tag, 0), bits, 1);
  }
  LV* frameless_bail() { return frameless_result(bail_word(), b_.getInt64(0)); }
  LV* bail_word() { return b_.getInt64(kFramelessBail); }
  LV* frameless_tag(LV* result) { return b_.CreateExtractValue(result, 0); }
  // Each call the clone makes counts in the proto's call count, as a framed call does
  // (gene-bench and the embedding API's statistics see every call).
  void count_call() {
    LV* calls = at(b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uintptr_t>(p_)), ptr_), layout::kProtoCallCount);
    b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, calls), b_.getInt64(1)), calls);
  }
  // Declares the clone and lowers its body, as an inlined body of this very proto.
  void lower_frameless_clone(unsigned arity) {
    std::vector<llvm::Type*> params{ptr_};
    for (unsigned k = 0; k < 2 * arity; ++k) params.push_back(i64_);
    auto* type = llvm::FunctionType::get(llvm::StructType::get(ctx_, {i64_, i64_}), params, false);
    frameless_ = llvm::Function::Create(type, llvm::Function::InternalLinkage, fn_->getName() + "_frameless", mod_);
    frameless_->copyAttributesFrom(fn_);
    llvm::AttributeList framed_attributes = fn_->getAttributes();  // not those of its parameters
    frameless_->setAttributes(llvm::AttributeList::get(ctx_, framed_attributes.getFnAttrs(), framed_attributes.getRetAttrs(), {}));
    frameless_->setDSOLocal(true);
    frameless_arity_ = arity;
    frameless_bails_ = new llvm::GlobalVariable(mod_, i64_, false, llvm::GlobalValue::InternalLinkage, b_.getInt64(0),
                                                fn_->getName() + "_frameless_bails");
    frameless_bails_->setDSOLocal(true);
    llvm::IRBuilder<>::InsertPointGuard keep(b_);
    llvm::Function* framed = fn_;
    LV* framed_vm = vm_;
    BasicBlock* framed_entry = entry_;
    fn_ = frameless_;
    vm_ = frameless_->getArg(0);
    entry_ = fresh("entry");
    b_.SetInsertPoint(entry_);
    Inlined body{p_, code_, 0, {}, llvm::ConstantPointerNull::get(llvm::cast<llvm::PointerType>(ptr_)), {}, 0,
                 nil_operand(), true};
    for (uint16_t r = 0; r < p_->num_regs; ++r)
      body.regs.push_back(b_.CreateAlloca(llvm::ArrayType::get(i64_, 2), nullptr, "r" + std::to_string(r)));
    count_call();
    for (uint16_t r = 0; r < p_->num_regs; ++r) {
      if (r < arity) {
        store(body.regs[r], Operand{frameless_->getArg(1 + 2 * r), frameless_->getArg(2 + 2 * r)});
      } else {
        store_constant(body.regs[r], make_nil());
      }
    }
    // The native stack budget of framed calls holds here too.
    BasicBlock* room = fresh("room");
    BasicBlock* deep = fresh("too_deep");
    LV* frame_address = b_.CreatePtrToInt(b_.CreateIntrinsic(llvm::Intrinsic::frameaddress, {ptr_}, {b_.getInt32(0)}), i64_);
    b_.CreateCondBr(b_.CreateICmpUGT(frame_address, vm_field(i64_, req_.host->stack_limit)), room, deep);
    b_.SetInsertPoint(deep);
    b_.CreateRet(frameless_bail());
    b_.SetInsertPoint(room);
    lower_body(body, "frameless");
    fn_ = framed;
    vm_ = framed_vm;
    entry_ = framed_entry;
  }
  // Calls the clone with the arguments in the window after register a; returns its
  // {tag, bits} result (tag kFramelessBail when it bailed out).
  LV* call_frameless(int a, int nargs) {
    std::vector<LV*> args{vm_};
    for (int r = 0; r < static_cast<int>(frameless_arity_); ++r) {
      Operand o = r < nargs ? in_reg(a + 1 + r) : nil_operand();
      args.push_back(o.tag);
      args.push_back(o.bits);
    }
    return b_.CreateCall(frameless_, args);
  }
  // A self-call inside the clone: a bail-out returns up the chain.
  void frameless_self_call(const Instr& in) {
    LV* r = call_frameless(in.a, in.b);
    LV* tag = frameless_tag(r);
    BasicBlock* bailed = fresh("bailed");
    BasicBlock* done = fresh("returned");
    b_.CreateCondBr(b_.CreateICmpEQ(tag, bail_word()), bailed, done, llvm::MDBuilder(ctx_).createBranchWeights(1, 1000));
    b_.SetInsertPoint(bailed);
    b_.CreateRet(r);
    b_.SetInsertPoint(done);
    store(reg(in.a), Operand{tag, b_.CreateExtractValue(r, 1)});
    b_.CreateBr(next());
  }
  // A tail call in the clone: of the clone's own closure (the one the framed code checked
  // its global held), a jump back to the start with the arguments as the first registers;
  // of anything else, a bail-out.
  void frameless_self_tail_call(const Instr& in) {
    Value self = make_nil();
    for (uint16_t k = 0; k < p_->global_caches.size(); ++k)
      if (names_this_proto(cached_global(k))) self = *cached_global(k);
    BasicBlock* again = fresh("self_tail_call");
    BasicBlock* other = fresh("other_tail_call");
    Operand callee = in_reg(in.a);
    b_.CreateCondBr(b_.CreateAnd(is(callee.tag, Tag::Function), b_.CreateICmpEQ(callee.bits, b_.getInt64(static_cast<uint64_t>(self.as.i)))),
                    again, other);
    b_.SetInsertPoint(other);
    bail_out();
    b_.SetInsertPoint(again);
    std::vector<Operand> args;
    for (int k = 0; k < in.b; ++k) args.push_back(in_reg(in.a + 1 + k));
    for (int r = 0; r < p_->num_regs; ++r) {
      if (r < in.b) store(reg(r), args[static_cast<size_t>(r)]);
      else store_constant(reg(r), make_nil());
    }
    count_call();
    b_.CreateBr(blocks_[0]);
  }
  // In the framed code, once the self-call's global is known to hold this closure: the
  // clone, unless it bailed out too often. Leaves the insertion point where the framed
  // call goes, taken when the clone bails out.
  void try_frameless(const Instr& in) {
    if (!frameless_ || in.b > static_cast<int>(frameless_arity_)) return;
    BasicBlock* framed = fresh("framed_call");
    BasicBlock* attempt = fresh("frameless_call");
    BasicBlock* bailed = fresh("frameless_bailed");
    BasicBlock* done = fresh("frameless_returned");
    b_.CreateCondBr(b_.CreateICmpULT(b_.CreateLoad(i64_, frameless_bails_), b_.getInt64(kMaxFramelessBails)), attempt, framed);
    b_.SetInsertPoint(attempt);
    LV* r = call_frameless(in.a, in.b);
    LV* tag = frameless_tag(r);
    b_.CreateCondBr(b_.CreateICmpEQ(tag, bail_word()), bailed, done, llvm::MDBuilder(ctx_).createBranchWeights(1, 1000));
    b_.SetInsertPoint(bailed);
    b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, frameless_bails_), b_.getInt64(1)), frameless_bails_);
    b_.CreateBr(framed);
    b_.SetInsertPoint(done);
    store(reg(in.a), Operand{tag, b_.CreateExtractValue(r, 1)});
    b_.CreateBr(next());
    b_.SetInsertPoint(framed);
  }

  // Whether keyed access `in` took its generic path in the interpreter, or never ran.
  static bool keyed_generic(const Instr& in) { return in.seen != kSeenArrayPath; }

  // ---- calls ----
  LV* load_at(llvm::Type* t, LV* base, size_t offset) { return b_.CreateLoad(t, at(base, static_cast<int64_t>(offset))); }
  LV* vm_field(llvm::Type* t, size_t offset) { return load_at(t, vm_, offset); }
  // A pointer field of the VM that is set once, when the VM is made, as a constant.
  LV* vm_constant(size_t offset) {
    const void* value = *reinterpret_cast<const void* const*>(static_cast<const char*>(req_.vm) + offset);
    return b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uintptr_t>(value)), ptr_);
  }

  // Pushes a frame for the closure `closure` (window at a, nargs arguments, self given)
  // and runs its native code right here; the generic path when it has no code yet, needs
  // argument binding, or there is no room. Goes on at n+1 once the callee returned.
  // `recursive`: the site called this very proto when it was compiled; while it still
  // does, the call is direct and the callee's shape is known here. Any other callee
  // there takes the generic call: the site was redefined, and half the code is saved.
  void direct_call(int a, int nargs, LV* closure, Operand self, BasicBlock* generic, bool recursive = false) {
    LV* c = b_.CreateIntToPtr(closure, ptr_);
    LV* np = load_at(ptr_, c, layout::kClosureProto);
    LV* entry = load_at(ptr_, np, layout::kProtoJitEntry);
    if (recursive && nargs >= p_->fast_min_args) {
      BasicBlock* self_call = fresh("self_call");
      LV* proto = b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uintptr_t>(p_)), ptr_);
      b_.CreateCondBr(b_.CreateAnd(b_.CreateICmpEQ(np, proto), b_.CreateICmpEQ(entry, fn_)), self_call, generic);
      b_.SetInsertPoint(self_call);
      push_and_call(a, c, proto, b_.getInt64(p_->num_regs), b_.getTrue(), fn_, self, generic);
      return;
    }
    push_and_call(a, c, np, num_regs_of(np), callable(np, entry, nargs), entry, self, generic);
  }
  LV* num_regs_of(LV* np) { return b_.CreateZExt(load_at(b_.getInt16Ty(), np, layout::kProtoNumRegs), i64_); }
  // Whether proto np has native code (`entry`) that binds nargs arguments by itself.
  LV* callable(LV* np, LV* entry, int nargs) {
    LV* fast_min = b_.CreateZExt(load_at(b_.getInt16Ty(), np, layout::kProtoFastMinArgs), i32_);
    LV* ok = b_.CreateICmpNE(entry, llvm::ConstantPointerNull::get(llvm::cast<llvm::PointerType>(ptr_)));
    return b_.CreateAnd(ok, b_.CreateICmpUGE(b_.getInt32(static_cast<uint32_t>(nargs)), fast_min));
  }
  // The frame push and the native call of direct_call, once `ok` holds and there is room.
  // `make_self`, when given, runs once the push is certain and gives the frame's self;
  // `flags` are the new frame's.
  void push_and_call(int a, LV* c, LV* np, LV* regs, LV* ok, LV* entry, Operand self, BasicBlock* generic,
                     const std::function<Operand()>& make_self = nullptr, uint32_t flags = 0) {
    const HostLayout& h = *req_.host;
    LV* nf = at(f_, sizeof(Frame));  // this frame is the top one while its code runs
    LV* nb = slot(a + 1);
    ok = b_.CreateAnd(ok, b_.CreateICmpULT(nf, vm_constant(h.frames_end)));
    ok = b_.CreateAnd(ok, b_.CreateICmpULT(b_.CreateGEP(i8_, nb, b_.CreateShl(regs, 4)), vm_constant(h.stack_end)));
    LV* frame_address = b_.CreateIntrinsic(llvm::Intrinsic::frameaddress, {ptr_}, {b_.getInt32(0)});
    ok = b_.CreateAnd(ok, b_.CreateICmpUGT(b_.CreatePtrToInt(frame_address, i64_), vm_field(i64_, h.stack_limit)));
    BasicBlock* push = fresh("push_frame");
    b_.CreateCondBr(ok, push, generic);

    b_.SetInsertPoint(push);
    if (make_self) self = make_self();
    LV* calls = at(np, layout::kProtoCallCount);
    b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, calls), b_.getInt64(1)), calls);
    b_.CreateStore(c, at(nf, layout::kFrameClosure));
    b_.CreateStore(np, at(nf, layout::kFrameProto));
    b_.CreateStore(nb, at(nf, layout::kFrameBase));
    b_.CreateStore(load_at(ptr_, np, layout::kProtoCode + vector_.begin), at(nf, layout::kFramePc));
    b_.CreateStore(load_at(ptr_, np, layout::kProtoConstants + vector_.begin), at(nf, layout::kFrameK));
    b_.CreateStore(b_.CreateZExt(self.tag, i64_), at(nf, layout::kFrameSelf + layout::kTag));
    b_.CreateStore(self.bits, at(nf, layout::kFrameSelf + layout::kPayload));
    b_.CreateStore(b_.getInt64(flags), at(nf, layout::kFrameFlags));  // flags and env in one store
    set_frame_count(nf);
    save_pc(n_ + 1);
    llvm::CallInst* status = b_.CreateCall(entry_type(), entry, {vm_, nf, nb});
    around_call(status, true);
    BasicBlock* leave = fresh("callee_left");
    b_.CreateCondBr(b_.CreateICmpEQ(status, b_.getInt32(kReturned)), next(), leave);
    b_.SetInsertPoint(leave);
    if (!handlers_.empty() && !inl_) {
      // An error the callee left may be for a try of this frame: its handler goes on here.
      BasicBlock* thrown = fresh("callee_threw");
      BasicBlock* other = fresh("callee_stopped");
      b_.CreateCondBr(b_.CreateICmpEQ(status, b_.getInt32(kThrow)), thrown, other);
      b_.SetInsertPoint(thrown);
      go_on_after(call_out(catch_fn_, {vm_, f_}), {});
      b_.SetInsertPoint(other);
    }
    b_.CreateRet(status);  // the callee deopted or pushed frames: the dispatch loop goes on
  }
  // Where the handlers of p's trys begin.
  static std::vector<uint32_t> handler_pcs(const Proto& p) {
    std::vector<uint32_t> pcs;
    for (size_t k = 0; k < p.code.size(); ++k)
      if (p.code[k].op == Op::TRY) pcs.push_back(static_cast<uint32_t>(static_cast<int64_t>(k) + 1 + p.code[k].sbx()));
    return pcs;
  }
  // A CALLG of this proto's own closure `self` (the global named it at the compile):
  // while no namespace changed shape since, the global's slot is where it was then, so
  // the check that it still holds that closure, and that the proto's entry is this code,
  // are loads from constant addresses, not a chain of loads through the cache. Otherwise
  // the code goes on at the insertion point left.
  void self_call_while_unchanged(const Instr& in, Value self, BasicBlock* generic) {
    const GlobalCache& cache = p_->global_caches[in.c];
    auto constant_ptr = [&](const void* p) { return b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uintptr_t>(p)), ptr_); };
    BasicBlock* unchanged = fresh("epoch_unchanged");
    BasicBlock* self_call = fresh("self_call");
    BasicBlock* lookup = fresh("cache_lookup");
    LV* epoch = b_.CreateLoad(i64_, host_object(req_.host->namespace_epoch, sizeof(uint64_t)));
    LV* ns = load_at(ptr_, frame_closure(), layout::kClosureNs);
    b_.CreateCondBr(b_.CreateAnd(b_.CreateICmpEQ(epoch, b_.getInt64(cache.epoch)), b_.CreateICmpEQ(ns, constant_ptr(cache.ns))),
                    unchanged, lookup);
    b_.SetInsertPoint(unchanged);
    LV* slot = constant_ptr(cache.slot);
    LV* held = b_.CreateAnd(is(tag_of(slot), Tag::Function), b_.CreateICmpEQ(bits_of(slot), b_.getInt64(static_cast<uint64_t>(self.as.i))));
    LV* current = b_.CreateICmpEQ(b_.CreateLoad(ptr_, at(constant_ptr(p_), layout::kProtoJitEntry)), fn_);
    b_.CreateCondBr(b_.CreateAnd(held, current), self_call, lookup);
    b_.SetInsertPoint(self_call);
    try_frameless(in);
    push_and_call(in.a, constant_ptr(as_closure(self)), constant_ptr(p_), b_.getInt64(p_->num_regs), b_.getTrue(), fn_,
                  nil_operand(), generic);
    b_.SetInsertPoint(lookup);
  }
  // The <cmath> builtin a global named when this code was compiled (sqrt, floor …: one
  // number in, a Float out), as an LLVM intrinsic; not_intrinsic for anything else.
  static llvm::Intrinsic::ID math_builtin(const Value* named, int nargs) {
    if (!named || named->tag != Tag::NativeFn || nargs != 1) return llvm::Intrinsic::not_intrinsic;
    static const std::map<std::string, llvm::Intrinsic::ID> kIntrinsics{
        {"sqrt", llvm::Intrinsic::sqrt},   {"exp", llvm::Intrinsic::exp},     {"log", llvm::Intrinsic::log},
        {"sin", llvm::Intrinsic::sin},     {"cos", llvm::Intrinsic::cos},     {"floor", llvm::Intrinsic::floor},
        {"ceil", llvm::Intrinsic::ceil},   {"round", llvm::Intrinsic::round}, {"trunc", llvm::Intrinsic::trunc}};
    const NativeFn* fn = as_native(*named);
    auto it = kIntrinsics.find(fn->name);
    return it != kIntrinsics.end() && fn->min_args == 1 && fn->max_args == 1 ? it->second : llvm::Intrinsic::not_intrinsic;
  }
  // The Value a global's slot holds, for a guard that it is still what the code was
  // compiled for. Compiled code never stores to a slot (SETGLOBAL and DEFNS are helper
  // calls), so stores to arrays and members in a loop leave the guard's loads hoistable.
  Operand global_value(LV* slot) {
    auto* tag = b_.CreateLoad(i64_, at(slot, layout::kTag));
    auto* bits = b_.CreateLoad(i64_, at(slot, layout::kPayload));
    tag->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_global_);
    bits->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_global_);
    return {tag, bits};
  }
  // CALLG of such a builtin: while the global still holds that same native and the
  // argument is a number, the intrinsic on it; anything else takes the generic call.
  // Goes on only while `held_value` (the global's slot, or the register a CALL calls) is
  // still the native `native`.
  void guard_same_native(Value native, Operand held_value, BasicBlock* generic) {
    BasicBlock* same = fresh("same_builtin");
    LV* held = b_.CreateAnd(is(held_value.tag, Tag::NativeFn),
                            b_.CreateICmpEQ(held_value.bits, b_.getInt64(static_cast<uint64_t>(native.as.i))));
    b_.CreateCondBr(held, same, generic);
    b_.SetInsertPoint(same);
  }
  void call_math_builtin(const Instr& in, Value native, Operand held, BasicBlock* generic) {
    guard_same_native(native, held, generic);
    BasicBlock* number = fresh("number");
    Operand x = in_reg(in.a + 1);
    b_.CreateCondBr(is_number(x.tag), number, generic);
    b_.SetInsertPoint(number);
    LV* r = b_.CreateUnaryIntrinsic(math_builtin(&native, in.b), to_double(x.tag, x.bits));
    store(reg(in.a), Tag::Float, as_bits(r));
    b_.CreateBr(next());
    b_.SetInsertPoint(generic);
    Lowering::generic({n_ + 1});
  }
  // Whether a call of `named` with nargs is inline (call_builtin).
  static bool inline_builtin(const Value* named, int nargs) {
    return math_builtin(named, nargs) != llvm::Intrinsic::not_intrinsic || number_builtin(named, nargs) != NumberBuiltin::kNone;
  }
  // A call of the builtin `named` (inline_builtin) while `held` is still that native.
  void call_builtin(const Instr& in, const Value& named, Operand held, BasicBlock* generic) {
    if (math_builtin(&named, in.b) != llvm::Intrinsic::not_intrinsic) call_math_builtin(in, named, held, generic);
    else call_number_builtin(in, named, number_builtin(&named, in.b), held, generic);
  }
  // The Int builtins a global named when this code was compiled: mod, rem and div of
  // two Ints, abs of one number, min and max of two to eight Ints or Floats, the bit
  // operations and shifts of two Ints.
  using NumberBuiltin = NativeOp;
  static constexpr int kMaxExtremeArgs = 8;
  static NumberBuiltin number_builtin(const Value* named, int nargs) {
    if (!named || named->tag != Tag::NativeFn) return NumberBuiltin::kNone;
    const NativeFn* fn = as_native(*named);
    NativeOp op = fn->op;
    bool extreme = op == NativeOp::kMin || op == NativeOp::kMax;
    bool fits = extreme ? nargs >= 2 && nargs <= kMaxExtremeArgs : nargs == (op == NativeOp::kAbs ? 1 : 2);
    return fits ? op : NumberBuiltin::kNone;
  }
  // CALLG of such a builtin, while the global still holds that native: the common cases
  // inline, exactly as math.cpp computes them; errors (a zero divisor, Int overflow, a
  // String) and the rare cases (a divisor of -1, mixed Int and Float) take the call.
  void call_number_builtin(const Instr& in, Value native, NumberBuiltin op, Operand held, BasicBlock* generic) {
    guard_same_native(native, held, generic);
    Operand x = in_reg(in.a + 1);
    auto finish = [&](LV* ok, Tag t, auto compute) {
      BasicBlock* fast = fresh("inline_builtin");
      b_.CreateCondBr(ok, fast, generic);
      b_.SetInsertPoint(fast);
      store(reg(in.a), t, compute());
      b_.CreateBr(next());
    };
    if (op == NumberBuiltin::kAbs) {
      BasicBlock* not_int = fresh("abs_not_int");
      BasicBlock* int_abs = fresh("abs_int");
      b_.CreateCondBr(is(x.tag, Tag::Int), int_abs, not_int);
      b_.SetInsertPoint(int_abs);
      finish(b_.CreateICmpNE(x.bits, b_.getInt64(static_cast<uint64_t>(INT64_MIN))), Tag::Int, [&] {
        return b_.CreateSelect(b_.CreateICmpSLT(x.bits, b_.getInt64(0)), b_.CreateNeg(x.bits), x.bits);
      });
      b_.SetInsertPoint(not_int);
      finish(is(x.tag, Tag::Float), Tag::Float,
             [&] { return as_bits(b_.CreateUnaryIntrinsic(llvm::Intrinsic::fabs, as_double(x.bits))); });
    } else if (op == NumberBuiltin::kMin || op == NumberBuiltin::kMax) {
      // All Ints or all Floats, folded from the left: a later one wins only when strictly
      // better (NaN never is), as in math.cpp.
      std::vector<Operand> xs;
      for (int k = 1; k <= in.b; ++k) xs.push_back(in_reg(in.a + k));
      bool want_max = op == NumberBuiltin::kMax;
      LV *all_ints = b_.getTrue(), *all_floats = b_.getTrue();
      for (const Operand& o : xs) {
        all_ints = b_.CreateAnd(all_ints, is(o.tag, Tag::Int));
        all_floats = b_.CreateAnd(all_floats, is(o.tag, Tag::Float));
      }
      BasicBlock* not_ints = fresh("not_ints");
      BasicBlock* ints = fresh("ints");
      b_.CreateCondBr(all_ints, ints, not_ints);
      b_.SetInsertPoint(ints);
      finish(b_.getTrue(), Tag::Int, [&] {
        LV* best = xs[0].bits;
        for (size_t k = 1; k < xs.size(); ++k) {
          LV* better = want_max ? b_.CreateICmpSGT(xs[k].bits, best) : b_.CreateICmpSLT(xs[k].bits, best);
          best = b_.CreateSelect(better, xs[k].bits, best);
        }
        return best;
      });
      b_.SetInsertPoint(not_ints);
      finish(all_floats, Tag::Float, [&] {
        LV* best = xs[0].bits;
        for (size_t k = 1; k < xs.size(); ++k) {
          LV* better = want_max ? b_.CreateFCmpOGT(as_double(xs[k].bits), as_double(best))
                                : b_.CreateFCmpOLT(as_double(xs[k].bits), as_double(best));
          best = b_.CreateSelect(better, xs[k].bits, best);
        }
        return best;
      });
    } else if (op >= NumberBuiltin::kAnd) {
      // Two Ints; a shift count outside 0..63 raises, through the call.
      Operand y = in_reg(in.a + 2);
      LV* ints = b_.CreateAnd(is(x.tag, Tag::Int), is(y.tag, Tag::Int));
      bool shift = op == NumberBuiltin::kShl || op == NumberBuiltin::kShr;
      LV* ok = shift ? b_.CreateAnd(ints, b_.CreateICmpULT(y.bits, b_.getInt64(64))) : ints;
      finish(ok, Tag::Int, [&]() -> LV* {
        switch (op) {
          case NumberBuiltin::kAnd: return b_.CreateAnd(x.bits, y.bits);
          case NumberBuiltin::kOr: return b_.CreateOr(x.bits, y.bits);
          case NumberBuiltin::kXor: return b_.CreateXor(x.bits, y.bits);
          case NumberBuiltin::kShl: return b_.CreateShl(x.bits, y.bits);
          default: return b_.CreateAShr(x.bits, y.bits);
        }
      });
    } else {
      Operand y = in_reg(in.a + 2);
      LV* ok = b_.CreateAnd(b_.CreateAnd(is(x.tag, Tag::Int), is(y.tag, Tag::Int)),
                            b_.CreateICmpUGT(b_.CreateAdd(y.bits, b_.getInt64(1)), b_.getInt64(1)));  // y ∉ {0, -1}
      finish(ok, Tag::Int, [&]() -> LV* {
        LV* r = b_.CreateSRem(x.bits, y.bits);
        if (op == NumberBuiltin::kRem) return r;
        LV* signs_differ = b_.CreateICmpNE(b_.CreateICmpSLT(r, b_.getInt64(0)), b_.CreateICmpSLT(y.bits, b_.getInt64(0)));
        LV* adjust = b_.CreateAnd(b_.CreateICmpNE(r, b_.getInt64(0)), signs_differ);
        if (op == NumberBuiltin::kMod) return b_.CreateSelect(adjust, b_.CreateAdd(r, y.bits), r);
        // div: floored; x / y with y ∉ {0, -1} cannot overflow.
        LV* q = b_.CreateSDiv(x.bits, y.bits);
        LV* xy_signs_differ =
            b_.CreateICmpNE(b_.CreateICmpSLT(x.bits, b_.getInt64(0)), b_.CreateICmpSLT(y.bits, b_.getInt64(0)));
        LV* down = b_.CreateAnd(b_.CreateICmpNE(r, b_.getInt64(0)), xy_signs_differ);
        return b_.CreateSub(q, b_.CreateZExt(down, i64_));
      });
    }
    b_.SetInsertPoint(generic);
    Lowering::generic({n_ + 1});
  }
  // The value global cache i names now, if the cache is still valid (its slot pointer
  // is only safe to read while no namespace changed shape since it was filled).
  const Value* cached_global(const Proto* q, uint16_t i) const {
    if (i >= q->global_caches.size()) return nullptr;
    const GlobalCache& cache = q->global_caches[i];
    return cache.epoch == *req_.host->namespace_epoch ? cache.slot : nullptr;
  }
  const Value* cached_global(uint16_t i) const { return cached_global(p_, i); }
  // The method CALLM site `in` found when this code was compiled, if its cache is valid
  // (a stale entry may name a dead method).
  const Value* cached_method_value(const Instr& in) const {
    if (in.c >= p_->method_caches.size()) return nullptr;
    const MethodCache& cache = p_->method_caches[in.c];
    return cache.cls && cache.epoch == *req_.host->method_epoch ? &cache.method : nullptr;
  }
  // The kinds of method the older entries of a CALLM site's cache hold (valid ones).
  MethodKinds older_method_kinds(const Instr& in) const {
    MethodKinds kinds;
    if (in.c >= p_->method_caches.size()) return kinds;
    for (const MethodCache::Older& o : p_->method_caches[in.c].older) {
      if (!o.cls || o.epoch != *req_.host->method_epoch) continue;
      kinds.closures |= o.method.tag == Tag::Function;
      kinds.natives |= o.method.tag == Tag::NativeFn;
    }
    return kinds;
  }
  const Closure* cached_method(const Instr& in) const {
    const Value* m = cached_method_value(in);
    return m && m->tag == Tag::Function ? as_closure(*m) : nullptr;
  }
  // Whether CALLM site `in` named Array's builtin `size` when this code was compiled.
  // Whether the site's cache holds Array's builtin method `name`, called with nargs.
  // The site's cache holds the builtin method `name` of `kind`, called with nargs.
  bool builtin_method(const Instr& in, Tag kind, const char* name, int nargs) const {
    const Value* found = cached_method_value(in);
    if ((in.b & kArgCountMask) != nargs || !found || found->tag != Tag::NativeFn) return false;
    const NativeFn* fn = as_native(*found);
    return fn->name == name && fn->receiver_kind == kind && fn->min_args <= nargs &&
           (fn->max_args < 0 || fn->max_args >= nargs);
  }
  // Goes on in a block named `what` when the receiver is of `kind` and the method the
  // cache gave is the native the site held when it was compiled; returns the block for
  // everything else.
  BasicBlock* enter_cached_native(const Instr& in, Tag kind, Operand receiver, Operand method, const char* what) {
    const Value& native = p_->method_caches[in.c].method;
    LV* same = b_.CreateICmpEQ(method.bits, b_.getInt64(static_cast<uint64_t>(native.as.i)));
    BasicBlock* inline_method = fresh(what);
    BasicBlock* other = fresh("other_method");
    b_.CreateCondBr(b_.CreateAnd(b_.CreateAnd(is(receiver.tag, kind), same), is(method.tag, Tag::NativeFn)), inline_method, other);
    b_.SetInsertPoint(inline_method);
    return other;
  }
  // A call site that never ran before this compile (its cache is empty; for CALL, the
  // proto itself had not run) takes the interpreter's call: the inline direct call is a
  // hundred IR instructions, the bulk of a function's code generation time, and code
  // compiled at its first call (--jit-threshold=0) would pay it at every site.
  static bool global_site_ran(const Proto* q, uint16_t i) { return i < q->global_caches.size() && q->global_caches[i].slot; }
  bool global_site_ran(uint16_t i) const { return global_site_ran(p_, i); }
  bool method_site_ran(uint16_t i) const { return i < p_->method_caches.size() && p_->method_caches[i].cls; }
  // R[a] is the callee: a compiled closure is called directly, anything else generically.
  void call_register(int a, int nargs, Operand self) {
    if (!req_.warm) return cold_step();
    BasicBlock* generic = fresh("generic_call");
    bool by_proto = false;
    const Closure* likely = likely_callee(a, by_proto);
    if (likely && inlinable(likely, nargs)) {
      guarded_inline(likely, in_reg(a), a, nargs, self, generic, by_proto || likely->num_upvals);
      return;
    }
    BasicBlock* closure = fresh("closure");
    Operand callee = in_reg(a);
    b_.CreateCondBr(is(callee.tag, Tag::Function), closure, generic);
    b_.SetInsertPoint(closure);
    direct_call(a, nargs, callee.bits, self, generic);
    b_.SetInsertPoint(generic);
    BasicBlock* native = fresh("native");
    BasicBlock* other = fresh("other_callee");
    b_.CreateCondBr(is(tag_of(reg(a)), Tag::NativeFn), native, other);
    b_.SetInsertPoint(native);
    call_native(slot(a), a, nargs, false);
    b_.SetInsertPoint(other);
    step_next();
  }
  // Whether global cache i of this proto is valid for the running closure's namespace
  // (no namespace changed shape since it was filled), and its slot.
  std::pair<LV*, LV*> global_cache(uint16_t i) {
    LV* cache = host_object(&p_->global_caches[i], sizeof(GlobalCache));
    // Compiled code never writes any of these: stores in a loop leave them hoistable.
    LV* epoch = load_layout(i64_, host_object(req_.host->namespace_epoch, sizeof(uint64_t)), 0);
    LV* epoch_ok = b_.CreateICmpEQ(load_layout(i64_, cache, layout::kCacheEpoch), epoch);
    // An inlined callee guarded to be one closure has that closure's namespace.
    LV* ns = inl_ && inl_->ns ? b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uintptr_t>(inl_->ns)), ptr_)
                              : load_layout(ptr_, inl_ ? inl_->closure : frame_closure(), layout::kClosureNs);
    LV* ns_ok = b_.CreateICmpEQ(load_layout(ptr_, cache, layout::kCacheNs), ns);
    return {b_.CreateAnd(epoch_ok, ns_ok), load_layout(ptr_, cache, layout::kCacheSlot)};
  }
  // Element `index` of a vector of this proto that the interpreter sizes lazily (caches,
  // hints), at byte `vector` of the Proto: its address, or the generic path when the
  // vector is shorter. The vector is sized once, to the number of constants, and never
  // moves after: an element that exists now is a host object (its loads may leave loops).
  template <class T>
  LV* proto_vector_element(const std::vector<T>& v, size_t vector, size_t index, BasicBlock* generic) {
    if (index < v.size()) return host_object(&v[index], sizeof(T));
    uint64_t offset = index * sizeof(T);
    LV* proto = b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uintptr_t>(p_)), ptr_);
    LV* begin = load_vector_bound(proto, vector + vector_.begin);
    LV* end = load_vector_bound(proto, vector + vector_.end);
    LV* element = b_.CreateGEP(i8_, begin, b_.getInt64(offset));
    BasicBlock* present = fresh("present");
    b_.CreateCondBr(b_.CreateICmpULT(element, end), present, generic);
    b_.SetInsertPoint(present);
    return element;
  }

  // The entry of member K[k] in the props of the instance or map `o`, through this
  // instruction's entry hint (objects built by the same code keep their keys in the same order): the
  // value's slot, or the generic path when the hint does not hold. A store to a map that
  // a loop reads in place takes the generic path too, which tells the loop (MapView).
  LV* member_slot(Operand o, uint16_t k, BasicBlock* generic, bool store = false) {
    static_assert(layout::kInstanceProps == layout::kMapProps, "one offset for the props of both");
    BasicBlock* have = fresh("props");
    LV* obj = b_.CreateIntToPtr(o.bits, ptr_);
    b_.CreateCondBr(b_.CreateOr(is(o.tag, Tag::Instance), is(o.tag, Tag::Map)), have, generic);
    b_.SetInsertPoint(have);
    LV* pm = at(obj, static_cast<int64_t>(layout::kMapProps));
    if (store) unless_watched(pm, is(o.tag, Tag::Map), generic);  // an instance's props never are
    return entry_at_hint(pm, hint_site(k), b_.getInt64(PropKey(as_symbol(p_->constants[k])).bits()), generic);
  }
  // Goes on where no loop reads the props `pm` in place (MapView), else to `watched`; a
  // store there must tell the loop. `only_if`, when given, must hold too for `watched`.
  void unless_watched(LV* pm, LV* only_if, BasicBlock* watched) {
    BasicBlock* unwatched = fresh("unwatched");
    LV* view = b_.CreateLoad(ptr_, at(pm, static_cast<int64_t>(PropMap::view_offset())));
    LV* in_view = b_.CreateIsNotNull(view);
    b_.CreateCondBr(only_if ? b_.CreateAnd(only_if, in_view) : in_view, watched, unwatched);
    b_.SetInsertPoint(unwatched);
  }
  // The value slot of the entry of PropMap pm where the hint of instruction `site` says,
  // when that entry's key has these bits; else the generic path.
  LV* entry_at_hint(LV* pm, uint32_t site, LV* key_bits, BasicBlock* generic) {
    LV* hint = proto_vector_element(p_->prop_hints, layout::kProtoPropHints, site, generic);
    LV* index = b_.CreateZExt(as_layout(b_.CreateLoad(i32_, hint)), i64_);
    LV* entries = load_vector_bound(pm, prop_entries_ + vector_.begin);
    LV* entries_end = load_vector_bound(pm, prop_entries_ + vector_.end);
    LV* entry = b_.CreateGEP(i8_, entries, b_.CreateMul(index, b_.getInt64(layout::kPropEntrySize)));
    LV* in_range = b_.CreateICmpULT(entry, entries_end);  // the hint may be UINT32_MAX: no wrap in 64 bits
    BasicBlock* check_key = fresh("check_key");
    b_.CreateCondBr(in_range, check_key, generic);
    b_.SetInsertPoint(check_key);
    BasicBlock* found = fresh("found");
    b_.CreateCondBr(b_.CreateICmpEQ(as_layout(b_.CreateLoad(i64_, entry)), key_bits), found, generic);
    b_.SetInsertPoint(found);
    return at(entry, static_cast<int64_t>(layout::kPropEntryValue));
  }
  // Keyed access to a Map (./, $set, .get, .set) at a site where the interpreter found a
  // key before (its entry hint is set): when register `map_reg` holds a Map (unwatched,
  // for a store) and the key a symbol or a string that served as a key before, `access`
  // gets the entry's value slot where the hint says, as the interpreter's handler finds
  // it; otherwise, or when the hint fails, the helper. `also`, when given, must hold too
  // (Map's get and set still the builtin ones). Returns false, emitting nothing, at a
  // site without a hint. The code goes on at the insertion point left, for other values.
  template <typename Access>
  bool keyed_map_access(int map_reg, int key_reg, bool store, LV* also, Access access) {
    if (!req_.caches || !vector_.known || inl_ || n_ >= p_->prop_hints.size() || p_->prop_hints[n_].at == UINT32_MAX)
      return false;
    BasicBlock* map = fresh("keyed_map");
    BasicBlock* other = fresh("not_a_map");
    BasicBlock* miss = fresh("keyed_miss");
    Operand o = in_reg(map_reg), key = in_reg(key_reg);
    LV* is_map = is(o.tag, Tag::Map);
    b_.CreateCondBr(also ? b_.CreateAnd(is_map, also) : is_map, map, other);
    b_.SetInsertPoint(map);
    LV* pm = at(b_.CreateIntToPtr(o.bits, ptr_), static_cast<int64_t>(layout::kMapProps));
    if (store) unless_watched(pm, nullptr, miss);
    BasicBlock* symbol = fresh("symbol_key");
    BasicBlock* not_symbol = fresh("not_symbol_key");
    BasicBlock* string = fresh("string_key");
    BasicBlock* have_symbol = fresh("have_symbol");
    b_.CreateCondBr(is(key.tag, Tag::Symbol), symbol, not_symbol);
    b_.SetInsertPoint(not_symbol);
    b_.CreateCondBr(is(key.tag, Tag::String), string, miss);
    b_.SetInsertPoint(string);
    LV* interned = load_at(ptr_, b_.CreateIntToPtr(key.bits, ptr_), layout::kStringKey);
    b_.CreateCondBr(b_.CreateIsNull(interned), miss, have_symbol);
    b_.SetInsertPoint(symbol);
    LV* named = b_.CreateIntToPtr(key.bits, ptr_);
    b_.CreateBr(have_symbol);
    b_.SetInsertPoint(have_symbol);
    auto* sym = b_.CreatePHI(ptr_, 2);
    sym->addIncoming(interned, string);
    sym->addIncoming(named, symbol);
    LV* slot = entry_at_hint(pm, n_, load_at(i64_, sym, layout::kSymbolPropKey), miss);
    access(slot);
    as_kind(slot, tbaa_member_);
    b_.CreateBr(next());
    b_.SetInsertPoint(miss);
    build();
    b_.SetInsertPoint(other);
    return true;
  }

  // The instruction whose entry hint member_slot reads for this one: the first site of
  // key K[k] whose hint agrees with this one's at the compile, so that the code loads
  // one hint for them all (reads of x from objects of one class); a miss at any of them
  // updates its own hint, as in the interpreter.
  uint32_t hint_site(uint16_t k) const {
    const std::vector<PropHint>& hints = p_->prop_hints;
    if (n_ >= hints.size() || hints[n_].at == UINT32_MAX) return n_;
    for (uint32_t s = 0; s < n_; ++s) {
      const Instr& in = code_[s];
      bool same_key = (in.op == Op::GETMEMBER && in.c == k) || (in.op == Op::SETMEMBER && in.b == k);
      if (same_key && hints[s].at == hints[n_].at) return s;
    }
    return n_;
  }

  Operand nil_operand() { return {tag_word(Tag::Nil), b_.getInt64(0)}; }

  // The frame count that makes `top` the top frame. Computed from the frame's address,
  // not read and written back: a load of the count the caller's push just stored made
  // every call and return wait for store forwarding, in one chain through the whole run.
  // `popped`: `top` is the frame being popped, so the count is its index.
  void set_frame_count(LV* top, bool popped = false) {
    LV* frames = b_.CreatePtrToInt(vm_constant(req_.host->frames), i64_);
    LV* count = b_.CreateLShr(b_.CreateSub(b_.CreatePtrToInt(top, i64_), frames), 6);
    if (!popped) count = b_.CreateAdd(count, b_.getInt64(1));
    b_.CreateStore(count, at(vm_, static_cast<int64_t>(req_.host->frame_count)));
  }

  // A return: the value is already in R[-1]. Frames without flags pop inline.
  void leave_frame() {
    BasicBlock* plain = fresh("plain_return");
    BasicBlock* flagged = fresh("flagged_return");
    b_.CreateCondBr(b_.CreateICmpEQ(load_at(i32_, f_, layout::kFrameFlags), b_.getInt32(0)), plain, flagged);
    b_.SetInsertPoint(plain);
    set_frame_count(f_, /*popped=*/true);
    if (req_.profile) b_.CreateCall(profile_return_fn_, {vm_});
    b_.CreateRet(b_.getInt32(kReturned));
    b_.SetInsertPoint(flagged);
    LV* status = call_out(leave_fn_, {vm_, f_}, false);
    if (req_.profile) b_.CreateCall(profile_return_fn_, {vm_});
    b_.CreateRet(status);
  }

  llvm::LLVMContext& ctx_;
  llvm::Module& mod_;
  llvm::IRBuilder<> b_;
  const CompileRequest& req_;
  Proto* p_;
  const Instr* code_;
  llvm::Type *i8_, *i32_, *i64_, *f64_, *ptr_;
  llvm::Function* fn_;
  LV *vm_, *f_, *R_ = nullptr;
  LV* frame_closure_ = nullptr;  // f->closure, read once at entry (see frame_closure)
  llvm::FunctionCallee step_fn_, catch_fn_, call_native_fn_, constructor_fn_, new_instance_fn_, leave_fn_, deopt_fn_, materialize_fn_, materialize_map_fn_, equal_fn_, method_of_fn_, for_next_fn_, for_pair_fn_, add_member_fn_, profile_enter_fn_, profile_return_fn_,
      profile_back_edge_fn_;
  std::vector<BasicBlock*> blocks_;
  bool sink_;  // allocation sinking allowed
  const std::vector<uint32_t> handlers_;  // where the proto's handlers begin
  std::map<uint32_t, SunkArray> sunk_;  // by NEWARRAY or NEWMAP site
  std::vector<std::vector<bool>> live_;  // liveness(), once a promoted loop needs it
  bool live_computed_ = false;
  std::map<uint32_t, uint32_t> restart_at_;  // a deopt inside a sunk map's literal restarts it
  llvm::AllocaInst* materialize_buffer_ = nullptr;
  bool sank_outside_promoted_loop_ = false;
  bool test_before_loop_ = false;  // lowering a loop's test at the jump into the loop
  Inlined* inl_ = nullptr;  // the inlined call whose body is being lowered
  llvm::Function* frameless_ = nullptr;  // the frameless clone, if this proto has one
  unsigned frameless_arity_ = 0;
  llvm::GlobalVariable* frameless_bails_ = nullptr;
  std::vector<const Proto*> inlined_;  // the inlined functions
  BasicBlock* entry_ = nullptr;
  std::vector<int> region_of_;
  std::vector<Region> regions_;
  bool promoted_loops_ = false;
  llvm::AllocaInst *equal_x_ = nullptr, *equal_y_ = nullptr;
  BasicBlock* step_exit_ = nullptr;
  BasicBlock* call_entry_ = nullptr;  // where the switch enters at instruction 0
  llvm::PHINode* step_result_ = nullptr;
  uint32_t n_ = 0;
  llvm::MDNode *tbaa_value_ = nullptr, *tbaa_vector_ = nullptr, *tbaa_layout_ = nullptr, *tbaa_frame_self_ = nullptr;
  llvm::MDNode *tbaa_member_ = nullptr, *tbaa_element_ = nullptr;
  llvm::MDNode* tbaa_global_ = nullptr;
  layout::VectorLayout vector_;
  size_t prop_entries_ = 0;
};

// The opcodes that run the interpreter's handler: no fast path pays for itself yet.
#define STEPPED(name) \
  void Lowering::lower_##name(const Instr&) { step_next(); }

// ---- moves and constants ----
void Lowering::lower_MOVE(const Instr& in) {
  copy(reg(in.a), reg(in.b));
  b_.CreateBr(next());
}
void Lowering::lower_LOADK(const Instr& in) {
  store_constant(reg(in.a), p_->constants[in.bx()]);
  b_.CreateBr(next());
}
void Lowering::lower_LOADI(const Instr& in) {
  store(reg(in.a), Tag::Int, b_.getInt64(static_cast<uint64_t>(static_cast<int64_t>(in.sbx()))));
  b_.CreateBr(next());
}
void Lowering::lower_LOADNIL(const Instr& in) {
  for (int k = 0; k <= in.b; ++k) store_constant(reg(in.a + k), make_nil());
  b_.CreateBr(next());
}
void Lowering::lower_LOADBOOL(const Instr& in) {
  store_constant(reg(in.a), make_bool(in.b != 0));
  b_.CreateBr(next());
}
// The frame's self is written only when a frame is pushed, never by a member or register
// store: its own alias class lets a loop read it once.
void Lowering::lower_LOADSELF(const Instr& in) {
  if (inl_) {  // the receiver of the inlined method
    LV* dst = reg(in.a);
    as_value(b_.CreateStore(b_.CreateZExt(inl_->self.tag, i64_), at(dst, layout::kTag)));
    as_value(b_.CreateStore(inl_->self.bits, at(dst, layout::kPayload)));
    b_.CreateBr(next());
    return;
  }
  LV* self = at(f_, layout::kFrameSelf);
  LV* dst = reg(in.a);
  for (int64_t word : {0, 8}) {
    llvm::LoadInst* w = b_.CreateLoad(i64_, at(self, word));
    w->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_frame_self_);
    as_value(b_.CreateStore(w, at(dst, word)));
  }
  b_.CreateBr(next());
}
// Where upvalue i of closure c (of the proto being lowered) keeps its value: a register,
// or the upvalue itself. A closure with few upvalues holds them in the object: one load
// less than through its `upvals` pointer. One captured by value is in a cell at a fixed
// offset from the closure: no load at all.
LV* Lowering::upvalue_loc(LV* c, uint16_t i) {
  const std::vector<UpvalDesc>& ups = p_->upvals;
  if (ups[i].by_value) {
    auto cell = static_cast<size_t>(std::count_if(ups.begin(), ups.begin() + i, [](const UpvalDesc& d) { return d.by_value; }));
    return at(c, static_cast<int64_t>(layout::kClosureCells + cell * layout::kUpvalueSize + layout::kUpvalueClosed));
  }
  LV* upvals = p_->upvals.size() <= Closure::kInlineUpvals ? at(c, static_cast<int64_t>(layout::kClosureInlineUpvals))
                                                           : b_.CreateLoad(ptr_, at(c, layout::kClosureUpvals));
  LV* upvalue = b_.CreateLoad(ptr_, at(upvals, static_cast<int64_t>(i) * 8));
  return b_.CreateLoad(ptr_, at(upvalue, layout::kUpvalueLoc));
}
void Lowering::lower_GETUPVAL(const Instr& in) {
  if (inl_ && !p_->upvals[in.b].by_value) {  // of the inlined closure
    auto* loc = llvm::cast<llvm::Instruction>(upvalue_loc(inl_->closure, in.b));
    // An open upvalue may be a register of the caller's own frame, which a promoted loop
    // keeps in a shadow: the shadows go back to R first.
    as_caller([&] {
      if (int g = region_of(n_)) regions_[g].flush_before.push_back(loc);
    });
    copy(reg(in.a), loc);
    b_.CreateBr(next());
    return;
  }
  copy(reg(in.a), upvalue_loc(inl_ ? inl_->closure : frame_closure(), in.b));
  b_.CreateBr(next());
}
void Lowering::lower_SETUPVAL(const Instr& in) {
  copy(upvalue_loc(frame_closure(), in.b), reg(in.a));
  b_.CreateBr(next());
}

// ---- arithmetic ----
void Lowering::lower_ADD(const Instr& in) { arith(in.a, Op::ADD, in_reg(in.b), in_reg(in.c), false); }
void Lowering::lower_SUB(const Instr& in) { arith(in.a, Op::SUB, in_reg(in.b), in_reg(in.c), false); }
void Lowering::lower_MUL(const Instr& in) { arith(in.a, Op::MUL, in_reg(in.b), in_reg(in.c), false); }
void Lowering::lower_ADDI(const Instr& in) { arith(in.a, Op::ADD, in_reg(in.b), immediate(in.sc()), true); }
void Lowering::lower_SUBI(const Instr& in) { arith(in.a, Op::SUB, in_reg(in.b), immediate(in.sc()), true); }
// The constant's side only matters for the error message, which the slow path builds.
void Lowering::lower_ADDK(const Instr& in) { arith(in.a, Op::ADD, in_reg(in.b), constant(p_->constants[in.c & ~kConstLeft]), false); }
void Lowering::lower_SUBK(const Instr& in) { arith(in.a, Op::SUB, in_reg(in.b), constant(p_->constants[in.c]), false); }
void Lowering::lower_MULK(const Instr& in) { arith(in.a, Op::MUL, in_reg(in.b), constant(p_->constants[in.c & ~kConstLeft]), false); }
void Lowering::lower_DIV(const Instr& in) { divide(in.a, in_reg(in.b), in_reg(in.c)); }
void Lowering::lower_DIVK(const Instr& in) { divide(in.a, in_reg(in.b), constant(p_->constants[in.c])); }
STEPPED(POW)
// Int (INT64_MIN overflows: the interpreter raises) and Float inline.
void Lowering::lower_NEG(const Instr& in) {
  Operand x = in_reg(in.b);
  BasicBlock* int_bb = fresh("int");
  BasicBlock* other = fresh("not_int");
  BasicBlock* ok = fresh("no_overflow");
  BasicBlock* flt = fresh("float");
  BasicBlock* slow = fresh("slow");
  b_.CreateCondBr(is(x.tag, Tag::Int), int_bb, other);
  b_.SetInsertPoint(int_bb);
  LV* res = b_.CreateBinaryIntrinsic(llvm::Intrinsic::ssub_with_overflow, b_.getInt64(0), x.bits);
  b_.CreateCondBr(b_.CreateExtractValue(res, 1), slow, ok);
  b_.SetInsertPoint(ok);
  store(reg(in.a), Tag::Int, b_.CreateExtractValue(res, 0));
  b_.CreateBr(next());
  b_.SetInsertPoint(other);
  b_.CreateCondBr(is(x.tag, Tag::Float), flt, slow);
  b_.SetInsertPoint(flt);
  store(reg(in.a), Tag::Float, as_bits(b_.CreateFNeg(as_double(x.bits))));
  b_.CreateBr(next());
  b_.SetInsertPoint(slow);
  generic({n_ + 1});
}
void Lowering::lower_NOT(const Instr& in) {
  store(reg(in.a), Tag::Bool, b_.CreateZExt(b_.CreateNot(truthy(reg(in.b))), i64_));
  b_.CreateBr(next());
}

// ---- comparisons ----
void Lowering::lower_EQ(const Instr& in) {
  store(reg(in.a), Tag::Bool, b_.CreateZExt(equal(in.b, in.c), i64_));
  b_.CreateBr(next());
}
void Lowering::lower_NE(const Instr& in) {
  store(reg(in.a), Tag::Bool, b_.CreateZExt(b_.CreateNot(equal(in.b, in.c)), i64_));
  b_.CreateBr(next());
}
#define LOWER_COMPARE(name)                                                                \
  void Lowering::lower_##name(const Instr& in) {                                           \
    ordering(Op::name, in_reg(in.b), in_reg(in.c), false, {n_ + 1}, [&](LV* holds) {       \
      store(reg(in.a), Tag::Bool, b_.CreateZExt(holds, i64_));                             \
      b_.CreateBr(next());                                                                 \
    });                                                                                    \
  }
LOWER_COMPARE(LT)
LOWER_COMPARE(LE)
LOWER_COMPARE(GT)
LOWER_COMPARE(GE)
#undef LOWER_COMPARE

#define LOWER_BRANCH(name, op)                                                                    \
  void Lowering::lower_##name(const Instr& in) { branch_unless(op, in_reg(in.a), in_reg(in.b), in.sc(), false); } \
  void Lowering::lower_##name##I(const Instr& in) { branch_unless(op, in_reg(in.a), immediate(in.sb()), in.sc(), true); }
LOWER_BRANCH(JNLT, Op::LT)
LOWER_BRANCH(JNLE, Op::LE)
LOWER_BRANCH(JNGT, Op::GT)
LOWER_BRANCH(JNGE, Op::GE)
#undef LOWER_BRANCH
#define LOWER_LOOP_BRANCH(name, op)                                                                    \
  void Lowering::lower_##name(const Instr& in) { branch_back(op, in_reg(in.a), in_reg(in.b), false); } \
  void Lowering::lower_##name##I(const Instr& in) { branch_back(op, in_reg(in.a), immediate(in.sb()), true); }
LOWER_LOOP_BRANCH(LOOPLT, Op::LT)
LOWER_LOOP_BRANCH(LOOPLE, Op::LE)
LOWER_LOOP_BRANCH(LOOPGT, Op::GT)
LOWER_LOOP_BRANCH(LOOPGE, Op::GE)
#undef LOWER_LOOP_BRANCH
void Lowering::lower_JNEQ(const Instr& in) { b_.CreateCondBr(equal(in.a, in.b), next(), block(target(n_, in.sc()))); }
void Lowering::lower_JNNE(const Instr& in) { b_.CreateCondBr(equal(in.a, in.b), block(target(n_, in.sc())), next()); }
void Lowering::lower_LOOPNE(const Instr& in) { b_.CreateCondBr(equal(in.a, in.b), next(), back_edge()); }
void Lowering::lower_LOOPNEI(const Instr& in) { b_.CreateCondBr(equal_immediate(in.a, in.sb()), next(), back_edge()); }
void Lowering::lower_LOOPNEK(const Instr& in) {
  b_.CreateCondBr(equal_constant(in.a, p_->constants[in.b]), next(), back_edge());
}
// The interpreter computes the builtin in place; here the CALLG that follows does (its
// lowering has the inline builtins), with the operands in its window.
void Lowering::lower_BUILTIN2(const Instr& in) { to_window(in.a, in_reg(in.b), in_reg(in.c)); }
void Lowering::lower_BUILTIN2I(const Instr& in) { to_window(in.a, in_reg(in.b), immediate(in.sc())); }
void Lowering::lower_JNEQK(const Instr& in) {
  b_.CreateCondBr(equal_constant(in.a, p_->constants[in.b]), next(), block(target(n_, in.sc())));
}
void Lowering::lower_JNNEK(const Instr& in) {
  b_.CreateCondBr(equal_constant(in.a, p_->constants[in.b]), block(target(n_, in.sc())), next());
}
void Lowering::lower_JNEQI(const Instr& in) { b_.CreateCondBr(equal_immediate(in.a, in.sb()), next(), block(target(n_, in.sc()))); }
void Lowering::lower_JNNEI(const Instr& in) { b_.CreateCondBr(equal_immediate(in.a, in.sb()), block(target(n_, in.sc())), next()); }

// ---- jumps ----
// The jump into a loop whose test is at its bottom runs a copy of that test instead, on
// the registers in R: the loop is then entered only at its header, as OSR enters it.
// Entered at both its header and its test, the loop was irreducible, and LLVM's loop
// passes (LICM, rotation, induction variables) leave irreducible loops alone.
void Lowering::lower_JMP(const Instr& in) {
  uint32_t t = target(n_, in.sbx());
  Op op = t < p_->code.size() ? code_[t].op : Op::JMP;
  if (req_.profile || op == Op::LOOP || !is_back_edge(op) || header(t) > t || !region_of(t) || region_of(t) == region_of(n_)) {
    b_.CreateBr(block(t));
    return;
  }
  uint32_t jump = n_;
  n_ = t;
  test_before_loop_ = true;
  lower_instruction(code_[t]);
  test_before_loop_ = false;
  n_ = jump;
}
void Lowering::lower_JMPIF(const Instr& in) { b_.CreateCondBr(truthy(reg(in.a)), block(target(n_, in.sbx())), next()); }
void Lowering::lower_JMPIFNOT(const Instr& in) { b_.CreateCondBr(truthy(reg(in.a)), next(), block(target(n_, in.sbx()))); }
void Lowering::lower_LOOP(const Instr&) { b_.CreateBr(back_edge()); }
// Native code does not count back edges (it is already compiled), except for the profiler.
BasicBlock* Lowering::back_edge() {
  BasicBlock* head = block(header(n_));
  if (!req_.profile) return head;
  llvm::IRBuilder<>::InsertPointGuard keep(b_);
  BasicBlock* counted = fresh("back_edge");
  b_.SetInsertPoint(counted);
  save_pc(n_ + 1);
  uint32_t body = n_ + 1 - header(n_);  // instructions per iteration
  LV* status = call_out(profile_back_edge_fn_, {vm_, f_, b_.getInt32(body)}, false);
  BasicBlock* stop = fresh("stopped");
  b_.CreateCondBr(b_.CreateICmpEQ(status, b_.getInt32(kReturned)), head, stop);
  b_.SetInsertPoint(stop);
  b_.CreateRet(status);
  return counted;
}
// The counter is the compiler's own Int below the count, so the step cannot overflow; the
// count is an Int or compared like LT.
void Lowering::lower_REPLOOP(const Instr& in) {
  LV* n = b_.CreateAdd(bits_of(reg(in.a)), b_.getInt64(1));
  Operand counter{tag_word(Tag::Int), n};
  ordering(Op::LT, counter, in_reg(in.a + 1), false, {n_ + 1, header(n_)}, [&](LV* more) {
    store(reg(in.a), Tag::Int, n);
    b_.CreateCondBr(more, back_edge(), next());
  });
}
void Lowering::lower_JMPIFDEF(const Instr& in) {
  b_.CreateCondBr(is(tag_of(reg(in.a)), Tag::Undef), next(), block(target(n_, in.sbx())));
}
// An Array, Gene or Range is iterated as it is, from position 0; the rest (a map, a
// string, [index element] pairs) the interpreter's function materialises.
void Lowering::lower_FORPREP(const Instr& in) {
  if (in.c != 0) return counted_for_prep(in.a);
  if (in.b == 1) return build();
  BasicBlock* as_is = fresh("iterate_as_is");
  BasicBlock* other = fresh("materialise");
  LV* tag = tag_of(reg(in.a));
  b_.CreateCondBr(b_.CreateOr(b_.CreateOr(is(tag, Tag::Array), is(tag, Tag::Range)), is(tag, Tag::Gene)), as_is, other);
  b_.SetInsertPoint(as_is);
  store(reg(in.a + 1), Tag::Int, b_.getInt64(0));
  b_.CreateBr(next());
  b_.SetInsertPoint(other);
  build();
}
// FORPAIR: an Array's index and element in line; the rest (a map's key and value, a
// range, a gene) through for_pair, or a deopt where the loop speculates.
void Lowering::lower_FORPAIR(const Instr& in) {
  BasicBlock* more = back_edge();
  BasicBlock* done = next();
  BasicBlock* slow = fresh("slow");
  Operand coll = in_reg(in.a);
  LV* i = bits_of(reg(in.a + 1));
  BasicBlock* array = fresh("array");
  BasicBlock* advance = fresh("advance");
  b_.CreateCondBr(is(coll.tag, Tag::Array), array, slow);
  b_.SetInsertPoint(array);
  array_step(coll, i, in.b + 1, advance, done, slow);
  b_.SetInsertPoint(advance);
  store(reg(in.b), Tag::Int, i);
  store(reg(in.a + 1), Tag::Int, b_.CreateAdd(i, b_.getInt64(1)));
  b_.CreateBr(more);
  for_step_slow(in.a, in.b, more, done, slow, for_pair_fn_);
}
// An Array's element at position i into R[elem], then `advance`; past its end `done`, and
// `slow` where the vector layout is unknown.
void Lowering::array_step(Operand coll, LV* i, int elem, BasicBlock* advance, BasicBlock* done, BasicBlock* slow) {
  if (!vector_.known) {
    b_.CreateBr(slow);
    return;
  }
  auto [element_slot, in_range] = element(coll.bits, i);
  BasicBlock* have = fresh("element");
  b_.CreateCondBr(in_range, have, done);
  b_.SetInsertPoint(have);
  copy(reg(elem), element_slot);
  b_.CreateBr(advance);
}
// Only a map's loop has something to let go: the interpreter's handler does it.
void Lowering::lower_FORDONE(const Instr& in) {
  BasicBlock* map = fresh("map_view");
  b_.CreateCondBr(is(tag_of(reg(in.a)), Tag::Map), map, next());
  b_.SetInsertPoint(map);
  step_next();
}
void Lowering::lower_FORLOOP(const Instr& in) { for_step(in.a, in.b, back_edge(), next(), loop_source(in)); }
// The FORPREP two instructions above the body (FORPREP, the JMP to the FORLOOP, the body).
Lowering::LoopSource Lowering::loop_source(const Instr& forloop) const {
  int prep = target(n_, forloop.sc()) - 2;
  if (prep < 0 || static_cast<size_t>(prep) >= p_->code.size()) return LoopSource::kUnknown;
  const Instr& in = p_->code[static_cast<size_t>(prep)];
  if (in.op != Op::FORPREP || in.a != forloop.a || p_->code[static_cast<size_t>(prep) + 1].op != Op::JMP)
    return LoopSource::kUnknown;
  return in.c != 0 ? LoopSource::kCounted : LoopSource::kCollection;
}
// (for x in (a .. b) …): R[iter] = a stays, R[iter + 1] = how many, as for_prep_counted
// does; bounds that are not Ints, or a count too large, take that function.
void Lowering::counted_for_prep(int iter) {
  Operand low = in_reg(iter), high = in_reg(iter + 1);
  BasicBlock* ints = fresh("counted_bounds");
  BasicBlock* counted = fresh("counted");
  BasicBlock* other = fresh("counted_other");
  b_.CreateCondBr(b_.CreateAnd(is(low.tag, Tag::Int), is(high.tag, Tag::Int)), ints, other);
  b_.SetInsertPoint(ints);
  LV* span = b_.CreateBinaryIntrinsic(llvm::Intrinsic::ssub_with_overflow, high.bits, low.bits);
  LV* d = b_.CreateExtractValue(span, 0);
  LV* fits = b_.CreateAnd(b_.CreateNot(b_.CreateExtractValue(span, 1)), b_.CreateICmpNE(d, b_.getInt64(INT64_MAX)));
  b_.CreateCondBr(fits, counted, other);
  b_.SetInsertPoint(counted);
  LV* count = b_.CreateSelect(b_.CreateICmpSLT(d, b_.getInt64(0)), b_.getInt64(0), b_.CreateAdd(d, b_.getInt64(1)));
  store(reg(iter + 1), Tag::Int, count);
  b_.CreateBr(next());
  b_.SetInsertPoint(other);
  build();
}
// Arrays and ranges inline, as for_next does them; genes through the helper. The next
// element of the iteration in R[iter..iter+1] goes to R[elem], then to `more`.
void Lowering::for_step(int iter, int elem, BasicBlock* more, BasicBlock* done, LoopSource source) {
  BasicBlock* slow = fresh("slow");
  Operand coll = in_reg(iter);
  LV* i = bits_of(reg(iter + 1));
  if (source == LoopSource::kCounted) {
    // Counted Ints in line; a Range (a span too large to count) through the helper.
    counted_step(iter, elem, coll, i, more, done, slow);
    for_step_slow(iter, elem, more, done, slow);
    return;
  }
  BasicBlock* array = fresh("array");
  BasicBlock* not_array = fresh("not_array");
  BasicBlock* range = fresh("range");
  BasicBlock* advance = fresh("advance");
  b_.CreateCondBr(is(coll.tag, Tag::Array), array, not_array);

  b_.SetInsertPoint(array);
  array_step(coll, i, elem, advance, done, slow);

  b_.SetInsertPoint(not_array);
  BasicBlock* not_range = fresh("not_range");
  b_.CreateCondBr(is(coll.tag, Tag::Range), range, not_range);
  b_.SetInsertPoint(not_range);
  if (source == LoopSource::kUnknown) counted_step(iter, elem, coll, i, more, done, slow);
  else b_.CreateBr(slow);  // a collection's loop never counts
  b_.SetInsertPoint(range);
  LV* r = b_.CreateIntToPtr(coll.bits, ptr_);
  // A Range never changes: its fields share the alias class of member keys, so a loop
  // reads them once.
  LV* start = as_layout(b_.CreateLoad(i64_, at(r, layout::kRangeStart)));
  LV* end = as_layout(b_.CreateLoad(i64_, at(r, layout::kRangeEnd)));
  LV* step_by = as_layout(b_.CreateLoad(i64_, at(r, layout::kRangeStep)));
  // Step 1 (nearly every range): the element is start + i, and it is past the end exactly
  // when i > end - start, so the loop counts like a while loop. Otherwise (another step,
  // or end - start overflows) the general rule below, with for_next's overflow checks.
  LV* span = b_.CreateBinaryIntrinsic(llvm::Intrinsic::ssub_with_overflow, end, start);
  LV* unit = b_.CreateAnd(b_.CreateICmpEQ(step_by, b_.getInt64(1)), b_.CreateNot(b_.CreateExtractValue(span, 1)));
  BasicBlock* unit_step = fresh("unit_step");
  BasicBlock* any_step = fresh("any_step");
  b_.CreateCondBr(unit, unit_step, any_step);
  b_.SetInsertPoint(unit_step);
  BasicBlock* unit_within = fresh("unit_within");
  b_.CreateCondBr(b_.CreateICmpSGT(i, b_.CreateExtractValue(span, 0)), done, unit_within);
  b_.SetInsertPoint(unit_within);
  store(reg(elem), Tag::Int, b_.CreateNSWAdd(start, i));
  b_.CreateBr(advance);
  b_.SetInsertPoint(any_step);
  LV* scaled = b_.CreateBinaryIntrinsic(llvm::Intrinsic::smul_with_overflow, i, step_by);
  LV* value = b_.CreateBinaryIntrinsic(llvm::Intrinsic::sadd_with_overflow, b_.CreateExtractValue(scaled, 0), start);
  LV* v = b_.CreateExtractValue(value, 0);
  LV* overflow = b_.CreateOr(b_.CreateExtractValue(scaled, 1), b_.CreateExtractValue(value, 1));
  LV* past = b_.CreateSelect(b_.CreateICmpSGT(step_by, b_.getInt64(0)), b_.CreateICmpSGT(v, end),
                             b_.CreateSelect(b_.CreateICmpSLT(step_by, b_.getInt64(0)), b_.CreateICmpSLT(v, end),
                                             b_.CreateICmpSGT(i, b_.getInt64(0))));
  BasicBlock* within = fresh("within");
  b_.CreateCondBr(b_.CreateOr(overflow, past), done, within);
  b_.SetInsertPoint(within);
  store(reg(elem), Tag::Int, v);
  b_.CreateBr(advance);

  b_.SetInsertPoint(advance);
  store(reg(iter + 1), Tag::Int, b_.CreateAdd(i, b_.getInt64(1)));
  b_.CreateBr(more);
  for_step_slow(iter, elem, more, done, slow);
}
// Counted (for_prep_counted): R[iter] is the next Int and R[iter + 1] how many are left;
// another kind of state goes to `other`.
void Lowering::counted_step(int iter, int elem, Operand coll, LV* i, BasicBlock* more, BasicBlock* done, BasicBlock* other) {
  BasicBlock* counted = fresh("counted_step");
  BasicBlock* counted_more = fresh("counted_more");
  b_.CreateCondBr(is(coll.tag, Tag::Int), counted, other);
  b_.SetInsertPoint(counted);
  b_.CreateCondBr(b_.CreateICmpSGT(i, b_.getInt64(0)), counted_more, done);
  b_.SetInsertPoint(counted_more);
  store(reg(elem), Tag::Int, coll.bits);
  store(reg(iter), Tag::Int, b_.CreateAdd(coll.bits, b_.getInt64(1)));  // wraps only past the last
  store(reg(iter + 1), Tag::Int, b_.CreateSub(i, b_.getInt64(1)));
  b_.CreateBr(more);
}
// Every other iteration state: for_next, or a deopt where the loop speculates.
void Lowering::for_step_slow(int iter, int elem, BasicBlock* more, BasicBlock* done, BasicBlock* slow,
                             llvm::FunctionCallee helper) {
  b_.SetInsertPoint(slow);
  if (region_of(n_) && speculating()) {
    deopt(kDeoptLoopSlowPath);
    return;
  }
  LV* found = call_out(helper.getCallee() ? helper : for_next_fn_, {vm_, slot(iter), slot(elem)});
  b_.CreateCondBr(b_.CreateICmpNE(found, b_.getInt32(0)), more, done);
}

// ---- calls: the interpreter's handlers push frames; the dispatch loop runs them ----
// A builtin read by GETGLOBAL into the window before arguments that call (the compiler
// keeps CALLG for arguments that cannot), as CALLG has it: inline while the register
// still holds that native.
void Lowering::lower_CALL(const Instr& in) {
  if (!builtin_call(in, in.b)) call_register(in.a, in.b, nil_operand());
}
bool Lowering::builtin_call(const Instr& in, int nargs) {
  const Value* named = req_.warm ? global_read_into(in.a) : nullptr;
  if (!inline_builtin(named, nargs)) return false;
  Instr call = in;
  call.b = static_cast<uint16_t>(nargs);
  call_builtin(call, *named, in_reg(in.a), fresh("generic_call"));
  return true;
}
// The global through its inline cache (valid while no namespace changed shape), then a
// direct call; a miss takes the interpreter's CALLG, which refills the cache.
void Lowering::lower_CALLG(const Instr& in) {
  const Value* named = cached_global(in.c);
  bool native = named && named->tag == Tag::NativeFn && !inline_builtin(named, in.b);
  if (!req_.caches) return step_next();
  if (!global_site_ran(in.c)) return cold_step();
  BasicBlock* generic = fresh("generic_call");
  bool recursive = named && named->tag == Tag::Function && as_closure(*named)->proto == p_;
  if (recursive && inl_ && inl_->frameless) {
    frameless_self_call(in);
    generic->eraseFromParent();
    return;
  }
  if (recursive && in.b >= p_->fast_min_args && !inl_ && speculating()) {
    // The lookup through the cache (a second frame push) is left to the next compile.
    self_call_while_unchanged(in, *named, generic);
    deopt(kDeoptCallee);
    b_.SetInsertPoint(generic);
    step_next();
    return;
  }
  auto [valid, slot] = global_cache(in.c);
  BasicBlock* hit = fresh("cache_hit");
  b_.CreateCondBr(b_.CreateAnd(valid, b_.CreateIsNotNull(slot)), hit, generic);
  b_.SetInsertPoint(hit);
  if (inline_builtin(named, in.b)) {
    call_builtin(in, *named, global_value(slot), generic);
    return;
  }
  if (named && named->tag == Tag::Function && inlinable(as_closure(*named), in.b)) {
    // While the global still names the closure the site called, its body runs here.
    guarded_inline(as_closure(*named), global_value(slot), in.a, in.b, nil_operand(), generic);
    return;
  }
  copy(reg(in.a), slot);
  Operand callee = in_reg(in.a);
  if (native) {  // the site called a native (println, str …): expect it again
    BasicBlock* native_callee = fresh("native");
    b_.CreateCondBr(is(callee.tag, Tag::NativeFn), native_callee, generic);
    b_.SetInsertPoint(native_callee);
    call_native(this->slot(in.a), in.a, in.b, false);
    b_.SetInsertPoint(generic);
    step_next();
    return;
  }
  BasicBlock* closure = fresh("closure");
  b_.CreateCondBr(is(callee.tag, Tag::Function), closure, generic);
  b_.SetInsertPoint(closure);
  direct_call(in.a, in.b, callee.bits, nil_operand(), generic, recursive);
  b_.SetInsertPoint(generic);
  step_next();
}
STEPPED(CALLKW)
STEPPED(CALLA)
// .get and .set of a sunk map: its entry, while the method epoch says Map's get and set
// are still the builtin ones (else the map is allocated and the method called).
LV* Lowering::map_methods_unchanged() {
  LV* epoch = b_.CreateLoad(i64_, b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uintptr_t>(req_.host->method_epoch)), ptr_));
  return b_.CreateICmpEQ(epoch, b_.getInt64(req_.map_methods_epoch));
}
void Lowering::lower_AGET(const Instr& in) {
  if (auto sunk = sunk_member(in.b, key_constant(n_, in.c, 0)); sunk.first && req_.map_methods_epoch) {
    sunk_entry_access(sunk, in.b, [&](LV* entry) { copy(reg(in.a), entry); }, map_methods_unchanged());
    return deopt(kDeoptLoopSlowPath);
  }
  if (req_.map_methods_epoch) keyed_map_access(in.b, in.c, false, map_methods_unchanged(), [&](LV* entry) { copy(reg(in.a), entry); });
  array_access(in.b, in_reg(in.c), false, [&](LV* slot, Operand) { read_as_seen(reg(in.a), slot); });
}
void Lowering::lower_ASET(const Instr& in) {
  array_access(in.b, in_reg(in.c), false, [&](LV* slot, Operand arr) {
    copy(slot, reg(in.c + 1));
    store(reg(in.a), Tag::Array, arr.bits);
  });
}
void Lowering::lower_ASETV(const Instr& in) {
  if (auto sunk = sunk_member(in.a, key_constant(n_, in.b, 0)); sunk.first && req_.map_methods_epoch) {
    sunk_entry_access(sunk, in.a, [&](LV* entry) { store_unless_heap(entry, in.c); }, map_methods_unchanged());
    return deopt(kDeoptLoopSlowPath);
  }
  if (req_.map_methods_epoch) keyed_map_access(in.a, in.b, true, map_methods_unchanged(), [&](LV* entry) { copy(entry, reg(in.c)); });
  array_access(in.a, in_reg(in.b), false, [&](LV* slot, Operand) { copy(slot, reg(in.c)); });
}
void Lowering::lower_AGETI(const Instr& in) {
  read_maybe_sunk(in, in.c);
  array_access(in.b, immediate(in.c), false, [&](LV* slot, Operand) { read_as_seen(reg(in.a), slot); });
}
void Lowering::lower_ASETVI(const Instr& in) {
  array_access(in.a, immediate(in.b), false, [&](LV* slot, Operand) { copy(slot, reg(in.c)); });
}
STEPPED(CALLSELF)
// The method through the site's monomorphic cache (the receiver's class and the method
// epoch must match), then a direct call with the receiver as self.
void Lowering::lower_CALLM(const Instr& in) { method_call(in, false); }
// A method call last in a function: a native method or a builtin in line is called as by
// CALLM (the RET after it returns the value, and the caller's frame is in the trace
// as the interpreter has it); a closure replaces the frame, which the step does.
void Lowering::lower_TAILCALLM(const Instr& in) { method_call(in, true); }
void Lowering::method_call(const Instr& in, bool tail) {
  if ((in.b & kPropsFlag) || !req_.caches || !vector_.known) return step_next();
  if (!method_site_ran(in.c)) return cold_step();
  const HostLayout& h = *req_.host;
  BasicBlock* generic = fresh("generic_call");
  Operand receiver = in_reg(in.a);
  bool size = builtin_method(in, Tag::Array, "size", 0), add = builtin_method(in, Tag::Array, "add", 1);
  bool length = builtin_method(in, Tag::String, "length", 0) || builtin_method(in, Tag::String, "size", 0);
  bool char_at = builtin_method(in, Tag::String, "char_at", 1);
  LV* classes = vm_field(ptr_, h.builtin_classes + vector_.begin);
  LV* cls;
  if (size || add || length || char_at) {
    // A builtin method in line: only a receiver of its kind, whose class is that kind's.
    Tag kind = size || add ? Tag::Array : Tag::String;
    BasicBlock* of_kind = fresh("builtin");
    b_.CreateCondBr(is(receiver.tag, kind), of_kind, generic);
    b_.SetInsertPoint(of_kind);
    cls = b_.CreateLoad(ptr_, b_.CreateConstGEP1_64(i8_, classes, static_cast<int64_t>(kind) * 8));
  } else {
    BasicBlock* instance = fresh("instance");
    BasicBlock* builtin = fresh("builtin");
    BasicBlock* have_class = fresh("class");
    b_.CreateCondBr(is(receiver.tag, Tag::Instance), instance, builtin);
    b_.SetInsertPoint(instance);
    LV* instance_class = load_at(ptr_, b_.CreateIntToPtr(receiver.bits, ptr_), layout::kInstanceCls);
    b_.CreateBr(have_class);
    b_.SetInsertPoint(builtin);
    LV* builtin_class = b_.CreateLoad(ptr_, b_.CreateGEP(i8_, classes, b_.CreateShl(b_.CreateZExt(receiver.tag, i64_), 3)));
    b_.CreateBr(have_class);
    b_.SetInsertPoint(have_class);
    auto* phi = b_.CreatePHI(ptr_, 2);
    phi->addIncoming(instance_class, instance);
    phi->addIncoming(builtin_class, builtin);
    cls = phi;
  }
  // The cache vector is sized on the site's first look-up: until then, no hit.
  // Compiled code never writes the cache or the epoch: stores in a loop leave them hoistable.
  bool builtin_inline = size || add || length || char_at;
  // A site that saw several classes: a miss asks the cache's older entries (a helper), and
  // calls what they give directly too.
  MethodKinds older = builtin_inline ? MethodKinds{} : older_method_kinds(in);
  BasicBlock* miss = older.closures || older.natives ? fresh("cache_miss") : generic;
  LV* cache = proto_vector_element(p_->method_caches, layout::kProtoMethodCaches, in.c, miss);
  LV* hit = b_.CreateICmpEQ(load_layout(ptr_, cache, layout::kMethodCacheCls), cls);
  hit = b_.CreateAnd(hit, b_.CreateICmpNE(cls, llvm::ConstantPointerNull::get(llvm::cast<llvm::PointerType>(ptr_))));
  LV* epoch = load_layout(i64_, host_object(h.method_epoch, sizeof(uint64_t)), 0);
  hit = b_.CreateAnd(hit, b_.CreateICmpEQ(load_layout(i64_, cache, layout::kMethodCacheEpoch), epoch));
  LV* method_slot = at(cache, static_cast<int64_t>(layout::kMethodCacheMethod));
  Operand method = {load_layout(i64_, method_slot, layout::kTag), load_layout(i64_, method_slot, layout::kPayload)};
  BasicBlock* cached = fresh("cache_hit");
  b_.CreateCondBr(hit, cached, miss);
  b_.SetInsertPoint(cached);
  if (length || char_at) {
    // (s .length), (s .size) and (s .char_at i) with 0 <= i < size on a String, while the
    // site's cache holds String's builtin method; other indexes take the native call.
    BasicBlock* other = enter_cached_native(in, Tag::String, receiver, method, "string_method");
    LV* str = b_.CreateIntToPtr(receiver.bits, ptr_);
    LV* bytes = load_at(i64_, str, layout::kStringSize);
    if (length) {
      store(reg(in.a), Tag::Int, bytes);
    } else {
      Operand index = in_reg(in.a + 1);
      BasicBlock* within = fresh("char_within");
      b_.CreateCondBr(b_.CreateAnd(is(index.tag, Tag::Int), b_.CreateICmpULT(index.bits, bytes)), within, other);
      b_.SetInsertPoint(within);
      LV* c = b_.CreateLoad(i8_, b_.CreateGEP(i8_, str, b_.CreateAdd(index.bits, b_.getInt64(layout::kStringBytes))));
      store(reg(in.a), Tag::Char, b_.CreateZExt(c, i64_));
    }
    b_.CreateBr(next());
    b_.SetInsertPoint(other);
  }
  if (size || add) {
    // (xs .size) and (xs .add x) on an Array, while the site's cache still holds Array's
    // builtin method; .add only while there is room (growing takes the native call).
    BasicBlock* other = enter_cached_native(in, Tag::Array, receiver, method, "array_method");
    LV* arr = b_.CreateIntToPtr(receiver.bits, ptr_);
    LV* end = load_vector_bound(arr, layout::kArrayItems + vector_.end);
    if (size) {
      LV* begin = load_vector_bound(arr, layout::kArrayItems + vector_.begin);
      store(reg(in.a), Tag::Int, b_.CreateLShr(b_.CreateSub(b_.CreatePtrToInt(end, i64_), b_.CreatePtrToInt(begin, i64_)), 4));
    } else {
      BasicBlock* room = fresh("room");
      b_.CreateCondBr(b_.CreateICmpULT(end, load_vector_bound(arr, layout::kArrayItems + vector_.capacity)), room, other);
      b_.SetInsertPoint(room);
      copy(end, reg(in.a + 1));
      b_.CreateStore(b_.CreateConstGEP1_64(i8_, end, layout::kValueSize), at(arr, static_cast<int64_t>(layout::kArrayItems + vector_.end)))
          ->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_vector_);
    }
    b_.CreateBr(next());  // .add leaves the receiver in R[a] as its value
    b_.SetInsertPoint(other);
  }
  auto older_entries = [&] {
    if (miss == generic) return;
    b_.SetInsertPoint(miss);
    LV* found = call_out(method_of_fn_, {vm_, f_, b_.getInt32(n_), slot(in.a)}, false);
    BasicBlock* have = fresh("older_entry");
    b_.CreateCondBr(b_.CreateIsNull(found), generic, have);
    b_.SetInsertPoint(have);
    call_method(in, tail, older, found, {load_layout(i64_, found, layout::kTag), load_layout(i64_, found, layout::kPayload)},
                receiver, generic);
  };
  if (const Closure* c = cached_method(in); c && !tail && inlinable(c, in.b & kArgCountMask)) {
    guarded_inline(c, method, in.a, in.b & kArgCountMask, receiver, generic);
    older_entries();
    return;
  }
  // Only the kind of method the site held when compiled gets a direct path: another kind
  // (a builtin site meeting a subclass's closure, an index past a String's end) is rare,
  // and each direct path is dozens of IR instructions to generate code for. A cache
  // that was stale at the compile keeps both.
  const Value* held = cached_method_value(in);
  bool closures = !held || held->tag == Tag::Function, natives = !held || held->tag == Tag::NativeFn;
  if (!builtin_inline) call_method(in, tail, {closures, natives}, method_slot, method, receiver, generic);
  else b_.CreateBr(generic);
  older_entries();
  b_.SetInsertPoint(generic);
  step_next();
}
// The method at `slot` (its tag and bits in `method`) called by CALLM or TAILCALLM: a
// closure directly (not in tail position: the step replaces the frame), a native through
// the native call, for the kinds asked; anything else at `generic`.
void Lowering::call_method(const Instr& in, bool tail, MethodKinds kinds, LV* slot, Operand method, Operand receiver,
                           BasicBlock* generic) {
  bool closures = kinds.closures && !tail;
  BasicBlock* closure = closures ? fresh("closure") : generic;
  BasicBlock* not_closure = fresh("not_closure");
  b_.CreateCondBr(is(method.tag, Tag::Function), closure, not_closure);
  b_.SetInsertPoint(not_closure);
  if (kinds.natives) {
    BasicBlock* native = fresh("native");
    b_.CreateCondBr(is(method.tag, Tag::NativeFn), native, generic);
    b_.SetInsertPoint(native);
    call_native(slot, in.a, in.b & kArgCountMask, true);
  } else {
    b_.CreateBr(generic);
  }
  if (closures) {
    b_.SetInsertPoint(closure);
    direct_call(in.a, in.b & kArgCountMask, method.bits, receiver, generic);
  }
}
// A closure that needs no binding replaces this frame: the callee and its arguments move
// down over the window, and its native code runs as a tail call (a jump). Frames that
// must see their own return (constructors, macros, module bodies), open upvalues into
// this frame, and everything else take the interpreter's TAILCALL.
void Lowering::lower_TAILCALL(const Instr& in) {
  int n = in.b & kArgCountMask;
  if (in.b & kPropsFlag) {
    step_next();
    return;
  }
  if (inl_ && inl_->frameless) return frameless_self_tail_call(in);
  if (builtin_call(in, n)) return;  // `(sqrt …)` last in a function: no frame to replace
  const HostLayout& h = *req_.host;
  BasicBlock* generic = fresh("generic_tail_call");
  Operand callee = in_reg(in.a);
  BasicBlock* closure = fresh("closure");
  b_.CreateCondBr(is(callee.tag, Tag::Function), closure, generic);
  b_.SetInsertPoint(closure);
  LV* c = b_.CreateIntToPtr(callee.bits, ptr_);
  LV* np = load_at(ptr_, c, layout::kClosureProto);
  LV* fast_min = b_.CreateZExt(load_at(b_.getInt16Ty(), np, layout::kProtoFastMinArgs), i32_);
  LV* regs = b_.CreateZExt(load_at(b_.getInt16Ty(), np, layout::kProtoNumRegs), i64_);
  LV* flags = load_at(i32_, f_, layout::kFrameFlags);
  LV* ok = b_.CreateICmpEQ(b_.CreateAnd(flags, b_.getInt32(kFrameConstruct | kFrameMacro | kFrameModule)), b_.getInt32(0));
  // An open upvalue into this frame (the list is sorted, highest first) must close first.
  LV* open = vm_field(ptr_, h.open_upvalues);
  BasicBlock* check_open = fresh("check_open_upvalue");
  BasicBlock* checked = fresh("upvalues_checked");
  BasicBlock* here = b_.GetInsertBlock();
  b_.CreateCondBr(b_.CreateIsNotNull(open), check_open, checked);
  b_.SetInsertPoint(check_open);
  LV* into_frame = b_.CreateICmpUGE(load_at(ptr_, open, layout::kUpvalueLoc), R_);
  b_.CreateBr(checked);
  b_.SetInsertPoint(checked);
  auto* open_here = b_.CreatePHI(b_.getInt1Ty(), 2);
  open_here->addIncoming(b_.getFalse(), here);
  open_here->addIncoming(into_frame, check_open);
  ok = b_.CreateAnd(ok, b_.CreateNot(open_here));
  // This very closure again, with enough arguments: the frame stays as it is but for its
  // registers, pc and self, and the code goes on at its start, a loop.
  if (n >= p_->fast_min_args && !region_of(0) && call_entry_ && !inl_ && !req_.profile) {
    BasicBlock* self_call = fresh("self_tail_call");
    BasicBlock* other = fresh("other_tail_call");
    LV* same = b_.CreateICmpEQ(c, frame_closure());
    b_.CreateCondBr(b_.CreateAnd(ok, same), self_call, other);
    b_.SetInsertPoint(self_call);
    for (int k = 0; k <= n; ++k) copy(slot(k - 1), reg(in.a + k));
    LV* count = at(np, layout::kProtoCallCount);
    b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, count), b_.getInt64(1)), count);
    b_.CreateStore(b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uintptr_t>(code_)), ptr_), at(f_, layout::kFramePc));
    store_constant(at(f_, layout::kFrameSelf), make_nil());
    b_.CreateBr(call_entry_);
    b_.SetInsertPoint(other);
  }
  ok = b_.CreateAnd(ok, b_.CreateICmpUGE(b_.getInt32(static_cast<uint32_t>(n)), fast_min));
  ok = b_.CreateAnd(ok, b_.CreateICmpULT(b_.CreateGEP(i8_, R_, b_.CreateShl(regs, 4)), vm_constant(h.stack_end)));
  BasicBlock* replace = fresh("replace_frame");
  b_.CreateCondBr(ok, replace, generic);
  b_.SetInsertPoint(replace);
  // Downwards into R from the shadows: never overwrites a source, and the registers of
  // this frame are dead once it is replaced.
  for (int k = 0; k <= n; ++k) copy(slot(k - 1), reg(in.a + k));
  LV* calls = at(np, layout::kProtoCallCount);
  b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, calls), b_.getInt64(1)), calls);
  b_.CreateStore(c, at(f_, layout::kFrameClosure));
  b_.CreateStore(np, at(f_, layout::kFrameProto));
  b_.CreateStore(load_at(ptr_, np, layout::kProtoCode + vector_.begin), at(f_, layout::kFramePc));
  b_.CreateStore(load_at(ptr_, np, layout::kProtoConstants + vector_.begin), at(f_, layout::kFrameK));
  store_constant(at(f_, layout::kFrameSelf), make_nil());
  if (req_.profile) b_.CreateCall(profile_enter_fn_, {vm_, f_, b_.getInt64(0)});
  LV* entry = load_at(ptr_, np, layout::kProtoJitEntry);
  BasicBlock* native = fresh("native_callee");
  BasicBlock* interpreted = fresh("interpreted_callee");
  b_.CreateCondBr(b_.CreateIsNotNull(entry), native, interpreted);
  b_.SetInsertPoint(native);
  llvm::CallInst* tail = b_.CreateCall(entry_type(), entry, {vm_, f_, R_});
  tail->setTailCallKind(llvm::CallInst::TCK_MustTail);
  b_.CreateRet(tail);
  b_.SetInsertPoint(interpreted);
  b_.CreateRet(b_.getInt32(kContinue));  // the dispatch loop runs (or compiles) the callee
  b_.SetInsertPoint(generic);
  step_next();
}
// The value goes to the callee slot of the caller's window, R[-1]; the helper pops the frame.
void Lowering::lower_RET(const Instr& in) {
  if (inl_) return inlined_return(reg(in.a));
  copy(reg(-1), reg(in.a));
  leave_frame();
}
void Lowering::lower_RETNIL(const Instr&) {
  if (inl_) return inlined_return(nullptr);
  store_constant(reg(-1), make_nil());
  leave_frame();
}
STEPPED(CLOSE)

// ---- data ----
// Building data: the interpreter's functions, called without its dispatch loop.
#define BUILT(name) \
  void Lowering::lower_##name(const Instr&) { build(); }
// A sunk array (see find_sinkable_arrays) while its elements are not heap values;
// otherwise the interpreter's function builds it.
void Lowering::lower_NEWARRAY(const Instr& in) {
  auto it = sunk_.find(n_);
  if (it == sunk_.end() || inl_) {
    build();
    return;
  }
  SunkArray& sunk = it->second;
  sunk.lowered = true;
  LV* scalar = b_.getTrue();
  for (int e = 0; e < sunk.count; ++e)
    scalar = b_.CreateAnd(scalar, b_.CreateICmpULT(tag_of(reg(in.b + e)), tag_word(Tag::String)));
  BasicBlock* sink = fresh("sink_array");
  BasicBlock* heap_element = fresh("heap_element");
  b_.CreateCondBr(scalar, sink, heap_element);
  b_.SetInsertPoint(heap_element);
  deopt(kDeoptLoopSlowPath);
  b_.SetInsertPoint(sink);
  for (int e = 0; e < sunk.count; ++e) copy(sunk.elements[static_cast<size_t>(e)], reg(in.b + e));
  store(reg(in.a), Tag::Array, b_.getInt64(0));
  b_.CreateBr(next());
}
BUILT(CLOSURE)
STEPPED(APPEND)
STEPPED(SPREAD)
void Lowering::lower_NEWMAP(const Instr& in) {
  auto it = sunk_.find(n_);
  if (it == sunk_.end() || it->second.tag != Tag::Map || inl_) {
    build();
    return;
  }
  it->second.lowered = true;
  store(reg(in.a), Tag::Map, b_.getInt64(0));
  b_.CreateBr(next());
}
STEPPED(NEWGENE)
// An entry of a sunk map literal goes to its alloca.
void Lowering::lower_SETPROP(const Instr& in) {
  auto sunk = std::find_if(sunk_.begin(), sunk_.end(), [&](const auto& s) {
    return s.second.tag == Tag::Map && s.second.temp == in.a && s.first < n_ && n_ < s.second.bind;
  });
  if (sunk == sunk_.end() || inl_) {
    build();
    return;
  }
  int e = sunk->second.entry_of(as_symbol(p_->constants[in.b]));
  store_unless_heap(sunk->second.elements[static_cast<size_t>(e)], in.c);
  b_.CreateBr(next());
}
void Lowering::lower_GETMEMBER(const Instr& in) {
  if (!req_.caches || !vector_.known) {
    step_next();
    return;
  }
  BasicBlock* generic = fresh("generic_member");
  sunk_entry_access(sunk_member(in.b, &p_->constants[in.c]), in.b, [&](LV* entry) { read_as_seen(reg(in.a), entry); });
  LV* slot = member_slot(in_reg(in.b), in.c, generic);
  read_as_seen(reg(in.a), slot);
  as_kind(slot, tbaa_member_);
  b_.CreateBr(next());
  b_.SetInsertPoint(generic);
  generic_built();
}
void Lowering::lower_SETMEMBER(const Instr& in) {
  if (!req_.caches || !vector_.known) {
    step_next();
    return;
  }
  BasicBlock* generic = fresh("generic_member");
  sunk_entry_access(sunk_member(in.a, &p_->constants[in.b]), in.a, [&](LV* entry) { store_unless_heap(entry, in.c); });
  LV* slot = member_slot(in_reg(in.a), in.b, generic, /*store=*/true);
  copy(slot, reg(in.c));
  as_kind(slot, tbaa_member_);
  b_.CreateBr(next());
  b_.SetInsertPoint(generic);
  add_member_at_hint(in);
  generic_built();
}
// A constructor giving its new instance the next property: where the site's hint is the
// end of the props, the helper adds it there (PropMap::add_at, which neither allocates nor
// runs Gene code); otherwise the code goes on at the insertion point left.
void Lowering::add_member_at_hint(const Instr& in) {
  if (inl_ || n_ >= p_->prop_hints.size() || p_->prop_hints[n_].at == UINT32_MAX) return;
  BasicBlock* instance = fresh("new_member");
  BasicBlock* other = fresh("not_added");
  Operand o = in_reg(in.a), v = in_reg(in.c);
  b_.CreateCondBr(is(o.tag, Tag::Instance), instance, other);
  b_.SetInsertPoint(instance);
  LV* pm = at(b_.CreateIntToPtr(o.bits, ptr_), static_cast<int64_t>(layout::kInstanceProps));
  LV* hint = proto_vector_element(p_->prop_hints, layout::kProtoPropHints, n_, other);
  LV* at_hint = b_.CreateZExt(as_layout(b_.CreateLoad(i32_, hint)), i64_);
  LV* key = b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uintptr_t>(as_symbol(p_->constants[in.b]))), ptr_);
  LV* added = b_.CreateCall(add_member_fn_, {pm, at_hint, key, v.tag, v.bits});
  b_.CreateCondBr(b_.CreateICmpNE(added, b_.getInt32(0)), next(), other);
  b_.SetInsertPoint(other);
}
void Lowering::lower_GETINDEX(const Instr& in) {
  if (in.sc() < 0) {
    step_next();
    return;
  }
  read_maybe_sunk(in, in.sc());
  array_access(in.b, immediate(in.sc()), speculating(), [&](LV* slot, Operand) { read_as_seen(reg(in.a), slot); },
               in.seen == kSeenAnything);
}
void Lowering::lower_SETINDEX(const Instr& in) {
  if (in.sb() < 0) {
    step_next();
    return;
  }
  array_access(in.a, immediate(in.sb()), speculating(), [&](LV* slot, Operand) { copy(slot, reg(in.c)); });
}
// Keyed access (paths and selectors with a computed key): an Array and an Int key in
// range inline, as the interpreter's handler does; the rest through get_key/set_key.
// Under --no-opt the handler checks the inline path against get_key: so does the step.
// A site where the interpreter took the generic path never deopts to it.
void Lowering::lower_GETKEY(const Instr& in) {
  if (!req_.caches) return step_next();
  if (auto sunk = sunk_member(in.b, key_constant(n_, in.c, 0)); sunk.first) {
    // A real map here was allocated by a deopt or a heap value: the loop leaves the code.
    sunk_entry_access(sunk, in.b, [&](LV* entry) { copy(reg(in.a), entry); });
    return deopt(kDeoptLoopSlowPath);
  }
  keyed_map_access(in.b, in.c, false, nullptr, [&](LV* entry) { copy(reg(in.a), entry); });
  array_access(in.b, in_reg(in.c), false, [&](LV* slot, Operand) { copy(reg(in.a), slot); }, keyed_generic(in));
}
void Lowering::lower_GETKEYU(const Instr& in) { lower_GETKEY(in); }
BUILT(RANGE)
STEPPED(EXPLODE)
STEPPED(DEFNS)
STEPPED(NEWNS)
// A valid cache with no slot means the global is absent: nil.
void Lowering::lower_GETGLOBAL(const Instr& in) {
  if (inl_ && inl_->frameless) {  // only this proto's own closure, which cannot change meanwhile
    store_constant(reg(in.a), *cached_global(in.c));
    b_.CreateBr(next());
    return;
  }
  if (!req_.caches) {
    step_next();
    return;
  }
  auto [valid, slot] = global_cache(in.c);
  BasicBlock* hit = fresh("cache_hit");
  BasicBlock* miss = fresh("cache_miss");
  BasicBlock* present = fresh("present");
  BasicBlock* absent = fresh("absent");
  b_.CreateCondBr(valid, hit, miss);
  b_.SetInsertPoint(hit);
  b_.CreateCondBr(b_.CreateIsNotNull(slot), present, absent);
  b_.SetInsertPoint(present);
  copy(reg(in.a), slot);
  b_.CreateBr(next());
  b_.SetInsertPoint(absent);
  store_constant(reg(in.a), make_nil());
  b_.CreateBr(next());
  b_.SetInsertPoint(miss);
  step_next();
}
STEPPED(SETGLOBAL)
STEPPED(LOADNS)

// ---- classes ----
STEPPED(NEWCLASS)
STEPPED(DEFMETHOD)
STEPPED(CALLIN)
// (new C args…) of a class whose constructor is a closure with native code: the instance
// is made by a helper, then the constructor's frame is pushed and called as a direct
// call would, marked as a constructor (its value is self). Anything else, and props,
// take the interpreter's NEW.
void Lowering::lower_NEW(const Instr& in) {
  int n = in.b & kArgCountMask;
  if ((in.b & kPropsFlag) || inl_) return step_next();
  if (!req_.warm) return cold_step();
  // A builtin class (Array, Map …) has no Gene constructor to push a frame for.
  const Value* cls = global_read_into(in.a);
  if (cls && cls->tag == Tag::Class && as_class(*cls)->instance_tag != Tag::Instance) {
    step_next();
    return;
  }
  BasicBlock* generic = fresh("generic_new");
  BasicBlock* known = fresh("constructor");
  LV* ctor = call_out(constructor_fn_, {vm_, slot(in.a)}, false);
  b_.CreateCondBr(b_.CreateIsNotNull(ctor), known, generic);
  b_.SetInsertPoint(known);
  LV* np = load_at(ptr_, ctor, layout::kClosureProto);
  LV* entry = load_at(ptr_, np, layout::kProtoJitEntry);
  auto make_instance = [&] {
    save_pc(n_ + 1);
    LV* r = call_out(new_instance_fn_, {vm_, f_, b_.getInt32(n_)});
    BasicBlock* made = fresh("instance_made");
    b_.CreateSwitch(r, step_exit_, 1)->addCase(b_.getInt64(n_ + 1), made);
    step_result_->addIncoming(r, b_.GetInsertBlock());
    b_.SetInsertPoint(made);
    return in_reg(in.a);
  };
  push_and_call(in.a, ctor, np, num_regs_of(np), callable(np, entry, n), entry, nil_operand(), generic, make_instance,
                kFrameConstruct);
  b_.SetInsertPoint(generic);
  step_next();
}
STEPPED(SUPER)
BUILT(ISA)

// ---- exceptions: handlers live in the VM; a throw resumes at the handler's entry ----
BUILT(TRY)
BUILT(ENDTRY)

// ---- modules, macros, eval ----
STEPPED(IMPORT)
STEPPED(IMPORTGET)
STEPPED(CALLMACRO)
// Either a macro method ran (its frame returns to n+1), or the JMP at n+1 is skipped.
void Lowering::lower_CALLMACROM(const Instr&) { step({n_ + 1, n_ + 2}); }
STEPPED(EVAL)
STEPPED(CALLEREVAL)
STEPPED(RENDER)
BUILT(CONCAT)

// ---- patterns, enums, selectors ----
STEPPED(REST)
STEPPED(MATCH)
BUILT(CASEMATCH)
STEPPED(NEWENUM)
STEPPED(NEWSELECTOR)
STEPPED(SELSTEP)
void Lowering::lower_SETKEY(const Instr& in) {
  if (!req_.caches) return step_next();
  if (auto sunk = sunk_member(in.a, key_constant(n_, in.b, 0)); sunk.first) {
    sunk_entry_access(sunk, in.a, [&](LV* entry) { store_unless_heap(entry, in.c); });
    return deopt(kDeoptLoopSlowPath);
  }
  keyed_map_access(in.a, in.b, true, nullptr, [&](LV* entry) { copy(entry, reg(in.c)); });
  array_access(in.a, in_reg(in.b), false, [&](LV* slot, Operand) { copy(slot, reg(in.c)); }, keyed_generic(in));
}

// ---- errors: the step raises, and the code returns kThrow ----
void Lowering::lower_ERROR(const Instr&) { step({}); }
// A throw that a try of this function catches goes on at its handler, in native code.
void Lowering::lower_THROW(const Instr&) {
  step({});  // on at a handler of this frame, or out
}

#undef STEPPED

}  // namespace

namespace layout {
VectorLayout probe_vector_layout() {
  // Array::items takes its memory from the VM's pool, which the plugin does not link; a
  // vector with the standard allocator (stateless too) is laid out the same.
  std::vector<Value> probe;
  static_assert(sizeof(probe) == sizeof(Array::items));
  probe.reserve(8);  // capacity past the size: the end pointer is told apart from the capacity
  probe.resize(3);
  const char* raw = reinterpret_cast<const char*>(&probe);
  VectorLayout out;
  for (size_t at = 0; at + sizeof(void*) <= sizeof(probe); at += sizeof(void*)) {
    const Value* word;
    std::memcpy(&word, raw + at, sizeof word);
    if (word == probe.data()) out.begin = at;
    else if (word == probe.data() + 3) out.end = at;
    else if (word == probe.data() + 8) out.capacity = at;
  }
  out.known = out.begin != out.end && out.capacity != out.begin && out.capacity != out.end;
  return out;
}
size_t probe_prop_entries() {
  PropMap probe;
  return static_cast<size_t>(reinterpret_cast<const char*>(&probe.slots()) - reinterpret_cast<const char*>(&probe));
}
}  // namespace layout

Lowered lower_proto(llvm::LLVMContext& ctx, const CompileRequest& req, const std::string& name) {
  for (bool sink : {true, false}) {
    auto mod = std::make_unique<llvm::Module>(name, ctx);
    Lowering lowering(ctx, *mod, req, name, sink);
    lowering.run();
    if (sink && lowering.sank_outside_promoted_loop()) continue;  // lowered again, without sinking
    return {std::move(mod), lowering.promoted_loops(), lowering.has_frameless_clone(), lowering.inlined()};
  }
  return {};
}

}  // namespace gene::jit
