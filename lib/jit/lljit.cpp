// The JIT plugin: one ORC LLJIT per VM, bound to the VM's helpers by address, that turns
// the IR of lower.cpp into native code. Loaded with dlopen when the first proto gets hot.
#include <llvm/ExecutionEngine/JITLink/JITLink.h>
#include <llvm/ExecutionEngine/Orc/DebugObjectManagerPlugin.h>
#include <llvm/ExecutionEngine/Orc/EPCDebugObjectRegistrar.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/MapperJITLinkMemoryManager.h>
#include <llvm/ExecutionEngine/Orc/ObjectLinkingLayer.h>
#include <llvm/ExecutionEngine/Orc/TargetProcess/JITLoaderGDB.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Transforms/Utils.h>
#include <llvm/Transforms/Utils/Cloning.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/MC/MCContext.h>
#include <llvm/Support/SmallVectorMemoryBuffer.h>
#include <llvm/Analysis/AliasAnalysis.h>
#include <llvm/Analysis/AssumptionCache.h>
#include <llvm/Analysis/BasicAliasAnalysis.h>
#include <llvm/Analysis/BlockFrequencyInfo.h>
#include <llvm/Analysis/BranchProbabilityInfo.h>
#include <llvm/Analysis/CycleAnalysis.h>
#include <llvm/Analysis/DDG.h>
#include <llvm/Analysis/DemandedBits.h>
#include <llvm/Analysis/DependenceAnalysis.h>
#include <llvm/Analysis/DominanceFrontier.h>
#include <llvm/Analysis/FunctionPropertiesAnalysis.h>
#include <llvm/Analysis/IVUsers.h>
#include <llvm/Analysis/LazyValueInfo.h>
#include <llvm/Analysis/LoopAccessAnalysis.h>
#include <llvm/Analysis/LoopInfo.h>
#include <llvm/Analysis/MemoryDependenceAnalysis.h>
#include <llvm/Analysis/MemorySSA.h>
#include <llvm/Analysis/OptimizationRemarkEmitter.h>
#include <llvm/Analysis/PhiValues.h>
#include <llvm/Analysis/PostDominators.h>
#include <llvm/Analysis/RegionInfo.h>
#include <llvm/Analysis/ProfileSummaryInfo.h>
#include <llvm/Analysis/ScalarEvolution.h>
#include <llvm/Analysis/ScalarEvolutionAliasAnalysis.h>
#include <llvm/Analysis/ScopedNoAliasAA.h>
#include <llvm/Analysis/TargetLibraryInfo.h>
#include <llvm/Analysis/TargetTransformInfo.h>
#include <llvm/Analysis/TypeBasedAliasAnalysis.h>
#include <llvm/Analysis/UniformityAnalysis.h>
#include <llvm/IR/Dominators.h>
#include <llvm/IR/PassInstrumentation.h>
#include <llvm/IR/PassManager.h>
#include <llvm/Transforms/InstCombine/InstCombine.h>
#include <llvm/Transforms/Scalar/EarlyCSE.h>
#include <llvm/Transforms/Scalar/IndVarSimplify.h>
#include <llvm/Transforms/Scalar/LICM.h>
#include <llvm/Transforms/Scalar/LoopPassManager.h>
#include <llvm/Transforms/Scalar/LoopRotation.h>
#include <llvm/Transforms/Scalar/LoopUnrollPass.h>
#include <llvm/Transforms/Scalar/SCCP.h>
#include <llvm/Transforms/Scalar/SROA.h>
#include <llvm/Transforms/Scalar/SimpleLoopUnswitch.h>
#include <llvm/Transforms/Scalar/SimplifyCFG.h>
#include <llvm/Transforms/Vectorize/LoopVectorize.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/IR/PassTimingInfo.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bytecode/proto.hpp"
#include "jit/lower.hpp"
#include "jit/tier.hpp"

namespace gene::jit {
namespace {

namespace orc = llvm::orc;

// Records where each compiled function landed and how long it is (for perf maps).
class CodeRanges : public orc::ObjectLinkingLayer::Plugin {
 public:
  struct Range {
    uint64_t address, size;
  };
  void modifyPassConfig(orc::MaterializationResponsibility&, llvm::jitlink::LinkGraph&,
                        llvm::jitlink::PassConfiguration& config) override {
    config.PostFixupPasses.push_back([this](llvm::jitlink::LinkGraph& g) {
      std::lock_guard<std::mutex> lock(mutex_);
      for (auto* sym : g.defined_symbols())
        if (sym->hasName() && sym->isCallable())
          ranges_[sym->getName().str()] = Range{sym->getAddress().getValue(), sym->getSize()};
      return llvm::Error::success();
    });
  }
  llvm::Error notifyFailed(orc::MaterializationResponsibility&) override { return llvm::Error::success(); }
  llvm::Error notifyRemovingResources(orc::JITDylib&, orc::ResourceKey) override { return llvm::Error::success(); }
  void notifyTransferringResources(orc::JITDylib&, orc::ResourceKey, orc::ResourceKey) override {}
  Range find(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = ranges_.find(name);
    return it == ranges_.end() ? Range{0, 0} : it->second;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, Range> ranges_;
};

// Adds the time since the last phase to that phase of the result, and to its total.
class Timer {
 public:
  explicit Timer(CompileResult& out) : out_(out), last_(std::chrono::steady_clock::now()) {}
  void done(CompilePhase phase) {
    auto now = std::chrono::steady_clock::now();
    double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    out_.phase_ms[phase] += ms;
    out_.ms += ms;
    last_ = now;
  }

 private:
  CompileResult& out_;
  std::chrono::steady_clock::time_point last_;
};

class Engine {
  static constexpr size_t kCodeSlab = size_t{4} << 20;

 public:
  static std::unique_ptr<Engine> create(const HostSymbol* symbols, int count, std::string* error) {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    parse_llvm_options();
    auto engine = std::unique_ptr<Engine>(new Engine());
    auto tmb = orc::JITTargetMachineBuilder::detectHost();
    if (!tmb) return fail(error, tmb.takeError());
    // Hot code: the default back end (O2, SelectionDAG). O1 compiles and runs the same.
    // Fast instruction selection compiles fib in 10 ms instead of 13 and spectral-norm
    // runs 0.13 s instead of 0.19, but fib and tak run 15-20% slower; O0 (fast register
    // allocation) compiles in 4 ms and runs nbody 12x slower.
    // The small code model, position independent, as LLJIT picks for JITLink: helpers and
    // host objects farther than 2 GB are reached through the GOT and stubs JITLink builds
    // (and bypasses where they are near). The large one (the JIT default) puts a 64-bit
    // address in a register for every call and global, and fast instruction selection
    // cannot select those at all.
    tmb->setCodeModel(llvm::CodeModel::Small);
    tmb->setRelocationModel(llvm::Reloc::PIC_);
    auto tm = tmb->createTargetMachine();
    if (!tm) return fail(error, tm.takeError());
    engine->tm_ = std::move(*tm);
    tmb->setCodeGenOptLevel(llvm::CodeGenOptLevel::None);  // fast instruction selection
    auto quick_tm = tmb->createTargetMachine();
    if (!quick_tm) return fail(error, quick_tm.takeError());
    engine->quick_tm_ = std::move(*quick_tm);
    CodeRanges* ranges = engine->ranges_ = new CodeRanges();
    auto jit = orc::LLJITBuilder()
                   .setJITTargetMachineBuilder(std::move(*tmb))
                   .setObjectLinkingLayerCreator(
                       [ranges](orc::ExecutionSession& es, const llvm::Triple&) -> llvm::Expected<std::unique_ptr<orc::ObjectLayer>> {
                         // Code goes into slabs reserved kCodeSlab at a time, not one mapping per function.
                         auto memory = orc::MapperJITLinkMemoryManager::CreateWithMapper<orc::InProcessMemoryMapper>(kCodeSlab);
                         if (!memory) return memory.takeError();
                         auto layer = std::make_unique<orc::ObjectLinkingLayer>(es, std::move(*memory));
                         layer->addPlugin(std::unique_ptr<CodeRanges>(ranges));
                         // GDB's JIT interface: a debugger names compiled Gene functions in a
                         // backtrace. The registration function is this plugin's own (its
                         // symbols are not exported, so ORC could not look it up by name).
                         auto registrar = std::make_unique<orc::EPCDebugObjectRegistrar>(
                             es, orc::ExecutorAddr::fromPtr(&llvm_orc_registerJITLoaderGDBWrapper));
                         layer->addPlugin(std::make_unique<orc::DebugObjectManagerPlugin>(es, std::move(registrar), false, true));
                         return std::unique_ptr<orc::ObjectLayer>(std::move(layer));
                       })
                   .create();
    if (!jit) return fail(error, jit.takeError());
    engine->jit_ = std::move(*jit);
    orc::SymbolMap map;
    for (int k = 0; k < count; ++k)
      map[engine->jit_->mangleAndIntern(symbols[k].name)] = {orc::ExecutorAddr::fromPtr(symbols[k].address),
                                                               llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable};
    orc::JITDylib& lib = engine->jit_->getMainJITDylib();
    if (auto err = lib.define(orc::absoluteSymbols(std::move(map)))) return fail(error, std::move(err));
    // memcpy and friends, should the code generator call them.
    auto process = orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(engine->jit_->getDataLayout().getGlobalPrefix());
    if (!process) return fail(error, process.takeError());
    lib.addGenerator(std::move(*process));
    return engine;
  }

  // The IR of one proto, between lower() and finish().
  struct Job {
    std::unique_ptr<llvm::LLVMContext> ctx;
    std::unique_ptr<llvm::Module> mod;
    std::string name;
    bool quick, promoted_loops, quick_framed, dump_ir;
  };

  // On the VM's thread: lowering reads the proto, its caches and the VM.
  Job* lower(const CompileRequest& req, CompileResult& out) {
    Timer timer(out);
    auto job = std::make_unique<Job>();
    job->ctx = std::make_unique<llvm::LLVMContext>();
    job->name = function_name(req.proto);
    Lowered lowered = lower_proto(*job->ctx, req, job->name);
    job->mod = std::move(lowered.module);
    job->mod->setDataLayout(jit_->getDataLayout());
    job->mod->setTargetTriple(jit_->getTargetTriple().str());
    std::string problems;
    llvm::raw_string_ostream problem_stream(problems);
    if (llvm::verifyModule(*job->mod, &problem_stream)) {
      out.error = "internal error: invalid IR: " + problems;
      return nullptr;
    }
    job->quick = req.quick;
    job->promoted_loops = lowered.promoted_loops;
    // Where self-calls run the frameless clone, the framed function runs once per call from
    // outside. Not after a deopt: the clone may then bail out of every call, leaving the
    // work to the framed code.
    job->quick_framed = lowered.frameless_clone && (!req.generic_sites || req.generic_sites->empty());
    out.inlined = lowered.inlined;
    job->dump_ir = req.dump_ir;
    timer.done(kPhaseLower);
    return job.release();
  }

  // On any one thread at a time: the passes, code generation and linking. Frees the job.
  bool finish(Job* job_ptr, CompileResult& out) {
    std::unique_ptr<Job> job(job_ptr);
    Timer timer(out);
    llvm::Module& mod = *job->mod;
    if (!job->quick) optimize(mod, job->promoted_loops);
    // A framed function that runs about once (four fifths of fib's code) gets the quick
    // code generator (fast instruction selection and register allocation) in an object of
    // its own; the frameless clone, in the other, the full one. A second fib in a process
    // compiles in 6-8 ms instead of 13, tak's first compile takes 20-26 ms instead of 28,
    // and both run as fast.
    std::unique_ptr<llvm::Module> clone_mod = job->quick_framed ? split_off_clone(mod, job->name) : nullptr;
    timer.done(kPhaseOptimize);
    for (const llvm::Module* m : {&mod, clone_mod.get()}) {
      if (!m) continue;
      for (const llvm::Function& fn : *m) out.ir_instructions += fn.getInstructionCount();
      if (job->dump_ir) {
        llvm::raw_string_ostream ir(out.ir);
        m->print(ir, nullptr);
      }
    }
    // The clone first: the framed function's object refers to it.
    if (clone_mod && !add_object(codegen_, *tm_, *clone_mod, out)) return false;
    bool quick = job->quick || job->quick_framed;
    if (!add_object(quick ? quick_codegen_ : codegen_, quick ? *quick_tm_ : *tm_, mod, out)) return false;
    timer.done(kPhaseCodegen);
    if (llvm::TimePassesIsEnabled) llvm::reportAndResetTimings(&llvm::errs());  // GENE_JIT_LLVM_ARGS=-time-passes
    auto sym = jit_->lookup(job->name);
    if (!sym) {
      out.error = llvm::toString(sym.takeError());
      return false;
    }
    timer.done(kPhaseLink);
    out.entry = sym->toPtr<Entry>();
    CodeRanges::Range r = ranges_->find(job->name);
    out.code_address = r.address ? r.address : sym->getValue();
    out.code_size = r.size;
    return true;
  }

 private:
  Engine() = default;

  // The code generator's two instruction schedulers (before and after register
  // allocation) take a sixth of its time (tak 12 -> 10 ms, nbody 33 -> 27 ms) and
  // gained nothing measurable on the benchmarks: they are off unless asked for.
  static constexpr const char* kDefaultLLVMOptions[] = {"-enable-misched=0", "-post-RA-scheduler=0"};

  // LLVM's command line: the defaults above, then for developers GENE_JIT_LLVM_ARGS, such
  // as -time-passes (a report per compiled proto) or -print-after-all.
  static void parse_llvm_options() {
    static std::once_flag once;  // LLVM takes its options once a process, not once a VM
    std::call_once(once, [] {
      const char* env = std::getenv("GENE_JIT_LLVM_ARGS");
      std::string text = env ? env : "";
      static std::vector<std::string> words;  // LLVM keeps pointers into the arguments
      for (const char* option : kDefaultLLVMOptions) {
        std::string name = std::string(option).substr(0, std::string(option).find('='));
        if (text.find(name) == std::string::npos) words.emplace_back(option);  // an option may be given once
      }
      std::string word;
      for (const char* c = text.c_str();; ++c) {
        if (*c && !std::isspace(static_cast<unsigned char>(*c))) {
          word += *c;
          continue;
        }
        if (!word.empty()) words.push_back(std::move(word));
        word.clear();
        if (!*c) break;
      }
      std::vector<const char*> argv{"gene"};
      for (const std::string& w : words) argv.push_back(w.c_str());
      llvm::cl::ParseCommandLineOptions(static_cast<int>(argv.size()), argv.data(), "", &llvm::errs());
    });
  }

  // The host objects the module reads (see kHostObjectPrefix), each defined once at the
  // address its name gives.
  llvm::Error define_host_objects(const llvm::Module& mod) {
    orc::SymbolMap map;
    const size_t prefix = std::strlen(kHostObjectPrefix);
    for (const llvm::GlobalVariable& object : mod.globals()) {
      llvm::StringRef name = object.getName();
      if (!object.isDeclaration() || !name.starts_with(kHostObjectPrefix) || !host_objects_.insert(name.str()).second) continue;
      uint64_t address = std::strtoull(name.str().c_str() + prefix, nullptr, 16);
      map[jit_->mangleAndIntern(name)] = {orc::ExecutorAddr(address), llvm::JITSymbolFlags::Exported};
    }
    if (map.empty()) return llvm::Error::success();
    return jit_->getMainJITDylib().define(orc::absoluteSymbols(std::move(map)));
  }

  static std::unique_ptr<Engine> fail(std::string* error, llvm::Error err) {
    *error = llvm::toString(std::move(err));
    return nullptr;
  }

  std::string function_name(const Proto* p) {
    std::string name = "gene_" + std::to_string(next_id_++) + "_";
    for (char c : p->display_name()) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return name;
  }

  // The code generator's passes, built once per target machine and run on every module
  // (as llc -compile-twice does): building the pipeline anew for each module took a sixth
  // of the compile time of a small function.
  struct Codegen {
    llvm::legacy::PassManager passes;
    llvm::SmallVector<char, 0> object;
    std::unique_ptr<llvm::raw_svector_ostream> stream;
  };

  static std::unique_ptr<llvm::MemoryBuffer> emit_object(std::unique_ptr<Codegen>& cg, llvm::TargetMachine& tm,
                                                         llvm::Module& mod) {
    if (!cg) {
      auto fresh = std::make_unique<Codegen>();
      fresh->stream = std::make_unique<llvm::raw_svector_ostream>(fresh->object);
      // Fast instruction selection gives a whole block to SelectionDAG when it cannot
      // select the terminator, and a switch (the one after each helper call) is such a
      // terminator: compares and branches instead keep module bodies out of it.
      if (tm.getOptLevel() == llvm::CodeGenOptLevel::None) fresh->passes.add(llvm::createLowerSwitchPass());
      llvm::MCContext* mc = nullptr;
      if (tm.addPassesToEmitMC(fresh->passes, mc, *fresh->stream)) return nullptr;
      cg = std::move(fresh);
    }
    cg->object.clear();
    cg->passes.run(mod);
    return std::make_unique<llvm::SmallVectorMemoryBuffer>(std::move(cg->object), mod.getModuleIdentifier() + "-jitted-objectbuffer",
                                                           /*RequiresNullTerminator=*/false);
  }

  // Code generation and linking of one module's object.
  bool add_object(std::unique_ptr<Codegen>& cg, llvm::TargetMachine& tm, llvm::Module& mod, CompileResult& out) {
    if (auto err = define_host_objects(mod)) {
      out.error = llvm::toString(std::move(err));
      return false;
    }
    auto object = emit_object(cg, tm, mod);
    if (!object) {
      out.error = "internal error: the target cannot emit object code";
      return false;
    }
    if (auto err = jit_->addObjectFile(std::move(object))) {
      out.error = llvm::toString(std::move(err));
      return false;
    }
    return true;
  }

  // Moves the frameless clone of `name` into a module of its own, which it returns; `mod`
  // keeps the framed function and calls the clone across the two objects.
  static std::unique_ptr<llvm::Module> split_off_clone(llvm::Module& mod, const std::string& name) {
    llvm::Function* clone = mod.getFunction(name + "_frameless");
    clone->setLinkage(llvm::GlobalValue::ExternalLinkage);
    std::unique_ptr<llvm::Module> clone_mod = llvm::CloneModule(mod);
    clone_mod->setModuleIdentifier(name + "_frameless");
    clone_mod->getFunction(name)->deleteBody();
    clone->deleteBody();
    clone->setDSOLocal(false);  // in another object, maybe farther than a direct call reaches
    return clone_mod;
  }

  // The analyses the passes below may ask for, registered one by one: PassBuilder would
  // register them too, but linking it brings in every pass LLVM has (and their static
  // initialisers), which made the plugin a quarter larger and slower to load. The list
  // is PassBuilder's for functions and loops (PassRegistry.def), less what needs a pass
  // we do not run: an analysis asked for and not registered crashes the compile.
  template <class... Analyses, class Manager>
  static void register_each(Manager& manager) {
    (manager.registerPass([] { return Analyses(); }), ...);
  }
  void register_analyses(llvm::LoopAnalysisManager& lam, llvm::FunctionAnalysisManager& fam,
                         llvm::ModuleAnalysisManager& mam, llvm::PassInstrumentationCallbacks& instrumentation) {
    auto* pic = &instrumentation;
    mam.registerPass([&] { return llvm::ProfileSummaryAnalysis(); });
    mam.registerPass([&] { return llvm::PassInstrumentationAnalysis(pic); });
    fam.registerPass([&] {
      llvm::AAManager aa;
      aa.registerFunctionAnalysis<llvm::BasicAA>();
      aa.registerFunctionAnalysis<llvm::ScopedNoAliasAA>();
      aa.registerFunctionAnalysis<llvm::TypeBasedAA>();
      return aa;
    });
    register_each<llvm::BasicAA, llvm::ScopedNoAliasAA, llvm::TypeBasedAA, llvm::SCEVAA, llvm::LoopAccessAnalysis,
                  llvm::AssumptionAnalysis, llvm::BlockFrequencyAnalysis, llvm::BranchProbabilityAnalysis,
                  llvm::CycleAnalysis, llvm::DependenceAnalysis, llvm::DemandedBitsAnalysis,
                  llvm::DominanceFrontierAnalysis, llvm::DominatorTreeAnalysis, llvm::LazyValueAnalysis,
                  llvm::LoopAnalysis, llvm::MemoryDependenceAnalysis, llvm::MemorySSAAnalysis,
                  llvm::OptimizationRemarkEmitterAnalysis, llvm::PhiValuesAnalysis, llvm::PostDominatorTreeAnalysis,
                  llvm::ScalarEvolutionAnalysis, llvm::TargetLibraryAnalysis, llvm::UniformityInfoAnalysis,
                  llvm::FunctionPropertiesAnalysis, llvm::RegionInfoAnalysis, llvm::ShouldRunExtraVectorPasses>(fam);
    fam.registerPass([&] { return llvm::PassInstrumentationAnalysis(pic); });
    fam.registerPass([&] { return tm_->getTargetIRAnalysis(); });
    register_each<llvm::DDGAnalysis, llvm::IVUsersAnalysis, llvm::ShouldRunExtraSimpleLoopUnswitch>(lam);
    lam.registerPass([&] { return llvm::PassInstrumentationAnalysis(pic); });
    mam.registerPass([&] { return llvm::FunctionAnalysisManagerModuleProxy(fam); });
    fam.registerPass([&] { return llvm::ModuleAnalysisManagerFunctionProxy(mam); });
    fam.registerPass([&] { return llvm::LoopAnalysisManagerFunctionProxy(lam); });
    lam.registerPass([&] { return llvm::FunctionAnalysisManagerLoopProxy(fam); });
  }

  // Not the O2 pipeline: on Gene's IR, which has one function and few call sites, its
  // module and inliner passes buy nothing and cost half the compile time. What pays
  // everywhere is turning the lowering's stores and reloads of registers into values
  // (SROA, EarlyCSE with MemorySSA) and folding its tag checks (InstCombine,
  // SimplifyCFG). A loop whose registers live in SSA values (promoted_loops) also gets
  // the loop passes, which make Int loops count in registers and unroll them:
  // leibniz 0.17 s -> 0.07 s, loop 0.10 s -> 0.05 s, both better than O2.
  void optimize(llvm::Module& mod, bool promoted_loops) {
    llvm::LoopAnalysisManager lam;
    llvm::FunctionAnalysisManager fam;
    llvm::ModuleAnalysisManager mam;
    // With -time-passes, the IR passes are timed too (the code generator's always are).
    llvm::PassInstrumentationCallbacks instrumentation;
    std::optional<llvm::TimePassesHandler> timing;
    if (llvm::TimePassesIsEnabled) {
      timing.emplace(true);
      timing->registerCallbacks(instrumentation);
    }
    register_analyses(lam, fam, mam, instrumentation);
    llvm::FunctionPassManager fpm;
    fpm.addPass(llvm::SROAPass(llvm::SROAOptions::ModifyCFG));
    fpm.addPass(llvm::EarlyCSEPass(/*UseMemorySSA=*/true));
    fpm.addPass(llvm::InstCombinePass());
    fpm.addPass(llvm::SimplifyCFGPass());
    if (promoted_loops) {
      fpm.addPass(llvm::SCCPPass());  // tags that stay the same around a loop become constants
      fpm.addPass(llvm::createFunctionToLoopPassAdaptor(llvm::LoopRotatePass()));
      fpm.addPass(llvm::createFunctionToLoopPassAdaptor(llvm::LICMPass(llvm::LICMOptions()), /*UseMemorySSA=*/true));
      fpm.addPass(llvm::EarlyCSEPass(/*UseMemorySSA=*/true));  // one value for loads LICM hoisted twice
      fpm.addPass(llvm::createFunctionToLoopPassAdaptor(llvm::LICMPass(llvm::LICMOptions()), /*UseMemorySSA=*/true));
      // A guard whose inputs LICM hoisted (a global or builtin still the same) is checked
      // once before the loop; what it guarded is then hoisted too.
      fpm.addPass(llvm::createFunctionToLoopPassAdaptor(llvm::SimpleLoopUnswitchPass(/*NonTrivial=*/false), /*UseMemorySSA=*/true));
      fpm.addPass(llvm::createFunctionToLoopPassAdaptor(llvm::LICMPass(llvm::LICMOptions()), /*UseMemorySSA=*/true));
      fpm.addPass(llvm::createFunctionToLoopPassAdaptor(llvm::IndVarSimplifyPass()));
      fpm.addPass(llvm::LoopVectorizePass());
      // No peeling: after the hoisting above it copied whole loop bodies for a phi or two
      // (a quarter more code to generate) and gained nothing measurable.
      fpm.addPass(llvm::LoopUnrollPass(llvm::LoopUnrollOptions(2).setPeeling(false)));
      fpm.addPass(llvm::InstCombinePass());
      fpm.addPass(llvm::SimplifyCFGPass());
    }
    for (llvm::Function& fn : mod)
      if (!fn.isDeclaration()) fpm.run(fn, fam);
  }

  std::unique_ptr<llvm::TargetMachine> tm_;        // optimised code for hot functions and loops
  std::unique_ptr<llvm::TargetMachine> quick_tm_;  // code that runs about once: module bodies
  std::unique_ptr<Codegen> codegen_, quick_codegen_;
  std::unique_ptr<orc::LLJIT> jit_;
  CodeRanges* ranges_ = nullptr;  // owned by the object linking layer
  uint64_t next_id_ = 0;
  std::set<std::string> host_objects_;  // defined in the JIT's symbol table
};

int self_test(char* error, int error_size) {
  auto fail = [&](const std::string& msg) {
    std::snprintf(error, static_cast<size_t>(error_size), "%s", msg.c_str());
    return -1;
  };
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();

  auto jit = orc::LLJITBuilder().create();
  if (!jit) return fail(llvm::toString(jit.takeError()));

  auto ctx = std::make_unique<llvm::LLVMContext>();
  auto mod = std::make_unique<llvm::Module>("gene_self_test", *ctx);
  auto* i64 = llvm::Type::getInt64Ty(*ctx);
  auto* fn = llvm::Function::Create(llvm::FunctionType::get(i64, false), llvm::Function::ExternalLinkage, "gene_answer", *mod);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(*ctx, "entry", fn));
  b.CreateRet(b.CreateAdd(llvm::ConstantInt::get(i64, 40), llvm::ConstantInt::get(i64, 2)));

  if (auto err = (*jit)->addIRModule(orc::ThreadSafeModule(std::move(mod), std::move(ctx))))
    return fail(llvm::toString(std::move(err)));
  auto sym = (*jit)->lookup("gene_answer");
  if (!sym) return fail(llvm::toString(sym.takeError()));
  return static_cast<int>(sym->toPtr<int64_t (*)()>()());
}

void* create(const HostSymbol* symbols, int count, std::string* error) { return Engine::create(symbols, count, error).release(); }
void* lower(void* engine, const CompileRequest& req, CompileResult& out) { return static_cast<Engine*>(engine)->lower(req, out); }
bool finish(void* engine, void* job, CompileResult& out) {
  return static_cast<Engine*>(engine)->finish(static_cast<Engine::Job*>(job), out);
}
void drop(void* job) { delete static_cast<Engine::Job*>(job); }
void destroy(void* engine) { delete static_cast<Engine*>(engine); }

const PluginApi kApi{kPluginAbiVersion, &self_test, &create, &lower, &finish, &drop, &destroy};

}  // namespace
}  // namespace gene::jit

extern "C" __attribute__((visibility("default"))) const gene::jit::PluginApi* gene_jit_plugin() { return &gene::jit::kApi; }
