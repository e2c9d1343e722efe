// Helpers of compiled code. Each one either cannot raise, or catches the Gene error and
// leaves it in Tier::pending, so that no C++ exception ever unwinds through JIT frames.
#include "jit/runtime.hpp"

#include "interp/vm.hpp"
#include "runtime/equality.hpp"

namespace gene::jit {

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
};


std::vector<HostSymbol> host_symbols() {
  return {
      {"gene_jit_step", reinterpret_cast<void*>(&Runtime::step)},
      {"gene_jit_leave", reinterpret_cast<void*>(&Runtime::leave)},
      {"gene_jit_deopt", reinterpret_cast<void*>(&Runtime::deopt)},
      {"gene_jit_equal", reinterpret_cast<void*>(&Runtime::equal)},
  };
}

}  // namespace gene::jit
