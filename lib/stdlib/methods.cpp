// Methods every value answers (.to_s, .class, defined once on Object, the root class),
// the helpers shared by the per-kind method files, and install_methods, which runs them.
#include <fmt/format.h>

#include <algorithm>

#include "interp/ops.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"
#include "stdlib/method_support.hpp"
#include "stdlib/stdlib.hpp"

namespace gene::methods {

void define_methods(VM& vm, std::span<const MethodEntry> table) {
  for (const MethodEntry& m : table) vm.define_method(m.tag, m.name, m.fn, m.lo, m.hi);
}

NativeFn* builtin_method(VM& vm, Tag tag, std::string_view name) {
  return as_native(*vm.builtin_class(tag)->methods.find(PropKey(intern(name))));
}

void define_natives(VM& vm, Namespace* ns, std::span<const NativeEntry> table) {
  for (const NativeEntry& e : table) vm.define_native(ns, e.name, e.fn, e.lo, e.hi);
}

Namespace* child_namespace(VM& vm, Namespace* parent, std::string_view name) {
  Symbol* key = intern(name);
  if (Value* v = parent->members.find(key); v && v->tag == Tag::Namespace) return as_namespace(*v);
  Namespace* ns = vm.heap.make<Namespace>(key, parent);
  parent->define(key, value_of(ns));
  return ns;
}

void arg_error(VM& vm, const char* method, const char* expected, Value got) {
  vm.raise(fmt::format("{} expects {}, got {}", method, expected, repr_in_message(got)));
}

int64_t int_arg(VM& vm, CallArgs& a, int k, const char* method, const char* expected) {
  if (!is_int(a.args[k])) arg_error(vm, method, expected, a.args[k]);
  return as_int(a.args[k]);
}

std::string_view string_arg(VM& vm, CallArgs& a, int k, const char* method, const char* expected) {
  if (!is_string(a.args[k])) arg_error(vm, method, expected, a.args[k]);
  return as_string(a.args[k])->view();
}

std::string text_arg(VM& vm, CallArgs& a, int k, const char* method) {
  if (is_char(a.args[k])) return to_s(a.args[k]);
  return std::string(string_arg(vm, a, k, method));
}

Value fn_arg(VM& vm, CallArgs& a, int k, const char* method) {
  Tag t = a.args[k].tag;
  // A selector is called like a function of one value (§25.2): (xs .map @name).
  if (t != Tag::Function && t != Tag::NativeFn && t != Tag::BoundMethod && t != Tag::Selector)
    arg_error(vm, method, "a function", a.args[k]);
  return a.args[k];
}

int64_t element_index(int64_t i, size_t n) {
  int64_t len = static_cast<int64_t>(n);
  if (i < 0) i += len;
  return i >= 0 && i < len ? i : -1;
}

size_t checked_index(VM& vm, int64_t i, size_t n) {
  int64_t at = element_index(i, n);
  if (at < 0) vm.raise("index out of range");
  return static_cast<size_t>(at);
}

size_t slice_bound(int64_t i, size_t n) {
  int64_t len = static_cast<int64_t>(n);
  if (i < 0) i += len;
  return static_cast<size_t>(std::clamp<int64_t>(i, 0, len));
}

Value new_array(VM& vm, std::vector<Value> items) {
  // The items must be reachable elsewhere (from the receiver) while the array is made.
  Array* arr = vm.heap.make<Array>();
  arr->items.assign(items.begin(), items.end());
  return value_of(arr);
}

Value string_array(VM& vm, const std::vector<std::string_view>& parts) {
  Root out(vm.heap, new_array(vm));
  as_array(out.value)->items.reserve(parts.size());
  for (std::string_view p : parts) {
    Value s = vm.heap.string_value(p);
    as_array(out.value)->items.push_back(s);
  }
  return out.value;
}

namespace {
// A string is its own text (strings never change).
Value to_s_(VM& vm, CallArgs& a) { return is_string(a.self) ? a.self : vm.concat(&a.self, 1); }
Value class_(VM& vm, CallArgs& a) {
  Class* c = vm.class_of(a.self);
  return c ? value_of(c) : make_nil();
}
// (f .call args…): calls a function, block or builtin with the arguments given (§17.5, GN).
Value call_(VM& vm, CallArgs& a) { return vm.call(a.self, a.args, a.count, make_nil(), a.props); }

const MethodEntry kFnMethods[] = {
    {Tag::Function, "call", call_, 0, -1},
    {Tag::NativeFn, "call", call_, 0, -1},
};
}  // namespace

}  // namespace gene::methods

namespace gene {

void install_methods(VM& vm) {
  install_string_methods(vm);
  install_array_methods(vm);
  install_map_methods(vm);
  install_number_methods(vm);
  methods::define_methods(vm, methods::kFnMethods);
  Class* object = vm.builtin_class(Tag::Nil)->parent;
  struct Entry {
    const char* name;
    NativeFnPtr fn;
  };
  for (Entry e : {Entry{"to_s", methods::to_s_}, Entry{"class", methods::class_}}) {
    Root f(vm.heap, value_of(vm.heap.make<NativeFn>(e.name, e.fn, 0, 0)));
    object->set_method(intern(e.name), f.value);
  }
}

}  // namespace gene
