// §1.11, §1.13, §2.2: arrays, maps, genes, their positions and their errors.
#include "reader_test_util.hpp"
#include "runtime/source.hpp"

using namespace gene;
using gene::test::Reader;
using gene::test::contains;

TEST_CASE("arrays", "[reader][arrays]") {
  Reader r;
  Value v = r.one("[1 \"s\" a [2]]");
  REQUIRE(is_array(v));
  REQUIRE(as_array(v)->items.size() == 4);
  CHECK(r.d("[1 \"s\" a [2]]") == "[1 \"s\" a [2]]");
  CHECK(r.d("[]") == "[]");
  // `^` means nothing special in an array.
  Value k = r.one("[^a 1]");
  REQUIRE(as_array(k)->items.size() == 2);
  CHECK(as_symbol(as_array(k)->items[0])->name == "^a");
}

TEST_CASE("literal nil is kept inside lists", "[reader][nil]") {
  Reader r;
  CHECK(r.d("[1 nil 2]") == "[1 nil 2]");
  CHECK(r.d("(f nil)") == "(f nil)");
  CHECK(r.d("(if nil 1)") == "(if nil 1)");
  CHECK(r.d("(nil 1)") == "(nil 1)");
  CHECK(r.d("{^a nil}") == "{^a nil}");
  Value g = r.one("(f nil)");
  REQUIRE(as_gene(g)->children.size() == 1);
  CHECK(is_nil(as_gene(g)->children[0]));
  CHECK(r.ds("nil nil") == "nil nil");
}

TEST_CASE("maps", "[reader][maps]") {
  Reader r;
  Value m = r.one("{^a 1 ^b \"x\"}");
  REQUIRE(is_map(m));
  REQUIRE(as_map(m)->map.size() == 2);
  const Value* a = as_map(m)->map.find(intern("a"));
  REQUIRE(a);
  CHECK(as_int(*a) == 1);
  CHECK(r.d("{}") == "{}");
  CHECK(r.d("{^a-b 1 ^1 2 ^a.b 3}") == "{^a-b 1 ^1 2 ^a.b 3}");
  CHECK(r.d("{^^k}") == "{^k true}");
  CHECK(r.d("{^!k}") == "{^k nil}");
  CHECK(r.d("{^a^b 1}") == "{^a {^b 1}}");
  CHECK(r.d("{^a^b 1 ^a^c 2}") == "{^a {^b 1 ^c 2}}");
  CHECK(r.d("{^a^b^c 1}") == "{^a {^b {^c 1}}}");
  CHECK(r.d("{^a^^b}") == "{^a {^b true}}");
  CHECK(r.d("{^a^!b}") == "{^a {^b false}}");
  CHECK(r.d("{^x 1 ^a^^b ^a^c 2 ^y 3}") == "{^x 1 ^a {^b true ^c 2} ^y 3}");
  CHECK(r.d("{^p :(f) ^q [1] ^r {^s 2}}") == "{^p (:(f)) ^q [1] ^r {^s 2}}");
  // Insertion order is kept (more entries than the small-map limit, too).
  std::string big = "{";
  std::string want = "{";
  for (int i = 1; i <= 33; ++i) {
    big += fmt::format("^x{} {} ", i, i);
    want += fmt::format("{}^x{} {}", i > 1 ? " " : "", i, i);
  }
  CHECK(r.d(big + "}") == want + "}");
}

TEST_CASE("map entry errors", "[reader][maps][errors]") {
  Reader r;
  auto nokey = r.err("{^a 1 b 2}");
  CHECK(std::string(nokey.what()) == "Expect key");
  CHECK(nokey.pos.col == 7);
  CHECK(std::string(r.err("{1 2}").what()) == "Expect key");
  CHECK(std::string(r.err("{\"a\" 1}").what()) == "Expect key");
  CHECK(std::string(r.err("{(a) 1}").what()) == "Expect key");
  auto dup = r.err("{^a 1 ^a 2}");
  CHECK(std::string(dup.what()) == "Duplicate key: a");
  CHECK(dup.pos.col == 7);
  CHECK(std::string(r.err("{^a^b 1 ^a 2}").what()) == "Duplicate key: a");
  CHECK(std::string(r.err("{^a 1 ^a^b 2}").what()) == "Duplicate key: a");
  CHECK(std::string(r.err("{^a^b 1 ^a^b 2}").what()) == "Duplicate key: b");
  CHECK(std::string(r.err("{^^a ^a 1}").what()) == "Duplicate key: a");
  auto noval = r.err("{^a}");
  CHECK(std::string(noval.what()) == "Expect value for key a");
  CHECK(noval.pos.col == 4);
  CHECK(std::string(r.err("{^a ^b 1}").what()) == "Expect value for key a");
  CHECK(std::string(r.err("{^ 1}").what()) == "Empty key");
  CHECK(std::string(r.err("{^a^ 1}").what()) == "Empty key");
  auto eof = r.err("[\n {^a 1");
  CHECK(std::string(eof.what()) == "EOF while reading map");
  CHECK(eof.pos.line == 2);
  CHECK(eof.pos.col == 2);
}

TEST_CASE("genes", "[reader][genes]") {
  Reader r;
  Value g = r.one("(f ^a 1 x)");
  REQUIRE(is_gene(g));
  CHECK(is_symbol(as_gene(g)->type, intern("f")));
  REQUIRE(as_gene(g)->props.size() == 1);
  CHECK(as_int(*as_gene(g)->props.find(intern("a"))) == 1);
  REQUIRE(as_gene(g)->children.size() == 1);
  CHECK(is_symbol(as_gene(g)->children[0], intern("x")));
  // The props run may stand before, between or after the children.
  CHECK(r.d("(f 1 ^a 2 3)") == "(f ^a 2 1 3)");
  CHECK(r.d("(f 1 2 ^a 3 ^^b)") == "(f ^a 3 ^b true 1 2)");
  CHECK(r.d("(f ^a 1 ^b 2)") == "(f ^a 1 ^b 2)");
  CHECK(r.d("(f ^a^b 1 ^a^c 2 x)") == "(f ^a {^b 1 ^c 2} x)");
  CHECK(r.d("(f ^!a x)") == "(f ^a nil x)");
  // The first datum is the type, whatever it is.
  Value empty = r.one("()");
  REQUIRE(is_gene(empty));
  CHECK(is_nil(as_gene(empty)->type));
  CHECK(as_gene(empty)->children.empty());
  CHECK(r.d("((f 1) 2)") == "((f 1) 2)");
  CHECK(r.d("(:f 2)") == "((:f) 2)");
  CHECK(r.d("([1] 2)") == "([1] 2)");
  CHECK(r.d("(1 + 2)") == "(1 + 2)");
  CHECK(r.d("(_ 1 2)") == "(_ 1 2)");
  CHECK(r.d("(^a 1)") == "(^a 1)");  // a `^` token in type position is a symbol
  CHECK(r.d("( f )") == "(f)");
}

TEST_CASE("gene errors", "[reader][genes][errors]") {
  Reader r;
  auto twice = r.err("(f ^a 1 x ^b 2)");
  CHECK(std::string(twice.what()) == "properties found in wrong place");
  CHECK(twice.pos.col == 11);
  CHECK(std::string(r.err("(f x ^a 1 y ^^b)").what()) == "properties found in wrong place");
  CHECK(std::string(r.err("(f ^a 1 ^a 2)").what()) == "Duplicate key: a");
  auto noval = r.err("(f ^a)");
  CHECK(std::string(noval.what()) == "Expect value for key a");
  CHECK(noval.pos.col == 6);
  auto eof = r.err("  (f (g)");
  CHECK(std::string(eof.what()) == "EOF while reading list");
  CHECK(eof.pos.col == 3);
  auto aeof = r.err("[1 2");
  CHECK(std::string(aeof.what()) == "EOF while reading list");
  CHECK(aeof.pos.col == 1);
}

TEST_CASE("unmatched and mismatched delimiters", "[reader][errors]") {
  Reader r;
  auto e = r.err("1 )");
  CHECK(std::string(e.what()) == "Unmatched delimiter: )");
  CHECK(e.pos.col == 3);
  CHECK(std::string(r.err("]").what()) == "Unmatched delimiter: ]");
  CHECK(std::string(r.err("}").what()) == "Unmatched delimiter: }");
  auto mis = r.err("(a]");
  CHECK(std::string(mis.what()) == "Unmatched delimiter: ]");
  CHECK(mis.pos.col == 3);
  CHECK(std::string(r.err("[a)").what()) == "Unmatched delimiter: )");
  CHECK(std::string(r.err("{^a 1)").what()) == "Unmatched delimiter: )");
  CHECK(std::string(r.err("(a})").what()) == "Unmatched delimiter: }");
}

TEST_CASE("every array and gene records where it opened", "[reader][positions]") {
  Reader r;
  auto vs = r.all("[1\n  (f {^a [2]}\n\t[3])]  (g)");
  REQUIRE(vs.size() == 2);
  Array* outer = as_array(vs[0]);
  CHECK(outer->pos().line == 1);
  CHECK(outer->pos().col == 1);
  CHECK(outer->pos().file != 0);
  Gene* f = as_gene(outer->items[1]);
  CHECK(f->pos.line == 2);
  CHECK(f->pos.col == 3);
  Map* m = as_map(f->children[0]);  // maps keep no position: nothing reports one
  Array* inner = as_array(*m->map.find(intern("a")));
  CHECK(inner->pos().line == 2);
  CHECK(inner->pos().col == 10);
  Array* tabbed = as_array(f->children[1]);
  CHECK(tabbed->pos().line == 3);
  CHECK(tabbed->pos().col == 2);  // columns count bytes; a tab is one
  Gene* g = as_gene(vs[1]);
  CHECK(g->pos.line == 3);
  CHECK(g->pos.col == 9);
  // An array a program makes has none (SourceArray is the reader's).
  CHECK(!r.heap.make<Array>()->pos().known());
}

TEST_CASE("positions carry the file id and survive multi-byte text", "[reader][positions]") {
  // Columns are byte offsets: the 3-byte character makes `[` column 7.
  Reader r;
  uint32_t id = register_source("pos.gene", "\"\xE4\xB8\xAD\" [1]\n(x)");
  auto vs = read_source(r.heap, id);
  REQUIRE(vs.size() == 3);
  CHECK(as_array(vs[1])->pos().file == id);
  CHECK(as_array(vs[1])->pos().line == 1);
  CHECK(as_array(vs[1])->pos().col == 7);
  CHECK(as_gene(vs[2])->pos.line == 2);
  CHECK(as_gene(vs[2])->pos.col == 1);
  // An error's position names the same file, so diagnostics can show the line.
  try {
    read_string(r.heap, "(a\n  b]", "bad.gene");
    FAIL("no error");
  } catch (const ParseError& e) {
    CHECK(e.pos.line == 2);
    CHECK(e.pos.col == 4);
    const SourceFile* f = source_file(e.pos.file);
    REQUIRE(f);
    CHECK(f->name == "bad.gene");
  }
}
