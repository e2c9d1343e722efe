// VM set-up, roots, entry points from native code, and the slow paths of calls.
#include "interp/vm.hpp"

#include <fmt/format.h>
#include <sys/mman.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "compiler/compiler.hpp"
#include "interp/event_loop.hpp"
#include "interp/ops.hpp"
#include "reader/reader.hpp"
#include "runtime/printer.hpp"
#include "runtime/source.hpp"
#include "runtime/symbol.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
// Zeroed memory that the kernel commits page by page, only when touched.
void* reserve(size_t bytes) {
  void* mem = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mem == MAP_FAILED) throw std::bad_alloc();
  return mem;
}

}

VM::VM(VMOptions opts) : opts_(opts) {
  // Reserve the register stack once; pages are committed only when touched, and zero
  // bytes are nil values, so the stack starts out valid.
  stack_ = static_cast<Value*>(reserve(opts_.stack_slots * sizeof(Value)));
  stack_end_ = stack_ + opts_.stack_slots;
  frames_ = static_cast<Frame*>(reserve(opts_.max_frames * sizeof(Frame)));
  frames_end_ = frames_ + opts_.max_frames;
  heap.set_stress(opts_.gc_stress);
  root_id_ = heap.add_root_source([this](Marker& m) { mark_roots(m); });

  GcPause pause(heap);
  gene_ns_ = heap.make<Namespace>(intern("gene"), nullptr);
  global_ns_ = heap.make<Namespace>(intern("global"), gene_ns_);
  global_ns_->define(intern("gene"), value_of(gene_ns_));
  global_ns_->define(intern("global"), value_of(global_ns_));
  builtin_classes_.assign(static_cast<size_t>(Tag::Future) + 1, nullptr);
  install_stdlib(*this);
  map_access_.builtin_get = builtin_class(Tag::Map)->find_method(syms().get_method)->as.o;
  map_access_.builtin_set = builtin_class(Tag::Map)->find_method(syms().set_method)->as.o;
}

VM::~VM() {
  loop_.reset();  // its operations still in flight refer to the heap
  flush_out();
  heap.remove_root_source(root_id_);
  munmap(stack_, opts_.stack_slots * sizeof(Value));
  munmap(frames_, opts_.max_frames * sizeof(Frame));
}

EventLoop& VM::event_loop() {
  if (!loop_) loop_ = std::make_unique<EventLoop>(*this);
  return *loop_;
}

bool VM::drain_event_loop() {
  if (!loop_) return true;
  loop_->drain();
  return !loop_->callback_failed();
}

bool VM::jit_available(std::string* why) { return jit::plugin_present(why); }

std::string VM::jit_self_test() {
  std::string why;
  const jit::PluginApi* api = jit::load_plugin(&why);
  if (!api) return fmt::format("unavailable ({})", why);
  char err[256] = "";
  int answer = api->self_test(err, sizeof err);
  return answer == 42 ? "LLVM ORC ready" : fmt::format("failed ({})", err);
}

void VM::enable_jit(JitOptions opts) {
  // Protos compiled from now on count towards the threshold (module bodies included).
  g_jit_default_trigger = opts.threshold;
  jit_ = std::make_unique<jit::Tier>(*this, std::move(opts));
}

StackPin::StackPin(VM& vm, Value* top) : vm_(vm), saved_(vm.pinned_top_) {
  if (!saved_ || top > saved_) vm_.pinned_top_ = top;
}

StackPin::~StackPin() { vm_.pinned_top_ = saved_; }

Value* VM::stack_top() const {
  Value* top = pinned_top_ ? pinned_top_ : stack_;
  if (frame_count_ == 0) return top;
  const Frame& f = frames_[frame_count_ - 1];
  Value* frame_top = f.base + f.closure->proto->num_regs;
  return frame_top > top ? frame_top : top;
}

void VM::mark_roots(Marker& m) {
  Value* top = stack_top();
  for (Value* v = stack_; v < top; ++v) m.mark(*v);
  // Dead registers above the top may hold stale references: clear them so that a later
  // frame that exposes them before writing them never shows a freed object.
  for (Value* v = top; v < stack_end_ && (v < top + 256 || !is_nil(*v)); ++v) *v = make_nil();
  for (size_t i = 0; i < frame_count_; ++i) {
    m.mark(frames_[i].closure);
    m.mark(frames_[i].self);
  }
  for (Upvalue* u = open_upvals_; u; u = u->next_open) m.mark(u);
  m.mark(global_ns_);
  m.mark(exception_class);
  m.mark(runtime_error_class);
  m.mark(block_class);
  m.mark(gene_ns_);
  for (Class* c : builtin_classes_) m.mark(c);
  for (Value v : extra_roots_) m.mark(v);
}

Namespace* VM::new_module_ns(std::string_view name) {
  Namespace* ns = heap.make<Namespace>(intern(name), global_ns_);
  extra_roots_.push_back(value_of(ns));
  return ns;
}

NativeFn* VM::define_native(Namespace* ns, std::string_view name, NativeFnPtr fn, int min_args, int max_args) {
  Root r(heap, value_of(heap.make<NativeFn>(std::string(name), fn, min_args, max_args)));
  ns->define(intern(name), r.value);
  return as_native(r.value);
}

namespace {
// The general entry of a native that has only a direct one (its arity is checked).
Value call_direct(VM& vm, CallArgs& a) {
  NativeFn* nf = a.callee;
  return a.count == 1 ? nf->direct1(vm, a.args[0]) : nf->direct2(vm, a.args[0], a.args[1]);
}
}  // namespace

NativeFn* VM::define_native(Namespace* ns, std::string_view name, NativeFn1Ptr fn) {
  NativeFn* nf = define_native(ns, name, call_direct, 1, 1);
  nf->direct1 = fn;
  return nf;
}

NativeFn* VM::define_native(Namespace* ns, std::string_view name, NativeFn2Ptr fn) {
  NativeFn* nf = define_native(ns, name, call_direct, 2, 2);
  nf->direct2 = fn;
  return nf;
}

NativeFn* VM::define_method(Tag tag, std::string_view name, NativeFnPtr fn, int min_args, int max_args) {
  Class* c = builtin_classes_[static_cast<size_t>(tag)];
  NativeFn* nf = heap.make<NativeFn>(std::string(name), fn, min_args, max_args);
  nf->checks_receiver = name != ".ctor";  // a constructor's self is the class
  nf->receiver_kind = tag;
  Root r(heap, value_of(nf));
  c->set_method(intern(name), r.value);
  return nf;
}

// ---- output: buffered, flushed before any diagnostic so nothing printed is lost ----

void VM::write_out(std::string_view s) {
  out_buf_.append(s);
  bool due = out_buf_.size() >= (1u << 16) || (line_buffered && s.find('\n') != std::string_view::npos);
  if (due && !flush_out()) raise(fmt::format("cannot write output: {}", std::strerror(errno)));
}

// Returns false when stdout is gone (a closed pipe, a full disk): the program then ends
// with an error instead of printing into the void forever.
bool VM::flush_out() {
  if (capture) {
    capture->append(out_buf_);
    out_buf_.clear();
    return true;
  }
  bool ok = true;
  if (!out_buf_.empty()) {
    ok = fwrite(out_buf_.data(), 1, out_buf_.size(), stdout) == out_buf_.size();
    out_buf_.clear();
  }
  return fflush(stdout) == 0 && ok;
}

// ---- errors ----

void VM::capture_trace(GeneError& e) {
  for (size_t i = frame_count_; i-- > 0;) {
    const Frame& f = frames_[i];
    Proto* p = f.closure->proto;
    size_t at = f.pc > p->code.data() ? static_cast<size_t>(f.pc - p->code.data()) - 1 : 0;
    SourcePos pos = at < p->positions.size() ? p->positions[at] : p->pos;
    if (i == frame_count_ - 1 && !e.pos.known()) e.pos = pos;
    e.trace.push_back(TraceEntry{p->display_name(), pos});
    if (e.trace.size() >= 64) break;
  }
}

Value VM::make_exception(Class* cls, std::string_view message) {
  Instance* inst = heap.make<Instance>(cls);
  Root keep(heap, value_of(inst));
  inst->props.set(intern("message"), heap.string_value(message));
  return keep.value;
}

void VM::raise(std::string message) {
  GeneError e;
  e.value = runtime_error_class ? make_exception(runtime_error_class, message) : heap.string_value(message);
  e.message = std::move(message);
  capture_trace(e);
  throw e;
}

// A runtime error thrown again (by `throw $ex`, a `finally` or `await`) keeps its own
// message, so that it reports as it did when first raised.
void VM::raise_value(Value v, std::string message) {
  if (message.empty() && v.tag == Tag::Instance && as_instance(v)->cls == runtime_error_class)
    if (const Value* m = as_instance(v)->props.find(intern("message")); m && is_string(*m)) message = as_string(*m)->view();
  GeneError e;
  e.value = v;
  e.message = std::move(message);
  capture_trace(e);
  throw e;
}

// ---- upvalues ----

Upvalue* VM::capture_upvalue(Value* slot) {
  Upvalue** link = &open_upvals_;
  while (*link && (*link)->loc > slot) link = &(*link)->next_open;
  if (*link && (*link)->loc == slot) return *link;
  Upvalue* u = heap.make<Upvalue>(slot);
  u->next_open = *link;
  *link = u;
  return u;
}

void VM::make_closure(Frame* f, uint32_t child_index, Value& dst) {
  Proto* child = f->proto->protos[child_index];
  Closure* c = heap.make<Closure>(child, f->closure->ns);
  dst = value_of(c);  // rooted while its upvalues are allocated
  for (uint32_t k = 0; k < c->num_upvals; ++k) bind_upvalue(c, k, *f);
}

// Upvalue k of c, a closure made while `holder` runs: a copy of the value, or the Upvalue
// of a register of holder (opened now) or of holder's own upvalue.
void VM::bind_upvalue(Closure* c, uint32_t k, Frame& holder) {
  const UpvalDesc& d = c->proto->upvals[k];
  if (d.by_value) {  // the register was likely just written: copied as its two words
    copy_value(c->upvals[k]->closed, d.in_stack ? holder.base[d.index] : *holder.closure->upvals[d.index]->loc);
  } else if (d.in_stack) {
    holder.flags |= kFrameCaptured;
    c->upvals[k] = capture_upvalue(holder.base + d.index);
  } else {
    c->upvals[k] = holder.closure->upvals[d.index];
  }
}

void VM::close_upvalues(Value* from) {
  while (open_upvals_ && open_upvals_->loc >= from) {
    Upvalue* u = open_upvals_;
    u->closed = *u->loc;
    u->loc = &u->closed;
    open_upvals_ = u->next_open;
  }
}

// ---- frames and calls ----

void VM::push_frame_for_closure(Closure* c, Value* base, int nargs, Map* props, Value self, uint8_t flags) {
  Proto* p = c->proto;
  if (frame_count_ >= opts_.max_frames || base + p->num_regs + 1 >= stack_end_) raise("stack overflow");
  if (p->is_macro && !(flags & kFrameMacro))
    raise(fmt::format("Macro {} was called with evaluated arguments (define a macro before the code that calls it)",
                      p->display_name()));
  if (nargs < p->num_required) raise(fmt::format("Argument {} is missing.", p->params[static_cast<size_t>(nargs)].name->name));
  Frame& f = frames_[frame_count_++];
  f.closure = c;
  f.proto = p;
  f.base = base;
  f.pc = p->code.data();
  f.k = p->constants.data();
  f.self = self;
  f.flags = flags;
  f.env = 0;
  if (!p->simple_params) bind_complex_params(p, base, nargs, props);
  ++p->call_count;
}

void VM::invoke(Value* window, int n, Value props, Value self, uint8_t flags) {
  Root keep(heap, props);
  Map* pm = is_map(props) ? as_map(props) : nullptr;
  Value callee = window[0];
  if (callee.tag == Tag::Function) {
    push_frame_for_closure(as_closure(callee), window + 1, n, pm, self, flags);
  } else {
    window[0] = call_value_slow(callee, window + 1, n, pm, self, nullptr);
  }
}

void VM::bind_rooted(Proto* p, Value* base, int n, Value props) {
  Root keep(heap, props);
  bind_complex_params(p, base, n, is_map(props) ? as_map(props) : nullptr);
}

// Arranges arguments for protos with defaults, named, rest or destructured parameters.
void VM::bind_complex_params(Proto* p, Value* base, int nargs, Map* props) {
  int np = p->num_positional;
  Value rest = make_nil();
  for (const ParamInfo& info : p->params) {
    if (!info.rest) continue;
    Array* a = heap.make<Array>();
    rest = value_of(a);
    if (nargs > np) a->items.assign(base + np, base + nargs);
  }
  Root rest_root(heap, rest);
  for (int i = nargs; i < np; ++i) base[i] = make_undef();
  for (int i = 0; i < np && i < nargs; ++i)
    if (is_placeholder(base[i]) && p->params[static_cast<size_t>(i)].has_default) base[i] = make_undef();
  size_t named_found = 0;
  Value named_rest = make_nil();
  for (const ParamInfo& info : p->params) {
    if (info.rest) {
      base[info.reg] = rest;
    } else if (info.named) {
      const Value* v = props ? props->map.find(info.name) : nullptr;
      base[info.reg] = v ? *v : make_undef();
      if (v) ++named_found;
    } else if (info.named_rest) {
      Map* m = heap.make<Map>();
      named_rest = value_of(m);
      base[info.reg] = named_rest;
    }
  }
  if (props && named_found < props->map.size()) {
    for (auto& [key, value] : props->map.entries()) {
      bool known = false;
      for (const ParamInfo& info : p->params) known = known || (info.named && info.name == key);
      if (known) continue;
      if (is_nil(named_rest)) raise(fmt::format("Unknown named argument: {}", key.name()));
      as_map(named_rest)->map.set(key, value);
    }
  }
}

Class* VM::class_of(Value v) const {
  if (v.tag == Tag::Instance) return as_instance(v)->cls;
  if (v.tag == Tag::Function && v.as.o->subkind == kSubkindBlock && block_class) return block_class;
  return builtin_classes_[static_cast<size_t>(v.tag)];
}

// Calls that are not Gene closures: natives, and non-callables, which make data genes.
// Out of line, so that the native call path stays short.
void VM::reject_native_call(NativeFn* nf, int nargs, Value self) {
  if (nargs < nf->min_args || (nf->max_args >= 0 && nargs > nf->max_args)) {
    if (nf->min_args == nf->max_args)
      raise(fmt::format("{} expects {} argument{}, got {}", nf->name, nf->min_args, nf->min_args == 1 ? "" : "s", nargs));
    if (nargs < nf->min_args) raise(fmt::format("{} expects at least {} arguments, got {}", nf->name, nf->min_args, nargs));
    raise(fmt::format("{} expects at most {} arguments, got {}", nf->name, nf->max_args, nargs));
  }
  raise(fmt::format("Method {} of {} cannot run on {}", nf->name, builtin_classes_[static_cast<size_t>(nf->receiver_kind)]->name->name,
                    self.tag == Tag::Instance ? fmt::format("an instance of {}", as_instance(self)->cls->name->name)
                                              : std::string(kind_name(self.tag))));
}

Value VM::call_value_slow(Value fn, Value* window, int nargs, Map* props, Value self, Frame*) {
  switch (fn.tag) {
    case Tag::NativeFn: {
      NativeFn* nf = as_native(fn);
      if (nargs < nf->min_args || (nf->max_args >= 0 && nargs > nf->max_args) ||
          (nf->checks_receiver && self.tag != nf->receiver_kind))
        reject_native_call(nf, nargs, self);
      CallArgs a{window, nargs, self, props, nf};
      if (!is_obj(self)) return nf->fn(*this, a);  // a plain call (sqrt x): nothing to root
      // self may live nowhere else: a method call's receiver slot now holds the method.
      Root keep_self(heap, self);
      return nf->fn(*this, a);
    }
    case Tag::Selector:
    {
      if (nargs < 1) raise("a selector needs a value to select from");
      Value v = apply_selector(*this, as_selector(fn), window[0]);
      return !is_undef(v) ? v : nargs > 1 ? window[1] : make_nil();  // (sel target default)
    }
    case Tag::Instance:
      // An instance whose class defines `call` is callable (GN): (obj args…) = (obj .call args…).
      if (Value* m = as_instance(fn)->cls->find_method(intern("call"))) return call(*m, window, nargs, fn, props);
      [[fallthrough]];
    default: {
      Gene* g = heap.make<Gene>();
      g->type = fn;
      if (props) g->props = props->map;
      g->children.assign(window, window + nargs);
      return value_of(g);
    }
  }
}

Value VM::call(Value fn, Value* args, int nargs, Value self, Map* props) {
  if (fn.tag != Tag::Function) {
    Value* window = stack_top();
    if (window + nargs + 1 >= stack_end_) raise("stack overflow");
    // The arguments go above every frame, pinned there so that the collector sees them.
    if (nargs > 0) std::memmove(static_cast<void*>(window), args, static_cast<size_t>(nargs) * sizeof(Value));
    StackPin pin(*this, window + nargs);
    return call_value_slow(fn, window, nargs, props, self, nullptr);
  }
  Value* slot = stack_top();
  if (slot + nargs + 2 >= stack_end_) raise("stack overflow");
  slot[0] = fn;
  // Word by word: a native's arguments were usually just stored so (call_fn's array),
  // and a 16-byte copy of them waits for those stores to retire (store forwarding).
  for (int k = 0; k < nargs; ++k) copy_value(slot[1 + k], args[k]);
  size_t entry = frame_count_;
  try {
    push_frame_for_closure(as_closure(fn), slot + 1, nargs, props, self, kFrameToNative);
    return execute(entry);
  } catch (...) {
    close_upvalues(slot);
    frame_count_ = entry;
    throw;
  }
}

Value VM::run_module(Proto* main, Namespace* ns) {
  Root keep(heap, value_of(main));
  Closure* c = heap.make<Closure>(main, ns);
  return call(value_of(c), nullptr, 0);
}

// Runs one top-level form in a module's register window at base.
Value VM::run_form(Proto* p, Value* base, Namespace* ns) {
  if (base + p->num_regs + 1 >= stack_end_) raise("stack overflow");
  StackPin pin(*this, base + p->num_regs);
  Closure* c = heap.make<Closure>(p, ns);
  base[-1] = value_of(c);
  size_t entry = frame_count_;
  try {
    push_frame_for_closure(c, base, 0, nullptr, make_nil(), kFrameToNative | kFrameModule);
    return execute(entry);
  } catch (...) {
    frame_count_ = entry;
    throw;
  }
}

Value VM::eval_source(uint32_t file_id, Namespace* ns) {
  Session session(*this, ns ? ns : new_module_ns("<module>"));
  return session.eval(file_id);
}

MacroLookup VM::macro_lookup(Namespace* ns) {
  return [this, ns](Value name) {
    Value* v = nullptr;
    if (is_symbol(name) && as_symbol(name)->name.size() > 1 && as_symbol(name)->name[0] == '.') {
      return macro_methods_.count(intern(std::string_view(as_symbol(name)->name).substr(1))) > 0;
    } else if (is_symbol(name)) {
      v = ns->lookup(as_symbol(name));
    } else {  // a path through namespaces and classes
      auto& parts = as_complex(name)->parts;
      v = ns->lookup(parts[0]);
      for (size_t k = 1; v && k < parts.size(); ++k) {
        Namespace* owner = v->tag == Tag::Namespace ? as_namespace(*v) : v->tag == Tag::Class ? as_class(*v)->members : nullptr;
        v = owner ? owner->members.find(parts[k]) : nullptr;
      }
    }
    return v && v->tag == Tag::Function && as_closure(*v)->proto->is_macro;
  };
}

}  // namespace gene
