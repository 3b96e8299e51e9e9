// With SYNTHBENCH_NO_SHORT_MACROS the outcome-rate macros exist only under their canonical
// SYNTHBENCH_ names, and a user's own macro of a short name keeps working.
#define SYNTHBENCH_NO_SHORT_MACROS
#include <synthbench/gtest.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#if defined(EXPECT_OUTCOME_RATE_LE) || defined(ASSERT_OUTCOME_RATE_LE)
#error "SYNTHBENCH_NO_SHORT_MACROS must suppress the short names of the outcome-rate macros"
#endif

namespace {

#define EXPECT_OUTCOME_RATE_LE(a, b, c, d) EXPECT_TRUE((a) + (b) + (c) + (d) > 0)

TEST(OutcomeNoShortMacros, CanonicalNamesWork) {
  synthbench::Experiment e("toy", synthbench::Task::intent);
  e.add_dataset("real", {}, 2);
  e.add_solver("llm");
  synthbench::PredictionCounts c;
  c.items = 2;
  c.outcomes.add(synthbench::llm::Outcome::answer);
  c.outcomes.add(synthbench::llm::Outcome::content_filter);
  e.set_predictions("llm", "real", c);
  SYNTHBENCH_EXPECT_OUTCOME_RATE_LE(e, "llm", "content_filter", 0.5);  // 1 of 2
  SYNTHBENCH_ASSERT_OUTCOME_RATE_LE(e, "llm", "answer", 0.5);
  EXPECT_NONFATAL_FAILURE(SYNTHBENCH_EXPECT_OUTCOME_RATE_LE(e, "llm", "content_filter", 0.25),
                          "content_filter rate of llm <= 0.25");
  EXPECT_OUTCOME_RATE_LE(1, 2, 3, 4);
}

}  // namespace
