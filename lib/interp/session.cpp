#include "interp/vm.hpp"
#include "reader/reader.hpp"

namespace gene {

Session::Session(VM& vm, Namespace* ns)
    : vm_(vm),
      ns_(ns),
      compiler_(vm.heap, 0, vm.compile_options, vm.macro_lookup(ns)),
      base_(vm.stack_top() + 1),
      saved_pin_(vm.pinned_top_) {
  vm_.pinned_top_ = base_;
}

Session::~Session() {
  vm_.close_upvalues(base_);
  vm_.pinned_top_ = saved_pin_;
}

Value Session::eval(uint32_t file_id) {
  std::vector<Value> forms;
  std::vector<SourcePos> positions;
  {
    GcPause pause(vm_.heap);
    forms = read_source(vm_.heap, file_id, &positions);
  }
  RootedValues keep_forms(vm_.heap, std::move(forms));
  Value result = make_nil();
  for (size_t k = 0; k < keep_forms.values.size(); ++k) {
    Proto* p;
    {
      GcPause pause(vm_.heap);
      p = compiler_.compile(keep_forms.values[k], positions[k]);
    }
    vm_.pinned_top_ = base_ + compiler_.window_size();
    Root keep(vm_.heap, value_of(p));
    result = vm_.run_form(p, base_, ns_);
  }
  return result;
}

}  // namespace gene
