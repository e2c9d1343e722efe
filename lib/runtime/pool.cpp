#include "runtime/pool.hpp"

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
}  // namespace

thread_local constinit size_t buffer_bytes = 0;

void* allocate(size_t bytes) {
  if (!kPooling || bytes > kMaxPooled || bytes == 0) return ::operator new(bytes);
  size_t c = class_of(bytes);
  if (FreeBlock* b = pools.free[c]) {
    pools.free[c] = b->next;
    return b;
  }
  size_t size = (c + 1) * kGranule;
  if (static_cast<size_t>(pools.bump_end - pools.bump) < size) {
    pools.bump = static_cast<char*>(::operator new(kChunkBytes));
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
