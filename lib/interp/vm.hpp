// The interpreter: register stack, call frames, the dispatch loop, and the entry points
// that native code and the CLI use to run Gene code.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/compiler.hpp"
#include "interp/error.hpp"
#include "interp/function.hpp"
#include "interp/profiler.hpp"
#include "jit/tier.hpp"
#include "runtime/heap.hpp"
#include "runtime/namespace.hpp"

namespace gene {

enum FrameFlags : uint8_t {
  kFrameToNative = 1,   // returning from this frame leaves execute()
  kFrameModule = 2,     // a top-level form: its registers (and upvalues) outlive the frame
  kFrameConstruct = 4,  // a constructor: the call's value is self, not the return value
  kFrameMacro = 8,      // a macro: its arguments arrived unevaluated
  kFrameHandlers = 16,  // a try block ran in this frame: its handlers go when it returns
  kFrameCaptured = 32,  // a closure captured a register: open upvalues close on return
  kFrameEval = 64,      // code of eval / $caller_eval, run for the frame `env`
};

struct Frame {
  Closure* closure;
  Proto* proto;       // closure->proto, one load closer for the caches and counters
  Value* base;        // R[0]
  const Instr* pc;    // next instruction, saved across calls and before slow paths
  const Value* k;     // the proto's constants, so a return reloads them in one step
  Value self;
  uint32_t flags;     // FrameFlags; a word, so that flags and env clear in one store
  uint32_t env;  // eval code (kFrameEval): the frame it runs for
};
static_assert(sizeof(Frame) == 64, "frames index by shift");

// An active try block: where a throw continues and which register receives the value.
struct Handler {
  size_t frame;
  const Instr* pc;
  uint16_t reg;
};

using JitOptions = jit::Options;

struct VMOptions {
  size_t stack_slots = size_t{1} << 22;  // 4M registers (64 MiB reserved, touched lazily)
  size_t max_frames = 200000;
  bool gc_stress = false;
};

class VM;
class EventLoop;

// How import_module loads (§25.7). importer: the importing code's namespace (its $pkg);
// inherit: a namespace where the module's unresolved names are also looked up (the module
// then runs anew); pkg: a dependency of the importer's package to import from.
struct ImportOptions {
  Namespace* importer = nullptr;
  Namespace* inherit = nullptr;
  std::string pkg;
};

// Keeps registers up to `top` visible to the collector while native code fills or reads a
// window above the current frame; restores the previous pin on the way out.
class StackPin {
 public:
  StackPin(VM& vm, Value* top);
  ~StackPin();
  StackPin(const StackPin&) = delete;
  StackPin& operator=(const StackPin&) = delete;

 private:
  VM& vm_;
  Value* saved_;
};

// A module in progress: one namespace and one register window across many evaluations,
// so that later code (the next REPL line) sees earlier variables, functions and macros.
class Session {
 public:
  Session(VM& vm, Namespace* ns);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  // Reads every form of the source first (a parse error runs nothing), then compiles and
  // runs them one at a time; returns the value of the last.
  Value eval(uint32_t file_id);
  Namespace* ns() const { return ns_; }
  std::vector<Symbol*> variable_names() const { return compiler_.variable_names(); }

 private:
  VM& vm_;
  Namespace* ns_;
  ModuleCompiler compiler_;
  Value* base_;
  Value* saved_pin_;
};

class VM {
 public:
  explicit VM(VMOptions opts = {});
  ~VM();
  VM(const VM&) = delete;
  VM& operator=(const VM&) = delete;

  Heap heap;
  CompileOptions compile_options;

  // ---- running code ----
  // Reads, compiles and runs a source; returns the value of its last form.
  // Parse and compile errors and uncaught Gene errors come out as GeneError.
  Value eval_source(uint32_t file_id, Namespace* ns = nullptr);
  Value run_module(Proto* main, Namespace* ns);
  // Runs the program's main file (it counts as loading, so importing it back is a cycle).
  Value run_main(uint32_t file_id);
  MacroLookup macro_lookup(Namespace* ns);
  // Calls method name of receiver from native code (any receiver, any method kind).
  Value call_method(Value receiver, Symbol* name, Value* args, int nargs);
  // Calls any callable from native code.
  Value call(Value fn, Value* args, int nargs, Value self = make_nil(), Map* props = nullptr);

  // ---- errors ----
  [[noreturn]] void raise(std::string message);
  [[noreturn]] void raise_value(Value v, std::string message = {});

  // ---- namespaces and builtins ----
  Namespace* global_ns() const { return global_ns_; }
  // The namespace of the Gene code running now (what its $ns gives); global outside any.
  Namespace* current_ns() const { return frame_count_ ? frames_[frame_count_ - 1].closure->ns : global_ns_; }
  Namespace* gene_ns() const { return gene_ns_; }
  Namespace* new_module_ns(std::string_view name);
  // Runs the module at path once (relative to the importing file, then the working
  // directory) and returns its namespace; an import cycle is an error.
  Namespace* import_module(const std::string& path, uint32_t importer_file, const ImportOptions& opts = {});
  NativeFn* define_native(Namespace* ns, std::string_view name, NativeFnPtr fn, int min_args, int max_args);
  // Natives of exactly one or two arguments, with a direct entry (see NativeFn1Ptr).
  NativeFn* define_native(Namespace* ns, std::string_view name, NativeFn1Ptr fn);
  NativeFn* define_native(Namespace* ns, std::string_view name, NativeFn2Ptr fn);
  NativeFn* define_method(Tag tag, std::string_view name, NativeFnPtr fn, int min_args, int max_args);
  Class* builtin_class(Tag tag) const { return builtin_classes_[static_cast<size_t>(tag)]; }
  void set_builtin_class(Tag tag, Class* c) { builtin_classes_[static_cast<size_t>(tag)] = c; }
  Class* class_of(Value v) const;
  // Exception classes: the root (Exception, also bound as GeneException) and the class of
  // errors the runtime raises itself.
  Class* exception_class = nullptr;
  Class* runtime_error_class = nullptr;
  Class* block_class = nullptr;  // the class of `->` blocks, a subclass of Fn (§25.1)
  // A new instance of cls with the message property set (for errors).
  Value make_exception(Class* cls, std::string_view message);

  // ---- output ----
  void write_out(std::string_view s);
  bool flush_out();
  // When set, program output is collected here instead of written to stdout (tests, embedders).
  std::string* capture = nullptr;
  // Flush at every newline (stdout is a terminal); otherwise output is block-buffered.
  bool line_buffered = false;

  // ---- profiling: when set, the instrumented dispatch loop runs ----
  std::unique_ptr<Profiler> profiler;
  void report_profile(FILE* out);

  // ---- the JIT tier (--jit): compiles protos whose calls or loops pass the threshold ----
  // Whether this build has the JIT tier (without loading LLVM); why not, if not.
  static bool jit_available(std::string* why);
  // Loads LLVM and compiles a tiny function: "LLVM ORC ready", or why it failed.
  static std::string jit_self_test();
  void enable_jit(JitOptions opts);
  jit::Tier* jit() const { return jit_.get(); }

  // ---- the event loop (§25.5): made at the first async operation, so others pay nothing ----
  EventLoop& event_loop();
  EventLoop* event_loop_if_started() const { return loop_.get(); }
  // Runs every pending timer, file operation and callback; true unless a callback failed.
  bool drain_event_loop();

  // ---- introspection for profilers and tests ----
  uint64_t instructions_executed() const { return instr_count_; }
  size_t frame_depth() const { return frame_count_; }

 private:
  friend class Session;
  friend class StackPin;
  friend struct jit::Runtime;
  Value execute(size_t entry_frame);
  // kCaches = false runs without inline caches (--no-opt): every look-up takes the full path.
  // kStep runs one instruction of the top frame and returns (compiled code's generic path).
  // kTierUp counts calls and back edges towards the JIT; off when the VM has no JIT.
  template <bool kProfiled, bool kCaches, bool kStep = false, bool kTierUp = true>
  Value run_frames(size_t entry_frame);
  // Compiled code's generic path for instruction `index` of the top frame f: the
  // interpreter runs it. Returns the index to continue at in f, or -Status when the
  // top frame changed or an error is pending.
  int64_t jit_step(Frame* f, uint32_t index);
  // The flag work of a return (handlers, constructors, upvalues); true when the frame
  // was entered from native code, so that run_frames must return.
  bool settle_return(Frame* f);
  // A proto's count passed its trigger: compiles it if needed; true when f can run natively.
  bool jit_ready(Proto* p, bool loop);
  [[noreturn]] void rethrow_jit_error();
  // The pending error of native code, if it is a Gene error: its value, and it is taken.
  [[gnu::noinline]] bool take_jit_error(Value& value);
  bool unwind_to_handler(const GeneError& e, size_t entry_frame);
  // The innermost handler takes error: frames above its own go, and its frame goes on there.
  void enter_handler(Value error);
  // A native called under a try of the calling frame: its error is caught here, in a
  // small function, instead of unwinding through the dispatch loop, whose long call-site
  // table the unwinder scans twice (80% of a caught `.to_i` error's cost). False, with
  // the error's value in caught_, when it raised.
  // The arguments come by value: a lambda capturing the dispatch loop's locals by
  // reference kept them out of registers (nbody 13 % slower).
  template <class... Params, class... Args>
  [[gnu::noinline]] bool call_catching(Value (VM::*native_call)(Params...), Value& out, Args... args) {
    try {
      out = (this->*native_call)(args...);
      return true;
    } catch (const GeneError& e) {
      caught_ = e.value;
      return false;
    }
  }
  Value caught_;
  // Class support for the dispatch loop (classes.cpp).
  Class* new_class(Symbol* name, Value parent, Namespace* enclosing);
  void construct(Value* window, int nargs, Value props);
  // The constructor closure of class value cv when (new cv …) is an Instance and a call of
  // that closure (what compiled code does without the dispatch loop); else null.
  Closure* plain_constructor(Value cv);
  // The call in window[0] with window[1..n] and named arguments props (a map or nil): a
  // Gene function gets a new frame, anything else runs now and leaves its value in window[0].
  // Out of line so that props stays rooted while parameters are bound.
  void invoke(Value* window, int n, Value props, Value self, uint8_t flags);
  void bind_rooted(Proto* p, Value* base, int n, Value props);
  void spread_call(Value* window, SpreadCall kind, Symbol* method);
  // The method name of the receiver's class, or an error naming both.
  Value* find_method(Value receiver, Symbol* name);
  // find_method through the call site's cache (method name = constant k of p).
  Value member_via_cache(Proto* p, uint16_t k, Value owner);
  // GETMEMBER and SETMEMBER of key K[k] where the site's entry hint missed: the full
  // look-up, which remembers where the key was for the site's next run.
  // GETMEMBER and SETMEMBER of key K[k] at instruction `site` of p when its hint missed.
  Value get_member_missed(Proto* p, uint32_t site, uint16_t k, Value o);
  void set_member_missed(Proto* p, uint32_t site, uint16_t k, Value o, Value v);
  // Keyed reads and writes of a Map (./, $set, .get, .set) past the site's entry hint: the
  // full lookup, whose position becomes the hint in a small map. Null when the key is absent.
  const Value* map_entry_missed(Proto* p, uint32_t site, Map* m, Value key);
  void map_set_missed(Proto* p, uint32_t site, Map* m, Value key, Value v);
  // The method a CALLM site cached for the receiver's class, or nullptr (see cached_method).
  Value* method_cache_hit(Proto* p, uint16_t k, Value receiver) {
    if (k >= p->method_caches.size()) return nullptr;
    MethodCache& mc = p->method_caches[k];
    Class* c = receiver.tag == Tag::Instance ? as_instance(receiver)->cls : builtin_classes_[static_cast<size_t>(receiver.tag)];
    return (mc.cls == c && c && mc.epoch == g_method_epoch) ? &mc.method : nullptr;
  }
  Value* cached_method(Proto* p, uint16_t k, Value receiver);
  // (x .get k) and (x .set k v) of AGET, ASET and ASETV when x is not an Array: a Map whose
  // get and set are still the builtin ones reads or writes its entry at once.
  Value get_via_method(Value receiver, Value* key);
  Value set_via_method(Value receiver, Value* key_and_value);
  // The same with the key and the value apart, passed in machine registers: a copy of a
  // register just written to a local pair was a 16-byte load that waits for the stores.
  Value set_via_method(Value receiver, Value key, Value value);
 public:
  // Creates an object of cls from native code: runs its constructor to completion.
  Value new_object(Class* cls, Value* args, int nargs);
  // The method epoch while Map's get and set are the builtin ones, else 0: compiled code
  // that reads and writes entries for .get and .set checks the epoch has not moved.
  uint64_t builtin_map_methods_epoch() { return map_access().get && map_access().set ? g_method_epoch : 0; }
  // CONCAT and .to_s: the to_s texts of parts joined into a new string.
  Value concat(const Value* parts, int n);
 private:
  void call_super(Value* window, int nargs, Value props, Frame* caller);
  void call_body(Value owner, Value* fn_slot, bool switch_ns);
  // Metaprogramming (eval.cpp).
  Value eval_in_frame(Value datum, size_t frame_index);
  Value render(Value tpl, size_t frame_index, int depth);
  size_t macro_caller_frame(size_t from);
  // NEWARRAY, NEWMAP and SETPROP, for the interpreter's handlers and compiled code alike.
  Value new_array_of(const Value* items, size_t n) {
    Array* a = heap.make<Array>();
    a->items.assign(items, items + n);
    return value_of(a);
  }
  Value new_map_with_room(size_t n) {
    Map* m = heap.make<Map>();
    m->map.reserve(n);
    return value_of(m);
  }
  static void set_prop(Value target, Symbol* key, Value v) {
    if (target.tag == Tag::Map) as_map(target)->map.set(key, v);
    else as_gene(target)->props.set(key, v);
  }
  bool case_matches(Value x, Value when);
  Class* new_enum(Symbol* name, Array* pairs);
  void push_frame_for_closure(Closure* c, Value* base, int nargs, Map* props, Value self, uint8_t flags);
  Value run_form(Proto* p, Value* base, Namespace* ns);
  void bind_complex_params(Proto* p, Value* base, int nargs, Map* props);
  Value call_value_slow(Value fn, Value* window, int nargs, Map* props, Value self, Frame* caller);
  // A native called from a register window (CALL, CALLG, CALLM, and compiled code): its
  // direct entry for one or two arguments when `direct` (a plain call, and not --no-opt,
  // so that the difference test checks it against the general path).
  Value call_native_fn(Value fn, Value* args, int n, Value self, Frame* f, bool direct) {
    NativeFn* nf = as_native(fn);
    if (direct && n == 1 && nf->direct1) return nf->direct1(*this, args[0]);
    if (direct && n == 2 && nf->direct2) return nf->direct2(*this, args[0], args[1]);
    return call_value_slow(fn, args, n, nullptr, self, f);
  }
  // A builtin method called from a register window (CALLM, and compiled code) whose
  // receiver stays in the slot below args, so it needs no root of its own: when the
  // receiver is of the method's kind (or the method takes any, as .to_s does) and the
  // count fits, its direct entry for one or two arguments, or its function at once (not
  // with --no-opt, as above).
  Value call_native_method(Value fn, Value* args, int n, Value self, Frame* f) {
    NativeFn* nf = as_native(fn);
    if (compile_options.optimize && (self.tag == nf->receiver_kind || !nf->checks_receiver) && n >= nf->min_args &&
        (nf->max_args < 0 || n <= nf->max_args)) {
      if (n == 1 && nf->method1) return nf->method1(*this, self, args[0]);
      if (n == 2 && nf->method2) return nf->method2(*this, self, args[0], args[1]);
      CallArgs a{args, n, self, nullptr, nf};
      return nf->fn(*this, a);
    }
    return call_value_slow(fn, args, n, nullptr, self, f);
  }
  [[noreturn]] void reject_native_call(NativeFn* nf, int nargs, Value self);  // arity or receiver
  Upvalue* capture_upvalue(Value* slot);
  // CLOSURE: dst = a closure of f's child proto child_index, capturing from f's registers.
  void make_closure(Frame* f, uint32_t child_index, Value& dst);
  void bind_upvalue(Closure* c, uint32_t k, Frame& holder);
  void close_upvalues(Value* from);
  void capture_trace(GeneError& e);
  void mark_roots(Marker& m);
  Value* stack_top() const;

  VMOptions opts_;
  Value* stack_ = nullptr;
  Value* stack_end_ = nullptr;
  Frame* frames_ = nullptr;  // reserved like the stack: untouched frames cost nothing
  Frame* frames_end_ = nullptr;
  size_t frame_count_ = 0;
  Upvalue* open_upvals_ = nullptr;
  Namespace* global_ns_ = nullptr;
  Namespace* gene_ns_ = nullptr;
  std::vector<Class*> builtin_classes_;
  // Map's builtin get and set, and whether Map still has them (see get_via_method): looked
  // up again only after a method table changed.
  struct MapAccess {
    Obj* builtin_get = nullptr;
    Obj* builtin_set = nullptr;
    uint64_t epoch = 0;
    bool get = false, set = false;
  } map_access_;
  const MapAccess& map_access() { return map_access_.epoch == g_method_epoch ? map_access_ : refresh_map_access(); }
  const MapAccess& refresh_map_access();
  std::vector<Handler> handlers_;
  std::unordered_map<std::string, Namespace*> modules_;
  std::vector<std::string> loading_;
  std::vector<Value> extra_roots_;
  std::unordered_set<Symbol*> macro_methods_;  // names some class defined with .macro  // modules run by this VM and similar long-lived values
  Value* pinned_top_ = nullptr;     // top of the register windows of modules being run
  int root_id_ = 0;
  int native_depth_ = 0;
  std::unique_ptr<char[]> emergency_memory_ = std::make_unique_for_overwrite<char[]>(1 << 20);  // untouched until needed
  uint64_t instr_count_ = 0;
  std::string out_buf_;
  std::unique_ptr<jit::Tier> jit_;
  std::unique_ptr<EventLoop> loop_;
  uint32_t jit_native_depth_ = 0;  // entries into native code nested on the C stack
  uintptr_t jit_stack_limit_ = 0;  // compiled code calls natively only while its frame is above
};

}  // namespace gene
