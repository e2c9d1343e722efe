// gene::Engine: set-up, running code, names, building values.
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "embed/core.hpp"
#include "runtime/source.hpp"
#include "runtime/symbol.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace detail {

namespace {
VMOptions vm_options(const EngineOptions& options) {
  VMOptions vo;
  vo.gc_stress = options.gc_stress;
  return vo;
}
}  // namespace

EngineCore::EngineCore(Engine& engine, const EngineOptions& options)
    : owner(engine), vm(vm_options(options)), sink_(options.output) {
  root_id_ = vm.heap.add_root_source([this](Marker& m) {
    for (Value v : slots_) m.mark(v);
  });
  if (sink_) vm.capture = &captured_;
  if (options.max_heap_bytes) vm.heap.set_limit(options.max_heap_bytes);
  set_cmd_args(vm, options.args);
  if (options.jit) {
    std::string why;
    if (!Engine::jit_available(&why, options.jit_plugin)) throw Error(fmt::format("the JIT tier is not available ({})", why));
    JitOptions jo;
    jo.enabled = true;
    jo.threshold = options.jit_threshold;
    vm.enable_jit(jo);
  }
  session = std::make_unique<Session>(vm, vm.new_module_ns("<embed>"));
}

EngineCore::~EngineCore() {
  session.reset();
  vm.flush_out();
  if (sink_ && !captured_.empty()) sink_(captured_);
  vm.heap.remove_root_source(root_id_);
}

uint32_t EngineCore::acquire(Value v) {
  if (!free_slots_.empty()) {
    uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    slots_[slot] = v;
    return slot;
  }
  slots_.push_back(v);
  return static_cast<uint32_t>(slots_.size() - 1);
}

void EngineCore::release(uint32_t slot) {
  slots_[slot] = make_nil();
  free_slots_.push_back(slot);
}

Handle EngineCore::wrap(Value v) { return Access::attach(this, acquire(v)); }

Value EngineCore::unwrap(const Handle& h) const {
  EngineCore* c = Access::core(h);
  if (!c) return make_nil();
  if (c != this) throw Error("a value of one gene::Engine was passed to another");
  return slots_[Access::slot(h)];
}

void EngineCore::deliver_output() {
  vm.flush_out();
  if (sink_ && !captured_.empty()) {
    std::string chunk;
    chunk.swap(captured_);
    sink_(chunk);
  }
}

}  // namespace detail

using detail::Access;
using detail::EngineCore;

Engine::Engine(EngineOptions options) : core_(std::make_unique<EngineCore>(*this, options)) {}

Engine::~Engine() = default;

Handle Engine::eval(std::string_view code, std::string_view name) {
  EngineCore& c = *core_;
  uint32_t file = register_source(std::string(name), std::string(code));
  return c.guarded([&] {
    // From inside a native function the module's register window is in use below the
    // running frames: the code runs as a chunk of its own in the same namespace.
    Value v = c.vm.frame_depth() ? c.vm.eval_source(file, c.session->ns()) : c.session->eval(file);
    return c.wrap(v);
  });
}

Handle Engine::eval_file(const std::string& path) {
  FILE* in = std::fopen(path.c_str(), "rb");
  if (!in) throw Error(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  std::string text;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) text.append(buf, n);
  std::fclose(in);
  return eval(text, path);
}

Handle Engine::get(std::string_view name) {
  EngineCore& c = *core_;
  Namespace* ns = c.session->ns();
  Value* v = nullptr;
  size_t start = 0;
  // "a/b/c": through namespaces and classes' members.
  for (;;) {
    size_t slash = name.find('/', start);
    Symbol* part = intern(name.substr(start, slash == std::string_view::npos ? name.size() - start : slash - start));
    if (!v) {
      v = ns->lookup(part);
    } else {
      Namespace* owner = v->tag == Tag::Namespace ? as_namespace(*v) : v->tag == Tag::Class ? as_class(*v)->members : nullptr;
      v = owner ? owner->members.find(part) : nullptr;
    }
    if (!v || slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return v ? c.wrap(*v) : c.wrap(make_nil());
}

void Engine::set(std::string_view name, const Handle& value) {
  core_->session->ns()->define(intern(name), core_->unwrap(value));
}

Handle Engine::nil() { return core_->wrap(make_nil()); }
Handle Engine::boolean(bool b) { return core_->wrap(make_bool(b)); }
Handle Engine::integer(int64_t i) { return core_->wrap(make_int(i)); }
Handle Engine::number(double f) { return core_->wrap(make_float(f)); }
Handle Engine::string(std::string_view s) { return core_->wrap(core_->vm.heap.string_value(s)); }

Handle Engine::array(std::span<const Handle> items) {
  EngineCore& c = *core_;
  std::vector<Value> values;
  values.reserve(items.size());
  for (const Handle& h : items) values.push_back(c.unwrap(h));
  Array* a = c.vm.heap.make<Array>();
  a->items.assign(values.begin(), values.end());
  return c.wrap(value_of(a));
}

Handle Engine::map(std::span<const std::pair<std::string, Handle>> entries) {
  EngineCore& c = *core_;
  Map* m = c.vm.heap.make<Map>();
  for (const auto& [key, value] : entries) m->map.set(intern(key), c.unwrap(value));
  return c.wrap(value_of(m));
}

void Engine::collect_garbage() { core_->vm.heap.collect(); }
void Engine::flush_output() { core_->deliver_output(); }

}  // namespace gene
