// gene-conformance: runs one conformance program and checks its expectations.
//
//   gene-conformance --gene PATH_TO_GENE --config NAME [--timeout SECONDS] FILE.gene
//
// The program is run as `gene run [config flags] FILE` with the working directory set
// to the directory of FILE. Expectations are read from comment lines of FILE:
//
//   # Expected: TEXT   one line of stdout, in order, compared byte for byte. The text is
//                      everything after "# Expected: " (colon and exactly one space);
//                      "# Expected:" alone expects an empty line. Stdout is split on
//                      '\n'; a final trailing '\n' does not add an empty line. A file
//                      without Expected lines must print nothing on stdout.
//   # Exit: N          expected exit status (default 0).
//   # Stderr: TEXT     TEXT must occur somewhere in stderr (any number of such lines).
//   # NotStderr: TEXT  TEXT must not occur in stderr.
//   # Flags: A B …     more `gene run` options, after the configuration's (test/jit uses
//                      them for thresholds and --jit-stats).
//   # Warning: L:C: M  a warning `gene check` gives on purpose (a deliberate mistake the
//                      test needs); read by test/cli/check/run-suite.cmake, not here.
//
// A directive must start its line (leading blanks allowed). Exit status: 0 when every
// expectation holds, 1 on a mismatch (with a report on stdout), 2 on a usage error.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

// The one table of configurations: name -> extra flags given to `gene run`.
struct Config {
  std::string_view name;
  std::vector<std::string> flags;
};

const std::vector<Config>& configs() {
  static const std::vector<Config> table = {
      {"interp", {}},
      {"no-opt", {"--no-opt"}},
      {"gc-stress", {"--gc-stress"}},
      // Both at once, for the sanitizer build: the unoptimised compiler's code under GC
      // stress, in one run of the suite instead of two.
      {"no-opt-gc-stress", {"--no-opt", "--gc-stress"}},
      {"jit", {"--jit", "--jit-threshold=0", "--jit-sync"}},
      {"jit-gc-stress", {"--jit", "--jit-threshold=0", "--jit-sync", "--gc-stress"}},
      // Tier-up in the middle of a run: interpreted and compiled frames mix, loops enter by
      // OSR. Synchronous: on the compile thread, LLVM alone takes longer to load than most
      // of these programs run (test/cli covers the compile thread).
      {"jit-mid", {"--jit", "--jit-threshold=2", "--jit-sync"}},
      // test/jit: the program's `# Flags:` choose the threshold; compiles are synchronous,
      // so that --jit-stats counts are exact.
      {"jit-only", {"--jit", "--jit-sync"}},
      {"jit-only-gc-stress", {"--jit", "--jit-sync", "--gc-stress"}},
  };
  return table;
}

const Config* find_config(std::string_view name) {
  for (const Config& c : configs()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

struct Expectations {
  std::vector<std::string> stdout_lines;
  int exit_status = 0;
  std::vector<std::string> stderr_substrings;
  std::vector<std::string> stderr_absent;
  std::vector<std::string> flags;
};

// If `line` (after leading blanks) starts with `# NAME:`, returns the rest of the line
// after the colon with exactly one leading space removed.
std::optional<std::string> directive(std::string_view line, std::string_view name) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  line.remove_prefix(i);
  if (line.size() < 2 || line[0] != '#' || line[1] != ' ') return std::nullopt;
  line.remove_prefix(2);
  if (line.substr(0, name.size()) != name) return std::nullopt;
  line.remove_prefix(name.size());
  if (line.empty() || line[0] != ':') return std::nullopt;
  line.remove_prefix(1);
  if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
  return std::string(line);
}

bool parse_expectations(const std::string& text, Expectations& out, std::string& error) {
  std::istringstream in(text);
  std::string line;
  int lineno = 0;
  bool saw_exit = false;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (auto v = directive(line, "Expected")) {
      out.stdout_lines.push_back(*v);
    } else if (auto v = directive(line, "Exit")) {
      char* end = nullptr;
      errno = 0;
      long n = std::strtol(v->c_str(), &end, 10);
      if (v->empty() || errno != 0 || (end && *end != '\0') || n < 0 || n > 255) {
        error = "line " + std::to_string(lineno) + ": bad '# Exit:' value '" + *v + "'";
        return false;
      }
      if (saw_exit) {
        error = "line " + std::to_string(lineno) + ": more than one '# Exit:' line";
        return false;
      }
      saw_exit = true;
      out.exit_status = static_cast<int>(n);
    } else if (auto v = directive(line, "Stderr")) {
      if (v->empty()) {
        error = "line " + std::to_string(lineno) + ": empty '# Stderr:' line";
        return false;
      }
      out.stderr_substrings.push_back(*v);
    } else if (auto v = directive(line, "NotStderr")) {
      out.stderr_absent.push_back(*v);
    } else if (auto v = directive(line, "Flags")) {
      std::istringstream words(*v);
      for (std::string w; words >> w;) out.flags.push_back(w);
    }
  }
  return true;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> lines;
  if (s.empty()) return lines;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(s.substr(start));
      break;
    }
    lines.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

// Shows a line unambiguously: wrapped in |…|, control bytes as \xNN.
std::string show(const std::string& s) {
  std::string r = "|";
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      r += buf;
    } else {
      r += static_cast<char>(c);
    }
  }
  r += "|";
  return r;
}

struct RunResult {
  std::string out;
  std::string err;
  bool exited = false;
  int status = -1;  // exit status when exited, else the signal number
  bool timed_out = false;
  bool truncated = false;
  std::string spawn_error;
};

constexpr size_t kMaxCapture = 16u * 1024u * 1024u;

RunResult run(const std::vector<std::string>& argv, const std::string& cwd, int timeout_s) {
  RunResult r;
  int out_pipe[2];
  int err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
    r.spawn_error = std::string("pipe: ") + std::strerror(errno);
    return r;
  }
  pid_t pid = fork();
  if (pid < 0) {
    r.spawn_error = std::string("fork: ") + std::strerror(errno);
    return r;
  }
  if (pid == 0) {
    setpgid(0, 0);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) {
      dup2(devnull, 0);
      close(devnull);
    }
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    close(out_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[0]);
    close(err_pipe[1]);
    if (chdir(cwd.c_str()) != 0) {
      std::fprintf(stderr, "gene-conformance: chdir %s: %s\n", cwd.c_str(), std::strerror(errno));
      _exit(127);
    }
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    std::fprintf(stderr, "gene-conformance: exec %s: %s\n", args[0], std::strerror(errno));
    _exit(127);
  }
  setpgid(pid, pid);
  close(out_pipe[1]);
  close(err_pipe[1]);

  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      r.timed_out = true;
      break;
    }
    int n = poll(fds, 2, static_cast<int>(left.count()));
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t got = read(fds[i].fd, buf, sizeof buf);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
        continue;
      }
      std::string& sink = *sinks[i];
      size_t room = sink.size() < kMaxCapture ? kMaxCapture - sink.size() : 0;
      size_t take = std::min(room, static_cast<size_t>(got));
      sink.append(buf, take);
      if (take < static_cast<size_t>(got)) r.truncated = true;
    }
  }
  if (r.timed_out) kill(-pid, SIGKILL);
  for (pollfd& p : fds) {
    if (p.fd >= 0) close(p.fd);
  }
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0) {
    if (errno != EINTR) break;
  }
  if (WIFEXITED(wstatus)) {
    r.exited = true;
    r.status = WEXITSTATUS(wstatus);
  } else if (WIFSIGNALED(wstatus)) {
    r.status = WTERMSIG(wstatus);
  }
  return r;
}

void usage() {
  std::cerr << "usage: gene-conformance --gene PATH --config NAME [--timeout SECONDS] FILE.gene\n"
               "configs:";
  for (const Config& c : configs()) std::cerr << ' ' << c.name;
  std::cerr << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  std::string gene;
  std::string config_name = "interp";
  std::string file;
  int timeout_s = 30;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if ((a == "--gene" || a == "--config" || a == "--timeout") && i + 1 < argc) {
      std::string v = argv[++i];
      if (a == "--gene") {
        gene = v;
      } else if (a == "--config") {
        config_name = v;
      } else {
        timeout_s = std::atoi(v.c_str());
        if (timeout_s <= 0) {
          usage();
          return 2;
        }
      }
    } else if (a.starts_with("--") || !file.empty()) {
      usage();
      return 2;
    } else {
      file = std::string(a);
    }
  }
  if (gene.empty() || file.empty()) {
    usage();
    return 2;
  }
  const Config* config = find_config(config_name);
  if (!config) {
    std::cerr << "gene-conformance: unknown config '" << config_name << "'\n";
    usage();
    return 2;
  }

  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path file_path = fs::absolute(file, ec).lexically_normal();
  if (ec) file_path = file;
  fs::path gene_path = fs::absolute(gene, ec).lexically_normal();
  if (ec) gene_path = gene;

  std::ifstream in(file_path, std::ios::binary);
  if (!in) {
    std::cout << "FAIL: cannot read " << file_path.string() << "\n";
    return 1;
  }
  std::stringstream text;
  text << in.rdbuf();

  Expectations want;
  std::string parse_error;
  if (!parse_expectations(text.str(), want, parse_error)) {
    std::cout << "FAIL: " << file_path.string() << ": " << parse_error << "\n";
    return 1;
  }

  std::vector<std::string> cmd = {gene_path.string(), "run"};
  for (const std::string& f : config->flags) cmd.push_back(f);
  for (const std::string& f : want.flags) cmd.push_back(f);
  cmd.push_back(file_path.string());

  RunResult got = run(cmd, file_path.parent_path().string(), timeout_s);

  std::ostringstream report;
  bool ok = true;
  if (!got.spawn_error.empty()) {
    report << "could not run the program: " << got.spawn_error << "\n";
    ok = false;
  }
  if (got.timed_out) {
    report << "TIMEOUT after " << timeout_s << " s (process killed)\n";
    ok = false;
  }
  if (got.truncated) {
    report << "output exceeded " << kMaxCapture << " bytes and was truncated\n";
    ok = false;
  }

  std::vector<std::string> actual = split_lines(got.out);
  if (actual != want.stdout_lines) {
    ok = false;
    report << "stdout mismatch (- expected, + actual, lines shown as |text|):\n";
    size_t n = std::max(actual.size(), want.stdout_lines.size());
    for (size_t i = 0; i < n; ++i) {
      bool have_e = i < want.stdout_lines.size();
      bool have_a = i < actual.size();
      if (have_e && have_a && want.stdout_lines[i] == actual[i]) {
        report << "    " << i + 1 << ": " << show(actual[i]) << "\n";
        continue;
      }
      if (have_e) report << "  - " << i + 1 << ": " << show(want.stdout_lines[i]) << "\n";
      if (have_a) report << "  + " << i + 1 << ": " << show(actual[i]) << "\n";
    }
  }

  if (!got.timed_out && got.spawn_error.empty()) {
    if (!got.exited) {
      ok = false;
      report << "process killed by signal " << got.status << " (" << strsignal(got.status)
             << "); expected exit status " << want.exit_status << "\n";
    } else if (got.status != want.exit_status) {
      ok = false;
      report << "exit status: expected " << want.exit_status << ", got " << got.status << "\n";
    }
  }

  for (const std::string& s : want.stderr_substrings) {
    if (got.err.find(s) == std::string::npos) {
      ok = false;
      report << "stderr does not contain: " << show(s) << "\n";
    }
  }
  for (const std::string& s : want.stderr_absent) {
    if (got.err.find(s) != std::string::npos) {
      ok = false;
      report << "stderr contains: " << show(s) << "\n";
    }
  }

  if (ok) return 0;

  std::cout << "FAIL [" << config->name << "] " << file_path.string() << "\n";
  std::cout << "command:";
  for (const std::string& c : cmd) std::cout << ' ' << c;
  std::cout << "\n" << report.str();
  std::cout << "---- expected stdout (" << want.stdout_lines.size() << " lines)\n";
  for (const std::string& l : want.stdout_lines) std::cout << show(l) << "\n";
  std::cout << "---- actual stdout (" << actual.size() << " lines"
            << (got.out.empty() || got.out.back() == '\n' ? "" : ", no final newline") << ")\n";
  for (const std::string& l : actual) std::cout << show(l) << "\n";
  std::cout << "---- stderr";
  if (got.exited) std::cout << " (exit status " << got.status << ")";
  std::cout << "\n" << got.err;
  if (!got.err.empty() && got.err.back() != '\n') std::cout << "\n";
  std::cout << "----\n";
  return 1;
}
