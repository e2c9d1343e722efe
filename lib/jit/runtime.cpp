// Helpers of compiled code. Each one either cannot raise, or catches the Gene error and
// leaves it in Tier::pending, so that no C++ exception ever unwinds through JIT frames.
#include "jit/runtime.hpp"

#include <cstddef>

#include "interp/ops.hpp"
#include "interp/vm.hpp"
#include "runtime/equality.hpp"

namespace gene::jit {

// Native calls nest on the C stack; past this depth they take the dispatch loop, whose
// frames live in the VM's frame array (so deep recursion still ends in "stack overflow").
constexpr uint32_t kMaxNativeDepth = 2000;

struct Runtime {
  // The interpreter runs instruction `index` of the top frame f (see VM::jit_step).
  static int64_t step(VM* vm, Frame* f, uint32_t index) { return vm->jit_step(f, index); }

  // A return whose value is already in R[-1]: pops the frame the way the interpreter does.
  static uint32_t leave(VM* vm, Frame* f) {
    bool to_native = f->flags != 0 && vm->settle_return(f);
    --vm->frame_count_;
    return to_native ? kExit : kReturned;
  }

  static void deopt(VM* vm, Frame* f, uint32_t site, uint32_t reason) { vm->jit_->deopt(f->proto, site, reason); }

  static int32_t equal(const Value* a, const Value* b) { return values_equal(*a, *b) ? 1 : 0; }

  // FORNEXT's iteration step: it neither raises nor allocates.
  static int32_t for_next(VM* vm, Value* slot, Value* out) { return gene::for_next(*vm, slot, out) ? 1 : 0; }

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

  static const HostLayout& layout() {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"  // VM is not standard-layout; the fields are
    static const HostLayout l{offsetof(VM, frames_),           offsetof(VM, frame_count_),
                              offsetof(VM, frames_end_),       offsetof(VM, stack_end_),
                              offsetof(VM, jit_native_depth_), offsetof(VM, builtin_classes_),
                              offsetof(VM, open_upvals_),
                              &g_namespace_epoch,              &g_method_epoch,
                              kMaxNativeDepth};
#pragma GCC diagnostic pop
    return l;
  }
};


const HostLayout& host_layout() { return Runtime::layout(); }

std::vector<HostSymbol> host_symbols() {
  return {
      {"gene_jit_step", reinterpret_cast<void*>(&Runtime::step)},
      {"gene_jit_leave", reinterpret_cast<void*>(&Runtime::leave)},
      {"gene_jit_deopt", reinterpret_cast<void*>(&Runtime::deopt)},
      {"gene_jit_equal", reinterpret_cast<void*>(&Runtime::equal)},
      {"gene_jit_for_next", reinterpret_cast<void*>(&Runtime::for_next)},
      {"gene_jit_profile_enter", reinterpret_cast<void*>(&Runtime::profile_enter)},
      {"gene_jit_profile_return", reinterpret_cast<void*>(&Runtime::profile_return)},
      {"gene_jit_profile_back_edge", reinterpret_cast<void*>(&Runtime::profile_back_edge)},
  };
}

}  // namespace gene::jit
