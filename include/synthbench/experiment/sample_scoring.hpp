#ifndef SYNTHBENCH_EXPERIMENT_SAMPLE_SCORING_HPP
#define SYNTHBENCH_EXPERIMENT_SAMPLE_SCORING_HPP

/// @file
/// Computes a SampleStudy (sample_study.hpp): the real scores of every approach on each draw of
/// real test items, recomputed from per-item outcomes over the whole real test split
/// (ResamplableScore), against the unchanged synthetic benchmarks: SRCC with its exact
/// one-sided p-value and MSPD (scores/agreement.hpp). sample_spread() summarizes the draws of
/// one kind: minimum, median (Hyndman & Fan definition 7, stats::quantile_sorted, the usual
/// median: the middle value, or the mean of the two middle ones) and maximum of SRCC and MSPD,
/// and how many draws give an SRCC significant at `alpha`.

#include <algorithm>  // std::sort
#include <cstddef>    // std::size_t
#include <cstdint>    // std::uint32_t
#include <map>        // std::map
#include <memory>     // std::shared_ptr
#include <optional>   // std::optional
#include <string>     // std::string
#include <utility>    // std::move, std::pair, std::make_pair
#include <vector>     // std::vector

#include "synthbench/error.hpp"
#include "synthbench/experiment/sample_study.hpp"
#include "synthbench/scores/agreement.hpp"
#include "synthbench/scores/resamplable_score.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/stats/bootstrap.hpp"
#include "synthbench/stats/permutation_test.hpp"
#include "synthbench/stats/ranks.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// The study of `draws`: each approach's real score recomputed on each draw from
/// `whole_real` (approach -> outcomes over the whole real test split), against every synthetic
/// benchmark of `table` (generators and the average; their scores are not redrawn). Throws
/// UsageError 89 when an approach of the table has no whole-split outcomes, or a draw holds an
/// index outside them.
inline SampleStudy score_draws(const ScoreTable& table,
                               const std::map<std::string, std::shared_ptr<const ResamplableScore>>& whole_real,
                               const std::vector<DrawPlan>& draws, const std::string& headline) {
  SampleStudy study;
  study.metric = table.metric();
  study.headline = headline;
  const auto approaches = table.real().approaches();
  for (const auto& a : approaches) {
    const auto it = whole_real.find(a);
    if (it == whole_real.end() || !it->second) {
      throw UsageError(89, "sample study of " + table.metric() + ": no outcomes of approach '" + a +
                               "' on the whole real test split");
    }
    if (study.population == 0) study.population = it->second->item_count();
  }
  // The exact p-value depends on the two rankings only, and draws repeat rankings: each
  // distinct pair of rank vectors is enumerated once (n! pairings each).
  std::map<std::pair<std::vector<double>, std::vector<double>>, std::optional<double>> p_of_ranks;
  const auto exact_p = [&p_of_ranks](const ApproachScores& real, const ApproachScores& synthetic) {
    std::optional<double> p;
    const auto paired = pair_scores(real, synthetic);
    if (!paired) return p;
    const auto rx = stats::average_ranks(paired.value().real);
    const auto ry = stats::average_ranks(paired.value().synthetic);
    if (!rx || !ry) return p;
    auto key = std::make_pair(rx.value(), ry.value());
    const auto it = p_of_ranks.find(key);
    if (it != p_of_ranks.end()) return it->second;
    if (const auto e = stats::exact_p_value(key.first, key.second, stats::RankStatistic::spearman)) p = e.value().p;
    p_of_ranks.emplace(std::move(key), p);
    return p;
  };
  for (const auto& plan : draws) {
    std::vector<std::uint32_t> indices;
    indices.reserve(plan.indices.size());
    for (const auto i : plan.indices) {
      if (i >= study.population) {
        throw UsageError(89, "sample study: item " + std::to_string(i) + " of a " + plan.kind + " draw is outside the " +
                                 std::to_string(study.population) + " real test items");
      }
      indices.push_back(static_cast<std::uint32_t>(i));
    }
    ApproachScores real("real", table.metric());
    bool complete = true;
    for (const auto& a : approaches) {
      const Result<double> s = whole_real.at(a)->score_on(indices);
      if (!s) {
        complete = false;  // a score undefined on this draw: every agreement is undefined
        continue;
      }
      real.set(a, s.value());
    }
    SampleDraw draw{plan.kind, plan.seed_index, plan.indices.size(), {}};
    for (const auto& name : table.synthetic_names()) {
      SampleAgreement agreement{name, std::nullopt, std::nullopt, std::nullopt};
      if (complete) {
        const auto& synthetic = table.synthetic(name);
        if (const auto r = srcc(real, synthetic)) agreement.srcc = r.value();
        if (const auto m = mspd(real, synthetic)) agreement.mspd = m.value();
        agreement.srcc_p = exact_p(real, synthetic);
      }
      draw.agreements.push_back(std::move(agreement));
    }
    study.draws.push_back(std::move(draw));
  }
  return study;
}

/// The draws of each kind of `study` ("first", "random", "stratified", those present, in that
/// order) summarized for the synthetic benchmark `synthetic` (see the file comment).
inline std::vector<SampleSpread> sample_spread(const SampleStudy& study, const std::string& synthetic = "average",
                                               double alpha = 0.05) {
  std::vector<SampleSpread> out;
  for (const char* kind : {"first", "random", "stratified"}) {
    SampleSpread s;
    s.kind = kind;
    std::vector<double> srccs;
    std::vector<double> mspds;
    for (const auto& d : study.draws) {
      if (d.kind != kind) continue;
      ++s.draws;
      for (const auto& a : d.agreements) {
        if (a.synthetic != synthetic) continue;
        if (a.srcc) srccs.push_back(*a.srcc);
        if (a.mspd) mspds.push_back(*a.mspd);
        if (a.srcc_p && *a.srcc_p <= alpha) ++s.significant;
      }
    }
    if (s.draws == 0) continue;
    s.defined = srccs.size();
    std::sort(srccs.begin(), srccs.end());
    std::sort(mspds.begin(), mspds.end());
    if (!srccs.empty()) {
      s.srcc_min = srccs.front();
      s.srcc_median = stats::quantile_sorted(srccs, 0.5);
      s.srcc_max = srccs.back();
    }
    if (!mspds.empty()) {
      s.mspd_min = mspds.front();
      s.mspd_median = stats::quantile_sorted(mspds, 0.5);
      s.mspd_max = mspds.back();
    }
    out.push_back(std::move(s));
  }
  return out;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SAMPLE_SCORING_HPP
