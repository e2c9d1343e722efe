// Linked into the executables with mimalloc, which replaces malloc for the whole process
// (the JIT plugin and LLVM included). A Gene program makes many small objects, and most
// of their cost in the C library's allocator was page faults. mimalloc's 2 MiB pages
// (transparent huge pages where the kernel allows them) remove most of those in programs
// that hold a lot of data (json-roundtrip 0.30 -> 0.20 s), but each costs 2 MiB of
// resident memory and the kernel's zeroing of it when first touched: a third of the
// start-up of an empty program. So they are turned on only once the collector finds a
// large live set (Heap::set_large_heap_hook). MIMALLOC_LARGE_OS_PAGES in the environment
// decides instead (0: never).
#include <mimalloc.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>

#include "runtime/heap.hpp"

namespace {

// mimalloc 2 carves small objects out of 32 MiB segments, aligned to their size.
constexpr uintptr_t kSegmentSize = uintptr_t{32} << 20;

// New segments get large pages from now on. The one small objects currently come from
// is advised too: its untouched parts are filled as the program goes on.
void use_large_pages() {
  mi_option_set(mi_option_large_os_pages, 1);
  void* probe = mi_malloc(16);
  auto segment = reinterpret_cast<uintptr_t>(probe) & ~(kSegmentSize - 1);
  madvise(reinterpret_cast<void*>(segment), kSegmentSize, MADV_HUGEPAGE);
  mi_free(probe);
}

// mimalloc gives memory that stayed free for 25 ms back to the system. A Gene program
// frees its garbage in bursts, one collection at a time, and in between it allocates
// afresh: with 25 ms the memory went back and was faulted in again at each collection
// (a string grown by appending: 27,000 page faults, 1.2 s against Lua's 0.05 s). After a
// second, memory that a program really stopped using still goes back.
// MIMALLOC_DECOMMIT_DELAY in the environment decides instead.
const bool kDecommitDelaySet = [] {
  if (std::getenv("MIMALLOC_DECOMMIT_DELAY") != nullptr) return false;
  mi_option_set(mi_option_decommit_delay, 1000);
  return true;
}();

const bool kLargePagesHooked = [] {
  if (std::getenv("MIMALLOC_LARGE_OS_PAGES") != nullptr) return false;
  gene::Heap::set_large_heap_hook(&use_large_pages);
  return true;
}();

}  // namespace
