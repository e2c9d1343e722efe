#include "jit/tier.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <filesystem>

namespace gene::jit {

namespace {
std::filesystem::path executable_dir() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return {};
  buf[n] = '\0';
  return std::filesystem::path(buf).parent_path();
}
}  // namespace

const PluginApi* load_plugin(std::string* why) {
  static const PluginApi* api = nullptr;
  static std::string reason;
  static bool tried = false;
  if (!tried) {
    tried = true;
    std::string name = GENE_JIT_PLUGIN_NAME;
    if (name.empty()) {
      reason = "this gene was built without the JIT (-DGENE_JIT=OFF)";
    } else {
      auto path = executable_dir() / name;
      void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (!handle) {
        reason = dlerror();
      } else {
        auto get = reinterpret_cast<const PluginApi* (*)()>(dlsym(handle, "gene_jit_plugin"));
        api = get ? get() : nullptr;
        if (!api || api->abi_version != kPluginAbiVersion) {
          api = nullptr;
          reason = "JIT plugin has an incompatible interface";
        }
      }
    }
  }
  if (!api && why) *why = reason;
  return api;
}

}  // namespace gene::jit
