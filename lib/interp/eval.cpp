// eval, $caller_eval and $render (§9.2–§9.4): data becomes code that runs in the scope
// of a given frame, with that frame's variables reachable by name.
#include <fmt/format.h>

#include "compiler/func_state.hpp"
#include <utility>

#include "interp/ops.hpp"
#include "interp/vm.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"

namespace gene {

namespace {
// The variables visible at the frame's current instruction, latest declaration last (so
// they shadow the variables of the frame that eval code runs for, listed first).
void add_env_of(const Frame* frames, uint32_t index, EvalEnv& env) {
  const Frame& f = frames[index];
  if (f.flags & kFrameEval) add_env_of(frames, f.env, env);
  Proto* p = f.closure->proto;
  uint32_t at = f.pc > p->code.data() ? static_cast<uint32_t>(f.pc - p->code.data()) - 1 : 0;
  for (const UpvalDesc& u : p->upvals)
    env.vars.push_back({u.name, true, static_cast<uint16_t>(&u - p->upvals.data()), index});
  for (const LocalInfo& l : p->locals)
    if (l.start_pc <= at && at < l.end_pc) env.vars.push_back({l.name, false, l.reg, index});
}

// Adds a rendered element: a %_ result adds nothing, an Explode of an array splices.
void add_rendered(Values& out, Value v) {
  if (v.tag == Tag::Void) return;
  if (v.tag == Tag::Explode && is_array(static_cast<Explode*>(v.as.o)->value)) {
    for (Value e : as_array(static_cast<Explode*>(v.as.o)->value)->items) out.push_back(e);
  } else {
    out.push_back(v);
  }
}

// ($emit v) inside the code of an unquote (§25.4) appends v to the array or gene children
// that hold the unquote. The loops below name that container for the unquote they render
// next; each unquote being evaluated has a target (null where no container holds it).
struct EmitTarget {
  Values* out;
  bool emitted;
};
thread_local Values* t_container = nullptr;
thread_local std::vector<EmitTarget> t_emit_targets;

class EmitScope {
 public:
  explicit EmitScope(Values* out) { t_emit_targets.push_back({out, false}); }
  ~EmitScope() { t_emit_targets.pop_back(); }
  EmitScope(const EmitScope&) = delete;
  EmitScope& operator=(const EmitScope&) = delete;
  bool emitted() const { return t_emit_targets.back().emitted; }
};

// Renders one element of an array or gene children into out.
template <class Render>
void render_into(Values& out, Value element, Render render) {
  if (element.tag == Tag::Unquote) t_container = &out;
  add_rendered(out, render(element));
}

bool is_code(Value v) { return v.tag == Tag::Symbol || v.tag == Tag::Gene || v.tag == Tag::ComplexSymbol || v.tag == Tag::Quote; }
}  // namespace

Value VM::eval_in_frame(Value datum, size_t frame_index) {
  if (!is_code(datum)) return datum;  // numbers, strings, arrays, maps … evaluate to themselves
  Frame& target = frames_[frame_index];
  EvalEnv env;
  add_env_of(frames_, static_cast<uint32_t>(frame_index), env);
  if (datum.tag == Tag::Symbol && as_symbol(datum)->name.size() > 3 && as_symbol(datum)->name.ends_with("...")) {
    // x... spreads: the value of x, to be spliced by the caller (templates)
    const std::string& n = as_symbol(datum)->name;
    Value v = eval_in_frame(sym_value(std::string_view(n).substr(0, n.size() - 3)), frame_index);
    return value_of(heap.make<Explode>(v));
  }
  if (datum.tag == Tag::Symbol) {
    Symbol* s = as_symbol(datum);
    if (const EvalEnv::Var* v = env.find(s)) {
      const Frame& holder = frames_[v->frame];
      return v->is_upvalue ? *holder.closure->upvals[v->index]->loc : holder.base[v->index];
    }
    if (s != intern("self") && s->name.rfind('$', 0) != 0 && !target.closure->ns->lookup(s))
      raise(fmt::format("Unknown symbol: {}", s->name));
  }
  Proto* p;
  {
    GcPause pause(heap);
    p = compile_eval(heap, datum, env, compile_options, macro_lookup(target.closure->ns));
  }
  Root keep(heap, value_of(p));
  Closure* c = heap.make<Closure>(p, target.closure->ns);
  Value* slot = stack_top();
  if (slot + p->num_regs + 2 >= stack_end_) raise("stack overflow");
  slot[0] = value_of(c);
  // The frame's variables that closures in the code capture (see Compiler::env_upvalue);
  // capturing allocates, and slot lies above every frame.
  Root keep_closure(heap, slot[0]);
  for (uint32_t k = 0; k < c->num_upvals; ++k) bind_upvalue(c, k, frames_[env.find(p->upvals[k].name)->frame]);
  size_t entry = frame_count_;
  push_frame_for_closure(c, slot + 1, 0, nullptr, target.self, kFrameToNative | kFrameEval);
  frames_[frame_count_ - 1].env = static_cast<uint32_t>(frame_index);
  try {
    return execute(entry);
  } catch (...) {
    close_upvalues(slot);
    frame_count_ = entry;
    throw;
  }
}

// The frame that called the innermost running macro at or below `from`.
size_t VM::macro_caller_frame(size_t from) {
  for (size_t k = from + 1; k-- > 0;)
    if (frames_[k].flags & kFrameMacro) {
      if (k == 0) break;
      return k - 1;
    }
  raise("$caller_eval can only be used within macros");
}

// Copies a template, replacing %x and %(expr) by their values; %_(expr) is evaluated for
// its effect only; an Explode result is spliced into the surrounding array or gene.
Value VM::render(Value tpl, size_t frame_index, int depth) {
  Values* container = std::exchange(t_container, nullptr);  // meant for this element only
  if (depth > 2000) raise("template nested too deeply");
  switch (tpl.tag) {
    case Tag::Unquote: {
      Quote* q = as_quote(tpl);
      EmitScope scope(container);
      Value v = eval_in_frame(q->value, frame_index);
      return q->discard || scope.emitted() ? make_void() : v;  // after $emit it inserts nothing more
    }
    case Tag::Array: {
      Array* out = heap.make<Array>();
      Root keep(heap, value_of(out));
      for (size_t k = 0; k < as_array(tpl)->items.size(); ++k)
        render_into(out->items, as_array(tpl)->items[k], [&](Value e) { return render(e, frame_index, depth + 1); });
      return keep.value;
    }
    case Tag::Map: {
      Map* out = heap.make<Map>();
      Root keep(heap, value_of(out));
      for (auto& [k, v] : as_map(tpl)->map.entries()) {
        Value r = render(v, frame_index, depth + 1);
        out->map.set(k, r);
      }
      return keep.value;
    }
    case Tag::Gene: {
      Gene* src = as_gene(tpl);
      Gene* out = heap.make<Gene>();
      Root keep(heap, value_of(out));
      out->pos = src->pos;
      out->type = render(src->type, frame_index, depth + 1);
      for (auto& [k, v] : src->props.entries()) {
        Value r = render(v, frame_index, depth + 1);
        out->props.set(k, r);
      }
      for (size_t k = 0; k < src->children.size(); ++k)
        render_into(out->children, src->children[k], [&](Value e) { return render(e, frame_index, depth + 1); });
      return keep.value;
    }
    default: return tpl;  // symbols, literals and nested quotes stay as they are
  }
}

void emit_to_template(VM& vm, Value v) {
  if (t_emit_targets.empty()) vm.raise("$emit can only be used while a template renders");
  EmitTarget& t = t_emit_targets.back();
  if (!t.out) vm.raise("$emit needs an array or gene around the unquote it runs in");
  t.out->push_back(v);
  t.emitted = true;
}

// The text is built in a buffer that keeps its capacity, then copied into the new string.
Value VM::concat(const Value* parts, int n) {
  thread_local std::string out;
  out.clear();
  for (int k = 0; k < n; ++k) append_to_s(out, parts[k]);
  return heap.string_value(out);
}

}  // namespace gene
