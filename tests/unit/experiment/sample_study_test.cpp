// Draws of real test items and what is computed on them: stratified sampling, the solver that
// remembers its answers, the scoring of draws (hand-worked), and the seed study's two modes on
// the SG4NLP data (skipped when it is absent).

#include <synthbench/experiment/sample_scoring.hpp>
#include <synthbench/experiment/sampling.hpp>
#include <synthbench/experiment/seed_study.hpp>
#include <synthbench/experiment/solvers/remembering_solver.hpp>
#include <synthbench/gtest/require_data.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

TEST(StratifiedIndices, ProportionalAllocationByLargestRemainder) {
  // Strata A (items 0-5), B (6-8), C (9); n = 5 of N = 10.
  //   A: 5 * 6 = 30 -> 30 / 10 = 3, remainder 0
  //   B: 5 * 3 = 15 -> 1, remainder 5
  //   C: 5 * 1 = 5  -> 0, remainder 5
  // 4 allocated; the fifth goes to the largest remainder, a tie of B and C: B sorts first.
  // So A 3, B 2, C 0.
  const std::vector<std::string> keys = {"A", "A", "A", "A", "A", "A", "B", "B", "B", "C"};
  const auto picked = synthbench::stratified_indices(keys, 5, 42);
  ASSERT_EQ(picked.size(), 5u);
  EXPECT_TRUE(std::is_sorted(picked.begin(), picked.end()));
  std::map<std::string, std::size_t> per;
  for (const auto i : picked) ++per[keys[i]];
  EXPECT_EQ(per["A"], 3u);
  EXPECT_EQ(per["B"], 2u);
  EXPECT_EQ(per.count("C"), 0u);
  // Within a stratum, random_indices on the stream derive_seed(seed, stratum).
  const auto a = synthbench::random_indices(6, 3, synthbench::stats::derive_seed(42, "A"));
  EXPECT_EQ(std::vector<std::size_t>(picked.begin(), picked.begin() + 3), a);
  EXPECT_EQ(synthbench::stratified_indices(keys, 5, 42), picked) << "seeded";
  EXPECT_EQ(synthbench::stratified_indices(keys, 10, 1), synthbench::first_indices(10, 10)) << "n >= N: everything";
  EXPECT_TRUE(synthbench::stratified_indices(keys, 0, 1).empty());
}

// Answers "<label>-<call>" for each input: which call answered shows in the answer.
class CountingSolver : public synthbench::IntentSolver {
 public:
  std::string name() const override { return "counting"; }
  std::vector<synthbench::IntentPrediction> predict(const std::vector<std::string>& texts) override {
    ++calls;
    std::vector<synthbench::IntentPrediction> out;
    for (const auto& t : texts) out.push_back({t + "-" + std::to_string(calls), ""});
    return out;
  }
  int calls = 0;
};

TEST(RememberingSolver, AsksTheWrappedSolverOnlyForBatchesWithSomethingNew) {
  auto inner = std::make_shared<CountingSolver>();
  synthbench::RememberingSolver<std::string, synthbench::IntentPrediction> s(inner);
  EXPECT_EQ(s.name(), "counting");
  EXPECT_EQ(s.predict({"a", "b"}).at(1).label, "b-1");
  EXPECT_EQ(s.predict({"b", "a"}).at(0).label, "b-1") << "both known: from memory";
  EXPECT_EQ(inner->calls, 1);
  // A batch with a new input goes to the wrapped solver whole ...
  const auto mixed = s.predict({"b", "c"});
  EXPECT_EQ(inner->calls, 2);
  EXPECT_EQ(mixed.at(0).label, "b-2");
  EXPECT_EQ(mixed.at(1).label, "c-2");
  // ... and an input keeps its first answer.
  EXPECT_EQ(s.predict({"b", "c"}).at(0).label, "b-1");
  EXPECT_EQ(s.inner_calls(), 2u);
  EXPECT_THROW((synthbench::RememberingSolver<std::string, synthbench::IntentPrediction>(nullptr)), synthbench::UsageError);
}

// A score that is the mean of per-item values: what a draw's real score is computed from.
std::shared_ptr<const synthbench::ResamplableScore> mean_of(std::vector<double> values) {
  const std::size_t n = values.size();
  return synthbench::make_resamplable(n, [values](const std::vector<std::uint32_t>& indices) {
    double sum = 0.0;
    for (const auto i : indices) sum += values[i];
    return synthbench::Result<double>(sum / static_cast<double>(indices.size()));
  });
}

TEST(ScoreDraws, HandWorkedDraws) {
  // Four real test items; per-item values of three approaches (a draw's score is their mean):
  //   P 1 1 0 0     Q 0 1 1 1     R 0 0 0 1
  // One generator, g: P 0.6, Q 0.5, R 0.1 (ranks P 3, Q 2, R 1); the average is g.
  // first {0, 1}: P 1, Q 0.5, R 0: ranks 3, 2, 1 = g's: SRCC 1, p 1/6 (1 of 3! orderings),
  //   MSPD ((1 - 0.6)^2 + 0 + (0 - 0.1)^2) / 3 = (0.16 + 0.01) / 3 = 0.17 / 3.
  // random 1 {2, 3}: P 0, Q 1, R 0.5: ranks 1, 3, 2; d = (-2, 1, 1), sum d^2 = 6:
  //   SRCC 1 - 6 * 6 / (3 * 8) = -0.5; p: sum d^2 <= 6 for 5 of the 6 orderings (all but the
  //   reversal, 8): 5/6. MSPD (0.36 + 0.25 + 0.16) / 3 = 0.77 / 3.
  // random 2 {1, 3}: P 0.5, Q 1, R 0.5: ranks 1.5, 3, 1.5; deviations (-0.5, 1, -0.5) against
  //   g's (1, 0, -1): sum of products -0.5 + 0 + 0.5 = 0: SRCC 0.
  synthbench::ScoreTable table("f1");
  const std::map<std::string, std::shared_ptr<const synthbench::ResamplableScore>> whole = {
      {"P", mean_of({1, 1, 0, 0})}, {"Q", mean_of({0, 1, 1, 1})}, {"R", mean_of({0, 0, 0, 1})}};
  for (const auto& [a, s] : whole) table.set_real(a, s->score().value());
  table.set_synthetic("g", "P", 0.6);
  table.set_synthetic("g", "Q", 0.5);
  table.set_synthetic("g", "R", 0.1);
  const std::vector<synthbench::DrawPlan> plans = {{"first", 0, {0, 1}}, {"random", 1, {2, 3}}, {"random", 2, {1, 3}}};
  const auto study = synthbench::score_draws(table, whole, plans, "first");
  EXPECT_EQ(study.metric, "f1");
  EXPECT_EQ(study.population, 4u);
  ASSERT_EQ(study.draws.size(), 3u);
  ASSERT_EQ(study.draws[0].agreements.size(), 2u) << "g and the average";
  const auto& first = study.draws[0].agreements[1];
  EXPECT_EQ(first.synthetic, "average");
  EXPECT_DOUBLE_EQ(*first.srcc, 1.0);
  EXPECT_DOUBLE_EQ(*first.srcc_p, 1.0 / 6);
  EXPECT_DOUBLE_EQ(*first.mspd, 0.17 / 3);
  EXPECT_DOUBLE_EQ(*study.draws[1].agreements[0].srcc, -0.5);
  EXPECT_DOUBLE_EQ(*study.draws[1].agreements[0].srcc_p, 5.0 / 6);
  EXPECT_DOUBLE_EQ(*study.draws[1].agreements[0].mspd, 0.77 / 3);
  EXPECT_DOUBLE_EQ(*study.draws[2].agreements[0].srcc, 0.0);
  // The spread of the random draws: SRCC -0.5 and 0 (median -0.25), none significant.
  const auto spread = synthbench::sample_spread(study, "g");
  ASSERT_EQ(spread.size(), 2u) << "first and random (no stratified draw)";
  EXPECT_EQ(spread[1].kind, "random");
  EXPECT_EQ(spread[1].draws, 2u);
  EXPECT_DOUBLE_EQ(*spread[1].srcc_median, -0.25);
  EXPECT_DOUBLE_EQ(*spread[1].srcc_min, -0.5);
  EXPECT_DOUBLE_EQ(*spread[1].srcc_max, 0.0);
  EXPECT_EQ(spread[1].significant, 0u);
  EXPECT_EQ(synthbench::sample_spread(study, "g", 0.2)[0].significant, 1u) << "p = 1/6 <= 0.2";
}

TEST(ScoreDraws, MisuseIsAUsageError) {
  synthbench::ScoreTable table("f1");
  table.set_real("P", 0.5);
  table.set_real("Q", 0.4);
  table.set_synthetic("g", "P", 0.5);
  table.set_synthetic("g", "Q", 0.4);
  const std::map<std::string, std::shared_ptr<const synthbench::ResamplableScore>> only_p = {{"P", mean_of({1, 0})}};
  EXPECT_THROW(synthbench::score_draws(table, only_p, {}, "first"), synthbench::UsageError) << "no outcomes for Q";
  const std::map<std::string, std::shared_ptr<const synthbench::ResamplableScore>> both = {{"P", mean_of({1, 0})},
                                                                                             {"Q", mean_of({0, 1})}};
  EXPECT_THROW(synthbench::score_draws(table, both, {{"random", 1, {0, 2}}}, "first"), synthbench::UsageError)
      << "item 2 of 2";
}

TEST(SeedStudyOnRealData, BothModesShareTheirPredictionsAndTheirDrawsReproduceThem) {
  const auto dir = synthbench::sg4nlp_data_dir();
  SYNTHBENCH_SKIP_WITHOUT_DATA(synthbench::seed_study_available(dir), "the SG4NLP data (real/ and generated/) in " + dir.string());
  synthbench::SeedStudyOptions options;
  options.sample_draws = 2;
  const auto both = synthbench::run_seed_study_both_modes("atis", dir, options);
  ASSERT_EQ(both.size(), 2u);
  const auto& practitioner = both[0];
  const auto& paper = both[1];
  EXPECT_EQ(practitioner.name(), "atis");
  EXPECT_EQ(paper.name(), "atis-paper");
  EXPECT_EQ(practitioner.solver_names().size(), 8u);
  EXPECT_EQ(practitioner.item_count("real"), 200u);
  // The paper's first 200 items are test[:200]: 14 distinct labels, 13 of them train labels.
  // A draw's scores come from the whole test split's predictions: the "first" draw of the
  // paper mode and the "random 1" draw of the practitioner's reproduce their experiments.
  for (const auto* e : {&practitioner, &paper}) {
    const auto* samples = e->sample_study();
    ASSERT_NE(samples, nullptr);
    EXPECT_EQ(samples->population, 893u);
    ASSERT_EQ(samples->draws.size(), 5u) << "first, 2 random, 2 stratified";
    const auto& t = e->scores(samples->metric);
    const auto& own = samples->draws[e == &paper ? 0 : 1];
    EXPECT_EQ(own.kind, e == &paper ? "first" : "random");
    const auto& average = own.agreements.back();
    EXPECT_EQ(average.synthetic, "average");
    EXPECT_DOUBLE_EQ(*average.srcc, synthbench::srcc(t.real(), t.synthetic("average")).value()) << e->name();
    EXPECT_DOUBLE_EQ(*average.mspd, synthbench::mspd(t.real(), t.synthetic("average")).value()) << e->name();
  }
  // Same answers in both modes: accuracy does not depend on the macro-F1 label set, and the
  // synthetic sets are scored alike.
  const auto& pa = practitioner.scores("accuracy");
  const auto& pp = paper.scores("accuracy");
  for (const auto& g : practitioner.generator_names()) {
    for (const auto& s : practitioner.solver_names()) EXPECT_EQ(pa.synthetic(g).at(s), pp.synthetic(g).at(s)) << g << " " << s;
  }
  // The paper's macro-F1 averages over the 21 train labels: majority scores F1 > 0 on one
  // class only, so at most 1/21 of a perfect score.
  EXPECT_LE(paper.scores("macro_f1").real().at("majority"), 1.0 / 21);
}

}  // namespace
