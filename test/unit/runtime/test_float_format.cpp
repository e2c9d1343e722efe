// §19.2 float layout. Expected strings come from the spec's table and checks.
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <system_error>

#include "runtime/printer.hpp"

using gene::format_float;

TEST_CASE("format_float: the spec's checks", "[printer][float]") {
  CHECK(format_float(3.14) == "3.14");
  CHECK(format_float(5.0) == "5.0");
  CHECK(format_float(0.1 + 0.2) == "0.30000000000000004");
  CHECK(format_float(1e-7) == "0.0000001");
  CHECK(format_float(1.5e-8) == "1.5e-8");
  CHECK(format_float(1e20) == "1e+20");
  CHECK(format_float(123456789012.5) == "123456789012.5");
  CHECK(format_float(15.0 / 3.0) == "5.0");
  CHECK(format_float(2.5) == "2.5");
  CHECK(format_float(1.0) == "1.0");
}

TEST_CASE("format_float: zero, infinities, NaN", "[printer][float]") {
  CHECK(format_float(0.0) == "0.0");
  CHECK(format_float(-0.0) == "-0.0");
  CHECK(format_float(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(format_float(-std::numeric_limits<double>::infinity()) == "-inf");
  CHECK(format_float(std::numeric_limits<double>::quiet_NaN()) == "nan");
  CHECK(format_float(-std::numeric_limits<double>::quiet_NaN()) == "nan");
  CHECK(format_float(1.0 / 0.0 * -1.0) == "-inf");
}

TEST_CASE("format_float: -6 <= P <= 0 gives 0.<zeros><digits>", "[printer][float]") {
  CHECK(format_float(0.5) == "0.5");             // P = 0
  CHECK(format_float(0.1) == "0.1");
  CHECK(format_float(0.001) == "0.001");         // P = -2
  CHECK(format_float(0.000001) == "0.000001");   // P = -5
  CHECK(format_float(1.23e-7) == "0.000000123"); // P = -6
  CHECK(format_float(-0.001) == "-0.001");
  CHECK(format_float(0.0123) == "0.0123");
}

TEST_CASE("format_float: 0 < P < n puts the point inside the digits", "[printer][float]") {
  CHECK(format_float(12.5) == "12.5");
  CHECK(format_float(-10.5) == "-10.5");
  CHECK(format_float(1.25) == "1.25");
  CHECK(format_float(123.456) == "123.456");
}

TEST_CASE("format_float: n <= P <= 17 pads with zeros and .0", "[printer][float]") {
  CHECK(format_float(150.0) == "150.0");
  CHECK(format_float(100.0) == "100.0");
  CHECK(format_float(-7.0) == "-7.0");
  CHECK(format_float(123456789.0) == "123456789.0");
  CHECK(format_float(1e15) == "1000000000000000.0");
  CHECK(format_float(1e16) == "10000000000000000.0");  // P = 17
  CHECK(format_float(9007199254740992.0) == "9007199254740992.0");
  // Nearest double to 12345678901234567 is ...568 and needs all 17 digits.
  CHECK(format_float(12345678901234567.0) == "12345678901234568.0");
}

TEST_CASE("format_float: otherwise scientific with a signed exponent", "[printer][float]") {
  CHECK(format_float(1e17) == "1e+17");  // P = 18
  CHECK(format_float(1.5e17) == "1.5e+17");
  CHECK(format_float(1e21) == "1e+21");
  CHECK(format_float(-1e20) == "-1e+20");
  CHECK(format_float(1e-8) == "1e-8");   // P = -7
  CHECK(format_float(2.5e-10) == "2.5e-10");
  CHECK(format_float(1e100) == "1e+100");
  CHECK(format_float(5e-324) == "5e-324");
  CHECK(format_float(std::numeric_limits<double>::max()) == "1.7976931348623157e+308");
  CHECK(format_float(-1.5e-8) == "-1.5e-8");
}

TEST_CASE("format_float: output reads back to the same double", "[printer][float]") {
  // §19.2 requires round-trip digits; check many bit patterns across the exponent range.
  uint64_t state = 0x9E3779B97F4A7C15ULL;
  int failures = 0;
  for (int i = 0; i < 20000; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    double d;
    std::memcpy(&d, &state, sizeof d);
    if (!std::isfinite(d)) continue;
    std::string s = format_float(d);
    double back = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), back);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || back != d) ++failures;
    // Every finite non-exponent form carries a '.'.
    if (s.find('e') == std::string::npos && s.find('.') == std::string::npos) ++failures;
  }
  CHECK(failures == 0);
}
