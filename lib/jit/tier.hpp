// The interpreter's only view of the JIT tier. No LLVM here: the tier lives in a plugin
// (libgene-jit.so) that is loaded on first use, so builds with -DGENE_JIT=OFF still work.
#pragma once
#include <string>

namespace gene::jit {

// The entry points the plugin exports with C linkage.
struct PluginApi {
  int abi_version;
  // Creates an LLJIT, compiles a tiny function and runs it; returns its result (42) or -1.
  int (*self_test)(char* error, int error_size);
};
constexpr int kPluginAbiVersion = 1;

// Loads the plugin next to the executable; nullptr (and a reason in *why) if unavailable.
const PluginApi* load_plugin(std::string* why);

}  // namespace gene::jit
