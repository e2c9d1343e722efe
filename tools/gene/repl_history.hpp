// The REPL's history across sessions: one line per entry in ~/.gene_history.
#pragma once
#include <string>
#include <vector>

namespace gene {

// $HOME/.gene_history, or "" when HOME is unset (then nothing is kept).
std::string history_path();

// The last `keep` lines of the file (none when it does not exist).
std::vector<std::string> load_history(const std::string& path, size_t keep = 1000);

// Appends one line; blank lines are not kept. Failures are silent: history is a comfort.
void append_history(const std::string& path, const std::string& line);

}  // namespace gene
