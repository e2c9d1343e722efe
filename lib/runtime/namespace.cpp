#include "runtime/namespace.hpp"

namespace gene {
uint64_t g_namespace_epoch = 1;
}  // namespace gene
