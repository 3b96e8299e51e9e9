#ifndef SYNTHBENCH_SCORES_AGREEMENT_HPP
#define SYNTHBENCH_SCORES_AGREEMENT_HPP

/// @file
/// How well a synthetic dataset's scores agree with the real dataset's, over the same
/// approaches (METHOD.md, Meta-metrics):
///
/// - MSPD, absolute agreement: (1/n) sum_i (m_D^i - m_S^i)^2 (Maheshwari et al. 2024, eq. 1).
/// - SRCC, relative agreement: Spearman's rho of (m_D^i) and (m_S^i), average ranks for ties.
/// - its exact permutation p-value (one-sided, "greater", by default), for n <= 10.
/// - Kendall's tau-b of the same pairs.
/// - top-1 agreement and selection regret: does the synthetic winner win on real data, and
///   how much real score is lost by picking it. Tie rule: when several approaches share the
///   best synthetic score, a practitioner may pick any of them, so the regret is the worst
///   case over them, and top-1 agreement holds only if every one of them is a real winner.
/// - difficulty gap: mean of (m_S^i - m_D^i), signed; positive means the synthetic data is
///   easier (LLM-generated sets tend to be: "What Has Been Lost with Synthetic
///   Evaluation?", arXiv 2505.22830).

#include <algorithm>  // std::max
#include <cmath>      // std::isfinite
#include <cstddef>    // std::size_t
#include <string>     // std::string
#include <vector>     // std::vector

#include "synthbench/result.hpp"
#include "synthbench/scores/approach_scores.hpp"
#include "synthbench/stats/alternative.hpp"
#include "synthbench/stats/correlation.hpp"
#include "synthbench/stats/kendall.hpp"
#include "synthbench/stats/permutation_test.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// Real and synthetic scores of the same approaches, aligned (in the real scores' order).
struct PairedScores {
  std::vector<std::string> approaches;  ///< approach names
  std::vector<double> real;             ///< real[i] is the real score of approaches[i]
  std::vector<double> synthetic;        ///< synthetic[i] its synthetic score
};

namespace detail {
inline std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}
}  // namespace detail

/// Aligns two score sets by approach name. Undefined (approach_mismatch) when they name
/// different approaches, listing what is missing on which side; (too_few) when empty.
inline Result<PairedScores> pair_scores(const ApproachScores& real, const ApproachScores& synthetic) {
  std::vector<std::string> missing_in_synthetic;
  std::vector<std::string> missing_in_real;
  PairedScores paired;
  for (const auto& entry : real) {
    if (const auto s = synthetic.find(entry.approach)) {
      paired.approaches.push_back(entry.approach);
      paired.real.push_back(entry.score);
      paired.synthetic.push_back(*s);
    } else {
      missing_in_synthetic.push_back(entry.approach);
    }
  }
  for (const auto& entry : synthetic) {
    if (!real.contains(entry.approach)) missing_in_real.push_back(entry.approach);
  }
  if (!missing_in_synthetic.empty() || !missing_in_real.empty()) {
    std::string detail = "real '" + real.dataset() + "' and synthetic '" + synthetic.dataset() +
                         "' score different approaches:";
    if (!missing_in_synthetic.empty()) {
      detail += " missing from '" + synthetic.dataset() + "': " + detail::join_names(missing_in_synthetic) + ";";
    }
    if (!missing_in_real.empty()) {
      detail += " missing from '" + real.dataset() + "': " + detail::join_names(missing_in_real) + ";";
    }
    detail.pop_back();
    return Result<PairedScores>::undefined(Undefined::approach_mismatch, detail);
  }
  if (paired.approaches.empty()) {
    return Result<PairedScores>::undefined(Undefined::too_few, "no approach has a score");
  }
  return paired;
}

namespace detail {

/// `value`, or undefined (not_finite) when scores of extreme magnitude (|x| near 1e308, all
/// finite) made `what` overflow a double.
inline Result<double> finite_or_overflow(double value, const std::string& what) {
  if (std::isfinite(value)) return value;
  return Result<double>::undefined(Undefined::not_finite,
                                   what + " overflows a double: the scores are too far apart (magnitudes near 1e308)");
}

}  // namespace detail

/// Mean squared performance difference, (1/n) sum (real_i - synthetic_i)^2. Lower is better.
/// Undefined (not_finite) when it exceeds the range of a double.
inline Result<double> mspd(const ApproachScores& real, const ApproachScores& synthetic) {
  const auto p = pair_scores(real, synthetic);
  if (!p) return Result<double>::undefined_from(p);
  double sum = 0.0;
  const auto& v = p.value();
  for (std::size_t i = 0; i < v.real.size(); ++i) {
    const double d = v.real[i] - v.synthetic[i];
    sum += d * d;
  }
  return detail::finite_or_overflow(sum / static_cast<double>(v.real.size()), "MSPD");
}

/// Spearman's rank correlation between real and synthetic scores. Higher is better.
inline Result<double> srcc(const ApproachScores& real, const ApproachScores& synthetic) {
  const auto p = pair_scores(real, synthetic);
  if (!p) return Result<double>::undefined_from(p);
  return stats::spearman(p.value().real, p.value().synthetic);
}

/// The exact permutation p-value of the SRCC (n <= 10), one-sided "greater" by default: the
/// chance that a synthetic benchmark unrelated to the real one ranks at least this well.
inline Result<stats::ExactPValue> srcc_exact_p(const ApproachScores& real, const ApproachScores& synthetic,
                                               stats::Alternative alternative = stats::Alternative::greater) {
  const auto p = pair_scores(real, synthetic);
  if (!p) return Result<stats::ExactPValue>::undefined_from(p);
  return stats::exact_p_value(p.value().real, p.value().synthetic, stats::RankStatistic::spearman, alternative);
}

/// Kendall's tau-b between real and synthetic scores.
inline Result<double> kendall_agreement(const ApproachScores& real, const ApproachScores& synthetic) {
  const auto p = pair_scores(real, synthetic);
  if (!p) return Result<double>::undefined_from(p);
  return stats::kendall_tau_b(p.value().real, p.value().synthetic);
}

/// The approaches with the highest score (several when tied), in insertion order.
inline std::vector<std::string> winners(const ApproachScores& scores) {
  std::vector<std::string> best;
  double top = 0.0;
  for (const auto& entry : scores) {
    if (best.empty() || entry.score > top) {
      best.assign(1, entry.approach);
      top = entry.score;
    } else if (entry.score == top) {
      best.push_back(entry.approach);
    }
  }
  return best;
}

/// Selection regret: real score of the real winner minus the real score of the synthetic
/// winner; with tied synthetic winners, the worst of them (see the file comment). 0 is best.
inline Result<double> selection_regret(const ApproachScores& real, const ApproachScores& synthetic) {
  const auto p = pair_scores(real, synthetic);
  if (!p) return Result<double>::undefined_from(p);
  const double best_real = real.at(winners(real).front());
  double regret = 0.0;
  for (const auto& picked : winners(synthetic)) regret = std::max(regret, best_real - real.at(picked));
  return detail::finite_or_overflow(regret, "the selection regret");
}

/// Top-1 agreement: true when every approach that wins on the synthetic data also wins on
/// the real data (selection regret 0).
inline Result<bool> top1_agreement(const ApproachScores& real, const ApproachScores& synthetic) {
  const auto p = pair_scores(real, synthetic);
  if (!p) return Result<bool>::undefined_from(p);
  const double best_real = real.at(winners(real).front());
  for (const auto& picked : winners(synthetic)) {
    if (real.at(picked) != best_real) return false;
  }
  return true;
}

/// Difficulty gap: mean of (synthetic_i - real_i). Positive: the synthetic data is easier.
/// Undefined (not_finite) when it exceeds the range of a double.
inline Result<double> difficulty_gap(const ApproachScores& real, const ApproachScores& synthetic) {
  const auto p = pair_scores(real, synthetic);
  if (!p) return Result<double>::undefined_from(p);
  double sum = 0.0;
  const auto& v = p.value();
  const double n = static_cast<double>(v.real.size());
  for (std::size_t i = 0; i < v.real.size(); ++i) sum += v.synthetic[i] - v.real[i];
  if (!std::isfinite(sum)) {
    // A difference overflowed; the mean of the differences may not: sum them divided by n.
    sum = 0.0;
    for (std::size_t i = 0; i < v.real.size(); ++i) sum += v.synthetic[i] / n - v.real[i] / n;
    return detail::finite_or_overflow(sum, "the difficulty gap");
  }
  return sum / n;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_SCORES_AGREEMENT_HPP
