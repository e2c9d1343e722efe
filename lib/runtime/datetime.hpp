// Calendar fields of Date and DateTime values (object.hpp), through the C library's UTC
// conversions: the values carry no zone, so UTC arithmetic is exact for them.
#pragma once
#include <cstdint>
#include <ctime>
#include <string>

#include "runtime/value.hpp"

namespace gene {

constexpr int64_t kMicrosPerSecond = 1000000;

// The broken-down time of micros since the epoch; *micro gets the sub-second part.
std::tm calendar_fields(int64_t micros, int64_t* micro = nullptr);
// Microseconds since the epoch of the fields; false when a field is out of its range
// (month 13, February 30, hour 24 …).
bool micros_of(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t minute, int64_t second, int64_t* out);
// ISO 8601: 2024-01-15 for a Date; 2024-01-15T10:30:00, with .ffffff when there are
// microseconds, for a DateTime.
std::string iso_text(Value v);

}  // namespace gene
