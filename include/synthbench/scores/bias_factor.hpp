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

#include <cmath>    // std::isfinite
#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <utility>  // std::pair
#include <vector>   // std::vector

#include "synthbench/result.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// One generator's term in the bias factor of a model.
struct BiasFactorTerm {
  std::string generator;    ///< whose data
  double score = 0.0;       ///< m_{D^G}^K: the model's score on it
  double mean_of_all = 0.0; ///< mean_Y m_{D^G}^Y over every approach
  double normalized = 0.0;  ///< nm_{D^G}^K = (score - mean_of_all) / range width
  bool own = false;         ///< G is the model's own generator
};

/// The bias factor of a model with the terms it is computed from.
struct BiasFactorBreakdown {
  std::string model;                 ///< the solver name
  std::vector<BiasFactorTerm> terms; ///< one per generator, in table order
  double own_normalized = 0.0;       ///< nm_{D^K}^K
  double others_normalized = 0.0;    ///< mean_{G != K} nm_{D^G}^K
  double range_width = 1.0;          ///< the divisor of the normalization (1 without a range)
  /// bf_K = own_normalized - others_normalized.
  double value() const noexcept { return own_normalized - others_normalized; }
};

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

/// The bias factor of `model` (a solver name) with its terms. Undefined when `model` is not
/// the solver of exactly one generator, is not scored on every generator's data, when there
/// is no other generator to compare with, or when the table's approach sets are inconsistent.
inline Result<BiasFactorBreakdown> bias_factor_breakdown(const ScoreTable& table, const std::string& model) {
  const auto fail = [&](Undefined why, const std::string& detail) {
    return Result<BiasFactorBreakdown>::undefined(why, "bias factor of '" + model + "': " + detail);
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
  BiasFactorBreakdown b;
  b.model = model;
  b.range_width = table.range() ? table.range()->second - table.range()->first : 1.0;
  std::size_t others = 0;
  for (const auto& g : table.generators()) {
    BiasFactorTerm term;
    term.generator = g.dataset();
    term.score = g.at(model);
    for (const auto& e : g) term.mean_of_all += e.score;
    term.mean_of_all /= static_cast<double>(g.size());
    term.normalized = (term.score - term.mean_of_all) / b.range_width;
    term.own = &g == own;
    if (term.own) {
      b.own_normalized = term.normalized;
    } else {
      b.others_normalized += term.normalized;
      ++others;
    }
    b.terms.push_back(term);
  }
  b.others_normalized /= static_cast<double>(others);
  if (!std::isfinite(b.value())) {
    return fail(Undefined::not_finite,
                "overflows a double: the scores are too far apart (magnitudes near 1e308)");
  }
  return b;
}

/// The bias factor of `model` (a solver name); undefined as bias_factor_breakdown is.
inline Result<double> bias_factor(const ScoreTable& table, const std::string& model) {
  const auto b = bias_factor_breakdown(table, model);
  if (!b) return Result<double>::undefined_from(b);
  return b.value().value();
}

/// The bias factor of every model in bias_factor_models(table), in that order.
inline std::vector<std::pair<std::string, Result<double>>> bias_factors(const ScoreTable& table) {
  std::vector<std::pair<std::string, Result<double>>> out;
  for (const auto& model : bias_factor_models(table)) out.emplace_back(model, bias_factor(table, model));
  return out;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_SCORES_BIAS_FACTOR_HPP
