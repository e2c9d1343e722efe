// libFuzzer target: reader + compiler (with and without optimisation) + disassembler,
// and the static checker of `gene check` on the same data.
// ParseError and CompileError are normal outcomes; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bytecode/disasm.hpp"
#include "compiler/check.hpp"
#include "compiler/compiler.hpp"
#include "fuzz_common.hpp"
#include "reader/reader.hpp"
#include "runtime/heap.hpp"
#include "runtime/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gene;
  uint32_t file = register_source("<fuzz>", std::string(fuzz::as_text(data, size)));
  for (bool optimize : {true, false}) {
    Heap heap;
    GcPause pause(heap);
    try {
      std::vector<Value> forms = read_source(heap, file);
      if (optimize) (void)check_program(forms, file, nullptr);
      CompileOptions options;
      options.optimize = optimize;
      Proto* p = compile_module(heap, forms, file, options);
      (void)disassemble(p);
    } catch (const ParseError&) {
      return 0;
    } catch (const CompileError&) {
    }
  }
  return 0;
}
