#include <synthbench/scores/agreement.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace {

using synthbench::ApproachScores;
using synthbench::Undefined;

// Three approaches; the synthetic data ties b and c.
const ApproachScores kReal("real", "f1", {{"a", 0.8}, {"b", 0.6}, {"c", 0.4}});
const ApproachScores kSynthetic("gen", "f1", {{"c", 0.6}, {"a", 0.7}, {"b", 0.6}});  // other order on purpose

TEST(Agreement, MspdHandWorked) {
  // Differences real - synthetic: a .1, b 0, c -.2; squares .01, 0, .04; mean .05 / 3.
  EXPECT_NEAR(synthbench::mspd(kReal, kSynthetic).value(), 0.05 / 3, 1e-15);
}

TEST(Agreement, SrccHandWorkedWithTie) {
  // Real ranks a 3, b 2, c 1; synthetic a 3, b 1.5, c 1.5. Means 2 and 2. dx {1, 0, -1},
  // dy {1, -.5, -.5}: sum dx dy = 1 + 0 + .5 = 1.5, sum dx^2 = 2, sum dy^2 = 1.5;
  // rho = 1.5 / sqrt(3) = 0.8660254.
  EXPECT_NEAR(synthbench::srcc(kReal, kSynthetic).value(), 1.5 / std::sqrt(3.0), 1e-15);
  // tau-b: pairs (a,b) C, (a,c) C, (b,c) tied in synthetic: n_c - n_d = 2, n1 = 0, n2 = 1:
  // 2 / sqrt(3 * 2) = 0.8164966.
  EXPECT_NEAR(synthbench::kendall_agreement(kReal, kSynthetic).value(), 2 / std::sqrt(6.0), 1e-15);
}

TEST(Agreement, SrccIsSymmetricAndPerfectOnSameOrder) {
  const ApproachScores shifted("gen", "f1", {{"a", 0.5}, {"b", 0.3}, {"c", 0.1}});
  EXPECT_EQ(synthbench::srcc(kReal, shifted).value(), 1.0);
  EXPECT_EQ(synthbench::srcc(kReal, kSynthetic).value(), synthbench::srcc(kSynthetic, kReal).value());
  // MSPD of a constant shift of 0.3 is 0.09.
  EXPECT_NEAR(synthbench::mspd(kReal, shifted).value(), 0.09, 1e-15);
}

TEST(Agreement, DifficultyGapIsSignedMeanOfSyntheticMinusReal) {
  // (.7 - .8) + (.6 - .6) + (.6 - .4) = .1; / 3.
  EXPECT_NEAR(synthbench::difficulty_gap(kReal, kSynthetic).value(), 0.1 / 3, 1e-15);
}

TEST(Agreement, SelectionRegretAndTop1) {
  // The synthetic winner is a (0.7), which also wins on real data.
  EXPECT_EQ(synthbench::selection_regret(kReal, kSynthetic).value(), 0.0);
  EXPECT_TRUE(synthbench::top1_agreement(kReal, kSynthetic).value());
  // Synthetic prefers c: regret = 0.8 - 0.4.
  const ApproachScores wrong("gen", "f1", {{"a", 0.1}, {"b", 0.2}, {"c", 0.9}});
  EXPECT_NEAR(synthbench::selection_regret(kReal, wrong).value(), 0.4, 1e-15);
  EXPECT_FALSE(synthbench::top1_agreement(kReal, wrong).value());
}

TEST(Agreement, TiedSyntheticWinnersTakeTheWorstCase) {
  // a and b tie at the top of the synthetic data: a practitioner may pick b, losing 0.8 - 0.6.
  const ApproachScores tie("gen", "f1", {{"a", 0.9}, {"b", 0.9}, {"c", 0.1}});
  EXPECT_NEAR(synthbench::selection_regret(kReal, tie).value(), 0.2, 1e-15);
  EXPECT_FALSE(synthbench::top1_agreement(kReal, tie).value());
  // When the real data ties them too, either pick is a real winner.
  const ApproachScores real_tie("real", "f1", {{"a", 0.8}, {"b", 0.8}, {"c", 0.4}});
  EXPECT_EQ(synthbench::selection_regret(real_tie, tie).value(), 0.0);
  EXPECT_TRUE(synthbench::top1_agreement(real_tie, tie).value());
  EXPECT_EQ(synthbench::winners(tie), (std::vector<std::string>{"a", "b"}));
}

TEST(Agreement, MismatchedApproachesListWhatIsMissingWhere) {
  const ApproachScores other("gpt-4o", "f1", {{"a", 0.5}, {"d", 0.5}, {"e", 0.5}});
  const auto r = synthbench::srcc(kReal, other);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Undefined::approach_mismatch);
  EXPECT_EQ(r.detail(),
            "real 'real' and synthetic 'gpt-4o' score different approaches: missing from 'gpt-4o': b, c; "
            "missing from 'real': d, e");
  for (const auto& undefined : {synthbench::mspd(kReal, other), synthbench::difficulty_gap(kReal, other),
                                synthbench::selection_regret(kReal, other), synthbench::kendall_agreement(kReal, other)}) {
    EXPECT_EQ(undefined.code(), Undefined::approach_mismatch);
  }
  EXPECT_EQ(synthbench::top1_agreement(kReal, other).code(), Undefined::approach_mismatch);
  EXPECT_EQ(synthbench::srcc_exact_p(kReal, other).code(), Undefined::approach_mismatch);
}

TEST(Agreement, EmptyAndDegenerateInputs) {
  const ApproachScores empty("real");
  EXPECT_EQ(synthbench::mspd(empty, ApproachScores("gen")).code(), Undefined::too_few);
  const ApproachScores one_real("real", "f1", {{"a", 0.5}});
  const ApproachScores one_synthetic("gen", "f1", {{"a", 0.4}});
  EXPECT_NEAR(synthbench::mspd(one_real, one_synthetic).value(), 0.01, 1e-15);
  EXPECT_EQ(synthbench::srcc(one_real, one_synthetic).code(), Undefined::too_few);
  const ApproachScores flat("gen", "f1", {{"a", 0.5}, {"b", 0.5}, {"c", 0.5}});
  EXPECT_EQ(synthbench::srcc(kReal, flat).code(), Undefined::constant_input);
  EXPECT_EQ(synthbench::selection_regret(kReal, flat).value(), 0.4) << "every approach ties: worst pick is c";
}

TEST(Agreement, ExactPOfSrcc) {
  const ApproachScores real("real", "f1", {{"a", 6}, {"b", 5}, {"c", 4}, {"d", 3}, {"e", 2}, {"f", 1}});
  const ApproachScores same("gen", "f1", {{"a", .6}, {"b", .5}, {"c", .4}, {"d", .3}, {"e", .2}, {"f", .1}});
  const auto p = synthbench::srcc_exact_p(real, same).value();
  EXPECT_EQ(p.at_least_as_extreme, 1u);
  EXPECT_EQ(p.orderings, 720u);
}

// Issue 15: finite scores of extreme magnitude. What overflows a double is undefined
// (not_finite) with a reason, never a silent inf; what does not overflow is computed.
TEST(Agreement, ExtremeFiniteScoresOverflowIntoAReasonNotInf) {
  const ApproachScores real("real", "f1", {{"a", 1e308}, {"b", -1e308}, {"c", 0.5}});
  const ApproachScores synthetic("gen", "f1", {{"a", -1e308}, {"b", 1e308}, {"c", 0.2}});
  // (1e308 - -1e308)^2 overflows; so does the regret of picking b (synthetic winner):
  // 1e308 (real winner a) - -1e308 (b's real score) = 2e308.
  for (const auto& r : {synthbench::mspd(real, synthetic), synthbench::selection_regret(real, synthetic)}) {
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.code(), Undefined::not_finite);
    EXPECT_NE(r.message().find("overflows a double"), std::string::npos) << r.message();
  }
  // Top-1 agreement needs no subtraction: b wins synthetic, a wins real.
  EXPECT_EQ(synthbench::top1_agreement(real, synthetic).value(), false);
  // The gap's differences overflow (-2e308, 2e308) but their mean does not: summed as
  // s/3 - r/3, (-1e308/3 - 1e308/3) + (1e308/3 + 1e308/3) + (0.2/3 - 0.5/3) = -0.1.
  EXPECT_NEAR(synthbench::difficulty_gap(real, synthetic).value(), -0.1, 1e-12);
  // A gap that itself exceeds a double: mean of (1e308 - -1e308) and (1e308 - -1e308) = 2e308.
  const ApproachScores low("real", "f1", {{"a", -1e308}, {"b", -1e308}});
  const ApproachScores high("gen", "f1", {{"a", 1e308}, {"b", 1e308}});
  EXPECT_EQ(synthbench::difficulty_gap(low, high).code(), Undefined::not_finite);
  // Ranks are unaffected: reversed order, SRCC -1.
  EXPECT_EQ(synthbench::srcc(real, synthetic).value(), -1.0);
}

}  // namespace
