// The precise, non-moving mark-sweep collector and every allocation of a heap object.
#pragma once
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/object.hpp"

namespace gene {

class Heap;

// Marks objects reachable from a root; the gray stack keeps deep data off the C++ stack.
class Marker {
 public:
  void mark(Value v) {
    if (is_obj(v)) mark(v.as.o);
  }
  void mark(Obj* o) {
    if (o && !o->marked) {
      o->marked = true;
      gray_.push_back(o);
    }
  }

 private:
  friend class Heap;
  std::vector<Obj*> gray_;
};

// Every object the heap made and has not freed yet, in blocks of a fixed size: growing
// the table never copies it, and blocks it will not fill again before the next
// collection go back.
class ObjectTable {
 public:
  size_t size() const { return size_; }
  Obj*& operator[](size_t i) { return blocks_[i >> kShift][i & (kBlock - 1)]; }
  ObjectTable() = default;
  ObjectTable(const ObjectTable&) = delete;
  ObjectTable& operator=(const ObjectTable&) = delete;
  ~ObjectTable() { truncate(0, 0); }
  void push_back(Obj* o) {
    if ((size_ >> kShift) == blocks_.size()) add_block();
    (*this)[size_++] = o;
  }
  // Keeps the first n entries, and the blocks that `room` entries fill.
  void truncate(size_t n, size_t room);

 private:
  static constexpr size_t kShift = 13, kBlock = size_t{1} << kShift;
  void add_block();
  std::vector<Obj**> blocks_;
  size_t size_ = 0;
};

class Heap {
 public:
  Heap();
  ~Heap();
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  // An object whose size depends on its arguments (a Closure and its cells) says how
  // much to allocate through T::allocation_size.
  template <class T, class... Args>
  T* make(Args&&... args) {
    maybe_collect();
    T* o;
    if constexpr (requires { T::allocation_size(args...); })
      o = new (pool::allocate(T::allocation_size(args...))) T(std::forward<Args>(args)...);
    else
      o = new T(std::forward<Args>(args)...);
    link(o);
    return o;
  }

  // s may lie in a string that only the caller holds: it is copied before a collection.
  String* string(std::string_view s) { return string_of({s}); }
  Value string_value(std::string_view s) { return make_obj(Tag::String, string(s)); }
  // The parts joined, written straight into the new string.
  String* string_of(std::initializer_list<std::string_view> parts);

  // Roots outside the heap (the VM's stack, namespaces, compiler state) are reported here.
  using RootFn = std::function<void(Marker&)>;
  int add_root_source(RootFn fn);
  void remove_root_source(int id);

  // Explicit roots for C++ code that holds a fresh object while it allocates again.
  void push_root(Value* v) { temp_roots_.push_back(v); }
  void pop_root() { temp_roots_.pop_back(); }

  // While paused (reading, compiling) nothing is collected.
  void pause() { ++paused_; }
  void resume() { --paused_; }

  void collect();
  void set_stress(bool on) { stress_ = on; }
  // A cap on the estimated bytes (embedders): a collection that cannot get under it throws
  // std::bad_alloc, which the interpreter raises as the Gene error "out of memory". 0: none.
  void set_limit(size_t bytes) { limit_ = grace_ = bytes; }

  size_t live_objects() const { return live_; }
  // Storage made outside make<> and element buffers (string bytes) also counts towards
  // the next collection, so few large objects cannot outgrow memory unseen. Element
  // storage (array items, gene children) counts by itself (pool::buffer_bytes).
  void account(size_t bytes) { bytes_ += bytes; }
  // Element storage just grew: a collection may run at once (everything the caller holds
  // must be reachable), so an array built by appending is collected while it grows, not
  // only at the next allocation.
  void grew() { maybe_collect(); }
  size_t objects_allocated_total() const { return allocs_total_; }
  size_t collections() const { return collections_; }

 private:
  void link(Obj* o) {
    objects_.push_back(o);
    ++live_;
    ++allocs_total_;
  }
  void maybe_collect() {
    if ((live_ >= next_gc_ || bytes_ + pool::buffer_bytes >= next_bytes_ || stress_) && paused_ == 0) collect();
  }
  void trace(Marker& m, Obj* o);
  void sweep();
  void enforce_limit();

  ObjectTable objects_;
  // Kept between collections: a gray stack made anew each time faulted its pages in
  // again at every collection (500 of the 3,400 page faults of a tokenizer whose live
  // data grows to 100 MB). It holds at most one pointer per live object.
  Marker marker_;
  // The trigger counts objects: a collection runs when the live count doubles.
  size_t live_ = 0;
  size_t next_gc_ = kMinNextGc;
  size_t bytes_ = 0;  // estimated bytes: live after a collection, plus those accounted since
  size_t next_bytes_ = kMinNextBytes;
  // The floors keep a program with little live data small: at 128K objects and 64 MiB,
  // a loop making a 4-entry map per iteration peaked at 33 MB (Lua: 2.4 MB); at 16K and
  // 16 MiB it peaked at 10 MB, at 4K and 4 MiB at 5 MB (the Game of Life, a 64x64 grid
  // made anew per generation: 13.3 -> 6.7 MB), at the same speed.
  static constexpr size_t kMinNextBytes = size_t{4} << 20;
  static constexpr size_t kMinNextGc = 1u << 12;
  // The live bytes that count as one object towards the next collection's trigger.
  static constexpr size_t kBytesPerObject = 128;
  size_t allocs_total_ = 0;
  size_t collections_ = 0;
  int paused_ = 0;
  bool stress_ = false;
  size_t limit_ = 0;
  size_t grace_ = 0;  // past the cap: room to build the error and handle it before the next one
  std::vector<std::pair<int, RootFn>> root_sources_;
  // The empty string and the strings of one ASCII byte, made at their first use and kept:
  // a tokenizer's (c .to_s) allocates nothing. Strings are immutable, so sharing one is
  // invisible. Index: the byte, or kEmptyString.
  static constexpr size_t kEmptyString = 128;
  String* short_strings_[kEmptyString + 1] = {};
  int next_root_id_ = 1;
  std::vector<Value*> temp_roots_;
};

// RAII root for one Value held in a C++ local.
class Root {
 public:
  Root(Heap& h, Value v) : heap_(h), value(v) { heap_.push_root(&value); }
  ~Root() { heap_.pop_root(); }
  Root(const Root&) = delete;
  Root& operator=(const Root&) = delete;

 private:
  Heap& heap_;

 public:
  Value value;
};

// RAII root for a vector of values (the forms of a file while they run one by one).
class RootedValues {
 public:
  RootedValues(Heap& h, std::vector<Value> values) : heap_(h), values(std::move(values)) {
    id_ = heap_.add_root_source([this](Marker& m) {
      for (Value v : this->values) m.mark(v);
    });
  }
  ~RootedValues() { heap_.remove_root_source(id_); }
  RootedValues(const RootedValues&) = delete;
  RootedValues& operator=(const RootedValues&) = delete;

 private:
  Heap& heap_;
  int id_;

 public:
  std::vector<Value> values;
};

// RAII pause for phases (reader, compiler) that allocate many unrooted temporaries.
class GcPause {
 public:
  explicit GcPause(Heap& h) : heap_(h) { heap_.pause(); }
  ~GcPause() { heap_.resume(); }
  GcPause(const GcPause&) = delete;
  GcPause& operator=(const GcPause&) = delete;

 private:
  Heap& heap_;
};

}  // namespace gene
