#include "call_count.hpp"

#include <unordered_set>
#include <vector>

#include "interp/function.hpp"
#include "runtime/namespace.hpp"

namespace gene::bench {

namespace {

// Walks the object graph below a namespace, visiting each namespace, class and proto once.
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

uint64_t count_calls(Namespace* ns) {
  CallCounter counter;
  counter.visit_ns(ns);
  return counter.total;
}

}  // namespace gene::bench
