// Array methods (§17.2, §17.0). Arrays are shared and mutable: .add .set .del .pop
// .insert .sort change the receiver; .map .select .reverse .slice return new arrays.
// Callbacks may change the array they walk: every loop re-reads it at each step.
#include <fmt/format.h>

#include <cmath>
#include <numeric>

#include "interp/ops.hpp"
#include "runtime/equality.hpp"
#include "runtime/printer.hpp"
#include "stdlib/method_support.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
using namespace methods;

template <class F>
void for_each_item(CallArgs& a, F visit) {
  for (size_t i = 0; i < self_items(a).size(); ++i) visit(self_items(a)[i]);
}

// Position of the first element for which pred holds (and the element in *found), or -1.
template <class P>
int64_t find_index(CallArgs& a, P pred, Value* found = nullptr) {
  for (size_t i = 0; i < self_items(a).size(); ++i) {
    Value v = self_items(a)[i];
    if (!pred(v)) continue;
    if (found) *found = v;
    return static_cast<int64_t>(i);
  }
  return -1;
}

auto equal_to(Value x) {
  return [x](Value v) { return values_equal(v, x); };
}
auto satisfies(VM& vm, Value fn, bool want = true) {
  return [&vm, fn, want](Value v) { return is_truthy(call_fn(vm, fn, v)) == want; };
}

// (new Array n [fill]): n copies of fill, default nil (§17.0). Self is the class.
constexpr int64_t kMaxNewArray = int64_t{1} << 27;
Value construct(VM& vm, CallArgs& a) {
  int64_t n = a.count > 0 ? int_arg(vm, a, 0, "new Array", "an Int size") : 0;
  if (n < 0 || n > kMaxNewArray) vm.raise(fmt::format("new Array expects a size from 0 to {}, got {}", kMaxNewArray, n));
  Value fill = a.arg(1);  // reachable from the arguments while the array is made
  Array* arr = vm.heap.make<Array>();
  arr->items.assign(static_cast<size_t>(n), fill);
  return value_of(arr);
}

Value size(VM&, CallArgs& a) { return size_value(self_items(a).size()); }
Value empty(VM&, CallArgs& a) { return make_bool(self_items(a).empty()); }
Value get(VM& vm, CallArgs& a) { return get_index(vm, a.self, int_arg(vm, a, 0, "get", "an Int index")); }
Value first(VM& vm, CallArgs& a) { return get_index(vm, a.self, 0); }
Value last(VM& vm, CallArgs& a) { return get_index(vm, a.self, -1); }

Value set(VM& vm, CallArgs& a) {
  auto& items = self_items(a);
  items[checked_index(vm, int_arg(vm, a, 0, "set", "an Int index"), items.size())] = a.args[1];
  return a.self;
}

// Appends x; storage that grew counts towards the next collection.
void append(VM& vm, Values& items, Value x) {
  size_t capacity = items.capacity();
  items.push_back(x);
  if (items.capacity() != capacity) vm.heap.grew();
}

Value add(VM& vm, CallArgs& a) {
  for (int k = 0; k < a.count; ++k) append(vm, self_items(a), a.args[k]);
  return a.self;
}
Value add_one(VM& vm, Value self, Value x) {
  append(vm, as_array(self)->items, x);
  return self;
}

Value del(VM& vm, CallArgs& a) {
  auto& items = self_items(a);
  size_t at = checked_index(vm, int_arg(vm, a, 0, "del", "an Int index"), items.size());
  Value removed = items[at];
  items.erase(items.begin() + static_cast<std::ptrdiff_t>(at));
  return removed;
}

Value pop(VM&, CallArgs& a) {
  auto& items = self_items(a);
  if (items.empty()) return make_nil();
  Value removed = items.back();
  items.pop_back();
  return removed;
}

// The new element ends up at index i; a negative i counts from the end of the result,
// so -1 appends.
Value insert(VM& vm, CallArgs& a) {
  auto& items = self_items(a);
  size_t at = checked_index(vm, int_arg(vm, a, 0, "insert", "an Int index"), items.size() + 1);
  items.insert(items.begin() + static_cast<std::ptrdiff_t>(at), a.args[1]);
  return a.self;
}

Value contains(VM&, CallArgs& a) { return make_bool(find_index(a, equal_to(a.args[0])) >= 0); }
Value index_of(VM&, CallArgs& a) { return make_int(find_index(a, equal_to(a.args[0]))); }

Value each(VM& vm, CallArgs& a) {
  Value fn = fn_arg(vm, a, 0, "each");
  for_each_item(a, [&](Value v) { call_fn(vm, fn, v); });
  return make_nil();
}

Value map(VM& vm, CallArgs& a) {
  Value fn = fn_arg(vm, a, 0, "map");
  Root out(vm.heap, new_array(vm));
  as_array(out.value)->items.reserve(self_items(a).size());  // one allocation, not log n copies
  for_each_item(a, [&](Value v) {
    Value r = call_fn(vm, fn, v);
    Values& items = as_array(out.value)->items;
    copy_value(items.emplace_back(), r);  // word by word, as call returned it
  });
  return out.value;
}

Value select(VM& vm, CallArgs& a) {
  auto keep = satisfies(vm, fn_arg(vm, a, 0, "select"));
  Root out(vm.heap, new_array(vm));
  for_each_item(a, [&](Value v) {
    if (keep(v)) as_array(out.value)->items.push_back(v);
  });
  return out.value;
}

Value find(VM& vm, CallArgs& a) {
  Value found = make_nil();
  find_index(a, satisfies(vm, fn_arg(vm, a, 0, "find")), &found);
  return found;
}

Value any(VM& vm, CallArgs& a) { return make_bool(find_index(a, satisfies(vm, fn_arg(vm, a, 0, "any"))) >= 0); }
Value all(VM& vm, CallArgs& a) { return make_bool(find_index(a, satisfies(vm, fn_arg(vm, a, 0, "all"), false)) < 0); }

Value reduce(VM& vm, CallArgs& a) {
  Value fn = fn_arg(vm, a, 1, "reduce");
  Root acc(vm.heap, a.args[0]);
  for_each_item(a, [&](Value v) { acc.value = call_fn(vm, fn, acc.value, v); });
  return acc.value;
}

Value join(VM& vm, CallArgs& a) {
  std::string_view sep = a.count > 0 ? string_arg(vm, a, 0, "join", "a string separator") : std::string_view();
  std::string out;
  for (size_t i = 0; i < self_items(a).size(); ++i) {
    if (i) out += sep;
    append_to_s(out, self_items(a)[i]);
  }
  return vm.heap.string_value(out);
}

Value reverse(VM& vm, CallArgs& a) { return new_array(vm, {self_items(a).rbegin(), self_items(a).rend()}); }

// End exclusive; negatives count from the end; bounds outside the array are clamped.
Value slice(VM& vm, CallArgs& a) {
  auto& items = self_items(a);
  size_t from = slice_bound(int_arg(vm, a, 0, "slice", "an Int index"), items.size());
  size_t to = a.count > 1 ? slice_bound(int_arg(vm, a, 1, "slice", "an Int index"), items.size()) : items.size();
  if (to < from) to = from;
  return new_array(vm, {items.begin() + static_cast<std::ptrdiff_t>(from), items.begin() + static_cast<std::ptrdiff_t>(to)});
}

// ---- sort ----

// Stable top-down merge sort of positions. It only ever asks less about two positions,
// so a comparator that is inconsistent gives some order, never a broken array. Depth
// first, a part that fits in the cache is sorted while its elements are there: a bottom-up
// sort passed over every element once per level, and with a comparator that reads each
// element (a map's field) those passes missed the cache each time (1.9x Lua's table.sort).
template <class Less>
void merge_sort(std::vector<size_t>& v, std::vector<size_t>& tmp, size_t lo, size_t hi, Less& less) {
  if (hi - lo < 2) return;
  size_t mid = lo + (hi - lo) / 2;
  merge_sort(v, tmp, lo, mid, less);
  merge_sort(v, tmp, mid, hi, less);
  if (!less(v[mid], v[mid - 1])) return;  // already in order: sorted input costs n comparisons
  size_t i = lo, j = mid, k = lo;
  while (i < mid && j < hi) tmp[k++] = less(v[j], v[i]) ? v[j++] : v[i++];
  while (i < mid) tmp[k++] = v[i++];
  while (j < hi) tmp[k++] = v[j++];
  std::copy(tmp.begin() + static_cast<std::ptrdiff_t>(lo), tmp.begin() + static_cast<std::ptrdiff_t>(hi),
            v.begin() + static_cast<std::ptrdiff_t>(lo));
}

template <class Less>
void merge_sort(std::vector<size_t>& v, Less less) {
  std::vector<size_t> tmp(v.size());
  merge_sort(v, tmp, 0, v.size(), less);
}

// Without a comparator: numbers by value, strings bytewise; anything else is an error.
int natural_order(VM& vm, Value x, Value y) {
  if (is_string(x)) return as_string(x)->view().compare(as_string(y)->view());
  int c = compare_numbers(x, y);
  if (c == 2) vm.raise("sort cannot order nan");
  return c;
}

int comparator_order(VM& vm, Value cmp, Value x, Value y) {
  Value r = call_fn(vm, cmp, x, y);
  if (is_int(r)) return as_int(r) < 0 ? -1 : as_int(r) > 0;
  if (is_float(r) && !std::isnan(as_float(r))) return as_float(r) < 0 ? -1 : as_float(r) > 0;
  vm.raise(fmt::format("sort comparator must return a number, got {}", repr_in_message(r)));
}

Value sort(VM& vm, CallArgs& a) {
  Value cmp = a.count > 0 ? fn_arg(vm, a, 0, "sort") : make_nil();
  auto& items = self_items(a);
  if (is_nil(cmp) && !std::all_of(items.begin(), items.end(), is_number) &&
      !std::all_of(items.begin(), items.end(), is_string))
    vm.raise("sort without a comparator expects all numbers or all strings");
  // The comparator may change the receiver: sort a rooted copy, then store the result.
  Root copy(vm.heap, new_array(vm, std::vector<Value>(items.begin(), items.end())));
  const auto& elems = as_array(copy.value)->items;
  std::vector<size_t> order(elems.size());
  std::iota(order.begin(), order.end(), size_t{0});
  merge_sort(order, [&](size_t i, size_t j) {
    return (is_nil(cmp) ? natural_order(vm, elems[i], elems[j]) : comparator_order(vm, cmp, elems[i], elems[j])) < 0;
  });
  Values sorted;
  for (size_t i : order) sorted.push_back(elems[i]);
  self_items(a) = std::move(sorted);
  return a.self;
}

const MethodEntry kArrayMethods[] = {
    {Tag::Array, ".ctor", construct, 0, 2},
    {Tag::Array, "size", size, 0, 0},
    {Tag::Array, "empty", empty, 0, 0},
    {Tag::Array, "get", get, 1, 1},
    {Tag::Array, "set", set, 2, 2},
    {Tag::Array, "first", first, 0, 0},
    {Tag::Array, "last", last, 0, 0},
    {Tag::Array, "add", add, 1, -1},
    {Tag::Array, "del", del, 1, 1},
    {Tag::Array, "pop", pop, 0, 0},
    {Tag::Array, "insert", insert, 2, 2},
    {Tag::Array, "contains", contains, 1, 1},
    {Tag::Array, "index_of", index_of, 1, 1},
    {Tag::Array, "each", each, 1, 1},
    {Tag::Array, "map", map, 1, 1},
    {Tag::Array, "select", select, 1, 1},
    {Tag::Array, "filter", select, 1, 1},
    {Tag::Array, "find", find, 1, 1},
    {Tag::Array, "any", any, 1, 1},
    {Tag::Array, "all", all, 1, 1},
    {Tag::Array, "reduce", reduce, 2, 2},
    {Tag::Array, "join", join, 0, 1},
    {Tag::Array, "reverse", reverse, 0, 0},
    {Tag::Array, "slice", slice, 1, 2},
    {Tag::Array, "sort", sort, 0, 1},
};
}  // namespace

void install_array_methods(VM& vm) {
  define_methods(vm, kArrayMethods);
  // (xs .add x), the usual way to build an array, skips the general native call.
  builtin_method(vm, Tag::Array, "add")->method1 = add_one;
}

}  // namespace gene
