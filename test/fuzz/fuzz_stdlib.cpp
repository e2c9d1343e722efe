// libFuzzer target: the library functions that parse untrusted text. Input without a NUL
// byte goes to gene/json/parse; a value it accepts goes through .to_json and back and must
// come out equal. Input with a NUL is a regex pattern (before it) and a subject (after):
// $regex, then .match, .scan, .replace and .split. Gene errors are normal outcomes;
// a crash, a sanitizer report or another exception is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_common.hpp"
#include "interp/vm.hpp"
#include "runtime/equality.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"

namespace {

using namespace gene;

Value gene_fn(VM& vm, std::initializer_list<const char*> path) {
  Value v = value_of(vm.gene_ns());
  for (const char* name : path) v = *as_namespace(v)->members.find(intern(name));
  return v;
}

void json_round_trip(VM& vm, std::string_view text) {
  Root in(vm.heap, vm.heap.string_value(text));
  Root parsed(vm.heap, vm.call(gene_fn(vm, {"json", "parse"}), &in.value, 1));
  Root json(vm.heap, vm.call_method(parsed.value, intern("to_json"), nullptr, 0));
  Value again = vm.call(gene_fn(vm, {"json", "parse"}), &json.value, 1);
  if (!values_equal(parsed.value, again)) {
    std::fprintf(stderr, "fuzz_stdlib: JSON round trip changed %s into %s\n", repr(parsed.value).c_str(), repr(again).c_str());
    std::abort();
  }
}

void regex_calls(VM& vm, std::string_view pattern, std::string_view subject) {
  Root p(vm.heap, vm.heap.string_value(pattern));
  Root re(vm.heap, vm.call(gene_fn(vm, {"regex"}), &p.value, 1));
  Root s(vm.heap, vm.heap.string_value(subject));
  Value args[2] = {re.value, vm.heap.string_value("<$1>")};
  Root with(vm.heap, args[1]);
  for (const char* m : {"match", "scan", "split"}) (void)vm.call_method(s.value, intern(m), args, 1);
  (void)vm.call_method(s.value, intern("replace"), args, 2);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = gene::fuzz::as_text(data, size);
  VM vm;
  try {
    size_t nul = text.find('\0');
    if (nul == std::string_view::npos) json_round_trip(vm, text);
    else regex_calls(vm, text.substr(0, nul), text.substr(nul + 1));
  } catch (const GeneError&) {
  }
  return 0;
}
