#ifndef SYNTHBENCH_STATS_ASYMPTOTIC_HPP
#define SYNTHBENCH_STATS_ASYMPTOTIC_HPP

/// @file
/// Large-sample p-values and confidence intervals for correlations, on Boost.Math.
///
/// - Pearson's r and Spearman's rho: t = r sqrt((n - 2) / (1 - r^2)) follows Student's t with
///   n - 2 degrees of freedom under independence (Fisher 1915 for r, exact for bivariate
///   normal data; for rho it is the approximation scipy.stats.spearmanr uses, adequate for
///   n >= 10 or so).
/// - Kendall's tau-b: S / sqrt(var(S)) is approximately standard normal, with the
///   tie-corrected variance of Kendall (1970, "Rank correlation methods", eq. 4.3), as
///   scipy.stats.kendalltau(method="asymptotic"); adequate for n >= 10 or so (ibid., ch. 4).
///
/// **Below their validity the rank tests refuse**: for Spearman's rho (correlation_t_test with
/// CorrelationKind::spearman) and Kendall's tau-b, n < asymptotic_min_n (10) gives an
/// undefined result (too_few) that names exact_p_value (permutation_test.hpp), which is exact
/// for n <= 10. At n = 6 a rho of 0.943 (one swapped pair) has t-approximation p = 0.0024
/// against the exact 6/720 = 0.0083: the approximation claimed three times the evidence.
/// - Fisher-z intervals: z = atanh(r) is approximately normal with standard error
///   1/sqrt(n - 3) for Pearson (Fisher 1921), sqrt((1 + rho^2 / 2) / (n - 3)) for Spearman
///   (Bonett & Wright, Psychometrika 65, 2000), sqrt(0.437 / (n - 4)) for Kendall (Fieller,
///   Hartley & Pearson, Biometrika 44, 1957).
///
/// The functions are templates on the floating type so that Boost's distributions are
/// instantiated only in translation units that call them: including this header costs a
/// parse, not a Student-t instantiation (DESIGN.md, compile-time budget). Boost is called with
/// an explicit error policy that never throws; inputs are validated first.

#include <boost/math/distributions/normal.hpp>      // boost::math::normal_distribution
#include <boost/math/distributions/students_t.hpp>  // boost::math::students_t_distribution
#include <boost/math/policies/policy.hpp>           // boost::math::policies::policy

#include <cmath>    // std::sqrt, std::atanh, std::tanh, std::fabs
#include <cstddef>  // std::size_t
#include <string>   // std::string, std::to_string
#include <vector>   // std::vector

#include "synthbench/detail/format.hpp"  // detail::general: locale-independent numbers
#include "synthbench/result.hpp"
#include "synthbench/stats/alternative.hpp"
#include "synthbench/stats/kendall.hpp"
#include "synthbench/stats/paired_input.hpp"
#include "synthbench/stats/ranks.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace stats {

/// The smallest n for which the asymptotic tests of rank correlations are used (see the file
/// comment); below it, exact_p_value is exact and cheap.
inline constexpr std::size_t asymptotic_min_n = 10;

/// Which correlation coefficient an interval or test is about.
enum class CorrelationKind {
  pearson,   ///< Pearson's r
  spearman,  ///< Spearman's rho
  kendall,   ///< Kendall's tau-b
};

/// A confidence interval.
struct Interval {
  double lower = 0.0;  ///< lower bound
  double upper = 0.0;  ///< upper bound
};

namespace detail {

/// Boost.Math policy: report domain, pole and overflow errors through errno, never throw.
using no_throw_policy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
    boost::math::policies::pole_error<boost::math::policies::errno_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::errno_on_error>,
    boost::math::policies::evaluation_error<boost::math::policies::errno_on_error>>;

/// P-value of a statistic with survival function `upper_tail` and CDF `lower_tail`.
template <class Real>
Real p_from_tails(Real lower_tail, Real upper_tail, Alternative alternative) {
  switch (alternative) {
    case Alternative::greater: return upper_tail;
    case Alternative::less: return lower_tail;
    case Alternative::two_sided: break;
  }
  const Real p = 2 * (lower_tail < upper_tail ? lower_tail : upper_tail);
  return p > 1 ? Real(1) : p;
}

}  // namespace detail

/// P-value of a Pearson (`kind` pearson, the default) or Spearman (`kind` spearman)
/// coefficient `r` from `n` pairs, by Student's t with n - 2 degrees of freedom. Undefined for
/// n < 3, for Spearman's rho with n < asymptotic_min_n (use exact_p_value), for Kendall (use
/// kendall_normal_test), and for r outside [-1, 1].
template <class Real = double>
Result<Real> correlation_t_test(Real r, std::size_t n, Alternative alternative = Alternative::two_sided,
                                CorrelationKind kind = CorrelationKind::pearson) {
  if (kind == CorrelationKind::kendall) {
    return Result<Real>::undefined(Undefined::out_of_domain,
                                   "the t test is for Pearson's r and Spearman's rho; Kendall's tau-b takes "
                                   "kendall_normal_test or exact_p_value");
  }
  if (n < 3) {
    return Result<Real>::undefined(Undefined::too_few, "the t test of a correlation needs n >= 3, got n = " +
                                                           std::to_string(n));
  }
  if (kind == CorrelationKind::spearman && n < asymptotic_min_n) {
    return Result<Real>::undefined(Undefined::too_few,
                                   "the t approximation of Spearman's rho is adequate from n >= " +
                                       std::to_string(asymptotic_min_n) + ", got n = " + std::to_string(n) +
                                       ": use exact_p_value (permutation_test.hpp), exact for n <= 10");
  }
  if (!(r >= -1 && r <= 1)) {
    return Result<Real>::undefined(Undefined::out_of_domain,
                                   "a correlation must lie in [-1, 1], got " + ::synthbench::detail::general(static_cast<double>(r), 6));
  }
  if (std::fabs(r) == 1) {  // t is infinite: all the mass is on one side
    const Real upper = r > 0 ? Real(0) : Real(1);
    return detail::p_from_tails<Real>(1 - upper, upper, alternative);
  }
  const Real df = static_cast<Real>(n - 2);
  const Real t = r * std::sqrt(df / ((1 - r) * (1 + r)));
  const boost::math::students_t_distribution<Real, detail::no_throw_policy> dist(df);
  return detail::p_from_tails<Real>(boost::math::cdf(dist, t),
                                    boost::math::cdf(boost::math::complement(dist, t)), alternative);
}

/// Asymptotic p-value of Kendall's tau-b between x and y: S / sqrt(var(S)) against the
/// standard normal, var(S) corrected for ties in x and y. Undefined as kendall_tau_b is, and
/// for n < asymptotic_min_n (use exact_p_value).
template <class Real = double>
Result<Real> kendall_normal_test(const std::vector<double>& x, const std::vector<double>& y,
                                 Alternative alternative = Alternative::two_sided) {
  if (auto bad = check_paired(x, y, 2, "the normal test of Kendall's tau-b")) {
    return Result<Real>::undefined(bad->first, bad->second);
  }
  if (x.size() < asymptotic_min_n) {
    return Result<Real>::undefined(Undefined::too_few,
                                   "the normal approximation of Kendall's tau-b is adequate from n >= " +
                                       std::to_string(asymptotic_min_n) + ", got n = " + std::to_string(x.size()) +
                                       ": use exact_p_value (permutation_test.hpp), exact for n <= 10");
  }
  const KendallCounts c = kendall_counts(x, y);
  const Real n = static_cast<Real>(x.size());
  // Kendall (1970), eq. 4.3: var(S) = [v0 - vt - vu] / 18 + v1 / (2 n (n - 1)) + v2 / (9 n (n - 1)(n - 2))
  Real vt = 0, vu = 0, t1 = 0, u1 = 0, t2 = 0, u2 = 0;
  for (const std::size_t size : tie_group_sizes(x)) {
    const Real t = static_cast<Real>(size);
    vt += t * (t - 1) * (2 * t + 5);
    t1 += t * (t - 1);
    t2 += t * (t - 1) * (t - 2);
  }
  for (const std::size_t size : tie_group_sizes(y)) {
    const Real u = static_cast<Real>(size);
    vu += u * (u - 1) * (2 * u + 5);
    u1 += u * (u - 1);
    u2 += u * (u - 1) * (u - 2);
  }
  Real var = (n * (n - 1) * (2 * n + 5) - vt - vu) / 18 + t1 * u1 / (2 * n * (n - 1));
  if (n > 2) var += t2 * u2 / (9 * n * (n - 1) * (n - 2));
  if (!(var > 0)) {
    return Result<Real>::undefined(Undefined::too_few, "the variance of Kendall's S is zero");
  }
  const Real z = static_cast<Real>(c.s()) / std::sqrt(var);
  const boost::math::normal_distribution<Real, detail::no_throw_policy> normal;
  return detail::p_from_tails<Real>(boost::math::cdf(normal, z),
                                    boost::math::cdf(boost::math::complement(normal, z)), alternative);
}

/// Fisher-z confidence interval for a correlation `r` of kind `kind` from `n` pairs at
/// `confidence` (e.g. 0.95). Undefined when n is too small (n <= 3, or n <= 4 for Kendall),
/// |r| = 1 (z is infinite: use the bootstrap or the exact p-value instead), or confidence
/// outside (0, 1).
template <class Real = double>
Result<Interval> fisher_z_interval(Real r, std::size_t n, Real confidence, CorrelationKind kind) {
  const std::size_t min_n = kind == CorrelationKind::kendall ? 5 : 4;
  if (n < min_n) {
    return Result<Interval>::undefined(Undefined::too_few, "a Fisher-z interval needs n >= " +
                                                               std::to_string(min_n) + ", got n = " +
                                                               std::to_string(n));
  }
  if (!(confidence > 0 && confidence < 1)) {
    return Result<Interval>::undefined(Undefined::out_of_domain,
                                       "confidence must lie in (0, 1), got " + ::synthbench::detail::general(static_cast<double>(confidence), 6));
  }
  if (!(r > -1 && r < 1)) {
    return Result<Interval>::undefined(
        Undefined::out_of_domain,
        "a Fisher-z interval needs -1 < r < 1 (atanh is infinite at |r| = 1), got r = " + ::synthbench::detail::general(static_cast<double>(r), 6));
  }
  const Real m = static_cast<Real>(n);
  Real se = 0;
  switch (kind) {
    case CorrelationKind::pearson: se = 1 / std::sqrt(m - 3); break;
    case CorrelationKind::spearman: se = std::sqrt((1 + r * r / 2) / (m - 3)); break;
    case CorrelationKind::kendall: se = std::sqrt(Real(0.437) / (m - 4)); break;
  }
  const boost::math::normal_distribution<Real, detail::no_throw_policy> normal;
  const Real z_crit = boost::math::quantile(normal, 1 - (1 - confidence) / 2);
  const Real z = std::atanh(r);
  return Interval{static_cast<double>(std::tanh(z - z_crit * se)),
                  static_cast<double>(std::tanh(z + z_crit * se))};
}

}  // namespace stats
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_STATS_ASYMPTOTIC_HPP
