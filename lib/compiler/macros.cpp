// Macros and metaprogramming (§9): macro calls pass unevaluated data; eval, $caller_eval
// and $render evaluate data at run time; #Str and $ concatenate (§1.6, §16).
#include "compiler/compiler_impl.hpp"

namespace gene {

// True when head names a global that currently holds a macro (and no variable shadows it).
bool Compiler::is_macro_name(Value head) {
  if (is_tag(head, Tag::ComplexSymbol) && macros_) {  // ns/m: a macro member of a namespace
    Symbol* first = as_complex(head)->parts[0];
    if (first->name.empty() || find_local(fs_, first) >= 0) return false;
    return macros_(head);
  }
  if (!is_symbol(head) || !macros_) return false;
  Symbol* s = as_symbol(head);
  if (find_local(fs_, s) >= 0) return false;
  for (FuncState* f = fs_; f; f = f->parent)
    for (const UpvalDesc& u : f->proto->upvals)
      if (u.name == s) return false;
  if (env_ && env_->find(s)) return false;
  return macros_(head);
}

// True when some class already defines `.macro method`: such call sites pass data.
bool Compiler::is_macro_method(Symbol* method) {
  return macros_ && macros_(make_obj(Tag::Symbol, intern("." + method->name)));
}

// The arguments of a macro call are its data, unevaluated; props follow as a map.
void Compiler::quoted_args(int window, Form& f) {
  (void)window;
  for (Value a : f.args) load_constant(a, alloc_reg());
  if (f.has_props()) {
    int props = alloc_reg();
    emit_abc(Op::NEWMAP, props, 0, 0);
    for (auto& [k, v] : f.props->entries()) {
      int t = alloc_reg();
      load_constant(v, t);
      emit_abc(Op::SETPROP, props, symbol_constant(k.to_symbol()), t);
      free_to(t);
    }
  }
}

void Compiler::macro_call(Form& f, int dst) {
  note_runtime_capture();
  int save;
  int window = open_window(dst, save);
  expr(f.head, window);
  quoted_args(window, f);
  emit_abc(Op::CALLMACRO, window, static_cast<int>(f.args.size()) | (f.has_props() ? kPropsFlag : 0), 0);
  finish(dst, window);
  free_to(save);
}

// (eval e…), ($caller_eval e), ($render t): evaluate the argument, then the opcode.
void Compiler::unary_op(Op op, Form& f, int dst) {
  if (f.args.empty()) return load_constant(make_nil(), dst);
  note_runtime_capture();
  int r = target(dst);
  int save = fs_->freereg;
  int t = alloc_reg();
  for (Value a : f.args) {
    expr(a, t);
    emit_abc(op, t, 0, 0);
  }
  emit_abc(Op::MOVE, r, t, 0);
  free_to(save);
  finish(dst, r);
}

void Compiler::concat_form(const std::vector<Value>& parts, int dst) {
  int r = target(dst);
  int save = fs_->freereg;
  int first = fs_->freereg;
  for (Value p : parts) expr(p, alloc_reg());
  emit_abc(Op::CONCAT, r, first, static_cast<int>(parts.size()));
  free_to(save);
  finish(dst, r);
}

}  // namespace gene

namespace gene {

// ($with v body…) runs body with self = v and gives its value; ($tap v body…) gives v;
// ($tap v :name body…) binds name to v instead of self.
void Compiler::with_form(Form& f, int dst, bool is_tap) {
  if (f.args.empty()) return load_constant(make_nil(), dst);
  int r = target(dst);
  int save = fs_->freereg;
  int v = alloc_reg();
  expr(f.args[0], v);
  size_t body = 1;
  if (is_tap && f.args.size() > 1 && is_tag(f.args[1], Tag::Quote) && is_symbol(as_quote(f.args[1])->value)) {
    push_scope();
    int named = declare_var(as_symbol(as_quote(f.args[1])->value), alloc_reg());
    emit_abc(Op::MOVE, named, v, 0);
    for (size_t k = 2; k < f.args.size(); ++k) statement(f.args[k]);
    pop_scope();
    emit_abc(Op::MOVE, r, v, 0);
  } else {
    SourcePos pos = pos_;
    Proto* p = function_proto(nullptr, make_nil(), f.args.data() + body, f.args.size() - body, pos);
    pos_ = pos;
    fs_->proto->protos.push_back(p);
    int fn = alloc_reg();
    emit_abx(Op::CLOSURE, fn, static_cast<int64_t>(fs_->proto->protos.size() - 1));
    emit_abc(Op::CALLIN, v, fn, 0);
    emit_abc(Op::MOVE, r, is_tap ? v : fn, 0);
  }
  free_to(save);
  finish(dst, r);
}

}  // namespace gene
