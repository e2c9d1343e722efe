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
constexpr size_t kClosureInlineUpvals = offsetof(Closure, inline_upvals);
constexpr size_t kUpvalueLoc = offsetof(Upvalue, loc);
constexpr size_t kUpvalueClosed = offsetof(Upvalue, closed);
constexpr size_t kUpvalueSize = sizeof(Upvalue);
constexpr size_t kClosureCells = sizeof(Closure);  // upvalues captured by value follow the object
constexpr size_t kArrayItems = offsetof(Array, items);
constexpr size_t kRangeStart = offsetof(Range, start);
constexpr size_t kRangeEnd = offsetof(Range, end);
constexpr size_t kRangeStep = offsetof(Range, step);
constexpr size_t kStringSize = offsetof(String, size);
constexpr size_t kStringBytes = sizeof(String);  // the bytes follow the object
constexpr size_t kStringKey = offsetof(String, key);
constexpr size_t kSymbolPropKey = offsetof(Symbol, prop_key);
constexpr size_t kFrameProto = offsetof(Frame, proto);
constexpr size_t kFrameK = offsetof(Frame, k);
constexpr size_t kFrameFlags = offsetof(Frame, flags);
constexpr size_t kFrameEnv = offsetof(Frame, env);
constexpr size_t kClosureProto = offsetof(Closure, proto);
constexpr size_t kClosureNs = offsetof(Closure, ns);
constexpr size_t kProtoCode = offsetof(Proto, code);
constexpr size_t kProtoConstants = offsetof(Proto, constants);
constexpr size_t kProtoNumRegs = offsetof(Proto, num_regs);
constexpr size_t kProtoFastMinArgs = offsetof(Proto, fast_min_args);
constexpr size_t kProtoCallCount = offsetof(Proto, call_count);
constexpr size_t kProtoColdSteps = offsetof(Proto, jit_cold_steps);
constexpr size_t kProtoJitEntry = offsetof(Proto, jit_entry);
constexpr size_t kProtoMethodCaches = offsetof(Proto, method_caches);
constexpr size_t kInstanceCls = offsetof(Instance, cls);
constexpr size_t kInstanceProps = offsetof(Instance, props);
constexpr size_t kMapProps = offsetof(Map, map);
constexpr size_t kProtoPropHints = offsetof(Proto, prop_hints);
constexpr size_t kPropEntrySize = sizeof(PropMap::Entry);
constexpr size_t kPropEntryValue = offsetof(PropMap::Entry, second);
constexpr size_t kMethodCacheEpoch = offsetof(MethodCache, epoch);
constexpr size_t kMethodCacheCls = offsetof(MethodCache, cls);
constexpr size_t kMethodCacheMethod = offsetof(MethodCache, method);
constexpr size_t kMethodCacheSize = sizeof(MethodCache);
constexpr size_t kCacheEpoch = offsetof(GlobalCache, epoch);
constexpr size_t kCacheNs = offsetof(GlobalCache, ns);
constexpr size_t kCacheSlot = offsetof(GlobalCache, slot);
#pragma GCC diagnostic pop

static_assert(kValueSize == 16 && kTag == 0 && kPayload == 8, "compiled code writes a Value as two words");
static_assert(sizeof(Frame) == 64 && sizeof(Frame::flags) == 4 && sizeof(Frame::env) == 4);
static_assert(sizeof(Proto::num_regs) == 2 && sizeof(Proto::fast_min_args) == 2);

// Where std::vector<Value> keeps its first, past-the-end and capacity pointers, checked
// on a live vector (compiled code indexes and appends to arrays inline only when the
// check passes).
struct VectorLayout {
  bool known = false;
  size_t begin = 0, end = 0, capacity = 0;
};
VectorLayout probe_vector_layout();
// Where a PropMap keeps its entry vector.
size_t probe_prop_entries();

}  // namespace gene::jit::layout
