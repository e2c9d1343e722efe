// Shared pieces of the builtin-method files (§17): the method table row, argument checks
// with one message format, index rules, and calls back into Gene code.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "interp/vm.hpp"

namespace gene::methods {

struct MethodEntry {
  Tag tag;
  const char* name;
  NativeFnPtr fn;
  int lo, hi;  // argument counts; hi < 0: any number
};
void define_methods(VM& vm, std::span<const MethodEntry> table);
// The builtin method `name` of kind `tag`, defined by define_methods (to give it a direct
// entry: NativeFn::method1, method2).
NativeFn* builtin_method(VM& vm, Tag tag, std::string_view name);

// A row of a table of builtin functions in a namespace (gene/File/read …).
struct NativeEntry {
  const char* name;
  NativeFnPtr fn;
  int lo, hi;
};
void define_natives(VM& vm, Namespace* ns, std::span<const NativeEntry> table);
// The namespace `name` inside parent, made the first time: several files add to one
// (gene/io, gene/time).
Namespace* child_namespace(VM& vm, Namespace* parent, std::string_view name);

// ---- the receiver (the interpreter checked its kind when it found the method) ----
inline std::string_view self_str(CallArgs& a) { return as_string(a.self)->view(); }
inline Values& self_items(CallArgs& a) { return as_array(a.self)->items; }
inline PropMap& self_map(CallArgs& a) { return as_map(a.self)->map; }
inline Value size_value(size_t n) { return make_int(static_cast<int64_t>(n)); }

// ---- arguments: a wrong kind raises "<method> expects <expected>, got <repr>" ----
[[noreturn]] void arg_error(VM& vm, const char* method, const char* expected, Value got);
int64_t int_arg(VM& vm, CallArgs& a, int k, const char* method, const char* expected = "an Int argument");
std::string_view string_arg(VM& vm, CallArgs& a, int k, const char* method,
                             const char* expected = "a string argument");
// A String, or a Char taken as its one-character text.
std::string text_arg(VM& vm, CallArgs& a, int k, const char* method);
// Anything callable: a function, block or builtin.
Value fn_arg(VM& vm, CallArgs& a, int k, const char* method);

// ---- indexes: negatives count from the end ----
// The element position, or -1 when outside [0, n).
int64_t element_index(int64_t i, size_t n);
// Same, but a position outside raises "index out of range".
size_t checked_index(VM& vm, int64_t i, size_t n);
// A slice bound: negatives from the end, then clamped into [0, n].
size_t slice_bound(int64_t i, size_t n);

// ---- building results ----
// The items must stay reachable elsewhere (e.g. from the receiver) while the array is made.
Value new_array(VM& vm, std::vector<Value> items = {});
// Keeps the array rooted while it makes the strings.
Value string_array(VM& vm, const std::vector<std::string_view>& parts);

// Calls a Gene callable with the given arguments.
template <class... V>
Value call_fn(VM& vm, Value fn, V... args) {
  Value argv[] = {args...};
  return vm.call(fn, argv, static_cast<int>(sizeof...(args)));
}

}  // namespace gene::methods
