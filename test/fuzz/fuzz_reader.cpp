// libFuzzer target: the reader (§1) on arbitrary bytes. A ParseError is a normal
// outcome; anything else that escapes (a crash, a sanitizer report, another exception,
// a hang) is a bug. Read data is printed back with repr, and repr output is read again:
// it must parse without crashing (it need not be identical).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "reader/reader.hpp"
#include "runtime/heap.hpp"
#include "runtime/printer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gene;
  Heap heap;
  std::string printed;
  try {
    std::vector<Value> forms = read_string(heap, fuzz::as_text(data, size), "<fuzz>");
    RootedValues rooted(heap, std::move(forms));
    for (Value v : rooted.values) printed += repr(v) + "\n";
  } catch (const ParseError&) {
    return 0;
  }
  // The printed data goes through the reader once more: still no crash allowed.
  try {
    Heap again;
    (void)read_string(again, printed, "<fuzz-repr>");
  } catch (const ParseError&) {
  }
  return 0;
}
