// Selectors (§14, §25.2): a chain of steps applied to a value. A key looks up a member or
// an element; a range slices; an array of keys selects several; a method step calls a
// method; a symbol on a gene selects the children of that type, and the steps after it
// apply to each of them.
#include <algorithm>

#include "interp/ops.hpp"
#include "runtime/symbol.hpp"

namespace gene {

Value slice(VM& vm, Value target, const Range& r) {
  const Values* items = target.tag == Tag::Array  ? &as_array(target)->items
                                    : target.tag == Tag::Gene ? &as_gene(target)->children
                                                              : nullptr;
  if (!items) return make_undef();
  int64_t n = static_cast<int64_t>(items->size());
  int64_t from = r.start < 0 ? r.start + n : r.start;
  int64_t to = r.end < 0 ? r.end + n : r.end;
  from = std::max<int64_t>(from, 0);
  to = std::min<int64_t>(to, n - 1);
  Array* out = vm.heap.make<Array>();
  if (from <= to) out->items.assign(items->begin() + from, items->begin() + to + 1);
  return value_of(out);
}

namespace {

bool is_gene_of_type(Value v, Symbol* type) { return is_gene(v) && is_symbol(as_gene(v)->type, type); }

// The children (of a gene) or elements (of an array) that are genes of the given type.
Value of_type(VM& vm, Value target, Symbol* type) {
  Array* out = vm.heap.make<Array>();
  const Values& items = target.tag == Tag::Gene ? as_gene(target)->children : as_array(target)->items;
  for (Value v : items)
    if (is_gene_of_type(v, type)) out->items.push_back(v);
  return value_of(out);
}

Symbol* method_name(VM& vm, Value name) {
  if (is_symbol(name)) return as_symbol(name);
  if (is_string(name)) return intern(as_string(name)->view());
  vm.raise("a method step of a selector needs a name (a string or symbol)");
}

// One step on one value: the value it selects, or undef when nothing is there.
// *fans_out is set when the result is a list whose elements the next steps apply to.
Value apply_step(VM& vm, Value cur, Value key, bool method, bool* fans_out) {
  *fans_out = false;
  if (method) return vm.call_method(cur, method_name(vm, key), nullptr, 0);
  switch (key.tag) {
    case Tag::Selector: {
      Value v = apply_selector(vm, as_selector(key), cur);
      return is_undef(v) ? make_undef() : v;
    }
    case Tag::Range: return slice(vm, cur, *as_range(key));
    case Tag::Array: {  // several keys at once
      Array* out = vm.heap.make<Array>();
      Root keep(vm.heap, value_of(out));
      for (size_t k = 0; k < as_array(key)->items.size(); ++k) {
        Value v = get_key(vm, cur, as_array(key)->items[k]);
        out->items.push_back(is_undef(v) ? make_nil() : v);
      }
      return keep.value;
    }
    case Tag::Symbol:
      if (cur.tag == Tag::Gene || cur.tag == Tag::Array) {
        *fans_out = true;
        return of_type(vm, cur, as_symbol(key));
      }
      return get_key(vm, cur, key);
    default: return get_key(vm, cur, key);
  }
}

}  // namespace

Value apply_selector(VM& vm, Selector* sel, Value target) {
  Root keep_sel(vm.heap, value_of(sel));
  Root cur(vm.heap, target);
  bool many = false;  // cur is the list of values a type step selected
  for (size_t s = 0; s < sel->keys.size(); ++s) {
    Value key = sel->keys[s];
    bool method = sel->methods[s];
    bool fans_out = false;
    if (!many) {
      cur.value = apply_step(vm, cur.value, key, method, &fans_out);
      if (is_undef(cur.value)) return cur.value;
      many = fans_out;
      continue;
    }
    // Every selected value takes the step; the ones where nothing is there drop out, and
    // a type step's lists join into one.
    Array* out = vm.heap.make<Array>();
    Root keep(vm.heap, value_of(out));
    for (size_t k = 0; k < as_array(cur.value)->items.size(); ++k) {
      Value v = apply_step(vm, as_array(cur.value)->items[k], key, method, &fans_out);
      if (is_undef(v)) continue;
      if (fans_out) {
        for (Value e : as_array(v)->items) out->items.push_back(e);
      } else {
        out->items.push_back(v);
      }
    }
    cur.value = keep.value;
  }
  return cur.value;
}

}  // namespace gene
