// §19.1 renderings: display, repr, to_s. Expected strings come from the spec's tables.
#include <catch2/catch.hpp>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <utility>

#include "runtime/heap.hpp"
#include "runtime/object.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"

using namespace gene;

namespace {

// Stand-in for kinds whose classes live elsewhere (functions, classes, ...).
struct FakeObj : Obj {
  explicit FakeObj(Tag t) : Obj(t) {}
};

struct Build {
  Heap heap;
  GcPause pause{heap};

  Value str(std::string_view s) { return heap.string_value(s); }
  Value arr(std::initializer_list<Value> xs) {
    Array* a = heap.make<Array>();
    a->items.assign(xs.begin(), xs.end());
    return value_of(a);
  }
  Value map(std::initializer_list<std::pair<const char*, Value>> kvs) {
    Map* m = heap.make<Map>();
    for (auto& [k, v] : kvs) m->map.set(intern(k), v);
    return value_of(m);
  }
  Value gene(Value type, std::initializer_list<std::pair<const char*, Value>> props,
             std::initializer_list<Value> children) {
    Gene* g = heap.make<Gene>();
    g->type = type;
    for (auto& [k, v] : props) g->props.set(intern(k), v);
    g->children.assign(children.begin(), children.end());
    return value_of(g);
  }
  Value quote(Value v) { return value_of(heap.make<Quote>(Tag::Quote, v)); }
  Value unquote(Value v, bool discard = false) {
    Quote* q = heap.make<Quote>(Tag::Unquote, v);
    q->discard = discard;
    return value_of(q);
  }
  Value range(int64_t s, int64_t e, int64_t st) { return value_of(heap.make<Range>(s, e, st)); }
  Value complex(std::initializer_list<const char*> parts) {
    ComplexSymbol* c = heap.make<ComplexSymbol>();
    for (const char* p : parts) c->parts.push_back(intern(p));
    return value_of(c);
  }
  Value fake(Tag t) { return value_of(heap.make<FakeObj>(t)); }
};

Value sym(const char* s) { return sym_value(s); }

}  // namespace

TEST_CASE("printer: nil", "[printer]") {
  CHECK(repr(make_nil()) == "nil");
  CHECK(display(make_nil()).empty());  // §19.3: top-level print argument
  CHECK(to_s(make_nil()).empty());
}

TEST_CASE("printer: scalars", "[printer]") {
  CHECK(repr(make_bool(true)) == "true");
  CHECK(repr(make_bool(false)) == "false");
  CHECK(display(make_bool(false)) == "false");
  CHECK(to_s(make_bool(true)) == "true");
  CHECK(repr(make_int(42)) == "42");
  CHECK(repr(make_int(-10)) == "-10");
  CHECK(repr(make_int(0)) == "0");
  CHECK(display(make_int(-10)) == "-10");
  CHECK(repr(make_int(std::numeric_limits<int64_t>::min())) == "-9223372036854775808");
  CHECK(repr(make_int(std::numeric_limits<int64_t>::max())) == "9223372036854775807");
  CHECK(repr(make_float(3.14)) == "3.14");
  CHECK(display(make_float(5.0)) == "5.0");
  CHECK(to_s(make_float(-0.0)) == "-0.0");
  CHECK(repr(make_placeholder()) == "_");
  CHECK(display(make_placeholder()) == "_");
  CHECK(repr(make_void()) == "void");
  CHECK(display(make_void()) == "void");
  CHECK(repr(make_undef()) == "void");
}

TEST_CASE("printer: strings", "[printer]") {
  Build b;
  Value s = b.str("hello");
  CHECK(repr(s) == "\"hello\"");
  CHECK(display(s) == "hello");
  CHECK(to_s(s) == "hello");
  CHECK(repr(b.str("")) == "\"\"");
  CHECK(display(b.str("")).empty());
  // No escaping of inner quotes, backslashes or newlines (VM wins over GN).
  CHECK(repr(b.str("a\"b\\c\nd")) == "\"a\"b\\c\nd\"");
  CHECK(display(b.str("Integer: ")) == "Integer: ");
}

TEST_CASE("printer: chars", "[printer]") {
  CHECK(repr(make_char('a')) == "'a'");
  CHECK(display(make_char('a')) == "a");
  CHECK(to_s(make_char('a')) == "a");
  CHECK(repr(make_char(' ')) == "' '");
  CHECK(to_s(make_char('\n')) == "\n");
}

TEST_CASE("printer: symbols and complex symbols", "[printer]") {
  Build b;
  CHECK(repr(sym("name")) == "name");
  CHECK(display(sym("name")) == "name");
  CHECK(to_s(sym("name")) == "name");
  CHECK(repr(sym("+")) == "+");
  CHECK(repr(b.complex({"a", "b", "c"})) == "a/b/c");
  CHECK(display(b.complex({"a", "b"})) == "a/b");
  CHECK(repr(b.complex({"", "a"})) == "/a");
  CHECK(repr(b.complex({".", ""})) == "./");
  CHECK(repr(b.complex({"x", "-1"})) == "x/-1");
  CHECK(to_s(b.complex({"$ns", "a"})) == "$ns/a");
}

TEST_CASE("printer: arrays", "[printer]") {
  Build b;
  Value a = b.arr({make_int(1), b.str("s")});
  CHECK(repr(a) == "[1 \"s\"]");
  CHECK(display(a) == "[1 s]");
  CHECK(to_s(a) == "[1 \"s\"]");
  CHECK(repr(b.arr({})) == "[]");
  CHECK(display(b.arr({})) == "[]");
  CHECK(display(b.arr({b.str("a"), b.str("b")})) == "[a b]");
  CHECK(repr(b.arr({b.str("a"), b.str("b")})) == "[\"a\" \"b\"]");
  // Nested nil is shown, at any depth.
  CHECK(display(b.arr({make_nil(), make_int(1)})) == "[nil 1]");
  CHECK(repr(b.arr({make_nil()})) == "[nil]");
  CHECK(display(b.arr({make_char('c')})) == "[c]");
  CHECK(repr(b.arr({make_char('c')})) == "['c']");
  CHECK(repr(b.arr({make_float(1.0), make_float(2.5)})) == "[1.0 2.5]");
  CHECK(repr(b.arr({b.arr({b.arr({})})})) == "[[[]]]");
}

TEST_CASE("printer: maps", "[printer]") {
  Build b;
  Value m = b.map({{"k", b.str("v")}});
  CHECK(repr(m) == "{^k \"v\"}");
  CHECK(display(m) == "{^k v}");
  CHECK(to_s(m) == "{^k \"v\"}");
  CHECK(repr(b.map({})) == "{}");
  CHECK(display(b.map({})) == "{}");
  // Insertion order, not name order.
  CHECK(repr(b.map({{"b", make_int(1)}, {"a", make_int(2)}})) == "{^b 1 ^a 2}");
  CHECK(display(b.map({{"a", make_nil()}})) == "{^a nil}");
  CHECK(repr(b.map({{"a-b", make_bool(true)}, {"1", make_int(1)}})) == "{^a-b true ^1 1}");
  CHECK(display(b.map({{"x", b.arr({b.str("s")})}})) == "{^x [s]}");
}

TEST_CASE("printer: the spec's println examples", "[printer]") {
  Build b;
  // (println ["a" 1.0 :s [2 "b"] {^k "v"}])  prints [a 1.0 s [2 b] {^k v}]
  Value a = b.arr({b.str("a"), make_float(1.0), sym("s"), b.arr({make_int(2), b.str("b")}),
                   b.map({{"k", b.str("v")}})});
  CHECK(display(a) == "[a 1.0 s [2 b] {^k v}]");
  // (println :(f "s" [1 "t"]))  prints (f "s" [1 "t"])
  Value g = b.gene(sym("f"), {}, {b.str("s"), b.arr({make_int(1), b.str("t")})});
  CHECK(display(g) == "(f \"s\" [1 \"t\"])");
  // (println (_ 1 2))  prints (_ 1 2)
  CHECK(display(b.gene(make_placeholder(), {}, {make_int(1), make_int(2)})) == "(_ 1 2)");
  // (println (0 .. 3))  prints 0..3
  CHECK(display(b.range(0, 3, 1)) == "0..3");
}

TEST_CASE("printer: genes", "[printer]") {
  Build b;
  CHECK(repr(b.gene(make_nil(), {}, {})) == "(nil)");
  CHECK(display(b.gene(make_nil(), {}, {})) == "(nil)");
  CHECK(repr(b.gene(sym("f"), {{"a", make_int(1)}}, {b.str("s")})) == "(f ^a 1 \"s\")");
  CHECK(repr(b.gene(sym("f"), {{"a", make_int(1)}, {"b", b.str("x")}}, {})) ==
        "(f ^a 1 ^b \"x\")");
  CHECK(repr(b.gene(sym("f"), {}, {})) == "(f)");
  // A gene type may itself be a gene.
  CHECK(repr(b.gene(b.gene(sym("g"), {}, {}), {}, {make_int(1)})) == "((g) 1)");
  // Everything inside a gene is repr, even inside arrays and maps within it.
  CHECK(display(b.gene(sym("f"), {{"k", b.str("v")}}, {b.map({{"m", b.str("w")}})})) ==
        "(f ^k \"v\" {^m \"w\"})");
  CHECK(display(b.gene(sym("f"), {}, {make_nil(), make_char('c')})) == "(f nil 'c')");
  // A gene inside a displayed array is still repr; its siblings are display.
  CHECK(display(b.arr({b.str("a"), b.gene(sym("f"), {}, {b.str("b")})})) ==
        "[a (f \"b\")]");
  CHECK(to_s(b.gene(sym("f"), {}, {b.str("b")})) == "(f \"b\")");
}

TEST_CASE("printer: ranges", "[printer]") {
  Build b;
  CHECK(repr(b.range(0, 3, 1)) == "0..3");
  CHECK(repr(b.range(0, 10, 2)) == "0..10 step 2");
  CHECK(display(b.range(10, 0, -1)) == "10..0 step -1");
  CHECK(repr(b.range(-5, -1, 1)) == "-5..-1");
  CHECK(repr(b.arr({b.range(1, 2, 1)})) == "[1..2]");
}

TEST_CASE("printer: quote, unquote, explode", "[printer]") {
  Build b;
  CHECK(repr(b.quote(sym("x"))) == ":x");
  CHECK(repr(b.quote(b.gene(sym("f"), {}, {make_int(1)}))) == ":(f 1)");
  CHECK(repr(b.quote(b.str("s"))) == ":\"s\"");
  CHECK(repr(b.quote(b.arr({make_int(1), sym("a")}))) == ":[1 a]");
  CHECK(repr(b.unquote(sym("x"))) == "%x");
  CHECK(repr(b.unquote(sym("x"), true)) == "%_x");
  CHECK(repr(b.gene(sym("f"), {}, {b.unquote(make_int(2))})) == "(f %2)");
  Value ex = value_of(b.heap.make<Explode>(b.arr({make_int(1), make_int(2)})));
  CHECK(repr(ex) == "VkExplode");
}

TEST_CASE("printer: kinds without a data form print their kind name", "[printer]") {
  Build b;
  CHECK(repr(b.fake(Tag::Function)) == "VkFunction");
  CHECK(display(b.fake(Tag::Function)) == "VkFunction");
  CHECK(to_s(b.fake(Tag::NativeFn)) == "VkNativeFn");
  CHECK(repr(b.fake(Tag::BoundMethod)) == "VkBoundMethod");
  CHECK(repr(b.fake(Tag::Class)) == "VkClass");
  CHECK(repr(b.fake(Tag::Instance)) == "VkInstance");
  CHECK(repr(b.fake(Tag::Namespace)) == "VkNamespace");
  CHECK(repr(b.fake(Tag::Proto)) == "VkInternal");
  CHECK(repr(b.arr({b.fake(Tag::Function)})) == "[VkFunction]");
}

TEST_CASE("printer: self-containing data prints a back-reference", "[printer]") {
  Build b;
  Value a = b.arr({make_int(1)});
  as_array(a)->items.push_back(a);
  CHECK(repr(a) == "[1 [...]]");
  CHECK(display(a) == "[1 [...]]");

  Value m = b.map({{"x", make_int(1)}});
  as_map(m)->map.set(intern("self"), m);
  CHECK(repr(m) == "{^x 1 ^self {...}}");

  Value g = b.gene(sym("f"), {}, {});
  as_gene(g)->children.push_back(g);
  CHECK(repr(g) == "(f (...))");

  // Mutual recursion through two containers.
  Value outer = b.arr({});
  Value inner = b.map({{"up", outer}});
  as_array(outer)->items.push_back(inner);
  CHECK(repr(outer) == "[{^up [...]}]");

  // Sharing without a cycle is printed in full each time.
  Value leaf = b.arr({make_int(1)});
  CHECK(repr(b.arr({leaf, leaf})) == "[[1] [1]]");
}

TEST_CASE("printer: cycles deeper than the scan window", "[printer]") {
  Build b;
  constexpr int kDepth = 40;
  Value first = b.arr({});
  Value cur = first;
  for (int i = 1; i < kDepth; ++i) {
    Value next = b.arr({});
    as_array(cur)->items.push_back(next);
    cur = next;
  }
  as_array(cur)->items.push_back(first);
  std::string expect = std::string(kDepth, '[') + "[...]" + std::string(kDepth, ']');
  CHECK(repr(first) == expect);

  // A shared leaf seen twice at depth > 40 is not mistaken for a cycle.
  Value leaf = b.arr({});
  Value deep = b.arr({leaf, leaf});
  for (int i = 0; i < 50; ++i) deep = b.arr({deep});
  std::string want = std::string(50, '[') + "[[] []]" + std::string(50, ']');
  CHECK(repr(deep) == want);
}

TEST_CASE("printer: 100,000-deep nesting does not overflow the stack", "[printer]") {
  Build b;
  constexpr size_t kDepth = 100000;
  Value v = b.arr({});
  for (size_t i = 1; i < kDepth; ++i) v = b.arr({v});
  std::string s = repr(v);
  REQUIRE(s.size() >= 2 * 2000);
  CHECK(s.substr(0, 5) == "[[[[[");
  CHECK(s.substr(s.size() - 5) == "]]]]]");
  std::string d = display(v);
  CHECK(d.size() == s.size());

  Value g = b.gene(sym("f"), {}, {});
  for (size_t i = 1; i < kDepth; ++i) g = b.gene(sym("f"), {}, {g});
  std::string gs = repr(g);
  CHECK(gs.substr(0, 6) == "(f (f ");
  CHECK(gs.back() == ')');
}
