// libedit is opened on the first interactive read instead of being linked: loading it and
// the libraries it needs costs every `gene run` about 2 ms of start-up.
#include "line_editor.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

namespace gene {

namespace {
struct LibEdit {
  char* (*readline)(const char*) = nullptr;
  int (*add_history)(const char*) = nullptr;
};

const LibEdit& libedit() {
  static const LibEdit lib = [] {
    LibEdit l;
    void* h = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libedit.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) return l;
    l.readline = reinterpret_cast<char* (*)(const char*)>(dlsym(h, "readline"));
    l.add_history = reinterpret_cast<int (*)(const char*)>(dlsym(h, "add_history"));
    if (!l.readline || !l.add_history) l = LibEdit{};
    return l;
  }();
  return lib;
}
}  // namespace

bool edit_line(const char* prompt, std::string* out) {
  const LibEdit& lib = libedit();
  if (lib.readline) {
    char* line = lib.readline(prompt);
    if (!line) return false;
    *out = line;
    if (!out->empty()) lib.add_history(line);
    std::free(line);
    return true;
  }
  // Without libedit: the prompt and a plain line.
  fmt::print("{}", prompt);
  std::fflush(stdout);
  out->clear();
  int c;
  while ((c = std::fgetc(stdin)) != EOF && c != '\n') out->push_back(static_cast<char>(c));
  return c != EOF || !out->empty();
}

}  // namespace gene
