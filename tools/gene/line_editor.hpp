// Line editing and history for interactive REPL sessions, through libedit when present.
#pragma once
#include <string>

namespace gene {
// Reads one line from the terminal after showing prompt; false at end of input.
bool edit_line(const char* prompt, std::string* out);
}  // namespace gene
