// import (§11.2): run a module once and bind some of its members here.
#include <fmt/format.h>

#include "compiler/compiler_impl.hpp"

namespace gene {

namespace {
struct ImportSpec {
  std::vector<Symbol*> path;  // members to walk from the module namespace
  Symbol* bind_as;
};

// "a:x" -> a bound as x; "a" -> a bound as a.
std::pair<Symbol*, Symbol*> split_rename(Symbol* s) {
  size_t colon = s->name.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == s->name.size()) return {s, s};
  return {intern(std::string_view(s->name).substr(0, colon)), intern(std::string_view(s->name).substr(colon + 1))};
}

// Collects the specs of one import item; returns false if the item is not a name.
bool collect(Value item, Value next, bool* used_next, std::vector<ImportSpec>& out) {
  *used_next = false;
  if (is_symbol(item)) {
    auto [name, as] = split_rename(as_symbol(item));
    out.push_back({{name}, as});
    return true;
  }
  if (!is_tag(item, Tag::ComplexSymbol)) return false;
  auto& parts = as_complex(item)->parts;
  std::vector<Symbol*> prefix(parts.begin(), parts.end() - 1);
  if (parts.back()->name.empty() && is_array(next)) {  // n/[one two:t]
    *used_next = true;
    for (Value v : as_array(next)->items) {
      if (!is_symbol(v)) return false;
      auto [name, as] = split_rename(as_symbol(v));
      std::vector<Symbol*> path = prefix;
      path.push_back(name);
      out.push_back({path, as});
    }
    return true;
  }
  auto [name, as] = split_rename(parts.back());
  prefix.push_back(name);
  out.push_back({prefix, as});
  return true;
}
}  // namespace

void Compiler::import_form(Form& f, int dst) {
  const Syms& S = syms();
  Value path;
  std::vector<ImportSpec> specs;
  for (size_t i = 0; i < f.args.size(); ++i) {
    Value a = f.args[i];
    if (sym_is(a, S.from)) {
      if (i + 1 >= f.args.size() || !is_string(f.args[i + 1])) return error_at_runtime("import expects from \"path\"", dst);
      path = f.args[++i];
      continue;
    }
    bool used_next = false;
    Value next = i + 1 < f.args.size() ? f.args[i + 1] : make_nil();
    if (!collect(a, next, &used_next, specs))
      return error_at_runtime("import expects names, paths n/x, renames x:y or n/[a b]", dst);
    if (used_next) ++i;
  }
  if (!is_string(path)) return error_at_runtime("import expects from \"path\"", dst);
  // ^pkg "name" imports from a dependency; ^inherit ns lends the module a namespace (§25.7).
  const Value* pkg = f.props ? f.props->find(intern("pkg")) : nullptr;
  const Value* inherit = f.props ? f.props->find(intern("inherit")) : nullptr;
  if (pkg && !is_string(*pkg)) return error_at_runtime("import ^pkg expects a package name string", dst);
  Value spec = path;
  if (pkg || inherit) {
    Map* m = heap_.make<Map>();
    m->map.set(intern("path"), path);
    if (pkg) m->map.set(intern("pkg"), *pkg);
    if (inherit) m->map.set(intern("inherit"), make_bool(true));
    spec = value_of(m);
  }
  int save = fs_->freereg;
  int module = alloc_reg();
  int t = alloc_reg();
  if (inherit) expr(*inherit, module);
  emit_abx(Op::IMPORT, module, constant(spec));
  for (const ImportSpec& spec : specs) {
    int from = module;
    for (Symbol* part : spec.path) {
      emit_abc(Op::IMPORTGET, t, from, symbol_constant(part));
      from = t;
    }
    emit_abc(Op::DEFNS, t, symbol_constant(spec.bind_as), 0);
  }
  free_to(save);
  load_constant(make_nil(), dst);
}

}  // namespace gene
