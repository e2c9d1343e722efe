// The static checker's first pass (check_names.hpp): every name the program binds, by
// any form, anywhere, and which names are macros or functions of a known arity.
#include "compiler/check_names.hpp"

namespace gene {

namespace {

constexpr int kMaxDepth = Compiler::kMaxNesting;

class Collector {
 public:
  Collector() : S(syms()) {}

  ProgramNames run(const std::vector<Value>& forms) {
    for (Value f : forms) collect(f, 0);
    // A macro may define the names it is given: `(defconst five 5)`.
    for (Gene* call : calls_)
      if (names_.is_macro_head(call->type))
        for (Value c : call->children) define_everything(c, 0);
    for (auto& [name, params] : fn_params_) {
      auto count = names_.definitions.find(name);
      if (params.size() == 1 && count != names_.definitions.end() && count->second == 1) arity_of(name, params[0]);
    }
    return std::move(names_);
  }

 private:
  void define(Symbol* s) {
    if (s) ++names_.definitions[s];
  }

  // Every name a parameter list or pattern binds (defaults may over-define: harmless).
  void define_pattern(Value p, int depth) {
    if (depth > kMaxDepth) return;
    if (is_symbol(p)) {
      Symbol* s = as_symbol(p);
      size_t front = (!s->name.empty() && s->name[0] == '^') ? 1 : 0;
      size_t back = is_spread_symbol(s) ? 3 : 0;
      if (s->name.size() > front + back) define(intern(std::string_view(s->name).substr(front, s->name.size() - front - back)));
    } else if (is_tag(p, Tag::ComplexSymbol)) {
      define(as_complex(p)->parts.back());
    } else if (is_array(p)) {
      for (Value v : as_array(p)->items) define_pattern(v, depth + 1);
    }
  }

  void define_everything(Value v, int depth) {
    if (depth > kMaxDepth) return;
    if (is_gene(v)) {
      define_everything(as_gene(v)->type, depth + 1);
      for (Value c : as_gene(v)->children) define_everything(c, depth + 1);
    } else if (is_tag(v, Tag::Quote) || is_tag(v, Tag::Unquote)) {
      define_everything(as_quote(v)->value, depth + 1);
    } else if (is_array(v)) {
      for (Value c : as_array(v)->items) define_everything(c, depth + 1);
    } else {
      define_pattern(v, depth);
    }
  }

  // "a:x" binds x (and a, harmlessly).
  void define_import_name(Symbol* s) {
    size_t colon = s->name.find(':');
    Symbol* bound = s;
    if (colon != std::string::npos && colon > 0 && colon + 1 < s->name.size()) {
      define(intern(std::string_view(s->name).substr(0, colon)));
      bound = intern(std::string_view(s->name).substr(colon + 1));
    }
    define(bound);
    names_.imported.insert(bound);
  }

  void collect_import(Gene* g) {
    for (Value a : g->children) {
      if (is_symbol(a) && !sym_is(a, S.from)) define_import_name(as_symbol(a));
      else if (is_tag(a, Tag::ComplexSymbol) && !as_complex(a)->parts.back()->name.empty())
        define_import_name(as_complex(a)->parts.back());
      else if (is_array(a))
        for (Value v : as_array(a)->items)
          if (is_symbol(v)) define_import_name(as_symbol(v));
    }
  }

  void collect_definition(Gene* g) {
    Symbol* h = as_symbol(g->type);
    const auto& a = g->children;
    size_t n = a.size();
    if (h == S.var || h == S.class_ || h == S.mixin || h == S.object || h == S.ns_form || h == S.enum_) {
      if (n > 0) define(definition_name(a[0]));
    } else if (h == S.fn || h == S.macro) {
      if (n < 2) return;
      Symbol* name = definition_name(a[0]);
      define(name);
      define_pattern(a[1], 0);
      if (h == S.macro) names_.macros.insert(name);
      else if (name) fn_params_[name].push_back(a[1]);
    } else if (h == S.fnx || h == S.for_ || h == S.match || h == S.dot_ctor) {
      if (n > 0) define_pattern(a[0], 0);
    } else if (h == S.dot_fn || h == S.dot_macro) {
      if (n > 1) define_pattern(a[1], 0);
      if (h == S.dot_macro && n > 0 && definition_name(a[0])) names_.macro_methods.insert(definition_name(a[0]));
    } else if (h == S.import) {
      collect_import(g);
    } else if (h == S.tap) {
      if (n > 1 && is_tag(a[1], Tag::Quote)) define_pattern(as_quote(a[1])->value, 0);
    } else if (h == S.repeat) {
      for (auto& [key, v] : g->props.entries()) define_pattern(v, 0);
    }
  }

  void collect(Value v, int depth) {
    if (depth > kMaxDepth) return;
    switch (v.tag) {
      case Tag::Array:
        for (Value e : as_array(v)->items) collect(e, depth + 1);
        return;
      case Tag::Map:
        for (auto& [k, e] : as_map(v)->map.entries()) collect(e, depth + 1);
        return;
      case Tag::Quote:
      case Tag::Unquote: collect(as_quote(v)->value, depth + 1); return;
      case Tag::Gene: break;
      default: return;
    }
    Gene* g = as_gene(v);
    if (is_symbol(g->type)) collect_definition(g);
    if (is_symbol(g->type) || is_tag(g->type, Tag::ComplexSymbol)) calls_.push_back(g);
    if (!g->children.empty() && is_symbol(g->children[0])) {
      Symbol* c1 = as_symbol(g->children[0]);
      if (c1 == S.assign || c1 == S.plus_assign || c1 == S.minus_assign || c1 == S.star_assign ||
          c1 == S.slash_assign || c1 == S.and_assign || c1 == S.or_assign) {
        if (Symbol* target = definition_name(g->type)) define(target);
      } else if (c1 == S.arrow) {
        define_pattern(g->type, 0);
      }
    }
    collect(g->type, depth + 1);
    for (auto& [k, e] : g->props.entries()) collect(e, depth + 1);
    for (Value c : g->children) collect(c, depth + 1);
  }

  // A function defined once, by fn: the argument counts its parameters accept.
  void arity_of(Symbol* name, Value params) {
    if (!is_array(params)) return;  // `_` or a single symbol: extra arguments are ignored
    Arity a;
    int positional = 0;
    for (const ParamSpec& p : parse_params(params)) {
      if (p.named) continue;
      if (p.rest) return;  // any number
      ++positional;
      if (!p.has_default && a.min == positional - 1) a.min = positional;
    }
    a.max = positional;
    names_.arities[name] = a;
  }

  const Syms& S;
  ProgramNames names_;
  std::unordered_map<Symbol*, std::vector<Value>> fn_params_;  // the parameter lists of each fn name
  std::vector<Gene*> calls_;  // genes with a name as head: the macro calls among them
};

}  // namespace

bool ProgramNames::is_macro_head(Value h) const {
  Symbol* name = is_symbol(h) ? as_symbol(h) : is_tag(h, Tag::ComplexSymbol) ? as_complex(h)->parts.back() : nullptr;
  return name && (macros.count(name) || imported.count(name));
}

ProgramNames collect_names(const std::vector<Value>& forms) { return Collector().run(forms); }

}  // namespace gene
