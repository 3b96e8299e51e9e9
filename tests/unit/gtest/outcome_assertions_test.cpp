// EXPECT_OUTCOME_RATE_LE on an experiment whose counts are set by hand, so that every rate
// is worked out here: gpt-4o-mini refused 1 of 20 real inputs and 2 of 20 and 0 of 20 of the
// two synthetic sets, 3 of 60 calls = 0.05; small-model had 1 transient failure in 60,
// 1/60 = 0.01667; the reference solver made no LLM call.

#include <synthbench/gtest.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <string>

#include "capture.hpp"
#include "synthbench/detail/files.hpp"

namespace {

using synthbench::llm::Outcome;
using synthbench_test_support::captured_failures;
using synthbench_test_support::recorded_property;

synthbench::PredictionCounts llm_counts(std::size_t refusals, std::size_t transient) {
  synthbench::PredictionCounts c;
  c.items = 20;
  c.outcomes.add(Outcome::refusal, refusals);
  c.outcomes.add(Outcome::transient_failure, transient);
  c.outcomes.add(Outcome::answer, 20 - refusals - transient);
  return c;
}

const synthbench::Experiment& snips() {
  static const synthbench::Experiment e = [] {
    synthbench::Experiment x("snips", synthbench::Task::intent);
    for (const char* d : {"real", "gen-a", "gen-b"}) x.add_dataset(d, {}, 20);
    x.add_solver("gpt-4o-mini");
    x.add_solver("small-model");
    x.add_solver("naive-bayes");
    x.set_predictions("gpt-4o-mini", "real", llm_counts(1, 0));
    x.set_predictions("gpt-4o-mini", "gen-a", llm_counts(2, 0));
    x.set_predictions("gpt-4o-mini", "gen-b", llm_counts(0, 0));
    x.set_predictions("small-model", "real", llm_counts(0, 1));
    x.set_predictions("small-model", "gen-a", llm_counts(0, 0));
    x.set_predictions("small-model", "gen-b", llm_counts(0, 0));
    for (const char* d : {"real", "gen-a", "gen-b"}) {
      synthbench::PredictionCounts reference;
      reference.items = 20;
      x.set_predictions("naive-bayes", d, reference);
    }
    return x;
  }();
  return e;
}

// The sample failure of docs/assertions.md, section EXPECT_OUTCOME_RATE_LE.
std::string documented_sample() {
  const std::string doc = synthbench::detail::read_file("docs/assertions.md");
  const auto section = doc.find("### EXPECT_OUTCOME_RATE_LE");
  if (section == std::string::npos) return "(no section)";
  const auto start = doc.find("```text\n", section);
  const auto end = doc.find("```", start + 8);
  return doc.substr(start + 8, end - start - 8);
}

TEST(OutcomeRateLe, PassesAtOrUnderTheBoundAndRecordsTheRate) {
  EXPECT_OUTCOME_RATE_LE(snips(), "gpt-4o-mini", "refusal", 0.05);  // exactly 3/60
  EXPECT_EQ(recorded_property("synthbench.outcome_rate.refusal.gpt-4o-mini"), "0.05");
  ASSERT_OUTCOME_RATE_LE(snips(), "small-model", "transient_failure", 0.02);  // 1/60
  EXPECT_EQ(recorded_property("synthbench.outcome_rate.transient_failure.small-model"), "0.016666667");
  SYNTHBENCH_EXPECT_OUTCOME_RATE_LE(snips(), "*", "content_filter", 0.0);
  EXPECT_EQ(recorded_property("synthbench.outcome_rate.content_filter.*"), "0");
}

TEST(OutcomeRateLe, TheFailureIsTheDocumentedSample) {
  const auto failures = captured_failures([] { EXPECT_OUTCOME_RATE_LE(snips(), "gpt-4o-mini", "refusal", 0.02); });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0] + "\n", documented_sample());
  EXPECT_EQ(failures[0],
            "Expected: refusal rate of gpt-4o-mini <= 0.02\n"
            "  Actual: 0.05 (3 of 60 LLM calls ended in refusal)\n"
            "    experiment: snips (snips())\n"
            "    by dataset: real 1 of 20, gen-a 2 of 20, gen-b 0 of 20");
}

TEST(OutcomeRateLe, EverySolverAndTheWrongCases) {
  // "*": both LLM solvers are over 0.01 (0.05 and 0.01667); the reference solver is skipped.
  auto failures = captured_failures([] { EXPECT_OUTCOME_RATE_LE(snips(), "*", "answer", 0.9); });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].rfind("2 solvers over the bound:\nExpected: answer rate of gpt-4o-mini <= 0.9\n  Actual: 0.95 (57 of 60", 0), 0u)
      << failures[0];
  EXPECT_NE(failures[0].find("Expected: answer rate of small-model <= 0.9\n  Actual: 0.9833 (59 of 60"), std::string::npos);
  // A solver without LLM calls, an unknown outcome, an unknown solver.
  failures = captured_failures([] { EXPECT_OUTCOME_RATE_LE(snips(), "naive-bayes", "refusal", 0.5); });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("Actual: undefined (too_few): naive-bayes made no LLM call"), std::string::npos) << failures[0];
  failures = captured_failures([] { EXPECT_OUTCOME_RATE_LE(snips(), "gpt-4o-mini", "refusals", 0.5); });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("no outcome is named \"refusals\""), std::string::npos) << failures[0];
  failures = captured_failures([] { EXPECT_OUTCOME_RATE_LE(snips(), "gpt-5", "refusal", 0.5); });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("synthbench.usage.81"), std::string::npos) << failures[0];  // names the solvers it has
  // ASSERT_ returns from the test function.
  bool after = false;
  failures = captured_failures([&after] {
    [&after] {
      ASSERT_OUTCOME_RATE_LE(snips(), "gpt-4o-mini", "refusal", 0.0);
      after = true;
    }();
  });
  EXPECT_EQ(failures.size(), 1u);
  EXPECT_FALSE(after);
}

}  // namespace
