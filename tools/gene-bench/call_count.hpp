// Counts the Gene function calls a program made, from the per-Proto call counters the
// interpreter keeps for the JIT's hotness threshold.
#pragma once
#include <cstdint>

namespace gene {
struct Namespace;
}

namespace gene::bench {

// Sum of call_count over every Proto reachable from ns: its functions and every function
// nested in them, the methods of its classes, and nested namespaces. Each Proto counts
// once however many closures share it. The top-level forms themselves are not included.
uint64_t count_calls(Namespace* ns);

}  // namespace gene::bench
