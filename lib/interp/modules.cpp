// Modules (§11.2, §25.7): each file runs once in its own namespace; results are cached by
// path. A module sees its package as $pkg; ^pkg imports from a declared dependency, and
// ^inherit runs a module anew with another namespace behind its own.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "interp/ops.hpp"
#include "interp/vm.hpp"
#include "runtime/source.hpp"
#include "runtime/symbol.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace fs = std::filesystem;

namespace {

std::string with_suffix(const std::string& path) {
  return fs::path(path).extension() == ".gene" ? path : path + ".gene";
}

// The root directory of a package value.
std::string package_root(Value pkg) {
  if (pkg.tag != Tag::Instance) return {};
  const Value* dir = as_instance(pkg)->props.find(intern("dir"));
  return dir && is_string(*dir) ? std::string(as_string(*dir)->view()) : std::string();
}

// Resolves path next to the importing file, then at its package's root, then in the
// working directory.
std::string resolve_module(const std::string& path, uint32_t importer_file, Value importer_pkg) {
  std::string file = with_suffix(path);
  if (fs::path(file).is_relative()) {
    std::error_code ec;
    if (const SourceFile* src = source_file(importer_file)) {
      fs::path beside = fs::path(src->name).parent_path() / file;
      if (!src->name.empty() && src->name[0] != '<' && fs::is_regular_file(beside, ec)) return beside.lexically_normal().string();
    }
    std::string root = package_root(importer_pkg);
    if (!root.empty() && fs::is_regular_file(fs::path(root) / file, ec)) return (fs::path(root) / file).lexically_normal().string();
  }
  return fs::path(file).lexically_normal().string();
}

// A module of a dependency's package: at its root, else in its ^source-dir.
std::string resolve_in_package(VM& vm, const std::string& path, Value pkg) {
  fs::path root = package_root(pkg);
  std::string file = with_suffix(path);
  std::error_code ec;
  if (fs::is_regular_file(root / file, ec)) return (root / file).lexically_normal().string();
  const Value* src_dir = as_instance(pkg)->props.find(intern("source-dir"));
  if (src_dir && is_string(*src_dir) && fs::is_regular_file(root / as_string(*src_dir)->view() / file, ec))
    return (root / as_string(*src_dir)->view() / file).lexically_normal().string();
  (void)vm;
  return (root / file).lexically_normal().string();
}

Value package_of_namespace(Namespace* ns) {
  Value* p = ns ? ns->lookup(intern("$pkg")) : nullptr;
  return p ? *p : make_nil();
}

}  // namespace

Namespace* VM::import_module(const std::string& path, uint32_t importer_file, const ImportOptions& opts) {
  Value importer_pkg = package_of_namespace(opts.importer);
  std::string file;
  if (!opts.pkg.empty()) {
    if (importer_pkg.tag == Tag::Nil) raise("import ^pkg needs a package: run a file");
    Value dep = package_of(*this, package_dependency_dir(*this, importer_pkg, opts.pkg));
    file = resolve_in_package(*this, path, dep);
  } else {
    file = resolve_module(path, importer_file, importer_pkg);
  }
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(file, ec);
  std::string key = ec ? file : canonical.string();
  if (!opts.inherit)
    if (auto it = modules_.find(key); it != modules_.end()) return it->second;
  for (size_t k = 0; k < loading_.size(); ++k) {
    if (loading_[k] != key) continue;
    std::string chain;
    for (size_t j = k; j < loading_.size(); ++j) chain += fs::path(loading_[j]).filename().string() + " -> ";
    raise(fmt::format("Import cycle: {}{}", chain, fs::path(key).filename().string()));
  }
  if (!fs::is_regular_file(file, ec)) raise(fmt::format("Module not found: {}", file));
  std::ifstream in(file, std::ios::binary);
  if (!in) raise(fmt::format("Cannot read module {}", file));
  std::stringstream text;
  text << in.rdbuf();
  Namespace* ns = new_module_ns(fs::path(file).stem().string());
  if (opts.inherit) ns->parent = opts.inherit;  // its chain ends at global too
  ns->define(intern("$pkg"), package_of(*this, fs::path(file).parent_path().string()));
  loading_.push_back(key);
  try {
    eval_source(register_source(file, text.str()), ns);
  } catch (...) {
    loading_.pop_back();
    throw;
  }
  loading_.pop_back();
  if (!opts.inherit) modules_.emplace(key, ns);
  return ns;
}

Namespace* import_module_with(VM& vm, Value spec, Value inherit, Namespace* importer, uint32_t importer_file) {
  const PropMap& props = as_map(spec)->map;
  ImportOptions opts;
  opts.importer = importer;
  if (const Value* pkg = props.find(intern("pkg"))) {
    if (!is_string(*pkg)) vm.raise("import ^pkg expects a package name string");
    opts.pkg = as_string(*pkg)->view();
  }
  if (props.find(intern("inherit"))) {
    if (inherit.tag != Tag::Namespace) vm.raise("import ^inherit expects a namespace");
    opts.inherit = as_namespace(inherit);
  }
  return vm.import_module(std::string(as_string(*props.find(intern("path")))->view()), importer_file, opts);
}

Value VM::run_main(uint32_t file_id) {
  const SourceFile* src = source_file(file_id);
  std::error_code ec;
  fs::path canonical = src ? fs::weakly_canonical(src->name, ec) : fs::path();
  loading_.push_back(ec || !src ? std::string() : canonical.string());
  try {
    Namespace* ns = new_module_ns("<module>");
    // A file's package is found from its directory; code without a file (eval, stdin)
    // belongs to the current directory's, as a file there would.
    bool from_file = src && !src->name.empty() && src->name[0] != '<';
    ns->define(intern("$pkg"), package_of(*this, from_file ? fs::path(src->name).parent_path().string() : std::string()));
    Value v = eval_source(file_id, ns);
    loading_.pop_back();
    return v;
  } catch (...) {
    loading_.pop_back();
    throw;
  }
}

}  // namespace gene
