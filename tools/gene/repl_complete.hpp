// Tab completion for the REPL: which word the cursor ends and what it may become.
// The matching is a pure function, so tests need no terminal.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace gene {

class VM;
class Session;

// What a session knows by name: variables, namespace members up to gene, special forms;
// and every method of the builtin kinds and of the classes it can reach.
struct Vocabulary {
  std::vector<std::string> names;
  std::vector<std::string> methods;
  std::vector<std::string> paths;  // members of reachable namespaces: gene/json/parse
};
Vocabulary session_vocabulary(VM& vm, const Session& session);

// Where the word that ends at cursor starts: after a space, bracket, quote or comma.
size_t completion_start(std::string_view line, size_t cursor);

// The words that complete word, sorted: `.pre` gives methods (with their dot), `a/b`
// paths, anything else names. An empty word gives nothing (a Tab on a blank line inserts nothing).
std::vector<std::string> complete_word(std::string_view word, const Vocabulary& vocabulary);

}  // namespace gene
