#include <synthbench/scores/bias_factor.hpp>

#include <gtest/gtest.h>

namespace {

using synthbench::ScoreTable;
using synthbench::Undefined;

// Three models A, B, C, each a generator and a solver. Every generator's data has mean 0.6.
//   data of A: A .9  B .6  C .3  -> normalized A +.3  B  0   C -.3
//   data of B: A .7  B .8  C .3  -> normalized A +.1  B +.2  C -.3
//   data of C: A .8  B .5  C .5  -> normalized A +.2  B -.1  C -.1
// bf_A = .3 - (.1 + .2) / 2 = .15;  bf_B = .2 - (0 - .1) / 2 = .25;  bf_C = -.1 - (-.3 - .3) / 2 = .2.
ScoreTable three_models() {
  ScoreTable t("f1");
  t.set_real("A", 0.9).set_real("B", 0.7).set_real("C", 0.5);
  const double data[3][3] = {{.9, .6, .3}, {.7, .8, .3}, {.8, .5, .5}};
  const char* names[3] = {"A", "B", "C"};
  for (int g = 0; g < 3; ++g) {
    for (int s = 0; s < 3; ++s) t.set_synthetic(names[g], names[s], data[g][s]);
  }
  return t;
}

TEST(BiasFactor, HandWorkedThreeModels) {
  const ScoreTable t = three_models();
  EXPECT_NEAR(synthbench::bias_factor(t, "A").value(), 0.15, 1e-12);
  EXPECT_NEAR(synthbench::bias_factor(t, "B").value(), 0.25, 1e-12);
  EXPECT_NEAR(synthbench::bias_factor(t, "C").value(), 0.20, 1e-12);
  const auto all = synthbench::bias_factors(t);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1].first, "B");
  const auto b = synthbench::bias_factor_breakdown(t, "C").value();
  EXPECT_NEAR(b.own_normalized, -0.1, 1e-12);
  EXPECT_NEAR(b.others_normalized, -0.3, 1e-12);
  ASSERT_EQ(b.terms.size(), 3u);
  EXPECT_TRUE(b.terms[2].own);
  EXPECT_NEAR(b.terms[0].mean_of_all, 0.6, 1e-12);
}

TEST(BiasFactor, RangeNormalizationDividesByWidth) {
  ScoreTable t = three_models();
  t.set_range(-1, 1);  // width 2: every bias factor halves
  EXPECT_NEAR(synthbench::bias_factor(t, "A").value(), 0.075, 1e-12);
  EXPECT_NEAR(synthbench::bias_factor(t, "B").value(), 0.125, 1e-12);
}

TEST(BiasFactor, InvariantUnderAShiftOfAllScores) {
  ScoreTable shifted("f1");
  const ScoreTable t = three_models();
  for (const auto& e : t.real()) shifted.set_real(e.approach, e.score + 3);
  for (const auto& g : t.generators()) {
    for (const auto& e : g) shifted.set_synthetic(g.dataset(), e.approach, e.score + 3);
  }
  EXPECT_NEAR(synthbench::bias_factor(shifted, "B").value(), 0.25, 1e-12);
}

TEST(BiasFactor, SolverMapLinksGeneratorNamesToSolverNames) {
  ScoreTable t("f1");
  t.set_real("llama-8b", 0.5).set_real("gpt", 0.7);
  t.set_synthetic("Meta-Llama-3-8B", "llama-8b", 0.6).set_synthetic("Meta-Llama-3-8B", "gpt", 0.6);
  t.set_synthetic("GPT-4o", "llama-8b", 0.4).set_synthetic("GPT-4o", "gpt", 0.8);
  EXPECT_TRUE(synthbench::bias_factors(t).empty());
  const auto unknown = synthbench::bias_factor(t, "llama-8b");
  EXPECT_EQ(unknown.code(), Undefined::out_of_domain);
  EXPECT_NE(unknown.detail().find("models that are both: none"), std::string::npos) << unknown.detail();
  t.set_solver_of("Meta-Llama-3-8B", "llama-8b").set_solver_of("GPT-4o", "gpt");
  // Both datasets have mean .6. llama: own data .6 - .6 = 0, GPT-4o's data .4 - .6 = -.2,
  // bf = 0 - (-.2) = +.2. gpt: own data .8 - .6 = +.2, Llama's data .6 - .6 = 0, bf = +.2.
  EXPECT_NEAR(synthbench::bias_factor(t, "llama-8b").value(), 0.2, 1e-12);
  EXPECT_NEAR(synthbench::bias_factor(t, "gpt").value(), 0.2, 1e-12);
}

TEST(BiasFactor, UndefinedCases) {
  ScoreTable one("f1");
  one.set_real("A", 0.5).set_real("B", 0.4);
  one.set_synthetic("A", "A", 0.5).set_synthetic("A", "B", 0.4);
  EXPECT_EQ(synthbench::bias_factor(one, "A").code(), Undefined::too_few);

  ScoreTable twice = three_models();
  twice.set_solver_of("B", "A");  // now two generators map to A
  const auto r = synthbench::bias_factor(twice, "A");
  EXPECT_EQ(r.code(), Undefined::out_of_domain);
  EXPECT_NE(r.detail().find("two generators ('A', 'B')"), std::string::npos) << r.detail();

  ScoreTable incomplete = three_models();
  incomplete.set_real("D", 0.1);
  EXPECT_EQ(synthbench::bias_factor(incomplete, "A").code(), Undefined::approach_mismatch);
}

}  // namespace
