// Built-in profilers (`gene run --profile`, `--profile-instructions`, `--trace`): the
// interpreter runs a second, instrumented copy of its dispatch loop only when one is on.
#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "bytecode/opcodes.hpp"
#include "bytecode/proto.hpp"

namespace gene {

struct ProfilerOptions {
  bool functions = false;     // per-function calls, self/total time, allocations
  bool instructions = false;  // opcode counts and time per opcode
  bool trace = false;         // print each instruction executed
  uint64_t trace_limit = 10000;
};

class Profiler {
 public:
  explicit Profiler(ProfilerOptions o);

  // Called before each instruction: depth is the frame count, so calls and returns
  // (including unwinding and native re-entry) are seen as changes of depth.
  void step(const Proto* p, const Instr* pc, size_t depth, uint64_t allocations);
  // Compiled code entered p's frame (at depth), or a compiled frame returned (depth is
  // then the caller's): the function profile follows the JIT tier too.
  void native_entered(const Proto* p, bool fresh, size_t depth, uint64_t allocations);
  void native_returned(size_t depth, uint64_t allocations);
  // A back edge taken in compiled code, after `instructions` instructions of loop body
  // (the fuzz build's step budget counts them).
  void native_back_edge(const Proto* p, uint32_t instructions, uint64_t allocations);
  void global_lookup(bool hit) { ++(hit ? global_hits_ : global_misses_); }
  void method_lookup(bool hit) { ++(hit ? method_hits_ : method_misses_); }
  // Closes open activations and prints the report to out.
  void report(FILE* out, uint64_t allocations, size_t collections);

 private:
  using Clock = std::chrono::steady_clock;
  struct FnStats {
    uint64_t calls = 0;
    double self = 0, total = 0;
    uint64_t allocs = 0;
    uint64_t native_entries = 0;  // activations run (or resumed) by compiled code
    // Read at the first call: the report must not touch protos the collector freed since.
    std::string name, defined_at;
  };
  struct Activation {
    const Proto* proto;
    Clock::time_point start;
    double child = 0;
    uint64_t allocs_start = 0, child_allocs = 0;
  };
  void enter(const Proto* p, Clock::time_point now, uint64_t allocations);
  void leave(Clock::time_point now, uint64_t allocations);
  FnStats& stats_of(const Proto* p);
  void track_depth(const Proto* p, size_t depth, Clock::time_point now, uint64_t allocations);

  ProfilerOptions opts_;
  Clock::time_point started_, last_;
  std::vector<Activation> stack_;
  std::unordered_map<const Proto*, FnStats> fns_;
  uint64_t op_count_[kNumOpcodes] = {};
  double op_time_[kNumOpcodes] = {};
  int last_op_ = -1;
  uint64_t instructions_ = 0, calls_ = 0, traced_ = 0;
  size_t last_depth_ = 0;
  uint64_t global_hits_ = 0, global_misses_ = 0;
  uint64_t method_hits_ = 0, method_misses_ = 0;
};

}  // namespace gene
