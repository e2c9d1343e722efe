// Linked into the executables with mimalloc, which replaces malloc for the whole process
// (the JIT plugin and LLVM included). A Gene program makes many small objects, and most
// of their cost in the C library's allocator was page faults. mimalloc's 2 MiB pages
// (transparent huge pages where the kernel allows them) remove most of those; the price is
// a few MiB more resident memory. MIMALLOC_LARGE_OS_PAGES=0 in the environment turns them
// off.
#include <mimalloc.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>

namespace {

// mimalloc 2 carves small objects out of 32 MiB segments, aligned to their size.
constexpr uintptr_t kSegmentSize = uintptr_t{32} << 20;

// Runs before main, after mimalloc's start-up. The libraries' own start-up has already
// taken the first segment without large pages, and small objects keep coming from it, so
// it is advised too: its pages are touched only later, as the program fills it.
const bool kLargePagesChosen = [] {
  if (std::getenv("MIMALLOC_LARGE_OS_PAGES") != nullptr) return false;
  mi_option_set(mi_option_large_os_pages, 1);
  void* probe = mi_malloc(16);
  auto segment = reinterpret_cast<uintptr_t>(probe) & ~(kSegmentSize - 1);
  madvise(reinterpret_cast<void*>(segment), kSegmentSize, MADV_HUGEPAGE);
  mi_free(probe);
  return true;
}();

}  // namespace
