#include "catalog.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <fstream>
#include <map>

namespace gene::bench {

namespace fs = std::filesystem;

namespace {

bool has_programs(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return false;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".gene") return true;
  return false;
}

fs::path executable_dir() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return {};
  buf[n] = '\0';
  return fs::path(buf).parent_path();
}

// benchmarks/gene under start or one of its parents.
std::optional<fs::path> walk_up(fs::path start) {
  for (fs::path p = start; !p.empty(); p = p.parent_path()) {
    fs::path candidate = p / "benchmarks" / "gene";
    if (has_programs(candidate)) return candidate;
    if (p == p.root_path()) break;
  }
  return std::nullopt;
}

std::string trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

// Fills description and expected from the leading comment block.
void read_header(Program& p) {
  std::ifstream in(p.path);
  std::string line;
  bool have_measures = false;
  while (std::getline(in, line) && line.rfind("#", 0) == 0) {
    std::string text = trim(line.substr(1));
    if (text.rfind("Measures:", 0) == 0) {
      p.description = trim(text.substr(9));
      have_measures = true;
    } else if (text.rfind("Benchmark:", 0) == 0 && !have_measures) {
      std::string rest = trim(text.substr(10));
      size_t dash = rest.find("--");
      p.description = trim(dash == std::string::npos ? rest : rest.substr(dash + 2));
    } else if (text.rfind("Expected output:", 0) == 0) {
      p.expected = trim(text.substr(16));
    }
  }
}

Program make_program(const fs::path& path) {
  Program p;
  p.name = path.stem().string();
  p.path = path;
  read_header(p);
  return p;
}

// "fib30" → ("fib", 30); nullopt when the name does not end in digits after a prefix.
std::optional<std::pair<std::string, long long>> split_digits(const std::string& name) {
  size_t k = name.size();
  while (k > 0 && std::isdigit(static_cast<unsigned char>(name[k - 1]))) --k;
  if (k == 0 || k == name.size() || name.size() - k > 18) return std::nullopt;
  return std::pair{name.substr(0, k), std::stoll(name.substr(k))};
}

}  // namespace

std::optional<fs::path> find_programs_dir(const std::optional<std::string>& dir_option, std::string* error) {
  if (dir_option) {
    fs::path d(*dir_option);
    if (has_programs(d)) return d;
    if (has_programs(d / "gene")) return d / "gene";
    *error = fmt::format("no .gene programs in {}", *dir_option);
    return std::nullopt;
  }
  std::error_code ec;
  if (auto d = walk_up(fs::current_path(ec))) return d;
  if (auto d = walk_up(executable_dir())) return d;
  *error = "cannot find benchmarks/gene above the working directory or the gene-bench executable; use --dir DIR";
  return std::nullopt;
}

std::vector<Program> list_programs(const fs::path& dir) {
  std::vector<Program> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".gene" && e.is_regular_file(ec)) out.push_back(make_program(e.path()));
  std::sort(out.begin(), out.end(), [](const Program& a, const Program& b) { return a.name < b.name; });
  return out;
}

std::vector<std::pair<std::string, std::string>> list_aliases(const std::vector<Program>& programs) {
  std::map<std::string, std::pair<long long, std::string>> best;  // alias → (size, program)
  for (const Program& p : programs) {
    auto split = split_digits(p.name);
    if (!split) continue;
    auto [prefix, size] = *split;
    bool shadowed = std::any_of(programs.begin(), programs.end(), [&](const Program& q) { return q.name == prefix; });
    if (shadowed) continue;
    auto it = best.find(prefix);
    if (it == best.end() || size < it->second.first) best[prefix] = {size, p.name};
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& [alias, target] : best) out.emplace_back(alias, target.second);
  return out;
}

bool is_program_path(const std::string& name) {
  return name.find('/') != std::string::npos || fs::path(name).extension() == ".gene";
}

std::optional<Program> resolve_program(const fs::path& dir, const std::string& name) {
  std::error_code ec;
  if (is_program_path(name)) {
    if (fs::is_regular_file(name, ec)) return make_program(name);
    return std::nullopt;
  }
  fs::path direct = dir / (name + ".gene");
  if (fs::is_regular_file(direct, ec)) return make_program(direct);
  for (auto& [alias, target] : list_aliases(list_programs(dir))) {
    if (alias == name) {
      spdlog::debug("{} is an alias of {}", alias, target);
      return make_program(dir / (target + ".gene"));
    }
  }
  return std::nullopt;
}

}  // namespace gene::bench
