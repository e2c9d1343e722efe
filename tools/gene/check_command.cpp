// The command side of the static checker (lib/compiler/check.cpp): reading the files,
// the library's names from a fresh VM, and the warnings on stderr.
#include "check_command.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "compiler/check.hpp"
#include "interp/vm.hpp"
#include "reader/reader.hpp"
#include "runtime/source.hpp"

namespace gene {

namespace {
// Warnings about one source, or a parse error (thrown).
size_t check_source(VM& vm, uint32_t file) {
  GcPause pause(vm.heap);
  std::vector<Value> forms = read_source(vm.heap, file);
  std::vector<CheckWarning> warnings = check_program(forms, file, vm.global_ns());
  for (const CheckWarning& w : warnings) fmt::print(stderr, "{}\n", format_diagnostic(w.pos, w.message, "warning"));
  return warnings.size();
}

bool read_file(const std::string& path, std::string* text) {
  FILE* in = std::fopen(path.c_str(), "rb");
  if (!in) return false;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) text->append(buf, n);
  bool ok = !std::ferror(in);
  std::fclose(in);
  return ok;
}
}  // namespace

size_t print_warnings(uint32_t file) {
  VM vm;
  try {
    return check_source(vm, file);
  } catch (const ParseError&) {
    return 0;
  }
}

int cmd_check(const std::vector<std::string>& args) {
  bool werror = false;
  std::vector<std::string> files;
  for (const std::string& a : args) {
    if (a == "--werror") werror = true;
    else if (a.size() > 1 && a[0] == '-') {
      fmt::print(stderr, "Error: Unknown option: {}\n", a);
      return 1;
    } else files.push_back(a);
  }
  if (files.empty()) {
    fmt::print(stderr, "Error: check needs at least one FILE (see gene help)\n");
    return 1;
  }
  VM vm;
  size_t warnings = 0;
  bool failed = false;
  for (const std::string& path : files) {
    std::string text;
    if (!read_file(path, &text)) {
      fmt::print(stderr, "Error: Cannot read {}: {}\n", path, std::strerror(errno));
      failed = true;
      continue;
    }
    uint32_t file = register_source(path, std::move(text));
    try {
      warnings += check_source(vm, file);
    } catch (const ParseError& e) {
      fmt::print(stderr, "{}\n", format_diagnostic(e.pos, e.what()));
      failed = true;
    }
  }
  return failed || (werror && warnings > 0) ? 1 : 0;
}

}  // namespace gene
