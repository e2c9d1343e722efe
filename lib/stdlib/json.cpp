// JSON (§25.6): gene/json/parse (json_parse.cpp), and `.to_json` on every value.
#include <fmt/format.h>

#include <cmath>

#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"
#include "stdlib/json_parse.hpp"
#include "stdlib/method_support.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
using namespace methods;

Value parse(VM& vm, CallArgs& a) { return json::parse(vm, string_arg(vm, a, 0, "parse", "a JSON string")); }

// ---- Gene -> JSON text ----
class Writer {
 public:
  explicit Writer(VM& vm) : vm_(vm) {}
  std::string out;

  void value(Value v, int depth) {
    if (depth > kMaxDepth) vm_.raise("to_json: data nested too deeply (or cyclic)");
    switch (v.tag) {
      case Tag::Nil: out += "null"; return;
      case Tag::Bool: out += as_bool(v) ? "true" : "false"; return;
      case Tag::Int: fmt::format_to(std::back_inserter(out), "{}", as_int(v)); return;
      case Tag::Float:
        if (!std::isfinite(as_float(v))) vm_.raise(fmt::format("to_json: {} has no JSON form", format_float(as_float(v))));
        out += format_float(as_float(v));
        return;
      case Tag::String: return string(as_string(v)->view());
      case Tag::Symbol: return string(as_symbol(v)->name);
      case Tag::Char: return string(to_s(v));
      case Tag::Array: {
        out.push_back('[');
        const auto& items = as_array(v)->items;
        for (size_t k = 0; k < items.size(); ++k) {
          if (k) out.push_back(',');
          value(items[k], depth + 1);
        }
        out.push_back(']');
        return;
      }
      case Tag::Map: return object(as_map(v)->map, depth);
      case Tag::Instance: return object(as_instance(v)->props, depth);
      default: vm_.raise(fmt::format("to_json: {} has no JSON form", kind_name(v.tag)));
    }
  }

 private:
  static constexpr int kMaxDepth = 1024;

  void object(const PropMap& m, int depth) {
    out.push_back('{');
    bool first = true;
    for (const auto& [key, val] : m.entries()) {
      if (!first) out.push_back(',');
      first = false;
      string(key.name());
      out.push_back(':');
      value(val, depth + 1);
    }
    out.push_back('}');
  }

  static bool plain(char ch) { return static_cast<unsigned char>(ch) >= 0x20 && ch != '"' && ch != '\\'; }

  // Runs of bytes that need no escape are copied at once.
  void string(std::string_view s) {
    out.push_back('"');
    for (size_t i = 0; i < s.size();) {
      size_t run = i;
      while (run < s.size() && plain(s[run])) ++run;
      out.append(s, i, run - i);
      if (run == s.size()) break;
      escape(s[run]);
      i = run + 1;
    }
    out.push_back('"');
  }

  void escape(char ch) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned char>(ch));
    }
  }

  VM& vm_;
};

Value to_json(VM& vm, CallArgs& a) {
  Writer w(vm);
  w.value(a.self, 0);
  return vm.heap.string_value(w.out);
}

const NativeEntry kJson[] = {{"parse", parse, 1, 1}};
}  // namespace

void install_json(VM& vm) {
  define_natives(vm, child_namespace(vm, vm.gene_ns(), "json"), kJson);
  Class* object = vm.builtin_class(Tag::Nil)->parent;
  Root f(vm.heap, value_of(vm.heap.make<NativeFn>("to_json", to_json, 0, 0)));
  object->set_method(intern("to_json"), f.value);
}

}  // namespace gene
