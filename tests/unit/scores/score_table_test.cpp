#include <synthbench/scores/score_table.hpp>

#include <gtest/gtest.h>

namespace {

using synthbench::ScoreTable;
using synthbench::UsageError;

ScoreTable small_table() {
  ScoreTable t("macro_f1");
  t.set_real("a", 0.9).set_real("b", 0.5);
  t.set_synthetic("g1", "a", 0.8).set_synthetic("g1", "b", 0.6);
  t.set_synthetic("g2", "b", 0.2).set_synthetic("g2", "a", 0.4);
  return t;
}

TEST(ScoreTable, AverageOfScoresNear1e308IsFiniteNotAnOverflow) {
  // Issue 15: 1e308 + 1.5e308 overflows, their mean 1.25e308 does not; averaged as
  // 1e308 / 2 + 1.5e308 / 2 when the sum overflows.
  ScoreTable t("f1");
  t.set_real("a", 0.5).set_synthetic("g1", "a", 1e308).set_synthetic("g2", "a", 1.5e308);
  EXPECT_DOUBLE_EQ(t.average().at("a"), 1.25e308);
}

TEST(ScoreTable, AverageIsPerApproachMeanOverGenerators) {
  const ScoreTable t = small_table();
  // a: (0.8 + 0.4) / 2 = 0.6; b: (0.6 + 0.2) / 2 = 0.4.
  EXPECT_NEAR(t.average().at("a"), 0.6, 1e-15);
  EXPECT_NEAR(t.average().at("b"), 0.4, 1e-15);
  EXPECT_EQ(&t.synthetic("average"), &t.average());
  EXPECT_EQ(t.average().dataset(), "average");
  EXPECT_EQ(t.average().metric(), "macro_f1");
}

TEST(ScoreTable, NamesAndLookups) {
  const ScoreTable t = small_table();
  EXPECT_EQ(t.generator_names(), (std::vector<std::string>{"g1", "g2"}));
  EXPECT_EQ(t.synthetic_names(), (std::vector<std::string>{"g1", "g2", "average"}));
  EXPECT_EQ(t.synthetic("g2").at("a"), 0.4);
  EXPECT_EQ(t.real().dataset(), "real");
  EXPECT_TRUE(t.has_synthetic("average"));
  EXPECT_FALSE(t.has_synthetic("g3"));
  EXPECT_TRUE(ScoreTable("x").synthetic_names().empty());
  try {
    (void)t.synthetic("g3");
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "[synthbench.usage.12] no synthetic dataset 'g3' in the macro_f1 table (known: g1, g2, average)");
  }
}

TEST(ScoreTable, AverageIsReserved) {
  ScoreTable t("f1");
  EXPECT_THROW(t.set_synthetic("average", "a", 0.1), UsageError);
  EXPECT_THROW(t.set_synthetic("", "a", 0.1), UsageError);
}

TEST(ScoreTable, ProblemsListMissingApproachesOnEachSide) {
  ScoreTable t = small_table();
  t.set_real("c", 0.1);
  t.set_synthetic("g2", "d", 0.3);
  t.set_solver_of("g9", "a");
  EXPECT_EQ(t.problems(), (std::vector<std::string>{
                              "synthetic 'g1' has no score for c (scored on real)",
                              "synthetic 'g2' has no score for c (scored on real)",
                              "real has no score for d (scored on synthetic 'g2')",
                              "the solver map names generator 'g9', which has no synthetic dataset",
                          }));
  try {
    t.validate();
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_EQ(e.id(), "synthbench.usage.13");
    EXPECT_NE(std::string(e.what()).find("\n  - synthetic 'g1' has no score for c"), std::string::npos);
  }
  EXPECT_EQ(ScoreTable("f1").problems(), (std::vector<std::string>{"no real scores", "no synthetic dataset"}));
  EXPECT_NO_THROW(small_table().validate());
}

TEST(ScoreTable, SolverMapAndRange) {
  ScoreTable t = small_table();
  EXPECT_EQ(t.solver_of("g1"), "g1");
  t.set_solver_of("g1", "a");
  EXPECT_EQ(t.solver_of("g1"), "a");
  EXPECT_THROW(t.set_range(1, 1), UsageError);
  t.set_range(-1, 1);
  EXPECT_EQ(t.range()->first, -1);
}

}  // namespace
