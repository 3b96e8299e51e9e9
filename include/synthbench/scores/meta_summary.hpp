#ifndef SYNTHBENCH_SCORES_META_SUMMARY_HPP
#define SYNTHBENCH_SCORES_META_SUMMARY_HPP

/// @file
/// Every meta-metric of a ScoreTable at once: per synthetic dataset (each generator and the
/// average) MSPD, SRCC and its exact p-value, Kendall's tau-b, top-1 agreement, selection
/// regret and difficulty gap; per model the bias factor. What `synthbench meta` prints.

#include <string>   // std::string
#include <utility>  // std::pair
#include <vector>   // std::vector

#include "synthbench/result.hpp"
#include "synthbench/scores/agreement.hpp"
#include "synthbench/scores/bias_factor.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/stats/permutation_test.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// The agreement of one synthetic dataset with the real one.
struct DatasetAgreement {
  std::string dataset;                      ///< a generator's name, or "average"
  Result<double> mspd;                      ///< mean squared performance difference
  Result<double> srcc;                      ///< Spearman's rank correlation
  Result<stats::ExactPValue> srcc_p_exact;  ///< one-sided exact p-value of the SRCC (n <= 10)
  Result<double> kendall_tau_b;             ///< Kendall's tau-b
  Result<bool> top1_agreement;              ///< the synthetic winner wins on real data
  Result<double> selection_regret;          ///< real score lost by picking the synthetic winner
  Result<double> difficulty_gap;            ///< mean of synthetic minus real
};

/// The meta-evaluation of a whole table.
struct MetaSummary {
  std::string metric;                                             ///< the table's metric
  std::vector<std::string> approaches;                            ///< in the real scores' order
  std::vector<DatasetAgreement> datasets;                         ///< generators, then "average"
  std::vector<std::pair<std::string, Result<double>>> bias_factors;  ///< per model
};

/// The agreement of `synthetic` with `real`.
inline DatasetAgreement agreement_of(const ApproachScores& real, const ApproachScores& synthetic) {
  return DatasetAgreement{synthetic.dataset(),
                          mspd(real, synthetic),
                          srcc(real, synthetic),
                          srcc_exact_p(real, synthetic),
                          kendall_agreement(real, synthetic),
                          top1_agreement(real, synthetic),
                          selection_regret(real, synthetic),
                          difficulty_gap(real, synthetic)};
}

/// Every meta-metric of `table`.
inline MetaSummary summarize(const ScoreTable& table) {
  MetaSummary summary{table.metric(), table.real().approaches(), {}, bias_factors(table)};
  for (const auto& name : table.synthetic_names()) {
    summary.datasets.push_back(agreement_of(table.real(), table.synthetic(name)));
  }
  return summary;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_SCORES_META_SUMMARY_HPP
