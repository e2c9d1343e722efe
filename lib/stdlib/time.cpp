// Dates and times (§25.6): gene/time/now (Float seconds), gene/now (a DateTime), gene/today
// (a Date), their constructors, fields, ISO 8601 text, strftime formats and differences.
// Values are wall-clock times without a zone (see datetime.hpp).
#include <fmt/format.h>
#include <sys/time.h>

#include <chrono>

#include "runtime/datetime.hpp"
#include "runtime/printer.hpp"
#include "stdlib/method_support.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
using namespace methods;

Value make_datetime(VM& vm, Tag t, int64_t micros) { return value_of(vm.heap.make<DateTime>(t, micros)); }

// The local wall clock, read as if it were UTC.
int64_t local_now_micros() {
  timeval tv{};
  gettimeofday(&tv, nullptr);
  std::tm local{};
  localtime_r(&tv.tv_sec, &local);
  return static_cast<int64_t>(timegm(&local)) * kMicrosPerSecond + tv.tv_usec;
}

Value time_now(VM&, CallArgs&) {
  auto since = std::chrono::system_clock::now().time_since_epoch();
  return make_float(std::chrono::duration<double>(since).count());
}
Value now(VM& vm, CallArgs&) { return make_datetime(vm, Tag::DateTime, local_now_micros()); }
Value today(VM& vm, CallArgs&) {
  int64_t us = local_now_micros();
  int64_t day = 86400 * kMicrosPerSecond;
  return make_datetime(vm, Tag::Date, (us >= 0 ? us / day : (us - day + 1) / day) * day);
}

// (new Date y m d), (new DateTime y m d [h mi s]): an impossible day or time is an error.
template <Tag kTag>
Value construct(VM& vm, CallArgs& a) {
  const char* what = kTag == Tag::Date ? "new Date" : "new DateTime";
  int64_t f[6] = {0, 1, 1, 0, 0, 0};
  for (int k = 0; k < a.count; ++k) f[k] = int_arg(vm, a, k, what, "Int fields");
  int64_t us;
  if (!micros_of(f[0], f[1], f[2], f[3], f[4], f[5], &us)) {
    std::string date = fmt::format("{:04}-{:02}-{:02}", f[0], f[1], f[2]);
    if (kTag == Tag::Date) vm.raise(fmt::format("{}: invalid date {}", what, date));
    vm.raise(fmt::format("{}: invalid date or time {}T{:02}:{:02}:{:02}", what, date, f[3], f[4], f[5]));
  }
  return make_datetime(vm, kTag, us);
}

std::tm fields(CallArgs& a) { return calendar_fields(as_datetime(a.self)->micros); }
Value year(VM&, CallArgs& a) { return make_int(fields(a).tm_year + 1900); }
Value month(VM&, CallArgs& a) { return make_int(fields(a).tm_mon + 1); }
Value day(VM&, CallArgs& a) { return make_int(fields(a).tm_mday); }
Value hour(VM&, CallArgs& a) { return make_int(fields(a).tm_hour); }
Value minute(VM&, CallArgs& a) { return make_int(fields(a).tm_min); }
Value second(VM&, CallArgs& a) { return make_int(fields(a).tm_sec); }
// ISO 8601 numbering: Monday is 1, Sunday is 7.
Value weekday(VM&, CallArgs& a) { return make_int(fields(a).tm_wday == 0 ? 7 : fields(a).tm_wday); }
Value to_s(VM& vm, CallArgs& a) { return vm.heap.string_value(iso_text(a.self)); }

// strftime directives (%Y-%m-%d, %H:%M:%S, %A …); the zone directives say UTC.
Value format(VM& vm, CallArgs& a) {
  const std::string f(string_arg(vm, a, 0, "format", "a format string"));
  std::tm tm = fields(a);
  std::string out(f.size() * 4 + 64, '\0');
  for (;;) {
    size_t n = std::strftime(out.data(), out.size(), f.c_str(), &tm);
    if (n > 0 || f.empty() || out.size() > f.size() * 64 + 4096) {
      out.resize(n);
      return vm.heap.string_value(out);
    }
    out.resize(out.size() * 2);  // 0 means "did not fit" (or an empty result)
  }
}

// (d1 - d2): the seconds between two dates or times, as a Float.
Value minus(VM& vm, CallArgs& a) {
  Value b = a.args[0];
  if (!is_tag(b, Tag::Date) && !is_tag(b, Tag::DateTime))
    vm.raise(fmt::format("Unsupported second operand for subtraction: {}", repr_in_message(b)));
  return make_float(static_cast<double>(as_datetime(a.self)->micros - as_datetime(b)->micros) / kMicrosPerSecond);
}

constexpr Tag kBoth[] = {Tag::Date, Tag::DateTime};
const NativeEntry kShared[] = {
    {"year", year, 0, 0},     {"month", month, 0, 0},   {"day", day, 0, 0},       {"hour", hour, 0, 0},
    {"minute", minute, 0, 0}, {"second", second, 0, 0}, {"weekday", weekday, 0, 0}, {"to_s", to_s, 0, 0},
    {"format", format, 1, 1}, {"-", minus, 1, 1},
};
const NativeEntry kGene[] = {{"now", now, 0, 0}, {"today", today, 0, 0}};
const NativeEntry kTime[] = {{"now", time_now, 0, 0}};
}  // namespace

void install_time(VM& vm) {
  for (Tag t : kBoth)
    for (const NativeEntry& e : kShared) vm.define_method(t, e.name, e.fn, e.lo, e.hi);
  vm.define_method(Tag::Date, ".ctor", construct<Tag::Date>, 3, 3);
  vm.define_method(Tag::DateTime, ".ctor", construct<Tag::DateTime>, 3, 6);
  define_natives(vm, vm.gene_ns(), kGene);
  define_natives(vm, child_namespace(vm, vm.gene_ns(), "time"), kTime);
}

}  // namespace gene
