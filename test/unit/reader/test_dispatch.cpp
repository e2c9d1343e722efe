// §1.6, §1.12, §25.6: `#` dispatch forms — interpolated strings, decorators, regexes, sets.
#include "reader_test_util.hpp"
#include "runtime/printer.hpp"

using namespace gene;
using gene::test::Reader;
using gene::test::contains;

TEST_CASE("interpolated strings that are all literal read as one string", "[reader][interp]") {
  Reader r;
  Value v = r.one(R"(#"abc")");
  REQUIRE(is_string(v));
  CHECK(as_string(v)->view() == "abc");
  CHECK(r.d(R"(#"a#{"b"}c")") == R"("abc")");
  CHECK(r.d(R"(#"")") == R"("")");
  CHECK(r.d(R"(#"a\#{x}")") == R"("a#{x}")");
  CHECK(r.d(R"(#"a#b")") == R"("a#b")");
  CHECK(r.d(R"(#"#b")") == R"("#b")");
  CHECK(r.d(R"(#"a#")") == R"("a#")");
  CHECK(r.d(R"(#"a#< comment >#b")") == R"("ab")");
  CHECK(r.d(R"(#"a\n\u0041")") == R"("a\nA")");
  CHECK(r.ds(R"(#"x "y"")") == R"("x " y "")");  // a plain #" ends at the first quote
}

TEST_CASE("interpolated strings with expressions read as #Str genes", "[reader][interp]") {
  Reader r;
  Value v = r.one(R"~(#"hi #{who}, n+1=#(n + 1)")~");
  REQUIRE(is_gene(v));
  CHECK(is_symbol(as_gene(v)->type, syms().str));
  CHECK(as_symbol(as_gene(v)->type)->name == "#Str");
  CHECK(r.d(R"~(#"hi #{who}, n+1=#(n + 1)")~") == R"((#Str "hi " who ", n+1=" (n + 1) ""))");
  CHECK(r.d(R"(#"#{x}")") == R"((#Str x ""))");
  CHECK(r.d(R"(#"a#{x}b")") == R"((#Str "a" x "b"))");
  CHECK(r.d(R"(#"#{x}#{y}")") == R"((#Str x y ""))");
  CHECK(r.d(R"(#"a#{ x }b")") == R"((#Str "a" x "b"))");
  CHECK(r.d(R"(#"#{1}")") == R"((#Str 1 ""))");
  CHECK(r.d(R"(#"#{a/b}")") == R"((#Str <a|b> ""))");
  CHECK(r.d(R"(#"a#{^k 1 ^j 2}b")") == R"((#Str "a" {^k 1 ^j 2} "b"))");
  CHECK(r.d(R"(#"a#[1 x]b")") == R"((#Str "a" [1 x] "b"))");
  CHECK(r.d(R"(#"a#(f)#<c>#b")") == R"((#Str "a" (f) "b"))");
  CHECK(r.d(R"(#"#{x}#< c >#")") == R"((#Str x ""))");
  CHECK(r.d(R"(#"a#{#"b#{c}"}d")") == R"((#Str "a" (#Str "b" c "") "d"))");
  CHECK(r.d(R"([#"#{x}" 1])") == R"([(#Str x "") 1])");
  CHECK(r.d(R"({^m #"v#{x}"})") == R"({^m (#Str "v" x "")})");
  // Position of the gene is its `#`.
  Value p = r.one("\n  #\"a#{x}\"");
  CHECK(as_gene(p)->pos.line == 2);
  CHECK(as_gene(p)->pos.col == 3);
  Value m = r.one(R"(#"#{^k 1}")");
  Map* km = as_map(as_gene(m)->children[0]);  // `#{^k 1}` is the map itself
  CHECK(km->map.size() == 1);
}

TEST_CASE("triple-quoted interpolated strings", "[reader][interp]") {
  Reader r;
  CHECK(r.d("#\"\"\"  \na \"b\" #{x}\n  \"\"\"") == R"((#Str "\na \"b\" " x "\n"))");
  CHECK(r.d("#\"\"\"  \nplain\n  \"\"\"") == R"("\nplain\n")");
}

TEST_CASE("interpolated string errors", "[reader][interp][errors]") {
  Reader r;
  auto eof = r.err(" #\"abc");
  CHECK(std::string(eof.what()) == "EOF while reading string");
  CHECK(eof.pos.col == 2);
  auto two = r.err(R"(#"#{a b}")");
  CHECK(contains(two.what(), "Expect }"));
  CHECK(two.pos.col == 7);
  CHECK(contains(r.err(R"(#"#{}")").what(), "Empty #{}"));
  CHECK(std::string(r.err(R"~(#"#{x)")~").what()) == "Unmatched delimiter: )");
  CHECK(std::string(r.err(R"(#"#{^a}")").what()) == "Expect value for key a");
  CHECK(std::string(r.err("#\"#(f \"").what()) == "EOF while reading string");
}

TEST_CASE("decorators", "[reader][decorator]") {
  Reader r;
  CHECK(r.d("#@f x") == "(f x)");
  CHECK(r.d("#@f #@g a") == "(f (g a))");
  CHECK(r.d("{^p #@f a}") == "{^p (f a)}");
  CHECK(r.d("[#@(m 1) (fn g [])]") == "[((m 1) (fn g []))]");
  Value g = r.one("  #@f x");
  REQUIRE(is_gene(g));
  CHECK(as_gene(g)->pos.col == 3);
  CHECK(std::string(r.err("(#@f)").what()) == "Missing datum after #@");
  CHECK(std::string(r.err("#@f").what()) == "EOF while reading decorator");
}

TEST_CASE("set literals are not supported", "[reader][errors]") {
  Reader r;
  auto set = r.err("[1 #[a b]]");
  CHECK(contains(set.what(), "not supported"));
  CHECK(set.pos.col == 4);
}

TEST_CASE("regex literals read as Regex values with their flags", "[reader][regex]") {
  Reader r;
  Value v = r.one("#/ab+/i");
  REQUIRE(is_tag(v, Tag::Regex));
  CHECK(as_regex(v)->pattern == "ab+");
  CHECK(as_regex(v)->flags == "i");
  CHECK(as_regex(r.one(R"(#/a\/b\d/)"))->pattern == R"(a/b\d)");  // only \/ loses its backslash
  CHECK(repr(r.one("[#/x/ 1]")) == "[#/x/ 1]");
  CHECK(repr(r.one(R"(#/a\/b/)")) == R"(#/a\/b/)");
  auto open = r.err("(f #/abc");
  CHECK(contains(open.what(), "EOF while reading regex literal"));
  CHECK(open.pos.col == 4);
}

TEST_CASE("`#` followed by other characters starts a symbol", "[reader][symbols]") {
  Reader r;
  CHECK(as_symbol(r.one("#abc"))->name == "#abc");
  CHECK(as_symbol(r.one("#Str"))->name == "#Str");
  CHECK(r.ds("#(a)") == "# (a)");
  CHECK(r.ds("#{^a 1}") == "# {^a 1}");
}
