// Byte offsets of the VM structures that compiled code reads and writes directly.
// The plugin is built from the same headers as the VM, so these are exact.
#pragma once
#include <cstddef>
#include <cstdint>

#include "interp/vm.hpp"

namespace gene::jit::layout {

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"  // Closure, Upvalue and Array have vtables (Obj)
constexpr size_t kValueSize = sizeof(Value);
constexpr size_t kTag = offsetof(Value, tag);
constexpr size_t kPayload = offsetof(Value, as);
constexpr size_t kFrameClosure = offsetof(Frame, closure);
constexpr size_t kFrameBase = offsetof(Frame, base);
constexpr size_t kFramePc = offsetof(Frame, pc);
constexpr size_t kFrameSelf = offsetof(Frame, self);
constexpr size_t kClosureUpvals = offsetof(Closure, upvals);
constexpr size_t kUpvalueLoc = offsetof(Upvalue, loc);
constexpr size_t kArrayItems = offsetof(Array, items);
#pragma GCC diagnostic pop

static_assert(kValueSize == 16 && kTag == 0 && kPayload == 8, "compiled code writes a Value as two words");

// Where std::vector<Value> keeps its first and past-the-end pointers, checked on a live
// vector (compiled code indexes arrays inline only when the check passes).
struct VectorLayout {
  bool known = false;
  size_t begin = 0, end = 0;
};
VectorLayout probe_vector_layout();

}  // namespace gene::jit::layout
