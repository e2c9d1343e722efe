// Packages (§25.7): a directory with a package.gene at its root. Code sees its package as
// $pkg (name, version, dir); ($dep "name" ^path "dir") declares a dependency that
// (import x from "m" ^pkg "name") imports from.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "interp/vm.hpp"
#include "reader/reader.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace fs = std::filesystem;

namespace {

Class* package_class(VM& vm) {
  Value* c = vm.gene_ns()->members.find(intern("Package"));
  if (!c || c->tag != Tag::Class) vm.raise("the Package class is missing");
  return as_class(*c);
}

// Every package loaded so far, by root directory: a map in the gene namespace, so that
// the collector sees it.
Map* package_table(VM& vm) {
  Symbol* key = intern("<packages>");
  if (Value* t = vm.gene_ns()->members.find(key); t && t->tag == Tag::Map) return as_map(*t);
  Map* m = vm.heap.make<Map>();
  vm.gene_ns()->define(key, value_of(m));
  return m;
}

Instance* as_package(VM& vm, Value v) {
  if (v.tag != Tag::Instance || as_instance(v)->cls != package_class(vm)) vm.raise("$pkg is not a package here");
  return as_instance(v);
}

Value prop(Value self, const char* name) {
  const Value* v = as_instance(self)->props.find(intern(name));
  return v ? *v : make_nil();
}
Value pkg_name(VM&, CallArgs& a) { return prop(a.self, "name"); }
Value pkg_version(VM&, CallArgs& a) { return prop(a.self, "version"); }
Value pkg_dir(VM&, CallArgs& a) { return prop(a.self, "dir"); }

// Records dependency name -> directory (relative to the package root) in package p.
void add_dependency(VM& vm, Instance* p, Value name, Value path) {
  if (!is_string(name)) vm.raise(fmt::format("$dep expects a package name string, got {}", repr_in_message(name)));
  if (!is_string(path)) vm.raise(fmt::format("$dep \"{}\" needs ^path \"dir\"", as_string(name)->view()));
  fs::path dir = fs::path(as_string(*p->props.find(intern("dir")))->view()) / as_string(path)->view();
  Value* deps = p->props.find(intern("deps"));
  as_map(*deps)->map.set(intern(as_string(name)->view()), vm.heap.string_value(dir.lexically_normal().string()));
}

// A package for root: read from its package.gene when there is one.
Value load_package(VM& vm, const fs::path& root, bool has_file) {
  Instance* p = vm.heap.make<Instance>(package_class(vm));
  Root keep(vm.heap, value_of(p));
  p->props.set(intern("dir"), vm.heap.string_value(root.string()));
  p->props.set(intern("deps"), value_of(vm.heap.make<Map>()));
  package_table(vm)->map.set(intern(root.string()), keep.value);
  if (!has_file) return keep.value;
  fs::path file = root / "package.gene";
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::vector<Value> forms;
  try {
    GcPause pause(vm.heap);
    forms = read_string(vm.heap, "(package\n" + text.str() + "\n)", file.string());
  } catch (const ParseError& e) {
    vm.raise(fmt::format("{}: {}", file.string(), e.what()));
  }
  RootedValues keep_forms(vm.heap, forms);
  if (forms.empty() || !is_gene(forms[0])) return keep.value;
  Gene* g = as_gene(forms[0]);
  for (auto& [k, v] : g->props.entries()) {
    if (k.name() == "dependencies" && is_array(v)) {
      for (Value d : as_array(v)->items) {  // ($dep "name" "version" ^path "dir") as data
        if (!is_gene(d) || as_gene(d)->children.empty()) continue;
        const Value* path = as_gene(d)->props.find(intern("path"));
        add_dependency(vm, p, as_gene(d)->children[0], path ? *path : make_nil());
      }
    } else if (k.name() != "dir" && k.name() != "deps") {
      p->props.set(k, v);
    }
  }
  return keep.value;
}

// ($dep "name" [version] ^path "dir"): a dependency of the running code's package.
Value dep(VM& vm, CallArgs& a) {
  Value* pkg = vm.current_ns()->lookup(intern("$pkg"));
  if (!pkg || pkg->tag == Tag::Nil) vm.raise("$dep needs a package: run a file");
  Value path = a.props ? (a.props->map.find(intern("path")) ? *a.props->map.find(intern("path")) : make_nil()) : make_nil();
  add_dependency(vm, as_package(vm, *pkg), a.args[0], path);
  return make_nil();
}

}  // namespace

Value package_of(VM& vm, const std::string& dir) {
  std::error_code ec;
  fs::path start = fs::weakly_canonical(fs::absolute(dir.empty() ? "." : dir, ec), ec);
  fs::path root = start;
  bool found = false;
  for (fs::path d = start; !d.empty(); d = d.parent_path()) {
    if (fs::is_regular_file(d / "package.gene", ec)) {
      root = d;
      found = true;
      break;
    }
    if (d == d.parent_path()) break;
  }
  if (const Value* p = package_table(vm)->map.find(intern(root.string()))) return *p;
  return load_package(vm, root, found);
}

std::string package_dependency_dir(VM& vm, Value pkg, const std::string& name) {
  Instance* p = as_package(vm, pkg);
  const Value* dir = as_map(*p->props.find(intern("deps")))->map.find(intern(name));
  if (!dir) vm.raise(fmt::format("Package {} has no dependency \"{}\" (declare it with $dep)", to_s(prop(pkg, "name")), name));
  return std::string(as_string(*dir)->view());
}

void install_packages(VM& vm) {
  Class* object = vm.builtin_class(Tag::Nil)->parent;
  Class* c = vm.heap.make<Class>(intern("Package"), object, vm.heap.make<Namespace>(intern("Package"), vm.gene_ns()));
  vm.gene_ns()->define(intern("Package"), value_of(c));
  struct Entry {
    const char* name;
    NativeFnPtr fn;
  };
  for (Entry e : {Entry{"name", pkg_name}, Entry{"version", pkg_version}, Entry{"dir", pkg_dir}})
    c->set_method(intern(e.name), value_of(vm.heap.make<NativeFn>(e.name, e.fn, 0, 0)));
  vm.define_native(vm.gene_ns(), "dep", dep, 1, 2);
}

}  // namespace gene
