#ifndef SYNTHBENCH_STATS_BOOTSTRAP_HPP
#define SYNTHBENCH_STATS_BOOTSTRAP_HPP

/// @file
/// The nonparametric bootstrap over items, with percentile confidence intervals
/// (Efron, "Bootstrap methods: another look at the jackknife", Ann. Statist. 7, 1979;
/// Efron & Tibshirani, "An Introduction to the Bootstrap", 1993, ch. 13).
///
/// A statistic computed from n items (macro-F1 over 200 test examples, say) is recomputed on
/// B resamples, each n indices drawn uniformly with replacement from [0, n). The interval at
/// confidence c runs from the (1 - c)/2 to the (1 + c)/2 quantile of the B replicates.
///
/// - Quantiles: Hyndman & Fan's definition 7 ("Sample quantiles in statistical packages",
///   Amer. Statist. 50, 1996), linear interpolation between order statistics: with the
///   replicates sorted as x_0 <= ... <= x_{m-1}, Q(p) = x_j + g (x_{j+1} - x_j), where
///   h = (m - 1) p, j = floor(h), g = h - j. This is R's default and numpy.percentile's
///   "linear" method, so intervals can be checked against either.
/// - Reproducibility: resamples come from xoshiro256** and Lemire's bounded integers
///   (random.hpp), so a seed gives the same indices on every platform and standard library.
///   The statistics themselves are IEEE double arithmetic: identical wherever the compiler
///   does not contract a*b+c into a fused multiply-add.
/// - Undefined replicates: a resample can make a statistic undefined (all resampled scores
///   equal, so a rank correlation is 0/0). Such replicates are left out and counted; the
///   interval is that of the bootstrap distribution conditional on the statistic being
///   defined. When more than `max_undefined_share` of them are undefined the conditioning no
///   longer describes the sampling variability, and the interval is undefined with the
///   reason of the first undefined replicate.

#include <algorithm>  // std::sort
#include <cmath>      // std::floor, std::sqrt, std::isfinite
#include <cstddef>    // std::size_t
#include <cstdint>    // std::uint32_t, std::uint64_t
#include <numeric>    // std::iota
#include <string>     // std::string, std::to_string
#include <utility>    // std::move
#include <vector>     // std::vector

#include "synthbench/detail/format.hpp"
#include "synthbench/result.hpp"
#include "synthbench/stats/random.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace stats {

/// The seed used when none is given: the arXiv number of the paper behind the method
/// (2409.11968), so that documented examples reproduce.
inline constexpr std::uint64_t default_bootstrap_seed = 240911968u;

/// How to bootstrap.
struct BootstrapOptions {
  /// Number of resamples B. 2000 keeps the Monte Carlo error of 95% percentile limits small
  /// against their sampling error (Efron & Tibshirani 1993, section 19.3, ask for >= 1000).
  std::size_t resamples = 2000;
  /// Seed of the generator; the same seed gives the same resamples everywhere.
  std::uint64_t seed = default_bootstrap_seed;
  /// Coverage of the interval, in (0, 1).
  double confidence = 0.95;
  /// The largest share of undefined replicates that still gives an interval, in [0, 1].
  double max_undefined_share = 0.05;
};

/// A bootstrap percentile interval with the numbers behind it.
struct BootstrapInterval {
  double estimate = 0.0;             ///< the statistic on the original items
  double lower = 0.0;                ///< lower limit: the (1 - confidence)/2 quantile
  double upper = 0.0;                ///< upper limit: the (1 + confidence)/2 quantile
  double confidence = 0.0;           ///< the nominal coverage
  double mean = 0.0;                 ///< mean of the defined replicates (mean - estimate: bias)
  double standard_error = 0.0;       ///< standard deviation of the defined replicates (divisor m - 1)
  std::size_t resamples = 0;         ///< replicates drawn (B)
  std::size_t undefined_resamples = 0;  ///< replicates whose statistic was undefined (left out)
};

/// Why `options` cannot be used, or an empty string.
inline std::string check_bootstrap_options(const BootstrapOptions& options) {
  if (options.resamples < 2) {
    return "the bootstrap needs at least 2 resamples, got " + std::to_string(options.resamples);
  }
  if (!(options.confidence > 0.0 && options.confidence < 1.0)) {
    return "the confidence level must lie in (0, 1), got " + ::synthbench::detail::general(options.confidence, 6);
  }
  if (!(options.max_undefined_share >= 0.0 && options.max_undefined_share <= 1.0)) {
    return "max_undefined_share must lie in [0, 1], got " + ::synthbench::detail::general(options.max_undefined_share, 6);
  }
  return {};
}

/// Quantile of sorted, finite `sorted` at probability `p` in [0, 1], by Hyndman & Fan's
/// definition 7 (see the file comment). Precondition: `sorted` is not empty.
inline double quantile_sorted(const std::vector<double>& sorted, double p) {
  const std::size_t m = sorted.size();
  const double h = static_cast<double>(m - 1) * p;
  const double floor_h = std::floor(h);
  const auto j = static_cast<std::size_t>(floor_h);
  if (j + 1 >= m) return sorted[m - 1];
  const double g = h - floor_h;
  if (g == 0.0 || sorted[j] == sorted[j + 1]) return sorted[j];  // exact order statistics stay exact
  // Rounding must not carry the interpolated value past its neighbours.
  const double value = sorted[j] + g * (sorted[j + 1] - sorted[j]);
  return value < sorted[j] ? sorted[j] : (value > sorted[j + 1] ? sorted[j + 1] : value);
}

/// Collects the replicates of one statistic, then summarizes them as a BootstrapInterval.
class ReplicateCollector {
 public:
  /// Room for `resamples` replicates.
  explicit ReplicateCollector(std::size_t resamples = 0) { values_.reserve(resamples); }

  /// Records one replicate; an undefined (or non-finite) one is counted and left out.
  void add(const Result<double>& replicate) {
    if (replicate.ok() && std::isfinite(replicate.value())) {
      values_.push_back(replicate.value());
      return;
    }
    if (undefined_ == 0) {
      first_code_ = replicate.ok() ? Undefined::not_finite : replicate.code();
      first_detail_ = replicate.ok() ? "a replicate is not finite" : replicate.detail();
    }
    ++undefined_;
  }
  /// Records one defined replicate.
  void add(double replicate) { add(Result<double>(replicate)); }

  /// Replicates recorded so far, defined or not.
  std::size_t size() const noexcept { return values_.size() + undefined_; }
  /// The defined replicates, in the order recorded.
  const std::vector<double>& values() const noexcept { return values_; }
  /// The number of undefined replicates.
  std::size_t undefined_count() const noexcept { return undefined_; }

  /// The percentile interval around `estimate` (the statistic on the original items).
  /// Undefined when the options are invalid, when fewer than 2 replicates are defined, or
  /// when more than options.max_undefined_share of them are undefined.
  Result<BootstrapInterval> summarize(double estimate, const BootstrapOptions& options) const {
    if (const std::string bad = check_bootstrap_options(options); !bad.empty()) {
      return Result<BootstrapInterval>::undefined(Undefined::out_of_domain, bad);
    }
    const std::size_t total = size();
    const double share = total == 0 ? 1.0 : static_cast<double>(undefined_) / static_cast<double>(total);
    if (values_.size() < 2 || share > options.max_undefined_share) {
      std::string detail = std::to_string(undefined_) + " of " + std::to_string(total) +
                           " bootstrap replicates are undefined (at most " +
                           ::synthbench::detail::general(100.0 * options.max_undefined_share, 4) + "% allowed)";
      if (undefined_ > 0) detail += "; the first: " + first_detail_;
      return Result<BootstrapInterval>::undefined(undefined_ > 0 ? first_code_ : Undefined::too_few, detail);
    }
    std::vector<double> sorted = values_;
    std::sort(sorted.begin(), sorted.end());
    BootstrapInterval interval;
    interval.estimate = estimate;
    interval.confidence = options.confidence;
    const double tail = 0.5 * (1.0 - options.confidence);
    interval.lower = quantile_sorted(sorted, tail);
    interval.upper = quantile_sorted(sorted, 1.0 - tail);
    // Two passes over the sorted values: a mean first, then squared deviations (stable, and
    // summing in sorted order makes the result independent of the order of the replicates).
    double sum = 0.0;
    for (const double v : sorted) sum += v;
    interval.mean = sum / static_cast<double>(sorted.size());
    double squares = 0.0;
    for (const double v : sorted) squares += (v - interval.mean) * (v - interval.mean);
    interval.standard_error = std::sqrt(squares / static_cast<double>(sorted.size() - 1));
    interval.resamples = total;
    interval.undefined_resamples = undefined_;
    return interval;
  }

 private:
  std::vector<double> values_;
  std::size_t undefined_ = 0;
  Undefined first_code_ = Undefined::too_few;
  std::string first_detail_;
};

/// The largest number of items a resample can index (indices are 32-bit).
inline constexpr std::size_t max_bootstrap_items = 0xFFFFFFFFu;

/// Fills `indices` with n = indices.size() draws, uniform with replacement from [0, n).
/// Precondition: 0 < n <= max_bootstrap_items.
inline void draw_resample(Xoshiro256StarStar& rng, std::vector<std::uint32_t>& indices) {
  const auto n = static_cast<std::uint32_t>(indices.size());
  for (auto& index : indices) index = rng.bounded32(n);
}

/// 0, 1, ..., n - 1: the "resample" that is the original data.
inline std::vector<std::uint32_t> identity_indices(std::size_t n) {
  std::vector<std::uint32_t> indices(n);
  std::iota(indices.begin(), indices.end(), std::uint32_t{0});
  return indices;
}

/// Why n items cannot be bootstrapped, or an empty string.
inline std::string check_bootstrap_items(std::size_t n) {
  if (n == 0) return "the bootstrap needs at least 1 item, got 0";
  if (n > max_bootstrap_items) return "the bootstrap indexes at most 2^32 - 1 items, got " + std::to_string(n);
  return {};
}

/// Bootstraps `statistic` over n items: `statistic(indices)` (a callable taking
/// `const std::vector<std::uint32_t>&` and returning Result<double>) is evaluated on the
/// identity for the estimate, then on options.resamples resamples drawn by
/// Xoshiro256StarStar(options.seed). Undefined when the estimate is, when n is 0, or as
/// ReplicateCollector::summarize says.
template <class Statistic>
Result<BootstrapInterval> bootstrap(std::size_t n, Statistic&& statistic, const BootstrapOptions& options = {}) {
  if (const std::string bad = check_bootstrap_options(options); !bad.empty()) {
    return Result<BootstrapInterval>::undefined(Undefined::out_of_domain, bad);
  }
  if (const std::string bad = check_bootstrap_items(n); !bad.empty()) {
    return Result<BootstrapInterval>::undefined(n == 0 ? Undefined::too_few : Undefined::out_of_domain, bad);
  }
  std::vector<std::uint32_t> indices = identity_indices(n);
  const Result<double> estimate = statistic(static_cast<const std::vector<std::uint32_t>&>(indices));
  if (!estimate) return Result<BootstrapInterval>::undefined_from(estimate);
  Xoshiro256StarStar rng(options.seed);
  ReplicateCollector replicates(options.resamples);
  for (std::size_t b = 0; b < options.resamples; ++b) {
    draw_resample(rng, indices);
    replicates.add(statistic(static_cast<const std::vector<std::uint32_t>&>(indices)));
  }
  return replicates.summarize(estimate.value(), options);
}

}  // namespace stats
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_STATS_BOOTSTRAP_HPP
