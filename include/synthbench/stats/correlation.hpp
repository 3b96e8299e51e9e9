#ifndef SYNTHBENCH_STATS_CORRELATION_HPP
#define SYNTHBENCH_STATS_CORRELATION_HPP

/// @file
/// Pearson's r and Spearman's rho.
///
/// Pearson: r = sum((x-mx)(y-my)) / sqrt(sum((x-mx)^2) sum((y-my)^2)), computed in two passes
/// (means first), which avoids the cancellation of the one-pass textbook formula
/// (Chan, Golub & LeVeque, "Algorithms for computing the sample variance", 1983).
/// Spearman: Pearson's r of the average ranks (Spearman 1904; with ties this is what
/// scipy.stats.spearmanr computes, not the 1 - 6 sum d^2 / (n(n^2-1)) shortcut, which is
/// exact only without ties).

#include <algorithm>  // std::clamp
#include <cmath>      // std::sqrt
#include <cstddef>    // std::size_t
#include <vector>     // std::vector

#include "synthbench/result.hpp"
#include "synthbench/stats/paired_input.hpp"
#include "synthbench/stats/ranks.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace stats {
namespace detail {

/// Pearson's r of validated, non-constant input.
inline double pearson_unchecked(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = x.size();
  double mx = 0.0;
  double my = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0.0;
  double sxx = 0.0;
  double syy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = x[i] - mx;
    const double dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Rounding can push |r| a hair past 1 for perfectly (anti)correlated input.
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

}  // namespace detail

/// Pearson's correlation coefficient of paired samples. Undefined for n < 2, different
/// lengths, NaN or infinity, or a constant sample.
inline Result<double> pearson(const std::vector<double>& x, const std::vector<double>& y) {
  if (auto bad = check_paired(x, y, 2, "Pearson's r")) {
    return Result<double>::undefined(bad->first, bad->second);
  }
  return detail::pearson_unchecked(x, y);
}

/// Spearman's rank correlation (Pearson's r of the average ranks), equal to
/// scipy.stats.spearmanr with ties. Undefined for n < 2, different lengths, NaN or
/// infinity, or a constant sample.
inline Result<double> spearman(const std::vector<double>& x, const std::vector<double>& y) {
  if (auto bad = check_paired(x, y, 2, "Spearman's rho")) {
    return Result<double>::undefined(bad->first, bad->second);
  }
  const auto no_tie_callback = [](std::size_t) {};
  const std::vector<double> rx = detail::ranks_from_sorted(detail::sort_keys(x), no_tie_callback);
  const std::vector<double> ry = detail::ranks_from_sorted(detail::sort_keys(y), no_tie_callback);
  return detail::pearson_unchecked(rx, ry);
}

}  // namespace stats
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_STATS_CORRELATION_HPP
