// A user's test, as in the README: the macros on a hand-written score table.
#include <synthbench/gtest.hpp>

namespace {

synthbench::ScoreTable table() {
  synthbench::ScoreTable t("macro_f1");
  t.set_real("model-a", 0.91).set_real("model-b", 0.84).set_real("model-c", 0.62);
  t.set_synthetic("gen-1", "model-a", 0.95).set_synthetic("gen-1", "model-b", 0.90).set_synthetic("gen-1", "model-c", 0.70);
  t.set_synthetic("gen-2", "model-a", 0.88).set_synthetic("gen-2", "model-b", 0.86).set_synthetic("gen-2", "model-c", 0.55);
  return t;
}

class Consumer : public ::testing::TestWithParam<std::string> {};

TEST_P(Consumer, SyntheticDataRanksLikeRealData) {
  const auto t = table();
  EXPECT_SRCC_GE(t.real(), t.synthetic(GetParam()), 0.9);
  EXPECT_MSPD_LE(t.real(), t.synthetic(GetParam()), 0.01);
}

INSTANTIATE_TEST_SUITE_P(Generators, Consumer, ::testing::ValuesIn(table().synthetic_names()),
                         synthbench::gtest::param_name);

}  // namespace
