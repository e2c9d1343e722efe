// §1.1, §1.2, §1.5, §1.7: whitespace, comments, strings and characters.
#include "reader_test_util.hpp"

using namespace gene;
using gene::test::Reader;
using gene::test::contains;

namespace {
std::string str_of(Reader& r, std::string_view src) {
  Value v = r.one(src);
  REQUIRE(is_string(v));
  return std::string(as_string(v)->view());
}
}  // namespace

TEST_CASE("commas are whitespace", "[reader][space]") {
  Reader r;
  CHECK(r.d("[1, 2]") == "[1 2]");
  CHECK(r.d("[1,2,,3 ,]") == "[1 2 3]");
  CHECK(r.d("{^a 1, ^b 2}") == "{^a 1 ^b 2}");
  CHECK(r.ds(",,1,") == "1");
  CHECK(r.all("").empty());
  CHECK(r.all(" \t\r\n,").empty());
}

TEST_CASE("line comments", "[reader][comments]") {
  Reader r;
  CHECK(r.ds("# note\n1") == "1");
  CHECK(r.ds("#!/usr/bin/env gene run\n2") == "2");
  CHECK(r.ds("##note\n3") == "3");
  CHECK(r.ds("#\n4") == "4");
  CHECK(r.ds("#\r\n5") == "5");
  CHECK(r.ds("6 #") == "6");
  CHECK(r.ds("[1 # two\n 3]") == "[1 3]");
  CHECK(r.ds("(a)# c\nb") == "(a) b");
  // Inside a bare token `#` is ordinary; `#` + other starts a symbol.
  CHECK(r.ds("a#b #abc") == "a#b #abc");
  CHECK(r.all("# only a comment").empty());
}

TEST_CASE("block comments", "[reader][comments]") {
  Reader r;
  CHECK(r.ds("#< everything here is skipped,\n   including this: #<< inner >>#\n># 42") == "42");
  CHECK(r.ds("#<># 1") == "1");
  CHECK(r.ds("[1 #< x ># 2]") == "[1 2]");
  CHECK(r.ds("1 #< a >> b ># 2") == "1 2");
  CHECK(r.ds("#< a >>># still ># 3") == "3");
  CHECK(r.ds("(a)#<c>#b") == "(a) b");
  auto e = r.err("1\n #< never closed >>#");
  CHECK(std::string(e.what()) == "EOF while reading block comment");
  CHECK(e.pos.line == 2);
  CHECK(e.pos.col == 2);
}

TEST_CASE("strings and escapes", "[reader][strings]") {
  Reader r;
  CHECK(str_of(r, R"("abc")") == "abc");
  CHECK(str_of(r, R"("")") == "");
  CHECK(str_of(r, R"("a\nb\rc\td\be")") == "a\nb\rc\td\be");
  CHECK(str_of(r, R"("\f")") == "\x0C");  // form feed, not the VM's backspace
  CHECK(str_of(r, R"("\"\\\#\x\q")") == "\"\\#xq");
  CHECK(str_of(r, "\"line1\nline2\"") == "line1\nline2");
  CHECK(str_of(r, "\"a\r\nb\"") == "a\r\nb");
  CHECK(str_of(r, R"("\u0041")") == "A");
  CHECK(str_of(r, R"("\u00e9")") == "\xC3\xA9");
  CHECK(str_of(r, R"("\u4E2D")") == "\xE4\xB8\xAD");
  CHECK(str_of(r, R"("\ud83d\ude00")") == "\xF0\x9F\x98\x80");
  CHECK(str_of(r, R"("\u0000")") == std::string(1, '\0'));
  CHECK(str_of(r, "\"\xE4\xB8\xAD\"") == "\xE4\xB8\xAD");
}

TEST_CASE("bad \\u escapes", "[reader][strings][errors]") {
  Reader r;
  auto e = r.err(R"(  "ab\u12")");
  CHECK(contains(e.what(), "\\u"));
  CHECK(e.pos.col == 6);  // at the backslash
  CHECK(contains(r.err(R"("\ud83d")").what(), "surrogate"));
  CHECK(contains(r.err(R"("\ud83dx")").what(), "surrogate"));
  auto lo = r.err(R"("\ud83d\u0041")");
  CHECK(contains(lo.what(), "surrogate"));
  CHECK(lo.pos.col == 8);
  CHECK(contains(r.err(R"("\uZZZZ")").what(), "\\u"));
}

TEST_CASE("triple-quoted strings", "[reader][strings]") {
  Reader r;
  CHECK(str_of(r, "\"\"\"  \na\"\"\"") == "\na");
  CHECK(str_of(r, "\"\"\"a\n   \"\"\"") == "a\n");
  CHECK(str_of(r, R"("""x "y" z""")") == "x \"y\" z");
  CHECK(str_of(r, "\"\"\"\n  indented\n    more\n\"\"\"") == "\n  indented\n    more\n");
  CHECK(str_of(r, "\"\"\" \t\n \n  x \n \n\"\"\"") == "\n  x \n");
  CHECK(str_of(r, "\"\"\"a\\nb\"\"\"") == "a\nb");
  CHECK(str_of(r, "\"\"\"\"\"\"") == "");
  CHECK(str_of(r, "\"\"\"  \"\"\"") == "  ");  // no newline: nothing trimmed
  CHECK(str_of(r, "\"\"\"a\"\"b\"\"\"") == "a\"\"b");
}

TEST_CASE("unterminated strings point at the opening quote", "[reader][strings][errors]") {
  Reader r;
  auto e = r.err("(f\n  \"abc");
  CHECK(std::string(e.what()) == "EOF while reading string");
  CHECK(e.pos.line == 2);
  CHECK(e.pos.col == 3);
  auto t = r.err("x \"\"\"abc\"\"");
  CHECK(std::string(t.what()) == "EOF while reading string");
  CHECK(t.pos.col == 3);
  CHECK(std::string(r.err("\"abc\\").what()) == "EOF while reading string");
}

TEST_CASE("characters", "[reader][chars]") {
  Reader r;
  Value a = r.one("'a'");
  REQUIRE(is_char(a));
  CHECK(as_char(a) == 'a');
  CHECK(as_char(r.one("' '")) == ' ');
  CHECK(as_char(r.one(R"('\n')")) == '\n');
  CHECK(as_char(r.one(R"('\t')")) == '\t');
  CHECK(as_char(r.one(R"('\r')")) == '\r');
  CHECK(as_char(r.one(R"('\b')")) == 0x08);
  CHECK(as_char(r.one(R"('\f')")) == 0x0C);
  CHECK(as_char(r.one(R"('\\')")) == '\\');
  CHECK(as_char(r.one(R"('\'')")) == '\'');
  CHECK(as_char(r.one(R"('\"')")) == '"');
  CHECK(as_char(r.one(R"('\q')")) == 'q');
  CHECK(as_char(r.one("'\xC3'")) == 0xC3);  // one byte, even if not valid UTF-8 alone
  CHECK(r.d("['a' 'b']") == "['a' 'b']");
}

TEST_CASE("character literal errors", "[reader][chars][errors]") {
  Reader r;
  auto multi = r.err("'\xE4\xB8\xAD'");
  CHECK(contains(multi.what(), "exactly one byte"));
  CHECK(multi.pos.col == 3);
  CHECK(r.err("'ab'").pos.col == 3);
  CHECK(contains(r.err("''").what(), "Empty character"));
  auto eof = r.err("  'a");
  CHECK(std::string(eof.what()) == "EOF while reading character");
  CHECK(eof.pos.col == 3);
  CHECK(std::string(r.err("'").what()) == "EOF while reading character");
}
