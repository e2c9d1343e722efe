// gene::Engine: one Gene interpreter inside a C++ program.
//
//   gene::Engine engine;
//   engine.define("hypot", [](double a, double b) { return std::sqrt(a * a + b * b); });
//   engine.eval("(fn greet [name] #\"Hello, #{name}!\")");
//   std::string s = engine.call("greet", "world").as_string();
//
// An engine holds a heap, a register stack, the standard library and one module in which
// every eval runs, so later code sees the functions, classes and variables of earlier
// code (like a REPL). Engines have separate heaps, but they share the (unsynchronised)
// tables of interned names and source texts: only one thread at a time may use any engine
// of a process. Errors of Gene code come out as gene::Error (error.hpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gene/error.hpp"
#include "gene/handle.hpp"

namespace gene {

struct EngineOptions {
  // A cap on the heap, in bytes (estimated: objects, strings and element storage); past
  // it, allocation raises the Gene error "out of memory", which Gene code can catch.
  // 0: no cap.
  size_t max_heap_bytes = 0;
  // Compile hot functions and loops to native code through the JIT plugin (LLVM). The
  // Engine constructor throws gene::Error when the plugin is not available.
  bool jit = false;
  uint64_t jit_threshold = 1000;  // calls or loop iterations before a function compiles
  // Where the JIT plugin is ($GENE_JIT_PLUGIN overrides it). Empty: next to the
  // executable, else the installed layout (lib/gene/ beside the executable's bin/). The
  // CMake package makes the plugin installed with it the default. One per process: the
  // plugin loads once.
#ifdef GENE_INSTALLED_JIT_PLUGIN
  std::string jit_plugin = GENE_INSTALLED_JIT_PLUGIN;
#else
  std::string jit_plugin;
#endif
  // Receives the program's output (print, println). Empty: standard output. Output is
  // buffered and handed over, in order, at the latest when the API call that printed it
  // returns (an error included).
  std::function<void(std::string_view)> output;
  // What $cmd_args returns.
  std::vector<std::string> args;
  // Collect garbage at every allocation: slow, for testing hosts that hold values.
  bool gc_stress = false;
};

// A native function's view of its call.
struct NativeCall {
  Engine& engine;
  Handle self;  // the receiver of a method call; nil for a plain call
  std::span<const Handle> args;
};
using NativeFunction = std::function<Handle(NativeCall& call)>;

// What an engine has done so far (benchmarks, hosts that watch their scripts).
struct EngineStatistics {
  // Calls of the Gene functions defined in the engine's module; with the JIT tier, calls
  // it inlined are not counted.
  uint64_t calls = 0;
  uint64_t instructions = 0;  // bytecode instructions run (0 when the build does not count them)
  size_t objects_allocated = 0;
  size_t collections = 0;
  // The JIT tier: functions compiled, and the time spent compiling and loading LLVM.
  size_t jit_functions = 0;
  double jit_compile_seconds = 0;
  double jit_load_seconds = 0;
};

class ClassBuilder;

class Engine {
 public:
  explicit Engine(EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // ---- running code ----
  // Reads, compiles and runs code; returns the value of its last form. name is how
  // errors and stack traces refer to the code.
  Handle eval(std::string_view code, std::string_view name = "<eval>");
  // Runs a file the same way (imports resolve relative to it).
  Handle eval_file(const std::string& path);

  // ---- names ----
  // The value of a name as Gene code sees it: "fib", "Point", "gene/json/parse".
  // nil when nothing defines it.
  Handle get(std::string_view name);
  // Defines a name in the engine's module.
  void set(std::string_view name, const Handle& value);
  template <class T>
  void set(std::string_view name, const T& value);
  // Looks a function up and calls it with C++ arguments (converted by gene::Convert).
  // Throws gene::Error when the name is undefined or the call fails.
  template <class... Args>
  Handle call(std::string_view function, const Args&... args);

  // ---- values ----
  Handle nil();
  Handle boolean(bool b);
  Handle integer(int64_t i);
  Handle number(double f);
  Handle string(std::string_view s);
  Handle array(std::span<const Handle> items);
  Handle map(std::span<const std::pair<std::string, Handle>> entries);
  // Any C++ value with a gene::Convert specialisation: make(3), make(std::vector{1, 2}).
  template <class T>
  Handle make(const T& value);

  // ---- native code ----
  // Defines a Gene function from a C++ callable. Its parameters are converted from the
  // Gene arguments, and checked first: (f "x") on a function taking an int64_t raises the
  // Gene error "f: argument 1 must be Int, got String". The result converts back; void
  // returns nil. The number of arguments must match the parameters.
  template <class F>
  void define(std::string_view name, F&& fn);
  // The untyped form: any number of arguments from min_args to max_args (-1: no limit).
  void define_native(std::string_view name, int min_args, int max_args, NativeFunction fn);
  // Defines a class whose constructor and methods are native functions.
  ClassBuilder define_class(std::string_view name);

  // ---- memory, output, statistics ----
  void collect_garbage();
  void flush_output();
  EngineStatistics statistics() const;
  // Whether this build's JIT plugin can be found (without loading it); why not, if not.
  static bool jit_available(std::string* why = nullptr, const std::string& plugin = {});

 private:
  friend struct detail::Access;
  std::unique_ptr<detail::EngineCore> core_;
};

// Adds native methods to a class made by Engine::define_class. A method's first parameter
// receives self (declare it as gene::Handle to read and set properties).
//
//   engine.define_class("Point")
//       .constructor([](gene::Handle self, double x, double y) { self.set("x", x); self.set("y", y); })
//       .method("norm", [](gene::Handle self) { return std::hypot(self.get("x").as_float(), self.get("y").as_float()); });
class ClassBuilder {
 public:
  // (new Name args…): runs fn(self, args…) on the new object.
  template <class F>
  ClassBuilder& constructor(F&& fn);
  // (obj .name args…): fn(self, args…).
  template <class F>
  ClassBuilder& method(std::string_view name, F&& fn);
  // The untyped form; call.self is the object.
  ClassBuilder& native_method(std::string_view name, int min_args, int max_args, NativeFunction fn);
  const Handle& value() const { return class_; }

 private:
  friend class Engine;
  ClassBuilder(Engine& engine, Handle cls, std::string name) : engine_(engine), class_(std::move(cls)), name_(std::move(name)) {}
  Engine& engine_;
  Handle class_;
  std::string name_;
};

}  // namespace gene

#include "gene/convert.hpp"  // the template members above
