// Callable objects: closures over protos, their upvalues, native functions, classes.
#pragma once
#include <new>
#include <string>
#include <vector>

#include "bytecode/proto.hpp"
#include "runtime/namespace.hpp"

namespace gene {

class VM;

// A captured variable: points into the register stack while open, owns the value once closed.
struct Upvalue : Obj {
  Value* loc;
  Value closed;
  Upvalue* next_open = nullptr;  // the VM's list of open upvalues, sorted by loc, highest first
  explicit Upvalue(Value* slot) : Obj(Tag::Upvalue), loc(slot) {}
  void trace(Marker& m) override { m.mark(closed); }
};

// Upvalues captured by value (UpvalDesc::by_value) live in cells after the Closure, in the
// same allocation: Upvalues already closed over their own copy, never on the VM's list of
// open upvalues, never shared with another closure (a nested one copies the value).
struct Closure : Obj {
  static constexpr uint32_t kInlineUpvals = 3;
  Proto* proto;
  Namespace* ns;  // globals resolve here: the namespace the function was defined in
  Upvalue** upvals;  // inline_upvals for the common few, else an array of its own
  uint32_t num_upvals;
  uint32_t num_cells;  // upvalues by value, in cells after the object (sweeping frees the
                       // proto perhaps first: the size must not depend on it)
  Upvalue* inline_upvals[kInlineUpvals] = {};
  Closure(Proto* p, Namespace* n)
      : Obj(Tag::Function), proto(p), ns(n), num_upvals(static_cast<uint32_t>(p->upvals.size())),
        num_cells(p->value_upvals) {
    upvals = num_upvals <= kInlineUpvals ? inline_upvals : new Upvalue*[num_upvals]();
    if (p->is_block) subkind = kSubkindBlock;
    Upvalue* cell = cells();
    for (uint32_t i = 0; i < num_upvals; ++i)
      if (p->upvals[i].by_value) {
        Upvalue* u = ::new (cell++) Upvalue(nullptr);
        u->loc = &u->closed;
        u->closed = make_nil();  // traced before the maker fills it in
        upvals[i] = u;
      }
  }
  ~Closure() override {  // the cells need no destructor: an Upvalue holds nothing to free
    if (upvals != inline_upvals) delete[] upvals;
  }
  Closure(const Closure&) = delete;
  Closure& operator=(const Closure&) = delete;
  void trace(Marker& m) override {
    m.mark(proto);
    m.mark(ns);
    auto first = reinterpret_cast<uintptr_t>(cells()), end = first + num_cells * sizeof(Upvalue);
    for (uint32_t i = 0; i < num_upvals; ++i) {
      auto at = reinterpret_cast<uintptr_t>(upvals[i]);
      if (at >= first && at < end) m.mark(upvals[i]->closed);  // a cell: not an object of the heap
      else m.mark(upvals[i]);
    }
  }
  size_t heap_bytes() const override { return bytes_for(num_cells); }

  // Heap::make allocates this much: the object and its cells.
  static size_t allocation_size(const Proto* p, const Namespace*) { return bytes_for(p->value_upvals); }
  static void* operator new(size_t, void* at) { return at; }
  static void operator delete(Closure* c, std::destroying_delete_t) {
    size_t bytes = bytes_for(c->num_cells);
    c->~Closure();
    pool::release(c, bytes);
  }

 private:
  static size_t bytes_for(uint32_t cells) { return sizeof(Closure) + cells * sizeof(Upvalue); }
  Upvalue* cells() { return reinterpret_cast<Upvalue*>(this + 1); }
};

struct NativeFn;

// Arguments as a native function sees them: positionals in place on the register stack.
struct CallArgs {
  Value* args;
  int count;
  Value self;
  Map* props;  // named arguments, or nullptr
  NativeFn* callee = nullptr;  // the function called: natives that carry state (embedders' closures)
  Value arg(int i) const { return i < count ? args[i] : make_nil(); }
};

using NativeFnPtr = Value (*)(VM& vm, CallArgs& call);
// Natives of one or two positionals and no self (sqrt, mod …) also have an entry the
// dispatch loop calls straight with the arguments: no CallArgs, no arity check there.
using NativeFn1Ptr = Value (*)(VM& vm, Value x);
using NativeFn2Ptr = Value (*)(VM& vm, Value x, Value y);
// A builtin method of one or two arguments (Array's add, Map's get with a default) may
// also have an entry the dispatch loop calls straight with its receiver, already known
// to be of the method's kind.
using NativeMethod1Ptr = Value (*)(VM& vm, Value self, Value x);
using NativeMethod2Ptr = Value (*)(VM& vm, Value self, Value x, Value y);

// What a numeric builtin computes, for the tiers that compute it in place when its
// arguments are plain numbers (the interpreter's CALLG, the JIT's lowering of a call).
enum class NativeOp : uint8_t { kNone, kMod, kRem, kDiv, kAbs, kMin, kMax, kAnd, kOr, kXor, kShl, kShr };

// mod, rem, div, the bit operations and shifts of two Ints: false where the builtin raises
// or has a special case (a zero or -1 divisor, a shift count outside 0..63).
inline bool int_builtin(NativeOp op, int64_t x, int64_t y, int64_t& out) {
  switch (op) {
    case NativeOp::kMod:
    case NativeOp::kRem:
    case NativeOp::kDiv: {
      if (static_cast<uint64_t>(y) + 1 <= 1) return false;  // y is 0 or -1
      int64_t r = x % y;
      bool signs_differ = r != 0 && ((r < 0) != (y < 0));
      if (op == NativeOp::kMod) out = signs_differ ? r + y : r;
      else if (op == NativeOp::kRem) out = r;
      else out = x / y - (signs_differ ? 1 : 0);  // floored
      return true;
    }
    case NativeOp::kAnd: out = x & y; return true;
    case NativeOp::kOr: out = x | y; return true;
    case NativeOp::kXor: out = x ^ y; return true;
    case NativeOp::kShl:
    case NativeOp::kShr:
      if (static_cast<uint64_t>(y) > 63) return false;
      out = op == NativeOp::kShl ? static_cast<int64_t>(static_cast<uint64_t>(x) << y) : x >> y;
      return true;
    default: return false;
  }
}

struct NativeFn : Obj {
  std::string name;
  NativeFnPtr fn;
  int min_args, max_args;  // max_args < 0: any number
  // A method of a builtin kind (Array's size …) reads self as that kind: a subclass
  // instance or a class that includes it must not reach it with another kind of self.
  bool checks_receiver = false;
  Tag receiver_kind = Tag::Nil;
  NativeFn1Ptr direct1 = nullptr;  // set: what a call with exactly one argument runs
  NativeFn2Ptr direct2 = nullptr;  // set: … with exactly two
  NativeMethod1Ptr method1 = nullptr;  // set: what a method call with one argument runs
  NativeMethod2Ptr method2 = nullptr;  // set: … with two
  NativeOp op = NativeOp::kNone;       // set: a numeric builtin (see NativeOp)
  NativeFn(std::string n, NativeFnPtr f, int lo, int hi) : Obj(Tag::NativeFn), name(std::move(n)), fn(f), min_args(lo), max_args(hi) {}
};

// Bumped whenever any class gains or changes a method, so that method caches at call sites
// know when a look-up could resolve differently.
extern uint64_t g_method_epoch;

// A class: methods (closures or natives), a parent, and a namespace for class members.
// The constructor is the method named `.ctor`, so constructors inherit like methods.
struct Class : Obj {
  Symbol* name;
  Class* parent;
  PropMap methods;
  Namespace* members;
  Tag instance_tag = Tag::Instance;  // builtin classes describe another kind of value
  bool is_enum = false;              // an enum: members are EnumMembers, a missing one is an error
  uint32_t props_hint = 0;           // the most properties an instance was given: room made at the first
  Class(Symbol* n, Class* p, Namespace* m) : Obj(Tag::Class), name(n), parent(p), members(m) {}
  bool is_subclass_of(const Class* other) const {
    for (const Class* c = this; c; c = c->parent)
      if (c == other) return true;
    return false;
  }
  // Every change of a method table goes through here (see g_method_epoch).
  void set_method(Symbol* key, Value fn) {
    methods.set(key, fn);
    ++g_method_epoch;
  }
  Value* find_method(Symbol* key) {
    for (Class* c = this; c; c = c->parent)
      if (Value* v = c->methods.find(key)) return v;
    return nullptr;
  }
  void trace(Marker& m) override {
    m.mark(parent);
    m.mark(members);
    methods.trace(m);
  }
};

// An object of a user class: its properties (/x) and its class. The properties sit
// where a Map keeps its own: compiled code reads a member of either at one offset.
struct Instance : Obj {
  PropMap props;
  Class* cls;
  // Room for the properties the class's objects were given: the constructor adds them in place.
  explicit Instance(Class* c) : Obj(Tag::Instance), cls(c) {
    if (c->props_hint) props.reserve(c->props_hint);
  }
  void trace(Marker& m) override {
    m.mark(cls);
    props.trace(m);
  }
};

inline Closure* as_closure(Value v) { return static_cast<Closure*>(v.as.o); }
inline NativeFn* as_native(Value v) { return static_cast<NativeFn*>(v.as.o); }
inline Class* as_class(Value v) { return static_cast<Class*>(v.as.o); }
inline Instance* as_instance(Value v) { return static_cast<Instance*>(v.as.o); }

}  // namespace gene
