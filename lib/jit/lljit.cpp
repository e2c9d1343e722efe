// The JIT plugin. Today it proves the LLVM ORC wiring: it builds an LLJIT, lowers a tiny
// function to IR, compiles it and calls it. The bytecode lowering grows from here.
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/TargetSelect.h>

#include <cstdio>
#include <memory>

#include "jit/tier.hpp"

namespace {

int self_test(char* error, int error_size) {
  auto fail = [&](const std::string& msg) {
    std::snprintf(error, static_cast<size_t>(error_size), "%s", msg.c_str());
    return -1;
  };
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();

  auto jit = llvm::orc::LLJITBuilder().create();
  if (!jit) return fail(llvm::toString(jit.takeError()));

  auto ctx = std::make_unique<llvm::LLVMContext>();
  auto mod = std::make_unique<llvm::Module>("gene_self_test", *ctx);
  auto* i64 = llvm::Type::getInt64Ty(*ctx);
  auto* fn = llvm::Function::Create(llvm::FunctionType::get(i64, false),
                                    llvm::Function::ExternalLinkage, "gene_answer", *mod);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(*ctx, "entry", fn));
  b.CreateRet(b.CreateAdd(llvm::ConstantInt::get(i64, 40), llvm::ConstantInt::get(i64, 2)));

  if (auto err = (*jit)->addIRModule(llvm::orc::ThreadSafeModule(std::move(mod), std::move(ctx))))
    return fail(llvm::toString(std::move(err)));
  auto sym = (*jit)->lookup("gene_answer");
  if (!sym) return fail(llvm::toString(sym.takeError()));
  return static_cast<int>(sym->toPtr<int64_t (*)()>()());
}

const gene::jit::PluginApi kApi{gene::jit::kPluginAbiVersion, &self_test};

}  // namespace

extern "C" __attribute__((visibility("default"))) const gene::jit::PluginApi* gene_jit_plugin() {
  return &kApi;
}
