// The static checker (see check.hpp). Two passes over the reader's data:
//   1. collect (check_names.cpp): every name the program defines anywhere (vars,
//      functions, parameters, patterns, imports, classes, namespaces, assignments), quoted
//      code included, and which names are macros. A name defined nowhere and absent from
//      the library is unknown wherever it is read: no namespace resolution is needed.
//   2. walk (here): the evaluated positions only, in the compiler's dispatch order (§3.7), with
//      lexical scopes for unused variables and bodies for unreachable code.
// Everything that could use a name invisibly — a macro call, eval, $caller_eval,
// $render, a quoted template — counts as using every variable in sight, so that the
// warnings stay free of false positives.
#include "compiler/check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include "compiler/check_names.hpp"
#include "interp/function.hpp"
#include "runtime/namespace.hpp"
#include "runtime/source.hpp"

namespace gene {

namespace {

constexpr int kMaxDepth = Compiler::kMaxNesting;

// Symbols that are syntax rather than names: operators, keywords, `@x`, `.m`, `^p`.
bool is_syntax(const Symbol* s) {
  const std::string& n = s->name;
  if (n.size() < 2 && n != "_" && !(n.size() == 1 && std::isalpha(static_cast<unsigned char>(n[0])))) return true;
  if (n[0] == '@' || n[0] == '.' || n[0] == '^' || n[0] == '#') return true;
  return std::none_of(n.begin(), n.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// The special-form and keyword symbols the compiler knows (symbol.hpp).
const std::unordered_set<const Symbol*>& keywords() {
  static const std::unordered_set<const Symbol*> set = [] {
    const Syms& S = syms();
    std::unordered_set<const Symbol*> k;
#define GENE_SYM_KEYWORD(field, text) k.insert(S.field);
    GENE_WELL_KNOWN_SYMBOLS(GENE_SYM_KEYWORD)
#undef GENE_SYM_KEYWORD
    // Names the language binds implicitly, and forms of other tiers (§3.9, §11.2, §25.4).
    for (const char* extra : {"global", "genex", "compile", "async", "await", "$emit", "$args", "$include", "$dep",
                              "$pkg", "$parse"})
      k.insert(intern(extra));
    return k;
  }();
  return set;
}

std::string plural(int n, const char* what) { return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s"); }

std::string describe(const Arity& a) {
  if (a.max < 0) return fmt::format("at least {}", plural(a.min, "argument"));
  if (a.min == a.max) return plural(a.min, "argument");
  return fmt::format("{} to {} arguments", a.min, a.max);
}

class Checker {
 public:
  Checker(uint32_t file, Namespace* library) : file_(file), library_(library), S(syms()) {
    if (const SourceFile* f = source_file(file)) text_ = f->text;
    line_starts_.push_back(0);
    for (size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }

  std::vector<CheckWarning> run(const std::vector<Value>& forms) {
    names_ = collect_names(forms);
    scopes_.emplace_back();
    sequence(forms.data(), forms.size(), false);
    pop_scope();
    // By position, ties in the order found (std::sort on an index: libstdc++'s
    // stable_sort trips clang's deprecation warning).
    std::vector<size_t> order(warnings_.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      const CheckWarning &a = warnings_[x], &b = warnings_[y];
      if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
      if (a.pos.col != b.pos.col) return a.pos.col < b.pos.col;
      return x < y;
    });
    std::vector<CheckWarning> sorted;
    sorted.reserve(order.size());
    for (size_t k : order) sorted.push_back(std::move(warnings_[k]));
    return sorted;
  }

 private:
  // ---------------------------------------------------------------- positions
  size_t offset_of(const SourcePos& p) const {
    if (!p.known() || p.line > line_starts_.size()) return 0;
    return line_starts_[p.line - 1] + (p.col > 0 ? p.col - 1 : 0);
  }

  SourcePos pos_at(size_t off) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), off);
    size_t line = static_cast<size_t>(it - line_starts_.begin());
    return SourcePos{file_, static_cast<uint32_t>(line), static_cast<uint32_t>(off - line_starts_[line - 1] + 1)};
  }

  static bool is_delimiter(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' || c == '[' || c == ']' ||
           c == '{' || c == '}' || c == ',';
  }

  // Symbols carry no position: the first occurrence of the name as a token after the
  // innermost enclosing list is where it was read (`name/` when it heads a path).
  SourcePos locate(const Symbol* s, bool path_head) const {
    const std::string& name = s->name;
    size_t from = offset_of(anchor_);
    for (size_t at = text_.find(name, from); at != std::string::npos; at = text_.find(name, at + 1)) {
      if (at > 0 && !is_delimiter(text_[at - 1])) continue;
      size_t end = at + name.size();
      bool ends = path_head ? (end < text_.size() && text_[end] == '/') : (end == text_.size() || is_delimiter(text_[end]));
      if (ends) return pos_at(at);
    }
    return anchor_.known() ? anchor_ : SourcePos{file_, 1, 1};
  }

  SourcePos pos_of(Value v) const {
    if (is_gene(v) && as_gene(v)->pos.known()) return as_gene(v)->pos;
    if (is_array(v) && as_array(v)->pos().known()) return as_array(v)->pos();
    if (is_symbol(v)) return locate(as_symbol(v), false);
    return anchor_;
  }

  void warn(SourcePos pos, std::string message) {
    pos.file = file_;
    warnings_.push_back({pos, std::move(message)});
  }

  // ---------------------------------------------------------------- scopes
  struct Var {
    Symbol* name;
    SourcePos pos;
    bool used = false;
    bool reportable = false;
  };
  using Scope = std::vector<Var>;

  Var* find_var(Symbol* s) {
    for (auto sc = scopes_.rbegin(); sc != scopes_.rend(); ++sc)
      for (auto v = sc->rbegin(); v != sc->rend(); ++v)
        if (v->name == s) return &*v;
    return nullptr;
  }

  void declare(Symbol* s, SourcePos pos, bool reportable) { scopes_.back().push_back(Var{s, pos, false, reportable}); }

  void declare_pattern(Value p, int depth) {
    if (depth > kMaxDepth) return;
    if (is_symbol(p)) {
      Symbol* s = as_symbol(p);
      if (s == S.underscore || s == S.assign) return;
      size_t front = (!s->name.empty() && s->name[0] == '^') ? 1 : 0;
      size_t back = is_spread_symbol(s) ? 3 : 0;
      if (s->name.size() > front + back)
        declare(intern(std::string_view(s->name).substr(front, s->name.size() - front - back)), {}, false);
    } else if (is_tag(p, Tag::ComplexSymbol)) {
      declare(as_complex(p)->parts.back(), {}, false);
    } else if (is_array(p)) {
      auto& items = as_array(p)->items;
      for (size_t k = 0; k < items.size(); ++k) {
        if (sym_is(items[k], S.assign) && k + 1 < items.size()) {
          walk(items[++k], false);  // a default
          continue;
        }
        declare_pattern(items[k], depth + 1);
      }
    }
  }

  void pop_scope() {
    for (const Var& v : scopes_.back())
      if (v.reportable && !v.used) warn(v.pos, fmt::format("variable '{}' is declared but never used", v.name->name));
    scopes_.pop_back();
  }

  // Code that may read any variable by a name computed at run time.
  void use_everything() {
    for (Scope& sc : scopes_)
      for (Var& v : sc) v.used = true;
  }

  // Marks the variables that data names anywhere in it (quoted code, macro arguments).
  void mention(Value v, int depth) {
    if (depth > kMaxDepth) return;
    switch (v.tag) {
      case Tag::Symbol: {
        Symbol* s = as_symbol(v);
        if (is_spread_symbol(s)) s = intern(std::string_view(s->name).substr(0, s->name.size() - 3));
        if (Var* var = find_var(s)) var->used = true;
        return;
      }
      case Tag::ComplexSymbol:
        for (Symbol* part : as_complex(v)->parts)
          if (Var* var = find_var(part)) var->used = true;
        return;
      case Tag::Array:
        for (Value e : as_array(v)->items) mention(e, depth + 1);
        return;
      case Tag::Map:
        for (auto& [k, e] : as_map(v)->map.entries()) mention(e, depth + 1);
        return;
      case Tag::Quote:
      case Tag::Unquote: mention(as_quote(v)->value, depth + 1); return;
      case Tag::Gene: {
        Gene* g = as_gene(v);
        mention(g->type, depth + 1);
        for (auto& [k, e] : g->props.entries()) mention(e, depth + 1);
        for (Value c : g->children) mention(c, depth + 1);
        return;
      }
      default: return;
    }
  }

  void mention_args(Gene* g, size_t first) {
    for (auto& [k, e] : g->props.entries()) mention(e, 0);
    for (size_t i = first; i < g->children.size(); ++i) mention(g->children[i], 0);
  }

  // ---------------------------------------------------------------- names
  bool known(Symbol* s) const {
    if (s == S.self || s == S.underscore || is_syntax(s) || keywords().count(s)) return true;
    if (s->name[0] == '$' && s->name.size() > 1) {  // $x is gene/x (§3.3)
      Symbol* member = intern(std::string_view(s->name).substr(1));
      return names_.definitions.count(member) || (library_ && library_->lookup(member));
    }
    if (names_.definitions.count(s)) return true;
    return library_ && library_->lookup(s);
  }

  void use_name(Symbol* s, bool path_head) {
    if (is_spread_symbol(s)) s = intern(std::string_view(s->name).substr(0, s->name.size() - 3));
    if (Var* v = find_var(s)) {
      v->used = true;
      return;
    }
    if (!known(s)) warn(locate(s, path_head), fmt::format("unknown name '{}'", s->name));
  }

  void use_path(ComplexSymbol* cs) {
    Symbol* head = cs->parts[0];
    if (head->name.empty() || head->name == ".") return;  // /p is self's; ./k a selector
    use_name(head, true);
  }

  // ---------------------------------------------------------------- walk
  void walk(Value v, bool discarded) {
    if (++depth_ > kMaxDepth) {
      --depth_;
      return;
    }
    switch (v.tag) {
      case Tag::Symbol: use_name(as_symbol(v), false); break;
      case Tag::ComplexSymbol: use_path(as_complex(v)); break;
      case Tag::Array: {
        SourcePos saved = anchor_;
        if (as_array(v)->pos().known()) anchor_ = as_array(v)->pos();
        for (Value e : as_array(v)->items) walk(e, false);
        anchor_ = saved;
        break;
      }
      case Tag::Map:
        for (auto& [k, e] : as_map(v)->map.entries()) walk(e, false);
        break;
      case Tag::Quote:
      case Tag::Unquote: mention(as_quote(v)->value, 0); break;
      case Tag::Gene: {
        SourcePos saved = anchor_;
        if (as_gene(v)->pos.known()) anchor_ = as_gene(v)->pos;
        gene(as_gene(v), discarded);
        anchor_ = saved;
        break;
      }
      default: break;
    }
    --depth_;
  }

  void walk_props(Gene* g) {
    for (auto& [k, e] : g->props.entries()) walk(e, false);
  }

  void walk_from(Gene* g, size_t first) {
    for (size_t i = first; i < g->children.size(); ++i) walk(g->children[i], false);
  }

  static bool ends_body(Value f, const Syms& S) {
    return is_gene(f) && (sym_is(as_gene(f)->type, S.return_) || sym_is(as_gene(f)->type, S.throw_));
  }

  // A body: forms in order; the first form after a return or throw is unreachable.
  void sequence(const Value* forms, size_t n, bool last_discarded) {
    const char* after = nullptr;
    for (size_t i = 0; i < n; ++i) {
      if (after) {
        warn(pos_of(forms[i]), fmt::format("unreachable code after {}", after));
        after = nullptr;
        for (size_t k = i; k < n; ++k) walk(forms[k], true);
        return;
      }
      walk(forms[i], i + 1 < n || last_discarded);
      if (ends_body(forms[i], S)) after = as_symbol(as_gene(forms[i])->type)->name.c_str();
    }
  }

  void scoped_sequence(const Value* forms, size_t n) {
    scopes_.emplace_back();
    sequence(forms, n, false);
    pop_scope();
  }

  // try's parts (§12.2): body, `catch Pattern handler…`, `finally cleanup…`. As in the
  // compiler, the body shares the enclosing scope; handlers and cleanup get their own.
  void try_parts(const Value* forms, size_t n) {
    std::vector<Value> part;
    bool in_body = true;
    auto flush = [&] {
      if (in_body) sequence(part.data(), part.size(), false);
      else scoped_sequence(part.data(), part.size());
      part.clear();
    };
    for (size_t i = 0; i < n; ++i) {
      Value f = forms[i];
      if (sym_is(f, S.catch_) || sym_is(f, S.finally)) {
        flush();
        in_body = false;
        if (sym_is(f, S.catch_) && i + 1 < n) {
          if (!sym_is(forms[i + 1], S.star)) walk(forms[i + 1], false);
          ++i;
        }
        continue;
      }
      part.push_back(f);
    }
    flush();
  }

  // A function's body in its own scope, after its parameters (fn, fnx, methods, blocks).
  void function(Value params, const Value* body, size_t n) {
    scopes_.emplace_back();
    declare_pattern(params, 0);
    bool implicit_try = false;
    for (size_t k = 0; k < n; ++k) implicit_try = implicit_try || sym_is(body[k], S.catch_) || sym_is(body[k], S.finally);
    if (implicit_try) try_parts(body, n);
    else sequence(body, n, false);
    pop_scope();
  }

  void check_arity(Symbol* name, Gene* g) {
    for (Value c : g->children)
      if ((is_symbol(c) && is_spread_symbol(as_symbol(c))) || (is_gene(c) && sym_is(as_gene(c)->type, S.dots))) return;
    Arity a;
    if (auto it = names_.arities.find(name); it != names_.arities.end()) {
      a = it->second;
    } else if (names_.definitions.count(name) || !library_) {
      return;
    } else {
      Value* v = library_->lookup(name);
      if (!v || !is_tag(*v, Tag::NativeFn)) return;
      a = Arity{as_native(*v)->min_args, as_native(*v)->max_args};
    }
    int given = static_cast<int>(g->children.size());
    if (given < a.min || (a.max >= 0 && given > a.max))
      warn(g->pos, fmt::format("'{}' takes {}, but {} given", name->name, describe(a),
                               given == 1 ? std::string("1 is") : fmt::format("{} are", given)));
  }

  bool is_op(Value v) const {
    if (!is_symbol(v)) return false;
    Symbol* s = as_symbol(v);
    return s == S.plus || s == S.minus || s == S.star || s == S.slash || s == S.pow || s == S.lt || s == S.le ||
           s == S.gt || s == S.ge || s == S.eq || s == S.ne;
  }

  bool is_dot_slash(Value v) const {
    return sym_is(v, S.dot_slash) || (is_tag(v, Tag::ComplexSymbol) && as_complex(v)->parts.size() == 2 &&
                                      as_complex(v)->parts[0]->name == ".");
  }

  // One gene in the order of the compiler's dispatch (expr.cpp).
  void gene(Gene* g, bool discarded) {
    Value h = g->type;
    const auto& a = g->children;
    size_t n = a.size();
    Value c1 = n > 0 ? a[0] : make_nil();
    if (is_dot_slash(h)) return walk_from(g, 0);
    if (n == 2 && sym_is(c1, S.dotdot)) {
      walk(h, false);
      return walk(a[1], false);
    }
    if (sym_is(h, S.underscore) || is_tag(h, Tag::Quote)) {
      if (is_tag(h, Tag::Quote)) mention(h, 0);
      walk_props(g);
      return walk_from(g, 0);
    }
    bool infix = n >= 1 && !blocks_infix(S, h) && !is_op(h) && (is_op(c1) || is_dot_slash(c1));
    if (infix || is_op(h)) {
      walk(h, false);
      walk_props(g);
      return walk_from(g, 0);
    }
    if (n >= 1 && is_symbol(c1) && second_decides(g, as_symbol(c1))) return;
    if (is_symbol(h) && special_form(g, as_symbol(h), discarded)) return;
    if (is_string(h) || is_tag(h, Tag::Nil) || is_number(h) || is_tag(h, Tag::Bool) || is_tag(h, Tag::Char)) {
      walk_props(g);
      return walk_from(g, 0);
    }
    walk(h, false);
    if (names_.is_macro_head(h)) {
      mention_args(g, 0);
      return use_everything();
    }
    walk_props(g);
    walk_from(g, 0);
    if (is_symbol(h) && !find_var(as_symbol(h))) check_arity(as_symbol(h), g);
  }

  // §3.7 step 7: assignment, logic, blocks, method calls. True when it applied.
  bool second_decides(Gene* g, Symbol* s) {
    Value h = g->type;
    size_t n = g->children.size();
    if (s == S.assign || s == S.plus_assign || s == S.minus_assign || s == S.star_assign || s == S.slash_assign ||
        s == S.and_assign || s == S.or_assign || s == S.and_ || s == S.or_ || s == S.match_op || s == S.not_match_op) {
      walk(h, false);
      walk_from(g, 1);
      return true;
    }
    if (s == S.arrow) {
      function(h, g->children.data() + 1, n - 1);
      return true;
    }
    bool dynamic = s == S.dot && n >= 2 && (is_symbol(g->children[1]) || is_string(g->children[1]));
    bool named = s->name.size() > 1 && s->name[0] == '.' && s != S.dotdot && s != S.dots;
    if (!dynamic && !named) return false;
    walk(h, false);
    if (named && names_.macro_methods.count(intern(std::string_view(s->name).substr(1)))) {
      mention_args(g, 1);
      use_everything();
      return true;
    }
    walk_props(g);
    walk_from(g, dynamic ? 2 : 1);
    return true;
  }

  // §3.7 step 8 (and 9): the special forms. True when h is one.
  bool special_form(Gene* g, Symbol* h, bool discarded) {
    const auto& a = g->children;
    size_t n = a.size();
    if (h == S.var) {
      if (n == 0) return true;
      walk_from(g, 1);  // before the binding exists: an `x` in the value means the outer x
      if (is_symbol(a[0])) {
        Symbol* name = as_symbol(a[0]);
        bool reportable = discarded && name->name[0] != '_' && name->name[0] != '$';
        declare(name, locate(name, false), reportable);
        if (n > 1) mention(a[1], 0);  // `(var f (fnx … (f …)))` means this f when the closure runs
      }
      return true;
    }
    if (h == S.if_) {
      std::vector<IfClause> clauses;
      if (!parse_if(std::vector<Value>(a.begin(), a.end()), clauses)) {
        walk_from(g, 0);
        return true;
      }
      for (IfClause& c : clauses) {
        if (!c.is_else) walk(c.cond, false);
        scoped_sequence(c.body.data(), c.body.size());
      }
      return true;
    }
    if (h == S.do_ || h == S.loop || h == S.void_) {  // no scope of their own (§6.3)
      sequence(a.data(), n, false);
      return true;
    }
    if (h == S.while_) {
      if (n > 0) walk(a[0], false);
      if (n > 1) sequence(a.data() + 1, n - 1, false);
      return true;
    }
    if (h == S.repeat) {
      if (n > 0) walk(a[0], false);
      scopes_.emplace_back();
      for (auto& [k, v] : g->props.entries()) declare_pattern(v, 0);
      if (n > 1) sequence(a.data() + 1, n - 1, false);
      pop_scope();
      return true;
    }
    if (h == S.for_) {
      if (n < 3 || !sym_is(a[1], S.in)) {
        walk_from(g, 0);
        return true;
      }
      walk(a[2], false);
      scopes_.emplace_back();
      declare_pattern(a[0], 0);
      sequence(a.data() + 3, n - 3, false);
      pop_scope();
      return true;
    }
    if (h == S.fn || h == S.macro || h == S.fnx || h == S.fnxx) {
      size_t i = (h == S.fn || h == S.macro) ? 1 : 0;
      Value params = make_nil();
      if (h != S.fnxx && i < n) params = a[i++];
      if (i <= n) function(params, a.data() + i, n - i);
      return true;
    }
    if (h == S.dot_fn || h == S.dot_macro || h == S.dot_ctor) {
      size_t i = h == S.dot_ctor ? 0 : 1;
      if (i < n) function(a[i], a.data() + i + 1, n - i - 1);
      return true;
    }
    if (h == S.eval || h == S.caller_eval || h == S.render) {
      walk_from(g, 0);
      use_everything();
      return true;
    }
    if (h == S.with || h == S.tap) {
      if (n == 0) return true;
      walk(a[0], false);
      scopes_.emplace_back();
      size_t body = 1;
      if (h == S.tap && n > 1 && is_tag(a[1], Tag::Quote)) {
        declare_pattern(as_quote(a[1])->value, 0);
        body = 2;
      }
      sequence(a.data() + body, n - body, false);
      pop_scope();
      return true;
    }
    if (h == S.import) return true;  // binds namespace members (collected), evaluates nothing
    if (h == S.match) {
      if (n != 2) {
        walk_from(g, 0);
        return true;
      }
      walk(a[1], false);
      declare_pattern(a[0], 0);
      return true;
    }
    if (h == S.case_) {
      if (n > 0) walk(a[0], false);
      size_t i = 1;
      while (i < n) {
        Value k = a[i++];
        if (sym_is(k, S.when) && i < n) walk(a[i++], false);
        size_t start = i;
        while (i < n && !sym_is(a[i], S.when) && !sym_is(a[i], S.else_)) ++i;
        scoped_sequence(a.data() + start, i - start);
      }
      return true;
    }
    if (h == S.enum_) {
      if (n > 0 && is_symbol(a[0])) declare(as_symbol(a[0]), {}, false);
      return true;
    }
    if (h == S.try_) {
      try_parts(a.data(), n);
      return true;
    }
    if (h == S.class_ || h == S.mixin || h == S.object) {
      size_t body = 1;
      if (n >= 3 && sym_is(a[1], S.lt)) {
        walk(a[2], false);
        body = 3;
      }
      if (body < n) function(make_nil(), a.data() + body, n - body);
      return true;
    }
    if (h == S.ns_form) {
      if (n > 1) function(make_nil(), a.data() + 1, n - 1);
      return true;
    }
    if (h == S.set || h == S.at || h == S.str || h == S.dollar || h == S.not_ || h == S.bang || h == S.throw_ ||
        h == S.return_ || h == S.break_ || h == S.continue_ || h == S.new_ || h == S.super || h == S.include ||
        h == S.dots || h == S.dot) {
      walk_props(g);
      walk_from(g, 0);
      return true;
    }
    if (h->name.size() > 1 && h->name[0] == '.' && h != S.dotdot && h != S.dot_slash) {  // (.m args) on self
      if (names_.macro_methods.count(intern(std::string_view(h->name).substr(1)))) {
        mention_args(g, 0);
        use_everything();
      } else {
        walk_props(g);
        walk_from(g, 0);
      }
      return true;
    }
    return false;
  }

  uint32_t file_;
  Namespace* library_;
  const Syms& S;
  std::string text_;
  std::vector<size_t> line_starts_;
  ProgramNames names_;
  std::vector<Scope> scopes_;
  SourcePos anchor_;
  int depth_ = 0;
  std::vector<CheckWarning> warnings_;
};

}  // namespace

std::vector<CheckWarning> check_program(const std::vector<Value>& forms, uint32_t file, Namespace* library) {
  return Checker(file, library).run(forms);
}

}  // namespace gene
