#ifndef SYNTHBENCH_STATS_PAIRED_HPP
#define SYNTHBENCH_STATS_PAIRED_HPP

/// @file
/// Paired comparison of two systems on the same items: is the current one worse than the
/// baseline by more than a margin? (EXPECT_NOT_WORSE, docs/metrics.md "Paired gating".)
///
/// The question is one-sided. With d the difference of a metric, current minus baseline, on
/// the population the items are drawn from, the null hypothesis is d >= -margin ("not worse
/// by more than the margin") and the gate fails only on evidence against it, at level alpha.
/// So a run of the same model twice (d = 0) fails at most an alpha share of the time, and a
/// real drop passes unless the items are enough to see it (plan how many: planning.hpp).
/// The interval reported with the test is the matching one-sided interval (-inf, upper]: the
/// gate fails exactly when upper < -margin.
///
/// - Any metric: the paired bootstrap (Efron & Tibshirani, "An Introduction to the
///   Bootstrap", 1993, ch. 16, a test from the percentile interval). Each resample draws n
///   item indices with replacement and computes both systems' metric on the same items; d*
///   is their difference. With B defined replicates and k = floor(alpha B), the upper bound
///   is the (B - k)-th smallest d*, and p = #{d* >= -margin} / B, so that the gate fails
///   (p <= alpha) exactly when upper < -margin.
/// - Accuracy with margin 0: McNemar's test in its exact form (McNemar, Psychometrika 12,
///   1947; exact conditional version, Agresti, "Categorical Data Analysis", 3rd ed., 2013,
///   section 11.1.4). Of the m items where the two systems disagree, L were right before and
///   wrong now (lost) and G the reverse (gained). Given m, L ~ Binomial(m, theta) with theta =
///   1/2 when the accuracies are equal; the one-sided p-value is P(L >= l | m, 1/2). The
///   interval comes from the exact (Clopper & Pearson, Biometrika 26, 1934) one-sided lower
///   bound theta_L of theta: the difference of accuracies is (G - L)/n = -(m/n)(2 theta - 1),
///   so upper = (m/n)(1 - 2 theta_L), conditional on m as the test is; upper < 0 exactly when
///   p <= alpha.
/// - Several comparisons in one assertion (every approach on every dataset): Holm's step-down
///   adjustment of the p-values (Holm, Scand. J. Statist. 6, 1979), so that the chance that
///   any of them fails when none is worse stays at most alpha.

#include <algorithm>  // std::sort, std::max, std::min
#include <cmath>      // std::lgamma, std::exp, std::log, std::log1p, std::ldexp, std::floor, std::isfinite
#include <cstddef>    // std::size_t
#include <cstdint>    // std::uint32_t, std::uint64_t
#include <numeric>    // std::iota
#include <string>     // std::string
#include <vector>     // std::vector

#include "synthbench/detail/format.hpp"
#include "synthbench/result.hpp"
#include "synthbench/stats/bootstrap.hpp"
#include "synthbench/stats/random.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace stats {

/// P(X >= k) for X ~ Binomial(m, theta): the sum of the probabilities of k..m, each
/// C(m, j) theta^j (1 - theta)^(m - j) computed through lgamma (relative error about 1e-13 for
/// m up to thousands). For theta = 1/2 and m <= 52 (McNemar's test on up to 52 changed
/// items) it is exact: the sum of the binomial coefficients in integers, times 2^-m. 1 for
/// k = 0, 0 for k > m.
inline double binomial_upper_tail(std::size_t k, std::size_t m, double theta) {
  if (k == 0) return 1.0;
  if (k > m) return 0.0;
  if (theta <= 0.0) return 0.0;
  if (theta >= 1.0) return 1.0;
  if (theta == 0.5 && m <= 52) {
    std::uint64_t coefficient = 1;  // C(m, j), from j = m down
    std::uint64_t sum = 0;          // < 2^52: exact in a double
    for (std::size_t j = m;; --j) {
      sum += coefficient;
      if (j == k) break;
      coefficient = coefficient * j / (m - j + 1);  // C(m, j - 1) = C(m, j) j / (m - j + 1), exact
    }
    return std::ldexp(static_cast<double>(sum), -static_cast<int>(m));
  }
  const double md = static_cast<double>(m);
  const double log_theta = std::log(theta);
  const double log_rest = std::log1p(-theta);
  const double log_m_factorial = std::lgamma(md + 1.0);
  double sum = 0.0;
  for (std::size_t j = k; j <= m; ++j) {
    const double jd = static_cast<double>(j);
    sum += std::exp(log_m_factorial - std::lgamma(jd + 1.0) - std::lgamma(md - jd + 1.0) + jd * log_theta +
                    (md - jd) * log_rest);
  }
  return std::min(1.0, sum);
}

/// The exact one-sided lower confidence bound (Clopper-Pearson) of a binomial probability
/// after `k` successes in `m` trials, at confidence 1 - alpha: the theta at which
/// P(X >= k | m, theta) = alpha (0 when k = 0). Found by bisection to 1e-13.
inline double clopper_pearson_lower(std::size_t k, std::size_t m, double alpha) {
  if (k == 0 || m == 0) return 0.0;
  double lo = 0.0;
  double hi = 1.0;
  for (int i = 0; i < 100 && hi - lo > 1e-13; ++i) {
    const double mid = 0.5 * (lo + hi);
    (binomial_upper_tail(k, m, mid) > alpha ? hi : lo) = mid;
  }
  return 0.5 * (lo + hi);
}

/// How the difference was tested.
enum class PairedMethod {
  bootstrap,  ///< paired bootstrap percentile test
  mcnemar,    ///< exact McNemar test (accuracy, margin 0)
};

/// "paired bootstrap" or "exact McNemar".
inline const char* to_string(PairedMethod m) noexcept {
  return m == PairedMethod::bootstrap ? "paired bootstrap" : "exact McNemar";
}

/// The one-sided test that the current system is worse than the baseline by more than the
/// margin, with the numbers behind it.
struct PairedComparison {
  PairedMethod method = PairedMethod::bootstrap;  ///< how
  std::size_t items = 0;         ///< n, the paired items
  double baseline = 0.0;         ///< the metric of the baseline on all items
  double current = 0.0;          ///< the metric of the current system on all items
  double difference = 0.0;       ///< current - baseline
  double upper = 0.0;            ///< one-sided (1 - alpha) upper confidence bound of the difference
  double p_value = 1.0;          ///< of the null "difference >= -margin"
  double margin = 0.0;           ///< the tolerated drop
  double alpha = 0.05;           ///< the level
  std::size_t resamples = 0;     ///< bootstrap replicates drawn (0 for McNemar)
  std::size_t undefined_resamples = 0;  ///< replicates where either metric was undefined
  std::size_t gained = 0;        ///< McNemar: items wrong before, right now
  std::size_t lost = 0;          ///< McNemar: items right before, wrong now

  /// True when the difference is significantly below -margin (p <= alpha).
  bool worse() const noexcept { return p_value <= alpha; }
};

/// Why `margin` and `alpha` cannot be used, or "".
inline std::string check_paired_options(double margin, double alpha) {
  if (!(margin >= 0.0) || !std::isfinite(margin)) {
    return "the margin must be a finite number >= 0, got " + ::synthbench::detail::general(margin, 6);
  }
  if (!(alpha > 0.0 && alpha < 1.0)) return "alpha must lie in (0, 1), got " + ::synthbench::detail::general(alpha, 6);
  return {};
}

/// The exact McNemar test of "the current accuracy is not lower" after `gained` items went
/// from wrong to right and `lost` from right to wrong, of `items` paired items (margin 0),
/// with the Clopper-Pearson upper bound of the difference (see the file comment).
inline Result<PairedComparison> mcnemar_exact(std::size_t gained, std::size_t lost, std::size_t items,
                                              double baseline_accuracy, double alpha) {
  if (const std::string bad = check_paired_options(0.0, alpha); !bad.empty()) {
    return Result<PairedComparison>::undefined(Undefined::out_of_domain, bad);
  }
  if (items == 0 || gained + lost > items) {
    return Result<PairedComparison>::undefined(Undefined::too_few,
                                               "McNemar's test needs items, and at most as many changed items as items");
  }
  PairedComparison c;
  c.method = PairedMethod::mcnemar;
  c.items = items;
  c.alpha = alpha;
  c.gained = gained;
  c.lost = lost;
  const std::size_t m = gained + lost;
  const double n = static_cast<double>(items);
  c.baseline = baseline_accuracy;
  c.difference = (static_cast<double>(gained) - static_cast<double>(lost)) / n;
  c.current = baseline_accuracy + c.difference;
  c.p_value = binomial_upper_tail(lost, m, 0.5);
  c.upper = static_cast<double>(m) / n * (1.0 - 2.0 * clopper_pearson_lower(lost, m, alpha));
  return c;
}

/// The paired bootstrap test (see the file comment) of `current` against `baseline` on n
/// items: each is a callable taking `const std::vector<std::uint32_t>&` item indices and
/// returning Result<double>, the metric on those items. Resamples from
/// Xoshiro256StarStar(options.seed); options.confidence is not used (alpha sets the level).
/// Undefined when either metric is undefined on all items, for bad options, or when more
/// than options.max_undefined_share of the replicates are undefined.
template <class Baseline, class Current>
Result<PairedComparison> paired_bootstrap(std::size_t n, Baseline&& baseline, Current&& current, double margin,
                                          double alpha, const BootstrapOptions& options = {}) {
  if (const std::string bad = check_paired_options(margin, alpha); !bad.empty()) {
    return Result<PairedComparison>::undefined(Undefined::out_of_domain, bad);
  }
  if (const std::string bad = check_bootstrap_options(options); !bad.empty()) {
    return Result<PairedComparison>::undefined(Undefined::out_of_domain, bad);
  }
  if (const std::string bad = check_bootstrap_items(n); !bad.empty()) {
    return Result<PairedComparison>::undefined(n == 0 ? Undefined::too_few : Undefined::out_of_domain, bad);
  }
  std::vector<std::uint32_t> indices = identity_indices(n);
  const Result<double> b0 = baseline(static_cast<const std::vector<std::uint32_t>&>(indices));
  if (!b0) return Result<PairedComparison>::undefined_from(b0);
  const Result<double> c0 = current(static_cast<const std::vector<std::uint32_t>&>(indices));
  if (!c0) return Result<PairedComparison>::undefined_from(c0);
  PairedComparison c;
  c.items = n;
  c.baseline = b0.value();
  c.current = c0.value();
  c.difference = c.current - c.baseline;
  c.margin = margin;
  c.alpha = alpha;
  c.resamples = options.resamples;
  Xoshiro256StarStar rng(options.seed);
  std::vector<double> replicates;
  replicates.reserve(options.resamples);
  std::string first_undefined;
  for (std::size_t b = 0; b < options.resamples; ++b) {
    draw_resample(rng, indices);
    const Result<double> rb = baseline(static_cast<const std::vector<std::uint32_t>&>(indices));
    const Result<double> rc = current(static_cast<const std::vector<std::uint32_t>&>(indices));
    if (rb && rc && std::isfinite(rc.value() - rb.value())) {
      replicates.push_back(rc.value() - rb.value());
    } else {
      if (first_undefined.empty()) first_undefined = !rb ? rb.message() : (!rc ? rc.message() : "a difference is not finite");
      ++c.undefined_resamples;
    }
  }
  const double share = static_cast<double>(c.undefined_resamples) / static_cast<double>(options.resamples);
  if (replicates.size() < 2 || share > options.max_undefined_share) {
    return Result<PairedComparison>::undefined(
        Undefined::too_few, std::to_string(c.undefined_resamples) + " of " + std::to_string(options.resamples) +
                                " paired bootstrap replicates are undefined; the first: " + first_undefined);
  }
  std::sort(replicates.begin(), replicates.end());
  const std::size_t b = replicates.size();
  // k replicates may lie at or above -margin for the gate to fail: fail <=> count <= k <=>
  // the (b - k)-th smallest replicate (the upper bound) is below -margin.
  const auto k = static_cast<std::size_t>(std::floor(alpha * static_cast<double>(b)));
  c.upper = replicates[b - k - 1];  // k <= alpha b < b
  const auto at_or_above = static_cast<std::size_t>(
      replicates.end() - std::lower_bound(replicates.begin(), replicates.end(), -margin));
  c.p_value = static_cast<double>(at_or_above) / static_cast<double>(b);  // <= alpha exactly when at_or_above <= k
  return c;
}

/// Holm's step-down adjustment of `p` (Holm 1979): sorted ascending, the i-th smallest
/// (from 1) becomes max over j <= i of min(1, (k - j + 1) p_(j)), k = p.size(). Returned in
/// the order of `p`.
inline std::vector<double> holm_adjust(const std::vector<double>& p) {
  const std::size_t k = p.size();
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&p](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  std::vector<double> adjusted(k, 1.0);
  double running = 0.0;
  for (std::size_t i = 0; i < k; ++i) {
    running = std::max(running, std::min(1.0, static_cast<double>(k - i) * p[order[i]]));
    adjusted[order[i]] = running;
  }
  return adjusted;
}

}  // namespace stats
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_STATS_PAIRED_HPP
