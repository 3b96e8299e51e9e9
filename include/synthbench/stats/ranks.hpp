#ifndef SYNTHBENCH_STATS_RANKS_HPP
#define SYNTHBENCH_STATS_RANKS_HPP

/// @file
/// Fractional ("average") ranks with ties, as scipy.stats.rankdata(method="average"):
/// tied values share the mean of the ranks they occupy. Ranks are 1-based, ascending.
///
/// Sorting dominates the cost of Spearman's rho. Large inputs are sorted by an LSD radix
/// sort on an order-preserving integer image of the doubles, which is several times faster
/// than a comparison sort of the same indices, and ties are then found in the sorted keys
/// rather than by random reads of the data (tests/benchmarks/stats_benchmark.cpp).

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

/// `x`'s indices in ascending order of value (ties in index order) with the matching sorted
/// order keys: keys[k] == order_key(x[order[k]]). Equal values have equal keys, so ties are
/// found by scanning `keys` sequentially instead of reading x[order[k]] at random.
struct SortedKeys {
  std::vector<std::uint32_t> order;  ///< indices of x, ascending by value
  std::vector<std::uint64_t> keys;   ///< order keys of the sorted values
};

/// Digit width of the LSD radix sort. With 11 bits, the 2048 counters of a digit fit in L1
/// and a scatter pass writes to few enough streams to keep write-combining effective; 16-bit
/// digits need only 4 passes but scatter over 65536 streams, which measured slower on 10^6
/// uniform doubles (45 ms against 35 ms here; tests/benchmarks/stats_benchmark.cpp).
inline constexpr unsigned radix_bits = 11;

/// Sorts `x` (which must hold no NaN) into SortedKeys: a comparison sort below 512 values, an
/// LSD radix sort on the order keys above (stable, so ties stay in index order).
inline SortedKeys sort_keys(const std::vector<double>& x) {
  const std::size_t n = x.size();
  SortedKeys s;
  s.order.resize(n);
  std::iota(s.order.begin(), s.order.end(), std::uint32_t{0});
  s.keys.resize(n);
  if (n < 512) {
    std::stable_sort(s.order.begin(), s.order.end(), [&x](std::uint32_t a, std::uint32_t b) { return x[a] < x[b]; });
    for (std::size_t k = 0; k < n; ++k) s.keys[k] = order_key(x[s.order[k]]);
    return s;
  }
  constexpr unsigned digits = (64 + radix_bits - 1) / radix_bits;  // 6 digits of 11 bits
  constexpr std::size_t radix = std::size_t{1} << radix_bits;
  constexpr std::uint64_t mask = radix - 1;
  // One read of the data fills the histograms of every digit.
  std::vector<std::uint32_t> count(digits * radix, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t key = order_key(x[i]);
    s.keys[i] = key;
    for (unsigned d = 0; d < digits; ++d) ++count[d * radix + ((key >> (d * radix_bits)) & mask)];
  }
  std::vector<std::uint64_t> keys_tmp(n);
  std::vector<std::uint32_t> order_tmp(n);
  for (unsigned d = 0; d < digits; ++d) {
    std::uint32_t* c = &count[d * radix];
    const unsigned shift = d * radix_bits;
    if (c[(s.keys[0] >> shift) & mask] == n) continue;  // every key has this digit: nothing to do
    std::uint32_t sum = 0;
    for (std::size_t b = 0; b < radix; ++b) {
      const std::uint32_t here = c[b];
      c[b] = sum;
      sum += here;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t key = s.keys[i];
      const std::uint32_t slot = c[(key >> shift) & mask]++;
      keys_tmp[slot] = key;
      order_tmp[slot] = s.order[i];
    }
    s.keys.swap(keys_tmp);
    s.order.swap(order_tmp);
  }
  return s;
}

/// Indices of `x` in ascending order of value (ties in index order). Requires no NaN.
inline std::vector<std::uint32_t> sorted_order(const std::vector<double>& x) { return sort_keys(x).order; }

/// Average ranks from SortedKeys of n values; calls `on_tie(t)` for each group of t > 1 tied
/// values.
template <class OnTie>
std::vector<double> ranks_from_sorted(const SortedKeys& s, OnTie&& on_tie) {
  const std::size_t n = s.order.size();
  std::vector<double> ranks(n);
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i + 1;
    while (j < n && s.keys[j] == s.keys[i]) ++j;
    // Positions i..j-1 (0-based) hold ranks i+1..j; their mean is (i + 1 + j) / 2.
    const double rank = static_cast<double>(i + 1 + j) / 2.0;
    for (std::size_t k = i; k < j; ++k) ranks[s.order[k]] = rank;
    if (j - i > 1) on_tie(j - i);
    i = j;
  }
  return ranks;
}

/// Average ranks of `x` given its ascending `order`; calls `on_tie(t)` for each group of
/// t > 1 tied values.
template <class OnTie>
std::vector<double> ranks_from_order(const std::vector<double>& x, const std::vector<std::uint32_t>& order,
                                     OnTie&& on_tie) {
  SortedKeys s{order, std::vector<std::uint64_t>(order.size())};
  for (std::size_t k = 0; k < order.size(); ++k) s.keys[k] = order_key(x[order[k]]);
  return ranks_from_sorted(s, on_tie);
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
  return detail::ranks_from_sorted(detail::sort_keys(x), [](std::size_t) {});
}

/// Sizes of the groups of tied values in `x` (only groups of two or more), in ascending
/// order of value. Used for tie corrections. Requires finite values.
inline std::vector<std::size_t> tie_group_sizes(const std::vector<double>& x) {
  std::vector<std::size_t> sizes;
  detail::ranks_from_sorted(detail::sort_keys(x), [&sizes](std::size_t t) { sizes.push_back(t); });
  return sizes;
}

}  // namespace stats
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_STATS_RANKS_HPP
