// Calendar conversions for Date and DateTime (see the header).
#include "runtime/datetime.hpp"

#include <fmt/format.h>

#include "runtime/object.hpp"

namespace gene {

std::tm calendar_fields(int64_t micros, int64_t* micro) {
  int64_t secs = micros / kMicrosPerSecond, rest = micros % kMicrosPerSecond;
  if (rest < 0) rest += kMicrosPerSecond, --secs;  // floor, for times before 1970
  if (micro) *micro = rest;
  std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

bool micros_of(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t minute, int64_t second, int64_t* out) {
  if (year < -100000 || year > 100000) return false;
  std::tm tm{};
  tm.tm_year = static_cast<int>(year - 1900);
  tm.tm_mon = static_cast<int>(month - 1);
  tm.tm_mday = static_cast<int>(day);
  tm.tm_hour = static_cast<int>(hour);
  tm.tm_min = static_cast<int>(minute);
  tm.tm_sec = static_cast<int>(second);
  std::tm given = tm;
  std::time_t t = timegm(&tm);  // normalises out-of-range fields: compare to catch them
  if (month < 1 || month > 12 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 ||
      tm.tm_mday != given.tm_mday || tm.tm_mon != given.tm_mon)
    return false;
  *out = static_cast<int64_t>(t) * kMicrosPerSecond;
  return true;
}

std::string iso_text(Value v) {
  int64_t micro;
  std::tm tm = calendar_fields(as_datetime(v)->micros, &micro);
  std::string out = fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  if (v.tag == Tag::Date) return out;
  out += fmt::format("T{:02}:{:02}:{:02}", tm.tm_hour, tm.tm_min, tm.tm_sec);
  if (micro) out += fmt::format(".{:06}", micro);
  return out;
}

}  // namespace gene
