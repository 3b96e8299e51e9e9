#ifndef SYNTHBENCH_SCORES_APPROACH_BOOTSTRAP_HPP
#define SYNTHBENCH_SCORES_APPROACH_BOOTSTRAP_HPP

/// @file
/// A bootstrap interval of the SRCC for a table that holds scores only (no per-item
/// outcomes, as the input of `synthbench meta`): the approaches are resampled. Each replicate
/// draws n of the n approaches with replacement, each with its (real, synthetic) pair of
/// scores, and recomputes Spearman's rho on them: the bootstrap of a correlation coefficient
/// by resampling pairs (Efron, Ann. Statist. 7, 1979; Efron & Tibshirani, "An Introduction to
/// the Bootstrap", 1993, section 6.5, the law school data), with the percentile interval of
/// stats/bootstrap.hpp (seeded, the same everywhere).
///
/// What it measures: how much the SRCC depends on which approaches were ranked, with the
/// scores held fixed. It does not see the test items; with per-item outcomes use
/// scores/bootstrap.hpp, which resamples them. A replicate that repeats one approach only
/// has no SRCC (0/0) and is left out (BootstrapOptions::max_undefined_share): with n = 3
/// approaches 3 of the 27 resamples do, so three approaches get no interval.

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint32_t
#include <map>      // std::map
#include <string>   // std::string
#include <vector>   // std::vector

#include "synthbench/result.hpp"
#include "synthbench/scores/agreement.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/stats/bootstrap.hpp"
#include "synthbench/stats/correlation.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// The percentile interval of SRCC(real, synthetic) over resamples of the approaches (see the
/// file comment). Undefined as srcc() is on the original scores, and as stats::bootstrap is.
inline Result<stats::BootstrapInterval> bootstrap_srcc_over_approaches(const ApproachScores& real,
                                                                       const ApproachScores& synthetic,
                                                                       const stats::BootstrapOptions& options = {}) {
  const auto paired = pair_scores(real, synthetic);
  if (!paired) return Result<stats::BootstrapInterval>::undefined_from(paired);
  const auto& p = paired.value();
  std::vector<double> x(p.real.size());
  std::vector<double> y(p.real.size());
  return stats::bootstrap(
      p.real.size(),
      [&](const std::vector<std::uint32_t>& indices) {
        for (std::size_t i = 0; i < indices.size(); ++i) {
          x[i] = p.real[indices[i]];
          y[i] = p.synthetic[indices[i]];
        }
        return stats::spearman(x, y);
      },
      options);
}

/// Bootstrap intervals of the SRCC per synthetic dataset (a generator or "average").
using SrccIntervals = std::map<std::string, Result<stats::BootstrapInterval>>;

/// bootstrap_srcc_over_approaches of every synthetic dataset of `table` (each generator and
/// the average), each with the same options (so the same resamples of the approaches).
inline SrccIntervals bootstrap_srcc_intervals(const ScoreTable& table, const stats::BootstrapOptions& options = {}) {
  SrccIntervals out;
  for (const auto& name : table.synthetic_names()) {
    out.emplace(name, bootstrap_srcc_over_approaches(table.real(), table.synthetic(name), options));
  }
  return out;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_SCORES_APPROACH_BOOTSTRAP_HPP
