#include "jit/tier.hpp"

#include <dlfcn.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <thread>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <filesystem>

#include "bytecode/proto.hpp"
#include "interp/vm.hpp"
#include "jit/runtime.hpp"

namespace gene::jit {

namespace {
std::filesystem::path executable_dir() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return {};
  buf[n] = '\0';
  return std::filesystem::path(buf).parent_path();
}

std::string& configured_plugin_path() {
  static std::string path;
  return path;
}

// GENE_JIT_PLUGIN names the plugin file (hosts whose executable lives elsewhere: tests,
// fuzzers, embedders), then set_plugin_path; by default it sits next to the executable
// (the build tree) or in the installed layout's plugin directory (GENE_JIT_PLUGIN_RELDIR,
// relative to the executable's).
std::filesystem::path plugin_path() {
  if (const char* env = std::getenv("GENE_JIT_PLUGIN")) return env;
  if (!configured_plugin_path().empty()) return configured_plugin_path();
  std::filesystem::path beside = executable_dir() / GENE_JIT_PLUGIN_NAME;
  std::error_code ec;
  if (std::filesystem::exists(beside, ec)) return beside;
  return executable_dir() / GENE_JIT_PLUGIN_RELDIR / GENE_JIT_PLUGIN_NAME;
}

constexpr const char* kDeoptNames[kNumDeoptReasons] = {"operand not an Int", "not an array or index out of range",
                                                                 "generic path in a promoted loop",
                                                                 "loop entered with another type",
                                                                 "read a value of another type",
                                                                 "an inlined call bailed out",
                                                                 "the callee changed since the compile",
                                                                 "sites cold at the compile ran often",
                                                                 "first iteration interpreted"};
// A proto that deopts this often is compiled once more without any speculation.
constexpr uint64_t kMaxSpeculativeCompiles = 4;
// A proto compiles again for sites that were cold at its compile at most this often; then
// they keep taking the step.
constexpr uint64_t kMaxWarmRecompiles = 2;

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

const PluginApi* load_plugin(std::string* why) {
  static const PluginApi* api = nullptr;
  static std::string reason;
  static bool tried = false;
  if (!tried) {
    tried = true;
    std::string name = GENE_JIT_PLUGIN_NAME;
    if (plugin_present(&reason)) {
      auto path = plugin_path();
      void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (!handle) {
        reason = dlerror();
      } else {
        auto get = reinterpret_cast<const PluginApi* (*)()>(dlsym(handle, "gene_jit_plugin"));
        api = get ? get() : nullptr;
        if (!api || api->abi_version != kPluginAbiVersion) {
          api = nullptr;
          reason = "JIT plugin has an incompatible interface";
        }
      }
    }
  }
  if (!api && why) *why = reason;
  return api;
}

void set_plugin_path(std::string path) { configured_plugin_path() = std::move(path); }

bool plugin_present(std::string* why) {
  std::string name = GENE_JIT_PLUGIN_NAME;
  if (name.empty()) {
    *why = "this gene was built without the JIT (-DGENE_JIT=OFF)";
    return false;
  }
  std::error_code ec;
  if (!std::filesystem::exists(plugin_path(), ec)) {
    *why = fmt::format("{} is missing ({})", name, plugin_path().string());
    return false;
  }
  return true;
}

// Protos waiting for their code stay alive: the code has their addresses built in.
Tier::Tier(VM& vm, Options opts) : vm_(vm), opts_(std::move(opts)) {
  root_id_ = vm_.heap.add_root_source([this](Marker& m) {
    for (auto& [p, job] : pending_) m.mark(p);
    if (thrown) m.mark(*thrown);
  });
}

Tier::~Tier() {
  if (worker_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    worker_.join();
    for (Job* job : queue_) api_->drop(job->lowered);
  }
  vm_.heap.remove_root_source(root_id_);
  if (api_ && compiler_) api_->destroy(compiler_);
  if (perf_map_) fclose(perf_map_);
}

bool Tier::ensure_compiler() {
  if (tried_) return compiler_ != nullptr;
  tried_ = true;
  auto t0 = std::chrono::steady_clock::now();
  pool::note_growth();  // LLVM allocates megabytes on this thread
  api_ = load_plugin(&unavailable_);
  if (!api_) return false;
  std::vector<HostSymbol> symbols = host_symbols();
  compiler_ = api_->create(symbols.data(), static_cast<int>(symbols.size()), &unavailable_);
  load_ms_ = ms_since(t0);
  if (!compiler_) spdlog::warn("JIT unavailable: {}", unavailable_);
  return compiler_ != nullptr;
}

Tier::ProtoStats& Tier::stats_of(Proto* p) {
  if (p->jit_record == 0) {
    protos_.emplace_back();
    p->jit_record = static_cast<uint32_t>(protos_.size());
  }
  return protos_[p->jit_record - 1];
}

void Tier::compile(Proto* p, bool loop) {
  ProtoStats& st = stats_of(p);
  if (st.name.empty()) {
    st.name = p->display_name();
    st.threshold_hit = opts_.threshold;
    st.by_loop = loop;
  }
  if (auto it = pending_.find(p); it != pending_.end()) {
    Job& job = *it->second;
    if (!job.done.load(std::memory_order_acquire)) {
      job.asked.fetch_add(1, std::memory_order_relaxed);
      poll_later(p);
      return;
    }
    install(p, st, job.result, job.ok);
    pending_.erase(it);
    return;
  }
  p->jit_trigger = UINT64_MAX;  // until it compiles: never asked again
  if (!first_hot_) first_hot_ = std::chrono::steady_clock::now();
  if (!opts_.sync && !loaded_.load(std::memory_order_acquire)) {
    // The compile thread loads LLVM first (tens of milliseconds); the interpreter goes on.
    if (!worker_.joinable()) worker_ = std::thread([this] { work(); });
    poll_later(p);
    return;
  }
  if (!ensure_compiler()) {
    st.left_interpreted = unavailable_;
    return;
  }
  uint32_t running_pc = 0;
  const Value* running = running_registers(vm_, p, &running_pc);
  // A cold site takes about as many steps as a proto takes calls to get hot before the
  // code compiles again with it warm (at least 64 under --jit-threshold=0).
  uint32_t cold_step_limit =
      st.warm_recompiles < kMaxWarmRecompiles ? static_cast<uint32_t>(std::clamp<uint64_t>(opts_.threshold, 64, 1u << 30)) : 0;
  CompileRequest req{p, &host_layout(), &vm_, &st.generic_sites, st.compiles < kMaxSpeculativeCompiles + st.warm_recompiles,
                     opts_.dump_ir && (opts_.dump_filter.empty() || opts_.dump_filter == st.name),
                     vm_.profiler != nullptr, vm_.compile_options.optimize,
                     p->is_module && !loop, loop || p->call_count > 1 || st.compiles > 0, running, running_pc, !loop,
                     vm_.builtin_map_methods_epoch(), cold_step_limit};
  auto job = std::make_unique<Job>();
  job->lowered = api_->lower(compiler_, req, job->result);
  if (!job->lowered) {
    install(p, st, job->result, false);
    return;
  }
  if (opts_.sync) {
    bool ok = api_->finish(compiler_, job->lowered, job->result);
    if (opts_.install_delay == 0) {
      install(p, st, job->result, ok);
      return;
    }
    job->lowered = nullptr;  // finished, and freed by the plugin
    job->ok = ok;
    job->done.store(true, std::memory_order_release);
    pending_[p] = std::move(job);
    poll_later(p, opts_.install_delay);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(job.get());
  }
  wake_.notify_one();
  pending_[p] = std::move(job);
  poll_later(p);
}

// The interpreter asks again (and the tier looks whether the code is ready) after
// `interval` more calls (64 unless --jit-install-delay), or back edges of any one loop
// of p. The loop counters only measure hotness, so they restart at the call count: a
// loop that ran less than p was called (one long call of a function called often
// before) still asks within `interval` iterations.
void Tier::poll_later(Proto* p, uint64_t interval) {
  for (uint64_t& c : p->loop_counters) c = p->call_count;
  p->jit_trigger = p->call_count + interval;
}

void Tier::install(Proto* p, ProtoStats& st, CompileResult& res, bool ok) {
  for (int k = 0; k < kNumCompilePhases; ++k) phase_ms_[k] += res.phase_ms[k];
  if (!ok) {
    st.left_interpreted = res.error;
    spdlog::debug("jit: {} stays interpreted: {}", st.name, res.error);
    p->jit_trigger = UINT64_MAX;
    return;
  }
  ++st.compiles;
  st.ms += res.ms;
  st.ir_instructions = res.ir_instructions;
  st.inlined = res.inlined;
  st.left_interpreted.clear();
  if (!res.ir.empty()) fmt::print(stderr, "; ---- IR of {} ----\n{}", st.name, res.ir);
  if (opts_.perf_map) write_perf_map(st.name, res);
  p->jit_entry = reinterpret_cast<void*>(res.entry);
  p->jit_cold_steps = 0;
  p->jit_trigger = 0;  // every call and back edge enters the native code
  if (first_native_ms_ < 0) first_native_ms_ = ms_since(*first_hot_);
}

// The compile thread: passes, code generation and linking of one job after another.
void Tier::work() {
  ensure_compiler();
  loaded_.store(true, std::memory_order_release);  // the VM's thread may read what it set
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    // The proto that asked most while waiting goes first (the first in the queue on a
    // tie): code for a function that stopped running, such as a loop that filled a table
    // at the start, comes after the code the program is waiting for.
    auto next = std::max_element(queue_.begin(), queue_.end(), [](const Job* a, const Job* b) {
      return a->asked.load(std::memory_order_relaxed) < b->asked.load(std::memory_order_relaxed);
    });
    Job* job = *next;
    queue_.erase(next);
    lock.unlock();
    job->ok = api_->finish(compiler_, job->lowered, job->result);
    job->lowered = nullptr;
    job->done.store(true, std::memory_order_release);
    lock.lock();
  }
}

// The register that holds the container of element access `in`, or -1.
static int container_register(const Instr& in) {
  switch (in.op) {
    case Op::AGET: case Op::AGETI: case Op::GETINDEX: case Op::ASET: return in.b;
    case Op::ASETV: case Op::ASETVI: case Op::SETINDEX: return in.a;
    default: return -1;
  }
}

namespace {
// The operations whose compiled code guesses that the operand of an Int immediate is an
// Int (kDeoptNotInt).
bool guesses_int(Op op) {
  switch (op) {
    case Op::ADDI: case Op::SUBI:
    case Op::JNLTI: case Op::JNLEI: case Op::JNGTI: case Op::JNGEI:
    case Op::LOOPLTI: case Op::LOOPLEI: case Op::LOOPGTI: case Op::LOOPGEI: return true;
    default: return false;
  }
}
}  // namespace

void Tier::deopt(Proto* p, uint32_t site, uint32_t reason, const Value* registers) {
  ProtoStats& st = stats_of(p);
  if (reason < kNumDeoptReasons) ++st.deopts[reason];
  spdlog::debug("jit: {} deopts at {} {}: {}", st.name, site, op_name(p->code[site].op),
                reason < kNumDeoptReasons ? kDeoptNames[reason] : "?");
  if (reason == kDeoptFirstIteration) return;  // the code stays: the next back edge enters it
  if (reason == kDeoptColdSites) {
    ++st.warm_recompiles;  // nothing was guessed wrong: compile again, now that the sites ran
    p->jit_entry = nullptr;
    p->jit_trigger = 0;
    return;
  }
  auto stop_guessing = [&](uint32_t k) {
    if (std::find(st.generic_sites.begin(), st.generic_sites.end(), k) == st.generic_sites.end())
      st.generic_sites.push_back(k);
  };
  stop_guessing(site);
  // The container was no Array at all (a map read with .get …): every element access
  // through its register, or through another that holds the same object now, stops
  // guessing at once, rather than one deopt and one compile for each (maps-get compiled
  // five times).
  int container = reason == kDeoptIndex ? container_register(p->code[site]) : -1;
  if (container >= 0 && !is_array(registers[container])) {
    for (uint32_t k = 0; k < p->code.size(); ++k) {
      int r = container_register(p->code[k]);
      if (r == container || (r >= 0 && same(registers[r], registers[container]))) stop_guessing(k);
    }
  }
  // An immediate's operand was no Int, or a read that only ever gave Ints gave something
  // else: numbers mix in this proto (Ints that became Floats), and no operation with an
  // immediate guesses Int any more, rather than one deopt and one compile for each.
  bool ints_changed = reason == kDeoptReadType && p->code[site].seen == seen_bit(Tag::Int);
  if (reason == kDeoptNotInt || ints_changed)
    for (uint32_t k = 0; k < p->code.size(); ++k)
      if (guesses_int(p->code[k].op)) stop_guessing(k);
  // Interpret from here; the next call or back edge compiles it again without the guess.
  p->jit_entry = nullptr;
  p->jit_trigger = 0;
}

bool Tier::compiler_known() const { return opts_.sync || loaded_.load(std::memory_order_acquire); }

double Tier::load_ms() const { return compiler_known() ? load_ms_ : 0; }

void Tier::write_perf_map(const std::string& name, const CompileResult& res) {
  if (!perf_map_) perf_map_ = fopen(fmt::format("/tmp/perf-{}.map", getpid()).c_str(), "w");
  if (!perf_map_) return;
  fmt::print(perf_map_, "{:x} {:x} gene:{}\n", res.code_address, res.code_size, name);
  // For developers: the machine code too, to disassemble where perf's samples fall
  // (objdump -D -b binary -mi386:x86-64 --adjust-vma=0xADDRESS FILE).
  if (const char* dir = std::getenv("GENE_JIT_CODE_DIR")) {
    std::string file = name;
    std::replace(file.begin(), file.end(), '/', '_');
    std::string path = fmt::format("{}/{}-{:x}.bin", dir, file, res.code_address);
    if (FILE* f = fopen(path.c_str(), "wb")) {
      fwrite(reinterpret_cast<const void*>(res.code_address), 1, res.code_size, f);
      fclose(f);
    }
  }
  fflush(perf_map_);
}

double Tier::compile_ms() const {
  double total = 0;
  for (const ProtoStats& st : protos_) total += st.ms;
  return total;
}

size_t Tier::compiled_protos() const {
  size_t n = 0;
  for (const ProtoStats& st : protos_) n += st.compiles ? 1 : 0;
  return n;
}

// One line per proto, with stable prefixes (the test/jit programs look for them).
void Tier::report(FILE* out) const {
  fmt::print(out, "JIT statistics (threshold {})\n", opts_.threshold);
  if (compiler_known() && !unavailable_.empty()) fmt::print(out, "  unavailable: {}\n", unavailable_);
  if (compiler_known() && tried_) fmt::print(out, "  LLVM load and set-up: {:.2f} ms\n", load_ms_);
  if (first_native_ms_ >= 0)
    fmt::print(out, "  first native code: {:.2f} ms after the first proto got hot (LLVM load included)\n",
               first_native_ms_);
  double total = 0;
  uint64_t compiled = 0, interpreted = 0, deopts = 0;
  for (const ProtoStats& st : protos_) {
    total += st.ms;
    std::string d;
    for (uint32_t r = 0; r < kNumDeoptReasons; ++r) {
      if (!st.deopts[r]) continue;
      deopts += st.deopts[r];
      d += fmt::format("{}{} x {}", d.empty() ? "; deopts: " : ", ", st.deopts[r], kDeoptNames[r]);
    }
    if (st.compiles) {
      ++compiled;
      std::string inlined = st.inlined.empty() ? "" : "; " + st.inlined;
      fmt::print(out, "  {}: compiled {}x, trigger {}>{}, IR {} instructions, {:.2f} ms{}{}\n", st.name, st.compiles,
                 st.by_loop ? "loop" : "calls", st.threshold_hit, st.ir_instructions, st.ms, inlined, d);
    }
    if (!st.left_interpreted.empty()) {
      ++interpreted;
      fmt::print(out, "  {}: left interpreted: {}\n", st.name, st.left_interpreted);
    }
  }
  fmt::print(out, "  compiled: {} protos, {:.2f} ms in total; OSR entries: {}; deopts: {}; left interpreted: {}\n",
             compiled, total, osr_entries_, deopts, interpreted);
  if (!pending_.empty()) fmt::print(out, "  still compiling at exit: {} protos\n", pending_.size());
  if (compiled) {
    std::string phases;
    for (int k = 0; k < kNumCompilePhases; ++k)
      phases += fmt::format("{}{} {:.2f} ms", k ? ", " : "", kCompilePhaseNames[k], phase_ms_[k]);
    fmt::print(out, "  compile time: {}\n", phases);
  }
}

}  // namespace gene::jit
