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

Proto* compile_module(Heap& heap, const std::vector<Value>& forms, uint32_t file_id, const CompileOptions& options) {
  GcPause pause(heap);
  Compiler c(heap, file_id, options);
  return c.module(forms);
}

}  // namespace gene
