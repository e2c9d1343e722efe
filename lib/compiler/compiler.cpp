#include "compiler/compiler.hpp"

#include "compiler/compiler_impl.hpp"

namespace gene {

Proto* Compiler::module(const std::vector<Value>& forms) {
  Proto* p = heap_.make<Proto>();
  p->is_module = true;
  if (!forms.empty() && is_gene(forms[0])) p->pos = as_gene(forms[0])->pos;
  p->pos.file = file_;
  FuncState fs(p, nullptr);
  fs_ = &fs;
  pos_ = p->pos;
  push_scope();
  block(forms.data(), forms.size(), kReturn);
  emit_abc(Op::RETNIL, 0, 0, 0);
  fs_ = nullptr;
  return p;
}

struct ModuleCompiler::State {
  Compiler compiler;
  FuncState fs;
  State(Heap& heap, uint32_t file, const CompileOptions& o, MacroLookup m)
      : compiler(heap, file, o), fs(nullptr, nullptr) {
    compiler.macros_ = std::move(m);
    fs.scopes.emplace_back();
  }
};

ModuleCompiler::ModuleCompiler(Heap& heap, uint32_t file_id, const CompileOptions& options, MacroLookup macros)
    : state_(std::make_unique<State>(heap, file_id, options, std::move(macros))) {}

ModuleCompiler::~ModuleCompiler() = default;

uint16_t ModuleCompiler::window_size() const { return static_cast<uint16_t>(state_->fs.freereg); }

std::vector<Symbol*> ModuleCompiler::variable_names() const {
  std::vector<Symbol*> out;
  for (const auto& [name, reg] : state_->fs.scopes[0].names) out.push_back(name);
  return out;
}

Proto* compile_eval(Heap& heap, Value form, const EvalEnv& env, const CompileOptions& options, MacroLookup macros) {
  GcPause pause(heap);
  Compiler c(heap, 0, options);
  c.macros_ = std::move(macros);
  c.env_ = &env;
  Proto* p = heap.make<Proto>();
  p->is_module = true;
  if (is_gene(form)) p->pos = as_gene(form)->pos;
  FuncState fs(p, nullptr);
  c.fs_ = &fs;
  c.pos_ = p->pos;
  c.push_scope();
  c.block(&form, 1, kReturn);
  c.emit_abc(Op::RETNIL, 0, 0, 0);
  return p;
}

Proto* ModuleCompiler::compile(Value form, SourcePos pos) {
  Compiler& c = state_->compiler;
  FuncState& fs = state_->fs;
  Proto* p = c.heap_.make<Proto>();
  p->is_module = true;
  p->pos.file = c.file_;
  if (is_gene(form)) p->pos = as_gene(form)->pos;
  else if (pos.known()) p->pos = pos;
  fs.proto = p;
  fs.symbol_consts.clear();
  // Earlier forms' variables, so that eval can find them by name.
  for (Scope& sc : fs.scopes) {
    sc.local_infos.clear();
    for (auto& [name, reg] : sc.names) p->locals.push_back(LocalInfo{name, static_cast<uint16_t>(reg), 0, UINT32_MAX});
  }
  p->num_regs = static_cast<uint16_t>(fs.freereg);
  c.fs_ = &fs;
  c.pos_ = p->pos;
  // A form that fails to compile leaves no trace: the next one (a REPL line) starts clean.
  size_t names = fs.scopes[0].names.size();
  int freereg = fs.freereg;
  try {
    c.block(&form, 1, kReturn);
  } catch (...) {
    fs.scopes.resize(1);
    fs.scopes[0].names.resize(names);
    fs.freereg = freereg;
    fs.reserved.clear();
    fs.next_reserved = 0;
    fs.loops.clear();
    fs.tries.clear();
    fs.in_finally = 0;
    c.depth_ = 0;
    c.fs_ = nullptr;
    throw;
  }
  c.emit_abc(Op::RETNIL, 0, 0, 0);
  c.fs_ = nullptr;
  return p;
}

Proto* compile_module(Heap& heap, const std::vector<Value>& forms, uint32_t file_id, const CompileOptions& options) {
  GcPause pause(heap);
  Compiler c(heap, file_id, options);
  return c.module(forms);
}

}  // namespace gene
