// The `gene` command line: run, eval, parse, compile, help, --version (§20).
#include <fmt/format.h>
#include <spdlog/cfg/env.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "check_command.hpp"
#include "repl.hpp"
#include "report.hpp"
#include "bytecode/disasm.hpp"
#include "compiler/compiler.hpp"
#include "interp/vm.hpp"
#include "reader/reader.hpp"
#include "runtime/printer.hpp"
#include "runtime/source.hpp"
#include "stdlib/stdlib.hpp"

namespace {

using namespace gene;

constexpr const char* kHelp = R"(Gene — a Lisp-like language with a register VM.

Usage: gene <command> [options] [arguments]

Commands:
  run [options] FILE [args…]   run a program (reads stdin when FILE is - or absent and stdin is piped)
  eval [options] CODE…         evaluate code (or stdin) and print the repr of its value   (alias: e)
  repl [options]               interactive session: definitions persist between lines   (alias: r)
  parse [options] [FILE…]      print the data the reader produces
  compile [options] [FILE…]    print the bytecode listing
  check [--werror] FILE…       warn about unknown names, wrong argument counts, unused
                               variables and unreachable code (--werror: exit 1 on warnings)
  help                         show this text   (aliases: h, -h, --help)
  version                      show the version (also --version)

Options of run, eval and repl:
  --no-opt        turn off constant folding, specialised instructions, inline caches and
                  closures copying the variables they capture
  --warn          (run) print the warnings of gene check before running
  --gc-stress     collect garbage on every allocation (slow; finds rooting bugs)
  --max-heap=MiB  cap memory: a runaway allocation raises "out of memory" (exit 1)
  --profile       per-function calls, self and total time, allocations (to stderr)
  --profile-instructions   opcode counts and time per opcode (to stderr)
  --trace         print each instruction as it runs (to stderr); --trace-limit=N stops after N
                  (default 10000)
  --jit           compile hot functions and loops to native code (LLVM ORC)
  --jit-threshold=N   calls or loop iterations before a function compiles (default 1000;
                  0 compiles every function at its first call)
  --jit-stats     what was compiled, its IR size and compile time, OSR entries, deopts
                  (to stderr, at exit)
  --jit-sync      compile on the main thread and use the code at once (by default a
                  compile thread works while the interpreter goes on; for tests)
  --jit-install-delay=N   with --jit-sync, use the code only N calls or loop iterations
                  later, as a compile thread would (for tests)
  --dump-ir[=NAME]    the optimised LLVM IR of every compiled function, or of NAME (stderr)
  --perf-map      write /tmp/perf-PID.map so that perf names compiled Gene functions

Options of parse and compile:
  -e CODE, --eval=CODE           use CODE instead of files
  -f FMT, --format=FMT           parse output: pretty (default), compact

Library (besides print, println, math and the methods of each kind):
  files      gene/File/read write append lines exists, gene/Dir/list exists create,
             gene/io/read write
  process    $env name [default], $set_env name value, $cmd_args, gene/os/exec cmd
  JSON       gene/json/parse s, (v .to_json)
  regexes    #/re/flags, ($regex part… ^^i), (s =~ re), (s !~ re), (s .match re),
             (s .scan re), (s .replace re with), (s .split re)
  time       gene/time/now, gene/now, gene/today, (new Date y m d),
             (new DateTime y m d h mi s), .year .month .day .hour .minute .second
             .weekday .to_s (.format "%Y-%m-%d"), (d1 - d2) in seconds
  serdes     gene/serdes/serialize v, gene/serdes/deserialize s
  async      (async expr), (fn ^^async f …), (await f…), gene/sleep_async ms,
             gene/io/read_async path, gene/io/write_async path s, (new gene/Future [v]),
             (f .complete v), (f .on_success cb), (f .on_failure cb), f/.state, f/.value
  other      gene/rand [n], gene/base64/encode s, gene/base64/decode s

Exit status: 0 on success, 1 on any error (the message goes to stderr), a failed async
callback included. `gene run` waits for pending timers, file operations and callbacks.
Environment: GENE_LOG=debug|info|warn sets the log level of diagnostics.
)";

struct Options {
  bool optimize = true;
  bool gc_stress = false;
  bool warn = false;
  size_t max_heap_mb = 0;
  ProfilerOptions profile;
  JitOptions jit;
  std::vector<std::string> eval_code;
  std::string format = "pretty";
  std::vector<std::string> positional;
};

[[noreturn]] void die(const std::string& message) {
  fflush(stdout);
  fmt::print(stderr, "Error: {}\n", message);
  std::exit(1);
}

// Options come before the first positional argument; later ones belong to the program.
Options parse_options(const std::vector<std::string>& args, bool stop_at_positional) {
  Options o;
  for (size_t k = 0; k < args.size(); ++k) {
    const std::string& a = args[k];
    if (!o.positional.empty() && stop_at_positional) {
      o.positional.push_back(a);
    } else if (a == "--no-opt") {
      o.optimize = false;
    } else if (a == "--warn") {
      o.warn = true;
    } else if (a == "--gc-stress") {
      o.gc_stress = true;
    } else if (a.rfind("--max-heap=", 0) == 0) {
      o.max_heap_mb = std::strtoull(a.c_str() + 11, nullptr, 10);
      if (o.max_heap_mb == 0) die("--max-heap needs a size in MiB, e.g. --max-heap=512");
    } else if (a == "--profile") {
      o.profile.functions = true;
    } else if (a == "--profile-instructions") {
      o.profile.instructions = true;
    } else if (a == "--trace") {
      o.profile.trace = true;
    } else if (a.rfind("--trace-limit=", 0) == 0) {
      o.profile.trace = true;
      o.profile.trace_limit = std::strtoull(a.c_str() + 14, nullptr, 10);
    } else if (a == "--jit") {
      o.jit.enabled = true;
    } else if (a.rfind("--jit-threshold=", 0) == 0) {
      char* end = nullptr;
      o.jit.threshold = std::strtoull(a.c_str() + 16, &end, 10);
      if (a.size() == 16 || *end) die("--jit-threshold needs a count, e.g. --jit-threshold=100");
    } else if (a == "--jit-stats") {
      o.jit.stats = true;
    } else if (a == "--jit-sync") {
      o.jit.sync = true;
    } else if (a.rfind("--jit-install-delay=", 0) == 0) {
      char* end = nullptr;
      o.jit.install_delay = std::strtoull(a.c_str() + 20, &end, 10);
      if (a.size() == 20 || *end) die("--jit-install-delay needs a count, e.g. --jit-install-delay=20");
    } else if (a == "--dump-ir" || a.rfind("--dump-ir=", 0) == 0) {
      o.jit.dump_ir = true;
      if (a.size() > 10) o.jit.dump_filter = a.substr(10);
    } else if (a == "--perf-map") {
      o.jit.perf_map = true;
    } else if (a == "-e" || a == "--eval") {
      if (k + 1 >= args.size()) die(fmt::format("{} needs a value", a));
      o.eval_code.push_back(args[++k]);
    } else if (a.rfind("--eval=", 0) == 0) {
      o.eval_code.push_back(a.substr(7));
    } else if (a == "-f" || a == "--format") {
      if (k + 1 >= args.size()) die(fmt::format("{} needs a value", a));
      o.format = args[++k];
    } else if (a.rfind("--format=", 0) == 0) {
      o.format = a.substr(9);
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      die(fmt::format("Unknown option: {}", a));
    } else {
      o.positional.push_back(a);
    }
  }
  if (o.jit.install_delay && !o.jit.sync) die("--jit-install-delay needs --jit-sync");
  return o;
}

std::string read_stream(FILE* in) {
  std::string text;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0) text.append(buf, n);
  return text;
}

uint32_t load_file(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) die(fmt::format("File not found: {}", path));
  if (S_ISDIR(st.st_mode)) die(fmt::format("Is a directory: {}", path));
  FILE* in = fopen(path.c_str(), "rb");
  if (!in) die(fmt::format("Cannot read {}: {}", path, std::strerror(errno)));
  std::string text = read_stream(in);
  fclose(in);
  return register_source(path, std::move(text));
}

// Caps the address space at what the process uses now plus mb MiB, so that a runaway
// allocation ends with an "out of memory" Gene error instead of the system's OOM killer.
void limit_memory(size_t mb) {
  size_t pages = 0;
  if (FILE* f = fopen("/proc/self/statm", "r")) {
    if (fscanf(f, "%zu", &pages) != 1) pages = 0;
    fclose(f);
  }
  rlimit lim{};
  lim.rlim_cur = lim.rlim_max = pages * static_cast<size_t>(sysconf(_SC_PAGESIZE)) + (mb << 20);
  if (setrlimit(RLIMIT_AS, &lim) != 0) spdlog::warn("--max-heap: setrlimit failed: {}", std::strerror(errno));
}

// Release builds leave without tearing down the heap and the symbol table: a program that
// made a million symbols would spend 0.3 s freeing them after its last output. Sanitizer
// builds tear down in full, so that LeakSanitizer still sees what leaks.
int leave(int status) {
#if !defined(GENE_SANITIZED)
  std::fflush(nullptr);
  std::_Exit(status);
#endif
  return status;
}

// Runs a source in a fresh VM; prints errors; returns the exit status.
int evaluate(const Options& o, uint32_t file, bool print_value, const std::vector<std::string>& program_args = {}) {
  VMOptions vo;
  vo.gc_stress = o.gc_stress;
  VM vm(vo);
  vm.compile_options.optimize = o.optimize;
  vm.line_buffered = isatty(STDOUT_FILENO);
  set_cmd_args(vm, program_args);
  if (o.max_heap_mb) limit_memory(o.max_heap_mb);
  const ProfilerOptions& po = o.profile;
  if (po.functions || po.instructions || po.trace) vm.profiler = std::make_unique<Profiler>(po);
  if (o.jit.enabled) {
    std::string why;
    if (!VM::jit_available(&why)) die(fmt::format("--jit: the JIT tier is not available ({})", why));
    vm.enable_jit(o.jit);
  }
  // The profile is printed on every exit path, errors included.
  struct Report {
    VM& vm;
    ~Report() {
      vm.flush_out();
      vm.report_profile(stderr);
      if (vm.jit() && vm.jit()->options().stats) vm.jit()->report(stderr);
    }
  };
  bool ok;
  bool callbacks_ok = true;
  {
    Report report{vm};
    ok = run_reporting_errors(vm, [&] {
      Value v = vm.run_main(file);
      if (print_value) vm.write_out(repr(v) + "\n");
      // As Node does: pending timers, file operations and callbacks all run before exit.
      callbacks_ok = vm.drain_event_loop();
    });
  }
  return leave(ok && callbacks_ok ? 0 : 1);
}

int cmd_run(const std::vector<std::string>& args) {
  Options o = parse_options(args, true);
  uint32_t file;
  if (o.positional.empty() || o.positional[0] == "-") {
    if (o.positional.empty() && isatty(STDIN_FILENO)) die("run needs a FILE (see gene help)");
    file = register_source("<stdin>", read_stream(stdin));
  } else {
    file = load_file(o.positional[0]);
  }
  if (o.warn) print_warnings(file);
  std::vector<std::string> program_args;
  if (!o.positional.empty()) program_args.assign(o.positional.begin() + 1, o.positional.end());
  return evaluate(o, file, false, program_args);
}

int cmd_eval(const std::vector<std::string>& args) {
  Options o = parse_options(args, false);
  std::string code;
  for (const std::string& p : o.positional) code += (code.empty() ? "" : " ") + p;
  if (o.positional.empty()) code = read_stream(stdin);
  return evaluate(o, register_source("<eval>", code), true);
}

// Sources named by -e or by file arguments, with a display name each.
std::vector<std::pair<std::string, uint32_t>> inputs(const Options& o) {
  std::vector<std::pair<std::string, uint32_t>> out;
  for (const std::string& code : o.eval_code) out.emplace_back("<eval>", register_source("<eval>", code));
  for (const std::string& path : o.positional) out.emplace_back(path, load_file(path));
  if (out.empty()) out.emplace_back("<stdin>", register_source("<stdin>", read_stream(stdin)));
  return out;
}

int cmd_parse(const std::vector<std::string>& args) {
  Options o = parse_options(args, false);
  if (o.format != "pretty" && o.format != "compact") die(fmt::format("Unknown format: {}", o.format));
  auto srcs = inputs(o);
  Heap heap;
  for (auto& [name, id] : srcs) {
    try {
      std::vector<Value> forms = read_source(heap, id);
      if (o.format == "pretty" && (srcs.size() > 1 || !o.positional.empty())) fmt::print("=== Parsing: {} ===\n", name);
      std::string line;
      for (Value v : forms) {
        if (o.format == "pretty") {
          fmt::print("{}\n", repr(v));
        } else {
          line += (line.empty() ? "" : " ") + repr(v);
        }
      }
      if (o.format == "compact") fmt::print("{}\n", line);
    } catch (const ParseError& e) {
      fflush(stdout);
      fmt::print(stderr, "{}\n", format_diagnostic(e.pos, e.what()));
      return 1;
    }
  }
  return 0;
}

int cmd_compile(const std::vector<std::string>& args) {
  Options o = parse_options(args, false);
  Heap heap;
  GcPause pause(heap);
  for (auto& [name, id] : inputs(o)) {
    try {
      CompileOptions co;
      co.optimize = o.optimize;
      Proto* p = compile_module(heap, read_source(heap, id), id, co);
      fmt::print("{}", disassemble(p));
    } catch (const ParseError& e) {
      fflush(stdout);
      fmt::print(stderr, "{}\n", format_diagnostic(e.pos, e.what()));
      return 1;
    } catch (const CompileError& e) {
      fflush(stdout);
      fmt::print(stderr, "{}\n", format_diagnostic(e.pos, e.what()));
      return 1;
    }
  }
  return 0;
}

int cmd_version() {
  fmt::print("gene {}\n", GENE_VERSION_STRING);
  fmt::print("JIT plugin: {}\n", VM::jit_self_test());
  return 0;
}

}  // namespace

int dispatch_command(std::vector<std::string> args);

int main(int argc, char** argv) {
  // A closed pipe shows up as a write error (EPIPE) that ends the program cleanly.
  signal(SIGPIPE, SIG_IGN);
  try {
    return dispatch_command(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::bad_alloc&) {
    fflush(stdout);
    fmt::print(stderr, "Error: out of memory\n");
  } catch (const std::exception& e) {
    fflush(stdout);
    fmt::print(stderr, "Error: {}\n", e.what());
  }
  return 1;
}

int dispatch_command(std::vector<std::string> args) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("gene"));
  spdlog::set_level(spdlog::level::warn);
  spdlog::cfg::load_env_levels();  // SPDLOG_LEVEL
  if (const char* lvl = std::getenv("GENE_LOG")) spdlog::set_level(spdlog::level::from_str(lvl));

  if (args.empty()) {
    fmt::print("{}", kHelp);
    return 0;
  }
  std::string cmd = args[0];
  args.erase(args.begin());
  if (cmd == "run") return cmd_run(args);
  if (cmd == "eval" || cmd == "e") return cmd_eval(args);
  if (cmd == "parse") return cmd_parse(args);
  if (cmd == "repl" || cmd == "r") {
    Options o = parse_options(args, false);
    if (!o.positional.empty()) die("repl takes no arguments (see gene help)");
    VMOptions vo;
    vo.gc_stress = o.gc_stress;
    CompileOptions co;
    co.optimize = o.optimize;
    return run_repl(vo, co);
  }
  if (cmd == "compile") return cmd_compile(args);
  if (cmd == "check") return cmd_check(args);
  if (cmd == "help" || cmd == "h" || cmd == "-h" || cmd == "--help") {
    fmt::print("{}", kHelp);
    return 0;
  }
  if (cmd == "version" || cmd == "--version") return cmd_version();
  fmt::print(stderr, "Error: Unknown command: {}\n{}", cmd, kHelp);
  return 1;
}
