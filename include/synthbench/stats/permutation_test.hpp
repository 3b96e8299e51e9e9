#ifndef SYNTHBENCH_STATS_PERMUTATION_TEST_HPP
#define SYNTHBENCH_STATS_PERMUTATION_TEST_HPP

/// @file
/// Exact permutation p-values of Spearman's rho and Kendall's tau-b for n <= 10.
///
/// Under the null hypothesis of no association every pairing of the y values with the x
/// values is equally likely. The p-value is the share of the n! pairings whose statistic is
/// at least as extreme as the observed one (Pitman, "Significance tests which may be applied
/// to samples from any populations. II. The correlation coefficient test", 1937). For n = 6
/// there are 720 pairings, so a perfect ranking has one-sided p = 1/720.
///
/// Ties are handled exactly: y's values are permuted as a multiset (std::next_permutation
/// visits each distinct arrangement once), and each distinct arrangement stands for the same
/// number, prod(t_k!), of the n! index pairings, so proportions are those over all n!.
/// Statistics are compared as integers (twice the average ranks are integers), so "as
/// extreme as" has no rounding error. Needs no Boost: this header is cheap to include.
///
/// Without ties in x or y, Spearman's statistic has the same null distribution for every data
/// set of size n (the centred doubled ranks are always -(n - 1), -(n - 3), ..., n - 1): it is
/// enumerated once per n, on first use, and looked up afterwards (a sample study computes
/// thousands of these p-values; 8! pairings each cost milliseconds in a Debug build). The
/// lookup gives exactly what the enumeration gives (tested).

#include <algorithm>  // std::next_permutation, std::sort
#include <cstddef>    // std::size_t
#include <cstdint>    // std::int64_t, std::uint64_t
#include <cstdlib>    // std::llabs
#include <map>        // std::map
#include <mutex>      // std::mutex, std::lock_guard
#include <string>     // std::to_string
#include <vector>     // std::vector

#include "synthbench/result.hpp"
#include "synthbench/stats/alternative.hpp"
#include "synthbench/stats/paired_input.hpp"
#include "synthbench/stats/ranks.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace stats {

/// Which rank statistic the permutation test uses.
enum class RankStatistic {
  spearman,  ///< Spearman's rho
  kendall,   ///< Kendall's tau-b
};

/// An exact p-value, with the counts it is the ratio of.
struct ExactPValue {
  double p = 1.0;                     ///< at_least_as_extreme / orderings
  std::uint64_t at_least_as_extreme = 0;  ///< pairings whose statistic is as extreme as observed
  std::uint64_t orderings = 0;        ///< n!
};

/// The largest n the exact test accepts (10! = 3,628,800 pairings, well under a second).
inline constexpr std::size_t exact_p_value_max_n = 10;

namespace detail {

inline std::uint64_t factorial(std::size_t n) noexcept {
  std::uint64_t f = 1;
  for (std::size_t i = 2; i <= n; ++i) f *= i;
  return f;
}

inline std::int64_t sign(std::int64_t v) noexcept { return (v > 0) - (v < 0); }

/// The null distribution of sum_i a_i b_(pi(i)) over the n! permutations pi, for a = b the
/// centred doubled ranks of n untied values: statistic -> number of permutations.
inline const std::map<std::int64_t, std::uint64_t>& untied_spearman_null(std::size_t n) {
  static std::mutex mutex;
  static std::map<std::size_t, std::map<std::int64_t, std::uint64_t>> tables;
  std::lock_guard<std::mutex> lock(mutex);
  auto& table = tables[n];
  if (table.empty()) {
    std::vector<std::int64_t> a(n);
    for (std::size_t i = 0; i < n; ++i) a[i] = 2 * static_cast<std::int64_t>(i) + 1 - static_cast<std::int64_t>(n);
    std::vector<std::int64_t> perm = a;
    do {
      std::int64_t s = 0;
      for (std::size_t i = 0; i < n; ++i) s += a[i] * perm[i];
      ++table[s];
    } while (std::next_permutation(perm.begin(), perm.end()));
  }
  return table;
}

}  // namespace detail

/// Exact permutation p-value of `statistic` between x and y, for 2 <= n <= 10. Undefined
/// for larger n (use the asymptotic tests of asymptotic.hpp or the bootstrap), different
/// lengths, NaN or infinity, or a constant sample.
inline Result<ExactPValue> exact_p_value(const std::vector<double>& x, const std::vector<double>& y,
                                         RankStatistic statistic,
                                         Alternative alternative = Alternative::greater) {
  const char* name = statistic == RankStatistic::spearman ? "the exact p-value of Spearman's rho"
                                                          : "the exact p-value of Kendall's tau-b";
  if (auto bad = check_paired(x, y, 2, name)) {
    return Result<ExactPValue>::undefined(bad->first, bad->second);
  }
  const std::size_t n = x.size();
  if (n > exact_p_value_max_n) {
    return Result<ExactPValue>::undefined(
        Undefined::out_of_domain, std::string(name) + " enumerates n! pairings and is limited to n <= " +
                                      std::to_string(exact_p_value_max_n) + ", got n = " +
                                      std::to_string(n));
  }
  // Integer images of the data: for Spearman the centred doubled ranks 2r - (n + 1), whose
  // dot product is proportional to rho (the sums of squares do not change under permutation);
  // for Kendall the signs of pairwise differences, whose sum over pairs is S = n_c - n_d.
  std::vector<std::int64_t> a(n);
  std::vector<std::int64_t> b(n);
  const auto rx = average_ranks(x).value();
  const auto ry = average_ranks(y).value();
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = static_cast<std::int64_t>(2.0 * rx[i]) - static_cast<std::int64_t>(n + 1);
    b[i] = static_cast<std::int64_t>(2.0 * ry[i]) - static_cast<std::int64_t>(n + 1);
  }
  const auto stat = [&](const std::vector<std::int64_t>& yb) {
    std::int64_t s = 0;
    if (statistic == RankStatistic::spearman) {
      for (std::size_t i = 0; i < n; ++i) s += a[i] * yb[i];
    } else {
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) {
          s += detail::sign(a[i] - a[j]) * detail::sign(yb[i] - yb[j]);
        }
      }
    }
    return s;
  };
  const std::int64_t observed = stat(b);
  const auto untied = [](const std::vector<std::int64_t>& v) {
    std::vector<std::int64_t> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    return std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
  };
  if (statistic == RankStatistic::spearman && untied(a) && untied(b)) {
    ExactPValue result;
    result.orderings = detail::factorial(n);
    for (const auto& [s, count] : detail::untied_spearman_null(n)) {
      const bool as_extreme = alternative == Alternative::greater ? s >= observed
                              : alternative == Alternative::less  ? s <= observed
                                                                  : std::llabs(s) >= std::llabs(observed);
      if (as_extreme) result.at_least_as_extreme += count;
    }
    result.p = static_cast<double>(result.at_least_as_extreme) / static_cast<double>(result.orderings);
    return result;
  }
  std::vector<std::int64_t> perm = b;
  std::sort(perm.begin(), perm.end());
  std::uint64_t distinct = 0;
  std::uint64_t extreme = 0;
  do {
    const std::int64_t s = stat(perm);
    ++distinct;
    const bool as_extreme = alternative == Alternative::greater ? s >= observed
                            : alternative == Alternative::less  ? s <= observed
                                                                : std::llabs(s) >= std::llabs(observed);
    if (as_extreme) ++extreme;
  } while (std::next_permutation(perm.begin(), perm.end()));
  ExactPValue result;
  result.orderings = detail::factorial(n);
  const std::uint64_t multiplicity = result.orderings / distinct;  // prod(t_k!) over y's ties
  result.at_least_as_extreme = extreme * multiplicity;
  result.p = static_cast<double>(extreme) / static_cast<double>(distinct);
  return result;
}

}  // namespace stats
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_STATS_PERMUTATION_TEST_HPP
