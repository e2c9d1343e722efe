// The compiler's output: registers, specialised instructions, constant folding.
#include <catch2/catch.hpp>

#include "bytecode/disasm.hpp"
#include "compiler/compiler.hpp"
#include "reader/reader.hpp"

namespace {
std::string listing(const std::string& code, bool optimize = true) {
  gene::Heap heap;
  gene::GcPause pause(heap);
  auto forms = gene::read_string(heap, code, "<test>");
  gene::CompileOptions o;
  o.optimize = optimize;
  return gene::disassemble(gene::compile_module(heap, forms, 0, o));
}
}  // namespace

TEST_CASE("fib compiles to compare-and-branch and immediates", "[compiler]") {
  std::string l = listing("(fn fib [n] (if (n < 2) n ((fib (n - 1)) + (fib (n - 2)))))");
  CHECK(l.find("JNLTI") != std::string::npos);
  CHECK(l.find("SUBI") != std::string::npos);
  CHECK(l.find("CALLG") != std::string::npos);
  CHECK(l.find("GETGLOBAL") == std::string::npos);
  CHECK(l.find("function fib (registers") != std::string::npos);
  std::string plain = listing("(fn fib [n] (if (n < 2) n ((fib (n - 1)) + (fib (n - 2)))))", false);
  CHECK(plain.find("CALLG") == std::string::npos);
  CHECK(plain.find("GETGLOBAL") != std::string::npos);
}

TEST_CASE("a global callee is looked up first when an argument could redefine it", "[compiler]") {
  // (g) may assign f: f must be read before the argument runs.
  std::string l = listing("(fn h [x] (f (g x)))");
  CHECK(l.find("GETGLOBAL  1 0 0  ; f") != std::string::npos);
  CHECK(l.find("CALLG      2 1 1  ; g") != std::string::npos);
  // Locals, literals and arithmetic of them cannot.
  CHECK(listing("(fn h [x] (f (x * 2) 1.5 \"s\" (- x 1) (x < 3)) nil)").find("CALLG      1 5 0  ; f") != std::string::npos);
  // A local callee is an ordinary CALL.
  CHECK(listing("(fn h [f x] (f x))").find("CALLG") == std::string::npos);
}

TEST_CASE("number literals become constant operands", "[compiler]") {
  std::string l = listing("(fn h [x] [(x * 2.5) (2.5 * x) (x - 1.5) (x / 4) (x + 100000)])");
  CHECK(l.find("MULK       2 0 0  ; 2.5\n") != std::string::npos);
  CHECK(l.find("MULK       3 0 0  ; 2.5 (left)") != std::string::npos);
  CHECK(l.find("SUBK") != std::string::npos);
  CHECK(l.find("DIVK") != std::string::npos);
  CHECK(l.find("ADDK") != std::string::npos);
  CHECK(listing("(fn h [x] (x * 2.5))", false).find("MULK") == std::string::npos);
}

TEST_CASE("constant folding stops at overflow and obeys --no-opt", "[compiler]") {
  CHECK(listing("(2 + 3)").find("LOADI      0 5") != std::string::npos);
  CHECK(listing("(2 + 3)", false).find("ADD") != std::string::npos);
  // Overflow must stay a run-time error.
  CHECK(listing("(9223372036854775807 + 1)").find("ADD") != std::string::npos);
}

TEST_CASE("locals live in registers; closures capture upvalues", "[compiler]") {
  std::string l = listing("(var a 1) (fn f [] a)");
  CHECK(l.find("GETUPVAL") != std::string::npos);
  CHECK(l.find("GETGLOBAL  0 0 0  ; a") == std::string::npos);
}

TEST_CASE("loops mark their back edges for the JIT", "[compiler]") {
  CHECK(listing("(var i 0) (while (i < 3) (i += 1))").find("LOOP") != std::string::npos);
}

TEST_CASE("repeat and for test at the bottom, entered once from the top", "[compiler]") {
  std::string rep = listing("(var s 0) (repeat 3 (s += 1))");
  CHECK(rep.find("REPLOOP") != std::string::npos);
  CHECK(rep.find("JNLT ") != std::string::npos);  // a count of 0 or less skips the body
  CHECK(rep.find(" LOOP ") == std::string::npos);
  std::string each = listing("(var s 0) (for x in [1 2] (s += x))");
  CHECK(each.find("FORLOOP") != std::string::npos);
  CHECK(each.find("JMP        0 ->") != std::string::npos);  // names loop 0
}

TEST_CASE("a for loop over [a b] puts both in their registers (FORPAIR): no pair is made", "[compiler]") {
  std::string two = listing("(var s 0) (for [i x] in [1 2] (s += (i + x)))");
  CHECK(two.find("FORPAIR") != std::string::npos);
  CHECK(two.find("GETINDEX") == std::string::npos);
  std::string three = listing("(var s 0) (for [i x y] in [1 2] (s += (i + x)))");
  CHECK(three.find("FORLOOP") != std::string::npos);
  CHECK(three.find("GETINDEX") != std::string::npos);
}

TEST_CASE("a for loop left by break lets go of a map it read in place (FORDONE)", "[compiler]") {
  CHECK(listing("(var m {^a 1}) (for [k v] in m (break))").find("FORDONE") != std::string::npos);
  CHECK(listing("(var m {^a 1}) (for v in m (if (v > 0) (break)))").find("FORDONE") != std::string::npos);
  // The last FORLOOP lets go at the normal end; a counted range has no map.
  CHECK(listing("(var m {^a 1}) (for [k v] in m (println k))").find("FORDONE") == std::string::npos);
  CHECK(listing("(for i in (1 .. 3) (break))").find("FORDONE") == std::string::npos);
}

TEST_CASE("a local left operand is read in place unless a later operand can assign it", "[compiler]") {
  auto copies = [](const std::string& code, bool optimize = true) {
    std::string l = listing(code, optimize);
    return l.find("MOVE       2 0") != std::string::npos;  // x copied above the call window
  };
  // The call cannot reach x, nor can a later operand that only reads it: x is read where
  // it lives.
  CHECK_FALSE(copies("(fn h [x] (x + (g 1)))"));
  CHECK_FALSE(copies("(fn h [x] (x + (g x)))"));
  // The later operand assigns x, a closure in the function captures x (here after the
  // read), eval could assign it: the copy stays. --no-opt always copies.
  CHECK(copies("(fn h [x] (x + (g (x = 2))))"));
  CHECK(copies("(fn h [x] (x + (g (x += 1))))"));
  CHECK(copies("(fn h [x] (var r (x + (g 1))) (var k (fnx [] (x = 2))) r)"));
  CHECK(copies("(fn h [x] (var r (x + (g 1))) (eval :(y)) r)"));
  CHECK(copies("(fn h [x] (x + (g 1)))", false));
}

TEST_CASE("closures copy variables that never change once they can see them", "[compiler]") {
  // A parameter and a var that nothing assigns: copied, also by a closure nested deeper.
  std::string l = listing("(fn f [k] (var t (k * 2)) (fnx [] (fnx [] (k + t))))");
  CHECK(l.find("upvalues: k=R[0] by value, t=R[1] by value\n") != std::string::npos);
  CHECK(l.find("upvalues: k=U[0] by value, t=U[1] by value\n") != std::string::npos);
  // Assigned after the capture, in the closure, or in a closure nested in it: shared.
  CHECK(listing("(fn f [] (var v 1) (var g (fnx [] v)) (v = 2) g)").find("upvalues: v=R[0]\n") != std::string::npos);
  CHECK(listing("(fn f [] (var n 0) (fnx [] (n += 1)))").find("upvalues: n=R[0]\n") != std::string::npos);
  std::string deep = listing("(fn f [] (var x 1) (fnx [] (fnx [] (x = 2))))");
  CHECK(deep.find("upvalues: x=R[0]\n") != std::string::npos);
  CHECK(deep.find("by value") == std::string::npos);
  // eval may assign any variable it can name: in the function, or in the closure.
  CHECK(listing("(fn f [] (var x 1) (var g (fnx [] x)) (eval :x) g)").find("by value") == std::string::npos);
  CHECK(listing("(fn f [] (var x 1) (fnx [] (eval :x) x))").find("by value") == std::string::npos);
  // A parameter with a default is written after closures in earlier defaults can see it.
  CHECK(listing("(fn f [a b = 1] (fnx [] (a + b)))").find("upvalues: a=R[0] by value, b=R[1]\n") != std::string::npos);
  // A for loop's names are fresh each iteration, set before the body runs.
  CHECK(listing("(fn f [xs] (for x in xs (fnx [] x)))").find("upvalues: x=R[1] by value\n") != std::string::npos);
  CHECK(listing("(fn f [xs] (for x in xs (var g (fnx [] x)) (x = 1)))").find("upvalues: x=R[1]\n") != std::string::npos);
  // --no-opt shares every captured variable.
  CHECK(listing("(fn f [k] (fnx [] k))", false).find("upvalues: k=R[0]\n") != std::string::npos);
  // Top-level variables: later forms may assign them.
  CHECK(listing("(var top 1) (fn g [] top)").find("by value") == std::string::npos);
}

TEST_CASE("a literal when, and == with a literal, compare against the constant", "[compiler]") {
  std::string cased = listing("(fn f [x] (case x when 1 :a when \"s\" :b when 2.5 :c when Int :d))");
  CHECK(cased.find("JNEQI      1 1") != std::string::npos);
  CHECK(cased.find("; \"s\"") != std::string::npos);
  CHECK(cased.find("JNEQK      1 ") != std::string::npos);
  CHECK(cased.find("CASEMATCH") != std::string::npos);  // the class when
  std::string compared = listing("(fn f [x] (if (x != \"stop\") 1 2))");
  CHECK(compared.find("JNNEK") != std::string::npos);
  CHECK(compared.find("LOADK") == std::string::npos);
  // --no-opt keeps the general forms, which the optimised ones must agree with.
  CHECK(listing("(fn f [x] (case x when \"s\" 1))", false).find("JNEQK") == std::string::npos);
}

TEST_CASE("mod and its kin on operands in place, with the call after as the fallback", "[compiler]") {
  std::string imm = listing("(fn f [x] (var r (mod x 2)) r)");
  CHECK(imm.find("BUILTIN2I  1 0 2\n") != std::string::npos);
  CHECK(imm.find("CALLG      1 2 0  ; mod") != std::string::npos);
  CHECK(imm.find("MOVE") == std::string::npos);
  CHECK(listing("(fn f [x y] (var r (bit_xor x y)) r)").find("BUILTIN2   2 0 1\n") != std::string::npos);
  // Not for a local of that name, other builtins, a tail call, or --no-opt.
  CHECK(listing("(fn f [x mod] (var r (mod x 2)) r)").find("BUILTIN2") == std::string::npos);
  CHECK(listing("(fn f [x] (var r (max x 2)) r)").find("BUILTIN2") == std::string::npos);
  CHECK(listing("(fn f [x] (mod x 2))").find("BUILTIN2") == std::string::npos);
  CHECK(listing("(fn f [x] (var r (mod x 2)) r)", false).find("BUILTIN2") == std::string::npos);
}

TEST_CASE("&&, || and not in a condition become branches, with no Bool made", "[compiler]") {
  std::string both = listing("(fn f [a b] (if ((a == 0) && (b < 5)) 1 2))");
  CHECK(both.find("JNEQI") != std::string::npos);
  CHECK(both.find("JNLTI") != std::string::npos);
  CHECK(both.find("JMPIFNOT") == std::string::npos);
  std::string negated = listing("(fn f [a b] (if (not ((a == 0) && (b == 1))) 1 2))");
  CHECK(negated.find("NOT ") == std::string::npos);
  CHECK(negated.find("JNNEI") != std::string::npos);  // jumps when b == 1: the negation fails
  std::string either = listing("(fn f [a b] (while ((a > b) || (b == 3)) (a -= 1)))");
  CHECK(either.find("JNGT ") != std::string::npos);
  CHECK(either.find("JMPIF") == std::string::npos);
  // An ordering is not negated into its opposite (NaN): it branches over a jump.
  std::string ordering = listing("(fn f [a] (if (not (a < 2)) 1 2))");
  CHECK(ordering.find("JNLTI") != std::string::npos);
  CHECK(ordering.find("JNGEI") == std::string::npos);
}

TEST_CASE("an if without else whose value is dropped ends without a jump", "[compiler]") {
  std::string l = listing("(fn f [a] (var s 0) (if (a > 1) (s += 1)) s)");
  CHECK(l.find("JMP ") == std::string::npos);
}

TEST_CASE("a for loop over a literal range counts without making a Range", "[compiler]") {
  std::string counted = listing("(fn f [n] (var s 0) (for i in (1 .. n) (s += i)) s)");
  CHECK(counted.find("RANGE") == std::string::npos);
  CHECK(counted.find("FORPREP    3 0 1\n") != std::string::npos);
  // A range held in a variable, pairs, and --no-opt still iterate a Range.
  CHECK(listing("(fn f [r] (for i in r (println i)))").find("FORPREP    2 0 0\n") != std::string::npos);
  CHECK(listing("(fn f [n] (for [k v] in (1 .. n) (println k)))").find("RANGE") != std::string::npos);
  CHECK(listing("(fn f [n] (for i in (1 .. n) (println i)))", false).find("RANGE") != std::string::npos);
}

TEST_CASE("a literal condition is not tested at run time", "[compiler]") {
  std::string forever = listing("(fn f [a] (while true (a += 1) (if (a > 9) (break))) a)");
  CHECK(forever.find("LOADBOOL") == std::string::npos);
  CHECK(forever.find("JMPIFNOT") == std::string::npos);
  std::string never = listing("(fn f [a] (if nil (println a)) a)");
  CHECK(never.find("LOADNIL") == std::string::npos);
  CHECK(never.find("JMPIF") == std::string::npos);
  // --no-opt still tests the value: the differential tests compare the two.
  CHECK(listing("(fn f [a] (while true (a += 1) (if (a > 9) (break))) a)", false).find("JMPIFNOT") != std::string::npos);
}
