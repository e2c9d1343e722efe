// Classes at run time (§10): creation, constructors, super calls, class and ns bodies.
#include <fmt/format.h>

#include "interp/ops.hpp"
#include "interp/vm.hpp"
#include "runtime/equality.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"
#include "stdlib/regex.hpp"

namespace gene {

uint64_t g_method_epoch = 1;

namespace {
Symbol* ctor_symbol() {
  static Symbol* s = intern(".ctor");
  return s;
}
}  // namespace

Class* VM::new_class(Symbol* name, Value parent, Namespace* enclosing) {
  if (!is_nil(parent) && parent.tag != Tag::Class) raise("Parent must be a class");
  Class* p = is_nil(parent) ? builtin_class(Tag::Nil)->parent : as_class(parent);  // default: Object
  Namespace* members = heap.make<Namespace>(name, enclosing);
  Root keep(heap, value_of(members));
  Class* c = heap.make<Class>(name, p, members);
  // (.on_extended f) on an ancestor: f learns about each new subclass (GN).
  Root keep_class(heap, value_of(c));
  for (Class* a = p; a; a = a->parent) {
    if (Value* hook = a->members->members.find(intern("<on_extended>"))) {
      Value arg = value_of(c);
      call(*hook, &arg, 1, value_of(a));
    }
  }
  return c;
}

// R[window] = new R[window](args). A Gene constructor runs as a frame flagged so that
// its return value is replaced by the new instance.
Value* VM::find_method(Value receiver, Symbol* name) {
  Class* c = class_of(receiver);
  Value* m = c ? c->find_method(name) : nullptr;
  if (m) return m;
  if (receiver.tag == Tag::Instance) raise(fmt::format("No method available: {}.{}", c->name->name, name->name));
  raise(fmt::format("Method {} not found on {}", name->name, kind_name(receiver.tag)));
}

Value VM::call_method(Value receiver, Symbol* name, Value* args, int nargs) {
  Value m = *find_method(receiver, name);
  return call(m, args, nargs, receiver);
}

const VM::MapAccess& VM::refresh_map_access() {
  Class* map = builtin_class(Tag::Map);
  const Value* get = map->find_method(syms().get_method);
  const Value* set = map->find_method(syms().set_method);
  map_access_.get = get && get->as.o == map_access_.builtin_get;  // compared by identity:
  map_access_.set = set && set->as.o == map_access_.builtin_set;  // (Map .include …) wins
  map_access_.epoch = g_method_epoch;
  return map_access_;
}

Value VM::get_via_method(Value receiver, Value* key) {
  if (receiver.tag == Tag::Map && map_access().get) {
    const Value* v = std::as_const(as_map(receiver)->map).find(key_of(*this, *key));
    return v ? *v : make_nil();
  }
  return call(*find_method(receiver, syms().get_method), key, 1, receiver);
}

Value VM::set_via_method(Value receiver, Value* key_and_value) {
  return set_via_method(receiver, key_and_value[0], key_and_value[1]);
}

Value VM::set_via_method(Value receiver, Value key, Value value) {
  if (receiver.tag == Tag::Map && map_access().set) {
    as_map(receiver)->map.set(key_of(*this, key), value);
    return receiver;
  }
  Value key_and_value[2] = {key, value};  // the caller's registers still hold both: rooted
  return call(*find_method(receiver, syms().set_method), key_and_value, 2, receiver);
}

Value* VM::cached_method(Proto* p, uint16_t k, Value receiver) {
  Class* c = class_of(receiver);
  if (p->method_caches.size() <= k) p->method_caches.resize(p->constants.size());
  if (Value* hit = compile_options.optimize ? method_cache_hit(p, k, receiver) : nullptr) {  // --no-opt: no caches
    if (profiler) profiler->method_lookup(true);
    return hit;
  }
  MethodCache& mc = p->method_caches[k];
  if (compile_options.optimize && c) {
    for (MethodCache::Older& o : mc.older) {
      if (o.cls == c && o.epoch == g_method_epoch) {
        if (profiler) profiler->method_lookup(true);
        return &o.method;
      }
    }
  }
  if (profiler) profiler->method_lookup(false);
  Value* m = find_method(receiver, as_symbol(p->constants[k]));
  if (mc.cls) {
    mc.older[mc.next_older] = {mc.epoch, mc.cls, mc.method};
    mc.next_older = static_cast<uint8_t>((mc.next_older + 1) % MethodCache::kOlder);
  }
  mc.cls = c;
  mc.epoch = g_method_epoch;
  mc.method = *m;
  return &mc.method;
}

// A member of a namespace or a class (ns/x, Cls/x) through the site's inline cache: the
// slot stays valid while no namespace gains a member.
Value VM::member_via_cache(Proto* p, uint16_t k, Value owner) {
  Namespace* ns = owner.tag == Tag::Namespace ? as_namespace(owner) : as_class(owner)->members;
  if (p->member_caches.size() <= k) p->member_caches.resize(p->constants.size());
  GlobalCache& c = p->member_caches[k];
  bool hit = c.epoch == g_namespace_epoch && c.ns == ns && compile_options.optimize;  // --no-opt: no caches
  if (profiler) profiler->global_lookup(hit);
  if (!hit) {
    c.slot = ns->members.find(as_symbol(p->constants[k]));
    if (!c.slot) return get_member(*this, owner, as_symbol(p->constants[k]));  // absent: nil, or an enum's error
    c.epoch = g_namespace_epoch;
    c.ns = ns;
  }
  return *c.slot;
}

void VM::construct(Value* window, int nargs, Value props_value) {
  Root keep_props(heap, props_value);
  Map* props = is_map(props_value) ? as_map(props_value) : nullptr;
  Value cv = window[0];
  if (cv.tag != Tag::Class) raise(fmt::format("new expects a class, got {}", repr_in_message(cv)));
  Class* cls = as_class(cv);
  Value* ctor = cls->find_method(ctor_symbol());
  if (cls->instance_tag != Tag::Instance) {  // builtin classes construct natively
    if (!ctor || ctor->tag != Tag::NativeFn) raise(fmt::format("Cannot create a {} with new", cls->name->name));
    window[0] = call_value_slow(*ctor, window + 1, nargs, props, cv, nullptr);
    return;
  }
  Value inst = value_of(heap.make<Instance>(cls));
  window[0] = inst;  // rooted from here on
  if (!ctor) return;
  if (ctor->tag == Tag::Function) {
    push_frame_for_closure(as_closure(*ctor), window + 1, nargs, props, inst, kFrameConstruct);
  } else {
    call_value_slow(*ctor, window + 1, nargs, props, inst, nullptr);
    window[0] = inst;
  }
}

Closure* VM::plain_constructor(Value cv) {
  if (cv.tag != Tag::Class || as_class(cv)->instance_tag != Tag::Instance) return nullptr;
  Value* ctor = as_class(cv)->find_method(ctor_symbol());
  return ctor && ctor->tag == Tag::Function ? as_closure(*ctor) : nullptr;
}

Value VM::new_object(Class* cls, Value* args, int nargs) {
  Value* window = stack_top();
  if (window + nargs + 2 >= stack_end_) raise("stack overflow");
  window[0] = value_of(cls);
  std::copy(args, args + nargs, window + 1);
  size_t entry = frame_count_;
  StackPin pin(*this, window + nargs + 1);  // keep the window alive while the constructor runs
  try {
    construct(window, nargs, make_nil());
    if (frame_count_ > entry) {
      frames_[frame_count_ - 1].flags |= kFrameToNative;
      execute(entry);
    }
    return window[0];
  } catch (...) {
    frame_count_ = entry;
    throw;
  }
}

// (super args…): the parent's version of the running method, with the same self. In a
// block inside a method (an async method's body is one), the method's self comes in
// window[0].
void VM::call_super(Value* window, int nargs, Value props_value, Frame* caller) {
  Root keep_props(heap, props_value);
  Map* props = is_map(props_value) ? as_map(props_value) : nullptr;
  Proto* p = caller->closure->proto;
  Value self = caller->self;
  if (p->is_block && p->method) {
    self = window[0];
    p = p->method;
  }
  if (!p->owner || !p->name) raise("super can only be used inside a method");
  Class* owner = static_cast<Class*>(p->owner);
  Value* m = owner->parent ? owner->parent->find_method(p->name) : nullptr;
  if (!m) {
    if (p->name == ctor_symbol()) {  // no parent constructor: nothing to do
      window[0] = make_nil();
      return;
    }
    raise(fmt::format("No method available: {}.{}", owner->parent ? owner->parent->name->name : "nil", p->name->name));
  }
  if (m->tag == Tag::Function) {
    push_frame_for_closure(as_closure(*m), window + 1, nargs, props, self, 0);
  } else {
    window[0] = call_value_slow(*m, window + 1, nargs, props, self, nullptr);
  }
}

// Runs a class or namespace body once: self is the owner, globals resolve in its namespace.
void VM::call_body(Value owner, Value* fn_slot, bool switch_ns) {
  Closure* body = as_closure(*fn_slot);
  if (switch_ns && owner.tag == Tag::Class) body->ns = as_class(owner)->members;
  else if (switch_ns && owner.tag == Tag::Namespace) body->ns = as_namespace(owner);
  *fn_slot = call(*fn_slot, nullptr, 0, owner);
}

// when-values of case (§13.2): a class tests instance-of, an array membership, a range
// membership, a regex a match in a String, anything else equality. An array's elements
// test like when-values themselves, except that a nested array is compared whole.
bool VM::case_matches(Value x, Value when) {
  switch (when.tag) {
    case Tag::Class: {
      Class* c = class_of(x);
      return c && c->is_subclass_of(as_class(when));
    }
    case Tag::Array:
      for (Value v : as_array(when)->items)
        if (v.tag == Tag::Array ? values_equal(x, v) : case_matches(x, v)) return true;
      return false;
    case Tag::Range: {
      if (!is_int(x)) return false;
      Range* r = as_range(when);
      int64_t v = as_int(x);
      // Inclusive, like iteration (§7.8: the VM rule is normative over GN's exclusive one).
      return r->step >= 0 ? (v >= r->start && v <= r->end) : (v <= r->start && v >= r->end);
    }
    case Tag::Regex: return is_string(x) && regex_matches(*this, as_string(x)->view(), as_regex(when));
    default: return values_equal(x, when);
  }
}

Class* VM::new_enum(Symbol* name, Array* pairs) {
  Class* e = new_class(name, make_nil(), global_ns_);
  Root keep(heap, value_of(e));
  e->is_enum = true;
  for (size_t k = 0; k + 1 < pairs->items.size(); k += 2) {
    Symbol* member = as_symbol(pairs->items[k]);
    Value m = value_of(heap.make<EnumMember>(name, member, as_int(pairs->items[k + 1])));
    e->members->define(member, m);
  }
  return e;
}

}  // namespace gene
