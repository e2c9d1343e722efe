#include "stdlib/stdlib.hpp"

#include "interp/vm.hpp"
#include "runtime/symbol.hpp"

namespace gene {

void install_stdlib(VM& vm) {
  // One builtin class per value kind, each also bound as a global name (§17.0).
  struct KindClass {
    Tag tag;
    const char* name;
  };
  static const KindClass kClasses[] = {
      {Tag::Nil, "Nil"},         {Tag::Void, "Void"},           {Tag::Bool, "Bool"},
      {Tag::Int, "Int"},         {Tag::Float, "Float"},         {Tag::Char, "Char"},
      {Tag::Placeholder, "Placeholder"}, {Tag::String, "String"}, {Tag::Symbol, "Symbol"},
      {Tag::ComplexSymbol, "ComplexSymbol"}, {Tag::Array, "Array"}, {Tag::Map, "Map"},
      {Tag::Gene, "Gene"},       {Tag::Quote, "Quote"},         {Tag::Unquote, "Unquote"},
      {Tag::Range, "Range"},     {Tag::Explode, "Explode"},     {Tag::Function, "Fn"},
      {Tag::NativeFn, "NativeFn"}, {Tag::BoundMethod, "BoundMethod"}, {Tag::Class, "Class"},
      {Tag::Namespace, "Namespace"}, {Tag::Regex, "Regex"}, {Tag::Selector, "Selector"},
      {Tag::Date, "Date"}, {Tag::DateTime, "DateTime"}, {Tag::Future, "Future"},
  };
  // Object is the root: methods every value answers (.to_s, .class) live there once.
  Class* object = vm.heap.make<Class>(intern("Object"), nullptr, vm.heap.make<Namespace>(intern("Object"), vm.gene_ns()));
  vm.gene_ns()->define(intern("Object"), value_of(object));
  for (const KindClass& k : kClasses) {
    Namespace* members = vm.heap.make<Namespace>(intern(k.name), vm.gene_ns());
    Class* c = vm.heap.make<Class>(intern(k.name), object, members);
    c->instance_tag = k.tag;  // `new` asks the class's native .ctor (e.g. Array) for a value
    vm.set_builtin_class(k.tag, c);
    vm.gene_ns()->define(intern(k.name), value_of(c));
  }
  // Blocks are Functions of their own class (§25.1); they answer Fn's methods.
  Class* fn = vm.builtin_class(Tag::Function);
  vm.block_class = vm.heap.make<Class>(intern("Block"), fn, vm.heap.make<Namespace>(intern("Block"), vm.gene_ns()));
  vm.block_class->instance_tag = Tag::Function;
  vm.gene_ns()->define(intern("Block"), value_of(vm.block_class));
  install_core(vm);
  install_math(vm);
  install_class_methods(vm);
  install_methods(vm);
  install_files(vm);
  install_os(vm);
  install_random(vm);
  install_base64(vm);
  install_json(vm);
  install_regex(vm);
  install_time(vm);
  install_serdes(vm);
  install_async(vm);
  install_packages(vm);
}

}  // namespace gene
