#include "runtime/heap.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <new>

namespace gene {

namespace {
std::atomic<void (*)()> g_large_heap_hook{nullptr};
}  // namespace

void Heap::set_large_heap_hook(void (*hook)()) { g_large_heap_hook.store(hook); }

Heap::Heap() = default;

Heap::~Heap() {
  Obj* o = objects_;
  while (o) {
    Obj* next = o->gc_next;
    delete o;
    o = next;
  }
}

void Heap::link(Obj* o) {
  o->gc_next = objects_;
  objects_ = o;
  ++live_;
  ++allocs_total_;
}

// The parts may lie in strings that only the caller holds: they are copied before a
// collection can run, and the new string is linked after it.
String* Heap::string_of(std::initializer_list<std::string_view> parts) {
  size_t n = 0;
  for (std::string_view p : parts) n += p.size();
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
  ++collections_;
  Marker& m = marker_;
  for (auto& [id, fn] : root_sources_) fn(m);
  for (Value* v : temp_roots_) m.mark(*v);
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
  if ((live_ >= kLargeLiveObjects || bytes_ >= kLargeLiveBytes) && g_large_heap_hook.load(std::memory_order_relaxed))
    if (auto hook = g_large_heap_hook.exchange(nullptr)) hook();
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

void Heap::sweep() {
  Obj** link = &objects_;
  size_t live = 0;
  size_t bytes = 0;
  while (Obj* o = *link) {
    if (o->marked) {
      o->marked = false;
      ++live;
      bytes += o->heap_bytes();
      link = &o->gc_next;
    } else {
      *link = o->gc_next;
      delete o;
    }
  }
  live_ = live;
  bytes_ = bytes;  // element storage included: counting it starts again
  pool::buffer_bytes = 0;
}

}  // namespace gene
