// The dispatch loop. Each case is a few lines: Int fast paths inline, everything else in
// the out-of-line slow paths of ops.hpp. Computed goto where the compiler has it.
// Hot handlers read their operands through references or pointers, field by field, not
// as Values copied up front: GCC loads a copied Value twice and into general registers,
// and that cost leibniz a quarter of its time and nbody a tenth. (Not every handler
// gains: the compare-and-branch ones measured worse, and stay as they are.)
#include <fmt/format.h>

#include <bit>
#include <cstring>

#include "interp/ops.hpp"
#include "interp/vm.hpp"
#include "runtime/equality.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"

#if defined(__GNUC__)
#define GENE_COMPUTED_GOTO 1
#define GENE_LIKELY(x) __builtin_expect(!!(x), 1)
#define GENE_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define GENE_LIKELY(x) (x)
#define GENE_UNLIKELY(x) (x)
#endif

namespace gene {

namespace {
// The instruction being run, as one 64-bit word. Its operands are extracted where a
// handler uses them: decoding all of them at every dispatch costs three registers the
// dispatch loop needs for its frame state.
struct DecodedInstr {
  uint64_t w;
  void load(const Instr* at) { std::memcpy(&w, at, sizeof w); }
  // Keeps the compiler from hoisting operand extraction above the handler's label.
  void opaque() {
#if defined(__GNUC__)
    __asm__("" : "+r"(w));
#endif
  }
  unsigned opcode() const { return static_cast<uint8_t>(w); }
  uint16_t a() const { return static_cast<uint16_t>(w >> 16); }
  uint16_t b() const { return static_cast<uint16_t>(w >> 32); }
  uint16_t c() const { return static_cast<uint16_t>(w >> 48); }
  int16_t sb() const { return static_cast<int16_t>(b()); }
  int16_t sc() const { return static_cast<int16_t>(c()); }
  uint32_t bx() const { return static_cast<uint32_t>(w >> 32); }
  int32_t sbx() const { return static_cast<int32_t>(bx()); }
};
static_assert(std::endian::native == std::endian::little, "DecodedInstr reads Instr as a little-endian word");

// A Value read from a register as two words in general registers. A local copy is
// otherwise loaded with one 16-byte move, which waits until the two 8-byte stores that
// just wrote the register reach the cache (see copy_value).
inline Value read_words(const Value& src) {
  uint64_t tag = static_cast<uint64_t>(src.tag);
  int64_t bits = src.as.i;
#if defined(__GNUC__)
  __asm__("" : "+r"(tag), "+r"(bits));
#endif
  Value v;
  v.tag = static_cast<Tag>(tag);
  v.as.i = bits;
  return v;
}

constexpr int kMaxNativeNesting = 180;

// Native code has no type signature in front of it: UBSan's function check (clang's
// -fsanitize=function reads the bytes before the callee) must not look there.
#if defined(__clang__)
__attribute__((no_sanitize("function")))
#endif
inline uint32_t call_native(void* entry, VM* vm, Frame* f) {
  return reinterpret_cast<jit::Entry>(entry)(vm, f, f->base);
}  // nested executes: bounds the C++ stack they use

// A number as a double when that is exact: every Float, and Ints within 2^53.
inline bool exact_double(Value v, double* out) {
  if (v.tag == Tag::Float) {
    *out = v.as.f;
    return true;
  }
  constexpr int64_t kExact = int64_t{1} << 53;
  if (v.tag == Tag::Int && v.as.i >= -kExact && v.as.i <= kExact) {
    *out = static_cast<double>(v.as.i);
    return true;
  }
  return false;
}
template <class T>
inline bool ordered(Op op, T x, T y) {
  switch (op) {
    case Op::LT: return x < y;
    case Op::LE: return x <= y;
    case Op::GT: return x > y;
    default: return x >= y;
  }
}
// Fast ordering for two Ints, and for numbers that are exact as doubles (a NaN is
// unordered there too); anything else goes to compare_slow.
inline bool compare(VM& vm, Op op, Value a, Value b) {
  if (is_int(a) && is_int(b)) return ordered(op, as_int(a), as_int(b));
  double x, y;
  if (exact_double(a, &x) && exact_double(b, &y)) return ordered(op, x, y);
  return compare_slow(vm, op, a, b);
}
// One step of a for loop over slot[0..1]: a counted range (for_prep_counted) and a Range
// inline, the rest through for_next.
inline bool for_advance(VM& vm, Value* slot, Value* out) {
  int64_t v;
  if (slot[0].tag == Tag::Int) return counted_next(slot, out);
  if (slot[0].tag != Tag::Range) return for_next(vm, slot, out);
  if (!as_range(slot[0])->at(as_int(slot[1]), &v)) return false;
  *out = make_int(v);
  slot[1] = make_int(as_int(slot[1]) + 1);
  return true;
}

// The element of Array o at Int k when k is in range, else nullptr: the inline path of
// .get/.set, ./ and $set with an Int key.
inline Value* array_slot(const Value& o, const Value& k) {
  if (o.tag != Tag::Array || !is_int(k)) return nullptr;
  auto& items = as_array(o)->items;
  return static_cast<uint64_t>(as_int(k)) < items.size() ? &items[static_cast<size_t>(as_int(k))] : nullptr;
}

// The index of the instruction running in f, pc being past it, as the dispatch loop keeps it.
uint32_t site_of(const Frame* f, const Instr* pc) { return static_cast<uint32_t>(pc - 1 - f->proto->code.data()); }

// Objects built by the same code keep their keys in the same order, so the entry index
// where a site last found its key usually holds it again: no shapes needed. Each
// instruction has its own hint: two sites of one key often meet maps of two shapes.
// The bound is compared in bytes: no division by the entry size.
// A map that a loop reads in place (MapView) takes the full path, whose writes tell the loop.
// kHintsKey: the key is the hint's own (a member site's key is always its constant's),
// else the one given.
template <bool kHintsKey>
PropMap::Entry* hinted_entry(PropMap& pm, const Proto* p, size_t site, uint64_t key_bits) {
  if (pm.watched()) return nullptr;
  auto& entries = const_cast<PropMap::Entries&>(std::as_const(pm).slots());
  const PropHint& hint = p->prop_hints[site];
  size_t at = hint.at;
  auto bytes = reinterpret_cast<const char*>(entries.data() + entries.size()) - reinterpret_cast<const char*>(entries.data());
  if (at * sizeof(PropMap::Entry) < static_cast<size_t>(bytes) && entries[at].first.bits() == (kHintsKey ? hint.key : key_bits))
    return &entries[at];
  return nullptr;
}
PropMap::Entry* entry_hint(PropMap& pm, const Proto* p, size_t site, PropKey key) {
  return hinted_entry<false>(pm, p, site, key.bits());
}
PropMap::Entry* prop_entry_hint(PropMap& pm, const Proto* p, size_t site) { return hinted_entry<true>(pm, p, site, 0); }
// The same for a key in a register (./, $set, .get and .set of a Map), when the key needs
// no lookup of its own: a symbol, a string that served as a key before, or an Int.
inline PropMap::Entry* keyed_entry_hint(const Value& o, const Value& key, const Proto* p, size_t site) {
  if (o.tag != Tag::Map) return nullptr;
  if (key.tag == Tag::Symbol) return entry_hint(as_map(o)->map, p, site, as_symbol(key));
  if (key.tag == Tag::String && as_string(key)->key) return entry_hint(as_map(o)->map, p, site, as_string(key)->key);
  if (is_int(key) && PropKey::fits(as_int(key))) return entry_hint(as_map(o)->map, p, site, PropKey::of_int(as_int(key)));
  return nullptr;
}
// A constructor's store of its object's next property: added at the end when that is
// where the site's hint says (PropMap::add_at).
inline bool add_at_hint(PropMap& pm, const Proto* p, size_t site, uint16_t k, const Value& v) {
  return pm.add_at(p->prop_hints[site].at, as_symbol(p->constants[k]), v);
}

void fill_global_cache(GlobalCache& c, Namespace* ns, Symbol* name) {
  c.slot = ns->lookup(name);
  c.epoch = g_namespace_epoch;
  c.ns = ns;
}
}  // namespace

// Case bodies of the dispatch loop must not own objects with destructors: leaving them by
// a computed goto skips the destructor. Work that needs one lives in functions like this.
void VM::spread_call(Value* window, SpreadCall kind, Symbol* method) {
  Root args(heap, window[1]);
  Root props(heap, window[2]);
  auto& items = as_array(args.value)->items;
  int n = static_cast<int>(items.size());
  if (window + 1 + n + 1 >= stack_end_) raise("stack overflow");
  std::copy(items.begin(), items.end(), window + 1);
  // The spread arguments may reach past the caller's registers.
  StackPin pin(*this, window + 1 + n);
  switch (kind) {
    case SpreadCall::Call: return invoke(window, n, props.value, make_nil(), 0);
    case SpreadCall::Method: {
      Value receiver = window[0];
      window[0] = *find_method(receiver, method);  // the method takes the receiver's slot
      return invoke(window, n, props.value, receiver, 0);
    }
    case SpreadCall::New: return construct(window, n, props.value);
    case SpreadCall::Super: return call_super(window, n, props.value, &frames_[frame_count_ - 1]);
  }
}

// Runs frames from entry_frame up; a Gene error continues at the innermost try block of
// these frames, or leaves to the caller (an outer execute or the embedder).
Value VM::execute(size_t entry_frame) {
  // Each nested execute (native code calling Gene, eval, imports) uses C++ stack.
  if (native_depth_ >= kMaxNativeNesting) raise("stack overflow");
  struct Depth {
    int& d;
    explicit Depth(int& depth) : d(depth) { ++d; }
    ~Depth() { --d; }
  } depth(native_depth_);
  for (;;) {
    try {
      try {
        if (profiler) return run_frames<true, true>(entry_frame);
        if (!compile_options.optimize) return run_frames<false, false>(entry_frame);
        return jit_ ? run_frames<false, true>(entry_frame) : run_frames<false, true, false, false>(entry_frame);
      } catch (const std::bad_alloc&) {
        emergency_memory_.reset();  // room to build the error itself
        raise("out of memory");     // a Gene error: catchable, and reported with a position
      }
    } catch (const GeneError& e) {
      if (!unwind_to_handler(e, entry_frame)) throw;
    }
  }
}

bool VM::unwind_to_handler(const GeneError& e, size_t entry_frame) {
  if (handlers_.empty() || handlers_.back().frame < entry_frame) return false;
  enter_handler(e.value);
  return true;
}

void VM::enter_handler(Value error) {
  Handler h = handlers_.back();
  handlers_.pop_back();
  if (frame_count_ > h.frame + 1) close_upvalues(frames_[h.frame + 1].base);
  frame_count_ = h.frame + 1;
  Frame& f = frames_[h.frame];
  f.base[h.reg] = error;
  f.pc = h.pc;
}

template <bool kProfiled, bool kCaches, bool kStep, bool kTierUp>
Value VM::run_frames(size_t entry_frame) {
  // Only f, R and pc live in registers; constants, the closure and the proto are read
  // through f, so that the hot state of the dispatch loop stays out of memory.
  Frame* f = &frames_[frame_count_ - 1];
  Value* R = f->base;
  const Instr* pc = f->pc;
  DecodedInstr i;
  // Inline caches are on unless --no-opt; the profiled loop decides at run time. The
  // keyed-access fast paths follow it too, so that --no-opt checks them against get_key.
  const bool caches = kProfiled ? compile_options.optimize : kCaches;

// Reloads the cached state of the current frame after a call or return.
#define LOAD_FRAME()              \
  do {                            \
    f = &frames_[frame_count_ - 1]; \
    R = f->base;                  \
    pc = f->pc;                   \
  } while (0)
// The constants of the running function.
#define K (f->k)
// Slow paths may raise or collect: the frame must know where it is.
#define SAVE_PC() (f->pc = pc)
// The top frame's proto passed its JIT trigger: compile it, or enter its native code.
// Not in step mode (compiled code's generic path).
#define JIT_CHECK()                                                                      \
  do {                                                                                   \
    if constexpr (kTierUp && !kStep) {                                                   \
      if (GENE_UNLIKELY(f->proto->call_count > f->proto->jit_trigger)) goto jit_hot;     \
    }                                                                                    \
  } while (0)

// With the JIT on, an element or member read notes the kind of value it produced, and
// keyed access the path it took.
#define NOTE_SEEN(v)                                  \
  do {                                                \
    if constexpr (kTierUp) note_seen(pc - 1, (v).tag); \
  } while (0)
#define NOTE_PATH(bit)                           \
  do {                                           \
    if constexpr (kTierUp) note_bit(pc - 1, bit); \
  } while (0)

// dst = call, a native's call; under a try of the frames this loop runs (not in step
// mode) through call_catching, and on an error straight to the handler (caught_in_frame).
#define CALL_NATIVE(dst, native_call, ...)                                                \
  do {                                                                                    \
    if (kStep || handlers_.empty() || handlers_.back().frame < entry_frame) {             \
      dst = native_call(__VA_ARGS__);                                                     \
    } else {                                                                              \
      Value out_;                                                                         \
      if (!call_catching(&VM::native_call, out_, __VA_ARGS__)) goto caught_in_frame;      \
      dst = out_;                                                                         \
    }                                                                                     \
  } while (0)

// In step mode, the end of the one instruction: the top frame keeps its pc.
#define STEP_DONE()       \
  if constexpr (kStep) {  \
    f->pc = pc;           \
    return Value{};       \
  }

#if GENE_COMPUTED_GOTO
  static void* const kLabels[] = {
#define OPCODE(name, format, doc) &&L_##name,
#include "bytecode/opcodes.def"
#undef OPCODE
  };
#define NEXT()                                                                                       \
  do {                                                                                               \
    if constexpr (kProfiled) profiler->step(f->proto, pc, frame_count_, heap.objects_allocated_total()); \
    i.load(pc++);                                                                                    \
    goto* kLabels[i.opcode()];                                                                       \
  } while (0)
#define DISPATCH() \
  do {             \
    STEP_DONE();   \
    NEXT();        \
  } while (0)
#define CASE(name) L_##name : i.opaque();
  JIT_CHECK();
  NEXT();
#else
#define DISPATCH() \
  do {             \
    STEP_DONE();   \
    goto dispatch; \
  } while (0)
#define CASE(name) case Op::name:
  JIT_CHECK();
dispatch:
  i.load(pc++);
  switch (static_cast<Op>(i.opcode())) {
#endif

  CASE(MOVE) { copy_value(R[i.a()], R[i.b()]); DISPATCH(); }
  CASE(LOADK) { R[i.a()] = K[i.bx()]; DISPATCH(); }
  CASE(LOADI) { R[i.a()] = make_int(i.sbx()); DISPATCH(); }
  CASE(LOADNIL) {
    for (int k = 0; k <= i.b(); ++k) R[i.a() + k] = make_nil();
    DISPATCH();
  }
  CASE(LOADBOOL) { R[i.a()] = make_bool(i.b() != 0); DISPATCH(); }
  // `/x` reads self's member: LOADSELF, then GETMEMBER of that register. While the site's
  // hint holds, the read happens here, a dispatch fewer per self member read.
  CASE(LOADSELF) {
    R[i.a()] = f->self;
    if constexpr (!kStep && !kProfiled) {
      DecodedInstr t;
      t.load(pc);
      PropMap* pm;
      PropMap::Entry* e;
      if (t.opcode() == static_cast<unsigned>(Op::GETMEMBER) && t.b() == i.a() && caches &&
          (pm = prop_map_of(f->self)) != nullptr && (e = prop_entry_hint(*pm, f->proto, site_of(f, pc + 1))) != nullptr) {
        pc += 1;
        NOTE_SEEN(e->second);
        copy_value(R[t.a()], e->second);
      }
    }
    DISPATCH();
  }
  CASE(GETUPVAL) { copy_value(R[i.a()], *f->closure->upvals[i.b()]->loc); DISPATCH(); }
  CASE(SETUPVAL) { copy_value(*f->closure->upvals[i.b()]->loc, R[i.a()]); DISPATCH(); }
// The global of cache C through its inline cache (valid while no namespace changed shape).
#define GLOBAL_VIA_CACHE(dest, cache_index, name)                                                    \
  do {                                                                                               \
    GlobalCache& c = f->proto->global_caches[cache_index];                                  \
    bool hit = caches && c.epoch == g_namespace_epoch && c.ns == f->closure->ns;                     \
    if constexpr (kProfiled) profiler->global_lookup(hit);                                           \
    if (GENE_UNLIKELY(!hit)) fill_global_cache(c, f->closure->ns, name);                             \
    dest = c.slot ? *c.slot : make_nil();                                                            \
  } while (0)
  CASE(GETGLOBAL) {
    GLOBAL_VIA_CACHE(R[i.a()], i.c(), as_symbol(K[i.b()]));
    DISPATCH();
  }
  CASE(SETGLOBAL) {
    Symbol* name = as_symbol(K[i.b()]);
    Value* slot = f->closure->ns->lookup(name);
    if (slot) *slot = R[i.a()];
    else f->closure->ns->define(name, R[i.a()]);
    DISPATCH();
  }
  CASE(LOADNS) { R[i.a()] = value_of(f->closure->ns); DISPATCH(); }

// A back edge of loop `index`, pc already at its header. Without the JIT nothing reads the
// count, and counting is a sixth of a tight loop's time.
#define BACK_EDGE(index)                                                                          \
  do {                                                                                            \
    if constexpr (kTierUp && !kStep) {                                                            \
      /* a hot loop enters native code at its header (on-stack replacement) */                    \
      if (GENE_UNLIKELY(++f->proto->loop_counters[index] > f->proto->jit_trigger)) goto jit_hot_loop; \
    } else if constexpr (kTierUp) {                                                               \
      ++f->proto->loop_counters[index];                                                           \
    }                                                                                             \
  } while (0)
// `(i += 1)` last in a while body whose test `(i < n)` follows at the bottom: with Ints,
// the test runs here, saving a dispatch per iteration. The LOOPLT itself stays, for the
// jump into the loop and every other case. (Fusing ADD the same way won on loop.gene and
// lost as much on loop-repeat and leibniz-intlit.)
#define FUSED_LOOP_TEST(result)                                                                 \
  do {                                                                                          \
    if constexpr (!kStep && !kProfiled) {                                                       \
      DecodedInstr t;                                                                           \
      t.load(pc);                                                                               \
      if (t.opcode() == static_cast<unsigned>(Op::LOOPLT) && t.a() == i.a() && is_int(R[t.b()])) { \
        pc += 1;                                                                                \
        if ((result) < as_int(R[t.b()])) {                                                      \
          pc += t.sc();                                                                         \
          BACK_EDGE(pc[-1].a); /* the JMP into the loop names it */                             \
        }                                                                                       \
        NEXT();                                                                                 \
      }                                                                                         \
    }                                                                                           \
  } while (0)
// r = a insn b, or a jump to `overflow`. On x86 that is the instruction and `jo`: with
// __builtin_*_overflow GCC often keeps the flag in a register (seto, test, jne) while it
// schedules other work in between, three more instructions on every Int operation.
#if defined(__x86_64__) && defined(__GNUC__)
#define INT_OP_OR_GOTO(insn, builtin, a, b, r, overflow) \
  asm goto(insn " %[rhs], %[res]\n\tjo %l[" #overflow "]" : [res] "=r"(r) : "0"(a), [rhs] "r"(b) : "cc" : overflow)
#else
#define INT_OP_OR_GOTO(insn, builtin, a, b, r, overflow) \
  if (builtin(a, b, &r)) goto overflow
#endif
// Int op Int inline with an overflow check; Float op Float and mixed numbers inline; the
// rest (overflow, non-numbers) out of line. The operands are read through pointers, field
// by field (Floats straight into vector registers): Values copied up front were loaded twice.
// `slow` passes the operands in source order.
#define ARITH_BODY(insn, builtin, op, pa, pb, slow, overflow)                          \
  {                                                                                 \
    int64_t r;                                                                      \
    Tag ta = (pa)->tag, tb = (pb)->tag;                                             \
    int64_t ia = (pa)->as.i, ib = (pb)->as.i;                                       \
    if (ta == Tag::Int && tb == Tag::Int) {                                         \
      INT_OP_OR_GOTO(insn, builtin, ia, ib, r, overflow);                           \
      R[i.a()] = make_int(r);                                                       \
      DISPATCH();                                                                   \
    } else if (ta == Tag::Float && tb == Tag::Float) {                              \
      R[i.a()] = make_float((pa)->as.f op (pb)->as.f);                              \
      DISPATCH();                                                                   \
    } else if (is_number(*(pa)) && is_number(*(pb))) {                              \
      R[i.a()] = make_float(to_double(*(pa)) op to_double(*(pb)));                  \
      DISPATCH();                                                                   \
    }                                                                               \
  overflow:                                                                         \
    SAVE_PC();                                                                      \
    R[i.a()] = slow;                                                                \
    DISPATCH();                                                                     \
  }
#define ARITH(name, insn, builtin, op)                                              \
  CASE(name) {                                                                      \
    const Value *pa = &R[i.b()], *pb = &R[i.c()];                                   \
    ARITH_BODY(insn, builtin, op, pa, pb, arith_slow(*this, Op::name, *pa, *pb), name##_slow) \
  }
// Constant right operand; with kConstLeft (commutative ops only) it was written first.
#define ARITHK(name, base, insn, builtin, op)                                       \
  CASE(name) {                                                                      \
    const Value *pa = &R[i.b()], *pb = &K[i.c() & ~kConstLeft];                     \
    ARITH_BODY(insn, builtin, op, pa, pb,                                           \
               (i.c() & kConstLeft) ? arith_slow(*this, Op::base, *pb, *pa) : arith_slow(*this, Op::base, *pa, *pb), \
               name##_slow)                                                         \
  }
  ARITH(ADD, "addq", __builtin_add_overflow, +)
  ARITH(SUB, "subq", __builtin_sub_overflow, -)
  ARITH(MUL, "imulq", __builtin_mul_overflow, *)
  ARITHK(ADDK, ADD, "addq", __builtin_add_overflow, +)
  ARITHK(SUBK, SUB, "subq", __builtin_sub_overflow, -)
  ARITHK(MULK, MUL, "imulq", __builtin_mul_overflow, *)
#undef ARITH
#undef ARITHK
#undef ARITH_BODY
// Division always gives a Float; Float by Float is the common case, so it goes first.
#define DIVIDE(name, pb_expr)                                                       \
  CASE(name) {                                                                      \
    const Value *pa = &R[i.b()], *pb = pb_expr;                                     \
    if (pa->tag == Tag::Float && pb->tag == Tag::Float) {                           \
      R[i.a()] = make_float(pa->as.f / pb->as.f);                                   \
    } else if (is_number(*pa) && is_number(*pb)) {                                  \
      R[i.a()] = make_float(to_double(*pa) / to_double(*pb));                       \
    } else {                                                                        \
      SAVE_PC();                                                                    \
      R[i.a()] = arith_slow(*this, Op::DIV, *pa, *pb);                              \
    }                                                                               \
    DISPATCH();                                                                     \
  }
  DIVIDE(DIV, &R[i.c()])
  DIVIDE(DIVK, &K[i.c()])
#undef DIVIDE
// Int with an immediate: Int inline with an overflow check, Float inline, the rest out of line.
#define ARITH_IMM(name, base, insn, builtin, op)                                                  \
  CASE(name) {                                                                                  \
    const Value& a = R[i.b()];                                                                    \
    int64_t r;                                                                                  \
    if (GENE_LIKELY(is_int(a))) {                                                               \
      INT_OP_OR_GOTO(insn, builtin, as_int(a), static_cast<int64_t>(i.sc()), r, name##_slow);  \
      R[i.a()] = make_int(r);                                                                     \
      FUSED_LOOP_TEST(r);                                                                       \
      DISPATCH();                                                                               \
    } else if (is_float(a)) {                                                                   \
      R[i.a()] = make_float(as_float(a) op static_cast<double>(i.sc()));                          \
      DISPATCH();                                                                               \
    }                                                                                           \
  name##_slow:                                                                                  \
    SAVE_PC();                                                                                  \
    R[i.a()] = arith_slow(*this, Op::base, a, make_int(i.sc()));                                  \
    DISPATCH();                                                                                 \
  }
  ARITH_IMM(ADDI, ADD, "addq", __builtin_add_overflow, +)
  ARITH_IMM(SUBI, SUB, "subq", __builtin_sub_overflow, -)
#undef ARITH_IMM
#undef INT_OP_OR_GOTO
#undef FUSED_LOOP_TEST
  CASE(POW) {
    SAVE_PC();
    R[i.a()] = arith_slow(*this, Op::POW, R[i.b()], R[i.c()]);
    DISPATCH();
  }
  CASE(NEG) {
    Value a = R[i.b()];
    if (is_float(a)) {
      R[i.a()] = make_float(-as_float(a));
    } else if (is_int(a) && as_int(a) != INT64_MIN) {
      R[i.a()] = make_int(-as_int(a));
    } else {
      SAVE_PC();
      R[i.a()] = negate(*this, a);  // overflow and non-numbers
    }
    DISPATCH();
  }
  CASE(NOT) { R[i.a()] = make_bool(!is_truthy(R[i.b()])); DISPATCH(); }

  CASE(EQ) { R[i.a()] = make_bool(values_equal_inline(R[i.b()], R[i.c()])); DISPATCH(); }
  CASE(NE) { R[i.a()] = make_bool(!values_equal_inline(R[i.b()], R[i.c()])); DISPATCH(); }
#define COMPARE(name)                                                 \
  CASE(name) {                                                        \
    SAVE_PC();                                                        \
    R[i.a()] = make_bool(compare(*this, Op::name, R[i.b()], R[i.c()]));     \
    DISPATCH();                                                       \
  }
  COMPARE(LT)
  COMPARE(LE)
  COMPARE(GT)
  COMPARE(GE)
#undef COMPARE

// Compare-and-branch: jump when the comparison is false.
#define BRANCH(name, op, cmp)                                                      \
  CASE(name) {                                                                     \
    Value a = R[i.a()], b = R[i.b()];                                                  \
    bool holds;                                                                    \
    if (is_int(a) && is_int(b)) {                                                  \
      holds = as_int(a) cmp as_int(b);                                             \
    } else {                                                                       \
      SAVE_PC();                                                                   \
      holds = compare(*this, Op::op, a, b);                                        \
    }                                                                              \
    if (!holds) pc += i.sc();                                                      \
    DISPATCH();                                                                    \
  }
#define BRANCH_IMM(name, op, cmp)                                                  \
  CASE(name) {                                                                     \
    Value a = R[i.a()];                                                              \
    bool holds;                                                                    \
    if (is_int(a)) {                                                               \
      holds = as_int(a) cmp static_cast<int64_t>(i.sb());                          \
    } else {                                                                       \
      SAVE_PC();                                                                   \
      holds = compare(*this, Op::op, a, make_int(i.sb()));                         \
    }                                                                              \
    if (!holds) pc += i.sc();                                                      \
    DISPATCH();                                                                    \
  }
  BRANCH(JNLT, LT, <)
  BRANCH(JNLE, LE, <=)
  BRANCH(JNGT, GT, >)
  BRANCH(JNGE, GE, >=)
  BRANCH_IMM(JNLTI, LT, <)
  BRANCH_IMM(JNLEI, LE, <=)
  BRANCH_IMM(JNGTI, GT, >)
  BRANCH_IMM(JNGEI, GE, >=)
#undef BRANCH
#undef BRANCH_IMM
// The test at the bottom of a while loop: jump back while the comparison holds.
#define LOOP_BRANCH(name, op, cmp, rhs, rhs_is_int)                                 \
  CASE(name) {                                                                     \
    const Value &a = R[i.a()], b = rhs;                                            \
    bool holds;                                                                    \
    if (is_int(a) && (rhs_is_int)) {                                               \
      holds = as_int(a) cmp as_int(b);                                             \
    } else {                                                                       \
      SAVE_PC();                                                                   \
      holds = compare(*this, Op::op, a, b);                                        \
    }                                                                              \
    if (holds) {                                                                   \
      pc += i.sc();                                                                \
      BACK_EDGE(pc[-1].a); /* the JMP into the loop names it */                    \
    }                                                                              \
    DISPATCH();                                                                    \
  }
  LOOP_BRANCH(LOOPLT, LT, <, R[i.b()], is_int(b))
  LOOP_BRANCH(LOOPLE, LE, <=, R[i.b()], is_int(b))
  LOOP_BRANCH(LOOPGT, GT, >, R[i.b()], is_int(b))
  LOOP_BRANCH(LOOPGE, GE, >=, R[i.b()], is_int(b))
  LOOP_BRANCH(LOOPLTI, LT, <, make_int(i.sb()), true)
  LOOP_BRANCH(LOOPLEI, LE, <=, make_int(i.sb()), true)
  LOOP_BRANCH(LOOPGTI, GT, >, make_int(i.sb()), true)
  LOOP_BRANCH(LOOPGEI, GE, >=, make_int(i.sb()), true)
#undef LOOP_BRANCH
// The test at the bottom of a while loop on !=: equality never raises.
#define LOOP_UNLESS_EQUAL(name, rhs)                     \
  CASE(name) {                                           \
    if (!values_equal_inline(R[i.a()], rhs)) {           \
      pc += i.sc();                                      \
      BACK_EDGE(pc[-1].a); /* the JMP into the loop names it */ \
    }                                                    \
    DISPATCH();                                          \
  }
  LOOP_UNLESS_EQUAL(LOOPNE, R[i.b()])
  LOOP_UNLESS_EQUAL(LOOPNEI, make_int(i.sb()))
  LOOP_UNLESS_EQUAL(LOOPNEK, K[i.b()])
#undef LOOP_UNLESS_EQUAL
// Branches on == and !=, with a register or a constant on the right.
#define BRANCH_EQUAL(unless_equal, unless_differ, rhs)         \
  CASE(unless_equal) {                                         \
    if (!values_equal_inline(R[i.a()], rhs)) pc += i.sc();     \
    DISPATCH();                                                \
  }                                                            \
  CASE(unless_differ) {                                        \
    if (values_equal_inline(R[i.a()], rhs)) pc += i.sc();      \
    DISPATCH();                                                \
  }
  BRANCH_EQUAL(JNEQ, JNNE, R[i.b()])
  BRANCH_EQUAL(JNEQK, JNNEK, K[i.b()])
#undef BRANCH_EQUAL
  CASE(JNEQI) {
    Value a = R[i.a()];
    if (!(is_int(a) && as_int(a) == i.sb())) pc += i.sc();
    DISPATCH();
  }
  CASE(JNNEI) {
    Value a = R[i.a()];
    if (is_int(a) && as_int(a) == i.sb()) pc += i.sc();
    DISPATCH();
  }

  CASE(JMP) { pc += i.sbx(); DISPATCH(); }
  CASE(JMPIF) {
    if (is_truthy(R[i.a()])) pc += i.sbx();
    DISPATCH();
  }
  CASE(JMPIFNOT) {
    if (!is_truthy(R[i.a()])) pc += i.sbx();
    DISPATCH();
  }
  CASE(LOOP) {
    pc += i.sbx();
    BACK_EDGE(i.a());
    DISPATCH();
  }
  CASE(REPLOOP) {
    Value* counter = &R[i.a()];  // the compiler's own Int, below the count: it cannot overflow
    int64_t n = as_int(counter[0]) + 1;
    bool more;
    if (GENE_LIKELY(is_int(counter[1]))) {
      more = n < as_int(counter[1]);
    } else {
      SAVE_PC();
      more = compare(*this, Op::LT, make_int(n), counter[1]);
    }
    counter[0] = make_int(n);
    if (more) {
      pc += i.sc();
      BACK_EDGE(i.b());
    }
    DISPATCH();
  }
  CASE(JMPIFDEF) {
    if (!is_undef(R[i.a()])) pc += i.sbx();
    DISPATCH();
  }
  CASE(FORPREP) {
    SAVE_PC();
    if (i.c()) for_prep_counted(*this, &R[i.a()]);
    else for_prep(*this, &R[i.a()], i.b());
    DISPATCH();
  }
  CASE(FORLOOP) {  // neither raises nor allocates: no SAVE_PC
    if (for_advance(*this, &R[i.a()], &R[i.b()])) {
      pc += i.sc();
      BACK_EDGE(pc[-1].a);  // the JMP into the loop names it
    }
    DISPATCH();
  }

// Pushes a frame for closure `callee` in place (its arguments already fill the window at
// A+1) when nothing needs binding; else leaves the call to the general path.
#define CALL_IN_PLACE(callee, self_value)                                                                    \
  do {                                                                                             \
    Closure* c = as_closure(callee);                                                               \
    Proto* np = c->proto;                                                                          \
    Value* nb = R + i.a() + 1;                                                                       \
    if (GENE_LIKELY(i.b() >= np->fast_min_args && f + 1 < frames_end_ &&                             \
                    nb + np->num_regs < stack_end_)) {                                             \
      ++np->call_count;                                                                            \
      ++frame_count_;                                                                              \
      ++f; /* the frames are one array and f is its top */                                         \
      f->closure = c;                                                                              \
      f->proto = np;                                                                               \
      f->base = nb;                                                                                \
      f->pc = np->code.data();                                                                     \
      copy_value(f->self, self_value);                                                             \
      f->flags = 0;                                                                                \
      f->env = 0;                                                                                  \
      f->k = np->constants.data();                                                                 \
      R = nb;                                                                                      \
      pc = f->pc;                                                                                  \
      JIT_CHECK();                                                                                 \
      DISPATCH();                                                                                  \
    }                                                                                              \
  } while (0)
// (mod x y), (bit_and x y) and their kin on two Ints: computed here, as an operator is.
#define INT_BUILTIN_IN_PLACE(callee)                                                                              \
  do {                                                                                                            \
    if ((callee).tag == Tag::NativeFn && i.b() == 2 && caches && R[i.a() + 1].tag == Tag::Int &&                  \
        R[i.a() + 2].tag == Tag::Int) {                                                                           \
      int64_t out;                                                                                                \
      if (int_builtin(as_native(callee)->op, R[i.a() + 1].as.i, R[i.a() + 2].as.i, out)) {                        \
        R[i.a()] = make_int(out);                                                                                 \
        DISPATCH();                                                                                               \
      }                                                                                                           \
    }                                                                                                             \
  } while (0)
  CASE(CALLG) {
    Value g;
    GLOBAL_VIA_CACHE(g, i.c(), c.name);
    R[i.a()] = g;
    SAVE_PC();
    if (GENE_LIKELY(g.tag == Tag::Function)) CALL_IN_PLACE(g, make_nil());
    INT_BUILTIN_IN_PLACE(g);
    goto call_general;
  }
  CASE(CALL) {
    SAVE_PC();
    if (GENE_LIKELY(R[i.a()].tag == Tag::Function)) CALL_IN_PLACE(R[i.a()], make_nil());
    INT_BUILTIN_IN_PLACE(R[i.a()]);
  call_general:
    if (R[i.a()].tag == Tag::NativeFn) {
      CALL_NATIVE(R[i.a()], call_native_fn, R[i.a()], R + i.a() + 1, int{i.b()}, make_nil(), f, caches);
      DISPATCH();
    }
    if (R[i.a()].tag == Tag::Function) {
      push_frame_for_closure(as_closure(R[i.a()]), R + i.a() + 1, i.b(), nullptr, make_nil(), 0);
      LOAD_FRAME();
      JIT_CHECK();
    } else {
      R[i.a()] = call_value_slow(R[i.a()], R + i.a() + 1, i.b(), nullptr, make_nil(), f);
    }
    DISPATCH();
  }
#undef INT_BUILTIN_IN_PLACE
// The two Ints of a builtin such as mod in place, while the global of the CALLG that
// follows still holds it (the CALLG then is skipped); else its window gets the operands.
#define BUILTIN2_BODY(second)                                                                  \
  {                                                                                            \
    Value x = R[i.b()], y = second;                                                            \
    if (x.tag == Tag::Int && y.tag == Tag::Int && caches) {                                    \
      DecodedInstr call;                                                                       \
      call.load(pc);                                                                           \
      const GlobalCache& c = f->proto->global_caches[call.c()];                                \
      int64_t out;                                                                             \
      if (c.epoch == g_namespace_epoch && c.ns == f->closure->ns && c.slot && c.slot->tag == Tag::NativeFn && \
          int_builtin(as_native(*c.slot)->op, x.as.i, y.as.i, out)) {                         \
        R[i.a()] = make_int(out);                                                              \
        pc += 1;                                                                               \
        DISPATCH();                                                                            \
      }                                                                                        \
    }                                                                                          \
    R[i.a() + 1] = x;                                                                          \
    R[i.a() + 2] = y;                                                                          \
    DISPATCH();                                                                                \
  }
  CASE(BUILTIN2) BUILTIN2_BODY(R[i.c()])
  CASE(BUILTIN2I) BUILTIN2_BODY(make_int(i.sc()))
#undef BUILTIN2_BODY
  CASE(TAILCALL) {
    Value callee = R[i.a()];
    SAVE_PC();
    int n = i.b() & kArgCountMask;
    Value props = (i.b() & kPropsFlag) ? R[i.a() + 1 + n] : make_nil();
    if (callee.tag == Tag::Function && !(f->flags & (kFrameConstruct | kFrameMacro | kFrameModule))) {
      Closure* c = as_closure(callee);
      Proto* np = c->proto;
      if (n >= np->num_required && !np->is_macro && R + np->num_regs < stack_end_) {
        if (open_upvals_ && open_upvals_->loc >= R) close_upvalues(R);
        // The callee and its arguments move down over this frame's window.
        std::memmove(R - 1, R + i.a(), sizeof(Value) * (static_cast<size_t>(n) + 1));
        ++np->call_count;
        f->closure = c;
        f->proto = np;
        f->pc = np->code.data();
        f->self = make_nil();
        if (!np->simple_params) bind_rooted(np, R, n, props);
        f->k = np->constants.data();
        pc = f->pc;
        JIT_CHECK();
        DISPATCH();
      }
    }
    // A native has no frame to reuse: called as CALL calls it, direct entry included.
    if (callee.tag == Tag::NativeFn && !(i.b() & kPropsFlag)) {
      CALL_NATIVE(R[i.a()], call_native_fn, callee, R + i.a() + 1, n, make_nil(), f, caches);
      DISPATCH();
    }
    // Not a Gene function (or it cannot reuse this frame): an ordinary call; the RET after
    // this instruction returns its value.
    invoke(R + i.a(), n, props, make_nil(), 0);
    LOAD_FRAME();
    JIT_CHECK();
    DISPATCH();
  }
  // .get and .set: an Array element inline; a Map's entry where the site's hint says while
  // Map's get and set are the builtin ones, else through the method.
  CASE(AGET) {
    const Value& a = R[i.b()];
    if (Value* e = array_slot(a, R[i.c()])) {
      NOTE_SEEN(*e);
      copy_value(R[i.a()], *e);
      DISPATCH();
    }
    if (a.tag == Tag::Map && caches && map_access().get) {
      if (PropMap::Entry* e = keyed_entry_hint(a, R[i.c()], f->proto, site_of(f, pc))) {
        NOTE_SEEN(e->second);
        copy_value(R[i.a()], e->second);
        DISPATCH();
      }
      SAVE_PC();
      const Value* v = map_entry_missed(f->proto, site_of(f, pc), as_map(a), R[i.c()]);
      R[i.a()] = v ? *v : make_nil();
      DISPATCH();
    }
    SAVE_PC();
    R[i.a()] = get_via_method(a, R + i.c());
    DISPATCH();
  }
// A store into Map m (.set, $set) where the site's entry hint says; else the full path,
// which leaves the hint for the next time.
#define MAP_SET_VIA_HINT(m, key, value)                                              \
  do {                                                                               \
    if (PropMap::Entry* e = keyed_entry_hint(m, key, f->proto, site_of(f, pc))) {    \
      copy_value(e->second, value);                                                  \
    } else {                                                                         \
      SAVE_PC();                                                                     \
      map_set_missed(f->proto, site_of(f, pc), as_map(m), key, value);               \
    }                                                                                \
  } while (0)
  CASE(ASET) {
    const Value& a = R[i.b()];
    if (Value* e = array_slot(a, R[i.c()])) {
      copy_value(*e, R[i.c() + 1]);
      R[i.a()] = a;
    } else if (a.tag == Tag::Map && caches && map_access().set) {
      MAP_SET_VIA_HINT(a, R[i.c()], R[i.c() + 1]);
      R[i.a()] = a;
    } else {
      SAVE_PC();
      R[i.a()] = set_via_method(a, R + i.c());
    }
    DISPATCH();
  }
  CASE(ASETV) {
    const Value& a = R[i.a()];
    if (Value* e = array_slot(a, R[i.b()])) {
      copy_value(*e, R[i.c()]);
    } else if (a.tag == Tag::Map && caches && map_access().set) {
      MAP_SET_VIA_HINT(a, R[i.b()], R[i.c()]);
    } else {
      SAVE_PC();
      set_via_method(a, R[i.b()], R[i.c()]);
    }
    DISPATCH();
  }
  CASE(AGETI) {
    const Value& a = R[i.b()];
    Value key = make_int(i.c());
    if (Value* e = array_slot(a, key)) {
      NOTE_SEEN(*e);
      copy_value(R[i.a()], *e);
    } else {
      SAVE_PC();
      R[i.a()] = get_via_method(a, &key);
    }
    DISPATCH();
  }
  CASE(ASETVI) {
    const Value& a = R[i.a()];
    Value key = make_int(i.b());
    if (Value* e = array_slot(a, key)) {
      copy_value(*e, R[i.c()]);
    } else {
      SAVE_PC();
      set_via_method(a, key, R[i.c()]);
    }
    DISPATCH();
  }
  CASE(CALLSELF) {
    Value callee = R[i.a()];
    SAVE_PC();
    if (callee.tag == Tag::Function) {
      push_frame_for_closure(as_closure(callee), R + i.a() + 1, i.b(), nullptr, f->self, 0);
      LOAD_FRAME();
      JIT_CHECK();
    } else {
      R[i.a()] = call_value_slow(callee, R + i.a() + 1, i.b(), nullptr, f->self, f);
    }
    DISPATCH();
  }
  CASE(TAILCALLM) {
    Value receiver = R[i.a()];
    SAVE_PC();
    Value* m = cached_method(f->proto, i.c(), receiver);
    if (m->tag == Tag::Function && !(f->flags & (kFrameConstruct | kFrameMacro | kFrameModule))) {
      Closure* c = as_closure(*m);
      Proto* np = c->proto;
      if (i.b() >= np->fast_min_args && R + np->num_regs < stack_end_) {
        if (open_upvals_ && open_upvals_->loc >= R) close_upvalues(R);
        std::memmove(R - 1, R + i.a(), sizeof(Value) * (static_cast<size_t>(i.b()) + 1));
        ++np->call_count;
        f->closure = c;
        f->proto = np;
        f->pc = np->code.data();
        f->self = receiver;
        f->k = np->constants.data();
        pc = f->pc;
        JIT_CHECK();
        DISPATCH();
      }
    }
    if (m->tag == Tag::Function) {
      push_frame_for_closure(as_closure(*m), R + i.a() + 1, i.b(), nullptr, receiver, 0);
      LOAD_FRAME();
      JIT_CHECK();
    } else {
      R[i.a()] = call_value_slow(*m, R + i.a() + 1, i.b(), nullptr, receiver, f);
    }
    DISPATCH();
  }
  CASE(CALLKW) {
    // Props sit in R[A+1]; shift the positionals down so they start right after the callee.
    Value props = R[i.a() + 1];
    for (int k = 0; k < i.b(); ++k) R[i.a() + 1 + k] = R[i.a() + 2 + k];
    R[i.a() + 1 + i.b()] = props;
    SAVE_PC();
    invoke(R + i.a(), i.b(), props, make_nil(), 0);
    LOAD_FRAME();
    JIT_CHECK();
    DISPATCH();
  }
  CASE(CALLA) {
    SAVE_PC();
    spread_call(R + i.a(), static_cast<SpreadCall>(i.b()), i.b() == static_cast<uint16_t>(SpreadCall::Method) ? as_symbol(K[i.c()]) : nullptr);
    LOAD_FRAME();
    JIT_CHECK();
    DISPATCH();
  }
  CASE(CALLM) {
    Value receiver = read_words(R[i.a()]);
    SAVE_PC();
    int n = i.b() & kArgCountMask;
    Value* m = caches ? method_cache_hit(f->proto, i.c(), receiver) : nullptr;
    if constexpr (kProfiled) {
      if (m) profiler->method_lookup(true);
    }
    if (GENE_UNLIKELY(!m)) m = cached_method(f->proto, i.c(), receiver);
    // Self is copied from the register word by word: it was just stored so (copy_value).
    if (GENE_LIKELY(m->tag == Tag::Function && !(i.b() & kPropsFlag))) CALL_IN_PLACE(*m, R[i.a()]);
    if (i.b() & kPropsFlag) {
      R[i.a()] = *m;  // the method takes the receiver's slot; self keeps the receiver
      invoke(R + i.a(), n, R[i.a() + 1 + n], receiver, 0);
      LOAD_FRAME();
      JIT_CHECK();
    } else if (m->tag == Tag::Function) {
      push_frame_for_closure(as_closure(*m), R + i.a() + 1, n, nullptr, receiver, 0);
      LOAD_FRAME();
      JIT_CHECK();
    } else if (m->tag == Tag::NativeFn) {
      CALL_NATIVE(R[i.a()], call_native_method, *m, R + i.a() + 1, n, receiver, f);
    } else {
      R[i.a()] = call_value_slow(*m, R + i.a() + 1, n, nullptr, receiver, f);
    }
    DISPATCH();
  }
  // The value goes straight to the callee slot of the caller's window, R[-1].
  CASE(RET) {
    copy_value(R[-1], R[i.a()]);
    goto do_return;
  }
  CASE(RETNIL) {
    R[-1] = make_nil();
    goto do_return;
  }
do_return : {
  uint32_t flags = f->flags;
  if (GENE_UNLIKELY(flags != 0) && settle_return(f)) {
    --frame_count_;
    return R[-1];
  }
  --frame_count_;
  --f;
  R = f->base;
  pc = f->pc;
  JIT_CHECK();
  DISPATCH();
}
  CASE(CLOSURE) {
    SAVE_PC();
    make_closure(f, i.bx(), R[i.a()]);
    DISPATCH();
  }
  CASE(CLOSE) {
    if (open_upvals_ && open_upvals_->loc >= R + i.a()) close_upvalues(R + i.a());
    DISPATCH();
  }

  CASE(NEWARRAY) {
    SAVE_PC();
    R[i.a()] = new_array_of(R + i.b(), i.c());
    DISPATCH();
  }
  CASE(APPEND) {
    Value t = R[i.a()];
    if (t.tag == Tag::Array) as_array(t)->items.push_back(R[i.b()]);
    else as_gene(t)->children.push_back(R[i.b()]);
    DISPATCH();
  }
  CASE(SPREAD) {
    Value src = R[i.b()];
    if (src.tag != Tag::Array) {
      SAVE_PC();
      raise("... can only spread arrays");
    }
    Value t = R[i.a()];
    auto& from = as_array(src)->items;
    auto& to = t.tag == Tag::Array ? as_array(t)->items : as_gene(t)->children;
    size_t n = from.size();  // the source may be the destination: append by index
    to.reserve(to.size() + n);
    for (size_t k = 0; k < n; ++k) to.push_back(from[k]);
    DISPATCH();
  }
  CASE(NEWMAP) {
    SAVE_PC();
    R[i.a()] = new_map_with_room(i.b());
    DISPATCH();
  }
  CASE(NEWGENE) {
    SAVE_PC();
    Gene* g = heap.make<Gene>();
    g->type = R[i.b()];
    R[i.a()] = value_of(g);
    DISPATCH();
  }
  CASE(SETPROP) {
    set_prop(R[i.a()], as_symbol(K[i.b()]), R[i.c()]);
    DISPATCH();
  }
  CASE(GETMEMBER) {
    const Value* o = &R[i.b()];
    if (PropMap* pm = prop_map_of(*o)) {
      PropMap::Entry* e = caches ? prop_entry_hint(*pm, f->proto, site_of(f, pc)) : nullptr;
      if (GENE_LIKELY(e != nullptr)) {
        NOTE_SEEN(e->second);
        copy_value(R[i.a()], e->second);
        DISPATCH();
      }
    }
    SAVE_PC();
    R[i.a()] = get_member_missed(f->proto, site_of(f, pc), i.c(), *o);
    DISPATCH();
  }
  CASE(SETMEMBER) {
    const Value* o = &R[i.a()];
    if (PropMap* pm = caches ? prop_map_of(*o) : nullptr) {
      PropMap::Entry* e = prop_entry_hint(*pm, f->proto, site_of(f, pc));
      if (GENE_LIKELY(e != nullptr)) {
        copy_value(e->second, R[i.c()]);
        DISPATCH();
      }
      if (o->tag == Tag::Instance && add_at_hint(*pm, f->proto, site_of(f, pc), i.b(), R[i.c()])) DISPATCH();
    }
    SAVE_PC();
    set_member_missed(f->proto, site_of(f, pc), i.b(), *o, R[i.c()]);
    DISPATCH();
  }
  CASE(GETINDEX) {
    const Value& o = R[i.b()];
    if (o.tag == Tag::Array && i.sc() >= 0 && static_cast<size_t>(i.sc()) < as_array(o)->items.size()) {
      NOTE_SEEN(as_array(o)->items[static_cast<size_t>(i.sc())]);
      copy_value(R[i.a()], as_array(o)->items[static_cast<size_t>(i.sc())]);
    } else if (o.tag == Tag::Gene && i.sc() >= 0 && static_cast<size_t>(i.sc()) < as_gene(o)->children.size()) {
      NOTE_PATH(kSeenAnything);  // a child of quoted code (ins/0)
      copy_value(R[i.a()], as_gene(o)->children[static_cast<size_t>(i.sc())]);
    } else {
      NOTE_PATH(kSeenAnything);
      SAVE_PC();
      R[i.a()] = get_index(*this, o, i.sc());
    }
    DISPATCH();
  }
  CASE(SETINDEX) {
    const Value& o = R[i.a()];
    if (o.tag == Tag::Array && i.sb() >= 0 && static_cast<size_t>(i.sb()) < as_array(o)->items.size()) {
      copy_value(as_array(o)->items[static_cast<size_t>(i.sb())], R[i.c()]);
    } else {
      SAVE_PC();
      set_index(*this, o, i.sb(), R[i.c()]);
    }
    DISPATCH();
  }
// `(x ./ k)`: an Array with an Int key inline, a Map's entry where the site's hint says;
// GETKEY reads a missing key as nil, GETKEYU leaves it undef (for `./` with a default).
#define GET_KEY(name, missing_as_nil)                                                          \
  CASE(name) {                                                                                 \
    if (Value* e = caches ? array_slot(R[i.b()], R[i.c()]) : nullptr) {                        \
      NOTE_PATH(kSeenArrayPath);                                                               \
      copy_value(R[i.a()], *e);                                                                \
      DISPATCH();                                                                              \
    }                                                                                          \
    NOTE_PATH(kSeenGenericPath);                                                               \
    if (R[i.b()].tag == Tag::Map && caches && R[i.c()].tag != Tag::Range) {                    \
      if (PropMap::Entry* e = keyed_entry_hint(R[i.b()], R[i.c()], f->proto, site_of(f, pc))) { \
        copy_value(R[i.a()], e->second);                                                       \
        DISPATCH();                                                                            \
      }                                                                                        \
      SAVE_PC();                                                                               \
      const Value* v = map_entry_missed(f->proto, site_of(f, pc), as_map(R[i.b()]), R[i.c()]); \
      R[i.a()] = v ? *v : (missing_as_nil) ? make_nil() : make_undef();                        \
      DISPATCH();                                                                              \
    }                                                                                          \
    SAVE_PC();                                                                                 \
    Value v = get_key(*this, R[i.b()], R[i.c()]);                                              \
    R[i.a()] = (missing_as_nil) && is_undef(v) ? make_nil() : v;                               \
    DISPATCH();                                                                                \
  }
  GET_KEY(GETKEY, true)
  GET_KEY(GETKEYU, false)
#undef GET_KEY
  CASE(RANGE) {
    SAVE_PC();
    R[i.a()] = make_range(*this, R[i.b()], R[i.c()]);
    DISPATCH();
  }
  CASE(EXPLODE) {
    SAVE_PC();
    R[i.a()] = value_of(heap.make<Explode>(R[i.b()]));
    DISPATCH();
  }
  CASE(DEFNS) {
    f->closure->ns->define(as_symbol(K[i.b()]), R[i.a()]);
    DISPATCH();
  }
  CASE(NEWNS) {
    SAVE_PC();
    R[i.a()] = value_of(heap.make<Namespace>(as_symbol(K[i.b()]), f->closure->ns));
    DISPATCH();
  }
  CASE(NEWCLASS) {
    SAVE_PC();
    R[i.a()] = value_of(new_class(as_symbol(K[i.b()]), R[i.a()], f->closure->ns));
    DISPATCH();
  }
  CASE(DEFMETHOD) {
    SAVE_PC();
    Value c = R[i.a()];
    if (c.tag != Tag::Class) raise(fmt::format("{} can only be defined in a class body", as_symbol(K[i.b()])->name));
    Value m = R[i.c()];
    if (m.tag == Tag::Function) {
      Proto* p = as_closure(m)->proto;
      p->owner = c.as.o;
      p->link_blocks(p);
    }
    if (m.tag == Tag::Function && as_closure(m)->proto->is_macro) macro_methods_.insert(as_symbol(K[i.b()]));
    as_class(c)->set_method(as_symbol(K[i.b()]), m);
    DISPATCH();
  }
  CASE(CALLIN) {
    SAVE_PC();
    call_body(R[i.a()], &R[i.b()], i.c() != 0);
    DISPATCH();
  }
  CASE(NEW) {
    SAVE_PC();
    construct(R + i.a(), i.b() & kArgCountMask, (i.b() & kPropsFlag) ? R[i.a() + 1 + (i.b() & kArgCountMask)] : make_nil());
    LOAD_FRAME();
    JIT_CHECK();
    DISPATCH();
  }
  CASE(SUPER) {
    SAVE_PC();
    call_super(R + i.a(), i.b() & kArgCountMask, (i.b() & kPropsFlag) ? R[i.a() + 1 + (i.b() & kArgCountMask)] : make_nil(), f);
    LOAD_FRAME();
    JIT_CHECK();
    DISPATCH();
  }
  CASE(ISA) {
    Value v = R[i.b()], c = R[i.c()];
    if (c.tag != Tag::Class) {
      SAVE_PC();
      raise(fmt::format("catch expects a class, got {}", repr_in_message(c)));
    }
    Class* vc = class_of(v);
    R[i.a()] = make_bool(vc && vc->is_subclass_of(as_class(c)));
    DISPATCH();
  }
  CASE(TRY) {
    f->flags |= kFrameHandlers;
    handlers_.push_back(Handler{frame_count_ - 1, pc + i.sbx(), i.a()});
    DISPATCH();
  }
  CASE(ENDTRY) {
    handlers_.pop_back();
    DISPATCH();
  }
  CASE(IMPORT) {
    SAVE_PC();
    Value spec = K[i.bx()];
    if (spec.tag == Tag::String) {
      R[i.a()] = value_of(import_module(std::string(as_string(spec)->view()), f->proto->pos.file, {f->closure->ns, nullptr, {}}));
    } else {
      R[i.a()] = value_of(import_module_with(*this, spec, R[i.a()], f->closure->ns, f->proto->pos.file));
    }
    DISPATCH();
  }
  CASE(IMPORTGET) {
    Value from = R[i.b()];
    Symbol* name = as_symbol(K[i.c()]);
    const Value* v = from.tag == Tag::Namespace ? as_namespace(from)->members.find(name) : nullptr;
    if (!v) {
      SAVE_PC();
      raise(fmt::format("Symbol '{}' not found in namespace", name->name));
    }
    R[i.a()] = *v;
    DISPATCH();
  }
  CASE(CALLMACRO) {
    Value callee = R[i.a()];
    SAVE_PC();
    (void)callee;
    int n = i.b() & kArgCountMask;
    invoke(R + i.a(), n, (i.b() & kPropsFlag) ? R[i.a() + 1 + n] : make_nil(), make_nil(), kFrameMacro);
    LOAD_FRAME();
    JIT_CHECK();
    DISPATCH();
  }
  CASE(CALLMACROM) {
    Value receiver = R[i.a()];
    SAVE_PC();
    Value m = *cached_method(f->proto, i.c(), receiver);
    if (m.tag == Tag::Function && as_closure(m)->proto->is_macro) {
      int n = i.b() & kArgCountMask;
      R[i.a()] = m;  // the method takes the receiver's slot; self keeps the receiver
      invoke(R + i.a(), n, (i.b() & kPropsFlag) ? R[i.a() + 1 + n] : make_nil(), receiver, kFrameMacro);
      LOAD_FRAME();
      JIT_CHECK();
    } else {
      ++pc;  // an ordinary method: its arguments are evaluated next, then CALLM
    }
    DISPATCH();
  }
  CASE(EVAL) {
    SAVE_PC();
    R[i.a()] = eval_in_frame(R[i.a()], frame_count_ - 1);
    DISPATCH();
  }
  CASE(CALLEREVAL) {
    SAVE_PC();
    R[i.a()] = eval_in_frame(R[i.a()], macro_caller_frame(frame_count_ - 1));
    DISPATCH();
  }
  CASE(RENDER) {
    SAVE_PC();
    R[i.a()] = render(R[i.a()], frame_count_ - 1, 0);
    DISPATCH();
  }
  CASE(CONCAT) {
    SAVE_PC();
    R[i.a()] = concat(R + i.b(), i.c());
    DISPATCH();
  }
  CASE(REST) {
    SAVE_PC();
    Value src = R[i.b()];
    Array* out = heap.make<Array>();
    if (src.tag == Tag::Array || src.tag == Tag::Gene) {
      auto& items = src.tag == Tag::Array ? as_array(src)->items : as_gene(src)->children;
      if (i.c() < items.size()) out->items.assign(items.begin() + i.c(), items.end());
    }
    R[i.a()] = value_of(out);
    DISPATCH();
  }
  CASE(MATCH) {
    SAVE_PC();
    R[i.a()] = match_pattern(*this, as_array(K[i.c()]), R[i.b()]);
    DISPATCH();
  }
  CASE(CASEMATCH) {
    SAVE_PC();
    R[i.a()] = make_bool(case_matches(R[i.b()], R[i.c()]));
    DISPATCH();
  }
  CASE(NEWENUM) {
    SAVE_PC();
    R[i.a()] = value_of(new_enum(as_symbol(K[i.b()]), as_array(K[i.c()])));
    DISPATCH();
  }
  CASE(NEWSELECTOR) {
    SAVE_PC();
    Selector* sel = heap.make<Selector>();
    for (uint16_t k = 0; k < i.c(); ++k) sel->add(R[i.b() + k]);
    R[i.a()] = value_of(sel);
    DISPATCH();
  }
  CASE(SELSTEP) {
    as_selector(R[i.a()])->add(R[i.b()], i.c() != 0);
    DISPATCH();
  }
  CASE(SETKEY) {
    if (Value* e = caches ? array_slot(R[i.a()], R[i.b()]) : nullptr) {
      NOTE_PATH(kSeenArrayPath);
      copy_value(*e, R[i.c()]);
      DISPATCH();
    }
    NOTE_PATH(kSeenGenericPath);
    if (R[i.a()].tag == Tag::Map && caches) {
      MAP_SET_VIA_HINT(R[i.a()], R[i.b()], R[i.c()]);
      DISPATCH();
    }
    SAVE_PC();
    set_key(*this, R[i.a()], R[i.b()], R[i.c()]);
    DISPATCH();
  }
  CASE(ERROR) {
    SAVE_PC();
    raise(std::string(as_string(K[i.bx()])->view()));
  }
  CASE(THROW) {
    SAVE_PC();
    Value v = R[i.a()];
    if (v.tag == Tag::Class) v = R[i.a()] = new_object(as_class(v), nullptr, 0);  // (throw Cls)
    if (i.b() && v.tag == Tag::Instance) as_instance(v)->props.set(intern("message"), R[i.a() + 1]);
    // Caught in this frame: straight to the handler, as unwind_to_handler would go, without
    // a C++ exception (a stack trace only shows when nothing catches).
    if (!handlers_.empty() && handlers_.back().frame == frame_count_ - 1) {
      Handler h = handlers_.back();
      handlers_.pop_back();
      R[h.reg] = v;
      pc = h.pc;
      DISPATCH();
    }
    // Caught in a caller this loop runs: the frames above go as unwind_to_handler drops
    // them. A C++ exception thrown out of this function costs microseconds, most of it in
    // reading the unwind tables of its many call sites.
    if (!kStep && !handlers_.empty() && handlers_.back().frame >= entry_frame) {
      caught_ = v;
      goto caught_in_frame;
    }
    // A step of compiled code: the value waits in the tier while the code returns kThrow
    // (Tier::thrown), so that a handler further out takes it without a C++ exception.
    if constexpr (kStep) {
      jit_->thrown = v;
      f->pc = pc;
      return Value{};
    }
    raise_value(v);
  }
  // Rarer loop handlers, after the hot ones so that their code stays where it was.
  CASE(FORPAIR) {  // an Array's index and element in line; the rest through for_pair
    Value* slot = &R[i.a()];
    bool more;
    if (slot[0].tag == Tag::Array) {
      auto& items = as_array(slot[0])->items;
      int64_t k = slot[1].as.i;
      more = static_cast<uint64_t>(k) < items.size();
      if (more) {
        copy_value(R[i.b() + 1], items[static_cast<size_t>(k)]);
        R[i.b()] = make_int(k);
        slot[1].as.i = k + 1;
      }
    } else {
      SAVE_PC();  // a map's key is a new string
      more = for_pair(*this, slot, &R[i.b()]);
    }
    if (more) {
      pc += i.sc();
      BACK_EDGE(pc[-1].a);  // the JMP into the loop names it
    }
    DISPATCH();
  }
  CASE(FORDONE) {
    if (R[i.a()].tag == Tag::Map) for_done(&R[i.a()]);
    DISPATCH();
  }

#if !GENE_COMPUTED_GOTO
    case Op::COUNT_: break;
  }
#endif
  raise("internal error: bad opcode");

  // A native's error under a try of these frames (CALL_NATIVE): as unwind_to_handler does.
caught_in_frame:
  enter_handler(caught_);
  LOAD_FRAME();
  DISPATCH();

  // ---- the JIT tier: tier-up, OSR and native code's way back ----
jit_hot_loop:
  __attribute__((unused));
  SAVE_PC();
  if (jit_ready(f->proto, true)) {
    jit_->count_osr_entry();
    goto enter_native;
  }
  DISPATCH();
jit_hot:
  __attribute__((unused));
  SAVE_PC();
  if (jit_ready(f->proto, false)) goto enter_native;
  DISPATCH();
enter_native:
  __attribute__((unused));
  if constexpr (!kStep) {
    // The outermost entry sets how deep native calls may nest on the C stack.
    if (jit_native_depth_++ == 0)
      jit_stack_limit_ = reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) - jit::kNativeStackBytes;
    uint32_t status = call_native(f->proto->jit_entry, this, f);
    --jit_native_depth_;
    if (status == jit::kExit) return frames_[frame_count_].base[-1];
    if (status == jit::kThrow) {
      // A Gene error under a try of these frames goes to its handler without unwinding
      // the dispatch loop (as CALL_NATIVE).
      if (handlers_.empty() || handlers_.back().frame < entry_frame || !take_jit_error(caught_)) rethrow_jit_error();
      goto caught_in_frame;
    }
    LOAD_FRAME();
    if (status == jit::kReturned || status == jit::kContinue) JIT_CHECK();
    DISPATCH();
  }
  return Value{};
#undef LOAD_FRAME
#undef MAP_SET_VIA_HINT
#undef BACK_EDGE
#undef SAVE_PC
#undef JIT_CHECK
#undef NOTE_SEEN
#undef NOTE_PATH
#undef K
#undef NEXT
#undef STEP_DONE
#undef CALL_NATIVE
#undef DISPATCH
#undef CASE
}

template Value VM::run_frames<false, true>(size_t);
template Value VM::run_frames<false, true, false, false>(size_t);
template Value VM::run_frames<false, false>(size_t);
template Value VM::run_frames<true, true>(size_t);

bool VM::settle_return(Frame* f) {
  uint32_t flags = f->flags;
  Value* R = f->base;
  if (flags & kFrameHandlers)
    while (!handlers_.empty() && handlers_.back().frame + 1 >= frame_count_) handlers_.pop_back();
  if (flags & kFrameConstruct) R[-1] = f->self;
  if ((flags & kFrameCaptured) && !(flags & kFrameModule) && open_upvals_ && open_upvals_->loc >= R)
    close_upvalues(R);
  return flags & kFrameToNative;
}

bool VM::jit_ready(Proto* p, bool loop) {
  if (!jit_) {
    p->jit_trigger = UINT64_MAX;  // a proto made while another VM ran with --jit
    return false;
  }
  if (!p->jit_entry) jit_->compile(p, loop);
  return p->jit_entry != nullptr;
}

int64_t VM::jit_step(Frame* f, uint32_t index) {
  const Instr* code = f->proto->code.data();
  f->pc = code + index;
  size_t depth = frame_count_;
  Closure* closure = f->closure;
  try {
    if (compile_options.optimize) run_frames<false, true, true>(0);
    else run_frames<false, false, true>(0);
  } catch (...) {
    jit_->pending = std::current_exception();
    return -static_cast<int64_t>(jit::kThrow);
  }
  if (jit_->thrown) return -static_cast<int64_t>(jit::kThrow);
  if (frame_count_ != depth || f->closure != closure) return -static_cast<int64_t>(jit::kContinue);
  return f->pc - code;
}

void VM::rethrow_jit_error() {
  if (jit_->thrown) raise_value(*std::exchange(jit_->thrown, std::nullopt));
  std::rethrow_exception(std::exchange(jit_->pending, nullptr));
}

bool VM::take_jit_error(Value& value) {
  if (jit_->thrown) {
    value = *std::exchange(jit_->thrown, std::nullopt);
    return true;
  }
  try {
    rethrow_jit_error();
  } catch (const GeneError& e) {
    value = e.value;
    return true;
  } catch (...) {
    jit_->pending = std::current_exception();  // not a Gene error: it goes on as it was
  }
  return false;
}

void VM::report_profile(FILE* out) {
  if (profiler) profiler->report(out, heap.objects_allocated_total(), heap.collections());
}

}  // namespace gene
