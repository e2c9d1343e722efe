// Linked into the executables with mimalloc, which replaces malloc for the whole process
// (the JIT plugin and LLVM included). A Gene program makes many small objects, and most
// of their cost in the C library's allocator was page faults. mimalloc's 2 MiB pages
// (transparent huge pages where the kernel allows them) remove most of those: the first
// touch of a 4 KiB page is dear on a virtual machine, and programs that make and drop
// many objects gained most (string building 117 -> 62 ms, an LCS table 248 -> 108 ms,
// a binary tree 154 -> 104 ms, json-roundtrip 0.30 -> 0.20 s). An empty program starts
// as fast (7.3 against 8.0 ms) with 4 MB more resident memory (7.7 MB). They used to be
// turned on only once the collector found a large live set, which left the programs
// that churn through small objects, and any large array made early, on small pages.
// MIMALLOC_LARGE_OS_PAGES in the environment decides instead (0: never).
#include <mimalloc.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>

namespace {

// mimalloc 2 carves small objects out of 32 MiB segments, aligned to their size.
constexpr uintptr_t kSegmentSize = uintptr_t{32} << 20;

// New segments get large pages from now on. The one small objects come from already (the
// loader and static constructors allocated) is advised too.
const bool kLargePages = [] {
  if (std::getenv("MIMALLOC_LARGE_OS_PAGES") != nullptr) return false;
  mi_option_set(mi_option_large_os_pages, 1);
  void* probe = mi_malloc(16);
  auto segment = reinterpret_cast<uintptr_t>(probe) & ~(kSegmentSize - 1);
  madvise(reinterpret_cast<void*>(segment), kSegmentSize, MADV_HUGEPAGE);
  mi_free(probe);
  return true;
}();

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

}  // namespace
