// The interpreter end to end: values, scopes, closures, calls, errors.
#include <catch2/catch.hpp>

#include "vm_test_util.hpp"

using gene::test::run;
using gene::test::value_of_code;

TEST_CASE("arithmetic follows §5.1", "[interp]") {
  CHECK(value_of_code("(1 + 2)") == "3");
  CHECK(value_of_code("(+ 1 2 3 4)") == "10");
  CHECK(value_of_code("(- 10 1 2)") == "7");
  CHECK(value_of_code("(15 / 3)") == "5.0");
  CHECK(value_of_code("(/ 4)") == "0.25");
  CHECK(value_of_code("(2 + 0.5)") == "2.5");
  CHECK(value_of_code("(+)") == "0");
  CHECK(value_of_code("(*)") == "1");
  CHECK(value_of_code("(- 5)") == "-5");
  CHECK(value_of_code("[(1 / 0) (-1 / 0) (0 / 0)]") == "[inf -inf nan]");
}

TEST_CASE("integer overflow is a Gene error, never wrap-around", "[interp]") {
  CHECK(run("(9223372036854775807 + 1)").error == "integer overflow");
  CHECK(run("(var m -9223372036854775807) (m - 2)").error == "integer overflow");
  CHECK(run("(var m 4611686018427387904) (m * 2)").error == "integer overflow");
  CHECK(run("(+ 9223372036854775807 1 -1)").error == "integer overflow");
  CHECK(value_of_code("(9223372036854775806 + 1)") == "9223372036854775807");
}

TEST_CASE("comparisons and equality", "[interp]") {
  CHECK(value_of_code("(1 < 2)") == "true");
  CHECK(value_of_code("(1 == 1.0)") == "false");
  CHECK(value_of_code("(\"abcdefgh\" == \"abcdefgh\")") == "true");
  CHECK(value_of_code("([1 [2]] == [1 [2]])") == "true");
  CHECK(value_of_code("({^a 1 ^b 2} == {^b 2 ^a 1})") == "true");
  CHECK(run("(< 1 2 3)").error == "< requires exactly 2 arguments");
  CHECK(run("(\"a\" < \"b\")").error == "Cannot compare VkString < VkString");
}

TEST_CASE("logic short-circuits and returns operands", "[interp]") {
  CHECK(value_of_code("(1 && 2)") == "2");
  CHECK(value_of_code("(nil || 5)") == "5");
  CHECK(value_of_code("(0 || 5)") == "0");
  CHECK(value_of_code("(false && (throw \"x\"))") == "false");
  CHECK(value_of_code("(not nil)") == "true");
}

TEST_CASE("if shapes of §7.2", "[interp]") {
  CHECK(value_of_code("(if (3 > 2) \"big\" \"small\")") == "\"big\"");
  CHECK(value_of_code("(if false 1 elif false 2)") == "nil");
  CHECK(value_of_code("(if false 1 elif true 2 else 3)") == "2");
  CHECK(run("(if true (println \"A\") (println \"B\"))").out == "A\n");
  CHECK(value_of_code("(if not true 1 else 2)") == "2");
  CHECK(value_of_code("(if not false 1)") == "1");
}

TEST_CASE("scopes: do shares, if branches do not", "[interp]") {
  CHECK(value_of_code("(var x 1) (if true (var x 2)) x") == "1");
  CHECK(value_of_code("(var x 1) (do (var x 3)) x") == "3");
  CHECK(value_of_code("(var n 10) (fn show [] n) (var n 20) (show)") == "10");
  CHECK(value_of_code("(var x 5) (var x (x + 1)) x") == "6");
}

TEST_CASE("loops: loop value, while nil, for over arrays and ranges", "[interp]") {
  CHECK(value_of_code("(var i 0) (loop (i += 1) (if (i > 3) (break (i * 10))))") == "40");
  CHECK(value_of_code("(var i 0) (while (i < 3) (i += 1))") == "nil");
  CHECK(value_of_code("(var s 0) (for x in [1 2 3] (s += x)) s") == "6");
  CHECK(value_of_code("(var s 0) (for x in [1 2 3] (s += x) (break)) s") == "1");
  CHECK(value_of_code("(var s []) (for i in (0 .. 2) (s = [s... i])) s") == "[0 1 2]");
  CHECK(value_of_code("(var s 0) (for x in [1 2 3 4] (if (x == 2) (continue)) (s += x)) s") == "8");
}

TEST_CASE("closures capture bindings by reference", "[interp]") {
  CHECK(value_of_code("(fn counter [] (var c 0) (fnx [] (c += 1) c)) (var t (counter)) (t) (t) (t)") == "3");
  CHECK(value_of_code("(fn adder [n] (fnx [x] (x + n))) ((adder 5) 10)") == "15");
  // Each loop iteration gets a fresh binding (§20a.5).
  CHECK(value_of_code("(var fs []) (var i 0) (while (i < 3) (var j i) (fs = [fs... (fnx [] j)]) (i += 1))"
                      " [(fs/0) (fs/1) (fs/2)]") == "[0 1 2]");
}

TEST_CASE("parameters: defaults, named, rest, missing", "[interp]") {
  CHECK(value_of_code("(fn f [a b = (a + 1)] [a b]) (f 1)") == "[1 2]");
  CHECK(value_of_code("(fn f [^k = 2 x] [k x]) (f 1)") == "[2 1]");
  CHECK(value_of_code("(fn f [^k x] [k x]) (f ^k 7 1)") == "[7 1]");
  CHECK(value_of_code("(fn f [a rest...] rest) (f 1 2 3)") == "[2 3]");
  CHECK(run("(fn f [a b] a) (f 1)").error == "Argument b is missing.");
  CHECK(value_of_code("(fn f [a] a) (f 1 2 3)") == "1");
  CHECK(value_of_code("(fn add3 [a b c] (a + (b + c))) (var mid [2 3]) (add3 1 mid...)") == "6");
}

TEST_CASE("paths read and write members and elements", "[interp]") {
  CHECK(value_of_code("(var cfg {^db {^port 5432} ^tags [\"x\" \"y\"]}) cfg/db/port") == "5432");
  CHECK(value_of_code("(var cfg {^tags [\"x\" \"y\"]}) cfg/tags/-1") == "\"y\"");
  CHECK(value_of_code("(var a [1 2]) (var b a) (b/0 = 9) a") == "[9 2]");
  CHECK(value_of_code("(var m {}) (m/x = 1) (m/x += 2) m") == "{^x 3}");
  CHECK(value_of_code("(var a [1 2]) a/5") == "nil");
  CHECK(run("(var a [1 2]) (a/5 = 1)").error == "index out of range");
  CHECK(run("(var n nil) n/a").error == "Cannot access member 'a' on nil value");
}

TEST_CASE("genes: data genes, calls of non-callables, quotes", "[interp]") {
  CHECK(value_of_code("(_ 1 2)") == "(_ 1 2)");
  CHECK(value_of_code(":(f ^a 1 x)") == "(f ^a 1 x)");
  CHECK(value_of_code("(prnt \"x\" (1 + 1))") == "(nil \"x\" 2)");
  CHECK(value_of_code("(:add 10 20)") == "(add 10 20)");
  CHECK(value_of_code("(5)") == "5");
  CHECK(value_of_code("(fn make [] :(point 1 2)) (make)") == "(point 1 2)");
}

TEST_CASE("printing uses display for print arguments", "[interp]") {
  CHECK(run("(println \"Nil: \" nil)").out == "Nil:  \n");
  CHECK(run("(println [nil 1] \"a\" [\"b\"])").out == "[nil 1] a [b]\n");
  CHECK(run("(print \"a:\" 1) (print 2)").out == "a: 12");
}

TEST_CASE("errors: runtime errors carry messages", "[interp]") {
  CHECK(run("(break)").error == "break used outside of a loop");
  CHECK(run("(return 1)").error == "Return from top level");
  CHECK(run("[1 (... 2)]").error == "... can only spread arrays");
  CHECK(run("(assert false)").error == "Assertion failed");
  CHECK(run("(assert false \"custom\")").error == "custom");
  CHECK(run("(mod 1 0)").error == "division by zero");
  CHECK(run("(throw \"x\")").error == "Gene exception: \"x\"");
}

TEST_CASE("deep recursion raises stack overflow instead of crashing", "[interp]") {
  CHECK(run("(fn f [n] (1 + (f (n + 1)))) (f 0)").error == "stack overflow");
  // A call in tail position reuses the frame (§8.9): deep tail recursion is fine.
  CHECK(value_of_code("(fn loop_to [n acc] (if (n == 0) acc (loop_to (n - 1) (acc + 1)))) (loop_to 1000000 0)") == "1000000");
  CHECK(value_of_code("(fn f [n] (if (n == 0) 0 ((f (n - 1)) + 1))) (f 5000)") == "5000");
}

TEST_CASE("the collector keeps live data under stress", "[interp][gc]") {
  gene::VMOptions stress;
  stress.gc_stress = true;
  auto r = run("(fn counter [] (var c 0) (fnx [] (c += 1) c)) (var t (counter))"
               "(var keep []) (var i 0) (while (i < 50) (keep = [keep... {^i i ^s [i \"s\"]}]) (t) (i += 1))"
               "[(t) keep/49/s (keep .size)]",
               stress);
  CHECK(r.error.empty());
  CHECK(r.value == "[51 [49 \"s\"] 50]");
}

TEST_CASE("no-opt gives the same results as optimised code", "[interp]") {
  for (const char* code : {"(2 + 3)", "(fn fib [n] (if (n < 2) n ((fib (n - 1)) + (fib (n - 2))))) (fib 15)",
                           "(- 5)", "[(1 < 2) (3 >= 3)]"}) {
    CHECK(run(code, {}, true).value == run(code, {}, false).value);
  }
}

TEST_CASE("big arrays made and dropped in a loop are collected as the loop goes", "[interp][gc]") {
  // Each (new Array …) holds 1.6 MB of items and is one object: only their bytes can
  // tell the collector that memory is filling up.
  for (const char* make : {"(new Array 100000 0)", "((new Array 100000 0) .map (fnx [x] x))", "((new Array 100000 0) .reverse)"}) {
    gene::VM vm;
    std::string code = std::string("(var n 0) (repeat 60 (var a ") + make + ") (n += (a .size))) n";
    CHECK(repr(vm.eval_source(gene::register_source("<test>", code))) == "6000000");
    CHECK(vm.heap.collections() >= 3);
  }
}
