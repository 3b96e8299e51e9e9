#ifndef SYNTHBENCH_DETAIL_FORMAT_HPP
#define SYNTHBENCH_DETAIL_FORMAT_HPP

/// @file
/// Locale-independent number formatting for messages, tables, reports and the CLI: every
/// number synthbench writes goes through these functions. They use std::to_chars, which is
/// specified to give what printf gives in the "C" locale, whatever setlocale() or
/// std::locale::global() say (snprintf would write "0,5" under de_DE.UTF-8).

#include <charconv>      // std::to_chars, std::chars_format
#include <string>        // std::string
#include <system_error>  // std::errc

#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// printf's "%.*f" (format fixed) or "%.*g" (format general) of `value` in the "C" locale.
inline std::string c_locale_number(double value, std::chars_format format, int precision) {
  char buffer[512];  // fixed notation of 1e308 with up to 150 decimals fits
  if (precision < 0) precision = 0;
  if (precision > 150) precision = 150;
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, value, format, precision);
  if (r.ec != std::errc()) return format == std::chars_format::general ? "?" : c_locale_number(value, std::chars_format::general, 17);
  return std::string(buffer, r.ptr);
}

/// `value` with `decimals` digits after the point: fixed(0.12345, 3) == "0.123".
inline std::string fixed(double value, int decimals) {
  std::string s = c_locale_number(value, std::chars_format::fixed, decimals);
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
  return c_locale_number(value, std::chars_format::general, digits);
}

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_FORMAT_HPP
