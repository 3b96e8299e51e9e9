// Example 01: assertions on scores written by hand.
//
// You measured four candidate models on your small real test set and on two synthetic test
// sets that two LLMs generated. Before trusting the synthetic sets to pick models in the
// future, check that they rank today's candidates as the real data does.
//
// The scores below are invented for the example; they come from no model.

#include <synthbench/gtest/assertions.hpp>

namespace {

const synthbench::ScoreTable& scores() {
  static const synthbench::ScoreTable table = [] {
    synthbench::ScoreTable t("macro_f1");
    t.set_real("model-a", 0.91).set_real("model-b", 0.86).set_real("model-c", 0.74).set_real("model-d", 0.52);
    // Synthetic data written by two generator LLMs: easier, but in the same order.
    t.set_synthetic("generator-x", "model-a", 0.95).set_synthetic("generator-x", "model-b", 0.93);
    t.set_synthetic("generator-x", "model-c", 0.81).set_synthetic("generator-x", "model-d", 0.60);
    t.set_synthetic("generator-y", "model-a", 0.90).set_synthetic("generator-y", "model-b", 0.91);
    t.set_synthetic("generator-y", "model-c", 0.70).set_synthetic("generator-y", "model-d", 0.55);
    return t;
  }();
  return table;
}

// One test per synthetic benchmark, and one for their average.
class SyntheticBenchmark : public ::testing::TestWithParam<std::string> {};

TEST_P(SyntheticBenchmark, RanksModelsLikeRealData) {
  const auto& t = scores();
  EXPECT_SRCC_GE(t.real(), t.synthetic(GetParam()), 0.8) << "generator " << GetParam();
  EXPECT_MSPD_LE(t.real(), t.synthetic(GetParam()), 0.01);
}

TEST_P(SyntheticBenchmark, PicksAModelAlmostAsGoodAsTheBest) {
  const auto& t = scores();
  // generator-y prefers model-b (0.91 > 0.90); on real data that costs 0.91 - 0.86 = 0.05.
  EXPECT_SELECTION_REGRET_LE(t.real(), t.synthetic(GetParam()), 0.06);
}

TEST_P(SyntheticBenchmark, IsNotMuchEasierThanRealData) {
  const auto& t = scores();
  // generator-x scores every model 0.04 to 0.08 higher than the real data: gap 0.065.
  EXPECT_DIFFICULTY_GAP_LE(t.real(), t.synthetic(GetParam()), 0.07);
}

INSTANTIATE_TEST_SUITE_P(Generators, SyntheticBenchmark, ::testing::ValuesIn(scores().synthetic_names()),
                         synthbench::gtest::param_name);

}  // namespace
