// libedit is opened on the first interactive read instead of being linked: loading it and
// the libraries it needs costs every `gene run` about 2 ms of start-up.
#include "line_editor.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace gene {

namespace {
using Generator = char* (*)(const char*, int);
using Attempt = char** (*)(const char*, int, int);

// readline's entry points and the variables that configure completion.
struct LibEdit {
  char* (*readline)(const char*) = nullptr;
  int (*add_history)(const char*) = nullptr;
  char** (*completion_matches)(const char*, Generator) = nullptr;
  Attempt* attempted_completion_function = nullptr;
  const char** completer_word_break_characters = nullptr;
};

const LibEdit& libedit() {
  static const LibEdit lib = [] {
    LibEdit l;
    void* h = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libedit.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) return l;
    l.readline = reinterpret_cast<char* (*)(const char*)>(dlsym(h, "readline"));
    l.add_history = reinterpret_cast<int (*)(const char*)>(dlsym(h, "add_history"));
    if (!l.readline || !l.add_history) return LibEdit{};
    // Completion is optional: without these symbols Tab does what libedit does by default.
    l.completion_matches = reinterpret_cast<char** (*)(const char*, Generator)>(dlsym(h, "rl_completion_matches"));
    l.attempted_completion_function = reinterpret_cast<Attempt*>(dlsym(h, "rl_attempted_completion_function"));
    l.completer_word_break_characters = reinterpret_cast<const char**>(dlsym(h, "rl_completer_word_break_characters"));
    return l;
  }();
  return lib;
}

Completer& completer() {
  static Completer c;
  return c;
}

// libedit asks for matches one at a time (state 0 starts over); it frees each string.
std::vector<std::string>& candidates() {
  static std::vector<std::string> c;
  return c;
}

char* next_candidate(const char*, int state) {
  static size_t next = 0;
  if (state == 0) next = 0;
  if (next >= candidates().size()) return nullptr;
  return strdup(candidates()[next++].c_str());
}

char** attempt_completion(const char* text, int, int) {
  candidates() = completer() ? completer()(text) : std::vector<std::string>{};
  if (candidates().empty()) return nullptr;
  return libedit().completion_matches(text, next_candidate);
}

void install_completion(const LibEdit& lib) {
  static bool done = false;
  if (done || !completer() || !lib.completion_matches || !lib.attempted_completion_function) return;
  done = true;
  *lib.attempted_completion_function = attempt_completion;
  if (lib.completer_word_break_characters) *lib.completer_word_break_characters = " \t\n()[]{}\"',";
}
}  // namespace

void preload_history(const std::vector<std::string>& lines) {
  const LibEdit& lib = libedit();
  if (!lib.add_history) return;
  for (const std::string& l : lines) lib.add_history(l.c_str());
}

void set_completer(Completer complete) { completer() = std::move(complete); }

bool edit_line(const char* prompt, std::string* out) {
  const LibEdit& lib = libedit();
  if (lib.readline) {
    install_completion(lib);
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
