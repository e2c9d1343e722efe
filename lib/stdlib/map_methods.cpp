// Map methods (§17.3, §17.0) and Gene methods (§17.4). Keys given to these methods may be
// strings, symbols or ints and name the same entry as a selector key (§14); keys handed
// out (.keys, .each, .map) are strings, as in `for [k v] in m`.
#include <utility>

#include "interp/ops.hpp"
#include "stdlib/method_support.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
using namespace methods;

PropKey key_arg(VM& vm, CallArgs& a) { return key_of(vm, a.args[0]); }

// Calls fn with each key (a string) and value, in insertion order. The map is re-read at
// each step, so a callback that changes it is safe.
template <class F>
void for_each_entry(VM& vm, CallArgs& a, Value fn, F use_result) {
  for (size_t i = 0; i < self_map(a).size(); ++i) {
    auto [key, value] = std::as_const(self_map(a)).entries()[i];
    use_result(call_fn(vm, fn, vm.heap.string_value(key.name()), value));
  }
}

Value size(VM&, CallArgs& a) { return size_value(self_map(a).size()); }
Value empty(VM&, CallArgs& a) { return make_bool(self_map(a).empty()); }
Value contains(VM& vm, CallArgs& a) { return make_bool(std::as_const(self_map(a)).find(key_arg(vm, a)) != nullptr); }

Value get(VM& vm, CallArgs& a) {
  const Value* v = std::as_const(self_map(a)).find(key_arg(vm, a));
  return v ? *v : a.arg(1);
}

// (m .get k default), the usual way to count, skips the general native call.
Value get_or(VM& vm, Value self, Value key, Value otherwise) {
  const Value* v = std::as_const(as_map(self)->map).find(key_of(vm, key));
  return v ? *v : otherwise;
}

Value set(VM& vm, CallArgs& a) {
  self_map(a).set(key_arg(vm, a), a.args[1]);
  return a.self;
}

Value del(VM& vm, CallArgs& a) {
  Value removed = make_nil();
  self_map(a).erase(key_arg(vm, a), &removed);
  return removed;
}

Value keys(VM& vm, CallArgs& a) {
  std::vector<std::string> names;
  names.reserve(self_map(a).size());
  for (auto& entry : std::as_const(self_map(a)).entries()) names.push_back(entry.first.name());
  return string_array(vm, std::vector<std::string_view>(names.begin(), names.end()));
}

Value values(VM& vm, CallArgs& a) {
  std::vector<Value> items;
  items.reserve(self_map(a).size());
  for (auto& entry : std::as_const(self_map(a)).entries()) items.push_back(entry.second);
  return new_array(vm, std::move(items));
}

Value each(VM& vm, CallArgs& a) {
  for_each_entry(vm, a, fn_arg(vm, a, 0, "each"), [](Value) {});
  return make_nil();
}

Value map(VM& vm, CallArgs& a) {
  Root out(vm.heap, new_array(vm));
  as_array(out.value)->items.reserve(self_map(a).size());
  for_each_entry(vm, a, fn_arg(vm, a, 0, "map"), [&](Value r) { as_array(out.value)->items.push_back(r); });
  return out.value;
}

// ---- Gene: .props and .children return copies (GN), so changing them leaves the gene alone ----
Gene* self_gene(CallArgs& a) { return as_gene(a.self); }

Value gene_type(VM&, CallArgs& a) { return self_gene(a)->type; }
Value gene_children(VM& vm, CallArgs& a) { return new_array(vm, {self_gene(a)->children.begin(), self_gene(a)->children.end()}); }
Value gene_contains(VM& vm, CallArgs& a) { return make_bool(self_gene(a)->props.find(key_arg(vm, a)) != nullptr); }
Value gene_props(VM& vm, CallArgs& a) {
  Map* m = vm.heap.make<Map>();
  m->map = self_gene(a)->props;
  return value_of(m);
}

const MethodEntry kMapMethods[] = {
    {Tag::Map, "size", size, 0, 0},
    {Tag::Map, "empty", empty, 0, 0},
    {Tag::Map, "contains", contains, 1, 1},
    {Tag::Map, "get", get, 1, 2},
    {Tag::Map, "set", set, 2, 2},
    {Tag::Map, "del", del, 1, 1},
    {Tag::Map, "keys", keys, 0, 0},
    {Tag::Map, "values", values, 0, 0},
    {Tag::Map, "each", each, 1, 1},
    {Tag::Map, "map", map, 1, 1},
    {Tag::Gene, "type", gene_type, 0, 0},
    {Tag::Gene, "props", gene_props, 0, 0},
    {Tag::Gene, "children", gene_children, 0, 0},
    {Tag::Gene, "contains", gene_contains, 1, 1},
};
}  // namespace

void install_map_methods(VM& vm) {
  define_methods(vm, kMapMethods);
  builtin_method(vm, Tag::Map, "get")->method2 = get_or;
}

}  // namespace gene
