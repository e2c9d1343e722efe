// Linked into the executables with mimalloc, which replaces malloc for the whole process
// (the JIT plugin and LLVM included). A Gene program makes many small objects, and most
// of their cost in the C library's allocator was page faults. mimalloc's 2 MiB pages
// (transparent huge pages where the kernel allows them) remove most of those: the first
// touch of a 4 KiB page is dear on a virtual machine, and programs that make and drop
// many objects gained most (string building 117 -> 62 ms, an LCS table 248 -> 108 ms,
// a binary tree 154 -> 104 ms, json-roundtrip 0.30 -> 0.20 s).
// They start when a thread shows it needs memory (pool::note_growth: its first 512 KiB
// of objects, its first collection, LLVM loading), not before: from the very start they
// made a small script's resident memory 7.7 MB instead of 3.8 (an empty program, fib30,
// strings.gene: 3.8, 4.2, 4.4 MB now). The programs above keep most of their gain: a few
// hundred faults more than with large pages from the start (string building 627 -> 890,
// binary-trees 912 -> 1,226), against 4,000 to 13,000 without them.
// MIMALLOC_LARGE_OS_PAGES in the environment decides instead (0: never).
#include <mimalloc.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>

#include "runtime/pool.hpp"

namespace {

// mimalloc 2 carves small objects out of 32 MiB segments, aligned to their size.
constexpr uintptr_t kSegmentSize = uintptr_t{32} << 20;

// New segments get large pages from now on. The one this thread's small objects come
// from already is advised too: its parts not touched yet fault in 2 MiB at a time.
void use_large_pages() {
  mi_option_set(mi_option_large_os_pages, 1);
  void* probe = mi_malloc(16);
  auto segment = reinterpret_cast<uintptr_t>(probe) & ~(kSegmentSize - 1);
  madvise(reinterpret_cast<void*>(segment), kSegmentSize, MADV_HUGEPAGE);
  mi_free(probe);
}

const bool kLargePages = [] {
  if (std::getenv("MIMALLOC_LARGE_OS_PAGES") != nullptr) return false;
  gene::pool::set_growth_hook(use_large_pages);
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
