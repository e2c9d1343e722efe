// Array patterns (§13.1, §25.3): binding works like parameters (§8.2). Literals split
// the pattern into segments; within a segment the required names take their elements
// first, then the names with defaults left to right, and the first splat the rest.
#include <fmt/format.h>

#include "compiler/pattern.hpp"
#include "interp/ops.hpp"
#include "runtime/equality.hpp"
#include "runtime/printer.hpp"

namespace gene {

namespace {

class Matcher {
 public:
  Matcher(VM& vm, Array* out) : vm_(vm), out_(out) {}

  // Matches the elements of v against pattern; false when it does not fit.
  bool match(const Array* pattern, Value v, int depth) {
    if (depth > 100) return false;
    if (v.tag != Tag::Array && v.tag != Tag::Gene) return false;
    std::vector<PatternItem> items;
    const char* error = nullptr;
    if (!read_pattern(pattern, &items, &error)) vm_.raise(error);
    const Values& values = v.tag == Tag::Array ? as_array(v)->items : as_gene(v)->children;
    size_t pos = 0;
    for (size_t i = 0; i < items.size();) {
      size_t lit = i;  // the segment ends at the next literal
      size_t required = 0, optional = 0;
      bool splat = false;
      for (; lit < items.size() && items[lit].kind != PatternItem::Literal; ++lit) {
        PatternItem::Kind k = items[lit].kind;
        if (k == PatternItem::Optional) ++optional;
        else if (k == PatternItem::Splat) splat = true;
        else ++required;
      }
      size_t n = values.size();
      size_t take;  // elements for this segment
      if (lit < items.size()) {
        size_t last = splat ? n : std::min(n, pos + required + optional + 1);
        size_t at = pos + required;
        while (at < last && !values_equal(values[at], items[lit].value)) ++at;
        if (at >= last) return false;
        take = at - pos;
      } else {
        take = splat ? n - std::min(n, pos) : std::min(n - std::min(n, pos), required + optional);
        if (take < required) return false;
      }
      size_t filled = std::min(optional, take - required);
      size_t splat_len = take - required - filled;
      for (size_t k = i; k < lit; ++k) {
        const PatternItem& item = items[k];
        switch (item.kind) {
          case PatternItem::Name: out_->items.push_back(values[pos++]); break;
          case PatternItem::Skip: ++pos; break;
          case PatternItem::Optional: out_->items.push_back(filled ? (--filled, values[pos++]) : make_undef()); break;
          case PatternItem::Splat: {
            Array* run = vm_.heap.make<Array>();  // out_ is rooted; values belong to v, which is too
            run->items.assign(values.begin() + static_cast<std::ptrdiff_t>(pos),
                              values.begin() + static_cast<std::ptrdiff_t>(pos + splat_len));
            pos += splat_len;
            splat_len = 0;  // a second splat in the segment gets nothing
            out_->items.push_back(value_of(run));
            break;
          }
          case PatternItem::Nested:
            if (!match(as_array(item.value), values[pos++], depth + 1)) return false;
            break;
          case PatternItem::Literal: break;
        }
      }
      if (lit < items.size()) ++pos;  // the literal itself
      i = lit + 1;
    }
    return true;
  }

 private:
  VM& vm_;
  Array* out_;
};

}  // namespace

Value match_pattern(VM& vm, Array* pattern, Value v) {
  Array* out = vm.heap.make<Array>();
  Root keep(vm.heap, value_of(out));
  if (!Matcher(vm, out).match(pattern, v, 0)) {
    std::string shown = repr(v);
    if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
    vm.raise(fmt::format("Pattern {} does not fit {}", repr(value_of(pattern)), shown));
  }
  return keep.value;
}

}  // namespace gene
