// The REPL's Tab completion and history file, without a terminal.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "interp/vm.hpp"
#include "repl_complete.hpp"
#include "repl_history.hpp"
#include "runtime/source.hpp"

using gene::complete_word;
using gene::completion_start;
using Words = std::vector<std::string>;

TEST_CASE("the word to complete ends at the cursor and starts after a bracket or space", "[repl]") {
  CHECK(completion_start("(println (abc", 13) == 10);
  CHECK(completion_start("(x .up", 6) == 3);
  CHECK(completion_start("gene/js", 7) == 0);
  CHECK(completion_start("[a \"b", 5) == 4);
  CHECK(completion_start("(foo bar)", 4) == 1);  // the cursor may stand inside the line
  CHECK(completion_start("", 0) == 0);
}

TEST_CASE("names complete by prefix, methods after a dot", "[repl]") {
  gene::Vocabulary v{{"print", "println", "prod", "x"}, {"size", "split", "to_s"}, {"geo/area", "geo/pi", "gene/rand"}};
  CHECK(complete_word("pri", v) == Words{"print", "println"});
  CHECK(complete_word("println", v) == Words{"println"});
  CHECK(complete_word("q", v).empty());
  CHECK(complete_word("", v).empty());
  CHECK(complete_word(".s", v) == Words{".size", ".split"});
  CHECK(complete_word(".", v) == Words{".size", ".split", ".to_s"});
  CHECK(complete_word("geo/", v) == Words{"geo/area", "geo/pi"});
  CHECK(complete_word("gene/r", v) == Words{"gene/rand"});
}

TEST_CASE("a session's vocabulary has its variables, functions, classes' methods and the library", "[repl]") {
  gene::VM vm;
  gene::Session session(vm, vm.new_module_ns("<repl>"));
  session.eval(gene::register_source("<repl>", "(var counter_total 1) (fn helper_fn [] 2) (class Shape (.fn area_of [] 3)) (ns geo (fn area [r] r))"));
  gene::Vocabulary v = gene::session_vocabulary(vm, session);
  CHECK(complete_word("counter_t", v) == Words{"counter_total"});
  CHECK(complete_word("helper", v) == Words{"helper_fn"});
  CHECK(complete_word("Sha", v) == Words{"Shape"});
  CHECK(complete_word(".area", v) == Words{".area_of"});
  CHECK(complete_word("printl", v) == Words{"println"});
  CHECK(complete_word("whil", v) == Words{"while"});
  CHECK(complete_word(".to_upp", v) == Words{".to_upper", ".to_uppercase"});
  CHECK(complete_word("geo/ar", v) == Words{"geo/area"});
  CHECK(complete_word("gene/json/pa", v) == Words{"gene/json/parse"});
}

TEST_CASE("history lives in HOME/.gene_history, is appended to and read back", "[repl]") {
  char dir[] = "/tmp/gene-history-XXXXXX";
  REQUIRE(mkdtemp(dir));
  const char* old_home = std::getenv("HOME");
  std::string saved = old_home ? old_home : "";
  setenv("HOME", dir, 1);
  std::string path = gene::history_path();
  CHECK(path == std::string(dir) + "/.gene_history");
  CHECK(gene::load_history(path).empty());
  gene::append_history(path, "(var a 1)");
  gene::append_history(path, "   ");  // blank lines are not kept
  gene::append_history(path, "(a + 1)");
  CHECK(gene::load_history(path) == Words{"(var a 1)", "(a + 1)"});
  CHECK(gene::load_history(path, 1) == Words{"(a + 1)"});
  // A long file is trimmed to what is kept.
  for (int i = 0; i < 10; ++i) gene::append_history(path, "line " + std::to_string(i));
  CHECK(gene::load_history(path, 3) == Words{"line 7", "line 8", "line 9"});
  CHECK(gene::load_history(path) == Words{"line 7", "line 8", "line 9"});
  unsetenv("HOME");
  CHECK(gene::history_path().empty());
  if (old_home) setenv("HOME", saved.c_str(), 1);
  std::remove(path.c_str());
  rmdir(dir);
}
