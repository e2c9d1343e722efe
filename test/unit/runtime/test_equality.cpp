// `==` (§4.2, §20a decisions 3-4) and exact numeric ordering.
#include <catch2/catch.hpp>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string_view>
#include <utility>

#include "runtime/equality.hpp"
#include "runtime/heap.hpp"
#include "runtime/object.hpp"
#include "runtime/symbol.hpp"

using namespace gene;

namespace {

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
  Value quote(Tag t, Value v, bool discard = false) {
    Quote* q = heap.make<Quote>(t, v);
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
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

}  // namespace

TEST_CASE("equality: numbers", "[equality]") {
  CHECK(values_equal(make_int(1), make_int(1)));
  CHECK_FALSE(values_equal(make_int(1), make_int(2)));
  CHECK(values_equal(make_float(1.5), make_float(1.5)));
  CHECK_FALSE(values_equal(make_float(1.5), make_float(2.5)));
  // (1 == 1.0) is false: == also compares kinds.
  CHECK_FALSE(values_equal(make_int(1), make_float(1.0)));
  CHECK_FALSE(values_equal(make_float(1.0), make_int(1)));
  CHECK_FALSE(values_equal(make_int(0), make_float(0.0)));
  // IEEE numeric equality.
  CHECK_FALSE(values_equal(make_float(kNaN), make_float(kNaN)));
  CHECK(values_equal(make_float(0.0), make_float(-0.0)));
  CHECK(values_equal(make_float(0.1 + 0.2), make_float(0.1 + 0.2)));
  CHECK_FALSE(values_equal(make_float(0.1 + 0.2), make_float(0.3)));
}

TEST_CASE("equality: nil, bool, placeholder, void, chars", "[equality]") {
  CHECK(values_equal(make_nil(), make_nil()));
  CHECK_FALSE(values_equal(make_nil(), make_bool(false)));
  CHECK_FALSE(values_equal(make_bool(false), make_nil()));
  CHECK(values_equal(make_bool(true), make_bool(true)));
  CHECK(values_equal(make_bool(false), make_bool(false)));
  CHECK_FALSE(values_equal(make_bool(true), make_bool(false)));
  CHECK_FALSE(values_equal(make_int(0), make_bool(false)));
  CHECK_FALSE(values_equal(make_int(0), make_nil()));
  CHECK(values_equal(make_placeholder(), make_placeholder()));
  CHECK(values_equal(make_void(), make_void()));
  CHECK_FALSE(values_equal(make_void(), make_nil()));
  CHECK(values_equal(make_char('a'), make_char('a')));
  CHECK_FALSE(values_equal(make_char('a'), make_char('b')));
}

TEST_CASE("equality: strings by content, symbols by name", "[equality]") {
  Build b;
  CHECK(values_equal(b.str("abc"), b.str("abc")));
  // The VM compared strings longer than 6 bytes by identity; intended: content.
  CHECK(values_equal(b.str("abcdefgh"), b.str("abcdefgh")));
  CHECK_FALSE(values_equal(b.str("abc"), b.str("abd")));
  CHECK_FALSE(values_equal(b.str("abc"), b.str("abc ")));
  CHECK(values_equal(b.str(""), b.str("")));
  CHECK_FALSE(values_equal(b.str("a"), make_char('a')));
  CHECK_FALSE(values_equal(b.str("a"), sym("a")));
  CHECK(values_equal(sym("a"), sym("a")));
  CHECK_FALSE(values_equal(sym("a"), sym("b")));
  CHECK(values_equal(b.complex({"a", "b"}), b.complex({"a", "b"})));
  CHECK_FALSE(values_equal(b.complex({"a", "b"}), b.complex({"a", "c"})));
  CHECK_FALSE(values_equal(b.complex({"a", "b"}), b.complex({"a", "b", "c"})));
  CHECK_FALSE(values_equal(b.complex({"a"}), sym("a")));
}

TEST_CASE("equality: arrays are element-wise and ordered", "[equality]") {
  Build b;
  CHECK(values_equal(b.arr({}), b.arr({})));
  CHECK(values_equal(b.arr({make_int(1), b.str("s")}), b.arr({make_int(1), b.str("s")})));
  CHECK_FALSE(values_equal(b.arr({make_int(1), make_int(2)}), b.arr({make_int(2), make_int(1)})));
  CHECK_FALSE(values_equal(b.arr({make_int(1)}), b.arr({make_int(1), make_int(1)})));
  CHECK_FALSE(values_equal(b.arr({make_int(1)}), b.arr({make_float(1.0)})));
  CHECK(values_equal(b.arr({b.arr({make_int(1)}), b.arr({})}),
                     b.arr({b.arr({make_int(1)}), b.arr({})})));
  CHECK_FALSE(values_equal(b.arr({b.arr({make_int(1)})}), b.arr({b.arr({make_int(2)})})));
  CHECK_FALSE(values_equal(b.arr({}), b.map({})));
  Value a = b.arr({make_int(1)});
  CHECK(values_equal(a, a));
}

TEST_CASE("equality: maps ignore key order", "[equality]") {
  Build b;
  CHECK(values_equal(b.map({}), b.map({})));
  CHECK(values_equal(b.map({{"a", make_int(1)}, {"b", make_int(2)}}),
                     b.map({{"b", make_int(2)}, {"a", make_int(1)}})));
  CHECK_FALSE(values_equal(b.map({{"a", make_int(1)}}), b.map({{"a", make_int(2)}})));
  CHECK_FALSE(values_equal(b.map({{"a", make_int(1)}}), b.map({{"b", make_int(1)}})));
  CHECK_FALSE(values_equal(b.map({{"a", make_int(1)}}),
                           b.map({{"a", make_int(1)}, {"b", make_int(2)}})));
  CHECK(values_equal(b.map({{"a", b.arr({b.str("x")})}}), b.map({{"a", b.arr({b.str("x")})}})));
  CHECK(values_equal(b.map({{"a", make_nil()}}), b.map({{"a", make_nil()}})));
}

TEST_CASE("equality: genes are structural", "[equality]") {
  Build b;
  CHECK(values_equal(b.gene(sym("f"), {{"a", make_int(1)}}, {b.str("s")}),
                     b.gene(sym("f"), {{"a", make_int(1)}}, {b.str("s")})));
  CHECK_FALSE(values_equal(b.gene(sym("f"), {}, {}), b.gene(sym("g"), {}, {})));
  CHECK_FALSE(values_equal(b.gene(sym("f"), {{"a", make_int(1)}}, {}),
                           b.gene(sym("f"), {{"a", make_int(2)}}, {})));
  CHECK_FALSE(values_equal(b.gene(sym("f"), {{"a", make_int(1)}}, {}),
                           b.gene(sym("f"), {{"b", make_int(1)}}, {})));
  CHECK_FALSE(values_equal(b.gene(sym("f"), {}, {make_int(1)}),
                           b.gene(sym("f"), {}, {make_int(1), make_int(2)})));
  CHECK_FALSE(values_equal(b.gene(sym("f"), {}, {make_int(1)}),
                           b.gene(sym("f"), {}, {make_int(2)})));
  // Props compare as maps.
  CHECK(values_equal(b.gene(sym("f"), {{"a", make_int(1)}, {"b", make_int(2)}}, {}),
                     b.gene(sym("f"), {{"b", make_int(2)}, {"a", make_int(1)}}, {})));
  CHECK(values_equal(b.gene(make_nil(), {}, {}), b.gene(make_nil(), {}, {})));
  CHECK(values_equal(b.gene(b.gene(sym("g"), {}, {}), {}, {}),
                     b.gene(b.gene(sym("g"), {}, {}), {}, {})));
  CHECK_FALSE(values_equal(b.gene(sym("f"), {}, {}), b.arr({sym("f")})));
}

TEST_CASE("equality: quotes, ranges, identity kinds", "[equality]") {
  Build b;
  CHECK(values_equal(b.quote(Tag::Quote, sym("x")), b.quote(Tag::Quote, sym("x"))));
  CHECK_FALSE(values_equal(b.quote(Tag::Quote, sym("x")), b.quote(Tag::Quote, sym("y"))));
  CHECK_FALSE(values_equal(b.quote(Tag::Quote, sym("x")), b.quote(Tag::Unquote, sym("x"))));
  CHECK_FALSE(values_equal(b.quote(Tag::Unquote, sym("x"), true),
                           b.quote(Tag::Unquote, sym("x"), false)));
  CHECK(values_equal(b.quote(Tag::Quote, b.arr({make_int(1)})),
                     b.quote(Tag::Quote, b.arr({make_int(1)}))));
  CHECK(values_equal(b.range(0, 3, 1), b.range(0, 3, 1)));
  CHECK_FALSE(values_equal(b.range(0, 3, 1), b.range(0, 3, 2)));
  CHECK_FALSE(values_equal(b.range(0, 3, 1), b.range(0, 4, 1)));
  Value f = b.fake(Tag::Function);
  CHECK(values_equal(f, f));
  CHECK_FALSE(values_equal(f, b.fake(Tag::Function)));
  Value inst = b.fake(Tag::Instance);
  CHECK(values_equal(inst, inst));
  CHECK_FALSE(values_equal(inst, b.fake(Tag::Instance)));
  CHECK_FALSE(values_equal(b.fake(Tag::Class), b.fake(Tag::Class)));
}

TEST_CASE("equality: cyclic data terminates", "[equality]") {
  Build b;
  Value a = b.arr({make_int(1)});
  as_array(a)->items.push_back(a);
  CHECK(values_equal(a, a));
  Value c = b.arr({make_int(2)});
  as_array(c)->items.push_back(c);
  CHECK_FALSE(values_equal(a, c));  // first elements differ
  Value d = b.arr({make_int(1)});
  as_array(d)->items.push_back(d);
  (void)values_equal(a, d);  // either answer is fine; it must return

  Value m1 = b.map({});
  as_map(m1)->map.set(intern("self"), m1);
  Value m2 = b.map({});
  as_map(m2)->map.set(intern("self"), m2);
  (void)values_equal(m1, m2);
  CHECK(values_equal(m1, m1));
}

TEST_CASE("equality: 300,000-deep data compares by content without overflowing the stack", "[equality]") {
  Build b;
  constexpr int kDepth = 300000;  // beyond 2^18, where a depth limit once answered false
  Value x = b.arr({make_int(7)});
  Value y = b.arr({make_int(7)});
  Value z = b.arr({make_int(8)});
  for (int i = 1; i < kDepth; ++i) {
    x = b.arr({x});
    y = b.arr({y});
    z = b.arr({z});
  }
  CHECK_FALSE(values_equal(x, z));
  CHECK(values_equal(x, y));
  CHECK(values_equal(x, x));
}

TEST_CASE("compare_numbers: exact across Int and Float", "[equality]") {
  CHECK(compare_numbers(make_int(1), make_int(2)) == -1);
  CHECK(compare_numbers(make_int(2), make_int(1)) == 1);
  CHECK(compare_numbers(make_int(5), make_int(5)) == 0);
  CHECK(compare_numbers(make_float(1.5), make_float(2.5)) == -1);
  CHECK(compare_numbers(make_float(2.5), make_float(2.5)) == 0);
  CHECK(compare_numbers(make_int(1), make_float(1.0)) == 0);
  CHECK(compare_numbers(make_int(1), make_float(1.5)) == -1);
  CHECK(compare_numbers(make_int(2), make_float(1.5)) == 1);
  CHECK(compare_numbers(make_int(-1), make_float(-1.5)) == 1);
  CHECK(compare_numbers(make_int(-2), make_float(-1.5)) == -1);
  CHECK(compare_numbers(make_float(1.5), make_int(1)) == 1);
  CHECK(compare_numbers(make_float(-0.0), make_int(0)) == 0);
  // 2^53 + 1 is not a double; rounding it would wrongly say "equal".
  CHECK(compare_numbers(make_int(9007199254740993), make_float(9007199254740992.0)) == 1);
  CHECK(compare_numbers(make_float(9007199254740992.0), make_int(9007199254740993)) == -1);
  CHECK(compare_numbers(make_int(9007199254740992), make_float(9007199254740992.0)) == 0);
  const int64_t kMax = std::numeric_limits<int64_t>::max();
  const int64_t kMin = std::numeric_limits<int64_t>::min();
  CHECK(compare_numbers(make_int(kMax), make_float(9223372036854775808.0)) == -1);
  CHECK(compare_numbers(make_int(kMin), make_float(-9223372036854775808.0)) == 0);
  CHECK(compare_numbers(make_int(kMin), make_float(-1e19)) == 1);
  CHECK(compare_numbers(make_int(kMax), make_float(kInf)) == -1);
  CHECK(compare_numbers(make_int(kMin), make_float(-kInf)) == 1);
  CHECK(compare_numbers(make_float(kInf), make_int(kMax)) == 1);
}

TEST_CASE("compare_numbers: NaN is unordered", "[equality]") {
  CHECK(compare_numbers(make_float(kNaN), make_float(1.0)) == 2);
  CHECK(compare_numbers(make_float(1.0), make_float(kNaN)) == 2);
  CHECK(compare_numbers(make_int(1), make_float(kNaN)) == 2);
  CHECK(compare_numbers(make_float(kNaN), make_int(1)) == 2);
  CHECK(compare_numbers(make_float(kNaN), make_float(kNaN)) == 2);
}
