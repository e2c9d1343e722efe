// `==` (§4.2, §20a decisions 3-4) and exact Int/Float ordering.
//
// Deep comparison walks both values with an explicit stack of container pairs, so deep
// data never grows the C++ stack, and data of any depth compares by content. A pair
// already being compared further up is assumed equal (which ends cyclic comparisons).
#include <cmath>
#include <cstddef>
#include <functional>
#include <unordered_set>
#include <vector>

#include "runtime/equality.hpp"
#include "runtime/object.hpp"

namespace gene {

namespace {

constexpr size_t kScanDepth = 32;

enum class Shallow { Equal, NotEqual, Descend };

// Compares everything that needs no recursion; Descend means two distinct containers of
// the same kind and shape whose elements must be compared.
Shallow shallow(Value a, Value b) {
  if (a.tag != b.tag) return Shallow::NotEqual;  // includes Int vs Float (§4.2)
  auto eq = [](bool x) { return x ? Shallow::Equal : Shallow::NotEqual; };
  switch (a.tag) {
    case Tag::Nil:
    case Tag::Void:
    case Tag::Undef:
    case Tag::Placeholder: return Shallow::Equal;
    case Tag::Bool: return eq(a.as.b == b.as.b);
    case Tag::Int: return eq(a.as.i == b.as.i);
    case Tag::Float: return eq(a.as.f == b.as.f);
    case Tag::Char: return eq(a.as.c == b.as.c);
    default: break;
  }
  if (a.as.o == b.as.o) return Shallow::Equal;
  if (a.tag >= kFirstIdentityTag) return Shallow::NotEqual;  // compiled code relies on it too
  switch (a.tag) {
    case Tag::String: return eq(strings_equal(as_string(a), as_string(b)));
    case Tag::Symbol: return Shallow::NotEqual;  // interned: identity already checked
    case Tag::ComplexSymbol: return eq(as_complex(a)->parts == as_complex(b)->parts);
    case Tag::Range: {
      const Range* x = as_range(a);
      const Range* y = as_range(b);
      return eq(x->start == y->start && x->end == y->end && x->step == y->step);
    }
    case Tag::Array:
      return as_array(a)->items.size() == as_array(b)->items.size() ? Shallow::Descend
                                                                     : Shallow::NotEqual;
    case Tag::Map:
      return as_map(a)->map.size() == as_map(b)->map.size() ? Shallow::Descend
                                                             : Shallow::NotEqual;
    case Tag::Gene: {
      const Gene* x = as_gene(a);
      const Gene* y = as_gene(b);
      return x->props.size() == y->props.size() && x->children.size() == y->children.size()
                 ? Shallow::Descend
                 : Shallow::NotEqual;
    }
    case Tag::Date:
    case Tag::DateTime: return eq(as_datetime(a)->micros == as_datetime(b)->micros);
    case Tag::Regex:
      return eq(as_regex(a)->pattern == as_regex(b)->pattern && as_regex(a)->flags == as_regex(b)->flags);
    case Tag::Quote:
    case Tag::Unquote:
      return as_quote(a)->discard == as_quote(b)->discard ? Shallow::Descend
                                                          : Shallow::NotEqual;
    default: return Shallow::NotEqual;  // identity kinds, identity already checked
  }
}

struct PairHash {
  size_t operator()(const std::pair<const Obj*, const Obj*>& p) const {
    size_t h = std::hash<const void*>()(p.first);
    return h ^ (std::hash<const void*>()(p.second) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
  }
};

class Comparer {
 public:
  bool run(Value a, Value b) {
    Shallow s = shallow(a, b);
    if (s != Shallow::Descend) return s == Shallow::Equal;
    open(a.as.o, b.as.o);
    while (!stack_.empty()) {
      Frame& f = stack_.back();
      Value x, y;
      switch (next(f, x, y)) {
        case Step::Done: close(); continue;
        case Step::Mismatch: return false;
        case Step::Pair: break;
      }
      s = shallow(x, y);
      if (s == Shallow::NotEqual) return false;
      if (s == Shallow::Equal) continue;
      if (active(x.as.o, y.as.o)) continue;         // cycle: assume equal
      open(x.as.o, y.as.o);
    }
    return true;
  }

 private:
  struct Frame {
    Obj* a;
    Obj* b;
    size_t i;
  };
  enum class Step { Pair, Done, Mismatch };

  // Produces the next pair of elements to compare in the container pair `f`.
  static Step next(Frame& f, Value& x, Value& y) {
    const size_t k = f.i++;
    switch (f.a->tag) {
      case Tag::Array: {
        const auto& xs = static_cast<Array*>(f.a)->items;
        const auto& ys = static_cast<Array*>(f.b)->items;
        if (k >= xs.size() || k >= ys.size()) return Step::Done;
        x = xs[k];
        y = ys[k];
        return Step::Pair;
      }
      case Tag::Map: {
        const PropMap& xm = static_cast<Map*>(f.a)->map;
        const PropMap& ym = static_cast<Map*>(f.b)->map;
        if (k >= xm.size()) return Step::Done;
        const auto& e = xm.entries()[k];
        const Value* other = ym.find(e.first);
        if (!other) return Step::Mismatch;
        x = e.second;
        y = *other;
        return Step::Pair;
      }
      case Tag::Gene: {
        const Gene* ga = static_cast<Gene*>(f.a);
        const Gene* gb = static_cast<Gene*>(f.b);
        const size_t np = ga->props.size();
        if (k == 0) {
          x = ga->type;
          y = gb->type;
          return Step::Pair;
        }
        if (k <= np) {
          const auto& e = ga->props.entries()[k - 1];
          const Value* other = gb->props.find(e.first);
          if (!other) return Step::Mismatch;
          x = e.second;
          y = *other;
          return Step::Pair;
        }
        const size_t c = k - 1 - np;
        if (c >= ga->children.size() || c >= gb->children.size()) return Step::Done;
        x = ga->children[c];
        y = gb->children[c];
        return Step::Pair;
      }
      case Tag::Quote:
      case Tag::Unquote:
        if (k > 0) return Step::Done;
        x = static_cast<Quote*>(f.a)->value;
        y = static_cast<Quote*>(f.b)->value;
        return Step::Pair;
      default: return Step::Done;
    }
  }

  bool active(const Obj* a, const Obj* b) const {
    size_t n = stack_.size() < kScanDepth ? stack_.size() : kScanDepth;
    for (size_t k = 0; k < n; ++k)
      if (stack_[k].a == a && stack_[k].b == b) return true;
    return stack_.size() > kScanDepth && deep_.count({a, b}) != 0;
  }

  void open(Obj* a, Obj* b) {
    if (stack_.size() >= kScanDepth) deep_.insert({a, b});
    stack_.push_back(Frame{a, b, 0});
  }

  void close() {
    if (stack_.size() > kScanDepth) deep_.erase({stack_.back().a, stack_.back().b});
    stack_.pop_back();
  }

  std::vector<Frame> stack_;
  std::unordered_set<std::pair<const Obj*, const Obj*>, PairHash> deep_;
};

// Exact comparison of an int64 with a double (not NaN).
int compare_int_float(int64_t i, double d) {
  constexpr double kTwo63 = 9223372036854775808.0;  // 2^63, exact
  if (d >= kTwo63) return -1;
  if (d < -kTwo63) return 1;
  // |d| < 2^63 (or d == -2^63): its integer part fits in int64 exactly.
  const double t = std::trunc(d);
  const int64_t ti = static_cast<int64_t>(t);
  if (i < ti) return -1;
  if (i > ti) return 1;
  const double frac = d - t;  // exact
  if (frac > 0) return -1;
  if (frac < 0) return 1;
  return 0;
}

}  // namespace

bool values_equal(Value a, Value b) {
  // Fast paths for the common scalar cases before building any state.
  Shallow s = shallow(a, b);
  if (s != Shallow::Descend) return s == Shallow::Equal;
  return Comparer().run(a, b);
}

int compare_numbers(Value a, Value b) {
  if (a.tag == Tag::Int && b.tag == Tag::Int) {
    return a.as.i < b.as.i ? -1 : (a.as.i > b.as.i ? 1 : 0);
  }
  if (a.tag == Tag::Float && b.tag == Tag::Float) {
    const double x = a.as.f, y = b.as.f;
    if (std::isnan(x) || std::isnan(y)) return 2;
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a.tag == Tag::Int && b.tag == Tag::Float) {
    if (std::isnan(b.as.f)) return 2;
    return compare_int_float(a.as.i, b.as.f);
  }
  if (a.tag == Tag::Float && b.tag == Tag::Int) {
    if (std::isnan(a.as.f)) return 2;
    return -compare_int_float(b.as.i, a.as.f);
  }
  return 2;  // not numbers: unordered
}

}  // namespace gene
