// Engine::statistics and the JIT's availability.
#include <unordered_set>

#include "embed/core.hpp"

namespace gene {

namespace {

// Sums the call counts of the functions below a namespace, visiting each namespace, class
// and proto once.
class CallCounter {
 public:
  uint64_t total = 0;

  void visit(Value v) {
    switch (v.tag) {
      case Tag::Function: visit_proto(as_closure(v)->proto); break;
      case Tag::Class: visit_class(as_class(v)); break;
      case Tag::Namespace: visit_ns(as_namespace(v)); break;
      default: break;
    }
  }

  void visit_ns(Namespace* ns) {
    if (!ns || !seen_.insert(ns).second) return;
    for (const auto& [key, value] : ns->members.entries()) visit(value);
  }

 private:
  void visit_class(Class* c) {
    if (!c || !seen_.insert(c).second) return;
    for (const auto& [key, value] : c->methods.entries()) visit(value);
    visit_ns(c->members);
  }

  void visit_proto(Proto* p) {
    if (!p || !seen_.insert(p).second) return;
    total += p->call_count;
    for (Proto* child : p->protos) visit_proto(child);
  }

  std::unordered_set<const Obj*> seen_;
};

}  // namespace

EngineStatistics Engine::statistics() const {
  const VM& vm = core_->vm;
  EngineStatistics s;
  CallCounter counter;
  counter.visit_ns(core_->session->ns());
  s.calls = counter.total;
  s.instructions = vm.instructions_executed();
  s.objects_allocated = vm.heap.objects_allocated_total();
  s.collections = vm.heap.collections();
  if (const jit::Tier* tier = vm.jit()) {
    s.jit_functions = tier->compiled_protos();
    s.jit_compile_seconds = tier->compile_ms() / 1e3;
    s.jit_load_seconds = tier->load_ms() / 1e3;
  }
  return s;
}

bool Engine::jit_available(std::string* why, const std::string& plugin) {
  if (!plugin.empty()) jit::set_plugin_path(plugin);
  std::string reason;
  bool ok = VM::jit_available(&reason);
  if (why) *why = reason;
  return ok;
}

}  // namespace gene
