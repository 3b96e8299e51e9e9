#include <synthbench/scores/bootstrap.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include <synthbench/metrics/classification.hpp>
#include <synthbench/scores/approach_bootstrap.hpp>

namespace {

using synthbench::make_resamplable;
using synthbench::ResamplableScore;
using synthbench::Result;
using synthbench::ScoreTable;
using synthbench::Undefined;
using synthbench::UsageError;
using synthbench::stats::BootstrapOptions;
using Indices = std::vector<std::uint32_t>;

// Per-item outcomes of an approach whose score is its accuracy: item i is right when
// correct[i]. Its score on a resample is the share of resampled items that are right.
std::shared_ptr<const ResamplableScore> accuracy_items(std::vector<bool> correct) {
  const std::size_t n = correct.size();
  return make_resamplable(n, [correct = std::move(correct)](const Indices& idx) -> Result<double> {
    std::size_t right = 0;
    for (const auto i : idx) right += correct[i] ? 1u : 0u;
    return static_cast<double>(right) / static_cast<double>(idx.size());
  });
}

// Right on items [0, k) of n.
std::shared_ptr<const ResamplableScore> first_k_right(std::size_t k, std::size_t n) {
  std::vector<bool> v(n, false);
  for (std::size_t i = 0; i < k; ++i) v[i] = true;
  return accuracy_items(std::move(v));
}

// Right on every item whose pseudo-random draw falls under p (a fixed pattern per seed).
std::shared_ptr<const ResamplableScore> noisy(double p, std::size_t n, std::uint64_t seed) {
  synthbench::stats::Xoshiro256StarStar g(seed);
  std::vector<bool> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = g.uniform01() < p;
  return accuracy_items(std::move(v));
}

ScoreTable noisy_table() {
  ScoreTable t("accuracy");
  const char* approaches[] = {"a", "b", "c", "d"};
  const double real_p[] = {0.55, 0.62, 0.70, 0.80};
  const double gen1_p[] = {0.60, 0.58, 0.75, 0.85};  // swaps a and b
  const double gen2_p[] = {0.80, 0.82, 0.86, 0.90};  // easier, same order
  for (std::uint64_t i = 0; i < 4; ++i) {
    t.set_real(approaches[i], noisy(real_p[i], 150, 100 + i));
    t.set_synthetic("gen1", approaches[i], noisy(gen1_p[i], 120, 200 + i));
    t.set_synthetic("gen2", approaches[i], noisy(gen2_p[i], 100, 300 + i));
  }
  return t;
}

TEST(ScoreTableItems, PerItemScoresSetTheNumberAndStayBackwardCompatible) {
  ScoreTable t("accuracy");
  t.set_real("a", first_k_right(3, 4));  // 3/4
  EXPECT_EQ(t.real().at("a"), 0.75);
  ASSERT_NE(t.real_items("a"), nullptr);
  EXPECT_EQ(t.real_items("a")->item_count(), 4u);
  t.set_real("a", 0);  // a plain number (still an int literal, as before) drops the items
  EXPECT_EQ(t.real().at("a"), 0.0);
  EXPECT_EQ(t.real_items("a"), nullptr);
  t.set_synthetic("g", "a", first_k_right(1, 4));
  EXPECT_EQ(t.synthetic("g").at("a"), 0.25);
  EXPECT_EQ(t.average().at("a"), 0.25);
  const ScoreTable copy = t;  // copies share the immutable outcomes
  EXPECT_EQ(copy.synthetic_items("g", "a"), t.synthetic_items("g", "a"));
  t.set_synthetic("g", "a", 0.5);
  EXPECT_EQ(t.synthetic_items("g", "a"), nullptr);
  EXPECT_NE(copy.synthetic_items("g", "a"), nullptr);
  EXPECT_THROW(t.set_real("b", std::shared_ptr<const ResamplableScore>()), UsageError);
  const auto undefined = make_resamplable(3, [](const Indices&) {
    return Result<double>::undefined(Undefined::constant_input, "all equal");
  });
  try {
    t.set_synthetic("g", "b", undefined);
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_EQ(e.id(), "synthbench.usage.35");
    EXPECT_NE(std::string(e.what()).find("is undefined (constant_input): all equal"), std::string::npos) << e.what();
  }
}

TEST(MetaBootstrap, EstimatesAreTheTablesNumbersAndIntervalsHoldThem) {
  const ScoreTable t = noisy_table();
  BootstrapOptions o;
  o.resamples = 1000;
  const auto r = synthbench::bootstrap_meta(t, o);
  ASSERT_TRUE(r.ok()) << r.message();
  const auto& m = r.value();
  ASSERT_EQ(m.datasets.size(), 3u);
  EXPECT_EQ(m.datasets[0].dataset, "gen1");
  EXPECT_EQ(m.datasets[2].dataset, "average");
  for (const auto& d : m.datasets) {
    const auto& srcc = d.srcc.value();
    const auto& mspd = d.mspd.value();
    EXPECT_EQ(srcc.estimate, synthbench::srcc(t.real(), t.synthetic(d.dataset)).value()) << d.dataset;
    EXPECT_EQ(mspd.estimate, synthbench::mspd(t.real(), t.synthetic(d.dataset)).value()) << d.dataset;
    EXPECT_LE(srcc.lower, srcc.upper);
    EXPECT_GE(srcc.lower, -1.0);
    EXPECT_LE(srcc.upper, 1.0);
    EXPECT_GE(mspd.lower, 0.0);
    EXPECT_LE(mspd.lower, mspd.estimate) << d.dataset;
    EXPECT_GE(mspd.upper, mspd.estimate) << d.dataset;
    EXPECT_EQ(srcc.resamples, 1000u);
  }
  // gen1 swaps the two weakest approaches: SRCC 0.8; the swap rests on a 0.04 gap with
  // standard errors near 0.04, so the interval must reach well below 0.8.
  EXPECT_DOUBLE_EQ(m.at("gen1").srcc.value().estimate, 0.8);
  EXPECT_LT(m.at("gen1").srcc.value().lower, 0.8);
  // One score interval per (dataset, approach): real, gen1, gen2, average, 4 approaches each.
  ASSERT_EQ(m.scores.size(), 16u);
  EXPECT_EQ(m.scores[0].dataset, "real");
  EXPECT_EQ(m.scores[12].dataset, "average");
  for (const auto& s : m.scores) {
    const auto& ci = s.interval.value();
    EXPECT_LE(ci.lower, ci.estimate) << s.dataset << "/" << s.approach;
    EXPECT_GE(ci.upper, ci.estimate) << s.dataset << "/" << s.approach;
  }
  // The accuracy of 150 items at p ~ 0.6 has standard error about sqrt(.6 * .4 / 150) = 0.04.
  EXPECT_NEAR(m.scores[1].interval.value().standard_error, 0.04, 0.01);
}

TEST(MetaBootstrap, ReproducibleAndIndependentOfTheOtherDatasets) {
  const ScoreTable t = noisy_table();
  BootstrapOptions o;
  o.resamples = 300;
  o.seed = 99;
  const auto a = synthbench::bootstrap_meta(t, o).value();
  const auto b = synthbench::bootstrap_meta(t, o).value();
  EXPECT_EQ(a.at("gen2").srcc.value().lower, b.at("gen2").srcc.value().lower);
  EXPECT_EQ(a.at("gen2").mspd.value().upper, b.at("gen2").mspd.value().upper);
  EXPECT_EQ(a.at("average").mspd.value().standard_error, b.at("average").mspd.value().standard_error);
  // One generator alone gives the same interval, bit for bit (each dataset has its own stream).
  const auto alone = synthbench::bootstrap_agreement(t, "gen2", o).value();
  EXPECT_EQ(alone.mspd.value().lower, a.at("gen2").mspd.value().lower);
  EXPECT_EQ(alone.mspd.value().upper, a.at("gen2").mspd.value().upper);
  EXPECT_EQ(alone.srcc.value().standard_error, a.at("gen2").srcc.value().standard_error);
  // Adding a generator changes neither gen2's interval nor the real data's resamples.
  ScoreTable more = t;
  for (std::uint64_t i = 0; i < 4; ++i) more.set_synthetic("gen3", std::string(1, static_cast<char>('a' + i)), noisy(0.5, 80, 400 + i));
  const auto with_more = synthbench::bootstrap_meta(more, o).value();
  EXPECT_EQ(with_more.at("gen2").mspd.value().lower, a.at("gen2").mspd.value().lower);
  EXPECT_EQ(with_more.scores[2].interval.value().upper, a.scores[2].interval.value().upper);  // real, approach c
  // Another seed, other resamples.
  o.seed = 100;
  const auto c = synthbench::bootstrap_meta(t, o).value();
  EXPECT_NE(c.at("gen2").mspd.value().standard_error, a.at("gen2").mspd.value().standard_error);
}

TEST(MetaBootstrap, ApproachesAreResampledTogetherWithinADataset) {
  // Nested correctness: a is right on items [0, 100), b on [0, 120), c on [0, 140) of 200,
  // on the real and the synthetic data alike. When the approaches share each resample (a
  // paired bootstrap), a <= b <= c holds in every replicate, with equality only if no item of
  // [100, 120) or [120, 140) is drawn (probability 0.9^200, about 7e-10), so every SRCC
  // replicate is 1 and so is the whole interval. Resampling each approach on its own would
  // flip a neighbouring pair in several percent of replicates (differences of 0.1 with
  // standard errors near 0.05), and the 95% interval would reach below 1.
  ScoreTable t("accuracy");
  const std::size_t ks[] = {100, 120, 140};
  const char* names[] = {"a", "b", "c"};
  for (std::size_t i = 0; i < 3; ++i) {
    t.set_real(names[i], first_k_right(ks[i], 200));
    t.set_synthetic("gen", names[i], first_k_right(ks[i], 200));
  }
  BootstrapOptions o;
  o.resamples = 2000;
  const auto r = synthbench::bootstrap_agreement(t, "gen", o);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(r.value().srcc.value().lower, 1.0);
  EXPECT_EQ(r.value().srcc.value().upper, 1.0);
  EXPECT_EQ(r.value().srcc.value().undefined_resamples, 0u);
}

TEST(MetaBootstrap, UndefinedWithAReasonWhenItCannotResample) {
  ScoreTable plain("f1");
  plain.set_real("a", 0.5).set_real("b", 0.6).set_synthetic("g", "a", 0.4).set_synthetic("g", "b", 0.7);
  const auto r = synthbench::bootstrap_meta(plain);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Undefined::out_of_domain);
  EXPECT_NE(r.detail().find("the score of 'a' on the real data has no per-item outcomes"), std::string::npos)
      << r.detail();

  ScoreTable uneven("accuracy");
  uneven.set_real("a", first_k_right(5, 10)).set_real("b", first_k_right(5, 12));
  uneven.set_synthetic("g", "a", first_k_right(5, 10)).set_synthetic("g", "b", first_k_right(6, 10));
  const auto u = synthbench::bootstrap_agreement(uneven, "g");
  EXPECT_EQ(u.code(), Undefined::length_mismatch);
  EXPECT_NE(u.detail().find("'a' was scored on 10 items and 'b' on 12"), std::string::npos) << u.detail();

  ScoreTable incomplete("accuracy");
  incomplete.set_real("a", first_k_right(5, 10)).set_synthetic("g", "b", first_k_right(5, 10));
  EXPECT_EQ(synthbench::bootstrap_meta(incomplete).code(), Undefined::approach_mismatch);

  EXPECT_THROW(synthbench::bootstrap_agreement(noisy_table(), "gen9"), UsageError);
  BootstrapOptions bad;
  bad.confidence = 0;
  EXPECT_EQ(synthbench::bootstrap_meta(noisy_table(), bad).code(), Undefined::out_of_domain);
}

TEST(MetaBootstrap, WorksWithTheMetricsLayersScorers) {
  // The classification scorer plugs in through make_resamplable (scores does not include
  // metrics; the test, like the experiment layer, includes both).
  using synthbench::metrics::ClassificationMetric;
  using synthbench::metrics::ClassificationOutcomes;
  const std::vector<std::string> gold = {"x", "y", "x", "z", "y", "x"};
  ScoreTable t("macro_f1");
  const ClassificationOutcomes good(gold, {"x", "y", "x", "z", "y", "y"});
  const ClassificationOutcomes bad(gold, {"x", "x", "x", "x", "y", "y"});
  t.set_real("good", make_resamplable(good.scorer(ClassificationMetric::macro_f1)));
  t.set_real("bad", make_resamplable(bad.scorer(ClassificationMetric::macro_f1)));
  t.set_synthetic("g", "good", make_resamplable(good.scorer(ClassificationMetric::macro_f1)));
  t.set_synthetic("g", "bad", make_resamplable(bad.scorer(ClassificationMetric::macro_f1)));
  EXPECT_EQ(t.real().at("good"), good.score(ClassificationMetric::macro_f1).value());
  BootstrapOptions o;
  o.resamples = 200;
  o.max_undefined_share = 1.0;  // 6 items: some resamples tie the two approaches
  const auto r = synthbench::bootstrap_agreement(t, "g", o);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(r.value().srcc.value().estimate, 1.0);
  EXPECT_EQ(r.value().mspd.value().estimate, 0.0);
}

}  // namespace

namespace {

TEST(ApproachBootstrap, ResamplesApproachesNotItems) {
  // Same order on both sides: every defined replicate has SRCC 1 (a repeated approach is tied
  // in both columns), so the interval is [1, 1]. Three approaches: 3 of the 27 resamples repeat
  // one approach (SRCC 0/0), 11% > 5%: undefined. Different approaches: undefined, saying so.
  const synthbench::ApproachScores real("real", "f1", {{"a", 0.9}, {"b", 0.7}, {"c", 0.4}, {"d", 0.2}});
  const synthbench::ApproachScores same("g", "f1", {{"a", 0.8}, {"b", 0.6}, {"c", 0.5}, {"d", 0.1}});
  const auto i = synthbench::bootstrap_srcc_over_approaches(real, same);
  ASSERT_TRUE(i.ok()) << i.message();
  EXPECT_DOUBLE_EQ(i.value().lower, 1.0);
  EXPECT_DOUBLE_EQ(i.value().upper, 1.0);
  EXPECT_EQ(i.value().resamples, 2000u);
  const synthbench::ApproachScores three_real("real", "f1", {{"a", 0.9}, {"b", 0.7}, {"c", 0.4}});
  const synthbench::ApproachScores three("g", "f1", {{"a", 0.8}, {"b", 0.6}, {"c", 0.5}});
  EXPECT_FALSE(synthbench::bootstrap_srcc_over_approaches(three_real, three).ok());
  const synthbench::ApproachScores other("g", "f1", {{"x", 0.8}, {"b", 0.6}, {"c", 0.5}, {"d", 0.1}});
  EXPECT_EQ(synthbench::bootstrap_srcc_over_approaches(real, other).code(), synthbench::Undefined::approach_mismatch);
}

}  // namespace
