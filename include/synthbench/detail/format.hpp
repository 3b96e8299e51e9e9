#ifndef SYNTHBENCH_DETAIL_FORMAT_HPP
#define SYNTHBENCH_DETAIL_FORMAT_HPP

/// @file
/// Locale-independent number formatting for messages, tables and reports.

#include <cstdio>  // std::snprintf
#include <string>  // std::string

#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// `value` with `decimals` digits after the point: fixed(0.12345, 3) == "0.123".
inline std::string fixed(double value, int decimals) {
  char buffer[64];
  const int size = std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string s = buffer;
  if (size >= static_cast<int>(sizeof buffer)) {  // |value| above 1e58: all of its digits, never cut
    s.assign(static_cast<std::size_t>(size) + 1, '\0');
    std::snprintf(&s[0], s.size(), "%.*f", decimals, value);
    s.pop_back();
  }
  if (s == "-0" || s.find_first_not_of("-0.") == std::string::npos) {
    if (!s.empty() && s[0] == '-') s.erase(0, 1);  // no "-0.00"
  }
  return s;
}

/// Like fixed() with an explicit sign: "+0.045", "-0.020", "0.000".
inline std::string signed_fixed(double value, int decimals) {
  std::string s = fixed(value, decimals);
  if (s[0] != '-' && s.find_first_not_of("0.") != std::string::npos) s.insert(0, "+");
  return s;
}

/// `value` with `digits` significant digits: general(0.00138889, 3) == "0.00139".
inline std::string general(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
  return buffer;
}

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_FORMAT_HPP
