// §19.2: shortest round-trip digits (std::to_chars), laid out like Nim >= 2.2's `$`.
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <system_error>

#include "runtime/printer.hpp"

namespace gene {

std::string format_float(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d < 0 ? "-inf" : "inf";
  if (d == 0.0) return std::signbit(d) ? "-0.0" : "0.0";

  // Shortest scientific form: "d.ddde+XX", "de-XX", possibly with a leading '-'.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  const char* p = buf;
  const char* end = res.ptr;

  std::string out;
  out.reserve(32);
  if (*p == '-') {
    out.push_back('-');
    ++p;
  }

  // Collect the digits d1..dn, skipping the '.'.
  char digits[32];
  int n = 0;
  while (p < end && *p != 'e') {
    if (*p != '.') digits[n++] = *p;
    ++p;
  }
  while (n > 1 && digits[n - 1] == '0') --n;  // shortest form has none; be safe

  int exp10 = 0;
  if (p < end && *p == 'e') {
    ++p;
    bool neg = false;
    if (*p == '+' || *p == '-') {
      neg = *p == '-';
      ++p;
    }
    std::from_chars(p, end, exp10);
    if (neg) exp10 = -exp10;
  }
  // value = d1.d2..dn x 10^exp10 = 0.d1..dn x 10^P
  const int P = exp10 + 1;

  if (P >= -6 && P <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-P), '0');
    out.append(digits, static_cast<size_t>(n));
  } else if (P > 0 && P < n) {
    out.append(digits, static_cast<size_t>(P));
    out.push_back('.');
    out.append(digits + P, static_cast<size_t>(n - P));
  } else if (P >= n && P <= 17) {
    out.append(digits, static_cast<size_t>(n));
    out.append(static_cast<size_t>(P - n), '0');
    out += ".0";
  } else {
    out.push_back(digits[0]);
    if (n > 1) {
      out.push_back('.');
      out.append(digits + 1, static_cast<size_t>(n - 1));
    }
    out.push_back('e');
    int e = P - 1;
    out.push_back(e < 0 ? '-' : '+');
    char ebuf[16];
    auto er = std::to_chars(ebuf, ebuf + sizeof ebuf, std::abs(e));
    out.append(ebuf, er.ptr);
  }
  return out;
}

}  // namespace gene
