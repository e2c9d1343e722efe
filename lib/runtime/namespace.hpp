// Namespaces: named member tables with a parent chain (module -> global -> gene).
#pragma once
#include <cstdint>

#include "runtime/heap.hpp"
#include "runtime/object.hpp"

namespace gene {

// Bumped whenever any namespace gains or loses a member, so inline caches that hold a
// pointer to a member slot know when a look-up could resolve differently.
extern uint64_t g_namespace_epoch;

struct Namespace : Obj {
  Symbol* name;
  Namespace* parent;
  PropMap members;

  Namespace(Symbol* n, Namespace* p) : Obj(Tag::Namespace), name(n), parent(p) {}

  // Finds the slot of key here or in a parent; nullptr if absent everywhere.
  Value* lookup(Symbol* key) {
    for (Namespace* ns = this; ns; ns = ns->parent)
      if (Value* v = ns->members.find(key)) return v;
    return nullptr;
  }
  void define(Symbol* key, Value v) {
    if (members.set(key, v)) ++g_namespace_epoch;
  }
  void trace(Marker& m) override {
    m.mark(parent);
    members.trace(m);
  }
};

inline Namespace* as_namespace(Value v) { return static_cast<Namespace*>(v.as.o); }

}  // namespace gene
