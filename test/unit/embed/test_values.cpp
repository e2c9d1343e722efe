// The embedding API: converting values both ways, names, evaluation.
#include <catch2/catch.hpp>

#include <gene/gene.hpp>

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

TEST_CASE("every value kind round-trips through Gene", "[embed]") {
  gene::Engine engine;
  // C++ -> Gene -> C++, each value passed through a Gene identity function and printed by Gene.
  engine.eval("(fn id [x] x)");
  CHECK(engine.call("id", 42).as_int() == 42);
  CHECK(engine.call("id", int64_t{-9007199254740993}).as_int() == -9007199254740993);
  CHECK(engine.call("id", 2.5).as_float() == 2.5);
  CHECK(engine.call("id", true).as_bool() == true);
  CHECK(engine.call("id", false).as_bool() == false);
  CHECK(engine.call("id", "text").as_string() == "text");
  CHECK(engine.call("id", std::string("a\0b", 3)).as_string() == std::string("a\0b", 3));
  CHECK(engine.call("id", nullptr).is_nil());
  CHECK(engine.call("id", std::vector<int>{1, 2, 3}).as<std::vector<int>>() == std::vector<int>{1, 2, 3});
  std::map<std::string, double> m{{"x", 1.5}, {"y", -2}};
  CHECK(engine.call("id", m).as<std::map<std::string, double>>() == m);
  std::vector<std::vector<std::string>> nested{{"a"}, {}, {"b", "c"}};
  CHECK(engine.call("id", nested).as<decltype(nested)>() == nested);
  CHECK(engine.call("id", std::optional<int>()).as<std::optional<int>>() == std::nullopt);
  CHECK(engine.call("id", std::optional<int>(7)).as<std::optional<int>>() == 7);

  // What Gene sees of C++ values.
  CHECK(engine.make(std::vector<int>{1, 2}).repr() == "[1 2]");
  CHECK(engine.make(std::map<std::string, int>{{"a", 1}}).repr() == "{^a 1}");
  CHECK(engine.make("q").repr() == "\"q\"");
  CHECK(engine.make(nullptr).repr() == "nil");
  CHECK(engine.make(1.0).repr() == "1.0");
}

TEST_CASE("Gene values convert to C++", "[embed]") {
  gene::Engine engine;
  CHECK(engine.eval("(1 + 2)").as_int() == 3);
  CHECK(engine.eval("(7 / 2.0)").as_float() == 3.5);
  CHECK(engine.eval("(1 < 2)").as_bool());
  CHECK(engine.eval("nil").kind() == gene::Kind::Nil);
  CHECK(engine.eval("\"ab\"").kind() == gene::Kind::String);
  CHECK(engine.eval("(fn f [] 1)").kind() == gene::Kind::Function);
  CHECK(engine.eval(":sym").kind() == gene::Kind::Other);
  auto entries = engine.eval("{^b 2 ^a [1 \"x\" nil]}").entries();
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].first == "b");  // insertion order
  CHECK(entries[0].second.as_int() == 2);
  CHECK(entries[1].first == "a");
  auto items = entries[1].second.items();
  REQUIRE(items.size() == 3);
  CHECK(items[1].as_string() == "x");
  CHECK(items[2].is_nil());
  auto um = engine.eval("{^k [true false]}").as<std::unordered_map<std::string, std::vector<bool>>>();
  CHECK(um.at("k") == std::vector<bool>{true, false});
  // An Int converts to a double, not the other way round.
  CHECK(engine.eval("3").as<double>() == 3.0);
  CHECK_THROWS_AS(engine.eval("3.5").as<int>(), gene::Error);
  CHECK_THROWS_WITH(engine.eval("\"s\"").as_int(), "expected Int, got String");
  CHECK_THROWS_WITH(engine.eval("[1 \"s\"]").as<std::vector<int>>(), "expected Array of Int, got Array");
  // An Int that does not fit the C++ type is refused, not truncated.
  CHECK_THROWS_WITH(engine.eval("300").as<uint8_t>(), "expected Int in 0..255, got 300");
  CHECK_THROWS_WITH(engine.eval("-1").as<uint32_t>(), "expected Int in 0..4294967295, got -1");
  CHECK(engine.eval("255").as<uint8_t>() == 255);
}

TEST_CASE("evaluations share one module; names resolve as in Gene", "[embed]") {
  gene::Engine engine;
  engine.eval("(fn double [x] (x * 2))");
  engine.eval("(var counter 10)");
  CHECK(engine.eval("(double counter)").as_int() == 20);
  CHECK(engine.get("double").kind() == gene::Kind::Function);
  CHECK(engine.get("no_such_name").is_nil());
  CHECK(engine.get("gene/json/parse").kind() == gene::Kind::Function);
  engine.set("limit", 5);
  CHECK(engine.eval("(limit + 1)").as_int() == 6);
  CHECK_THROWS_WITH(engine.call("missing", 1), "missing is not defined");
  // Properties of maps through handles.
  gene::Handle m = engine.eval("{^a 1}");
  m.set("b", std::string("two"));
  CHECK(m.get("b").as_string() == "two");
  CHECK(m.get("zzz").is_nil());
  CHECK(m.repr() == "{^a 1 ^b \"two\"}");
  // Methods of builtin values.
  CHECK(engine.make(std::vector<int>{3, 4}).method("size").as_int() == 2);
}

TEST_CASE("output goes to the sink, in order, errors included", "[embed]") {
  std::string out;
  gene::EngineOptions options;
  options.output = [&](std::string_view s) { out += s; };
  options.args = {"one", "two"};
  gene::Engine engine(options);
  engine.eval("(println \"hello\") (print 1 2)");
  CHECK(out == "hello\n1 2");
  CHECK_THROWS_AS(engine.eval("(println \"before\") (throw \"x\")"), gene::Error);
  CHECK(out == "hello\n1 2before\n");
  engine.eval("(println $cmd_args)");
  CHECK(out == "hello\n1 2before\n[one two]\n");
}

TEST_CASE("evaluating a file", "[embed]") {
  gene::Engine engine;
  CHECK_THROWS_WITH(engine.eval_file("/nonexistent/file.gene"), Catch::Contains("cannot read /nonexistent/file.gene"));
}
