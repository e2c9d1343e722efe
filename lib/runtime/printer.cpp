// §19.1: display, repr and to_s.
//
// The printer walks nested data with an explicit stack, so any nesting depth prints
// without growing the C++ stack, and it keeps the chain of containers being printed
// so that a container reached again inside itself prints as `[...]`, `{...}`, `(...)`.
#include <charconv>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "runtime/datetime.hpp"
#include "runtime/future.hpp"
#include "runtime/object.hpp"
#include "runtime/printer.hpp"

#include <cstdint>

namespace gene {

namespace {

// Kinds without a data rendering print the VM's internal kind name (§19.1).

void append_int(std::string& out, int64_t i) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, i);
  out.append(buf, r.ptr);
}


class Printer {
 public:
  explicit Printer(std::string& out) : out_(out) {}

  // `repr` selects repr; otherwise nested display (nil prints `nil`, strings/chars raw).
  // Stops once the text is `limit` bytes long (the rest is left out).
  void run(Value v, bool repr, size_t limit = SIZE_MAX) {
    put(v, repr);
    while (!stack_.empty() && out_.size() < limit) step();
  }

 private:
  struct Frame {
    Obj* obj;
    bool repr;
    size_t i;
  };

  // Frames below this depth are checked for cycles by a linear scan; deeper frames are
  // also kept in a hash set so that very deep data stays linear.
  static constexpr size_t kScanDepth = 32;

  bool active(const Obj* o) const {
    size_t n = stack_.size() < kScanDepth ? stack_.size() : kScanDepth;
    for (size_t k = 0; k < n; ++k)
      if (stack_[k].obj == o) return true;
    return stack_.size() > kScanDepth && deep_.count(o) != 0;
  }

  void open(Obj* o, bool repr) {
    if (stack_.size() >= kScanDepth) deep_.insert(o);
    stack_.push_back(Frame{o, repr, 0});
  }

  void close() {
    if (stack_.size() > kScanDepth) deep_.erase(stack_.back().obj);
    stack_.pop_back();
  }

  // Renders a scalar completely, or writes a container's opening and pushes its frame.
  void put(Value v, bool repr) {
    switch (v.tag) {
      case Tag::Nil: out_ += "nil"; return;
      case Tag::Void:
      case Tag::Undef: out_ += "void"; return;
      case Tag::Bool: out_ += v.as.b ? "true" : "false"; return;
      case Tag::Int: append_int(out_, v.as.i); return;
      case Tag::Float: out_ += format_float(v.as.f); return;
      case Tag::Char:
        if (repr) out_.push_back('\'');
        append_utf8(out_, v.as.c);
        if (repr) out_.push_back('\'');
        return;
      case Tag::Placeholder: out_.push_back('_'); return;
      case Tag::String:
        if (repr) out_.push_back('"');
        out_ += as_string(v)->view();  // no escaping (§19.1, VM wins)
        if (repr) out_.push_back('"');
        return;
      case Tag::Symbol: out_ += as_symbol(v)->name; return;
      case Tag::ComplexSymbol: {
        const auto& parts = as_complex(v)->parts;
        for (size_t k = 0; k < parts.size(); ++k) {
          if (k) out_.push_back('/');
          out_ += parts[k]->name;
        }
        return;
      }
      case Tag::Range: {
        const Range* r = as_range(v);
        append_int(out_, r->start);
        out_ += "..";
        append_int(out_, r->end);
        if (r->step != 1) {
          out_ += " step ";
          append_int(out_, r->step);
        }
        return;
      }
      case Tag::Array:
        if (active(v.as.o)) {
          out_ += "[...]";
          return;
        }
        out_.push_back('[');
        open(v.as.o, repr);
        return;
      case Tag::Map:
        if (active(v.as.o)) {
          out_ += "{...}";
          return;
        }
        out_.push_back('{');
        open(v.as.o, repr);
        return;
      case Tag::Gene:
        if (active(v.as.o)) {
          out_ += "(...)";
          return;
        }
        out_.push_back('(');
        open(v.as.o, true);  // everything inside a gene is repr
        return;
      case Tag::Quote:
      case Tag::Unquote: {
        const Quote* q = as_quote(v);
        out_.push_back(v.tag == Tag::Quote ? ':' : '%');
        if (v.tag == Tag::Unquote && q->discard) out_.push_back('_');
        if (active(v.as.o)) {
          out_ += "...";
          return;
        }
        open(v.as.o, true);
        return;
      }
      case Tag::Explode: out_ += "VkExplode"; return;  // a kind without a data form (§25.1)
      case Tag::EnumMember:
        out_ += as_enum_member(v)->enum_name->name;
        out_.push_back('/');
        out_ += as_enum_member(v)->name->name;
        return;
      case Tag::Regex: {
        const Regex* r = as_regex(v);
        out_ += "#/";
        for (char c : r->pattern) (c == '/' ? out_ += "\\/" : out_ += c);
        out_ += '/';
        out_ += r->flags;
        return;
      }
      case Tag::Date:
      case Tag::DateTime: out_ += iso_text(v); return;
      case Tag::Future:
        out_ += "<Future ";
        out_ += future_state_name(as_future(v)->state);
        out_.push_back('>');
        return;
      case Tag::Function: out_ += v.as.o->subkind == kSubkindBlock ? "VkBlock" : "VkFunction"; return;
      case Tag::Selector:
        out_ += "(@";
        for (size_t k = 0; k < as_selector(v)->keys.size(); ++k) {
          Value key = as_selector(v)->keys[k];
          if (as_selector(v)->methods[k]) out_ += " ." + gene::to_s(key);
          else out_ += " " + gene::repr(key);
        }
        out_.push_back(')');
        return;
      default: out_ += kind_name(v.tag); return;
    }
  }

  // Advances the innermost container by one element, or closes it.
  void step() {
    Frame& f = stack_.back();
    const bool repr = f.repr;
    switch (f.obj->tag) {
      case Tag::Array: {
        const auto& items = static_cast<Array*>(f.obj)->items;
        if (f.i < items.size()) {
          if (f.i) out_.push_back(' ');
          Value c = items[f.i++];
          put(c, repr);  // may push: `f` is not used afterwards
          return;
        }
        out_.push_back(']');
        break;
      }
      case Tag::Map: {
        const auto& entries = static_cast<Map*>(f.obj)->map.entries();
        if (f.i < entries.size()) {
          if (f.i) out_.push_back(' ');
          const auto& e = entries[f.i++];
          out_.push_back('^');
          out_ += e.first.name();
          out_.push_back(' ');
          put(e.second, repr);
          return;
        }
        out_.push_back('}');
        break;
      }
      case Tag::Gene: {
        const Gene* g = static_cast<Gene*>(f.obj);
        const size_t np = g->props.size();
        const size_t nc = g->children.size();
        const size_t k = f.i++;
        if (k == 0) {
          put(g->type, true);
          return;
        }
        if (k <= np) {
          const auto& e = g->props.entries()[k - 1];
          out_ += " ^";
          out_ += e.first.name();
          out_.push_back(' ');
          put(e.second, true);
          return;
        }
        if (k <= np + nc) {
          out_.push_back(' ');
          put(g->children[k - 1 - np], true);
          return;
        }
        out_.push_back(')');
        break;
      }
      case Tag::Quote:
      case Tag::Unquote:
        if (f.i++ == 0) {
          put(static_cast<Quote*>(f.obj)->value, true);
          return;
        }
        break;
      default: break;
    }
    close();
  }

  std::string& out_;
  std::vector<Frame> stack_;
  std::unordered_set<const Obj*> deep_;
};

}  // namespace

void append_utf8(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | ((c >> 18) & 0x07)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

const char* kind_name(Tag t) {
  switch (t) {
#define GENE_KIND_NAME(tag) \
  case Tag::tag: return "Vk" #tag;
    GENE_KIND_NAME(Nil) GENE_KIND_NAME(Void) GENE_KIND_NAME(Bool) GENE_KIND_NAME(Int) GENE_KIND_NAME(Float)
    GENE_KIND_NAME(Char) GENE_KIND_NAME(String) GENE_KIND_NAME(Symbol) GENE_KIND_NAME(ComplexSymbol)
    GENE_KIND_NAME(Array) GENE_KIND_NAME(Map) GENE_KIND_NAME(Gene) GENE_KIND_NAME(Quote) GENE_KIND_NAME(Unquote)
    GENE_KIND_NAME(Range) GENE_KIND_NAME(Explode) GENE_KIND_NAME(Function) GENE_KIND_NAME(NativeFn)
    GENE_KIND_NAME(BoundMethod) GENE_KIND_NAME(Class) GENE_KIND_NAME(Instance) GENE_KIND_NAME(Namespace)
    GENE_KIND_NAME(EnumMember) GENE_KIND_NAME(Selector) GENE_KIND_NAME(Regex)
    GENE_KIND_NAME(Date) GENE_KIND_NAME(DateTime) GENE_KIND_NAME(Future)
#undef GENE_KIND_NAME
    case Tag::Undef: return "VkVoid";
    case Tag::Placeholder: return "VkPlaceholder";
    case Tag::Proto:
    case Tag::Upvalue: return "VkInternal";
  }
  return "VkUnknown";
}

std::string repr(Value v) {
  std::string out;
  Printer(out).run(v, true);
  return out;
}

std::string repr_in_message(Value v) {
  constexpr size_t kLimit = 200;
  std::string out;
  Printer(out).run(v, true, kLimit);
  if (out.size() <= kLimit) return out;
  size_t cut = kLimit;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  out.resize(cut);
  return out + "...";
}

std::string display(Value v) {
  if (v.tag == Tag::Nil) return {};  // §19.3: only a top-level nil is empty
  std::string out;
  Printer(out).run(v, false);
  return out;
}

std::string to_s(Value v) {
  std::string out;
  append_to_s(out, v);
  return out;
}

void append_to_s(std::string& out, Value v) {
  switch (v.tag) {
    case Tag::Nil: return;
    case Tag::String: out += as_string(v)->view(); return;
    case Tag::Char: append_utf8(out, v.as.c); return;
    case Tag::Int: {
      char digits[24];
      out.append(digits, std::to_chars(digits, digits + sizeof digits, v.as.i).ptr);
      return;
    }
    default: out += repr(v);
  }
}

}  // namespace gene
