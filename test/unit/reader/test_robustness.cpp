// Hostile input: deep nesting, NUL and invalid UTF-8 bytes, huge literals, GC interplay.
#include <string>

#include "reader_test_util.hpp"

using namespace gene;
using gene::test::Reader;
using gene::test::contains;

TEST_CASE("100,000 nested brackets read without recursion", "[reader][robust]") {
  Reader r;
  const int n = 100000;
  Value v = r.one(std::string(n, '[') + std::string(n, ']'));
  int depth = 0;
  while (is_array(v) && !as_array(v)->items.empty()) {
    v = as_array(v)->items[0];
    ++depth;
  }
  CHECK(depth == n - 1);
  Value g = r.one(std::string(n, '(') + "x" + std::string(n, ')'));
  CHECK(is_gene(g));
  Value q = r.one(std::string(n, ':') + "a");
  CHECK(is_tag(q, Tag::Quote));
  std::string mixed;
  for (int i = 0; i < n / 4; ++i) mixed += "{^k [(";
  mixed += "1";
  for (int i = 0; i < n / 4; ++i) mixed += ")]}";
  CHECK(is_map(r.one(mixed)));
}

TEST_CASE("deep unterminated nesting is a clean error", "[reader][robust][errors]") {
  Reader r;
  auto e = r.err(std::string(100000, '(') + "[");
  CHECK(std::string(e.what()) == "EOF while reading list");
  CHECK(e.pos.col == 100001);
  auto s = r.err(std::string(50000, '[') + std::string(50001, ']'));
  CHECK(std::string(s.what()) == "Unmatched delimiter: ]");
}

TEST_CASE("NUL and invalid UTF-8 bytes pass through", "[reader][robust]") {
  Reader r;
  std::string nul_str("\"a\0b\"", 5);
  Value s = r.one(nul_str);
  REQUIRE(is_string(s));
  CHECK(as_string(s)->view() == std::string("a\0b", 3));
  Value sym = r.one(std::string("a\0b", 3));
  REQUIRE(is_symbol(sym));
  CHECK(as_symbol(sym)->name == std::string("a\0b", 3));
  Value bad = r.one("\"\xFF\xFE\xC3\"");
  CHECK(as_string(bad)->view() == "\xFF\xFE\xC3");
  Value badsym = r.one("x\xFF\x80y");
  CHECK(as_symbol(badsym)->name == "x\xFF\x80y");
  // After a number, NUL is not a letter: the int, then a symbol made of the NUL byte.
  auto split = r.all(std::string("1\0", 2));
  REQUIRE(split.size() == 2);
  CHECK(as_int(split[0]) == 1);
  CHECK(as_symbol(split[1])->name == std::string(1, '\0'));
  auto e = r.err(std::string("(\0", 2));
  CHECK(std::string(e.what()) == "EOF while reading list");
}

TEST_CASE("huge literals", "[reader][robust]") {
  Reader r;
  std::string big(1 << 20, 'x');
  Value s = r.one("\"" + big + "\"");
  CHECK(as_string(s)->view().size() == big.size());
  Value sym = r.one(big);
  CHECK(as_symbol(sym)->name.size() == big.size());
  Value f = r.one(std::string(300, '1') + ".5");
  REQUIRE(is_float(f));
  CHECK(as_float(f) > 1.1e299);
  CHECK(as_float(f) < 1.2e299);
  CHECK(std::string(r.err(std::string(400, '1')).what()) == "integer literal out of range");
  std::string many = "[";
  for (int i = 0; i < 100000; ++i) many += "1 ";
  many += "]";
  CHECK(as_array(r.one(many))->items.size() == 100000);
}

TEST_CASE("reading never collects, even under GC stress", "[reader][gc]") {
  Heap heap;
  heap.set_stress(true);
  auto vs = read_string(heap, "[1 [2 3] \"s\" {^a (f x)}] :q #\"a#{b}\"");
  CHECK(heap.collections() == 0);
  REQUIRE(vs.size() == 3);
  CHECK(gene::test::dump(vs[0]) == "[1 [2 3] \"s\" {^a (f x)}]");
}

TEST_CASE("several top-level data and unknown sources", "[reader]") {
  Reader r;
  CHECK(r.ds("1 2.5 \"s\" 'c' sym :q [a] {^k v} (g)") == "1 2.5 \"s\" 'c' sym (:q) [a] {^k v} (g)");
  Heap heap;
  CHECK_THROWS_AS(read_source(heap, 999999), ParseError);
}
