#ifndef SYNTHBENCH_GTEST_OUTCOME_ASSERTIONS_HPP
#define SYNTHBENCH_GTEST_OUTCOME_ASSERTIONS_HPP

/// @file
/// An assertion on how an experiment's LLM calls ended (docs/assertions.md):
///
///     EXPECT_OUTCOME_RATE_LE(experiment, solver, outcome, max)
///     EXPECT_OUTCOME_RATE_LE(snips(), "gpt-4o-mini", "refusal", 0.02);
///
/// The share of `solver`'s LLM calls, over every dataset of the experiment, that ended in
/// `outcome` ("answer", "refusal", "content_filter", "length", "tool_calls",
/// "provider_error", "transient_failure"; llm/outcome.hpp) is at most `max`. `solver` may
/// be "*": each solver that made LLM calls is checked, and the failure lists each one over
/// the bound. A solver that made no LLM call fails (its rate is undefined). A passing
/// assertion records `synthbench.outcome_rate.<outcome>.<solver>` (the largest rate when "*"
/// was used).
///
/// Sample failure:
///
///     Expected: refusal rate of gpt-4o-mini <= 0.02
///       Actual: 0.05 (3 of 60 LLM calls ended in refusal)
///         experiment: snips (snips())
///         by dataset: real 1 of 20, gen-a 2 of 20, gen-b 0 of 20

#include <gtest/gtest.h>  // EXPECT_PRED_FORMAT4, ::testing::AssertionResult

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <vector>   // std::vector

#include "synthbench/experiment/experiment.hpp"    // Experiment, PredictionCounts
#include "synthbench/gtest/detail/bound_check.hpp"  // detail::check_bound, trim_newline, record
#include "synthbench/gtest/detail/deferred.hpp"     // SYNTHBENCH_DETAIL_PRED_FORMAT4
#include "synthbench/llm/outcome.hpp"               // llm::Outcome, outcome_from_string, OutcomeCounts
#include "synthbench/result.hpp"                    // Result
#include "synthbench/version.hpp"                   // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {

/// Predicate-formatter: the share of `solver`'s LLM calls that ended in `outcome` is <= `max`
/// ("*": every solver that made LLM calls).
inline ::testing::AssertionResult outcome_rate_le(const char* experiment_expr, const char*, const char*,
                                                  const char* max_expr, const Experiment& experiment,
                                                  const std::string& solver, const std::string& outcome, double max) {
  const auto kind = llm::outcome_from_string(outcome);
  if (!kind) {
    return ::testing::AssertionFailure() << "Expected: " << outcome << " rate of " << solver << " <= "
                                         << detail::bound_text(max, max_expr) << "\n  Actual: no outcome is named \""
                                         << outcome << "\" (answer, refusal, content_filter, length, tool_calls, "
                                         << "provider_error, transient_failure)";
  }
  std::vector<std::string> solvers;
  if (solver != "*") {
    solvers.push_back(solver);
  } else {
    for (const auto& s : experiment.solver_names()) {
      llm::OutcomeCounts calls;
      for (const auto& d : experiment.dataset_names()) calls.add(experiment.predictions(s, d).outcomes);
      if (!calls.empty()) solvers.push_back(s);
    }
  }
  std::string failures;
  std::size_t failing = 0;
  double worst = 0.0;
  for (const auto& s : solvers) {
    llm::OutcomeCounts calls;
    std::string by_dataset;
    for (const auto& d : experiment.dataset_names()) {
      const llm::OutcomeCounts& c = experiment.predictions(s, d).outcomes;
      calls.add(c);
      by_dataset += (by_dataset.empty() ? "" : ", ") + d + " " + std::to_string(c.count(*kind)) + " of " +
                    std::to_string(c.total());
    }
    const Result<double> rate =
        calls.empty() ? Result<double>::undefined(Undefined::too_few, s + " made no LLM call")
                      : Result<double>(static_cast<double>(calls.count(*kind)) / static_cast<double>(calls.total()));
    const std::string note = calls.empty() ? std::string()
                                           : " (" + std::to_string(calls.count(*kind)) + " of " +
                                                 std::to_string(calls.total()) + " LLM calls ended in " + outcome + ")";
    const ::testing::AssertionResult r = detail::check_bound(
        outcome + " rate of " + s, "outcome_rate." + outcome + "." + s, rate, detail::Bound::at_most, max, max_expr, note,
        "    experiment: " + experiment.name() + " (" + experiment_expr + ")\n    by dataset: " + by_dataset);
    if (r) {
      worst = rate.value() > worst ? rate.value() : worst;
      continue;
    }
    ++failing;
    failures += std::string(r.message()) + "\n";
  }
  if (failing == 0 && !solvers.empty()) {
    if (solver == "*") detail::record("outcome_rate." + outcome + ".*", worst);
    return ::testing::AssertionSuccess();
  }
  if (solvers.empty()) {
    return ::testing::AssertionFailure() << "Expected: " << outcome << " rate of every solver <= "
                                         << detail::bound_text(max, max_expr)
                                         << "\n  Actual: undefined: no solver of " << experiment.name()
                                         << " made an LLM call";
  }
  if (failing > 1) failures = std::to_string(failing) + " solvers over the bound:\n" + failures;
  return ::testing::AssertionFailure() << detail::trim_newline(failures);
}

}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

/// The share of `solver`'s LLM calls that ended in `outcome` is at most `max` ("*": each solver).
#define SYNTHBENCH_EXPECT_OUTCOME_RATE_LE(experiment, solver, outcome, max)                                \
  SYNTHBENCH_DETAIL_PRED_FORMAT4(EXPECT_PRED_FORMAT4, ::synthbench::gtest::outcome_rate_le, experiment, solver, \
                                 outcome, max)
/// ASSERT_ twin of SYNTHBENCH_EXPECT_OUTCOME_RATE_LE.
#define SYNTHBENCH_ASSERT_OUTCOME_RATE_LE(experiment, solver, outcome, max)                                \
  SYNTHBENCH_DETAIL_PRED_FORMAT4(ASSERT_PRED_FORMAT4, ::synthbench::gtest::outcome_rate_le, experiment, solver, \
                                 outcome, max)

#ifndef SYNTHBENCH_NO_SHORT_MACROS
#define EXPECT_OUTCOME_RATE_LE(experiment, solver, outcome, max) \
  SYNTHBENCH_EXPECT_OUTCOME_RATE_LE(experiment, solver, outcome, max)
#define ASSERT_OUTCOME_RATE_LE(experiment, solver, outcome, max) \
  SYNTHBENCH_ASSERT_OUTCOME_RATE_LE(experiment, solver, outcome, max)
#endif  // SYNTHBENCH_NO_SHORT_MACROS

#endif  // SYNTHBENCH_GTEST_OUTCOME_ASSERTIONS_HPP
