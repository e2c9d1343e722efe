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
  CHECK(l.find("GETGLOBAL") != std::string::npos);
  CHECK(l.find("function fib (registers") != std::string::npos);
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
