// Classes and exceptions (§10.6, §12.3): introspection methods and the Exception root.
#include <fmt/format.h>

#include "interp/vm.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
Value class_name(VM& vm, CallArgs& a) { return vm.heap.string_value(as_class(a.self)->name->name); }
Value class_parent(VM&, CallArgs& a) {
  Class* p = as_class(a.self)->parent;
  return p ? value_of(p) : make_nil();
}
Value class_method_names(VM& vm, CallArgs& a) {
  Array* out = vm.heap.make<Array>();
  Root keep(vm.heap, value_of(out));
  for (auto& [name, fn] : as_class(a.self)->methods.entries())
    if (name.name() != ".ctor") out->items.push_back(vm.heap.string_value(name.name()));
  return keep.value;
}
Value class_has_member(VM& vm, CallArgs& a) {
  Value k = a.args[0];
  Symbol* s = is_string(k) ? intern(as_string(k)->view()) : is_symbol(k) ? as_symbol(k) : nullptr;
  if (!s) vm.raise("has_member expects a string or symbol");
  return make_bool(as_class(a.self)->members->members.find(s) != nullptr);
}
// (include M) in a class body: M's methods become the class's own (mixins, GN).
Value class_include(VM& vm, CallArgs& a) {
  if (a.self.tag != Tag::Class || a.args[0].tag != Tag::Class) vm.raise("include expects a mixin, inside a class body");
  for (auto& [name, m] : as_class(a.args[0])->methods.entries()) as_class(a.self)->set_method(name.to_symbol(), m);
  return make_nil();
}
Value class_on_extended(VM& vm, CallArgs& a) {
  as_class(a.self)->members->define(intern("<on_extended>"), a.args[0]);
  (void)vm;
  return make_nil();
}

Value ns_name(VM& vm, CallArgs& a) { return vm.heap.string_value(as_namespace(a.self)->name->name); }
Value ns_member_names(VM& vm, CallArgs& a) {
  Array* out = vm.heap.make<Array>();
  Root keep(vm.heap, value_of(out));
  for (auto& [name, v] : as_namespace(a.self)->members.entries()) out->items.push_back(vm.heap.string_value(name.name()));
  return keep.value;
}
Value ns_has_member(VM& vm, CallArgs& a) {
  Value k = a.args[0];
  Symbol* s = is_string(k) ? intern(as_string(k)->view()) : is_symbol(k) ? as_symbol(k) : nullptr;
  if (!s) vm.raise("has_member expects a string or symbol");
  return make_bool(as_namespace(a.self)->members.find(s) != nullptr);
}

// (x .is Cls): an instance of Cls or of a subclass.
Value object_is(VM& vm, CallArgs& a) {
  if (a.args[0].tag != Tag::Class) vm.raise(fmt::format("is expects a class, got {}", repr_in_message(a.args[0])));
  Class* c = vm.class_of(a.self);
  return make_bool(c && c->is_subclass_of(as_class(a.args[0])));
}

// (new Exception "message"): the message property, nil when absent.
Value exception_ctor(VM& vm, CallArgs& a) {
  if (a.self.tag == Tag::Instance) as_instance(a.self)->props.set(intern("message"), a.arg(0));
  (void)vm;
  return make_nil();
}
Value exception_message(VM&, CallArgs& a) {
  const Value* m = as_instance(a.self)->props.find(intern("message"));
  return m ? *m : make_nil();
}

Class* define_class(VM& vm, const char* name, Class* parent) {
  Namespace* members = vm.heap.make<Namespace>(intern(name), vm.gene_ns());
  Root keep(vm.heap, value_of(members));
  Class* c = vm.heap.make<Class>(intern(name), parent, members);
  vm.gene_ns()->define(intern(name), value_of(c));
  return c;
}

void set_native(VM& vm, Class* c, const char* name, NativeFnPtr fn, int lo, int hi) {
  Root r(vm.heap, value_of(vm.heap.make<NativeFn>(name, fn, lo, hi)));
  c->set_method(intern(name), r.value);
}
}  // namespace

void install_class_methods(VM& vm) {
  vm.define_method(Tag::Class, "name", class_name, 0, 0);
  vm.define_method(Tag::Class, "parent", class_parent, 0, 0);
  vm.define_method(Tag::Class, "method_names", class_method_names, 0, 0);
  vm.define_method(Tag::Class, "has_member", class_has_member, 1, 1);
  vm.define_method(Tag::Class, "include", class_include, 1, 1);
  vm.define_method(Tag::Class, "on_extended", class_on_extended, 1, 1);
  vm.define_method(Tag::Namespace, "name", ns_name, 0, 0);
  vm.define_method(Tag::Namespace, "member_names", ns_member_names, 0, 0);
  vm.define_method(Tag::Namespace, "has_member", ns_has_member, 1, 1);
  Class* object = vm.builtin_class(Tag::Nil)->parent;
  set_native(vm, object, "is", object_is, 1, 1);

  Class* exception = define_class(vm, "Exception", object);
  vm.gene_ns()->define(intern("GeneException"), value_of(exception));
  set_native(vm, exception, ".ctor", exception_ctor, 0, 1);
  set_native(vm, exception, "message", exception_message, 0, 0);
  vm.exception_class = exception;
  vm.runtime_error_class = define_class(vm, "RuntimeError", exception);
}

}  // namespace gene
