#ifndef SYNTHBENCH_SCORES_BIAS_FACTOR_HPP
#define SYNTHBENCH_SCORES_BIAS_FACTOR_HPP

/// @file
/// The bias factor of a model that is both a generator and a solver (Maheshwari et al. 2024,
/// section II-C, eqs. 2 and 3):
///
///     nm_{D^G}^X = m_{D^G}^X - mean_{Y} m_{D^G}^Y          (Y over every approach)
///     bf_K       = nm_{D^K}^K - mean_{G != K} nm_{D^G}^K
///
/// Positive: K does better on its own data than its standing on the other generators' data
/// predicts. For metrics in [0, 1], bf lies in [-1, 1]; a table with a declared range
/// (ScoreTable::set_range) is normalized to [0, 1] first, as the paper recommends. The
/// shift of that normalization cancels; only the division by the range's width matters.

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <utility>  // std::pair
#include <vector>   // std::vector

#include "synthbench/result.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

namespace detail {

/// m_{D^G}^X - mean_Y m_{D^G}^Y for solver X on generator G's data, scaled by 1 / width.
inline double normalized_performance(const ApproachScores& on_generator, const std::string& solver, double width) {
  double mean = 0.0;
  for (const auto& e : on_generator) mean += e.score;
  mean /= static_cast<double>(on_generator.size());
  return (on_generator.at(solver) - mean) / width;
}

}  // namespace detail

/// The models that are both a generator (through ScoreTable::solver_of) and a scored
/// approach on every generator's data, in generator order.
inline std::vector<std::string> bias_factor_models(const ScoreTable& table) {
  std::vector<std::string> models;
  for (const auto& g : table.generators()) {
    const std::string solver = table.solver_of(g.dataset());
    bool everywhere = true;
    for (const auto& other : table.generators()) everywhere = everywhere && other.contains(solver);
    bool listed = false;
    for (const auto& m : models) listed = listed || m == solver;
    if (everywhere && !listed) models.push_back(solver);
  }
  return models;
}

/// The bias factor of `model` (a solver name). Undefined when `model` is not the solver of
/// exactly one generator, is not scored on every generator's data, when there is no other
/// generator to compare with, or when the table's approach sets are inconsistent.
inline Result<double> bias_factor(const ScoreTable& table, const std::string& model) {
  const auto fail = [&](Undefined why, const std::string& detail) {
    return Result<double>::undefined(why, "bias factor of '" + model + "': " + detail);
  };
  if (const auto problems = table.problems(); !problems.empty()) {
    return fail(Undefined::approach_mismatch, problems.front());
  }
  const ApproachScores* own = nullptr;
  for (const auto& g : table.generators()) {
    if (table.solver_of(g.dataset()) != model) continue;
    if (own != nullptr) {
      return fail(Undefined::out_of_domain, "two generators ('" + own->dataset() + "', '" + g.dataset() +
                                                "') map to this model; the bias factor needs exactly one");
    }
    own = &g;
  }
  if (own == nullptr) {
    std::string known;
    for (const auto& m : bias_factor_models(table)) known += (known.empty() ? "" : ", ") + m;
    return fail(Undefined::out_of_domain,
                "no generator's model is this solver (models that are both: " + (known.empty() ? "none" : known) +
                    "; map generator names to solver names with \"models\" or ScoreTable::set_solver_of)");
  }
  if (!own->contains(model)) {
    return fail(Undefined::out_of_domain, "the model is not scored as a solver on its own data");
  }
  if (table.generators().size() < 2) {
    return fail(Undefined::too_few, "needs at least 2 generators, the table has 1");
  }
  const double width = table.range() ? table.range()->second - table.range()->first : 1.0;
  const double own_nm = detail::normalized_performance(*own, model, width);
  double others = 0.0;
  std::size_t count = 0;
  for (const auto& g : table.generators()) {
    if (&g == own) continue;
    others += detail::normalized_performance(g, model, width);
    ++count;
  }
  return own_nm - others / static_cast<double>(count);
}

/// The bias factor of every model in bias_factor_models(table), in that order.
inline std::vector<std::pair<std::string, Result<double>>> bias_factors(const ScoreTable& table) {
  std::vector<std::pair<std::string, Result<double>>> out;
  for (const auto& model : bias_factor_models(table)) out.emplace_back(model, bias_factor(table, model));
  return out;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_SCORES_BIAS_FACTOR_HPP
