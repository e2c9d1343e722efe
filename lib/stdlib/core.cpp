// Core builtins of the gene namespace: print, println, assert, $parse, range.
#include <fmt/format.h>

#include "interp/ops.hpp"
#include "interp/vm.hpp"
#include "reader/reader.hpp"
#include "runtime/printer.hpp"
#include "runtime/source.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
void write_args(VM& vm, CallArgs& a) {
  std::string out;
  for (int k = 0; k < a.count; ++k) {
    if (k) out.push_back(' ');
    out += display(a.args[k]);
  }
  vm.write_out(out);
}

Value print(VM& vm, CallArgs& a) {
  write_args(vm, a);
  return make_nil();
}

Value println(VM& vm, CallArgs& a) {
  write_args(vm, a);
  vm.write_out("\n");
  return make_nil();
}

Value assert_(VM& vm, CallArgs& a) {
  if (a.count == 0 || is_truthy(a.args[0])) return make_nil();
  if (a.count > 1) vm.raise(is_string(a.args[1]) ? std::string(as_string(a.args[1])->view()) : to_s(a.args[1]));
  vm.raise("Assertion failed");
}

Value parse(VM& vm, CallArgs& a) {
  if (!is_string(a.args[0])) vm.raise("$parse expects a string");
  try {
    std::vector<Value> forms = read_string(vm.heap, as_string(a.args[0])->view(), "<$parse>");
    return forms.empty() ? make_nil() : forms[0];
  } catch (const ParseError& e) {
    vm.raise(format_diagnostic(e.pos, e.what()));
  }
}

Value emit(VM& vm, CallArgs& a) {
  emit_to_template(vm, a.args[0]);
  return make_nil();
}

Value range(VM& vm, CallArgs& a) {
  for (int k = 0; k < a.count; ++k)
    if (!is_int(a.args[k])) vm.raise(fmt::format("range expects Int arguments, got {}", repr_in_message(a.args[k])));
  int64_t step = a.count > 2 ? as_int(a.args[2]) : 1;
  if (step == 0) vm.raise("range step must not be 0");
  return value_of(vm.heap.make<Range>(as_int(a.args[0]), as_int(a.args[1]), step));
}
}  // namespace

void install_core(VM& vm) {
  Namespace* g = vm.gene_ns();
  vm.define_native(g, "print", print, 0, -1);
  vm.define_native(g, "println", println, 0, -1);
  vm.define_native(g, "assert", assert_, 0, 2);
  vm.define_native(g, "parse", parse, 1, 1);
  vm.define_native(g, "range", range, 2, 3);
  vm.define_native(g, "emit", emit, 1, 1);
}

}  // namespace gene
