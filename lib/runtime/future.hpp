// A Future (§25.5): pending until the event loop or `.complete` settles it with a value
// (success) or an error (failure). Its callbacks wait here until then.
#pragma once
#include <vector>

#include "runtime/heap.hpp"
#include "runtime/object.hpp"

namespace gene {

enum class FutureState : uint8_t { Pending, Success, Failure };

struct Future : Obj {
  FutureState state = FutureState::Pending;
  Value value;  // the result, or the error once failed
  std::vector<Value> on_success;
  std::vector<Value> on_failure;
  Future() : Obj(Tag::Future) {}
  bool pending() const { return state == FutureState::Pending; }
  void trace(Marker& m) override {
    m.mark(value);
    for (Value v : on_success) m.mark(v);
    for (Value v : on_failure) m.mark(v);
  }
};

inline Future* as_future(Value v) { return static_cast<Future*>(v.as.o); }
inline bool is_future(Value v) { return v.tag == Tag::Future; }
// "FsPending", "FsSuccess" or "FsFailure", as printing shows it.
inline const char* future_state_name(FutureState s) {
  return s == FutureState::Pending ? "FsPending" : s == FutureState::Success ? "FsSuccess" : "FsFailure";
}

}  // namespace gene
