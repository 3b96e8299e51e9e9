#include <synthbench/metrics/similarity.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace {

using synthbench::InputError;
using synthbench::Undefined;
using synthbench::UsageError;
using synthbench::metrics::OutOfRangePolicy;
using synthbench::metrics::parse_score;
using synthbench::metrics::ScoreAnswer;
using synthbench::metrics::ScoreIssueKind;
using synthbench::metrics::SimilarityMetric;
using synthbench::metrics::SimilarityOptions;
using synthbench::metrics::SimilarityOutcomes;
using synthbench::metrics::UnparsablePolicy;

std::vector<ScoreAnswer> numbers(const std::vector<double>& v) {
  std::vector<ScoreAnswer> out;
  for (const double x : v) out.push_back(ScoreAnswer::of(x));
  return out;
}

TEST(Similarity, HandWorkedCorrelations) {
  // gold 1..5, predicted {2, 4, 5, 4, 5}.
  // Pearson: dx = {-2,-1,0,1,2}, dy = {-2,0,1,0,1}: 6 / sqrt(10 * 6) = 0.7745966...
  // Spearman: predicted ranks {1, 2.5, 4.5, 2.5, 4.5} (mean 3), dy = {-2,-.5,1.5,-.5,1.5}:
  //   sum dx dy = 4 + .5 + 0 - .5 + 3 = 7, sum dy^2 = 4 + .25 + 2.25 + .25 + 2.25 = 9,
  //   rho = 7 / sqrt(10 * 9) = 0.7378648 (scipy.stats.spearmanr agrees).
  const SimilarityOutcomes out({1, 2, 3, 4, 5}, numbers({2, 4, 5, 4, 5}));
  EXPECT_NEAR(out.score(SimilarityMetric::pearson).value(), 6 / std::sqrt(60.0), 1e-15);
  EXPECT_NEAR(out.score(SimilarityMetric::spearman).value(), 7 / std::sqrt(90.0), 1e-15);
  const auto r = out.report();
  EXPECT_EQ(r.items, 5u);
  EXPECT_EQ(r.used, 5u);
  EXPECT_EQ(r.clipped + r.imputed + r.excluded, 0u);
}

TEST(Similarity, OutOfRangeAnswersAreClippedByDefault) {
  // gold {0..5}, answers {0.5, 1, 7, 3, -2, 5}: 7 -> 5 and -2 -> 0, so p = {.5, 1, 5, 3, 0, 5}.
  // With dx = g - 2.5: sum dx p = -1.25 - 1.5 - 2.5 + 1.5 + 0 + 12.5 = 8.75; sum dx^2 = 17.5;
  // sum dy^2 = sum p^2 - (sum p)^2 / 6 = 60.25 - 14.5^2 / 6. r = 0.41660 (scipy agrees).
  const SimilarityOutcomes out({0, 1, 2, 3, 4, 5}, numbers({0.5, 1, 7, 3, -2, 5}));
  EXPECT_NEAR(out.score(SimilarityMetric::pearson).value(), 8.75 / std::sqrt(17.5 * (60.25 - 210.25 / 6)), 1e-12);
  ASSERT_EQ(out.issues().size(), 2u);
  EXPECT_EQ(out.issues()[0].kind, ScoreIssueKind::clipped);
  EXPECT_EQ(out.issues()[0].item, 2u);
  EXPECT_EQ(out.issues()[0].answer, "7");
  EXPECT_EQ(out.items()[4].predicted, 0.0);
  EXPECT_EQ(out.report().clipped, 2u);
}

TEST(Similarity, UnparsableAnswersScoreTheMidpointByDefault) {
  // gold {0..5}; answers: none, "1", "2" (text), 3, "abc", 5 -> p = {2.5, 1, 2, 3, 2.5, 5}.
  // sum dx p = -6.25 - 1.5 - 1 + 1.5 + 3.75 + 12.5 = 9; sum p^2 - (sum p)^2 / 6 = 51.5 - 256/6.
  const std::vector<ScoreAnswer> answers = {ScoreAnswer::missing(), ScoreAnswer::of_text("1"), ScoreAnswer::of_text(" 2 "),
                                            ScoreAnswer::of(3), ScoreAnswer::of_text("abc"), ScoreAnswer::of(5)};
  const SimilarityOutcomes out({0, 1, 2, 3, 4, 5}, answers);
  EXPECT_NEAR(out.score(SimilarityMetric::pearson).value(), 9 / std::sqrt(17.5 * (51.5 - 256.0 / 6)), 1e-12);
  ASSERT_EQ(out.issues().size(), 2u);
  EXPECT_EQ(out.issues()[0].kind, ScoreIssueKind::imputed);
  EXPECT_EQ(out.issues()[0].answer, "null");
  EXPECT_EQ(out.issues()[1].answer, "abc");
  // With OutOfRangePolicy::unparsable, an out-of-range number is imputed too.
  SimilarityOptions o;
  o.out_of_range = OutOfRangePolicy::unparsable;
  const SimilarityOutcomes oor({0, 1, 2}, numbers({9, 1, 2}), o);
  EXPECT_EQ(oor.items()[0].predicted, 2.5);
  EXPECT_EQ(oor.issues()[0].kind, ScoreIssueKind::imputed);
}

TEST(Similarity, ExcludedItemsLeaveTheCorrelation) {
  // gold {1, 2, 3, 4, 5}, answers {2, 4, 5, none, 5}: item 3 left out, so gold {1, 2, 3, 5}
  // and p {2, 4, 5, 5}: dx = g - 2.75, sum dx p = -3.5 - 3 + 1.25 + 11.25 = 6; sum dx^2 =
  // 8.75; sum p^2 - (sum p)^2 / 4 = 70 - 64 = 6. r = 6 / sqrt(52.5) = 0.828079.
  SimilarityOptions o;
  o.unparsable = UnparsablePolicy::exclude;
  const SimilarityOutcomes out({1, 2, 3, 4, 5}, {ScoreAnswer::of(2), ScoreAnswer::of(4), ScoreAnswer::of(5),
                                                  ScoreAnswer::missing(), ScoreAnswer::of(5)},
                               o);
  EXPECT_NEAR(out.score(SimilarityMetric::pearson).value(), 6 / std::sqrt(52.5), 1e-15);
  const auto r = out.report();
  EXPECT_EQ(r.used, 4u);
  EXPECT_EQ(r.excluded, 1u);
  // On a resample, the excluded item is left out as often as it is drawn.
  EXPECT_EQ(out.report({3, 3, 0, 1}).used, 2u);
  EXPECT_EQ(out.report({3, 3, 0, 1}).excluded, 2u);
}

TEST(Similarity, ErrorPoliciesAndBadGold) {
  SimilarityOptions o;
  o.unparsable = UnparsablePolicy::error;
  o.predicted_source = "pred.jsonl";
  o.item_name = [](std::size_t i) { return "line " + std::to_string(i + 1); };
  try {
    SimilarityOutcomes({1, 2}, {ScoreAnswer::of(1), ScoreAnswer::of_text("n/a")}, o);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.305");
    EXPECT_EQ(e.source(), "pred.jsonl");
    EXPECT_EQ(e.where(), "line 2");
    EXPECT_NE(std::string(e.what()).find("the predicted score n/a is not a number"), std::string::npos);
  }
  o.out_of_range = OutOfRangePolicy::error;
  try {
    SimilarityOutcomes({1, 2}, numbers({1, 5.5}), o);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.306");
    EXPECT_NE(std::string(e.what()).find("5.5 is outside the scale [0, 5]"), std::string::npos) << e.what();
  }
  try {
    SimilarityOutcomes({1, 5.2}, numbers({1, 2}));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.304");
    EXPECT_EQ(e.where(), "item 1");
  }
  EXPECT_THROW(SimilarityOutcomes({std::numeric_limits<double>::quiet_NaN()}, numbers({1})), InputError);
  EXPECT_THROW(SimilarityOutcomes({1, 2}, numbers({1})), UsageError);
}

TEST(Similarity, ConstantPredictionsAreUndefinedWithAReason) {
  const SimilarityOutcomes out({1, 2, 3}, numbers({4, 4, 4}));
  const auto r = out.score(SimilarityMetric::pearson);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Undefined::constant_input);
  EXPECT_EQ(r.detail(), "the predicted scores have all 3 values equal, so Pearson's r is 0/0");
  EXPECT_EQ(out.score(SimilarityMetric::spearman, {0}).detail(),
            "the gold scores have 1 value, Spearman's rho needs at least 2");
}

TEST(Similarity, ParseScoreAcceptsOnlyWholeNumbers) {
  EXPECT_EQ(parse_score("3.5"), 3.5);
  EXPECT_EQ(parse_score(" 4 \n"), 4.0);
  EXPECT_EQ(parse_score("2e0"), 2.0);
  EXPECT_EQ(parse_score("-.5"), -0.5);
  EXPECT_EQ(parse_score("5."), 5.0);
  EXPECT_EQ(parse_score("+3"), 3.0);
  for (const char* bad : {"", " ", ".", "3.5/5", "about 3", "3,5", "nan", "inf", "1e999", "1e", "--1", "0x1p3"}) {
    EXPECT_FALSE(parse_score(bad).has_value()) << bad;
  }
}

TEST(Similarity, ResampledScoresEqualScoresOnTheResampledData) {
  const std::vector<double> gold = {0.4, 3.8, 2.0, 5.0, 1.2, 4.4, 0.0};
  const std::vector<double> pred = {1.0, 3.0, 2.5, 4.5, 0.5, 4.0, 1.5};
  const SimilarityOutcomes out(gold, numbers(pred));
  const std::vector<std::uint32_t> idx = {6, 6, 1, 3, 0, 0, 5};
  std::vector<double> g;
  std::vector<double> p;
  for (const auto i : idx) {
    g.push_back(gold[i]);
    p.push_back(pred[i]);
  }
  const SimilarityOutcomes materialized(g, numbers(p));
  for (const auto m : {SimilarityMetric::pearson, SimilarityMetric::spearman}) {
    EXPECT_DOUBLE_EQ(out.score(m, idx).value(), materialized.score(m).value()) << to_string(m);
    EXPECT_DOUBLE_EQ(out.scorer(m).score_on(idx).value(), materialized.score(m).value()) << to_string(m);
  }
  EXPECT_THROW(out.score(SimilarityMetric::pearson, {7}), UsageError);
}

}  // namespace
