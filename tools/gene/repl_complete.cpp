#include "repl_complete.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "interp/vm.hpp"
#include "runtime/namespace.hpp"
#include "runtime/symbol.hpp"

namespace gene {

namespace {
bool is_word_break(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' ||
         c == '}' || c == '"' || c == '\'' || c == ',';
}

void add_methods(const Class* c, std::vector<std::string>& out) {
  for (; c; c = c->parent)
    for (auto& [key, fn] : c->methods.entries()) out.push_back(key.to_symbol()->name);
}

// Paths to the members of ns, and of the namespaces among them, each namespace once.
void add_paths(const std::string& prefix, Namespace* ns, std::unordered_set<Namespace*>& seen,
               std::vector<std::string>& out) {
  for (auto& [key, value] : ns->members.entries()) {
    std::string path = prefix + "/" + key.to_symbol()->name;
    out.push_back(path);
    if (is_tag(value, Tag::Namespace) && seen.insert(as_namespace(value)).second)
      add_paths(path, as_namespace(value), seen, out);
  }
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}
}  // namespace

Vocabulary session_vocabulary(VM& vm, const Session& session) {
  Vocabulary v;
  for (Symbol* s : session.variable_names()) v.names.push_back(s->name);
  // The module and global need no path (their members are names already); gene does.
  std::unordered_set<Namespace*> seen{session.ns(), vm.global_ns()};
  for (Namespace* ns = session.ns(); ns; ns = ns->parent) {
    for (auto& [key, value] : ns->members.entries()) {
      const std::string& name = key.to_symbol()->name;
      v.names.push_back(name);
      if (is_tag(value, Tag::Class)) add_methods(as_class(value), v.methods);
      if (is_tag(value, Tag::Namespace) && seen.insert(as_namespace(value)).second)
        add_paths(name, as_namespace(value), seen, v.paths);
    }
  }
  const Syms& S = syms();
#define GENE_SYM_NAME(field, text) v.names.push_back(S.field->name);
  GENE_WELL_KNOWN_SYMBOLS(GENE_SYM_NAME)
#undef GENE_SYM_NAME
  for (size_t t = 0; t <= static_cast<size_t>(Tag::Namespace); ++t) add_methods(vm.builtin_class(static_cast<Tag>(t)), v.methods);
  // Internal names (`<arg0>`, `#Str`) and operators are nothing to type.
  auto hidden = [](const std::string& n) { return n.empty() || !(std::isalpha(static_cast<unsigned char>(n[0])) || n[0] == '$' || n[0] == '_'); };
  v.names.erase(std::remove_if(v.names.begin(), v.names.end(), hidden), v.names.end());
  v.methods.erase(std::remove_if(v.methods.begin(), v.methods.end(), hidden), v.methods.end());
  sort_unique(v.names);
  sort_unique(v.methods);
  sort_unique(v.paths);
  return v;
}

size_t completion_start(std::string_view line, size_t cursor) {
  size_t start = std::min(cursor, line.size());
  while (start > 0 && !is_word_break(line[start - 1])) --start;
  return start;
}

std::vector<std::string> complete_word(std::string_view word, const Vocabulary& vocabulary) {
  std::vector<std::string> out;
  if (word.empty()) return out;
  bool method = word[0] == '.';
  bool path = !method && word.find('/') != std::string_view::npos;
  std::string_view prefix = method ? word.substr(1) : word;
  for (const std::string& w : method ? vocabulary.methods : path ? vocabulary.paths : vocabulary.names)
    if (w.compare(0, prefix.size(), prefix) == 0) out.push_back(method ? "." + w : w);
  sort_unique(out);
  return out;
}

}  // namespace gene
