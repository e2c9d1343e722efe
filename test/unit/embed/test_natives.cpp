// The embedding API: native functions and classes, errors across the boundary.
#include <catch2/catch.hpp>

#include <gene/gene.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace {
std::string error_of(gene::Engine& engine, std::string_view code) {
  try {
    engine.eval(code);
  } catch (const gene::Error& e) {
    return e.message();
  }
  return "no error";
}
}  // namespace

TEST_CASE("native functions take typed parameters", "[embed]") {
  gene::Engine engine;
  engine.define("add", [](int64_t a, int64_t b) { return a + b; });
  engine.define("greet", [](const std::string& name) { return "hi " + name; });
  engine.define("total", [](const std::vector<double>& xs) {
    double t = 0;
    for (double x : xs) t += x;
    return t;
  });
  int calls = 0;
  engine.define("touch", [&calls]() { ++calls; });
  CHECK(engine.eval("(add 2 3)").as_int() == 5);
  CHECK(engine.eval("(greet \"bob\")").as_string() == "hi bob");
  CHECK(engine.eval("(total [1 2.5])").as_float() == 3.5);
  CHECK(engine.eval("(touch)").is_nil());
  CHECK(calls == 1);
  // Gene code passes them around like any function.
  CHECK(engine.eval("([1 2 3] .map (x -> (add x 10)))").repr() == "[11 12 13]");
}

TEST_CASE("a native function called with wrong arguments raises a clear Gene error", "[embed]") {
  gene::Engine engine;
  engine.define("add", [](int64_t a, int64_t b) { return a + b; });
  engine.define("total", [](const std::vector<double>& xs) { return xs.size(); });
  CHECK(error_of(engine, "(add 1 \"2\")") == "add: argument 2 must be Int, got String");
  CHECK(error_of(engine, "(add nil 2)") == "add: argument 1 must be Int, got nil");
  CHECK(error_of(engine, "(add 1.5 2)") == "add: argument 1 must be Int, got Float");
  CHECK(error_of(engine, "(total [1 :x])") == "total: argument 1 must be Array of Float, got Array");
  CHECK(error_of(engine, "(add 1)") == "add expects 2 arguments, got 1");
  // An Int that the parameter's C++ type cannot hold is out of range, not of the wrong kind.
  engine.define("byte", [](uint8_t b) { return b; });
  CHECK(error_of(engine, "(byte 300)") == "byte: argument 1 must be Int in 0..255, got 300");
  CHECK(error_of(engine, "(byte \"x\")") == "byte: argument 1 must be Int, got String");
  // Gene code can catch it.
  CHECK(engine.eval("(try (add 1 \"x\") catch * $ex/message)").as_string() == "add: argument 2 must be Int, got String");
}

TEST_CASE("a C++ exception in a native function is a Gene error that try catches", "[embed]") {
  gene::Engine engine;
  engine.define("checked_sqrt", [](double x) {
    if (x < 0) throw std::domain_error("negative input");
    return std::sqrt(x);
  });
  engine.define("refuse", [](int64_t) -> int64_t { throw gene::Error("refused by the host"); });
  CHECK(engine.eval("(checked_sqrt 16)").as_float() == 4.0);
  CHECK(engine.eval("(try (checked_sqrt -1) catch * $ex/message)").as_string() == "checked_sqrt: negative input");
  CHECK(engine.eval("(try (refuse 1) catch * $ex/message)").as_string() == "refused by the host");
  // Uncaught, it reaches the host as gene::Error at the Gene call's position.
  try {
    engine.eval("(fn f [] (checked_sqrt -4))\n(f)", "calls.gene");
    FAIL("no error");
  } catch (const gene::Error& e) {
    CHECK(e.message() == "checked_sqrt: negative input");
    CHECK(e.location().file == "calls.gene");
    CHECK(e.location().line == 1);
    REQUIRE(e.trace().size() >= 2);
    CHECK(e.trace()[0].function == "f");
  }
}

TEST_CASE("a Gene error reaches C++ as gene::Error with position and stack trace", "[embed]") {
  gene::Engine engine;
  engine.eval("(fn inner [x]\n  (x + nil))\n(fn outer [] (var r (inner 1)) r)", "lib.gene");
  try {
    engine.call("outer");
    FAIL("no error");
  } catch (const gene::Error& e) {
    CHECK(e.message() == "Unsupported second operand for addition: nil");
    CHECK(e.location().file == "lib.gene");
    CHECK(e.location().line == 2);
    CHECK(e.location().column > 0);
    REQUIRE(e.trace().size() == 2);
    CHECK(e.trace()[0].function == "inner");
    CHECK(e.trace()[1].function == "outer");
    CHECK(e.trace()[1].location.line == 3);
    std::string report = e.what();
    CHECK_THAT(report, Catch::StartsWith("lib.gene:2:"));
    CHECK_THAT(report, Catch::Contains("at outer (lib.gene:3:"));
  }
  // A thrown value comes along.
  try {
    engine.eval("(throw {^code 7})");
    FAIL("no error");
  } catch (const gene::Error& e) {
    CHECK(e.value().get("code").as_int() == 7);
  }
  // Parse and compile errors too, with their positions.
  try {
    engine.eval("(1 +", "broken.gene");
    FAIL("no error");
  } catch (const gene::Error& e) {
    CHECK(e.location().file == "broken.gene");
    CHECK(e.value().is_nil());
  }
}

TEST_CASE("a Gene error passing through a native function keeps its value", "[embed]") {
  gene::Engine engine;
  engine.define("apply", [](gene::Handle f, int64_t x) { return f(x); });
  engine.eval("(class Oops < Exception)");
  CHECK(engine.eval("(try (apply (fnx [x] (throw (new Oops \"deep\"))) 1) catch Oops $ex/message)").as_string() == "deep");
  CHECK(engine.eval("(try (apply (fnx [x] (x + nil)) 1) catch * $ex/message)").as_string() ==
        "Unsupported second operand for addition: nil");
  CHECK(engine.eval("(apply (fnx [x] (x * 3)) 5)").as_int() == 15);
}

TEST_CASE("classes with native constructors and methods", "[embed]") {
  gene::Engine engine;
  engine.define_class("Point")
      .constructor([](gene::Handle self, double x, double y) {
        self.set("x", x);
        self.set("y", y);
      })
      .method("norm", [](gene::Handle self) { return std::hypot(self.get("x").as_float(), self.get("y").as_float()); })
      .method("scale", [](gene::Handle self, double k) {
        self.set("x", self.get("x").as_float() * k);
        self.set("y", self.get("y").as_float() * k);
        return self;
      });
  CHECK(engine.eval("((new Point 3 4) .norm)").as_float() == 5.0);
  CHECK(engine.eval("(((new Point 3 4) .scale 2) .norm)").as_float() == 10.0);
  CHECK(engine.eval("(((new Point 1 2) .class) .name)").as_string() == "Point");
  CHECK(error_of(engine, "(new Point 1 \"a\")") == "Point constructor: argument 2 must be Float, got String");
  CHECK(error_of(engine, "((new Point 1 2) .scale)") == "Point.scale expects 1 argument, got 0");
  // Gene subclasses inherit the native methods.
  engine.eval("(class Point3 < Point (.fn z [] 0))");
  CHECK(engine.eval("((new Point3 6 8) .norm)").as_float() == 10.0);
  // From C++: construct by calling the class's .new? Call the class value's constructor through Gene.
  gene::Handle p = engine.eval("(new Point 0 1)");
  CHECK(p.kind() == gene::Kind::Object);
  CHECK(p.kind_name() == "Point");
  CHECK(p.method("norm").as_float() == 1.0);
}

TEST_CASE("untyped natives see self, every argument and any count", "[embed]") {
  gene::Engine engine;
  engine.define_native("count_args", 0, -1, [](gene::NativeCall& call) { return call.engine.integer(static_cast<int64_t>(call.args.size())); });
  CHECK(engine.eval("(count_args)").as_int() == 0);
  CHECK(engine.eval("(count_args 1 2 3)").as_int() == 3);
}

TEST_CASE("the README's example", "[embed]") {
  gene::Engine engine;
  engine.define("clamp", [](double x, double lo, double hi) { return std::min(std::max(x, lo), hi); });
  engine.eval("(fn scale [xs k] (xs .map (x -> (clamp (x * k) 0 10))))");
  auto v = engine.call("scale", std::vector{1, 4, 8}, 2).as<std::vector<double>>();
  CHECK(v == std::vector<double>{2, 8, 10});
}

TEST_CASE("a native function may evaluate code and call Gene", "[embed]") {
  gene::Engine engine;
  engine.eval("(fn square [x] (x * x))");
  engine.define("eval_inside", [&engine](const std::string& code) { return engine.eval(code); });
  CHECK(engine.eval("(var keep 1) (eval_inside \"(square 12)\")").as_int() == 144);
  CHECK(engine.eval("keep").as_int() == 1);
  // Handles of another engine are refused, not misread.
  gene::Engine other;
  engine.define("foreign", [&other]() { return other.make(1); });
  CHECK(engine.eval("(try (foreign) catch * $ex/message)").as_string() == "a value of one gene::Engine was passed to another");
}
