// The interpreter's only view of the JIT tier. No LLVM here: the compiler lives in a
// plugin (libgene-jit.so) loaded when the first proto gets hot, so short scripts and
// builds with -DGENE_JIT=OFF never pay for LLVM.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <exception>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runtime/value.hpp"

namespace gene {
class VM;
struct Proto;
struct Frame;
}  // namespace gene

namespace gene::jit {

struct Runtime;  // the helpers compiled code calls (runtime.cpp)

// What compiled code returns to the dispatch loop. The frame's pc always says where
// the interpreter (or a later entry into native code) continues.
enum Status : uint32_t {
  kReturned = 0,  // the frame returned normally; its caller is the top frame now
  kContinue,      // the top frame changed (a call pushed a frame, a tail call): dispatch it
  kDeopt,         // an assumption failed: interpret this frame from its pc
  kNotEntered,    // the frame's pc is not an entry of the code: interpret it
  kExit,          // a frame marked kFrameToNative returned: leave run_frames
  kThrow,         // a helper raised a Gene error: rethrow the pending exception
};

// A compiled proto: entered with the VM, the proto's frame, which is the top frame, and
// that frame's registers (f->base: given, so that a callee need not wait for its caller's
// store of it).
using Entry = uint32_t (*)(VM* vm, Frame* f, Value* base);

// Why compiled code left through a deopt exit (the order of the names in tier.cpp).
enum DeoptReason : uint32_t {
  kDeoptNotInt,
  kDeoptIndex,
  kDeoptLoopSlowPath,
  kDeoptLoopEntry,
  kDeoptReadType,
  kDeoptInlined,
  kDeoptCallee,
  // Sites that had not run when the proto compiled (so it had no cache to compile them
  // from) ran often since: the proto compiles again. No guess failed.
  kDeoptColdSites,
  // Not a deopt: a loop entered from the code before it with other types than compiled
  // for runs one iteration in the interpreter and is entered again at its header.
  kDeoptFirstIteration,
  kNumDeoptReasons
};

struct Options {
  bool enabled = false;
  uint64_t threshold = 1000;  // calls or loop back edges before a proto is compiled
  bool stats = false;         // --jit-stats: a report on stderr at exit
  bool dump_ir = false;       // --dump-ir[=NAME]: the optimised IR on stderr
  std::string dump_filter;    // only protos whose name is this (empty: all)
  bool perf_map = false;      // --perf-map: /tmp/perf-PID.map for perf report
  // --jit-sync: compile on the VM's thread and run the code at once. By default the
  // passes and code generation run on a compile thread while the interpreter goes on.
  bool sync = false;
  // With sync: the code is installed only this many counts later (tests use it to run
  // the interpreter between lowering and entry, as the compile thread does).
  uint64_t install_delay = 0;
};

// The functions compiled code calls, by the names its IR declares. Filled by the VM.
struct HostSymbol {
  const char* name;
  void* address;
};

// Where compiled code finds the VM state it touches inline: byte offsets into VM (whose
// fields are private to the interpreter) and the addresses of global counters.
struct HostLayout {
  size_t frames, frame_count, frames_end, stack_end, stack_limit, builtin_classes, open_upvalues;
  const uint64_t* namespace_epoch;
  const uint64_t* method_epoch;
};

// The instructions compiled code runs through a helper of their own,
// gene_jit_build_NAME(vm, frame, index): what the interpreter's handler does, without its
// dispatch loop (building data; keyed and element access off the inline path). One
// helper per instruction, so that no call site goes through a switch on the opcode (an
// indirect jump shared by every site): maps, closures and binary-trees 5-8 % faster.
#define GENE_JIT_BUILT_OPS(X) \
  X(NEWARRAY) X(NEWMAP) X(SETPROP) X(CONCAT) X(CLOSURE) X(GETKEY) X(GETKEYU) X(SETKEY) X(AGET) X(ASET) X(ASETV) X(AGETI) X(ASETVI) \
  X(GETMEMBER) X(SETMEMBER) X(RANGE) X(FORPREP) X(TRY) X(ENDTRY) X(ISA) X(CASEMATCH)

// The C stack that native calls nested in compiled code may use, below the outermost
// entry into native code; a call that would go deeper goes through the dispatch loop,
// whose frames live in the VM's frame array.
constexpr uintptr_t kNativeStackBytes = uintptr_t{256} << 10;

// What the plugin needs to compile one proto.
struct CompileRequest {
  Proto* proto;
  const HostLayout* host;
  // The VM the code runs in: where its frame array and register stack lie, reserved once
  // for its life, the code takes as constants.
  const void* vm;
  const std::vector<uint32_t>* generic_sites;  // instructions that must not speculate
  bool speculate;                              // false: no deopt exits at all
  bool dump_ir;
  bool profile;  // report entries and returns to the profiler (--profile)
  bool caches;   // use the inline caches (not under --no-opt, which checks them)
  // Code that runs about once (a module body at its first run): no IR passes and fast
  // instruction selection, at a fifth of the compile time.
  bool quick;
  // The proto ran before this compile (more than one call, a loop got hot, or it compiles
  // again): its call sites without caches (CALL of a register) are worth a direct call's code.
  bool warm;
  // R of the frame whose loop got hot, read while lowering, and the header it is at:
  // that loop assumes its variables keep the number types they have now. Or, when a call
  // made the proto hot (at_entry), the new frame: only its parameters hold values yet.
  const Value* running;
  uint32_t running_pc;
  bool at_entry;
  uint64_t map_methods_epoch;  // VM::builtin_map_methods_epoch() at this compile
  // Steps through sites that had not run yet (Proto::jit_cold_steps) after which the code
  // deopts to compile again; 0: those sites just take the step.
  uint32_t cold_step_limit;
};
// Where compile time goes, for --jit-stats.
enum CompilePhase { kPhaseLower, kPhaseOptimize, kPhaseCodegen, kPhaseLink, kNumCompilePhases };
inline constexpr const char* kCompilePhaseNames[kNumCompilePhases] = {"lowering", "IR passes", "code generation",
                                                                       "linking"};
struct CompileResult {
  Entry entry = nullptr;
  uint64_t code_address = 0, code_size = 0;  // the machine code, for the perf map
  uint64_t ir_instructions = 0;
  double ms = 0;
  double phase_ms[kNumCompilePhases] = {};  // lowering, IR passes, code generation, linking (CompilePhase)
  std::string ir;       // the optimised IR, when asked for
  std::string inlined;  // calls made without frames ("inlined sq, norm2; self-calls without frames")
  std::string error;  // why nothing was compiled
};

// The entry points the plugin exports with C linkage.
struct PluginApi {
  int abi_version;
  // Creates an LLJIT, compiles a tiny function and runs it; returns its result (42) or -1.
  int (*self_test)(char* error, int error_size);
  // A compiler bound to the host's helper symbols; nullptr with *error set on failure.
  void* (*create)(const HostSymbol* symbols, int count, std::string* error);
  // Compiling is two steps. lower() turns the proto into IR on the VM's thread (it reads
  // the proto, its caches and the VM) and returns the job, or nullptr with result.error.
  void* (*lower)(void* compiler, const CompileRequest& request, CompileResult& result);
  // finish() runs the passes, generates and links the code, on one thread at a time (the
  // tier's compile thread), and frees the job; false with result.error on failure.
  bool (*finish)(void* compiler, void* job, CompileResult& result);
  void (*drop)(void* job);  // frees a job that will not be finished
  void (*destroy)(void* compiler);
};
constexpr int kPluginAbiVersion = 17;

// Loads the plugin next to the executable; nullptr (and a reason in *why) if unavailable.
const PluginApi* load_plugin(std::string* why);
// Whether this build has a JIT plugin next to the executable, without loading it.
bool plugin_present(std::string* why);
// Where an embedder installed the plugin (before it first loads); empty: the default search.
void set_plugin_path(std::string path);

// Per-VM state of the tier: the compiler, the deopt records and the statistics.
class Tier {
 public:
  Tier(VM& vm, Options opts);
  ~Tier();
  Tier(const Tier&) = delete;
  Tier& operator=(const Tier&) = delete;

  const Options& options() const { return opts_; }
  // Compiles p (called when its count passed the threshold); sets p->jit_entry, or
  // leaves p interpreted for good. `loop` says a back edge triggered it (OSR).
  void compile(Proto* p, bool loop);
  // Compiled code of p left through a deopt exit at instruction site, with the frame's
  // registers as the interpreter resumes with them: the site stops speculating, and p
  // compiles again at its next hot check.
  void deopt(Proto* p, uint32_t site, uint32_t reason, const Value* registers);
  void count_osr_entry() { ++osr_entries_; }
  void report(FILE* out) const;
  // Milliseconds spent compiling, and loading and setting up LLVM (gene-bench shows them apart).
  double compile_ms() const;
  double load_ms() const;
  size_t compiled_protos() const;

  // An error raised inside a helper waits here while compiled code returns kThrow.
  std::exception_ptr pending;
  // Or the value of a `throw` that a step ran, not made a C++ exception yet: the
  // dispatch loop that gets the kThrow hands it to a handler of its frames, or raises it
  // (the frames are still those of the throw, so the error reads the same).
  std::optional<Value> thrown;

 private:
  struct ProtoStats {
    std::string name;
    uint64_t compiles = 0;
    uint64_t warm_recompiles = 0;  // compiles after kDeoptColdSites
    uint64_t ir_instructions = 0;
    double ms = 0;
    uint64_t threshold_hit = 0;  // the count that triggered the first compile
    bool by_loop = false;
    uint64_t deopts[kNumDeoptReasons] = {};
    std::vector<uint32_t> generic_sites;
    std::string inlined;  // by the last compile
    std::string left_interpreted;  // why it is not compiled, if so
  };
  // A compile in flight on the compile thread.
  struct Job {
    void* lowered = nullptr;  // the plugin's job, until finished
    CompileResult result;
    bool ok = false;
    std::atomic<bool> done{false};
    std::atomic<uint32_t> asked{0};  // how often the proto asked for it while it waited
  };
  bool ensure_compiler();
  bool compiler_known() const;  // whether tried_, api_, compiler_ and load_ms_ may be read
  void poll_later(Proto* p, uint64_t interval = 64);
  void install(Proto* p, ProtoStats& st, CompileResult& res, bool ok);
  void work();
  void write_perf_map(const std::string& name, const CompileResult& res);

  VM& vm_;
  Options opts_;
  const PluginApi* api_ = nullptr;
  void* compiler_ = nullptr;
  std::string unavailable_;  // why the plugin could not be used
  bool tried_ = false;
  double load_ms_ = 0;
  std::optional<std::chrono::steady_clock::time_point> first_hot_;  // the first compile request
  double first_native_ms_ = -1;  // from then until the first code was installed
  ProtoStats& stats_of(Proto* p);
  std::deque<ProtoStats> protos_;  // by Proto::jit_record, in the order protos first got hot
  uint64_t osr_entries_ = 0;
  double phase_ms_[kNumCompilePhases] = {};
  FILE* perf_map_ = nullptr;
  int root_id_ = -1;
  std::map<Proto*, std::unique_ptr<Job>> pending_;  // owned here; touched by the VM's thread only
  std::thread worker_;
  std::mutex mutex_;  // guards queue_ and stopping_
  std::condition_variable wake_;
  std::deque<Job*> queue_;
  bool stopping_ = false;
  // Without --jit-sync the compile thread loads the plugin and sets up LLVM, then sets this.
  std::atomic<bool> loaded_{false};
};

}  // namespace gene::jit
