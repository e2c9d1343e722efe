// Files and directories (§25.6): gene/File, gene/Dir and gene/io/read|write. Every failure
// is a catchable error naming the path and the OS reason.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

#include "runtime/symbol.hpp"
#include "stdlib/file_text.hpp"
#include "stdlib/method_support.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
using namespace methods;
namespace fs = std::filesystem;

std::string path_arg(VM& vm, CallArgs& a, const char* fn) { return std::string(string_arg(vm, a, 0, fn, "a path string")); }

[[noreturn]] void os_error(VM& vm, const char* what, const std::string& path, int err) {
  vm.raise(file_error_message(what, path, err));
}

std::string read_all(VM& vm, const std::string& path) {
  std::string text;
  if (int err = read_file_text(path, &text)) os_error(vm, "read file", path, err);
  return text;
}

Value write_with(VM& vm, CallArgs& a, const char* mode, const char* fn) {
  const std::string path = path_arg(vm, a, fn);
  std::string_view text = string_arg(vm, a, 1, fn, "a string to write");
  if (int err = write_file_text(path, text, mode)) os_error(vm, "write file", path, err);
  return make_nil();
}

Value read(VM& vm, CallArgs& a) { return vm.heap.string_value(read_all(vm, path_arg(vm, a, "read"))); }
Value write(VM& vm, CallArgs& a) { return write_with(vm, a, "wb", "write"); }
Value append(VM& vm, CallArgs& a) { return write_with(vm, a, "ab", "append"); }

// The lines without their "\n"; a final newline does not start another line.
Value lines(VM& vm, CallArgs& a) {
  std::string text = read_all(vm, path_arg(vm, a, "lines"));
  std::vector<std::string_view> parts;
  std::string_view rest = text;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    parts.push_back(rest.substr(0, nl));
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
  }
  return string_array(vm, parts);
}

template <bool (*Test)(const fs::path&, std::error_code&)>
Value exists_as(VM& vm, CallArgs& a) {
  std::error_code ec;
  return make_bool(Test(path_arg(vm, a, "exists"), ec));
}
bool is_file(const fs::path& p, std::error_code& ec) { return fs::is_regular_file(p, ec); }
bool is_dir(const fs::path& p, std::error_code& ec) { return fs::is_directory(p, ec); }

// Sorted names, so that a listing is the same on every file system.
Value dir_list(VM& vm, CallArgs& a) {
  const std::string path = path_arg(vm, a, "list");
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
    names.push_back(it->path().filename().string());
  if (ec) os_error(vm, "list directory", path, ec.value());
  std::sort(names.begin(), names.end());
  return string_array(vm, std::vector<std::string_view>(names.begin(), names.end()));
}

// Makes missing parents too; a directory that is already there is not an error.
Value dir_create(VM& vm, CallArgs& a) {
  const std::string path = path_arg(vm, a, "create");
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec || !fs::is_directory(path, ec)) os_error(vm, "create directory", path, ec ? ec.value() : EEXIST);
  return make_nil();
}

const NativeEntry kFile[] = {
    {"read", read, 1, 1},     {"write", write, 2, 2}, {"append", append, 2, 2},
    {"lines", lines, 1, 1},   {"exists", exists_as<is_file>, 1, 1},
};
const NativeEntry kDir[] = {
    {"list", dir_list, 1, 1}, {"exists", exists_as<is_dir>, 1, 1}, {"create", dir_create, 1, 1},
};
}  // namespace

void install_files(VM& vm) {
  Namespace* file = child_namespace(vm, vm.gene_ns(), "File");
  define_natives(vm, file, kFile);
  define_natives(vm, child_namespace(vm, vm.gene_ns(), "Dir"), kDir);
  // gene/io/read and write (§16) are the very same function objects.
  Namespace* io = child_namespace(vm, vm.gene_ns(), "io");
  for (const char* name : {"read", "write"}) io->define(intern(name), *file->members.find(intern(name)));
}

}  // namespace gene
