#ifndef SYNTHBENCH_DETAIL_DECIMAL_HPP
#define SYNTHBENCH_DETAIL_DECIMAL_HPP

/// @file
/// Reading a number written in full as text, independently of the global locale. Shared by
/// the similarity metric (metrics::parse_score, for textual answers in record files) and the
/// LLM-output parsers of the experiment layer, so that both agree on what a number is.

#include <cmath>     // std::isfinite
#include <cstddef>   // std::size_t
#include <locale>    // std::locale::classic
#include <optional>  // std::optional
#include <sstream>   // std::istringstream
#include <string>    // std::string

#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// `text` as a number when all of it is one, else nullopt: surrounding spaces, tabs and line
/// breaks are allowed; the grammar is [sign] digits [. digits] [(e|E) [sign] digits] with
/// digits on at least one side of the decimal point ("3.5", " 4 ", "2e0", "-.5", "5.", "+3");
/// the decimal point is '.', whatever the global locale. A value that is not finite (such
/// as "1e999") is nullopt. "3.5/5" and "about 3" are nullopt: finding a number inside text is
/// the caller's decision.
inline std::optional<double> parse_decimal(const std::string& text) {
  std::size_t b = 0;
  std::size_t e = text.size();
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (b < e && space(text[b])) ++b;
  while (e > b && space(text[e - 1])) --e;
  std::size_t i = b;
  if (i < e && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < e && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  if (i < e && text[i] == '.') {
    ++i;
    while (i < e && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < e && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < e && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < e && text[i] >= '0' && text[i] <= '9') ++i, ++exponent_digits;
    if (exponent_digits == 0) return std::nullopt;
  }
  if (i != e) return std::nullopt;
  std::istringstream in(text.substr(b, e - b));
  in.imbue(std::locale::classic());
  double v = 0.0;
  in >> v;
  if (in.fail() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_DECIMAL_HPP
