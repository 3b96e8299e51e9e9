#ifndef SYNTHBENCH_METRICS_ZERO_DIVISION_HPP
#define SYNTHBENCH_METRICS_ZERO_DIVISION_HPP

/// @file
/// What a ratio metric is when its denominator is zero, as scikit-learn's `zero_division`
/// parameter (sklearn.metrics.precision_recall_fscore_support, >= 1.3):
///
/// - `zero` (the default, like scikit-learn's default "warn"): the ratio is 0. Numbers then
///   match scikit-learn's defaults, and so the published numbers computed with it.
/// - `one`: the ratio is 1.
/// - `undefined` (scikit-learn's np.nan): the ratio has no value; averages over classes or
///   entity types leave it out, and an average with nothing left is undefined.
///
/// Only a true 0/0 triggers the policy. In particular F1 = 2 TP / (2 TP + FP + FN), which is
/// 0 (not 0/0) when TP = 0 but FP + FN > 0 (scikit-learn >= 1.4, PR #27577).

#include <optional>  // std::optional
#include <string>    // std::string

#include "synthbench/result.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace metrics {

/// The value of a ratio whose denominator is zero.
enum class ZeroDivision {
  zero,       ///< 0 (default)
  one,        ///< 1
  undefined,  ///< no value; left out of averages
};

/// "zero", "one" or "undefined".
inline const char* to_string(ZeroDivision policy) noexcept {
  switch (policy) {
    case ZeroDivision::zero: return "zero";
    case ZeroDivision::one: return "one";
    case ZeroDivision::undefined: return "undefined";
  }
  return "zero";
}

/// numerator / denominator; when the denominator is 0, the value `policy` gives (nullopt for
/// ZeroDivision::undefined). The allocation-free core of ratio(), for resampling loops.
inline std::optional<double> ratio_value(double numerator, double denominator, ZeroDivision policy) noexcept {
  if (denominator != 0.0) return numerator / denominator;
  switch (policy) {
    case ZeroDivision::zero: return 0.0;
    case ZeroDivision::one: return 1.0;
    case ZeroDivision::undefined: break;
  }
  return std::nullopt;
}

/// numerator / denominator; when the denominator is 0, the value `policy` gives, or an
/// undefined Result whose detail is `what` + " is 0/0" + `why` (e.g. "precision of 'x'",
/// ": no item is predicted as it").
inline Result<double> ratio(double numerator, double denominator, ZeroDivision policy, const std::string& what,
                            const char* why = "") {
  if (const auto v = ratio_value(numerator, denominator, policy)) return *v;
  return Result<double>::undefined(Undefined::too_few, what + " is 0/0" + why);
}

}  // namespace metrics
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_METRICS_ZERO_DIVISION_HPP
