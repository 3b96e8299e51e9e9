// With SYNTHBENCH_NO_SHORT_MACROS the short names are not defined (so they cannot clash with
// a user's own EXPECT_SRCC_GE), while the canonical SYNTHBENCH_ names work.
#define SYNTHBENCH_NO_SHORT_MACROS
#include <synthbench/gtest.hpp>
#include <synthbench/gtest/not_worse.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#if defined(EXPECT_SRCC_GE) || defined(ASSERT_MSPD_LE) || defined(EXPECT_BIAS_FACTOR_LE) || \
    defined(EXPECT_NO_REGRESSION) || defined(EXPECT_DIFFICULTY_GAP_LE) || defined(EXPECT_NOT_WORSE) || \
    defined(ASSERT_NOT_WORSE) || defined(EXPECT_PARSE_FAILURE_RATE_LE)
#error "SYNTHBENCH_NO_SHORT_MACROS must suppress the short macro names"
#endif

namespace {

// A user's own macro of the same name keeps working.
#define EXPECT_SRCC_GE(a, b, c) EXPECT_TRUE((a) + (b) >= (c))

TEST(NoShortMacros, CanonicalNamesWork) {
  const synthbench::ApproachScores real("real", "f1", {{"a", .9}, {"b", .5}, {"c", .1}});
  const synthbench::ApproachScores synthetic("gen", "f1", {{"a", .8}, {"b", .6}, {"c", .2}});
  SYNTHBENCH_EXPECT_SRCC_GE(real, synthetic, 1.0);
  SYNTHBENCH_ASSERT_MSPD_LE(real, synthetic, 0.01);
  EXPECT_NONFATAL_FAILURE(SYNTHBENCH_EXPECT_KENDALL_GE(real, synthetic, 1.5), "Kendall tau-b(real, gen) >= 1.5");
  EXPECT_SRCC_GE(1, 2, 3);
  // The canonical names of the paired gate exist: a missing baseline fails, naming it.
  synthbench::ScoreTable t("accuracy");
  EXPECT_NONFATAL_FAILURE(SYNTHBENCH_EXPECT_NOT_WORSE("no-such-baseline.json", t, 0.0, 0.05),
                          "an outcome baseline at no-such-baseline.json");
  EXPECT_FATAL_FAILURE(SYNTHBENCH_ASSERT_NOT_WORSE("no-such-baseline.json", synthbench::ScoreTable("accuracy"), 0.0, 0.05),
                       "no such file");
}

}  // namespace
