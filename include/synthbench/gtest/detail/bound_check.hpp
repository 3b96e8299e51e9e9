#ifndef SYNTHBENCH_GTEST_DETAIL_BOUND_CHECK_HPP
#define SYNTHBENCH_GTEST_DETAIL_BOUND_CHECK_HPP

/// @file
/// The shared body of the bound assertions: compare a statistic with a bound, record it on
/// success, and lay out the failure as GoogleTest does ("Expected: ... / Actual: ...").

#include <gtest/gtest.h>  // ::testing::AssertionResult, ::testing::Test::RecordProperty

#include <string>   // std::string

#include "synthbench/detail/decimal.hpp"  // parse_decimal: strtod would read "0.8" as 0 under a comma locale
#include "synthbench/detail/format.hpp"
#include "synthbench/gtest/detail/property.hpp"
#include "synthbench/result.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {
namespace detail {

/// Which side of the bound is acceptable.
enum class Bound { at_least, at_most };

/// A statistic's value for messages: 4 significant digits, enough to compare with a bound.
inline std::string value_text(double v) { return synthbench::detail::general(v, 4); }

/// "0.8" or "0.8 (kMinSrcc)" when the bound was written as an expression rather than a
/// number literal.
inline std::string bound_text(double bound, const char* bound_expr) {
  const std::string shown = synthbench::detail::general(bound, 6);
  const auto literal = synthbench::detail::parse_decimal(bound_expr);
  const bool is_literal = literal && *literal == bound;
  return is_literal ? shown : shown + " (" + bound_expr + ")";
}

/// `text` without its trailing newline: GoogleTest adds one before streamed context.
inline std::string trim_newline(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

/// Records `value` as the test property `synthbench.<key>` (property.hpp).
inline void record(const std::string& key, double value) { record_property("synthbench." + key, value); }

/// Passes when `value` is defined and on the right side of `bound` (recording it), fails
/// otherwise. `statistic` names it in the message ("SRCC(real, gpt-4o)"), `actual_note` follows
/// the value ("(exact p = ...)"), `context` follows the Actual line (indented lines).
inline ::testing::AssertionResult check_bound(const std::string& statistic, const std::string& property_key,
                                              const Result<double>& value, Bound side, double bound,
                                              const char* bound_expr, const std::string& actual_note,
                                              const std::string& context) {
  const char* op = side == Bound::at_least ? ">=" : "<=";
  if (value.ok()) {
    const double v = value.value();
    const bool ok = side == Bound::at_least ? v >= bound : v <= bound;
    if (ok) {
      record(property_key, v);
      return ::testing::AssertionSuccess();
    }
    // A value that rounds to the bound (0.91 - 0.86 = 0.05000000000000004 against 0.05) is
    // shown in full, so the failure does not read "0.05 is not <= 0.05".
    std::string shown = value_text(v);
    if (shown == synthbench::detail::general(bound, 6) || shown == value_text(bound)) {
      shown = synthbench::detail::general(v, 17) + " (differs from the bound only in the last digits: floating-point "
              "rounding; give the bound some slack)";
    }
    return ::testing::AssertionFailure() << "Expected: " << statistic << " " << op << " " << bound_text(bound, bound_expr)
                                         << "\n  Actual: " << shown << actual_note << "\n"
                                         << trim_newline(context);
  }
  return ::testing::AssertionFailure() << "Expected: " << statistic << " " << op << " " << bound_text(bound, bound_expr)
                                       << "\n  Actual: " << value.message() << "\n"
                                       << trim_newline(context);
}

}  // namespace detail
}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_GTEST_DETAIL_BOUND_CHECK_HPP
