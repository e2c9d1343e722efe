// Regexes (§25.6) through PCRE2 with its JIT: $regex, `=~` / `!~` (the .match method), and
// the Regex forms of .replace and .split. Patterns and subjects are UTF-8; invalid bytes in a
// subject never match a character but are not an error.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <fmt/format.h>

#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"
#include "stdlib/method_support.hpp"
#include "stdlib/regex.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
using namespace methods;

class Compiled {
 public:
  explicit Compiled(pcre2_code* c) : code(c) {}
  ~Compiled() { pcre2_code_free(code); }
  Compiled(const Compiled&) = delete;
  Compiled& operator=(const Compiled&) = delete;
  pcre2_code* const code;
};

// Match data sized for one pattern, freed on every way out.
class MatchData {
 public:
  explicit MatchData(const pcre2_code* code) : md_(pcre2_match_data_create_from_pattern(code, nullptr)) {}
  ~MatchData() { pcre2_match_data_free(md_); }
  MatchData(const MatchData&) = delete;
  MatchData& operator=(const MatchData&) = delete;
  pcre2_match_data* get() const { return md_; }
  const PCRE2_SIZE* ovector() const { return pcre2_get_ovector_pointer(md_); }

 private:
  pcre2_match_data* md_;
};

std::string pcre2_message(int code) {
  PCRE2_UCHAR buf[256];
  pcre2_get_error_message(code, buf, sizeof buf);
  return reinterpret_cast<const char*>(buf);
}

uint32_t flag_options(VM& vm, const Regex* r) {
  uint32_t opts = 0;
  for (char f : r->flags) {
    switch (f) {
      case 'i': opts |= PCRE2_CASELESS; break;
      case 'm': opts |= PCRE2_MULTILINE; break;
      case 's': opts |= PCRE2_DOTALL; break;
      case 'x': opts |= PCRE2_EXTENDED; break;
      default: vm.raise(fmt::format("Unknown regex flag '{}' in {}", f, repr(value_of(const_cast<Regex*>(r)))));
    }
  }
  return opts;
}

// Compiled once per Regex object; the JIT is used when this machine has one.
const pcre2_code* compiled(VM& vm, Regex* r) {
  if (r->compiled) return static_cast<Compiled*>(r->compiled.get())->code;
  int err;
  PCRE2_SIZE at;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(r->pattern.data()), r->pattern.size(),
                                   flag_options(vm, r) | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err, &at, nullptr);
  if (!code) vm.raise(fmt::format("Invalid regex {}: {} at offset {}", repr(value_of(r)), pcre2_message(err), at));
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // on failure pcre2_match interprets
  r->compiled = std::make_shared<Compiled>(code);
  return code;
}

// A Regex argument, or a String taken as a pattern; the new Regex replaces the String in
// the argument window, which keeps it rooted.
Regex* regex_arg(VM& vm, CallArgs& a, int k, const char* method) {
  if (is_tag(a.args[k], Tag::Regex)) return as_regex(a.args[k]);
  const std::string pattern(string_arg(vm, a, k, method, "a regex"));
  a.args[k] = value_of(vm.heap.make<Regex>(pattern, ""));
  return as_regex(a.args[k]);
}

// Runs one match from start; false when there is none. Limits (backtracking, depth) raise.
bool find(VM& vm, const pcre2_code* code, std::string_view s, size_t start, const MatchData& md) {
  int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), start, 0, md.get(), nullptr);
  if (rc == PCRE2_ERROR_NOMATCH) return false;
  if (rc < 0) vm.raise(fmt::format("Regex match failed: {}", pcre2_message(rc)));
  return true;
}

// Calls f for each match, left to right, without overlaps. After an empty match the next
// search starts one character further on, so that the scan always advances.
template <class F>
void each_match(VM& vm, const pcre2_code* code, std::string_view s, F f) {
  MatchData md(code);
  for (size_t start = 0; start <= s.size() && find(vm, code, s, start, md);) {
    const PCRE2_SIZE* ov = md.ovector();
    f(ov);
    start = ov[1];
    if (ov[0] == ov[1]) {
      if (start >= s.size()) return;
      unsigned char c = static_cast<unsigned char>(s[start]);
      start += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    }
  }
}

// [whole group1 group2 …]; a group that took no part is nil.
Value match_array(VM& vm, std::string_view s, const PCRE2_SIZE* ov, uint32_t groups) {
  Root arr(vm.heap, new_array(vm));
  for (uint32_t g = 0; g <= groups; ++g) {
    Value v = ov[2 * g] == PCRE2_UNSET ? make_nil() : vm.heap.string_value(s.substr(ov[2 * g], ov[2 * g + 1] - ov[2 * g]));
    as_array(arr.value)->items.push_back(v);
  }
  return arr.value;
}

uint32_t group_count(const pcre2_code* code) {
  uint32_t n = 0;
  pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &n);
  return n;
}

Value match_in(VM& vm, std::string_view s, Regex* re) {
  const pcre2_code* code = compiled(vm, re);
  MatchData md(code);
  if (!find(vm, code, s, 0, md)) return make_nil();
  return match_array(vm, s, md.ovector(), group_count(code));
}

// (s .match re), also what `=~` calls: the match Array, or nil.
Value string_match(VM& vm, CallArgs& a) {
  Regex* re = regex_arg(vm, a, 0, "match");
  return match_in(vm, self_str(a), re);
}
// (re .match s)
Value regex_match(VM& vm, CallArgs& a) { return match_in(vm, string_arg(vm, a, 0, "match"), as_regex(a.self)); }

// (s .scan re): every match, each as a match Array.
Value scan(VM& vm, CallArgs& a) {
  Regex* re = regex_arg(vm, a, 0, "scan");
  const pcre2_code* code = compiled(vm, re);
  uint32_t groups = group_count(code);
  std::string_view s = self_str(a);
  Root out(vm.heap, new_array(vm));
  each_match(vm, code, s, [&](const PCRE2_SIZE* ov) {
    Value m = match_array(vm, s, ov, groups);
    as_array(out.value)->items.push_back(m);
  });
  return out.value;
}

// Replacement text: $1, ${name} and $$ as PCRE2 reads them, for every match.
Value substitute(VM& vm, std::string_view s, const pcre2_code* code, std::string_view with) {
  MatchData md(code);
  uint32_t opts = PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH;
  std::string out(s.size() + s.size() / 4 + 64, '\0');
  for (int attempt = 0; attempt < 2; ++attempt) {
    PCRE2_SIZE len = out.size();
    int rc = pcre2_substitute(code, reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), 0, opts, md.get(), nullptr,
                              reinterpret_cast<PCRE2_SPTR>(with.data()), with.size(),
                              reinterpret_cast<PCRE2_UCHAR*>(out.data()), &len);
    if (rc >= 0) {
      out.resize(len);
      return vm.heap.string_value(out);
    }
    if (rc != PCRE2_ERROR_NOMEMORY) vm.raise(fmt::format("Regex replace failed for '{}': {}", with, pcre2_message(rc)));
    out.resize(len);  // the length it needs
  }
  vm.raise("Regex replace failed: the result kept growing");
}

// A function replacement receives the match Array and returns the text to put there.
Value replace_with_fn(VM& vm, std::string_view s, const pcre2_code* code, Value fn) {
  uint32_t groups = group_count(code);
  std::string out;
  size_t last = 0;
  each_match(vm, code, s, [&](const PCRE2_SIZE* ov) {
    Value m = match_array(vm, s, ov, groups);
    out.append(s, last, ov[0] - last);
    out += to_s(call_fn(vm, fn, m));
    last = ov[1];
  });
  out.append(s, last);
  return vm.heap.string_value(out);
}

// ($regex "a" x ^^i): the to_s of the parts joined into one pattern, compiled now so that a
// bad pattern fails here. ^^i ^^m ^^s ^^x are the flags.
Value make_regex(VM& vm, CallArgs& a) {
  std::string pattern, flags;
  for (int k = 0; k < a.count; ++k) pattern += is_tag(a.args[k], Tag::Regex) ? as_regex(a.args[k])->pattern : to_s(a.args[k]);
  if (a.props)
    for (const auto& [key, v] : a.props->map.entries())
      if (is_truthy(v)) flags += key.name();
  Root r(vm.heap, value_of(vm.heap.make<Regex>(std::move(pattern), std::move(flags))));
  compiled(vm, as_regex(r.value));
  return r.value;
}

Value pattern(VM& vm, CallArgs& a) { return vm.heap.string_value(as_regex(a.self)->pattern); }
Value flags(VM& vm, CallArgs& a) { return vm.heap.string_value(as_regex(a.self)->flags); }

const MethodEntry kMethods[] = {
    {Tag::String, "match", string_match, 1, 1},
    {Tag::String, "scan", scan, 1, 1},
    {Tag::Regex, "match", regex_match, 1, 1},
    {Tag::Regex, "pattern", pattern, 0, 0},
    {Tag::Regex, "flags", flags, 0, 0},
};
}  // namespace

Value regex_replace(VM& vm, CallArgs& a) {
  const pcre2_code* code = compiled(vm, as_regex(a.args[0]));
  Value with = a.args[1];
  if (is_string(with)) return substitute(vm, self_str(a), code, as_string(with)->view());
  return replace_with_fn(vm, self_str(a), code, fn_arg(vm, a, 1, "replace"));
}

// Empty matches at either end split nothing off, so ("abc" .split #//) is ["a" "b" "c"].
Value regex_split(VM& vm, CallArgs& a) {
  const pcre2_code* code = compiled(vm, as_regex(a.args[0]));
  std::string_view s = self_str(a);
  std::vector<std::string_view> parts;
  size_t last = 0;
  each_match(vm, code, s, [&](const PCRE2_SIZE* ov) {
    if (ov[0] == ov[1] && (ov[0] == 0 || ov[0] == s.size())) return;
    parts.push_back(s.substr(last, ov[0] - last));
    last = ov[1];
  });
  parts.push_back(s.substr(last));
  return string_array(vm, parts);
}

bool regex_matches(VM& vm, std::string_view s, Regex* re) {
  const pcre2_code* code = compiled(vm, re);
  MatchData md(code);
  return find(vm, code, s, 0, md);
}

void install_regex(VM& vm) {
  define_methods(vm, kMethods);
  vm.define_native(vm.gene_ns(), "regex", make_regex, 0, -1);
}

}  // namespace gene
