// The engine behind the public API (include/gene/): a VM, the module every eval runs in,
// the table of values that handles keep alive, and the output sink.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gene/engine.hpp"
#include "interp/vm.hpp"
#include "runtime/value.hpp"

namespace gene::detail {

class EngineCore {
  // Declared before the VM: handles captured by native functions' closures are released
  // while the VM's heap is torn down.
  std::vector<Value> slots_;
  std::vector<uint32_t> free_slots_;

 public:
  EngineCore(Engine& owner, const EngineOptions& options);
  ~EngineCore();
  EngineCore(const EngineCore&) = delete;
  EngineCore& operator=(const EngineCore&) = delete;

  Engine& owner;
  VM vm;
  std::unique_ptr<Session> session;  // the engine's module

  // ---- handles: one slot each, all of them roots ----
  Handle wrap(Value v);
  // The value of h; nil for a detached handle. A handle of another engine is an error.
  Value unwrap(const Handle& h) const;
  uint32_t acquire(Value v);
  void release(uint32_t slot);
  Value slot_value(uint32_t slot) const { return slots_[slot]; }

  // Runs work that may run Gene code: hands output to the sink afterwards, and turns
  // parse, compile and Gene errors into gene::Error.
  template <class Work>
  auto guarded(Work&& work) -> decltype(work()) {
    try {
      auto result = work();
      deliver_output();
      return result;
    } catch (...) {
      deliver_output();
      rethrow_as_error();
    }
  }
  void deliver_output();
  // Inside a catch block: rethrows the current exception as gene::Error.
  [[noreturn]] void rethrow_as_error();

  // A native function whose body is a C++ callable.
  Value make_native(std::string name, int min_args, int max_args, NativeFunction body);

 private:
  int root_id_ = 0;
  std::function<void(std::string_view)> sink_;
  std::string captured_;
};

// The private parts of the public classes, for the implementation.
struct Access {
  static EngineCore& core(Engine& e) { return *e.core_; }
  static EngineCore* core(const Handle& h) { return h.core_; }
  static uint32_t slot(const Handle& h) { return h.slot_; }
  static Handle attach(EngineCore* core, uint32_t slot) {
    Handle h;
    h.core_ = core;
    h.slot_ = slot;
    return h;
  }
  static bool thrown_by_gene(const Error& e) { return e.from_gene_; }
  static void set_thrown_by_gene(Error& e, bool b) { e.from_gene_ = b; }
};

}  // namespace gene::detail
