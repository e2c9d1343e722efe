#include "repl_history.hpp"

#include <cstdio>
#include <cstdlib>
#include <deque>

namespace gene {

std::string history_path() {
  const char* home = std::getenv("HOME");
  if (!home || !*home) return "";
  return std::string(home) + "/.gene_history";
}

std::vector<std::string> load_history(const std::string& path, size_t keep) {
  std::deque<std::string> lines;
  FILE* in = path.empty() ? nullptr : std::fopen(path.c_str(), "rb");
  if (!in) return {};
  std::string line;
  size_t total = 0;
  for (int c; (c = std::fgetc(in)) != EOF;) {
    if (c != '\n') {
      line.push_back(static_cast<char>(c));
      continue;
    }
    lines.push_back(std::move(line));
    line.clear();
    ++total;
    if (lines.size() > keep) lines.pop_front();
  }
  std::fclose(in);
  if (total > 2 * keep) {  // the file only grows by appends: trim it now and then
    if (FILE* out = std::fopen(path.c_str(), "wb")) {
      for (const std::string& l : lines) std::fprintf(out, "%s\n", l.c_str());
      std::fclose(out);
    }
  }
  return {lines.begin(), lines.end()};
}

void append_history(const std::string& path, const std::string& line) {
  if (path.empty() || line.find_first_not_of(" \t\r") == std::string::npos) return;
  if (FILE* out = std::fopen(path.c_str(), "ab")) {
    std::fprintf(out, "%s\n", line.c_str());
    std::fclose(out);
  }
}

}  // namespace gene
