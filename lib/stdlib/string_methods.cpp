// String methods (§17.1, §17.0). Strings are immutable byte strings: every method that
// changes text returns a new string; lengths and indexes count bytes.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <type_traits>

#include "stdlib/method_support.hpp"
#include "stdlib/regex.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
using namespace methods;

constexpr std::string_view kSpace = " \t\n\r\v\f";

Value new_string(VM& vm, std::string_view s) { return vm.heap.string_value(s); }
Value position(size_t at) { return at == std::string::npos ? make_int(-1) : size_value(at); }

// The parts of s between occurrences of sep; at most max_parts parts when max_parts > 0.
std::vector<std::string_view> split_view(std::string_view s, std::string_view sep, int64_t max_parts) {
  std::vector<std::string_view> parts;
  size_t from = 0;
  for (size_t at; (max_parts <= 0 || static_cast<int64_t>(parts.size()) + 1 < max_parts) &&
                  (at = s.find(sep, from)) != std::string_view::npos;
       from = at + sep.size())
    parts.push_back(s.substr(from, at - from));
  parts.push_back(s.substr(from));
  return parts;
}

// ASCII case mapping (§17.1); other bytes are left alone.
char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
template <char (*F)(char)>
Value map_bytes(VM& vm, CallArgs& a) {
  std::string s(self_str(a));
  std::transform(s.begin(), s.end(), s.begin(), F);
  return new_string(vm, s);
}

Value length(VM&, CallArgs& a) { return size_value(self_str(a).size()); }

// VM semantics: the first argument must be a string; the rest are ignored.
Value append_one(VM& vm, Value self, Value x) {
  if (!is_string(x)) vm.raise("append requires a string argument");
  return value_of(vm.heap.string_of({as_string(self)->view(), as_string(x)->view()}));
}

Value append(VM& vm, CallArgs& a) { return append_one(vm, a.self, a.args[0]); }

// Inclusive end; negatives count from the end; bounds outside the string are clamped.
Value substr(VM& vm, CallArgs& a) {
  std::string_view s = self_str(a);
  int64_t len = static_cast<int64_t>(s.size());
  size_t from = slice_bound(int_arg(vm, a, 0, "substr"), s.size());
  int64_t last = a.count > 1 ? int_arg(vm, a, 1, "substr") : -1;
  if (last < 0) last += len;
  size_t to = static_cast<size_t>(std::clamp<int64_t>(last, -1, len - 1) + 1);
  return new_string(vm, from < to ? std::string_view(s).substr(from, to - from) : std::string_view());
}

Value split(VM& vm, CallArgs& a) {
  if (is_tag(a.args[0], Tag::Regex)) return regex_split(vm, a);
  std::string sep = text_arg(vm, a, 0, "split");
  if (sep.empty()) vm.raise("split expects a non-empty separator");
  int64_t max_parts = a.count > 1 ? int_arg(vm, a, 1, "split", "an Int limit") : 0;
  return string_array(vm, split_view(self_str(a), sep, max_parts));
}

Value lines(VM& vm, CallArgs& a) { return string_array(vm, split_view(self_str(a), "\n", 0)); }

Value chars(VM& vm, CallArgs& a) {
  std::string_view s = self_str(a);
  std::vector<std::string_view> parts;
  for (size_t i = 0; i < s.size(); ++i) parts.push_back(s.substr(i, 1));
  return string_array(vm, parts);
}

Value index(VM& vm, CallArgs& a) { return position(self_str(a).find(text_arg(vm, a, 0, "index"))); }
Value rindex(VM& vm, CallArgs& a) { return position(self_str(a).rfind(text_arg(vm, a, 0, "rindex"))); }
Value contains(VM& vm, CallArgs& a) {
  return make_bool(self_str(a).find(text_arg(vm, a, 0, "contains")) != std::string::npos);
}
Value starts_with(VM& vm, CallArgs& a) { return make_bool(self_str(a).starts_with(text_arg(vm, a, 0, "starts_with"))); }
Value ends_with(VM& vm, CallArgs& a) { return make_bool(self_str(a).ends_with(text_arg(vm, a, 0, "ends_with"))); }

Value trim(VM& vm, CallArgs& a) {
  std::string_view s = self_str(a);
  size_t from = s.find_first_not_of(kSpace);
  if (from == std::string_view::npos) return new_string(vm, "");
  return new_string(vm, s.substr(from, s.find_last_not_of(kSpace) + 1 - from));
}

Value char_at(VM& vm, CallArgs& a) {
  std::string_view s = self_str(a);
  return make_char(static_cast<unsigned char>(s[checked_index(vm, int_arg(vm, a, 0, "char_at"), s.size())]));
}

// Replaces every occurrence, scanning left to right; an empty pattern changes nothing.
// A Regex pattern goes to regex.cpp.
Value replace(VM& vm, CallArgs& a) {
  if (is_tag(a.args[0], Tag::Regex)) return regex_replace(vm, a);
  std::string from = text_arg(vm, a, 0, "replace"), to = text_arg(vm, a, 1, "replace");
  std::string_view s = self_str(a);
  if (from.empty()) return a.self;
  std::string out;
  size_t pos = 0;
  for (size_t at; (at = s.find(from, pos)) != std::string::npos; pos = at + from.size()) out.append(s, pos, at - pos).append(to);
  return new_string(vm, out.append(s, pos));
}

Value reverse(VM& vm, CallArgs& a) { return new_string(vm, std::string(self_str(a).rbegin(), self_str(a).rend())); }

// .to_i / .to_f: the whole text must be the number; one leading '+' is allowed.
template <class T, Value (*Make)(T)>
Value parse_as(VM& vm, CallArgs& a) {
  std::string_view s = self_str(a);
  if (s.size() > 1 && s[0] == '+' && s[1] != '-') s.remove_prefix(1);
  T v{};
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size())
    vm.raise(fmt::format("Cannot convert \"{}\" to {}", self_str(a), std::is_integral_v<T> ? "Int" : "Float"));
  return Make(v);
}

const MethodEntry kStringMethods[] = {
    {Tag::String, "length", length, 0, 0},
    {Tag::String, "size", length, 0, 0},
    {Tag::String, "append", append, 1, -1},
    {Tag::String, "to_upper", map_bytes<ascii_upper>, 0, 0},
    {Tag::String, "to_lower", map_bytes<ascii_lower>, 0, 0},
    {Tag::String, "to_uppercase", map_bytes<ascii_upper>, 0, 0},  // GN names
    {Tag::String, "to_lowercase", map_bytes<ascii_lower>, 0, 0},
    {Tag::String, "substr", substr, 1, 2},
    {Tag::String, "split", split, 1, 2},
    {Tag::String, "lines", lines, 0, 0},
    {Tag::String, "chars", chars, 0, 0},
    {Tag::String, "index", index, 1, 1},
    {Tag::String, "rindex", rindex, 1, 1},
    {Tag::String, "contains", contains, 1, 1},
    {Tag::String, "starts_with", starts_with, 1, 1},
    {Tag::String, "ends_with", ends_with, 1, 1},
    {Tag::String, "trim", trim, 0, 0},
    {Tag::String, "char_at", char_at, 1, 1},
    {Tag::String, "replace", replace, 2, 2},
    {Tag::String, "reverse", reverse, 0, 0},
    {Tag::String, "to_i", parse_as<int64_t, make_int>, 0, 0},
    {Tag::String, "to_f", parse_as<double, make_float>, 0, 0},
};
}  // namespace

void install_string_methods(VM& vm) {
  define_methods(vm, kStringMethods);
  builtin_method(vm, Tag::String, "append")->method1 = append_one;
}

}  // namespace gene
