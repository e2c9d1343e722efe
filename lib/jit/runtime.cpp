// Helpers of compiled code. Each one either cannot raise, or catches the Gene error and
// leaves it in Tier::pending, so that no C++ exception ever unwinds through JIT frames.
#include "jit/runtime.hpp"

#include <cstddef>
#include <cstring>

#include "interp/ops.hpp"
#include "interp/vm.hpp"
#include "runtime/equality.hpp"

namespace gene::jit {

// Frames pushed by steps run natively from the step's helper, nested on the C stack up to
// this depth (and within kNativeStackBytes); deeper ones go through the dispatch loop.
constexpr uint32_t kMaxNativeDepth = 2000;

struct Runtime {
  // The interpreter runs instruction `index` of the top frame f (see VM::jit_step).
  static int64_t step(VM* vm, Frame* f, uint32_t index) {
    int64_t next = vm->jit_step(f, index);
    if (next == -static_cast<int64_t>(kContinue)) next = run_pushed_frame(vm, f);
    return next == -static_cast<int64_t>(kThrow) ? catch_error(vm, f) : next;
  }
  // The step pushed a frame on top of f (a constructor, a call with named or spread
  // arguments, a macro …): its native code runs right here, as a direct call's would,
  // and f goes on where the step left its pc once that frame returned. Otherwise, as
  // before, the dispatch loop takes over.
  static int64_t run_pushed_frame(VM* vm, Frame* f) {
    const int64_t to_dispatch_loop = -static_cast<int64_t>(kContinue);
    Frame* top = &vm->frames_[vm->frame_count_ - 1];
    if (top != f + 1 || !top->proto->jit_entry || vm->jit_native_depth_ >= kMaxNativeDepth ||
        reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) < vm->jit_stack_limit_)
      return to_dispatch_loop;
    ++vm->jit_native_depth_;
    uint32_t status = enter(top->proto->jit_entry, vm, top);
    --vm->jit_native_depth_;
    if (status == kReturned && &vm->frames_[vm->frame_count_ - 1] == f) return f->pc - f->proto->code.data();
    if (status == kThrow || status == kExit) return -static_cast<int64_t>(status);
    return to_dispatch_loop;
  }
#if defined(__clang__)
  __attribute__((no_sanitize("function")))  // native code has no type signature in front
#endif
  static uint32_t enter(void* entry, VM* vm, Frame* f) {
    return reinterpret_cast<Entry>(entry)(vm, f, f->base);
  }

  // A native function (CALL, CALLG) or native method (CALLM, the receiver in window[0])
  // the site resolved to: called as the interpreter's handler calls it, without running the
  // handler. The result goes to window[0]. Returns the next instruction, or -kThrow.
  static int64_t call_native(VM* vm, Frame* f, uint32_t index, const Value* fn, Value* window, int32_t n, int32_t method) {
    f->pc = f->proto->code.data() + index + 1;
    Value callee = *fn;
    Value self = method ? *window : make_nil();
    try {
      *window = method ? vm->call_native_method(callee, window + 1, n, self, f)
                       : vm->call_native_fn(callee, window + 1, n, self, f, vm->compile_options.optimize);
    } catch (...) {
      vm->jit_->pending = std::current_exception();
      return catch_error(vm, f);
    }
    return index + 1;
  }

  // The instructions that build data (NEWARRAY, NEWMAP, SETPROP, CONCAT, CLOSURE, RANGE,
  // FORPREP's iteration of a map or string) and the generic
  // paths of AGET, ASET, ASETV, AGETI, ASETVI, GETKEY, GETKEYU and SETKEY, through the
  // functions the interpreter's handlers call but without the dispatch loop, one function
  // per instruction (GENE_JIT_BUILT_OPS). Returns the next instruction, or -kThrow.
  template <Op kOp>
  static int64_t build(VM* vm, Frame* f, uint32_t index) {
    const Instr& in = f->proto->code[index];
    f->pc = f->proto->code.data() + index + 1;
    Value* R = f->base;
    try {
      switch (kOp) {
        case Op::NEWARRAY: R[in.a] = vm->new_array_of(R + in.b, in.c); break;
        case Op::NEWMAP: R[in.a] = vm->new_map_with_room(in.b); break;
        case Op::SETPROP: VM::set_prop(R[in.a], as_symbol(f->k[in.b]), R[in.c]); break;
        case Op::CONCAT: R[in.a] = vm->concat(R + in.b, in.c); break;
        case Op::CLOSURE: vm->make_closure(f, in.bx(), R[in.a]); break;
        // Keyed access when the inline Array path did not apply (a map, a string key …)
        // A Map's entry as the interpreter's handler finds it, which keeps the site's hint.
        case Op::GETKEY:
        case Op::GETKEYU: {
          if (R[in.b].tag == Tag::Map && R[in.c].tag != Tag::Range) {
            const Value* v = vm->map_entry_missed(f->proto, index, as_map(R[in.b]), R[in.c]);
            R[in.a] = v ? *v : kOp == Op::GETKEY ? make_nil() : make_undef();
            break;
          }
          Value v = get_key(*vm, R[in.b], R[in.c]);
          R[in.a] = is_undef(v) && kOp == Op::GETKEY ? make_nil() : v;
          break;
        }
        case Op::SETKEY:
          if (R[in.a].tag == Tag::Map) vm->map_set_missed(f->proto, index, as_map(R[in.a]), R[in.b], R[in.c]);
          else set_key(*vm, R[in.a], R[in.b], R[in.c]);
          break;
        // .get and .set when the inline Array path did not apply (a Map, an index out of range)
        case Op::AGET:
          if (R[in.b].tag == Tag::Map && vm->map_access().get) {
            const Value* v = vm->map_entry_missed(f->proto, index, as_map(R[in.b]), R[in.c]);
            R[in.a] = v ? *v : make_nil();
          } else {
            R[in.a] = vm->get_via_method(R[in.b], R + in.c);
          }
          break;
        case Op::ASET: R[in.a] = vm->set_via_method(R[in.b], R + in.c); break;
        case Op::ASETV:
          if (R[in.a].tag == Tag::Map && vm->map_access().set) vm->map_set_missed(f->proto, index, as_map(R[in.a]), R[in.b], R[in.c]);
          else vm->set_via_method(R[in.a], R[in.b], R[in.c]);
          break;
        case Op::AGETI: {
          Value key = make_int(in.c);
          R[in.a] = vm->get_via_method(R[in.b], &key);
          break;
        }
        case Op::ASETVI: vm->set_via_method(R[in.a], make_int(in.b), R[in.c]); break;
        // A member whose entry hint missed (a new key, another layout, a namespace …)
        case Op::GETMEMBER: R[in.a] = vm->get_member_missed(f->proto, index, in.c, R[in.b]); break;
        case Op::SETMEMBER: vm->set_member_missed(f->proto, index, in.b, R[in.a], R[in.c]); break;
        case Op::RANGE: R[in.a] = make_range(*vm, R[in.b], R[in.c]); break;
        case Op::FORPREP: in.c ? for_prep_counted(*vm, &R[in.a]) : for_prep(*vm, &R[in.a], in.b); break;
        // A try block's handler and tests of a value's class, as their handlers do them
        case Op::TRY:
          f->flags |= kFrameHandlers;
          vm->handlers_.push_back(Handler{vm->frame_count_ - 1, f->proto->code.data() + index + 1 + in.sbx(), in.a});
          break;
        case Op::ENDTRY: vm->handlers_.pop_back(); break;
        case Op::ISA:  // `catch Cls`: case_matches' test of a class; anything else, the handler's error
          if (R[in.c].tag != Tag::Class) return step(vm, f, index);
          R[in.a] = make_bool(vm->case_matches(R[in.b], R[in.c]));
          break;
        case Op::CASEMATCH: R[in.a] = make_bool(vm->case_matches(R[in.b], R[in.c])); break;
        default: return vm->jit_step(f, index);
      }
    } catch (...) {
      vm->jit_->pending = std::current_exception();
      return catch_error(vm, f);
    }
    return index + 1;
  }

  // NEW inline (see lower_NEW): the constructor, and then the instance in R[A].
  static Closure* constructor(VM* vm, const Value* window) { return vm->plain_constructor(window[0]); }
  static int64_t new_instance(VM* vm, Frame* f, uint32_t index) {
    Value* window = f->base + f->proto->code[index].a;
    try {
      window[0] = value_of(vm->heap.make<Instance>(as_class(window[0])));
    } catch (...) {
      vm->jit_->pending = std::current_exception();
      return catch_error(vm, f);
    }
    return index + 1;
  }

  // A deopt from a loop whose array was never allocated (allocation sinking): R[reg] =
  // the array of the n items. Returns 1 when the allocation raised (the error is pending).
  static uint32_t materialize_array(VM* vm, Frame* f, uint32_t reg, const Value* items, uint32_t n) {
    try {
      f->base[reg] = vm->new_array_of(items, n);
      return 0;
    } catch (...) {
      vm->jit_->pending = std::current_exception();
      return 1;
    }
  }

  // SETMEMBER's store of an instance's next property where the site's hint says
  // (PropMap::add_at): 1 if it was added.
  static uint32_t add_member(PropMap* props, uint64_t at, Symbol* key, uint64_t tag, uint64_t bits) {
    Value v;
    const uint64_t words[2] = {tag, bits};  // the whole tag word, as compiled code reads it
    std::memcpy(&v, words, sizeof v);
    return props->add_at(at, key, v);
  }

  // The same for a sunk map literal (NEWMAP at `site`): its keys are the SETPROPs that
  // follow it, up to the MOVE that binds it.
  static uint32_t materialize_map(VM* vm, Frame* f, uint32_t reg, const Value* entries, uint32_t site) {
    const Instr* code = f->proto->code.data();
    uint16_t temp = code[site].a;
    try {
      Value map = vm->new_map_with_room(code[site].b);
      size_t e = 0;
      for (uint32_t j = site + 1; !(code[j].op == Op::MOVE && code[j].b == temp); ++j)
        if (code[j].op == Op::SETPROP && code[j].a == temp) VM::set_prop(map, as_symbol(f->k[code[j].b]), entries[e++]);
      f->base[reg] = map;
      return 0;
    } catch (...) {
      vm->jit_->pending = std::current_exception();
      return 1;
    }
  }

  // A return whose value is already in R[-1]: pops the frame the way the interpreter does.
  static uint32_t leave(VM* vm, Frame* f) {
    bool to_native = f->flags != 0 && vm->settle_return(f);
    --vm->frame_count_;
    return to_native ? kExit : kReturned;
  }

  static void deopt(VM* vm, Frame* f, uint32_t site, uint32_t reason) { vm->jit_->deopt(f->proto, site, reason, f->base); }

  static int32_t equal(const Value* a, const Value* b) { return values_equal(*a, *b) ? 1 : 0; }

  // The method CALLM site `index` finds for *receiver past its first cache entry: an older
  // entry's, or the class chain's (which the cache then keeps). Null when the look-up
  // raised: the step then raises it again, from the interpreter's handler.
  static const Value* method_of(VM* vm, Frame* f, uint32_t index, const Value* receiver) {
    try {
      return vm->cached_method(f->proto, f->proto->code[index].c, *receiver);
    } catch (...) {
      return nullptr;
    }
  }

  // A call of f's code returned kThrow, or a helper parked an error. When the innermost
  // handler is one of f's, the Gene error goes to it (f's pc becomes the handler's, the
  // frames above go) and the code goes on there; otherwise -kThrow, and it goes on out.
  static int64_t catch_error(VM* vm, Frame* f) {
    Value error;
    // Under --profile the dispatch loop takes it, as it tells the profiler of the frames it drops.
    if (vm->profiler || vm->handlers_.empty() || vm->handlers_.back().frame != static_cast<size_t>(f - vm->frames_) ||
        !vm->take_jit_error(error))
      return -static_cast<int64_t>(kThrow);
    vm->enter_handler(error);
    return f->pc - f->proto->code.data();
  }

  // FORLOOP's iteration step: it neither raises nor allocates.
  static int32_t for_next(VM* vm, Value* slot, Value* out) { return gene::for_next(*vm, slot, out) ? 1 : 0; }
  static int32_t for_pair(VM* vm, Value* slot, Value* out) { return gene::for_pair(*vm, slot, out) ? 1 : 0; }

  // --profile: compiled code reports its entries and returns (only code compiled while
  // the profiler is on calls these).
  static void profile_enter(VM* vm, Frame* f, uint64_t index) {
    if (vm->profiler) vm->profiler->native_entered(f->proto, index == 0, vm->frame_count_, vm->heap.objects_allocated_total());
  }
  static void profile_return(VM* vm) {
    if (vm->profiler) vm->profiler->native_returned(vm->frame_count_, vm->heap.objects_allocated_total());
  }
  // A back edge under the profiler; a budget may stop the program here (kThrow).
  static uint32_t profile_back_edge(VM* vm, Frame* f, uint32_t body) {
    try {
      if (vm->profiler) vm->profiler->native_back_edge(f->proto, body, vm->heap.objects_allocated_total());
    } catch (...) {
      vm->jit_->pending = std::current_exception();
      return kThrow;
    }
    return kReturned;
  }

  static const Value* running_registers(const VM& vm, const Proto* p, uint32_t* pc) {
    if (vm.frame_count_ == 0) return nullptr;
    const Frame& top = vm.frames_[vm.frame_count_ - 1];
    if (top.proto != p) return nullptr;
    *pc = static_cast<uint32_t>(top.pc - p->code.data());
    return top.base;
  }

  static const HostLayout& layout() {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"  // VM is not standard-layout; the fields are
    static const HostLayout l{offsetof(VM, frames_),           offsetof(VM, frame_count_),
                              offsetof(VM, frames_end_),       offsetof(VM, stack_end_),
                              offsetof(VM, jit_stack_limit_),  offsetof(VM, builtin_classes_),
                              offsetof(VM, open_upvals_),
                              &g_namespace_epoch,              &g_method_epoch};
#pragma GCC diagnostic pop
    return l;
  }
};


const HostLayout& host_layout() { return Runtime::layout(); }

const Value* running_registers(const VM& vm, const Proto* p, uint32_t* pc) {
  return Runtime::running_registers(vm, p, pc);
}

std::vector<HostSymbol> host_symbols() {
  return {
      {"gene_jit_step", reinterpret_cast<void*>(&Runtime::step)},
      {"gene_jit_leave", reinterpret_cast<void*>(&Runtime::leave)},
      {"gene_jit_call_native", reinterpret_cast<void*>(&Runtime::call_native)},
#define BUILT_SYMBOL(name) {"gene_jit_build_" #name, reinterpret_cast<void*>(&Runtime::build<Op::name>)},
      GENE_JIT_BUILT_OPS(BUILT_SYMBOL)
#undef BUILT_SYMBOL
      {"gene_jit_constructor", reinterpret_cast<void*>(&Runtime::constructor)},
      {"gene_jit_new_instance", reinterpret_cast<void*>(&Runtime::new_instance)},
      {"gene_jit_deopt", reinterpret_cast<void*>(&Runtime::deopt)},
      {"gene_jit_materialize_array", reinterpret_cast<void*>(&Runtime::materialize_array)},
      {"gene_jit_materialize_map", reinterpret_cast<void*>(&Runtime::materialize_map)},
      {"gene_jit_equal", reinterpret_cast<void*>(&Runtime::equal)},
      {"gene_jit_method_of", reinterpret_cast<void*>(&Runtime::method_of)},
      {"gene_jit_catch", reinterpret_cast<void*>(&Runtime::catch_error)},
      {"gene_jit_for_next", reinterpret_cast<void*>(&Runtime::for_next)},
      {"gene_jit_add_member", reinterpret_cast<void*>(&Runtime::add_member)},
      {"gene_jit_for_pair", reinterpret_cast<void*>(&Runtime::for_pair)},
      {"gene_jit_profile_enter", reinterpret_cast<void*>(&Runtime::profile_enter)},
      {"gene_jit_profile_return", reinterpret_cast<void*>(&Runtime::profile_return)},
      {"gene_jit_profile_back_edge", reinterpret_cast<void*>(&Runtime::profile_back_edge)},
  };
}

}  // namespace gene::jit
