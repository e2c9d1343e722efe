// Modules (§11.2): each file runs once in its own namespace; results are cached by path.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "interp/vm.hpp"
#include "runtime/source.hpp"

namespace gene {

namespace fs = std::filesystem;

// Resolves path next to the importing file first, then in the working directory.
static std::string resolve_module(const std::string& path, uint32_t importer_file) {
  std::string file = path;
  if (fs::path(file).extension() != ".gene") file += ".gene";
  if (fs::path(file).is_relative()) {
    if (const SourceFile* src = source_file(importer_file)) {
      fs::path beside = fs::path(src->name).parent_path() / file;
      std::error_code ec;
      if (!src->name.empty() && src->name[0] != '<' && fs::is_regular_file(beside, ec)) return beside.lexically_normal().string();
    }
  }
  return fs::path(file).lexically_normal().string();
}

Namespace* VM::import_module(const std::string& path, uint32_t importer_file) {
  std::string file = resolve_module(path, importer_file);
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(file, ec);
  std::string key = ec ? file : canonical.string();
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
  loading_.push_back(key);
  try {
    eval_source(register_source(file, text.str()), ns);
  } catch (...) {
    loading_.pop_back();
    throw;
  }
  loading_.pop_back();
  modules_.emplace(key, ns);
  return ns;
}

Value VM::run_main(uint32_t file_id) {
  const SourceFile* src = source_file(file_id);
  std::error_code ec;
  fs::path canonical = src ? fs::weakly_canonical(src->name, ec) : fs::path();
  loading_.push_back(ec || !src ? std::string() : canonical.string());
  try {
    Value v = eval_source(file_id);
    loading_.pop_back();
    return v;
  } catch (...) {
    loading_.pop_back();
    throw;
  }
}

}  // namespace gene
