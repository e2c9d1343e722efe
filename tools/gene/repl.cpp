// The REPL: lines accumulate until the reader stops asking for more (brackets balance),
// then every form runs in one persistent Session; a failing line ends only that line.
#include "repl.hpp"

#include "line_editor.hpp"
#include "repl_complete.hpp"
#include "repl_history.hpp"
#include "report.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "compiler/compiler.hpp"
#include "interp/event_loop.hpp"
#include "interp/vm.hpp"
#include "reader/reader.hpp"
#include "runtime/printer.hpp"
#include "runtime/source.hpp"
#include "runtime/symbol.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
constexpr const char* kReplHelp =
    "Enter Gene expressions; each result is shown in repr form.\n"
    "Input continues over several lines until its brackets balance.\n"
    "Tab completes names, and method names after a dot; ~/.gene_history keeps the lines.\n"
    "Commands: help, exit, quit (or end of input).\n";

// Reads one line; interactive sessions get line editing and history through libedit.
bool read_line(bool interactive, const char* prompt, std::string* out) {
  if (interactive) return edit_line(prompt, out);
  out->clear();
  int c;
  while ((c = std::fgetc(stdin)) != EOF && c != '\n') out->push_back(static_cast<char>(c));
  return c != EOF || !out->empty();
}

// True when text is an unfinished datum: the reader ran out of input inside it.
bool needs_more(Heap& heap, const std::string& text) {
  try {
    GcPause pause(heap);
    read_string(heap, text, "<repl>");
    return false;
  } catch (const ParseError& e) {
    return std::string_view(e.what()).rfind("EOF while reading", 0) == 0;
  }
}

bool is_blank(const std::string& s) { return s.find_first_not_of(" \t\r") == std::string::npos; }
}  // namespace

int run_repl(const VMOptions& vm_options, const CompileOptions& compile_options) {
  bool interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
  VM vm(vm_options);
  vm.compile_options = compile_options;
  Namespace* ns = vm.new_module_ns("<repl>");
  ns->define(intern("$pkg"), package_of(vm, ""));  // the current directory's package (§25.7)
  Session session(vm, ns);
  std::string history = interactive ? history_path() : "";
  if (interactive) {
    fmt::print("Gene {} REPL — type help for help, exit to leave.\n", GENE_VERSION_STRING);
    preload_history(load_history(history));
    set_completer([&](std::string_view word) { return complete_word(word, session_vocabulary(vm, session)); });
  }
  std::string line, input;
  while (read_line(interactive, input.empty() ? "gene> " : "  ... ", &line)) {
    append_history(history, line);
    if (input.empty()) {
      if (is_blank(line)) continue;
      if (line == "exit" || line == "quit") break;
      if (line == "help") {
        fmt::print("{}", kReplHelp);
        continue;
      }
    }
    input += line;
    input += '\n';
    if (needs_more(vm.heap, input)) continue;
    std::string code;
    code.swap(input);
    run_reporting_errors(vm, [&] {
      Value v = session.eval(register_source("<repl>", code));
      bool quiet = is_nil(v) || is_void(v) || code.find_first_not_of(" \t") == code.find("(print");
      if (!quiet) vm.write_out(repr(v) + "\n");
      // Timers and file operations that finished meanwhile settle their futures now.
      if (EventLoop* loop = vm.event_loop_if_started()) loop->poll();
    });
  }
  run_reporting_errors(vm, [&] { vm.drain_event_loop(); });
  if (!input.empty()) {
    fmt::print(stderr, "error: unfinished input at end of session\n");
    vm.flush_out();
    return 1;
  }
  if (interactive) fmt::print("\n");
  vm.flush_out();
  return 0;
}

}  // namespace gene
