// Line editing, history and Tab completion for interactive REPL sessions, through libedit
// when present.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gene {
// Reads one line from the terminal after showing prompt; false at end of input.
bool edit_line(const char* prompt, std::string* out);

// Lines of earlier sessions, for the up arrow.
void preload_history(const std::vector<std::string>& lines);

// Tab calls complete with the word before the cursor (brackets, quotes and spaces end
// words; dots and slashes do not) and offers what it returns.
using Completer = std::function<std::vector<std::string>(std::string_view word)>;
void set_completer(Completer complete);
}  // namespace gene
