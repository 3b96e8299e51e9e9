#ifndef SYNTHBENCH_STATS_KENDALL_HPP
#define SYNTHBENCH_STATS_KENDALL_HPP

/// @file
/// Kendall's tau-b, with Knight's O(n log n) algorithm.
///
/// tau_b = (n_c - n_d) / sqrt((n0 - n1)(n0 - n2)), where n0 = n(n-1)/2, n1 and n2 count the
/// pairs tied in x and in y (Kendall, "The treatment of ties in ranking problems", 1945).
/// Counting: sort by (x, y); then n_c - n_d = n0 - n1 - n2 + n3 - 2 * swaps, where n3 counts
/// pairs tied in both and swaps is the number of inversions of y in that order, counted by
/// a merge sort (Knight, "A computer method for calculating Kendall's tau with ungrouped
/// data", JASA 61, 1966). Equal to scipy.stats.kendalltau (variant "b").

#include <algorithm>  // std::sort
#include <cmath>      // std::sqrt
#include <cstddef>    // std::size_t
#include <cstdint>    // std::int64_t, std::uint32_t
#include <numeric>    // std::iota
#include <vector>     // std::vector

#include "synthbench/result.hpp"
#include "synthbench/stats/paired_input.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace stats {

/// The pair counts behind tau-b.
struct KendallCounts {
  std::int64_t pairs = 0;          ///< n0 = n(n-1)/2
  std::int64_t tied_x = 0;         ///< n1: pairs tied in x (including those tied in both)
  std::int64_t tied_y = 0;         ///< n2: pairs tied in y (including those tied in both)
  std::int64_t tied_both = 0;      ///< n3: pairs tied in x and in y
  std::int64_t discordant = 0;     ///< n_d
  /// n_c - n_d, Kendall's S.
  std::int64_t s() const noexcept { return pairs - tied_x - tied_y + tied_both - 2 * discordant; }
};

namespace detail {

inline std::int64_t tied_pairs(std::int64_t t) noexcept { return t * (t - 1) / 2; }

/// Counts inversions of v[lo, hi) while merge-sorting it (buffer `tmp` of the same size).
inline std::int64_t count_inversions(std::vector<double>& v, std::vector<double>& tmp,
                                     std::size_t lo, std::size_t hi) {
  if (hi - lo < 2) return 0;
  const std::size_t mid = lo + (hi - lo) / 2;
  std::int64_t inversions = count_inversions(v, tmp, lo, mid) + count_inversions(v, tmp, mid, hi);
  std::size_t i = lo;
  std::size_t j = mid;
  std::size_t k = lo;
  while (i < mid && j < hi) {
    if (v[j] < v[i]) {  // strictly smaller: equal values are ties, not inversions
      inversions += static_cast<std::int64_t>(mid - i);
      tmp[k++] = v[j++];
    } else {
      tmp[k++] = v[i++];
    }
  }
  while (i < mid) tmp[k++] = v[i++];
  while (j < hi) tmp[k++] = v[j++];
  for (std::size_t m = lo; m < hi; ++m) v[m] = tmp[m];
  return inversions;
}

}  // namespace detail

/// The pair counts of validated input (equal lengths, finite values).
inline KendallCounts kendall_counts(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = x.size();
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), std::uint32_t{0});
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return x[a] < x[b] || (x[a] == x[b] && y[a] < y[b]);
  });
  KendallCounts c;
  c.pairs = detail::tied_pairs(static_cast<std::int64_t>(n));
  std::size_t i = 0;
  while (i < n) {  // runs of equal x, and inside them runs of equal (x, y)
    std::size_t j = i + 1;
    while (j < n && x[order[j]] == x[order[i]]) ++j;
    c.tied_x += detail::tied_pairs(static_cast<std::int64_t>(j - i));
    std::size_t k = i;
    while (k < j) {
      std::size_t m = k + 1;
      while (m < j && y[order[m]] == y[order[k]]) ++m;
      c.tied_both += detail::tied_pairs(static_cast<std::int64_t>(m - k));
      k = m;
    }
    i = j;
  }
  std::vector<double> ys(n);
  for (std::size_t k = 0; k < n; ++k) ys[k] = y[order[k]];
  std::vector<double> tmp(n);
  c.discordant = detail::count_inversions(ys, tmp, 0, n);  // ys is now sorted
  i = 0;
  while (i < n) {
    std::size_t j = i + 1;
    while (j < n && ys[j] == ys[i]) ++j;
    c.tied_y += detail::tied_pairs(static_cast<std::int64_t>(j - i));
    i = j;
  }
  return c;
}

/// Kendall's tau-b. Undefined for n < 2, different lengths, NaN or infinity, or a sample
/// whose pairs are all tied (a constant sample).
inline Result<double> kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y) {
  if (auto bad = check_paired(x, y, 2, "Kendall's tau-b")) {
    return Result<double>::undefined(bad->first, bad->second);
  }
  const KendallCounts c = kendall_counts(x, y);
  const double denominator = std::sqrt(static_cast<double>(c.pairs - c.tied_x) *
                                       static_cast<double>(c.pairs - c.tied_y));
  const double tau = static_cast<double>(c.s()) / denominator;
  return tau > 1.0 ? 1.0 : (tau < -1.0 ? -1.0 : tau);
}

}  // namespace stats
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_STATS_KENDALL_HPP
