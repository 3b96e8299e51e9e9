// A typical synthbench test translation unit: the umbrella header, a parameterized suite and
// the most used assertions. Compared with baseline.cpp by scripts/measure-compile-time.sh.
#include <synthbench/gtest.hpp>

namespace {

synthbench::ScoreTable table() {
  synthbench::ScoreTable t("macro_f1");
  t.set_real("a", 0.9).set_real("b", 0.5).set_synthetic("g", "a", 0.8).set_synthetic("g", "b", 0.3);
  return t;
}

class Typical : public ::testing::TestWithParam<std::string> {};

TEST_P(Typical, RanksLikeRealData) {
  const auto t = table();
  EXPECT_SRCC_GE(t.real(), t.synthetic(GetParam()), 0.8);
  EXPECT_MSPD_LE(t.real(), t.synthetic(GetParam()), 0.02);
  EXPECT_BIAS_FACTOR_LE(t, "g", 0.05);
}

INSTANTIATE_TEST_SUITE_P(Generators, Typical, ::testing::ValuesIn(table().synthetic_names()),
                         synthbench::gtest::param_name);

}  // namespace
