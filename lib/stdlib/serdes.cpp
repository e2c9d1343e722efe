// gene/serdes (§25.6): serialize writes a value as Gene text that deserialize reads back to
// an equal value. Data is written as literals. Classes, namespaces and named functions go
// by reference, their path from the module that defines them; an instance goes as its
// class's path and its properties:
//   (#ref "Outer/Point")   (#instance "Point" {^x 1 ^y 2})
// A path must lead back to the same value from the code that serializes. Anything else
// (builtins, anonymous functions, cyclic data) is an error.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "reader/reader.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"
#include "stdlib/method_support.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
using namespace methods;

constexpr int kMaxDepth = 1000;
constexpr std::string_view kRef = "#ref";
constexpr std::string_view kInstance = "#instance";

// Follows "A/B/c" from the namespace of the running code.
Value resolve(VM& vm, std::string_view path) {
  Value v = make_nil();
  bool first = true;
  for (size_t from = 0; from <= path.size();) {
    size_t slash = std::min(path.find('/', from), path.size());
    Symbol* key = intern(path.substr(from, slash - from));
    Value* slot = nullptr;
    if (first) slot = vm.current_ns()->lookup(key);
    else if (v.tag == Tag::Namespace) slot = as_namespace(v)->members.find(key);
    else if (v.tag == Tag::Class) slot = as_class(v)->members->members.find(key);
    if (!slot) vm.raise(fmt::format("deserialize: cannot find '{}'", path));
    v = *slot;
    first = false;
    from = slash + 1;
  }
  return v;
}

// The names from below the module (or global) namespace down to name.
std::string path_in(VM& vm, Namespace* ns, Symbol* name) {
  std::vector<std::string_view> parts{name->name};
  for (; ns && ns != vm.global_ns() && ns != vm.gene_ns() && ns->parent != vm.global_ns(); ns = ns->parent)
    parts.push_back(ns->name->name);
  std::string path;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) path.append(path.empty() ? "" : "/").append(*it);
  return path;
}

class Writer {
 public:
  explicit Writer(VM& vm) : vm_(vm) {}
  std::string out;

  void value(Value v, int depth) {
    if (depth > kMaxDepth) vm_.raise("serialize: data nested too deeply (or cyclic)");
    switch (v.tag) {
      case Tag::Nil: case Tag::Bool: case Tag::Int: case Tag::Symbol: case Tag::ComplexSymbol: case Tag::Regex:
        out += repr(v);
        return;
      case Tag::String: return quoted(as_string(v)->view(), '"');
      case Tag::Char: return quoted(to_s(v), '\'');
      case Tag::Float:
        if (!std::isfinite(as_float(v))) fail(v);
        out += format_float(as_float(v));
        return;
      case Tag::Array: return items('[', as_array(v)->items, ']', depth);
      case Tag::Map: return props(as_map(v)->map, depth, true);
      case Tag::Gene: {
        const Gene* g = as_gene(v);
        out.push_back('(');
        value(g->type, depth + 1);
        if (!g->props.empty()) out.push_back(' ');
        props(g->props, depth, false);
        if (!g->children.empty()) out.push_back(' ');
        return items(0, g->children, ')', depth);
      }
      case Tag::Class: return ref(v, path_in(vm_, as_class(v)->members->parent, as_class(v)->name));
      case Tag::Namespace: return ref(v, path_in(vm_, as_namespace(v)->parent, as_namespace(v)->name));
      case Tag::Function: {
        const Closure* c = as_closure(v);
        if (!c->proto->name) fail(v);
        return ref(v, path_in(vm_, c->ns, c->proto->name));
      }
      case Tag::Instance: {
        const Instance* inst = as_instance(v);
        Class* cls = inst->cls;
        std::string path = path_in(vm_, cls->members->parent, cls->name);
        check_path(value_of(cls), path);
        out += fmt::format("({} \"{}\" ", kInstance, path);
        props(inst->props, depth, true);
        out.push_back(')');
        return;
      }
      default: fail(v);
    }
  }

 private:
  [[noreturn]] void fail(Value v) { vm_.raise(fmt::format("serialize: {} has no serial form", repr(v))); }

  void check_path(Value v, const std::string& path) {
    Value back = make_nil();
    try {
      back = resolve(vm_, path);
    } catch (const GeneError&) {
    }
    if (!same(back, v)) vm_.raise(fmt::format("serialize: {} is not reachable as '{}'", repr(v), path));
  }

  // Printing does not escape (§19.1); the reader must get back the same bytes.
  void quoted(std::string_view s, char q) {
    out.push_back(q);
    for (char ch : s) {
      unsigned char c = static_cast<unsigned char>(ch);
      if (ch == q || ch == '\\') out.push_back('\\'), out.push_back(ch);
      else if (ch == '\n') out += "\\n";
      else if (ch == '\t') out += "\\t";
      else if (ch == '\r') out += "\\r";
      else if (c < 0x20 || c == 0x7f) out += fmt::format("\\u{:04x}", c);
      else out.push_back(ch);
    }
    out.push_back(q);
  }

  void ref(Value v, const std::string& path) {
    check_path(v, path);
    out += fmt::format("({} \"{}\")", kRef, path);
  }

  void items(char open, const Values& xs, char close, int depth) {
    if (open) out.push_back(open);
    for (size_t k = 0; k < xs.size(); ++k) {
      if (k) out.push_back(' ');
      value(xs[k], depth + 1);
    }
    out.push_back(close);
  }

  void props(const PropMap& m, int depth, bool braces) {
    if (braces) out.push_back('{');
    bool first = true;
    for (const auto& [key, val] : m.entries()) {
      if (!first) out.push_back(' ');
      first = false;
      out += fmt::format("^{} ", key.name());
      value(val, depth + 1);
    }
    if (braces) out.push_back('}');
  }

  VM& vm_;
};

Value serialize(VM& vm, CallArgs& a) {
  Writer w(vm);
  w.value(a.args[0], 0);
  return vm.heap.string_value(w.out);
}

bool marker(Value type, std::string_view name) { return is_symbol(type) && as_symbol(type)->name == name; }

// Replaces references inside freshly read data, in place: the data stays reachable from
// the caller's root while instances are made.
Value restore(VM& vm, Value v, int depth) {
  if (depth > kMaxDepth) vm.raise("deserialize: data nested too deeply");
  if (v.tag == Tag::Array) {
    for (Value& x : as_array(v)->items) x = restore(vm, x, depth + 1);
  } else if (v.tag == Tag::Map) {
    for (auto& e : as_map(v)->map.entries()) e.second = restore(vm, e.second, depth + 1);
  } else if (v.tag == Tag::Gene) {
    Gene* g = as_gene(v);
    size_t n = g->children.size();
    bool ref = marker(g->type, kRef) && n == 1 && is_string(g->children[0]);
    bool inst = marker(g->type, kInstance) && n == 2 && is_string(g->children[0]) && is_map(g->children[1]);
    for (auto& e : g->props.entries()) e.second = restore(vm, e.second, depth + 1);
    for (Value& x : g->children) x = restore(vm, x, depth + 1);
    if (ref) return resolve(vm, as_string(g->children[0])->view());
    if (inst) {
      Value cls = resolve(vm, as_string(g->children[0])->view());
      if (cls.tag != Tag::Class || as_class(cls)->instance_tag != Tag::Instance)
        vm.raise(fmt::format("deserialize: '{}' is not a class of instances", as_string(g->children[0])->view()));
      Instance* obj = vm.heap.make<Instance>(as_class(cls));
      obj->props = as_map(g->children[1])->map;
      return value_of(obj);
    }
    g->type = restore(vm, g->type, depth + 1);
  }
  return v;
}

Value deserialize(VM& vm, CallArgs& a) {
  const std::string text(string_arg(vm, a, 0, "deserialize", "a string"));
  std::vector<Value> forms;
  try {
    forms = read_string(vm.heap, text, "<deserialize>");
  } catch (const ParseError& e) {
    vm.raise(fmt::format("deserialize: invalid text: {}", e.what()));
  }
  if (forms.size() != 1) vm.raise(fmt::format("deserialize: expected one value, found {}", forms.size()));
  RootedValues keep(vm.heap, std::move(forms));
  return restore(vm, keep.values[0], 0);
}

const NativeEntry kSerdes[] = {{"serialize", serialize, 1, 1}, {"deserialize", deserialize, 1, 1}};
}  // namespace

void install_serdes(VM& vm) { define_natives(vm, child_namespace(vm, vm.gene_ns(), "serdes"), kSerdes); }

}  // namespace gene
