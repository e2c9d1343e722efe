// Classes and namespaces (§10, §11.1): their bodies run once, as functions whose self is
// the class or namespace and which see no enclosing locals.
#include <fmt/format.h>

#include "compiler/compiler_impl.hpp"

namespace gene {

namespace {
Symbol* ctor_symbol() { return intern(".ctor"); }
}  // namespace

Symbol* definition_name(Value v) {
  if (is_symbol(v)) return as_symbol(v);
  if (is_string(v)) return intern(as_string(v)->view());
  if (is_tag(v, Tag::ComplexSymbol)) return as_complex(v)->parts.back();
  return nullptr;
}

// Binds reg under a definition name: a plain name in the current namespace, or a path.
void Compiler::define_name(Value name_form, Symbol* name, int reg) {
  if (is_tag(name_form, Tag::ComplexSymbol)) {
    ComplexSymbol* cs = as_complex(name_form);
    int save = fs_->freereg;
    int owner = path_prefix(cs, cs->parts.size() - 1, alloc_reg());
    int found = emit_jump(Op::JMPIF, owner);
    std::string path;
    for (size_t k = 0; k + 1 < cs->parts.size(); ++k) path += (k ? "/" : "") + cs->parts[k]->name;
    emit_abx(Op::ERROR, 0, constant(heap_.string_value(fmt::format("Namespace {} not found", path))));
    patch_jump(found);
    emit_abc(Op::SETMEMBER, owner, symbol_constant(name), reg);
    free_to(save);
  } else {
    emit_abc(Op::DEFNS, reg, symbol_constant(name), 0);
  }
}

// Compiles body as a function and runs it once with self = R[owner].
void Compiler::body_in(int owner, const Value* body, size_t n, SourcePos pos) {
  Proto* p = function_proto(nullptr, make_nil(), body, n, pos, true);
  pos_ = pos;
  fs_->proto->protos.push_back(p);
  int save = fs_->freereg;
  int fn = alloc_reg();
  emit_abx(Op::CLOSURE, fn, static_cast<int64_t>(fs_->proto->protos.size() - 1));
  emit_abc(Op::CALLIN, owner, fn, 1);
  free_to(save);
}

// The shared start of class, mixin and $object: R[r] = the new class; returns r, or -1
// after emitting an error. *body is the index of the first body form.
int Compiler::class_head(Form& f, int dst, const char* what, Symbol** name, size_t* body) {
  const Syms& S = syms();
  *name = f.args.empty() ? nullptr : definition_name(f.args[0]);
  if (!*name) {
    error_at_runtime(fmt::format("{} requires a name", what), dst);
    return -1;
  }
  *body = 1;
  int r = target(dst);
  if (f.args.size() >= 3 && sym_is(f.args[1], S.lt)) {
    expr(f.args[2], r);
    *body = 3;
  } else {
    load_constant(make_nil(), r);
  }
  emit_abc(Op::NEWCLASS, r, symbol_constant(*name), 0);
  return r;
}

void Compiler::class_form(Form& f, int dst) {
  Symbol* name;
  size_t body;
  int r = class_head(f, dst, "class", &name, &body);
  if (r < 0) return;
  define_name(f.args[0], name, r);
  if (body < f.args.size()) body_in(r, f.args.data() + body, f.args.size() - body, f.pos);
  finish(dst, r);
}

// ($object Name [< Parent] body…): a singleton, the one instance of an anonymous class.
void Compiler::object_form(Form& f, int dst) {
  Symbol* name;
  size_t body;
  int r = class_head(f, dst, "$object", &name, &body);
  if (r < 0) return;
  if (body < f.args.size()) body_in(r, f.args.data() + body, f.args.size() - body, f.pos);
  emit_abc(Op::NEW, r, 0, 0);
  define_name(f.args[0], name, r);
  finish(dst, r);
}

void Compiler::ns_form(Form& f, int dst) {
  if (f.args.empty()) return error_at_runtime("ns requires a name", dst);
  Value name_form = f.args[0];
  Symbol* name = definition_name(name_form);
  if (!name) return error_at_runtime("ns name must be a symbol", dst);
  int r = target(dst);
  emit_abc(Op::NEWNS, r, symbol_constant(name), 0);
  define_name(name_form, name, r);
  if (f.args.size() > 1) body_in(r, f.args.data() + 1, f.args.size() - 1, f.pos);
  finish(dst, r);
}

// (.fn name params body…) and (.ctor params body…) define methods on self, the class;
// (.macro name params body…) a method that receives its arguments unevaluated.
// (.fn name ^^async …) is async like (fn ^^async …); a constructor never is.
void Compiler::method_def(Form& f, int dst, bool is_ctor, bool is_macro) {
  size_t i = 0;
  Symbol* name = is_ctor ? ctor_symbol() : (f.args.empty() ? nullptr : definition_name(f.args[i++]));
  if (!name) return error_at_runtime(fmt::format("{} requires a method name", is_macro ? ".macro" : ".fn"), dst);
  if (i >= f.args.size()) return error_at_runtime(fmt::format("method {} requires parameters", name->name), dst);
  Value params = f.args[i++];
  Proto* p = is_ctor ? function_proto(name, params, f.args.data() + i, f.args.size() - i, f.pos)
                     : definition_proto(f, name, params, i);
  if (is_macro) p->mark_macro();
  pos_ = f.pos;
  fs_->proto->protos.push_back(p);
  int r = target(dst);
  int save = fs_->freereg;
  int cls = alloc_reg();
  emit_abx(Op::CLOSURE, r, static_cast<int64_t>(fs_->proto->protos.size() - 1));
  emit_abc(Op::LOADSELF, cls, 0, 0);
  emit_abc(Op::DEFMETHOD, cls, symbol_constant(name), r);
  free_to(save);
  finish(dst, r);
}

void Compiler::new_form(Form& f, int dst) {
  if (f.args.empty()) return error_at_runtime("new requires a class", dst);
  call_window(f.args[0], f, 1, Op::NEW, dst);
}

// In a block, SUPER finds self in the window's first slot (the block's own frame has none).
void Compiler::super_form(Form& f, int dst) {
  call_window(fs_->is_block ? make_obj(Tag::Symbol, syms().self) : make_nil(), f, 0, Op::SUPER, dst);
}

}  // namespace gene
