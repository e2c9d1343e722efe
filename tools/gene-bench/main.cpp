// gene-bench: runs one benchmark program in this process and reports its result, wall
// time and call rate, in the interpreter and the JIT tier.
#include <fmt/format.h>
#include <spdlog/cfg/env.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include <gene/gene.hpp>

#include "catalog.hpp"
#include "cli.hpp"
#include "measure.hpp"
#include "report.hpp"
#include "size_param.hpp"

namespace {

using namespace gene::bench;
namespace fs = std::filesystem;

// Programs whose own N is at least this count loop iterations with it.
constexpr int64_t kMinLoopSize = 1000;

int fail(const std::string& message) {
  std::fflush(stdout);
  fmt::print(stderr, "gene-bench: error: {}\n", message);
  return 1;
}

std::string display_path(const fs::path& p) {
  std::error_code ec;
  fs::path rel = fs::proximate(p, ec);
  return ec ? p.string() : rel.string();
}

int cmd_list(const fs::path& dir) {
  std::vector<Program> programs = list_programs(dir);
  fmt::print("Benchmarks in {}:\n", display_path(dir));
  for (const Program& p : programs) {
    std::string text;
    if (std::ifstream in{p.path}) text.assign(std::istreambuf_iterator<char>(in), {});
    std::string why;
    auto size = find_size_param(text, &why);
    std::string n = size ? fmt::format("N={}", size->value) : "N fixed";
    fmt::print("  {:<14} {:<12} {}\n", p.name, n, p.description);
  }
  auto aliases = list_aliases(programs);
  if (!aliases.empty()) {
    fmt::print("Aliases:\n");
    for (auto& [alias, target] : aliases) fmt::print("  {:<14} {}\n", alias, target);
  }
  return 0;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// Runs the program `runs` times in fresh VMs (with the JIT tier when jit is set); prints
// the report. Returns the exit status.
int run_mode(const Program& prog, const std::string& text, std::optional<int64_t> iterations, int runs,
             bool check_expected, std::optional<uint64_t> jit_threshold) {
  std::vector<Measurement> results;
  for (int k = 0; k < runs; ++k) {
    std::string error, partial;
    auto m = run_once(display_path(prog.path), text, &error, &partial, jit_threshold);
    if (!m) {
      fmt::print("{}", partial);
      return fail(fmt::format("{} failed:\n{}", prog.name, error));
    }
    results.push_back(std::move(*m));
  }
  fmt::print("{}:\n", jit_threshold ? fmt::format("jit (threshold {})", *jit_threshold) : std::string("interp"));
  print_measurements(results, iterations);
  if (check_expected && !prog.expected.empty()) {
    std::string got = trimmed(results.front().output);
    if (got != prog.expected) {
      fmt::print("  check         MISMATCH\n");
      return fail(fmt::format("{} printed '{}', its header expects '{}'", prog.name, got, prog.expected));
    }
    fmt::print("  check         matches the expected output\n");
  }
  return 0;
}

void setup_logging() {
  spdlog::set_default_logger(spdlog::stderr_color_mt("gene-bench"));
  spdlog::set_level(spdlog::level::warn);
  spdlog::cfg::load_env_levels();
  if (const char* lvl = std::getenv("GENE_LOG")) spdlog::set_level(spdlog::level::from_str(lvl));
}

}  // namespace

int main(int argc, char** argv) {
  setup_logging();
  std::string error;
  auto opts = parse_options(std::vector<std::string>(argv + 1, argv + argc), &error);
  if (!opts) return fail(fmt::format("{} (see gene-bench --help)", error));
  if (opts->help) {
    fmt::print("{}", kHelp);
    return 0;
  }

  // A program given by path needs no programs directory.
  auto dir = find_programs_dir(opts->dir, &error);
  if (!dir && (opts->list || !is_program_path(opts->name))) return fail(error);
  if (dir) spdlog::debug("benchmark programs in {}", dir->string());
  if (opts->list) return cmd_list(*dir);

  auto prog = resolve_program(dir.value_or(fs::path()), opts->name);
  if (!prog) {
    if (is_program_path(opts->name)) return fail(fmt::format("no such file: {}", opts->name));
    std::string known;
    for (const Program& p : list_programs(*dir)) known += " " + p.name;
    for (auto& [alias, target] : list_aliases(list_programs(*dir))) known += " " + alias;
    return fail(fmt::format("unknown benchmark '{}' (known:{})", opts->name, known));
  }
  std::ifstream in(prog->path);
  if (!in) return fail(fmt::format("cannot read {}", prog->path.string()));
  std::string text{std::istreambuf_iterator<char>(in), {}};

  std::string why;
  auto size = find_size_param(text, &why);
  bool default_size = true;
  std::string size_note = size ? fmt::format("N = {}", size->value) : "N fixed by the program";
  if (opts->n) {
    if (!size) return fail(fmt::format("cannot set N for {}: {}", prog->name, why));
    default_size = *opts->n == size->value;
    if (!default_size) {
      size_note = fmt::format("N = {} (the program's N is {})", *opts->n, size->value);
      text = with_size(text, *size, *opts->n);
    }
  }
  fmt::print("{}: {}, {}\n", prog->name, display_path(prog->path), size_note);
  std::fflush(stdout);

  int status = 0;
  // A program whose own N is large runs a loop N times (loop, alloc, nbody …); a small N
  // is a depth or a problem size (fib, tak, binary-trees …), not an iteration count.
  std::optional<int64_t> iterations;
  if (size && size->value >= kMinLoopSize) iterations = opts->n ? *opts->n : size->value;
  if (opts->interp) status = run_mode(*prog, text, iterations, opts->runs, default_size, std::nullopt);
  if (opts->jit && status == 0) {
    std::string why;
    if (!gene::Engine::jit_available(&why)) {
      fmt::print("jit: unavailable ({})\n", why);
      return opts->interp ? status : 2;
    }
    status = run_mode(*prog, text, iterations, opts->runs, default_size, opts->jit_threshold.value_or(gene::EngineOptions{}.jit_threshold));
  }
  return status;
}
