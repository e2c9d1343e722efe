// Futures and async operations on the VM's event loop (§25.5): gene/sleep_async,
// gene/io/read_async|write_async, await, the Future class and its methods.
#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "interp/event_loop.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"
#include "stdlib/file_text.hpp"
#include "stdlib/method_support.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
using namespace methods;

Value new_future(VM& vm) { return value_of(vm.heap.make<Future>()); }

Value settled(VM& vm, FutureState state, Value v) {
  Root keep(vm.heap, v);
  Future* f = vm.heap.make<Future>();
  f->state = state;
  f->value = keep.value;
  return value_of(f);
}

Future* future_arg(VM& vm, Value v, const char* fn) {
  if (!is_future(v)) arg_error(vm, fn, "a Future", v);
  return as_future(v);
}

// ---- operations that return a pending future ----

Value sleep_async(VM& vm, CallArgs& a) {
  Value ms = a.args[0];
  if (!is_number(ms)) arg_error(vm, "sleep_async", "a number of milliseconds", ms);
  Value f = new_future(vm);
  vm.event_loop().sleep(as_future(f), is_int(ms) ? as_int(ms) : static_cast<int64_t>(std::ceil(as_float(ms))));
  return f;
}

// The text of the file, read on the thread pool.
Value read_async(VM& vm, CallArgs& a) {
  auto job = std::make_shared<std::pair<std::string, std::string>>(string_arg(vm, a, 0, "read_async", "a path string"), "");
  auto err = std::make_shared<int>(0);
  Value f = new_future(vm);
  vm.event_loop().off_thread(
      as_future(f), [job, err] { *err = read_file_text(job->first, &job->second); },
      [job, err](VM& vm) {
        if (*err) vm.raise(file_error_message("read file", job->first, *err));
        return vm.heap.string_value(job->second);
      });
  return f;
}

// Writes the whole text on the thread pool; the future's value is nil.
Value write_async(VM& vm, CallArgs& a) {
  auto job = std::make_shared<std::pair<std::string, std::string>>(string_arg(vm, a, 0, "write_async", "a path string"),
                                                                    string_arg(vm, a, 1, "write_async", "a string to write"));
  auto err = std::make_shared<int>(0);
  Value f = new_future(vm);
  vm.event_loop().off_thread(
      as_future(f), [job, err] { *err = write_file_text(job->first, job->second, "wb"); },
      [job, err](VM& vm) {
        if (*err) vm.raise(file_error_message("write file", job->first, *err));
        return make_nil();
      });
  return f;
}

// ---- await ----

Value await_one(VM& vm, Value v) {
  Future* f = future_arg(vm, v, "await");
  // Even on a settled future, the callbacks already due run first (as a promise's would).
  if ((f->pending() || vm.event_loop_if_started()) && !vm.event_loop().run_until(f))
    vm.raise("await on a future that can never complete");
  if (f->state == FutureState::Failure) vm.raise_value(f->value);  // a runtime error keeps its message
  return f->value;
}

// (await f) is f's value; (await f1 f2 …) an Array of them, in order.
Value await(VM& vm, CallArgs& a) {
  if (a.count == 1) return await_one(vm, a.args[0]);
  Root out(vm.heap, new_array(vm));
  for (int i = 0; i < a.count; ++i) {
    Value v = await_one(vm, a.args[i]);
    as_array(out.value)->items.push_back(v);
  }
  return out.value;
}

// ---- the Future class ----

// (new gene/Future) is pending; (new gene/Future v) has succeeded with v.
Value construct(VM& vm, CallArgs& a) {
  return a.count == 0 ? new_future(vm) : settled(vm, FutureState::Success, a.args[0]);
}
// What (async expr) gives (the compiler writes these calls).
Value resolved(VM& vm, CallArgs& a) { return settled(vm, FutureState::Success, a.args[0]); }
Value failed(VM& vm, CallArgs& a) { return settled(vm, FutureState::Failure, a.args[0]); }

Value state(VM&, CallArgs& a) {
  FutureState s = as_future(a.self)->state;
  return sym_value(s == FutureState::Pending ? "pending" : s == FutureState::Success ? "success" : "failure");
}

Value value(VM&, CallArgs& a) { return as_future(a.self)->value; }

Value complete(VM& vm, CallArgs& a) {
  Future* f = as_future(a.self);
  if (!f->pending()) vm.raise(fmt::format("complete: the future has already completed ({})", repr(a.self)));
  vm.event_loop().settle(f, FutureState::Success, a.arg(0));
  return a.self;
}

Value on_success(VM& vm, CallArgs& a) {
  vm.event_loop().add_callback(as_future(a.self), true, fn_arg(vm, a, 0, "on_success"));
  return a.self;
}

Value on_failure(VM& vm, CallArgs& a) {
  vm.event_loop().add_callback(as_future(a.self), false, fn_arg(vm, a, 0, "on_failure"));
  return a.self;
}

const MethodEntry kMethods[] = {
    {Tag::Future, "state", state, 0, 0},           {Tag::Future, "value", value, 0, 0},
    {Tag::Future, "complete", complete, 0, 1},     {Tag::Future, "on_success", on_success, 1, 1},
    {Tag::Future, "on_failure", on_failure, 1, 1},
};
const NativeEntry kStatics[] = {{"resolved", resolved, 1, 1}, {"failed", failed, 1, 1}};
const NativeEntry kGene[] = {{"sleep_async", sleep_async, 1, 1}, {"await", await, 1, -1}};
const NativeEntry kIo[] = {{"read_async", read_async, 1, 1}, {"write_async", write_async, 2, 2}};
}  // namespace

void install_async(VM& vm) {
  define_methods(vm, kMethods);
  vm.define_method(Tag::Future, ".ctor", construct, 0, 1);
  define_natives(vm, vm.builtin_class(Tag::Future)->members, kStatics);
  define_natives(vm, vm.gene_ns(), kGene);
  define_natives(vm, child_namespace(vm, vm.gene_ns(), "io"), kIo);
}

}  // namespace gene
