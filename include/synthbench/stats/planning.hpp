#ifndef SYNTHBENCH_STATS_PLANNING_HPP
#define SYNTHBENCH_STATS_PLANNING_HPP

/// @file
/// How many items a paired gate (EXPECT_NOT_WORSE, paired.hpp) needs to see a drop: "how
/// many test items do I need to detect a drop of d in accuracy with power 0.8?"
///
/// Assumptions (docs/metrics.md, "Planning"):
/// - The metric is accuracy (each item right or wrong) and the gate is the exact one-sided
///   McNemar test at level alpha with margin 0, as EXPECT_NOT_WORSE runs it. For other
///   metrics (macro-F1 and the like, tested by the paired bootstrap) the figure is a guide:
///   such metrics move more per changed item than accuracy does, so they usually need about as
///   many items or more.
/// - Items are independent, and each is in one of four states: right in both runs, wrong in
///   both, lost (right before, wrong now; probability p_lost) or gained (p_gained). The drop
///   is d = p_lost - p_gained; the discordance psi = p_lost + p_gained, the share of items on
///   which the two versions disagree, is the other input. Two runs of the same model at
///   temperature 0 typically disagree on a few percent of items; a different model version on
///   more. Without a measured value, the independence bound psi = p (1 - q) + q (1 - p) for
///   accuracies p (before) and q = p - d (after) assumes the two versions' errors are
///   unrelated, which overstates psi for related versions and so overstates the items needed.
/// - The count is exact for the test that runs: starting from Connor's normal approximation,
///   n = ((z_{1-alpha} sqrt(psi) + z_{power} sqrt(psi - d^2)) / d)^2 (Connor, "Sample size
///   for testing differences in proportions for the paired-sample design", Biometrics 43,
///   1987), the exact power of the exact test, sum over m of P(m discordant) P(L >= c_m | m,
///   p_lost / psi), with c_m the critical value of the test given m, is computed for
///   increasing n until it reaches the target. (The exact test's power is not monotone in n:
///   the answer is the first n at or above Connor's value that reaches the target.)

#include <boost/math/distributions/normal.hpp>  // boost::math::normal_distribution, quantile

#include <algorithm>  // std::max, std::min
#include <cmath>      // std::sqrt, std::ceil, std::floor, std::exp, std::log, std::log1p
#include <cstddef>    // std::size_t
#include <string>     // std::string
#include <vector>     // std::vector

#include "synthbench/detail/format.hpp"
#include "synthbench/result.hpp"
#include "synthbench/stats/paired.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace stats {

/// What to plan for.
struct PlanInput {
  double drop = 0.02;         ///< d, the drop of accuracy to detect (0.02: two points)
  double discordance = 0.0;   ///< psi, the share of items whose outcome differs between the versions; 0: from accuracy
  double accuracy = 0.0;      ///< p, the baseline accuracy, for the independence bound when discordance is 0
  double alpha = 0.05;        ///< the level of the one-sided test
  double power = 0.8;         ///< the chance to detect the drop
};

/// The answer, with what it rests on.
struct PlanResult {
  std::size_t items = 0;            ///< the first n at or above Connor's that reaches the power
  std::size_t normal_approximation = 0;  ///< Connor's n
  double exact_power = 0.0;         ///< the exact power at `items`
  double discordance = 0.0;         ///< psi used
  double p_lost = 0.0;              ///< (psi + d) / 2
  double p_gained = 0.0;            ///< (psi - d) / 2
};

namespace detail {

/// log(k!) for k = 0..n.
inline std::vector<double> log_factorials(std::size_t n) {
  std::vector<double> out(n + 1, 0.0);
  for (std::size_t k = 2; k <= n; ++k) out[k] = out[k - 1] + std::log(static_cast<double>(k));
  return out;
}

/// mcnemar_power with log(k!) from `lf` (at least n + 1 entries).
inline double mcnemar_power(std::size_t n, double p_lost, double p_gained, double alpha, const std::vector<double>& lf) {
  const double psi = p_lost + p_gained;
  if (n == 0 || psi <= 0.0) return 0.0;
  const double nd = static_cast<double>(n);
  const double theta = p_lost / psi;
  const double mean = nd * psi;
  const double sd = std::sqrt(nd * psi * (1.0 - psi));
  const auto lo = static_cast<std::size_t>(std::max(0.0, std::floor(mean - 10.0 * sd - 1.0)));
  const auto hi = static_cast<std::size_t>(std::min(nd, std::ceil(mean + 10.0 * sd + 1.0)));
  const double log_psi = std::log(psi);
  const double log_rest = std::log1p(-psi);
  const double log_half = std::log(0.5);
  const double log_theta = std::log(theta);
  const double log_theta_rest = std::log1p(-theta);
  double power = 0.0;
  for (std::size_t m = lo; m <= hi; ++m) {
    const double md = static_cast<double>(m);
    const double p_m = psi >= 1.0 ? (m == n ? 1.0 : 0.0)
                                  : std::exp(lf[n] - lf[m] - lf[n - m] + md * log_psi + (nd - md) * log_rest);
    if (p_m < 1e-300) continue;
    // c_m: the smallest number of losses whose tail under theta = 1/2 is <= alpha; the power
    // given m is the tail from c_m under theta.
    std::size_t c = m + 1;
    double tail = 0.0;
    double detect = 0.0;
    for (std::size_t j = m + 1; j-- > 0;) {
      const double log_choose = lf[m] - lf[j] - lf[m - j];
      tail += std::exp(log_choose + md * log_half);
      if (tail > alpha) break;
      c = j;
      detect += std::exp(log_choose + static_cast<double>(j) * log_theta + (md - static_cast<double>(j)) * log_theta_rest);
    }
    if (c <= m) power += p_m * detect;
  }
  return std::min(1.0, power);
}

}  // namespace detail

/// The exact power of the one-sided exact McNemar test at level `alpha` on `n` items when
/// each is lost with probability `p_lost` and gained with probability `p_gained` (see the
/// file comment). Terms of the number of discordant items m farther than 10 standard
/// deviations from its mean are left out (their probability is below 1e-20).
inline double mcnemar_power(std::size_t n, double p_lost, double p_gained, double alpha) {
  return detail::mcnemar_power(n, p_lost, p_gained, alpha, detail::log_factorials(n));
}

/// Items needed to detect `input.drop` with `input.power` (see the file comment). Undefined,
/// saying why, for a drop outside (0, 1), a level or power outside (0, 1), or a discordance
/// that cannot hold the drop (psi < d, or psi > 1).
inline Result<PlanResult> plan_items(const PlanInput& input) {
  using ::synthbench::detail::general;
  const double d = input.drop;
  if (!(d > 0.0 && d < 1.0)) return Result<PlanResult>::undefined(Undefined::out_of_domain, "the drop must lie in (0, 1), got " + general(d, 6));
  if (!(input.alpha > 0.0 && input.alpha < 1.0)) {
    return Result<PlanResult>::undefined(Undefined::out_of_domain, "alpha must lie in (0, 1), got " + general(input.alpha, 6));
  }
  if (!(input.power > 0.0 && input.power < 1.0)) {
    return Result<PlanResult>::undefined(Undefined::out_of_domain, "the power must lie in (0, 1), got " + general(input.power, 6));
  }
  double psi = input.discordance;
  if (psi == 0.0) {
    const double p = input.accuracy;
    const double q = p - d;
    if (!(p > 0.0 && p <= 1.0) || !(q >= 0.0)) {
      return Result<PlanResult>::undefined(Undefined::out_of_domain,
                                           "give the discordance, or a baseline accuracy in (drop, 1] (got accuracy " +
                                               general(p, 6) + ")");
    }
    psi = p * (1.0 - q) + q * (1.0 - p);
  }
  if (!(psi >= d && psi <= 1.0)) {
    return Result<PlanResult>::undefined(Undefined::out_of_domain,
                                         "the discordance must lie in [drop, 1]: a drop of " + general(d, 6) +
                                             " needs at least that share of items to change, got " + general(psi, 6));
  }
  PlanResult r;
  r.discordance = psi;
  r.p_lost = (psi + d) / 2.0;
  r.p_gained = (psi - d) / 2.0;
  const boost::math::normal_distribution<double> normal;
  const double z_alpha = boost::math::quantile(normal, 1.0 - input.alpha);
  const double z_power = boost::math::quantile(normal, input.power);
  const double root = (z_alpha * std::sqrt(psi) + z_power * std::sqrt(psi - d * d)) / d;
  r.normal_approximation = static_cast<std::size_t>(std::ceil(root * root));
  const std::size_t limit = 4 * r.normal_approximation + 1000;
  const std::vector<double> lf = detail::log_factorials(limit);
  for (std::size_t n = std::max<std::size_t>(1, r.normal_approximation); n <= limit; ++n) {
    const double power = detail::mcnemar_power(n, r.p_lost, r.p_gained, input.alpha, lf);
    if (power >= input.power) {
      r.items = n;
      r.exact_power = power;
      return r;
    }
  }
  return Result<PlanResult>::undefined(Undefined::out_of_domain,
                                       "no item count up to " + std::to_string(limit) + " reaches the power");
}

}  // namespace stats
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_STATS_PLANNING_HPP
