// Member, index and selector access (§3.4, §6.2, §14) and for-in iteration (§7.5).
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "interp/ops.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"

namespace gene {

namespace {
// Resolves a possibly negative index against n elements; -1 when out of range.
int64_t resolve_index(int64_t index, size_t n) {
  int64_t i = index < 0 ? index + static_cast<int64_t>(n) : index;
  return (i < 0 || i >= static_cast<int64_t>(n)) ? -1 : i;
}
}  // namespace

namespace {
// Looks key K[k] up in full and remembers where it was for the instruction at `site`
// (two sites of one key may meet maps of two shapes); -1 when absent.
void remember_at(Proto* p, uint32_t site, int at, PropKey key) {
  p->prop_hints[site] = {static_cast<uint32_t>(at), key.bits()};
}
int remember_prop(const PropMap& pm, Proto* p, uint32_t site, uint16_t k) {
  PropKey key = as_symbol(p->constants[k]);
  int at = pm.index_of(key);
  if (at >= 0) remember_at(p, site, at, key);
  return at;
}
}  // namespace

const Value* VM::map_entry_missed(Proto* p, uint32_t site, Map* m, Value key) {
  const PropMap& pm = m->map;
  PropKey k = key_of(*this, key);
  int at = pm.index_of(k);
  if (at < 0) return nullptr;
  if (!pm.watched() && !pm.indexed()) remember_at(p, site, at, k);
  return &pm.slots()[static_cast<size_t>(at)].second;
}

void VM::map_set_missed(Proto* p, uint32_t site, Map* m, Value key, Value v) {
  PropMap& pm = m->map;
  PropKey k = key_of(*this, key);
  if (pm.watched()) {  // a loop reads it in place: set tells the loop
    pm.set(k, v);
    return;
  }
  int at = std::as_const(pm).index_of(k);
  if (at >= 0) {
    pm.slots()[static_cast<size_t>(at)].second = v;
  } else {
    pm.add_new(k, v);
    at = static_cast<int>(pm.slots().size() - 1);
  }
  // A large map's keys are hashed: a hint there, when the key changes from one access to
  // the next (a memo table), costs a cache miss at a stale position every time.
  if (!pm.indexed()) remember_at(p, site, at, k);
}

Value VM::get_member_missed(Proto* p, uint32_t site, uint16_t k, Value o) {
  if (PropMap* pm = prop_map_of(o)) {
    int at = remember_prop(*pm, p, site, k);
    return at < 0 ? make_nil() : std::as_const(*pm).slots()[static_cast<size_t>(at)].second;
  }
  if (o.tag == Tag::Namespace || o.tag == Tag::Class) return member_via_cache(p, k, o);
  return get_member(*this, o, as_symbol(p->constants[k]));
}

void VM::set_member_missed(Proto* p, uint32_t site, uint16_t k, Value o, Value v) {
  if (o.tag == Tag::Instance) {  // a constructor giving a new object its properties, usually
    Instance* inst = as_instance(o);
    Symbol* key = as_symbol(p->constants[k]);
    int at = inst->props.index_of(key);
    if (at >= 0) {
      inst->props.slots()[static_cast<size_t>(at)].second = v;
    } else {
      // Objects of a class end up with the same properties: room for all at the first.
      if (inst->props.empty()) inst->props.reserve(std::max<size_t>(inst->cls->props_hint, 1));
      inst->props.add_new(key, v);
      at = static_cast<int>(inst->props.size() - 1);
      inst->cls->props_hint = std::max(inst->cls->props_hint, static_cast<uint32_t>(inst->props.size()));
    }
    remember_at(p, site, at, key);
    return;
  }
  set_member(*this, o, as_symbol(p->constants[k]), v);
  if (PropMap* pm = prop_map_of(o)) remember_prop(*pm, p, site, k);
}

Value get_member(VM& vm, Value obj, Symbol* key) {
  switch (obj.tag) {
    case Tag::Map: {
      const Value* v = std::as_const(as_map(obj)->map).find(key);
      return v ? *v : make_nil();
    }
    case Tag::Gene: {
      const Value* v = std::as_const(as_gene(obj)->props).find(key);
      return v ? *v : make_nil();
    }
    case Tag::Namespace: {
      const Value* v = as_namespace(obj)->members.find(key);
      return v ? *v : make_nil();
    }
    case Tag::Class: {
      Value* v = as_class(obj)->members->members.find(key);
      if (!v && as_class(obj)->is_enum) vm.raise(fmt::format("enum {} has no member {}", as_class(obj)->name->name, key->name));
      return v ? *v : make_nil();
    }
    case Tag::EnumMember: {
      EnumMember* m = as_enum_member(obj);
      if (key->name == "name") return vm.heap.string_value(m->name->name);
      if (key->name == "value") return make_int(m->value);
      if (key->name == "enum") return vm.heap.string_value(m->enum_name->name);
      return make_nil();
    }
    case Tag::Instance: {
      const Value* v = std::as_const(as_instance(obj)->props).find(key);
      return v ? *v : make_nil();
    }
    case Tag::Nil: vm.raise(fmt::format("Cannot access member '{}' on nil value", key->name));
    default: vm.raise(fmt::format("Cannot access member '{}' on {}", key->name, kind_name(obj.tag)));
  }
}

void set_member(VM& vm, Value obj, Symbol* key, Value v) {
  switch (obj.tag) {
    case Tag::Map: as_map(obj)->map.set(key, v); return;
    case Tag::Gene: as_gene(obj)->props.set(key, v); return;
    case Tag::Namespace: as_namespace(obj)->define(key, v); return;
    case Tag::Class: as_class(obj)->members->define(key, v); return;
    case Tag::Instance: as_instance(obj)->props.set(key, v); return;
    case Tag::Nil: vm.raise(fmt::format("Cannot set member '{}' on nil value", key->name));
    default: vm.raise(fmt::format("Cannot set named member '{}' on {}", key->name, kind_name(obj.tag)));
  }
}

Value get_index(VM& vm, Value obj, int64_t index) {
  switch (obj.tag) {
    case Tag::Array: {
      auto& items = as_array(obj)->items;
      int64_t i = resolve_index(index, items.size());
      return i < 0 ? make_nil() : items[static_cast<size_t>(i)];
    }
    case Tag::Gene: {
      auto& items = as_gene(obj)->children;
      int64_t i = resolve_index(index, items.size());
      return i < 0 ? make_nil() : items[static_cast<size_t>(i)];
    }
    case Tag::Nil: vm.raise(fmt::format("Cannot access element {} of nil value", index));
    case Tag::Map: vm.raise(fmt::format("Cannot index a map with {}; use (m ./ {}) for keys", index, index));
    default: vm.raise(fmt::format("Cannot access element {} of {}", index, kind_name(obj.tag)));
  }
}

void set_index(VM& vm, Value obj, int64_t index, Value v) {
  Values* items = nullptr;
  if (obj.tag == Tag::Array) items = &as_array(obj)->items;
  else if (obj.tag == Tag::Gene) items = &as_gene(obj)->children;
  else if (obj.tag == Tag::Nil) vm.raise(fmt::format("Cannot set element {} of nil value", index));
  else vm.raise(fmt::format("Cannot set element {} of {}", index, kind_name(obj.tag)));
  int64_t i = resolve_index(index, items->size());
  if (i < 0) vm.raise("index out of range");
  (*items)[static_cast<size_t>(i)] = v;
}

PropKey key_of(VM& vm, Value key) {
  switch (key.tag) {
    case Tag::String: {
      String* s = as_string(key);
      if (!s->key) s->key = intern(s->view());
      return s->key;
    }
    case Tag::Symbol: return as_symbol(key);
    case Tag::Int: return PropKey::fits(as_int(key)) ? PropKey::of_int(as_int(key)) : intern(std::to_string(as_int(key)));
    default: vm.raise(fmt::format("A key must be a string, symbol or int, got {}", repr_in_message(key)));
  }
}

Value get_key(VM& vm, Value obj, Value key) {
  if (key.tag == Tag::Range) return slice(vm, obj, *as_range(key));
  if (is_int(key) && (obj.tag == Tag::Array || obj.tag == Tag::Gene)) {
    auto& items = obj.tag == Tag::Array ? as_array(obj)->items : as_gene(obj)->children;
    int64_t i = resolve_index(as_int(key), items.size());
    return i < 0 ? make_undef() : items[static_cast<size_t>(i)];
  }
  const Value* v = nullptr;
  switch (obj.tag) {
    case Tag::Map: v = std::as_const(as_map(obj)->map).find(key_of(vm, key)); break;
    case Tag::Gene: v = std::as_const(as_gene(obj)->props).find(key_of(vm, key)); break;
    case Tag::Namespace: v = as_namespace(obj)->members.find(key_of(vm, key)); break;
    case Tag::Class: v = as_class(obj)->members->members.find(key_of(vm, key)); break;
    case Tag::Instance: v = std::as_const(as_instance(obj)->props).find(key_of(vm, key)); break;
    default: break;
  }
  return v ? *v : make_undef();
}

void set_key(VM& vm, Value obj, Value key, Value v) {
  if (is_int(key) && (obj.tag == Tag::Array || obj.tag == Tag::Gene)) return set_index(vm, obj, as_int(key), v);
  PropKey k = key_of(vm, key);
  if (obj.tag == Tag::Map) {  // the common case, and Int keys need no symbol
    as_map(obj)->map.set(k, v);
    return;
  }
  set_member(vm, obj, k.to_symbol(), v);
}

Value make_range(VM& vm, Value a, Value b) {
  if (!is_int(a) || !is_int(b)) vm.raise(fmt::format("A range needs Int bounds, got {} and {}", repr_in_message(a), repr_in_message(b)));
  return value_of(vm.heap.make<Range>(as_int(a), as_int(b), 1));
}

// Normalises the collection in slot[0] to an Array, Gene, Range or MapView; slot[1] is
// the position.
void for_prep(VM& vm, Value* slot, int mode) {
  bool pairs = mode == 1;
  Value coll = slot[0];
  slot[1] = make_int(0);
  switch (coll.tag) {
    case Tag::Array:
    case Tag::Gene:
    case Tag::Range:
      if (!pairs) return;
      break;
    case Tag::Map:
    case Tag::String: break;
    default: vm.raise(fmt::format("Cannot iterate over {}", kind_name(coll.tag)));
  }
  if (coll.tag == Tag::Map) {
    // The loop reads the map in place (MapView), making each [key value] pair when it
    // gets there: a loop left early (an LRU cache evicting its oldest entry) makes none of
    // the rest.
    slot[0] = value_of(vm.heap.make<MapView>(as_map(coll), mode != 0));
    return;
  }
  // Everything else is materialised once: strings, and [index element] pairs.
  Array* out = vm.heap.make<Array>();
  slot[1] = value_of(out);  // rooted while we fill it
  auto pair = [&](Value a, Value b) {
    Array* p = vm.heap.make<Array>();
    p->items = {a, b};
    return value_of(p);
  };
  if (coll.tag == Tag::String) {
    std::string_view s = as_string(coll)->view();
    out->items.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
      Value c = make_char(static_cast<unsigned char>(s[i]));  // strings iterate by byte, as Chars
      out->items.push_back(c);
      if (pairs) out->items.back() = pair(make_int(static_cast<int64_t>(i)), c);
    }
  } else {
    Value probe[2] = {coll, make_int(0)};
    Value e;
    for (int64_t i = 0; for_next(vm, probe, &e); ++i) {
      out->items.push_back(e);
      out->items.back() = pair(make_int(i), e);
    }
  }
  slot[0] = slot[1];
  slot[1] = make_int(0);
}

// No Range is made: slot[0] holds the next Int and slot[1] the Ints left. A range of
// 2^63 Ints or more (whose count does not fit) is a Range after all.
void for_prep_counted(VM& vm, Value* slot) {
  Value a = slot[0], b = slot[1];
  int64_t span;
  if (is_int(a) && is_int(b) && !__builtin_sub_overflow(as_int(b), as_int(a), &span) && span < INT64_MAX) {
    slot[1] = make_int(span < 0 ? 0 : span + 1);
    return;
  }
  slot[0] = make_range(vm, a, b);  // raises for bounds that are not Ints
  slot[1] = make_int(0);
}

bool for_pair(VM& vm, Value* slot, Value* out) {
  Value coll = slot[0];
  if (coll.tag == Tag::Map) {
    const PropMap::Entry* e = static_cast<MapView*>(as_map(coll))->advance();
    if (!e) return false;
    out[1] = e->second;
    PropKey key = e->first;
    out[0] = vm.heap.string_value(key.name());  // the value is rooted in out[1] meanwhile
    return true;
  }
  int64_t i = as_int(slot[1]);
  if (!for_next(vm, slot, &out[1])) return false;
  out[0] = make_int(i);
  return true;
}

void for_done(Value* slot) {
  if (slot[0].tag == Tag::Map && slot[0].as.o->subkind == kSubkindMapView) static_cast<MapView*>(as_map(slot[0]))->let_go();
}

bool for_next(VM& vm, Value* slot, Value* out) {
  Value coll = slot[0];
  int64_t i = as_int(slot[1]);
  switch (coll.tag) {
    case Tag::Int: return counted_next(slot, out);
    case Tag::Map: {  // a MapView (for_prep): the next value, or [key value] pair
      MapView* view = static_cast<MapView*>(as_map(coll));
      const PropMap::Entry* e = view->advance();
      if (!e) return false;
      Value value = e->second;
      if (!view->pairs) {
        *out = value;
        return true;
      }
      *out = vm.heap.string_value(e->first.name());  // rooted while the pair is made
      Array* pair = vm.heap.make<Array>();
      pair->items = {*out, value};
      *out = value_of(pair);
      return true;
    }
    case Tag::Array: {
      auto& items = as_array(coll)->items;
      if (i >= static_cast<int64_t>(items.size())) return false;
      *out = items[static_cast<size_t>(i)];
      break;
    }
    case Tag::Gene: {
      auto& items = as_gene(coll)->children;
      if (i >= static_cast<int64_t>(items.size())) return false;
      *out = items[static_cast<size_t>(i)];
      break;
    }
    default: {
      int64_t v;
      if (!as_range(coll)->at(i, &v)) return false;
      *out = make_int(v);
      break;
    }
  }
  slot[1] = make_int(i + 1);
  return true;
}

}  // namespace gene
