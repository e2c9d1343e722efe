#include "cli.hpp"

#include <fmt/format.h>

#include <charconv>

namespace gene::bench {

const char* const kHelp = R"(gene-bench — run one Gene benchmark program inside this process.

Usage: gene-bench NAME [N] [options]
       gene-bench --list [--dir DIR]

NAME is a program of benchmarks/gene/ without .gene (fib30, tak, loop …), an alias
(a name whose programs are NAME<digits>.gene: fib → fib30), or a path to a .gene file.
N replaces the program's size: the first argument K of its last form (println (run K)).

Options:
  --interp       run in the interpreter (the default)
  --jit          run with the JIT tier (compile time is reported apart)
  --both         both of the above
  --jit-threshold=N  calls or loop iterations before a function compiles (default 1000)
  --runs K       timed runs in fresh VMs; the median is reported (default 1)
  --list         list the benchmark programs and exit
  --dir DIR      directory of the NAME.gene programs (default: benchmarks/gene found by
                 walking up from the working directory, then from this executable)
  -h, --help     show this text

Reports the program's output, the wall time of reading, compiling and running it
(a fresh VM per run, VM creation excluded), the number of Gene function calls and
calls/s, and instructions/s when the VM counts instructions.

Exit status: 0 on success; 1 on a usage error, an unknown benchmark, a Gene error or
output that differs from the program's "# Expected output:" line; 2 when only --jit
was asked for and no JIT tier can run.
Environment: GENE_LOG=debug|info|warn sets the level of diagnostics on stderr.
)";

namespace {

std::optional<int64_t> parse_count(const std::string& s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

}  // namespace

std::optional<Options> parse_options(const std::vector<std::string>& args, std::string* error) {
  Options o;
  bool mode_given = false;
  auto set_mode = [&](bool interp, bool jit) {
    o.interp = (mode_given && o.interp) || interp;
    o.jit = (mode_given && o.jit) || jit;
    mode_given = true;
  };
  std::vector<std::string> positional;
  for (size_t k = 0; k < args.size(); ++k) {
    const std::string& a = args[k];
    auto value = [&](const std::string& opt) -> std::optional<std::string> {
      if (a.size() > opt.size() && a.compare(0, opt.size() + 1, opt + "=") == 0) return a.substr(opt.size() + 1);
      if (k + 1 < args.size()) return args[++k];
      *error = fmt::format("{} needs a value", opt);
      return std::nullopt;
    };
    if (a == "-h" || a == "--help") {
      o.help = true;
    } else if (a == "--list") {
      o.list = true;
    } else if (a == "--interp") {
      set_mode(true, false);
    } else if (a == "--jit") {
      set_mode(false, true);
    } else if (a == "--both") {
      set_mode(true, true);
    } else if (a == "--runs" || a.rfind("--runs=", 0) == 0) {
      auto v = value("--runs");
      if (!v) return std::nullopt;
      auto r = parse_count(*v);
      if (!r || *r < 1 || *r > 100000) {
        *error = fmt::format("--runs needs a positive integer, got '{}'", *v);
        return std::nullopt;
      }
      o.runs = static_cast<int>(*r);
    } else if (a == "--jit-threshold" || a.rfind("--jit-threshold=", 0) == 0) {
      auto v = value("--jit-threshold");
      if (!v) return std::nullopt;
      auto t = parse_count(*v);
      if (!t) {
        *error = fmt::format("--jit-threshold needs a count, got '{}'", *v);
        return std::nullopt;
      }
      o.jit_threshold = static_cast<uint64_t>(*t);
    } else if (a == "--dir" || a.rfind("--dir=", 0) == 0) {
      auto v = value("--dir");
      if (!v) return std::nullopt;
      o.dir = *v;
    } else if (a.size() > 1 && a[0] == '-') {
      *error = fmt::format("unknown option: {}", a);
      return std::nullopt;
    } else {
      positional.push_back(a);
    }
  }
  if (o.help || o.list) return o;
  if (positional.empty()) {
    *error = "missing benchmark NAME (gene-bench --list shows them)";
    return std::nullopt;
  }
  if (positional.size() > 2) {
    *error = fmt::format("unexpected argument: {}", positional[2]);
    return std::nullopt;
  }
  o.name = positional[0];
  if (positional.size() == 2) {
    o.n = parse_count(positional[1]);
    if (!o.n) {
      *error = fmt::format("N must be a non-negative integer, got '{}'", positional[1]);
      return std::nullopt;
    }
  }
  return o;
}

}  // namespace gene::bench
