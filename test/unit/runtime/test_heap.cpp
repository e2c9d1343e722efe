// The mark-sweep collector (heap.hpp) and PropMap ordering (object.cpp).
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "runtime/heap.hpp"
#include "runtime/object.hpp"
#include "runtime/pool.hpp"
#include "runtime/symbol.hpp"

using namespace gene;

namespace {

Value new_array(Heap& h) { return value_of(h.make<Array>()); }

}  // namespace

TEST_CASE("gc: unreachable objects are swept", "[gc]") {
  Heap h;
  CHECK(h.live_objects() == 0);
  for (int i = 0; i < 10; ++i) h.string_value("garbage");
  CHECK(h.live_objects() == 10);
  CHECK(h.objects_allocated_total() == 10);
  h.collect();
  CHECK(h.live_objects() == 0);
  CHECK(h.objects_allocated_total() == 10);
  CHECK(h.collections() == 1);
}

TEST_CASE("gc: a Root keeps a value and everything it references alive", "[gc]") {
  Heap h;
  Root r(h, new_array(h));
  Array* a = as_array(r.value);
  a->items.push_back(h.string_value("one"));
  a->items.push_back(make_int(2));  // immediates are not objects
  Value m = value_of(h.make<Map>());
  a->items.push_back(m);
  as_map(m)->map.set(intern("k"), h.string_value("v"));
  h.string_value("unreachable");
  CHECK(h.live_objects() == 5);
  h.collect();
  CHECK(h.live_objects() == 4);
  CHECK(as_string(a->items[0])->view() == "one");
  CHECK(as_string(as_map(m)->map.find(intern("k"))[0])->view() == "v");
  h.collect();  // marks are reset between collections
  CHECK(h.live_objects() == 4);
}

TEST_CASE("gc: dropping a Root lets its value be swept", "[gc]") {
  Heap h;
  {
    Root r(h, new_array(h));
    as_array(r.value)->items.push_back(h.string_value("xy"));
    h.collect();
    CHECK(h.live_objects() == 2);
  }
  h.collect();
  CHECK(h.live_objects() == 0);
}

TEST_CASE("gc: genes trace type, props and children; quotes their value", "[gc]") {
  Heap h;
  Gene* g = h.make<Gene>();
  Root r(h, value_of(g));
  g->type = h.string_value("type");
  g->props.set(intern("p"), h.string_value("prop"));
  g->children.push_back(h.string_value("child"));
  g->children.push_back(value_of(h.make<Quote>(Tag::Quote, h.string_value("quoted"))));
  g->children.push_back(value_of(h.make<Explode>(h.string_value("exploded"))));
  g->children.push_back(sym_value("a-symbol"));  // interned, not on the heap
  for (int i = 0; i < 3; ++i) h.string_value("junk");
  CHECK(h.live_objects() == 11);
  h.collect();
  CHECK(h.live_objects() == 8);
}

TEST_CASE("gc: root sources report roots until removed", "[gc]") {
  Heap h;
  std::vector<Value> stack;
  int id = h.add_root_source([&stack](Marker& m) {
    for (Value v : stack) m.mark(v);
  });
  stack.push_back(h.string_value("aa"));
  stack.push_back(h.string_value("bb"));
  h.string_value("cc");
  h.collect();
  CHECK(h.live_objects() == 2);
  stack.pop_back();
  h.collect();
  CHECK(h.live_objects() == 1);
  h.remove_root_source(id);
  h.collect();
  CHECK(h.live_objects() == 0);
}

TEST_CASE("gc: the empty string and one-byte ASCII strings are made once and kept", "[gc]") {
  Heap h;
  String* a = h.string("a");
  CHECK(h.string("a") == a);
  CHECK(h.string_of({"", "a", ""}) == a);
  CHECK(h.string("") == h.string_of({}));
  CHECK(h.string("ab") != h.string("ab"));     // longer strings are made each time
  CHECK(h.string("\x80") != h.string("\x80"));  // a byte of a UTF-8 character is not shared
  h.collect();
  CHECK(h.live_objects() == 2);  // "a" and "", unreferenced
  CHECK(h.string("a") == a);
  CHECK(a->view() == "a");
}

TEST_CASE("gc: stress mode collects on every allocation; pause holds it", "[gc]") {
  Heap h;
  h.set_stress(true);
  Root keep(h, h.string_value("kept"));
  h.string_value("dropped");
  size_t before = h.collections();
  h.string_value("next");  // collects first: "dropped" goes, "kept" stays
  CHECK(h.collections() == before + 1);
  CHECK(h.live_objects() == 2);
  CHECK(as_string(keep.value)->view() == "kept");
  {
    GcPause pause(h);
    size_t at = h.collections();
    for (int i = 0; i < 5; ++i) h.string_value("temp");
    CHECK(h.collections() == at);
    CHECK(h.live_objects() == 7);
  }
  h.set_stress(false);
  h.collect();
  CHECK(h.live_objects() == 1);
}

TEST_CASE("gc: 100,000-deep nested arrays are marked and swept iteratively", "[gc]") {
  Heap h;
  constexpr size_t kDepth = 100000;
  {
    Root top(h, new_array(h));
    for (size_t i = 1; i < kDepth; ++i) {
      Value outer = new_array(h);
      as_array(outer)->items.push_back(top.value);
      top.value = outer;
    }
    h.collect();
    CHECK(h.live_objects() == kDepth);
  }
  h.collect();
  CHECK(h.live_objects() == 0);

  // Left alive: the heap's destructor frees it without recursion. Unrooted, so no
  // collection may run while it is built.
  GcPause pause(h);
  Value v = new_array(h);
  for (size_t i = 1; i < kDepth; ++i) {
    Value outer = new_array(h);
    as_array(outer)->items.push_back(v);
    v = outer;
  }
  CHECK(h.live_objects() == kDepth);
}

TEST_CASE("gc: cycles are collected", "[gc]") {
  Heap h;
  Value a = new_array(h);
  Value b = new_array(h);
  as_array(a)->items.push_back(b);
  as_array(b)->items.push_back(a);
  {
    Root r(h, a);
    h.collect();
    CHECK(h.live_objects() == 2);
  }
  h.collect();
  CHECK(h.live_objects() == 0);
}

TEST_CASE("gc: element storage counts towards the next collection wherever it grew", "[gc]") {
  Heap h;
  h.collect();
  size_t before = h.collections();
  // A few objects with large items: the object count alone would never trigger a
  // collection, the bytes of their items do (16 MiB is the floor).
  for (int i = 0; i < 40; ++i) {
    Array* a = as_array(new_array(h));
    a->items.assign(size_t{1} << 16, make_int(i));  // 1 MiB
  }
  CHECK(h.collections() > before);
  CHECK(h.live_objects() < 40);
}

TEST_CASE("PropMap: insertion order, update in place, erase", "[propmap]") {
  PropMap m;
  Symbol* a = intern("pm-a");
  Symbol* b = intern("pm-b");
  Symbol* c = intern("pm-c");
  CHECK(m.empty());
  CHECK(m.set(c, make_int(1)));
  CHECK(m.set(a, make_int(2)));
  CHECK(m.set(b, make_int(3)));
  REQUIRE(m.size() == 3);
  CHECK(m.entries()[0].first == c);
  CHECK(m.entries()[1].first == a);
  CHECK(m.entries()[2].first == b);

  // Setting an existing key keeps its position (§20a decision 7).
  CHECK_FALSE(m.set(a, make_int(20)));
  CHECK(m.size() == 3);
  CHECK(m.entries()[1].first == a);
  CHECK(as_int(*m.find(a)) == 20);

  Value out;
  CHECK(m.erase(c, &out));
  CHECK(as_int(out) == 1);
  CHECK_FALSE(m.erase(c));
  CHECK(m.find(c) == nullptr);
  REQUIRE(m.size() == 2);
  CHECK(m.entries()[0].first == a);
  CHECK(m.entries()[1].first == b);

  // A re-added key goes to the end.
  CHECK(m.set(c, make_int(9)));
  CHECK(m.entries()[2].first == c);
  const PropMap& cm = m;
  CHECK(as_int(*cm.find(b)) == 3);
}

TEST_CASE("PropMap: past the index threshold", "[propmap]") {
  PropMap m;
  constexpr int kKeys = 40;
  std::vector<Symbol*> keys;
  for (int i = 0; i < kKeys; ++i) keys.push_back(intern("pm-key-" + std::to_string(i)));
  // Insert in reverse name order so insertion order differs from symbol order.
  for (int i = kKeys - 1; i >= 0; --i) CHECK(m.set(keys[i], make_int(i)));
  REQUIRE(m.size() == kKeys);
  bool order_ok = true;
  for (int i = 0; i < kKeys; ++i) order_ok &= m.entries()[i].first == keys[kKeys - 1 - i];
  CHECK(order_ok);
  bool found_all = true;
  for (int i = 0; i < kKeys; ++i) {
    const Value* v = m.find(keys[i]);
    found_all &= v != nullptr && as_int(*v) == i;
  }
  CHECK(found_all);
  CHECK(m.find(intern("pm-key-missing")) == nullptr);

  // Update in place while indexed.
  CHECK_FALSE(m.set(keys[5], make_int(500)));
  CHECK(m.entries()[kKeys - 1 - 5].first == keys[5]);
  CHECK(as_int(*m.find(keys[5])) == 500);

  // Erase while indexed: lookups and order stay right.
  for (int i = 0; i < kKeys; i += 2) CHECK(m.erase(keys[i]));
  CHECK(m.size() == kKeys / 2);
  bool lookups_ok = true;
  for (int i = 0; i < kKeys; ++i) {
    const Value* v = m.find(keys[i]);
    lookups_ok &= (i % 2 == 0) ? v == nullptr : v != nullptr;
  }
  CHECK(lookups_ok);
  // Remaining: the odd keys, still in insertion order (39, 37, ..., 1).
  bool order_after_erase = true;
  for (size_t k = 0; k < m.size(); ++k)
    order_after_erase &= m.entries()[k].first == keys[kKeys - 1 - 2 * static_cast<int>(k)];
  CHECK(order_after_erase);

  // Shrinking below the threshold and growing again.
  for (int i = 1; i < kKeys - 4; i += 2) CHECK(m.erase(keys[i]));
  CHECK(m.size() == 2);
  CHECK(m.find(keys[kKeys - 3]) != nullptr);
  CHECK(m.find(keys[kKeys - 1]) != nullptr);
  for (int i = 0; i < kKeys; i += 2) m.set(keys[i], make_int(-i));
  CHECK(m.size() == 2 + kKeys / 2);
  CHECK(m.entries()[0].first == keys[kKeys - 1]);
  CHECK(m.entries()[2].first == keys[0]);
  CHECK(as_int(*m.find(keys[38])) == -38);
}

namespace {
std::atomic<int> g_growth_runs{0};
}  // namespace

// The executables give mimalloc 2 MiB pages from this hook (tools/fast_malloc.cpp).
TEST_CASE("pool: the growth hook runs once per thread, at its first 512 KiB or collection", "[gc]") {
  g_growth_runs = 0;
  pool::set_growth_hook([] { ++g_growth_runs; });
  size_t asked = 0;
  int runs_before = -1;
  std::thread([&] {
    std::vector<void*> blocks;
    constexpr size_t kBlock = 4096;
    while (g_growth_runs == 0 && asked < 2 * pool::kGrowthBytes) {
      if (runs_before < 0) runs_before = g_growth_runs;
      blocks.push_back(pool::allocate(kBlock));
      asked += kBlock;
    }
    pool::note_growth();  // the thread noted it already
    for (void* b : blocks) pool::release(b, kBlock);
  }).join();
  CHECK(runs_before == 0);
  CHECK(g_growth_runs == 1);
  CHECK(asked > pool::kGrowthBytes / 2);
  CHECK(asked <= pool::kGrowthBytes);
  // Another thread's first collection runs it again, and only once.
  std::thread([] {
    Heap h;
    h.string_value("x");
    h.collect();
    h.collect();
  }).join();
  CHECK(g_growth_runs == 2);
  pool::set_growth_hook(nullptr);
}
