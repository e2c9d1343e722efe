#include "interp/profiler.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "bytecode/disasm.hpp"
#include "runtime/source.hpp"

namespace gene {

Profiler::Profiler(ProfilerOptions o) : opts_(o), started_(Clock::now()), last_(started_) {}

Profiler::FnStats& Profiler::stats_of(const Proto* p) {
  auto [it, fresh] = fns_.try_emplace(p);
  if (fresh && p) {
    it->second.name = p->display_name();
    it->second.defined_at = format_pos(p->pos);
  }
  return it->second;
}

void Profiler::enter(const Proto* p, Clock::time_point now, uint64_t allocations) {
  stack_.push_back(Activation{p, now, 0, allocations, 0});
  ++stats_of(p).calls;
}

void Profiler::leave(Clock::time_point now, uint64_t allocations) {
  Activation a = stack_.back();
  stack_.pop_back();
  double total = std::chrono::duration<double>(now - a.start).count();
  uint64_t allocs = allocations - a.allocs_start;
  FnStats& s = stats_of(a.proto);
  s.self += total - a.child;
  s.allocs += allocs - a.child_allocs;
  // Recursive activations are counted once in total time: only the outermost adds.
  bool outermost = std::none_of(stack_.begin(), stack_.end(), [&](const Activation& o) { return o.proto == a.proto; });
  if (outermost) s.total += total;
  if (!stack_.empty()) {
    stack_.back().child += total;
    stack_.back().child_allocs += allocs;
  }
}

void Profiler::track_depth(const Proto* p, size_t depth, Clock::time_point now, uint64_t allocations) {
  while (stack_.size() > depth) leave(now, allocations);
  // A new frame shows up as a deeper stack; frames replaced by a tail call keep depth.
  while (stack_.size() < depth) enter(stack_.size() + 1 == depth ? p : nullptr, now, allocations);
  if (!stack_.empty() && stack_.back().proto != p && stack_.back().proto == nullptr) stack_.back().proto = p;
}

void Profiler::native_entered(const Proto* p, bool fresh, size_t depth, uint64_t allocations) {
  if (depth > last_depth_) calls_ += depth - last_depth_;
  last_depth_ = depth;
  if (!opts_.functions) return;
  Clock::time_point now = Clock::now();
  // A frame entered afresh at the depth of the last one (compiled calls one after another
  // with no interpreted instruction between) is a new call.
  if (fresh && stack_.size() == depth && !stack_.empty() && stack_.back().proto == p) leave(now, allocations);
  size_t before = stats_of(p).calls;
  track_depth(p, depth, now, allocations);
  if (fns_[p].calls != before) ++fns_[p].native_entries;
}

void Profiler::native_returned(size_t depth, uint64_t allocations) {
  last_depth_ = depth;
  if (opts_.functions) {
    Clock::time_point now = Clock::now();
    while (stack_.size() > depth) leave(now, allocations);
  }
}

void Profiler::native_back_edge(const Proto*, uint32_t, uint64_t) {}

void Profiler::step(const Proto* p, const Instr* pc, size_t depth, uint64_t allocations) {
  ++instructions_;
  if (depth > last_depth_) calls_ += depth - last_depth_;
  last_depth_ = depth;
  Clock::time_point now = Clock::now();
  if (opts_.instructions && last_op_ >= 0) op_time_[last_op_] += std::chrono::duration<double>(now - last_).count();
  if (opts_.functions) track_depth(p, depth, now, allocations);
  int op = static_cast<int>(pc->op);
  ++op_count_[op];
  last_op_ = op;
  if (opts_.trace && traced_ < opts_.trace_limit) {
    ++traced_;
    size_t at = static_cast<size_t>(pc - p->code.data());
    SourcePos pos = at < p->positions.size() ? p->positions[at] : p->pos;
    fmt::print(stderr, "[trace] {:>3} {:<16} {:>4}  {:<40} {}\n", depth, p->display_name(), at, disassemble_instruction(p, at),
               format_pos(pos));
    if (traced_ == opts_.trace_limit) fmt::print(stderr, "[trace] limit of {} instructions reached\n", opts_.trace_limit);
  }
  last_ = Clock::now();
}

void Profiler::report(FILE* out, uint64_t allocations, size_t collections) {
  Clock::time_point now = Clock::now();
  while (!stack_.empty()) leave(now, allocations);
  double wall = std::chrono::duration<double>(now - started_).count();
  fmt::print(out, "\n== gene profile: {:.3f} s, {} instructions ({:.1f}M/s), {} calls ({:.1f}M/s)\n", wall, instructions_,
             instructions_ / wall / 1e6, calls_, calls_ / wall / 1e6);
  uint64_t lookups = global_hits_ + global_misses_;
  uint64_t calls_m = method_hits_ + method_misses_;
  fmt::print(out, "== allocations: {}, collections: {}\n", allocations, collections);
  fmt::print(out, "== inline caches: globals {} hits / {} look-ups ({:.1f}%), methods {} hits / {} calls ({:.1f}%)\n",
             global_hits_, lookups, lookups ? 100.0 * global_hits_ / lookups : 100.0, method_hits_, calls_m,
             calls_m ? 100.0 * method_hits_ / calls_m : 100.0);
  if (opts_.functions) {
    std::vector<std::pair<const Proto*, FnStats>> rows(fns_.begin(), fns_.end());
    std::sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.second.self > b.second.self; });
    fmt::print(out, "\n{:<28} {:>12} {:>11} {:>11} {:>12} {:>6}  {}\n", "function", "calls", "self ms", "total ms",
               "allocations", "tier", "defined at");
    for (auto& [p, s] : rows) {
      if (!p) continue;
      const char* tier = s.native_entries == 0 ? "interp" : s.native_entries >= s.calls ? "jit" : "both";
      fmt::print(out, "{:<28} {:>12} {:>11.3f} {:>11.3f} {:>12} {:>6}  {}\n", s.name, s.calls, s.self * 1e3,
                 s.total * 1e3, s.allocs, tier, s.defined_at);
    }
  }
  if (opts_.instructions) {
    std::vector<int> ops;
    for (int k = 0; k < kNumOpcodes; ++k)
      if (op_count_[k]) ops.push_back(k);
    std::sort(ops.begin(), ops.end(), [&](int a, int b) { return op_count_[a] > op_count_[b]; });
    fmt::print(out, "\n{:<12} {:>14} {:>8} {:>11} {:>9}\n", "opcode", "count", "share", "time ms", "ns/op");
    for (int k : ops) {
      fmt::print(out, "{:<12} {:>14} {:>7.2f}% {:>11.3f} {:>9.1f}\n", op_name(static_cast<Op>(k)), op_count_[k],
                 100.0 * op_count_[k] / instructions_, op_time_[k] * 1e3, op_time_[k] * 1e9 / op_count_[k]);
    }
  }
  std::fflush(out);
}

}  // namespace gene
