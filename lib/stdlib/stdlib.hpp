// Builtin functions (gene namespace) and the methods of builtin types.
#pragma once
#include <string>
#include <vector>

#include "runtime/value.hpp"

namespace gene {

class VM;

void install_stdlib(VM& vm);

// One installer per group; install_stdlib calls them all.
void install_core(VM& vm);      // print, println, assert, $parse, eval helpers
void install_math(VM& vm);      // mod, rem, div, sqrt, bit operations …
void install_class_methods(VM& vm);  // class_methods.cpp: introspection, Exception classes
void install_methods(VM& vm);
// The practical library (§25.6), one file each.
void install_files(VM& vm);    // files.cpp: gene/File, gene/Dir, gene/io/read|write
void install_os(VM& vm);       // os.cpp: $env, $set_env, $cmd_args, gene/os/exec
void install_random(VM& vm);   // random.cpp: gene/rand
void install_base64(VM& vm);   // base64.cpp: gene/base64/encode|decode
void install_json(VM& vm);     // json.cpp: gene/json/parse, .to_json
void install_regex(VM& vm);    // regex.cpp: $regex, .match (=~, !~), .scan, Regex methods
void install_time(VM& vm);     // time.cpp: gene/time/now, gene/now, gene/today, Date, DateTime
void install_serdes(VM& vm);   // serdes.cpp: gene/serdes/serialize, deserialize
void install_async(VM& vm);    // async.cpp: await, gene/sleep_async, gene/io/read_async|write_async, Future
void install_packages(VM& vm);  // packages.cpp: the Package class ($pkg) and $dep
// The package whose root holds dir (walking up to a package.gene; else an unnamed one at
// dir), loaded once; and the directory of one of its dependencies (an error if undeclared).
Value package_of(VM& vm, const std::string& dir);
std::string package_dependency_dir(VM& vm, Value pkg, const std::string& name);
// The program's arguments, as $cmd_args sees them (`gene run FILE a b` -> ["a" "b"]).
void set_cmd_args(VM& vm, const std::vector<std::string>& args);   // .to_s and .class on every value, then the groups below
// Methods of builtin values (§17), one installer per file; install_methods calls them.
void install_string_methods(VM& vm);  // string_methods.cpp
void install_array_methods(VM& vm);   // array_methods.cpp
void install_map_methods(VM& vm);     // map_methods.cpp: Map and Gene
void install_number_methods(VM& vm);  // number_methods.cpp: Int, Float and Range

}  // namespace gene
