// Slow paths of the interpreter's instructions: everything that is not an Int fast path.
// Kept out of the dispatch loop so the loop stays small.
#pragma once
#include "bytecode/opcodes.hpp"
#include "interp/vm.hpp"

namespace gene {

// ADD SUB MUL DIV POW on any operands: Int overflow and type errors raise Gene errors.
Value arith_slow(VM& vm, Op op, Value a, Value b);
Value negate(VM& vm, Value a);
// LT LE GT GE on numbers (exact Int/Float ordering); other operands raise an error.
bool compare_slow(VM& vm, Op op, Value a, Value b);

Value get_member(VM& vm, Value obj, Symbol* key);
void set_member(VM& vm, Value obj, Symbol* key, Value v);
// The props of a map or an instance: the receivers whose member reads use entry hints.
inline PropMap* prop_map_of(Value o) {
  if (o.tag == Tag::Instance) return &as_instance(o)->props;
  if (o.tag == Tag::Map) return &as_map(o)->map;
  return nullptr;
}
Value get_index(VM& vm, Value obj, int64_t index);
void set_index(VM& vm, Value obj, int64_t index, Value v);
// Selector look-up `(obj ./ key)`; returns undef when absent. A range key slices.
Value get_key(VM& vm, Value obj, Value key);
// A selector or map-method key (String, Symbol or Int) as a map key.
PropKey key_of(VM& vm, Value key);
void set_key(VM& vm, Value obj, Value key, Value v);
// Applies a selector's steps in turn (selectors.cpp); undef as soon as one finds nothing.
Value apply_selector(VM& vm, Selector* sel, Value target);
// The inclusive slice r of an array or a gene's children, clipped to it; undef for others.
Value slice(VM& vm, Value target, const Range& r);

// The values an array pattern binds in v, in order (match.cpp); an error if v does not fit.
Value match_pattern(VM& vm, Array* pattern, Value v);

// ($emit v) in the code of a template's unquote (eval.cpp, §25.4); an error elsewhere.
void emit_to_template(VM& vm, Value v);

// IMPORT with props (modules.cpp): spec is {^path p ^pkg name ^inherit true}; with ^inherit,
// inherit holds the namespace.
Namespace* import_module_with(VM& vm, Value spec, Value inherit, Namespace* importer, uint32_t importer_file);

// Iteration for FORPREP/FORLOOP: state is an Int position in slot[1]. Mode is FORPREP's
// B: 0 the elements, 1 [index element] or [key value] pairs, 2 both as FORPAIR gives them.
void for_prep(VM& vm, Value* slot, int mode);
// (for x in (a .. b) …) with a and b in slot[0..1]: the Ints from a, slot[1] of them.
void for_prep_counted(VM& vm, Value* slot);
bool for_next(VM& vm, Value* slot, Value* out);
// FORPAIR: the next index or key into out[0] and element or value into out[1], no pair made.
bool for_pair(VM& vm, Value* slot, Value* out);
// FORDONE: the loop over slot[0] is over (it may have been left by break).
void for_done(Value* slot);
// The next Int of a counted range (for_prep_counted): slot[0] is it, slot[1] how many are left.
inline bool counted_next(Value* slot, Value* out) {
  int64_t left = slot[1].as.i;
  if (left <= 0) return false;
  *out = make_int(slot[0].as.i);
  slot[0].as.i = static_cast<int64_t>(static_cast<uint64_t>(slot[0].as.i) + 1);  // wraps only past the last
  slot[1].as.i = left - 1;
  return true;
}
// RANGE: a .. b of two Ints.
Value make_range(VM& vm, Value a, Value b);

}  // namespace gene
