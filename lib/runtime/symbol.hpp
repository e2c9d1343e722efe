// The process-wide symbol table. Symbols are immutable and live until exit.
#pragma once
#include <string_view>

#include "runtime/object.hpp"

namespace gene {

Symbol* intern(std::string_view name);
inline Value sym_value(std::string_view name) { return make_obj(Tag::Symbol, intern(name)); }

// Symbols the compiler and runtime compare against: one line each, interned once.
#define GENE_WELL_KNOWN_SYMBOLS(X)                                                          \
  X(underscore, "_") X(self, "self") X(ns, "$ns") X(gene, "gene") X(var, "var")              \
  X(if_, "if") X(then, "then") X(elif, "elif") X(else_, "else") X(not_, "not") X(bang, "!")  \
  X(do_, "do") X(loop, "loop") X(while_, "while") X(for_, "for") X(in, "in")                 \
  X(break_, "break") X(continue_, "continue") X(fn, "fn") X(fnx, "fnx") X(fnxx, "fnxx")      \
  X(return_, "return") X(macro, "macro") X(plus, "+") X(minus, "-") X(star, "*")             \
  X(slash, "/") X(percent, "%") X(pow, "**") X(lt, "<") X(le, "<=") X(gt, ">") X(ge, ">=")   \
  X(eq, "==") X(ne, "!=") X(match_op, "=~") X(not_match_op, "!~") X(assign, "=") X(plus_assign, "+=") X(minus_assign, "-=")          \
  X(star_assign, "*=") X(slash_assign, "/=") X(and_assign, "&&=") X(or_assign, "||=")       \
  X(and_, "&&") X(or_, "||") X(dotdot, "..") X(arrow, "->") X(dots, "...") X(dot, ".")       \
  X(dot_slash, "./") X(at, "@") X(class_, "class") X(new_, "new") X(super, "super")          \
  X(try_, "try") X(catch_, "catch") X(finally, "finally") X(throw_, "throw")                 \
  X(import, "import") X(from, "from") X(repeat, "repeat") X(range, "range") X(void_, "void") \
  X(match, "match") X(case_, "case") X(when, "when") X(enum_, "enum") X(eval, "eval")        \
  X(str, "#Str") X(dollar, "$") X(empty, "") X(ns_form, "ns") X(dot_fn, ".fn") X(dot_ctor, ".ctor") X(dot_macro, ".macro") \
  X(caller_eval, "$caller_eval") X(render, "$render") X(with, "$with") X(tap, "$tap") X(ex, "$ex")     \
  X(set, "$set") X(mixin, "mixin") X(object, "$object") X(include, "include")            \
  X(get_method, "get") X(set_method, "set")

struct Syms {
#define GENE_SYM_FIELD(field, text) Symbol* field;
  GENE_WELL_KNOWN_SYMBOLS(GENE_SYM_FIELD)
#undef GENE_SYM_FIELD
};
const Syms& syms();

}  // namespace gene
