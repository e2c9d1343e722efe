// The embedding API: values held by C++ stay alive across collections; heap cap; JIT.
#include <catch2/catch.hpp>

#include <gene/gene.hpp>

#include <string>
#include <vector>

TEST_CASE("handles keep values alive across collections", "[embed]") {
  gene::EngineOptions options;
  options.gc_stress = true;  // collect at every allocation
  gene::Engine engine(options);
  gene::Handle kept = engine.eval("[\"alive\" {^k [1 2 3]}]");
  gene::Handle closure = engine.eval("(do (var secret \"captured\") (fnx [] secret))");
  std::vector<gene::Handle> many;
  for (int i = 0; i < 50; ++i) many.push_back(engine.make(std::to_string(i)));
  engine.eval("(var junk []) (for i in (0 .. 200) (junk .add #\"x#{i}\"))");
  engine.collect_garbage();
  CHECK(kept.repr() == "[\"alive\" {^k [1 2 3]}]");
  CHECK(closure().as_string() == "captured");
  for (int i = 0; i < 50; ++i) CHECK(many[static_cast<size_t>(i)].as_string() == std::to_string(i));
  // Copies and moves each keep the value.
  gene::Handle copy = kept;
  gene::Handle moved = std::move(kept);
  engine.collect_garbage();
  CHECK(copy.repr() == moved.repr());
}

TEST_CASE("natives under gc stress: arguments, results and captured handles survive", "[embed]") {
  gene::EngineOptions options;
  options.gc_stress = true;
  gene::Engine engine(options);
  gene::Handle table = engine.eval("{^base \"b\"}");
  engine.define("decorate", [table](const std::string& s, const std::vector<std::string>& parts) {
    std::string out = table.get("base").as_string() + s;
    for (const std::string& p : parts) out += p;
    return std::vector<std::string>{out, out + "!"};
  });
  CHECK(engine.eval("(decorate #\"x#{1}\" [\"p\" #\"q#{2}\"])").repr() == "[\"bx1pq2\" \"bx1pq2!\"]");
  engine.define_class("Box").constructor([](gene::Handle self, gene::Handle v) { self.set("v", v); }).method("get", [](gene::Handle self) {
    return self.get("v");
  });
  CHECK(engine.eval("(var b (new Box [\"in\" \"box\"])) (b .get)").repr() == "[\"in\" \"box\"]");
}

TEST_CASE("the heap cap raises a catchable out-of-memory error", "[embed]") {
  gene::EngineOptions options;
  options.max_heap_bytes = size_t{16} << 20;
  gene::Engine engine(options);
  const char* grow = "(var a []) (while true (a .add #\"#{(a .size)} padding padding padding padding\"))";
  CHECK_THROWS_WITH(engine.eval(grow), Catch::Contains("out of memory"));
  // The engine stays usable.
  CHECK(engine.eval("(1 + 1)").as_int() == 2);
  CHECK(engine.eval(std::string("(try (do ") + grow + ") catch * \"caught\")").as_string() == "caught");
}

#ifdef GENE_TEST_JIT_PLUGIN
TEST_CASE("the JIT tier runs natives and Gene code alike", "[embed]") {
  gene::EngineOptions options;
  options.jit = true;
  options.jit_threshold = 0;
  options.jit_plugin = GENE_TEST_JIT_PLUGIN;
  gene::Engine engine(options);
  engine.define("twice", [](int64_t x) { return 2 * x; });
  engine.eval("(fn fib [n] (if (n < 2) n else ((fib (n - 1)) + (fib (n - 2)))))");
  CHECK(engine.call("fib", 20).as_int() == 6765);
  CHECK(engine.eval("(do (var s 0) (for i in (1 .. 100) (s = (s + (twice i)))) s)").as_int() == 10100);
  CHECK(engine.eval("(try (twice \"x\") catch * $ex/message)").as_string() == "twice: argument 1 must be Int, got String");
}
#endif

TEST_CASE("a JIT that cannot load is a gene::Error, not a crash", "[embed]") {
  gene::EngineOptions options;
  options.jit = true;
  options.jit_plugin = "/nonexistent/libgene-jit.so";
  CHECK_THROWS_AS(gene::Engine(options), gene::Error);
}
