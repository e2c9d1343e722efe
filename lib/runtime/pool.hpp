// Size-class free lists for heap objects. Most Gene objects are small and short-lived;
// handing their memory straight back to the next allocation of the same size is several
// times cheaper than malloc and free. Memory stays in the pool for the process's life, so
// peak use is bounded by the peak of live objects.
#pragma once
#include <cstddef>

namespace gene::pool {

// Requests above this size go to the global operator new.
constexpr size_t kMaxPooled = 256;

void* allocate(size_t bytes);
// bytes must be what allocate was given.
void release(void* p, size_t bytes);

// Bytes of element storage (array items, gene children) allocated on this thread since
// the last collection. The heap counts them towards its next collection, wherever the
// storage was made or grew: a program that makes big arrays is collected as it goes.
extern thread_local constinit size_t buffer_bytes;

// The process turned out to need more than a little memory: its first collection, the
// first kGrowthBytes of objects and element buffers, the JIT tier loading LLVM. Runs the
// hook given to set_growth_hook, once per thread. The executables give their allocator 2 MiB
// pages then, which in a small script would only cost start-up time and resident memory.
constexpr size_t kGrowthBytes = size_t{512} << 10;
void note_growth();
void set_growth_hook(void (*hook)());

}  // namespace gene::pool
