// Native functions and classes defined by the host: C++ callables behind NativeFn objects.
#include <fmt/format.h>

#include "embed/core.hpp"
#include "runtime/symbol.hpp"

namespace gene {

using detail::Access;
using detail::EngineCore;

namespace {

// A NativeFn whose body is a C++ callable; the VM passes it as CallArgs::callee.
struct HostFn : NativeFn {
  EngineCore* core;
  NativeFunction body;
  HostFn(std::string n, int lo, int hi, EngineCore* c, NativeFunction b);
};

// Runs the callable with handles for its arguments. Whatever it throws becomes a Gene
// error at the call: a gene::Error that came from Gene is raised again with its value,
// anything else as a runtime error with the exception's message.
Value call_host(VM& vm, CallArgs& call) {
  HostFn* fn = static_cast<HostFn*>(call.callee);
  EngineCore& core = *fn->core;
  std::string failure;
  Value thrown = make_nil();
  bool rethrow_value = false, runtime_message = false;
  {
    std::vector<Handle> args;
    args.reserve(static_cast<size_t>(call.count));
    for (int i = 0; i < call.count; ++i) args.push_back(core.wrap(call.args[i]));
    NativeCall nc{core.owner, core.wrap(call.self), args};
    try {
      Handle result = fn->body(nc);
      return core.unwrap(result);
    } catch (const Error& e) {
      failure = e.message();
      if (Access::core(e.value()) == &core && !e.value().is_nil()) {
        thrown = core.unwrap(e.value());
        rethrow_value = true;
        runtime_message = Access::thrown_by_gene(e);
      }
    } catch (const GeneError&) {
      throw;
    } catch (const std::exception& e) {
      failure = fmt::format("{}: {}", fn->name, e.what());
    } catch (...) {
      failure = fmt::format("{}: unknown C++ exception", fn->name);
    }
  }
  // The handles are gone: keep the thrown value rooted while the error is built.
  Root keep(vm.heap, thrown);
  if (rethrow_value) vm.raise_value(thrown, runtime_message ? failure : std::string());
  vm.raise(std::move(failure));
}

HostFn::HostFn(std::string n, int lo, int hi, EngineCore* c, NativeFunction b)
    : NativeFn(std::move(n), call_host, lo, hi), core(c), body(std::move(b)) {}

}  // namespace

Value EngineCore::make_native(std::string name, int min_args, int max_args, NativeFunction body) {
  if (!body) throw Error(fmt::format("{}: empty native function", name));
  return value_of(vm.heap.make<HostFn>(std::move(name), min_args, max_args, this, std::move(body)));
}

void Engine::define_native(std::string_view name, int min_args, int max_args, NativeFunction fn) {
  EngineCore& c = *core_;
  Handle f = c.wrap(c.make_native(std::string(name), min_args, max_args, std::move(fn)));
  set(name, f);
}

ClassBuilder Engine::define_class(std::string_view name) {
  EngineCore& c = *core_;
  Namespace* ns = c.session->ns();
  Namespace* members = c.vm.heap.make<Namespace>(intern(name), ns);
  Root keep(c.vm.heap, value_of(members));
  Class* object = c.vm.builtin_class(Tag::Nil)->parent;  // the default parent, Object
  Handle cls = c.wrap(value_of(c.vm.heap.make<Class>(intern(name), object, members)));
  set(name, cls);
  return ClassBuilder(*this, cls, std::string(name));
}

ClassBuilder& ClassBuilder::native_method(std::string_view name, int min_args, int max_args, NativeFunction fn) {
  EngineCore& c = Access::core(engine_);
  std::string full = name == ".ctor" ? name_ + " constructor" : fmt::format("{}.{}", name_, name);
  Root method(c.vm.heap, c.make_native(full, min_args, max_args, std::move(fn)));
  as_class(c.unwrap(class_))->set_method(intern(name), method.value);
  return *this;
}

namespace detail {
std::vector<Handle> method_arguments(const NativeCall& call) {
  std::vector<Handle> all;
  all.reserve(call.args.size() + 1);
  all.push_back(call.self);
  all.insert(all.end(), call.args.begin(), call.args.end());
  return all;
}
}  // namespace detail

}  // namespace gene
