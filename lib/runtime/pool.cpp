#include "runtime/pool.hpp"

#include <sys/mman.h>

#include <atomic>
#include <cstdint>
#include <new>

namespace gene::pool {

namespace {
// Every object needs 8-byte alignment at most; finer classes waste less (an Array is 40 bytes).
constexpr size_t kGranule = 8;
constexpr size_t kClasses = kMaxPooled / kGranule;
constexpr size_t kChunkBytes = size_t{64} << 10;

// Address sanitizer builds skip the pool: every object keeps its own allocation, so a
// use after the collector freed it is still reported.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kPooling = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kPooling = false;
#else
constexpr bool kPooling = true;
#endif
#else
constexpr bool kPooling = true;
#endif

struct FreeBlock {
  FreeBlock* next;
};

// One pool per thread: no locks, and objects freed on another thread simply join its
// lists. Chunks are never returned: objects such as interned symbols are freed by static
// destructors after thread-local ones would have run, so the pool has no destructor.
struct Pools {
  FreeBlock* free[kClasses];
  char* bump;  // the unused tail of the newest chunk
  char* bump_end;
};

thread_local Pools pools{};

size_t class_of(size_t bytes) { return (bytes + kGranule - 1) / kGranule - 1; }

#ifdef MADV_POPULATE_WRITE
constexpr int kPopulateWrite = MADV_POPULATE_WRITE;
#else
constexpr int kPopulateWrite = 23;  // Linux 5.14; the C library's headers may predate it
#endif

// One call for all the pages of [p, p + bytes) instead of a fault at the first touch of
// each: 0.8 against 11 us a page on a virtual machine. Older kernels refuse; the pages
// then fault in as before.
void populate(void* p, size_t bytes) {
  constexpr uintptr_t kPage = 4096;
  uintptr_t begin = (reinterpret_cast<uintptr_t>(p) + kPage - 1) & ~(kPage - 1);
  uintptr_t end = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kPage - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, kPopulateWrite);
}

std::atomic<void (*)()> g_growth_hook{nullptr};
thread_local bool t_growth_noted = false;
thread_local size_t t_fresh_bytes = 0;  // chunks and large buffers this thread asked for

void count_fresh(size_t bytes) {
  if ((t_fresh_bytes += bytes) >= kGrowthBytes) note_growth();
}
}  // namespace

thread_local constinit size_t buffer_bytes = 0;

void set_growth_hook(void (*hook)()) { g_growth_hook.store(hook); }

// Once per thread: an allocator's memory is per thread (the VM's, the compile thread's).
void note_growth() {
  if (t_growth_noted) return;
  t_growth_noted = true;
  if (auto hook = g_growth_hook.load(std::memory_order_acquire)) hook();
}

void* allocate(size_t bytes) {
  if (!kPooling || bytes > kMaxPooled || bytes == 0) {
    if (bytes > kMaxPooled) count_fresh(bytes);
    return ::operator new(bytes);
  }
  size_t c = class_of(bytes);
  if (FreeBlock* b = pools.free[c]) {
    pools.free[c] = b->next;
    return b;
  }
  size_t size = (c + 1) * kGranule;
  if (static_cast<size_t>(pools.bump_end - pools.bump) < size) {
    count_fresh(kChunkBytes);
    pools.bump = static_cast<char*>(::operator new(kChunkBytes));
    populate(pools.bump, kChunkBytes);  // the bump pointer writes every page of it
    pools.bump_end = pools.bump + kChunkBytes;
  }
  void* p = pools.bump;
  pools.bump += size;
  return p;
}

void release(void* p, size_t bytes) {
  if (!p) return;
  if (!kPooling || bytes > kMaxPooled || bytes == 0) return ::operator delete(p);
  auto* b = static_cast<FreeBlock*>(p);
  size_t c = class_of(bytes);
  b->next = pools.free[c];
  pools.free[c] = b;
}

}  // namespace gene::pool
