#ifndef SYNTHBENCH_STATS_RANKS_HPP
#define SYNTHBENCH_STATS_RANKS_HPP

/// @file
/// Fractional ("average") ranks with ties, as scipy.stats.rankdata(method="average"):
/// tied values share the mean of the ranks they occupy. Ranks are 1-based, ascending.
///
/// Sorting dominates the cost of Spearman's rho. Large inputs are sorted by an LSD radix
/// sort on an order-preserving integer image of the doubles, which is several times faster
/// than a comparison sort of the same indices (see tests/benchmarks/stats_benchmark.cpp).

#include <algorithm>  // std::sort, std::stable_sort
#include <array>      // std::array
#include <cstddef>    // std::size_t
#include <cstdint>    // std::uint64_t, std::uint32_t
#include <cstring>    // std::memcpy
#include <numeric>    // std::iota
#include <vector>     // std::vector

#include "synthbench/result.hpp"
#include "synthbench/stats/paired_input.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace stats {
namespace detail {

/// An unsigned integer with the same order as the double `v` (which must not be NaN);
/// -0.0 and +0.0 map to the same key because they compare equal.
inline std::uint64_t order_key(double v) noexcept {
  if (v == 0.0) v = 0.0;  // folds -0.0 into +0.0
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  // Negative numbers: flip every bit (larger magnitude sorts first). Positive: flip the sign bit.
  return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

/// Indices of `x` in ascending order of value (ties in index order). Requires no NaN.
inline std::vector<std::uint32_t> sorted_order(const std::vector<double>& x) {
  const std::size_t n = x.size();
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), std::uint32_t{0});
  if (n < 512) {
    std::stable_sort(order.begin(), order.end(),
                     [&x](std::uint32_t a, std::uint32_t b) { return x[a] < x[b]; });
    return order;
  }
  // LSD radix sort, 4 passes of 16 bits, stable. Passes where every key has the same digit
  // are skipped (common for the high bits of scores in a narrow range).
  std::vector<std::uint64_t> keys(n);
  for (std::size_t i = 0; i < n; ++i) keys[i] = order_key(x[i]);
  std::vector<std::uint64_t> keys_tmp(n);
  std::vector<std::uint32_t> order_tmp(n);
  std::vector<std::size_t> count(65536);
  for (unsigned shift = 0; shift < 64; shift += 16) {
    std::fill(count.begin(), count.end(), std::size_t{0});
    for (std::size_t i = 0; i < n; ++i) ++count[(keys[i] >> shift) & 0xFFFFu];
    if (count[(keys[0] >> shift) & 0xFFFFu] == n) continue;  // one digit value: nothing to do
    std::size_t sum = 0;
    for (auto& c : count) {
      const std::size_t here = c;
      c = sum;
      sum += here;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t slot = count[(keys[i] >> shift) & 0xFFFFu]++;
      keys_tmp[slot] = keys[i];
      order_tmp[slot] = order[i];
    }
    keys.swap(keys_tmp);
    order.swap(order_tmp);
  }
  return order;
}

/// Average ranks of `x` given its ascending `order`; calls `on_tie(t)` for each group of
/// t > 1 tied values.
template <class OnTie>
std::vector<double> ranks_from_order(const std::vector<double>& x,
                                     const std::vector<std::uint32_t>& order, OnTie&& on_tie) {
  const std::size_t n = x.size();
  std::vector<double> ranks(n);
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i + 1;
    while (j < n && x[order[j]] == x[order[i]]) ++j;
    // Positions i..j-1 (0-based) hold ranks i+1..j; their mean is (i + 1 + j) / 2.
    const double rank = static_cast<double>(i + 1 + j) / 2.0;
    for (std::size_t k = i; k < j; ++k) ranks[order[k]] = rank;
    if (j - i > 1) on_tie(j - i);
    i = j;
  }
  return ranks;
}

}  // namespace detail

/// Average (fractional) ranks of `x`, 1-based and ascending; undefined when `x` is empty or
/// holds a NaN or an infinity.
///
/// Example: {10, 20, 20, 30} has ranks {1, 2.5, 2.5, 4}: the two 20s occupy ranks 2 and 3.
inline Result<std::vector<double>> average_ranks(const std::vector<double>& x) {
  if (auto bad = check_sample(x, "x", 1, "ranking")) {
    return Result<std::vector<double>>::undefined(bad->first, bad->second);
  }
  return detail::ranks_from_order(x, detail::sorted_order(x), [](std::size_t) {});
}

/// Sizes of the groups of tied values in `x` (only groups of two or more), in ascending
/// order of value. Used for tie corrections. Requires finite values.
inline std::vector<std::size_t> tie_group_sizes(const std::vector<double>& x) {
  std::vector<std::size_t> sizes;
  detail::ranks_from_order(x, detail::sorted_order(x),
                           [&sizes](std::size_t t) { sizes.push_back(t); });
  return sizes;
}

}  // namespace stats
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_STATS_RANKS_HPP
