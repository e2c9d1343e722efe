// §1.3, §1.4, §1.8–1.10: token classes, numbers, symbols, paths, constants, quote/unquote.
#include <cmath>
#include <limits>

#include "reader_test_util.hpp"

using namespace gene;
using gene::test::Reader;
using gene::test::contains;

TEST_CASE("integers are int64", "[reader][numbers]") {
  Reader r;
  Value v = r.one("42");
  REQUIRE(is_int(v));
  CHECK(as_int(v) == 42);
  CHECK(as_int(r.one("-10")) == -10);
  CHECK(as_int(r.one("+5")) == 5);
  CHECK(as_int(r.one("0")) == 0);
  CHECK(as_int(r.one("007")) == 7);
  CHECK(as_int(r.one("9223372036854775807")) == std::numeric_limits<int64_t>::max());
  CHECK(as_int(r.one("-9223372036854775808")) == std::numeric_limits<int64_t>::min());
  // Beyond the VM's 48 bits is fine in C++.
  CHECK(as_int(r.one("140737488355328")) == 140737488355328);
}

TEST_CASE("integer literals beyond int64 are errors", "[reader][numbers][errors]") {
  Reader r;
  auto e = r.err("[1 9223372036854775808]");
  CHECK(std::string(e.what()) == "integer literal out of range");
  CHECK(e.pos.line == 1);
  CHECK(e.pos.col == 4);
  CHECK(std::string(r.err("-9223372036854775809").what()) == "integer literal out of range");
  CHECK(std::string(r.err("99999999999999999999999999999999").what()) == "integer literal out of range");
}

TEST_CASE("floats", "[reader][numbers]") {
  Reader r;
  Value v = r.one("3.14");
  REQUIRE(is_float(v));
  CHECK(as_float(v) == 3.14);
  CHECK(r.d("1.") == "1.0");
  CHECK(is_float(r.one("1.")));
  CHECK(as_float(r.one("1e3")) == 1000.0);
  CHECK(as_float(r.one("1E3")) == 1000.0);
  CHECK(is_float(r.one("1e3")));
  CHECK(as_float(r.one("1.5e-3")) == 0.0015);
  CHECK(as_float(r.one("-2.5E+2")) == -250.0);
  CHECK(as_float(r.one("+0.5")) == 0.5);
  CHECK(as_float(r.one("1.e2")) == 100.0);
  Value neg0 = r.one("-0.0");
  CHECK(as_float(neg0) == 0.0);
  CHECK(std::signbit(as_float(neg0)));
  CHECK(std::isinf(as_float(r.one("1e400"))));
  CHECK(as_float(r.one("-1e400")) < 0);
  CHECK(as_float(r.one("1e-400")) == 0.0);
  CHECK(as_float(r.one("0.1")) == 0.1);
}

TEST_CASE("number boundaries follow the grammar", "[reader][numbers]") {
  Reader r;
  CHECK(r.ds(".5") == ".5");
  CHECK(is_symbol(r.one(".5")));
  CHECK(is_symbol(r.one("-.5")));
  CHECK(is_symbol(r.one("+.5")));
  // No digit separators: `1_000` is 1 then the symbol `_000`.
  auto vs = r.all("1_000");
  REQUIRE(vs.size() == 2);
  CHECK(as_int(vs[0]) == 1);
  CHECK(as_symbol(vs[1])->name == "_000");
  CHECK(r.ds("[1,2]") == "[1 2]");
  CHECK(r.ds("(1)") == "(1)");
  CHECK(r.ds("1\"a\"") == "1 \"a\"");
}

TEST_CASE("letters after digits and unimplemented number forms are errors", "[reader][numbers][errors]") {
  Reader r;
  auto e = r.err("0x1F");
  CHECK(e.pos.col == 2);  // at the 'x'
  CHECK(contains(e.what(), "Invalid number"));
  CHECK(r.err("10ms").pos.col == 3);
  CHECK(r.err("(a 1m30s)").pos.col == 5);
  CHECK(r.err("1.5a").pos.col == 4);
  CHECK(r.err("1e5x").pos.col == 4);
  CHECK(r.err("1/2").pos.col == 2);
  CHECK(r.err("2020-01-02").pos.col == 5);
  CHECK(r.err("10:11:12").pos.col == 3);
  CHECK(r.err("0*ff").pos.col == 2);
  CHECK(r.err("0!101").pos.col == 2);
  CHECK(r.err("0#AB").pos.col == 2);
  CHECK(contains(r.err("1e").what(), "exponent"));
  CHECK(contains(r.err("1e+ 2").what(), "exponent"));
}

TEST_CASE("constants", "[reader][symbols]") {
  Reader r;
  CHECK(is_nil(r.one("nil")));
  Value t = r.one("true");
  REQUIRE(is_bool(t));
  CHECK(as_bool(t));
  Value f = r.one("false");
  REQUIRE(is_bool(f));
  CHECK_FALSE(as_bool(f));
  // Only the exact tokens.
  CHECK(is_symbol(r.one("nil?")));
  CHECK(is_symbol(r.one("True")));
  CHECK(is_symbol(r.one("n\\il")));
}

TEST_CASE("symbols", "[reader][symbols]") {
  Reader r;
  for (const char* name : {"a", "A", "+", "-", "->", "a-b", "a?", "a!", "a.b", "a:b", "#a", "#Str", "^a", "$ns",
                           "@p", "x...", "...", "..", "=", "+=", "a#b", "a'", "a;b", "_", "*", "<=", "&&", "||",
                           "symbol-\xF0\x9F\x91\x8B"}) {
    Value v = r.one(name);
    REQUIRE(is_symbol(v));
    CHECK(as_symbol(v)->name == name);
  }
  // `_` stays a symbol; the evaluator gives it meaning.
  CHECK(is_symbol(r.one("_"), syms().underscore));
  // Interned: equal names are the same Symbol.
  auto vs = r.all("abc abc");
  CHECK(as_symbol(vs[0]) == as_symbol(vs[1]));
  CHECK(as_symbol(vs[0]) == intern("abc"));
  // A backslash takes the next byte into the token.
  CHECK(as_symbol(r.one("a\\ b"))->name == "a b");
  CHECK(as_symbol(r.one("a\\(b"))->name == "a(b");
}

TEST_CASE("bare tokens end at whitespace, commas and terminators", "[reader][symbols]") {
  Reader r;
  CHECK(r.ds("a\"b\"") == "a \"b\"");
  CHECK(r.ds("a%b") == "a (%b)");
  CHECK(r.ds("a(b)") == "a (b)");
  CHECK(r.ds("a[b]") == "a [b]");
  CHECK(r.ds("a{^k 1}") == "a {^k 1}");
  CHECK(r.ds("a,b\tc\rd\ne") == "a b c d e");
}

TEST_CASE("complex symbols split on every slash", "[reader][paths]") {
  Reader r;
  CHECK(r.d("a/b/c") == "<a|b|c>");
  CHECK(r.d("x/0") == "<x|0>");
  CHECK(r.d("x/-1") == "<x|-1>");
  CHECK(r.d("x/.size") == "<x|.size>");
  CHECK(r.d("/a") == "<|a>");
  CHECK(r.d("a/") == "<a|>");
  CHECK(r.d("./x") == "<.|x>");
  CHECK(r.d("./") == "<.|>");
  CHECK(r.d("$ns/a") == "<$ns|a>");
  CHECK(r.d("//") == "<||>");
  Value lone = r.one("/");
  REQUIRE(is_symbol(lone));
  CHECK(as_symbol(lone) == syms().slash);
  // Parts are interned symbols.
  Value p = r.one("a/b");
  REQUIRE(is_tag(p, Tag::ComplexSymbol));
  CHECK(as_complex(p)->parts[0] == intern("a"));
  CHECK(as_complex(p)->parts[1] == intern("b"));
  // Paths apply to symbol tokens only.
  CHECK(r.ds("\"abc\"/.size") == "\"abc\" <|.size>");
  // An escaped slash does not split.
  Value esc = r.one("a\\/b");
  REQUIRE(is_symbol(esc));
  CHECK(as_symbol(esc)->name == "a/b");
}

TEST_CASE("quote and unquote", "[reader][quote]") {
  Reader r;
  Value q = r.one(":a");
  REQUIRE(is_tag(q, Tag::Quote));
  CHECK(is_symbol(as_quote(q)->value, intern("a")));
  CHECK(r.d(":(f 1)") == "(:(f 1))");
  CHECK(r.d(":[1 a]") == "(:[1 a])");
  CHECK(r.d(":{^k v}") == "(:{^k v})");
  CHECK(r.d(":\"s\"") == "(:\"s\")");
  CHECK(r.d("::a") == "(:(:a))");
  CHECK(r.d(": # comment\n a") == "(:a)");
  CHECK(r.d(":a/b") == "(:<a|b>)");
  Value u = r.one("%x");
  REQUIRE(is_tag(u, Tag::Unquote));
  CHECK_FALSE(as_quote(u)->discard);
  Value ud = r.one("%_x");
  REQUIRE(is_tag(ud, Tag::Unquote));
  CHECK(as_quote(ud)->discard);
  CHECK(is_symbol(as_quote(ud)->value, intern("x")));
  // `%` is a reader macro, so there is no modulo operator.
  CHECK(r.d("(7 % 2)") == "(7 (%2))");
  CHECK(r.d("(%(f) %_[a])") == "((%(f)) (%_[a]))");
}

TEST_CASE("quote and unquote need a datum", "[reader][quote][errors]") {
  Reader r;
  auto e = r.err("(a :)");
  CHECK(std::string(e.what()) == "Missing datum after :");
  CHECK(e.pos.col == 5);
  CHECK(std::string(r.err("[%]").what()) == "Missing datum after %");
  CHECK(std::string(r.err("[%_]").what()) == "Missing datum after %_");
  auto eof = r.err("x\n  :");
  CHECK(std::string(eof.what()) == "EOF while reading quote");
  CHECK(eof.pos.line == 2);
  CHECK(eof.pos.col == 3);
}
