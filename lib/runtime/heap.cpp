#include "runtime/heap.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <new>

#include <sys/mman.h>

namespace gene {

// Straight from the system: blocks taken from the allocator, freed and taken again as
// the table shrank and grew, held its large pages apart (memo's peak grew by 16 MB).
void ObjectTable::add_block() {
  // Populated: the table fills every page of it, and a fault per page cost 16 of them.
  void* p = mmap(nullptr, kBlock * sizeof(Obj*), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  blocks_.push_back(static_cast<Obj**>(p));
}

void ObjectTable::truncate(size_t n, size_t room) {
  size_ = n;
  size_t keep = (std::max(n, room) + kBlock - 1) >> kShift;
  while (blocks_.size() > keep) {
    munmap(blocks_.back(), kBlock * sizeof(Obj*));
    blocks_.pop_back();
  }
}

// Element storage that another heap on this thread made is not this heap's to collect.
Heap::Heap() { pool::buffer_bytes = 0; }

Heap::~Heap() {
  for (size_t i = 0; i < objects_.size(); ++i) delete objects_[i];
}

// The parts may lie in strings that only the caller holds: they are copied before a
// collection can run, and the new string is linked after it.
String* Heap::string_of(std::initializer_list<std::string_view> parts) {
  size_t n = 0;
  for (std::string_view p : parts) n += p.size();
  String** shared = nullptr;
  if (n <= 1) {
    size_t index = kEmptyString;
    for (std::string_view p : parts)
      if (!p.empty()) index = static_cast<unsigned char>(p[0]);
    if (n == 0 || index < kEmptyString) {  // ASCII: a byte of 128 or more is part of a character
      shared = &short_strings_[index];
      if (*shared) return *shared;
    }
  }
  String* str = new (pool::allocate(String::allocation_size(n))) String(n);
  char* at = str->bytes();
  for (std::string_view p : parts) {
    if (!p.empty()) std::memcpy(at, p.data(), p.size());
    at += p.size();
  }
  *at = '\0';
  account(n);
  try {
    maybe_collect();
  } catch (...) {  // over the heap cap: the string was never made
    delete str;
    throw;
  }
  link(str);
  if (shared) *shared = str;
  return str;
}

int Heap::add_root_source(RootFn fn) {
  int id = next_root_id_++;
  root_sources_.emplace_back(id, std::move(fn));
  return id;
}

void Heap::remove_root_source(int id) {
  std::erase_if(root_sources_, [id](auto& p) { return p.first == id; });
}

void Heap::collect() {
  if (collections_++ == 0) pool::note_growth();
  Marker& m = marker_;
  for (auto& [id, fn] : root_sources_) fn(m);
  for (Value* v : temp_roots_) m.mark(*v);
  for (String* s : short_strings_)
    if (s) m.mark(make_obj(Tag::String, s));
  while (!m.gray_.empty()) {
    Obj* o = m.gray_.back();
    m.gray_.pop_back();
    o->trace(m);
  }
  sweep();
  // Tracing costs what the live data weighs, not how many objects hold it: a map of a
  // million entries is one object, and collecting every 4K new objects traced it in full
  // each time (a fifth of a memoising program's run).
  next_gc_ = std::max({kMinNextGc, live_ * 2, bytes_ / kBytesPerObject});
  next_bytes_ = bytes_ * 2 > kMinNextBytes ? bytes_ * 2 : kMinNextBytes;
  // The table fills up to next_gc_ entries again: blocks given back now would be mapped
  // anew, a page fault per 512 objects (a sixth of binary-trees' run where faults are dear).
  objects_.truncate(live_, next_gc_);
  if (limit_) enforce_limit();
  SPDLOG_DEBUG("gc #{}: {} objects live", collections_, live_);
}

void Heap::enforce_limit() {
  constexpr size_t kGrace = size_t{1} << 20;
  if (bytes_ <= limit_) {
    grace_ = limit_;
  } else if (bytes_ > grace_) {
    grace_ = bytes_ + kGrace;
    next_bytes_ = grace_;
    throw std::bad_alloc();
  }
  next_bytes_ = std::min(next_bytes_, grace_);  // collect again before passing it
}

// The objects are visited from a table, not a list threaded through them: the headers
// a few places ahead are fetched while this one is looked at, where a list made every
// object a cache miss waited for in turn.
void Heap::sweep() {
  constexpr size_t kAhead = 8;
  size_t n = objects_.size();
  size_t live = 0;
  size_t bytes = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) __builtin_prefetch(objects_[i + kAhead]);
    Obj* o = objects_[i];
    if (o->marked) {
      o->marked = false;
      bytes += o->heap_bytes();
      objects_[live++] = o;
    } else {
      delete o;
    }
  }
  objects_.truncate(live, n);  // collect() decides which blocks go back
  live_ = live;
  bytes_ = bytes;  // element storage included: counting it starts again
  pool::buffer_bytes = 0;
}

}  // namespace gene
