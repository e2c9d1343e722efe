// Methods of builtin values (§17): the CORE set for strings, arrays, maps and numbers,
// plus .to_s and .class on every value (defined once on Object, the root class).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "interp/ops.hpp"
#include "interp/vm.hpp"
#include "runtime/equality.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
const std::string& self_str(CallArgs& a) { return as_string(a.self)->data; }
std::vector<Value>& self_items(CallArgs& a) { return as_array(a.self)->items; }

int64_t index_arg(VM& vm, CallArgs& a, int k) {
  if (!is_int(a.args[k])) vm.raise(fmt::format("An index must be an Int, got {}", repr(a.args[k])));
  return as_int(a.args[k]);
}

// ---- every value ----
Value to_s_(VM& vm, CallArgs& a) { return vm.heap.string_value(to_s(a.self)); }
Value class_(VM& vm, CallArgs& a) {
  Class* c = vm.class_of(a.self);
  return c ? value_of(c) : make_nil();
}

// ---- String ----
Value str_length(VM&, CallArgs& a) { return make_int(static_cast<int64_t>(self_str(a).size())); }
Value str_append(VM& vm, CallArgs& a) {
  if (!is_string(a.args[0])) vm.raise("append requires a string argument");
  return vm.heap.string_value(self_str(a) + as_string(a.args[0])->data);
}
Value str_upper(VM& vm, CallArgs& a) {
  std::string s = self_str(a);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return vm.heap.string_value(s);
}
Value str_lower(VM& vm, CallArgs& a) {
  std::string s = self_str(a);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return vm.heap.string_value(s);
}
Value str_to_i(VM& vm, CallArgs& a) {
  const std::string& s = self_str(a);
  int64_t v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) vm.raise(fmt::format("Cannot convert \"{}\" to Int", s));
  return make_int(v);
}

// ---- Array ----
Value arr_size(VM&, CallArgs& a) { return make_int(static_cast<int64_t>(self_items(a).size())); }
Value arr_get(VM& vm, CallArgs& a) { return get_index(vm, a.self, index_arg(vm, a, 0)); }
Value arr_set(VM& vm, CallArgs& a) {
  set_index(vm, a.self, index_arg(vm, a, 0), a.args[1]);
  return a.args[1];
}
Value arr_add(VM&, CallArgs& a) {
  for (int k = 0; k < a.count; ++k) self_items(a).push_back(a.args[k]);
  return a.self;
}
Value arr_empty(VM&, CallArgs& a) { return make_bool(self_items(a).empty()); }
Value arr_contains(VM&, CallArgs& a) {
  for (Value v : self_items(a))
    if (values_equal(v, a.args[0])) return make_bool(true);
  return make_bool(false);
}
Value arr_first(VM& vm, CallArgs& a) { return get_index(vm, a.self, 0); }
Value arr_last(VM& vm, CallArgs& a) { return get_index(vm, a.self, -1); }

// ---- Map ----
Value map_size(VM&, CallArgs& a) { return make_int(static_cast<int64_t>(as_map(a.self)->map.size())); }
Value map_get(VM& vm, CallArgs& a) {
  const Value* v = as_map(a.self)->map.find(key_symbol(vm, a.args[0]));
  return v ? *v : a.arg(1);
}
Value map_set(VM& vm, CallArgs& a) {
  as_map(a.self)->map.set(key_symbol(vm, a.args[0]), a.args[1]);
  return a.self;
}
Value map_contains(VM& vm, CallArgs& a) { return make_bool(as_map(a.self)->map.find(key_symbol(vm, a.args[0])) != nullptr); }

// ---- numbers ----
Value num_to_i(VM& vm, CallArgs& a) {
  if (is_int(a.self)) return a.self;
  double d = std::trunc(as_float(a.self));
  if (std::isnan(d) || d < -9223372036854775808.0 || d >= 9223372036854775808.0)
    vm.raise(fmt::format("Cannot convert {} to Int", format_float(as_float(a.self))));
  return make_int(static_cast<int64_t>(d));
}
Value num_to_f(VM&, CallArgs& a) { return make_float(to_double(a.self)); }
Value num_to_fixed(VM& vm, CallArgs& a) {
  int64_t n = index_arg(vm, a, 0);
  if (n < 0 || n > 100) vm.raise("to_fixed expects 0..100 decimals");
  return vm.heap.string_value(fmt::format("{:.{}f}", to_double(a.self), static_cast<int>(n)));
}

struct MethodEntry {
  Tag tag;
  const char* name;
  NativeFnPtr fn;
  int lo, hi;
};
const MethodEntry kMethods[] = {
    {Tag::String, "length", str_length, 0, 0},   {Tag::String, "size", str_length, 0, 0},
    {Tag::String, "append", str_append, 1, -1},  {Tag::String, "to_upper", str_upper, 0, 0},
    {Tag::String, "to_lower", str_lower, 0, 0},  {Tag::String, "to_i", str_to_i, 0, 0},
    {Tag::Array, "size", arr_size, 0, 0},        {Tag::Array, "get", arr_get, 1, 1},
    {Tag::Array, "set", arr_set, 2, 2},          {Tag::Array, "add", arr_add, 1, -1},
    {Tag::Array, "empty", arr_empty, 0, 0},      {Tag::Array, "contains", arr_contains, 1, 1},
    {Tag::Array, "first", arr_first, 0, 0},      {Tag::Array, "last", arr_last, 0, 0},
    {Tag::Map, "size", map_size, 0, 0},          {Tag::Map, "get", map_get, 1, 2},
    {Tag::Map, "set", map_set, 2, 2},            {Tag::Map, "contains", map_contains, 1, 1},
    {Tag::Int, "to_i", num_to_i, 0, 0},          {Tag::Float, "to_i", num_to_i, 0, 0},
    {Tag::Int, "to_f", num_to_f, 0, 0},          {Tag::Float, "to_f", num_to_f, 0, 0},
    {Tag::Int, "to_fixed", num_to_fixed, 1, 1},  {Tag::Float, "to_fixed", num_to_fixed, 1, 1},
};
}  // namespace

void install_methods(VM& vm) {
  for (const MethodEntry& m : kMethods) vm.define_method(m.tag, m.name, m.fn, m.lo, m.hi);
  Class* object = vm.builtin_class(Tag::Nil)->parent;
  Root to_s_fn(vm.heap, value_of(vm.heap.make<NativeFn>("to_s", to_s_, 0, 0)));
  object->methods.set(intern("to_s"), to_s_fn.value);
  Root class_fn(vm.heap, value_of(vm.heap.make<NativeFn>("class", class_, 0, 0)));
  object->methods.set(intern("class"), class_fn.value);
}

}  // namespace gene
