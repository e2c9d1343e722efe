// Functions (§8): parameter lists, closures, calls and method calls.
#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "compiler/compiler_impl.hpp"

namespace gene {

namespace {
Symbol* strip(Symbol* s, size_t front, size_t back) {
  return intern(std::string_view(s->name).substr(front, s->name.size() - front - back));
}
}  // namespace

std::vector<ParamSpec> parse_params(Value params) {
  const Syms& S = syms();
  std::vector<ParamSpec> out;
  auto add_symbol = [&](Symbol* s) {
    ParamSpec p;
    bool named = !s->name.empty() && s->name[0] == '^';
    bool rest = s->name.size() > 3 && symbol_ends_with(s, "...");
    p.named = named;
    p.rest = rest;
    p.name = strip(s, named ? 1 : 0, rest ? 3 : 0);
    out.push_back(p);
  };
  if (is_symbol(params)) {
    if (!sym_is(params, S.underscore)) add_symbol(as_symbol(params));
    return out;
  }
  if (is_tag(params, Tag::ComplexSymbol) && as_complex(params)->parts.size() == 2 &&
      as_complex(params)->parts[0]->name.empty()) {  // (.ctor /name …)
    add_symbol(as_complex(params)->parts[1]);
    out.back().to_self = true;
    return out;
  }
  if (!is_array(params)) return out;
  auto& items = as_array(params)->items;
  for (size_t i = 0; i < items.size(); ++i) {
    Value v = items[i];
    if (sym_is(v, S.assign) && !out.empty() && i + 1 < items.size()) {
      out.back().has_default = true;
      out.back().default_value = items[++i];
    } else if (is_symbol(v)) {
      add_symbol(as_symbol(v));
    } else if (is_array(v)) {
      ParamSpec p;
      p.destructure = as_array(v);
      out.push_back(p);
    } else if (is_tag(v, Tag::ComplexSymbol) && as_complex(v)->parts.size() == 2 &&
               as_complex(v)->parts[0]->name.empty()) {
      add_symbol(as_complex(v)->parts[1]);  // /p
      out.back().to_self = true;
    }
  }
  return out;
}

Proto* Compiler::function_proto(Symbol* name, Value params, const Value* body, size_t n, SourcePos pos,
                                bool lexical_barrier, bool is_block) {
  bool redo = false;
  Proto* p = function_attempt(name, params, body, n, pos, lexical_barrier, is_block, !no_reads_in_place_, &redo);
  if (!redo) return p;
  // Some operand was read in place, but a variable is reachable behind the code's back.
  bool saved = no_reads_in_place_;
  no_reads_in_place_ = true;
  p = function_attempt(name, params, body, n, pos, lexical_barrier, is_block, false, nullptr);
  no_reads_in_place_ = saved;
  return p;
}

Proto* Compiler::function_attempt(Symbol* name, Value params, const Value* body, size_t n, SourcePos pos,
                                  bool lexical_barrier, bool is_block, bool reads_in_place, bool* redo) {
  Proto* p = heap_.make<Proto>();
  p->name = name;
  p->pos = pos;
  FuncState* saved = fs_;
  FuncState fs(p, lexical_barrier ? nullptr : fs_);
  fs.is_block = is_block;
  fs.reads_in_place = reads_in_place && opts_.optimize;
  fs.proto->is_block = is_block;
  fs_ = &fs;
  push_scope();
  std::vector<ParamSpec> specs = parse_params(params);
  // Positional parameters take registers 0..n-1 so arguments land in place.
  std::vector<int> regs(specs.size(), -1);
  for (size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].named || specs[i].rest) continue;
    regs[i] = alloc_reg();
    ++p->num_positional;
  }
  for (size_t i = 0; i < specs.size(); ++i)
    if (regs[i] < 0) regs[i] = alloc_reg();
  bool leading = true;
  for (size_t i = 0; i < specs.size(); ++i) {
    ParamSpec& s = specs[i];
    ParamInfo info;
    info.name = s.name ? s.name : intern(fmt::format("<arg{}>", i));
    info.reg = static_cast<uint16_t>(regs[i]);
    info.named = s.named && !s.rest;
    info.rest = s.rest && !s.named;
    info.named_rest = s.rest && s.named;
    info.has_default = s.has_default;
    p->params.push_back(info);
    bool positional = !s.named && !s.rest;
    if (positional && !s.has_default && leading) ++p->num_required;
    if (positional && s.has_default) leading = false;
    if (!positional || s.has_default || s.destructure || s.to_self) p->simple_params = false;
    if (s.name) declare_var(s.name, regs[i], /*set_once=*/!s.has_default);
  }
  // Prologue: defaults for absent arguments, missing-argument errors, destructuring.
  pos_ = pos;
  for (size_t i = 0, positional = 0; i < specs.size(); ++i) {
    ParamSpec& s = specs[i];
    const ParamInfo& info = p->params[i];
    bool maybe_absent = info.named || (!info.rest && !info.named_rest && positional++ >= p->num_required);
    if (maybe_absent) {
      int skip = emit_jump(Op::JMPIFDEF, regs[i]);
      if (s.has_default) {
        bool owned = reserve_vars(s.default_value);
        expr(s.default_value, regs[i]);
        drop_reservations(owned);
      } else {
        emit_abx(Op::ERROR, 0, constant(heap_.string_value(fmt::format("Argument {} is missing.", info.name->name))));
      }
      patch_jump(skip);
    }
    if (s.destructure) destructure(s.destructure, regs[i]);
    if (s.to_self) {  // [/p]: the argument becomes property p of self
      int t = alloc_reg();
      emit_abc(Op::LOADSELF, t, 0, 0);
      emit_abc(Op::SETMEMBER, t, symbol_constant(s.name), regs[i]);
      free_to(t);
    }
  }
  // GN: catch and finally may stand directly in a body, which then is an implicit try.
  const Syms& S = syms();
  bool implicit_try = false;
  for (size_t k = 0; k < n; ++k) implicit_try = implicit_try || sym_is(body[k], S.catch_) || sym_is(body[k], S.finally);
  if (implicit_try) {
    Gene* g = heap_.make<Gene>();
    g->type = make_obj(Tag::Symbol, S.try_);
    g->children.assign(body, body + n);
    g->pos = pos;
    Value wrapped = value_of(g);
    block(&wrapped, 1, kReturn);
  } else {
    block(body, n, kReturn);
  }
  emit_abc(Op::RETNIL, 0, 0, 0);
  settle_captures(fs_->scopes.back());
  fs_->scopes.pop_back();
  // Eval or a macro in this function may assign what it captured.
  if (fs.runtime_capture)
    for (const UpvalDesc& d : p->upvals) note_assigned(fs.parent, d.name);
  fs_ = saved;
  p->seal_params();
  if (redo) *redo = fs.relied_on_reads_in_place && fs.variables_reachable;
  return p;
}

// The proto of a definition whose body is f.args[body_start…]: fn, fnx, .fn and the like.
// With ^^async each call gives a Future (§25.5). The body then runs as a block, so that
// its `return` ends the block and the Future still gets the value.
Proto* Compiler::definition_proto(Form& f, Symbol* name, Value params, size_t body_start) {
  const Value* async = f.props ? f.props->find(async_symbol()) : nullptr;
  const Value* body = f.args.data() + body_start;
  size_t n = f.args.size() - body_start;
  if (!async || !is_truthy(*async)) return function_proto(name, params, body, n, f.pos);
  Gene* block = heap_.make<Gene>();
  block->type = make_obj(Tag::Symbol, syms().arrow);
  block->children.assign(body, body + n);
  block->pos = f.pos;
  Gene* call = heap_.make<Gene>();
  call->type = value_of(block);
  call->pos = f.pos;
  Value run = value_of(call);
  Value async_run = async_body(&run, 1, f.pos);
  return function_proto(name, params, &async_run, 1, f.pos);
}

void Compiler::fn_form(Form& f, int dst, Symbol* kind) {
  const Syms& S = syms();
  Value name_form = make_nil();
  size_t i = 0;
  bool named = kind == S.fn || kind == S.macro;
  if (named) {
    if (f.args.size() < 2) return error_at_runtime(fmt::format("{} requires a name and parameters", kind->name), dst);
    name_form = f.args[i++];
  }
  Value params = make_nil();
  if (kind != S.fnxx) {
    if (i >= f.args.size()) return error_at_runtime(fmt::format("{} requires parameters", kind->name), dst);
    params = f.args[i++];
  }
  Symbol* name = nullptr;
  if (is_symbol(name_form)) name = as_symbol(name_form);
  else if (is_string(name_form)) name = intern(as_string(name_form)->view());
  else if (is_tag(name_form, Tag::ComplexSymbol)) name = as_complex(name_form)->parts.back();
  else if (named && kind == S.fn && is_tag(name_form, Tag::Array))  // (fn [x] …): meant anonymous
    return error_at_runtime("fn name must be a symbol or a string (a function without a name is (fnx [params] body))", dst);
  else if (named) return error_at_runtime(fmt::format("{} name must be a symbol or a string", kind->name), dst);

  Proto* p = definition_proto(f, name, params, i);
  if (kind == S.macro) p->mark_macro();
  pos_ = f.pos;
  fs_->proto->protos.push_back(p);
  int r = target(dst);
  emit_abx(Op::CLOSURE, r, static_cast<int64_t>(fs_->proto->protos.size() - 1));
  if (name) define_name(name_form, name, r);
  finish(dst, r);
}

// A block captures the enclosing self: it is kept in a hidden variable named self that
// the block reaches as an upvalue.
void Compiler::block_literal(Value params, const Value* body, size_t n, int dst) {
  SourcePos pos = pos_;
  int r = target(dst);
  int save = fs_->freereg;
  push_scope();
  int self_reg = declare_var(syms().self, alloc_reg(), /*set_once=*/true);  // set before the block is made
  symbol(syms().self, self_reg);
  Proto* p = function_proto(nullptr, params, body, n, pos, false, true);
  pos_ = pos;
  fs_->proto->protos.push_back(p);
  emit_abx(Op::CLOSURE, r, static_cast<int64_t>(fs_->proto->protos.size() - 1));
  pop_scope();  // closes the captured self, so its register is free again
  free_to(save);
  finish(dst, r);
}

// Evaluates the arguments of f (from first_arg on) above window and emits the call.
void Compiler::call_args(int window, Form& f, size_t first_arg, Op op, int c_operand, int dst) {
  size_t nargs = f.args.size() - first_arg;
  bool spread = false;
  for (size_t i = first_arg; i < f.args.size(); ++i) spread = spread || is_spread(f.args[i]);
  bool spreads_here = op == Op::CALL || op == Op::CALLM || op == Op::NEW || op == Op::SUPER;
  if (spread && spreads_here) {
    int arr = alloc_reg();
    emit_abc(Op::NEWARRAY, arr, 0, 0);
    for (size_t i = first_arg; i < f.args.size(); ++i) append_element(arr, f.args[i]);
    int props = alloc_reg();
    if (f.has_props()) {
      emit_abc(Op::NEWMAP, props, 0, 0);
      for (auto& [k, v] : f.props->entries()) {
        int rv = expr_any(v);
        emit_abc(Op::SETPROP, props, symbol_constant(k.to_symbol()), rv);
        free_to(props + 1);
      }
    } else {
      load_constant(make_nil(), props);
    }
    SpreadCall kind = op == Op::CALLM ? SpreadCall::Method
                      : op == Op::NEW ? SpreadCall::New
                      : op == Op::SUPER ? SpreadCall::Super
                                        : SpreadCall::Call;
    emit_abc(Op::CALLA, window, static_cast<int>(kind), c_operand);
  } else if (op == Op::CALL && f.has_props()) {  // props first: CALLKW
    int props = alloc_reg();
    emit_abc(Op::NEWMAP, props, 0, 0);
    for (auto& [k, v] : f.props->entries()) {
      int rv = expr_any(v);
      emit_abc(Op::SETPROP, props, symbol_constant(k.to_symbol()), rv);
      free_to(props + 1);
    }
    for (size_t i = first_arg; i < f.args.size(); ++i) expr(f.args[i], alloc_reg());
    emit_abc(Op::CALLKW, window, static_cast<int>(nargs), 0);
  } else {
    for (size_t i = first_arg; i < f.args.size(); ++i) expr(f.args[i], alloc_reg());
    int b = static_cast<int>(nargs);
    if (f.has_props() && (op == Op::CALLM || op == Op::NEW || op == Op::SUPER || op == Op::TAILCALL)) {
      int props = alloc_reg();  // named arguments follow the positional ones
      emit_abc(Op::NEWMAP, props, 0, 0);
      for (auto& [k, v] : f.props->entries()) {
        int rv = expr_any(v);
        emit_abc(Op::SETPROP, props, symbol_constant(k.to_symbol()), rv);
        free_to(props + 1);
      }
      b |= kPropsFlag;
    }
    emit_abc(op, window, b, c_operand);
  }
  finish(dst, window);
}

void Compiler::call(Value callee, Form& f, int dst) {
  // A call in return position reuses the frame (§8.9), unless a handler or finally of
  // this frame must still run, or the frame is a module form whose registers persist.
  bool tail = dst == kReturn && fs_->tries.empty() && !fs_->proto->is_module;
  for (Value a : f.args) tail = tail && !is_spread(a);
  call_window(callee, f, 0, tail ? Op::TAILCALL : Op::CALL, dst);
}

// The builtins whose two Int arguments the interpreter computes in place (int_builtin).
bool Compiler::two_int_builtin(const Symbol* s) {
  static const std::string_view kNames[] = {"mod", "rem", "div", "bit_and", "bit_or", "bit_xor", "shl", "shr"};
  return std::find(std::begin(kNames), std::end(kNames), s->name) != std::end(kNames);
}

// True for a global name: no local, upvalue, eval variable or special symbol.
bool Compiler::names_global(Symbol* s) {
  const Syms& S = syms();
  if (s == S.self || s == S.underscore || s == S.ns || s->name.empty()) return false;
  if (s->name[0] == '$' || s->name[0] == '@' || is_spread(make_obj(Tag::Symbol, s))) return false;
  if (env_ && !fs_->parent && env_->find(s)) return false;
  for (FuncState* fs = fs_; fs; fs = fs->parent)
    if (find_local(fs, s) >= 0) return false;
  return true;
}

// The register of a call window: dst itself when it is the top register (the call then
// writes its result in place), else a new one. `save` gets the register to free back to.
int Compiler::open_window(int dst, int& save) {
  save = fs_->freereg;
  int window = (dst >= 0 && dst + 1 == fs_->freereg) ? dst : alloc_reg();
  if (window == dst) save = dst + 1;
  return window;
}

// A call window: the head in R[w], arguments above it, the result back in R[w].
void Compiler::call_window(Value head, Form& f, size_t first_arg, Op op, int dst) {
  int save;
  int window = open_window(dst, save);
  // CALLG looks the global callee up after the arguments: only for arguments that
  // cannot change what the name means.
  bool global_call = op == Op::CALL && opts_.optimize && is_symbol(head) && !f.has_props() &&
                     f.args.size() - first_arg <= kArgCountMask && names_global(as_symbol(head));
  for (size_t k = first_arg; global_call && k < f.args.size(); ++k)
    global_call = !is_spread(f.args[k]) && is_pure(f.args[k]);
  if (global_call && f.args.size() - first_arg == 2 && two_int_builtin(as_symbol(head))) {
    // (mod x 2) and its kin: the operands stay where they are, and the CALLG after
    // BUILTIN2 runs only when the global no longer holds the builtin or they are not Ints.
    alloc_reg();
    alloc_reg();  // the window the CALLG falls back to
    int rb = expr_any(f.args[first_arg]);
    Value second = f.args[first_arg + 1];
    if (small_int(second)) emit_abc(Op::BUILTIN2I, window, rb, imm(second));
    else emit_abc(Op::BUILTIN2, window, rb, expr_any(second));
    emit_abc(Op::CALLG, window, 2, global_cache(as_symbol(head)));
    finish(dst, window);
    free_to(save);
    return;
  }
  if (global_call) {
    for (size_t k = first_arg; k < f.args.size(); ++k) expr(f.args[k], alloc_reg());
    emit_abc(Op::CALLG, window, static_cast<int>(f.args.size() - first_arg), global_cache(as_symbol(head)));
    finish(dst, window);
    free_to(save);
    return;
  }
  if (op == Op::SUPER && is_nil(head)) load_constant(make_nil(), window);
  else expr(head, window);
  call_args(window, f, first_arg, op, 0, dst);
  free_to(save);
}

void Compiler::method_call(Value receiver, Symbol* method, Form& f, size_t first_arg, int dst) {
  if (is_macro_method(method)) {
    // The receiver decides at run time: CALLMACROM calls a .macro method with the data
    // and jumps over the ordinary call that follows, which any other method takes.
    note_runtime_capture();
    int save;
    int window = open_window(dst, save);
    expr(receiver, window);
    Form data = f;
    data.args.erase(data.args.begin(), data.args.begin() + static_cast<std::ptrdiff_t>(first_arg));
    quoted_args(window, data);
    int b = static_cast<int>(data.args.size()) | (f.has_props() ? kPropsFlag : 0);
    emit_abc(Op::CALLMACROM, window, b, symbol_constant(method));
    int done = emit_jump(Op::JMP, 0);
    free_to(window + 1);
    call_args(window, f, first_arg, Op::CALLM, symbol_constant(method), window);
    patch_jump(done);
    finish(dst, window);
    free_to(save);
    return;
  }
  // (a .get i) and (a .set i v): specialised for arrays, with the method call as fallback.
  size_t nargs = f.args.size() - first_arg;
  bool plain = opts_.optimize && !f.has_props();
  for (size_t k = first_arg; k < f.args.size(); ++k) plain = plain && !is_spread(f.args[k]);
  bool is_get = method->name == "get" && nargs == 1, is_set = method->name == "set" && nargs == 2;
  // A literal Int key that fits the instruction needs no register (AGETI, ASETVI).
  const Value* args = f.args.data() + first_arg;
  bool immediate_key = nargs > 0 && is_int(args[0]) && as_int(args[0]) >= 0 && as_int(args[0]) <= 0xFFFF;
  if (plain && is_set && dst == kDiscard && immediate_key) {
    int save = fs_->freereg;
    int recv = operand(receiver, args + 1, 1);
    int value = expr_any(args[1]);
    emit_abc(Op::ASETVI, recv, static_cast<int>(as_int(args[0])), value);
    free_to(save);
    return;
  }
  if (plain && is_get && immediate_key) {
    int r = target(dst);
    int save = fs_->freereg;
    int recv = expr_any(receiver);
    emit_abc(Op::AGETI, r, recv, static_cast<int>(as_int(args[0])));
    free_to(save);
    finish(dst, r);
    return;
  }
  if (plain && is_set && dst == kDiscard) {  // a statement: no result, so no adjacent key and value
    int save = fs_->freereg;
    int recv = operand(receiver, args, 2);
    int key = operand(args[0], args + 1, 1);
    int value = expr_any(args[1]);
    emit_abc(Op::ASETV, recv, key, value);
    free_to(save);
    return;
  }
  if (plain && (is_get || is_set)) {
    int r = target(dst);
    int save = fs_->freereg;
    int recv = operand(receiver, f.args.data() + first_arg, nargs);
    int first = fs_->freereg;
    if (is_get) {
      first = expr_any(f.args[first_arg]);  // the key may stay in its own register
    } else {
      for (size_t k = first_arg; k < f.args.size(); ++k) expr(f.args[k], alloc_reg());  // ASET: key, value adjacent
    }
    emit_abc(is_get ? Op::AGET : Op::ASET, r, recv, first);
    free_to(save);
    finish(dst, r);
    return;
  }
  bool tail = dst == kReturn && fs_->tries.empty() && !fs_->proto->is_module && !f.has_props();
  for (size_t k = first_arg; k < f.args.size(); ++k) tail = tail && !is_spread(f.args[k]);
  Op op = tail ? Op::TAILCALLM : Op::CALLM;
  int save;
  int window = open_window(dst, save);
  expr(receiver, window);
  call_args(window, f, first_arg, op, symbol_constant(method), dst);
  free_to(save);
}

}  // namespace gene
