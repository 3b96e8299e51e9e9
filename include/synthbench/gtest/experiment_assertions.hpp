#ifndef SYNTHBENCH_GTEST_EXPERIMENT_ASSERTIONS_HPP
#define SYNTHBENCH_GTEST_EXPERIMENT_ASSERTIONS_HPP

/// @file
/// Assertions on how an experiment's solvers answered (docs/assertions.md):
///
///     EXPECT_PARSE_FAILURE_RATE_LE(experiment, solver, dataset, max)
///
/// The share of `solver`'s answers on `dataset` ("real" or a generator) that could not be
/// used at all (no label, no number, no entity list) is at most `max`. Either name may be
/// "*": every solver, or every dataset; the failure then lists each pair over the bound.
/// A passing assertion records `synthbench.parse_failure_rate.<solver>.<dataset>` (the
/// largest rate when "*" was used).
///
/// Sample failure:
///
///     Expected: parse-failure rate of gpt-4o-mini on real <= 0.02
///       Actual: 0.075 (3 of 40 answers unusable; 1 more named no known intent)
///         experiment: snips (snips)
///         unusable answers, e.g.: "I'd say this is about utterance 0", "I'd say this is about utterance 1", ...

#include <gtest/gtest.h>  // EXPECT_PRED_FORMAT4, ::testing::AssertionResult

#include <string>  // std::string
#include <vector>  // std::vector

#include "synthbench/detail/format.hpp"
#include "synthbench/experiment/experiment.hpp"
#include "synthbench/gtest/detail/bound_check.hpp"
#include "synthbench/gtest/detail/deferred.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {

/// Predicate-formatter: the parse-failure rate of `solver` on `dataset` is <= `max` ("*"
/// stands for every solver or every dataset).
inline ::testing::AssertionResult parse_failure_rate_le(const char* experiment_expr, const char*, const char*,
                                                        const char* max_expr, const Experiment& experiment,
                                                        const std::string& solver, const std::string& dataset,
                                                        double max) {
  const std::vector<std::string> solvers = solver == "*" ? experiment.solver_names() : std::vector<std::string>{solver};
  const std::vector<std::string> datasets =
      dataset == "*" ? experiment.dataset_names() : std::vector<std::string>{dataset};
  std::string failures;
  std::size_t failing = 0;
  double worst = 0.0;
  for (const auto& s : solvers) {
    for (const auto& d : datasets) {
      const PredictionCounts& counts = experiment.predictions(s, d);
      const auto rate = counts.parse_failure_rate();
      if (rate && rate.value() <= max) {
        worst = rate.value() > worst ? rate.value() : worst;
        continue;
      }
      ++failing;
      failures += "Expected: parse-failure rate of " + s + " on " + d + " <= " + detail::bound_text(max, max_expr) +
                  "\n  Actual: ";
      if (!rate) {
        failures += rate.message() + "\n";
        continue;
      }
      failures += detail::value_text(rate.value()) + " (" + std::to_string(counts.parse_failures) + " of " +
                  std::to_string(counts.items) + " answers unusable";
      if (counts.out_of_label_set > 0) {
        failures += "; " + std::to_string(counts.out_of_label_set) + " more named no known intent";
      }
      failures += ")\n    experiment: " + experiment.name() + " (" + experiment_expr + ")\n";
      if (!counts.examples.empty()) {
        failures += "    unusable answers, e.g.:";
        for (std::size_t i = 0; i < counts.examples.size(); ++i) {
          failures += std::string(i == 0 ? " " : ", ") + "\"" + counts.examples[i] + "\"";
        }
        failures += "\n";
      }
    }
  }
  if (failing == 0) {
    detail::record("parse_failure_rate." + solver + "." + dataset, worst);
    return ::testing::AssertionSuccess();
  }
  if (failing > 1) failures = std::to_string(failing) + " solver/dataset pairs over the bound:\n" + failures;
  return ::testing::AssertionFailure() << detail::trim_newline(failures);
}

}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

/// The share of unusable answers of `solver` on `dataset` is at most `max` ("*": all).
#define SYNTHBENCH_EXPECT_PARSE_FAILURE_RATE_LE(experiment, solver, dataset, max)                              \
  SYNTHBENCH_DETAIL_PRED_FORMAT4(EXPECT_PRED_FORMAT4, ::synthbench::gtest::parse_failure_rate_le, experiment, \
                                 solver, dataset, max)
/// ASSERT_ twin of SYNTHBENCH_EXPECT_PARSE_FAILURE_RATE_LE.
#define SYNTHBENCH_ASSERT_PARSE_FAILURE_RATE_LE(experiment, solver, dataset, max)                              \
  SYNTHBENCH_DETAIL_PRED_FORMAT4(ASSERT_PRED_FORMAT4, ::synthbench::gtest::parse_failure_rate_le, experiment, \
                                 solver, dataset, max)

#ifndef SYNTHBENCH_NO_SHORT_MACROS
#define EXPECT_PARSE_FAILURE_RATE_LE(experiment, solver, dataset, max) \
  SYNTHBENCH_EXPECT_PARSE_FAILURE_RATE_LE(experiment, solver, dataset, max)
#define ASSERT_PARSE_FAILURE_RATE_LE(experiment, solver, dataset, max) \
  SYNTHBENCH_ASSERT_PARSE_FAILURE_RATE_LE(experiment, solver, dataset, max)
#endif  // SYNTHBENCH_NO_SHORT_MACROS

#endif  // SYNTHBENCH_GTEST_EXPERIMENT_ASSERTIONS_HPP
