// A typical synthbench test translation unit: the umbrella header, a parameterized suite and
// the most used assertions. Compared with baseline.cpp by scripts/measure-compile-time.sh.
#include <synthbench/gtest.hpp>

namespace {

// Two models that also generate data; every assertion below passes.
synthbench::ScoreTable table() {
  synthbench::ScoreTable t("macro_f1");
  t.set_real("a", 0.90).set_real("b", 0.50).set_real("c", 0.30);
  t.set_synthetic("a", "a", 0.88).set_synthetic("a", "b", 0.52).set_synthetic("a", "c", 0.31);
  t.set_synthetic("b", "a", 0.86).set_synthetic("b", "b", 0.53).set_synthetic("b", "c", 0.29);
  return t;
}

class Typical : public ::testing::TestWithParam<std::string> {};

TEST_P(Typical, RanksLikeRealData) {
  const auto t = table();
  EXPECT_SRCC_GE(t.real(), t.synthetic(GetParam()), 0.8);
  EXPECT_MSPD_LE(t.real(), t.synthetic(GetParam()), 0.02);
  EXPECT_BIAS_FACTOR_LE(t, "a", 0.05);
}

INSTANTIATE_TEST_SUITE_P(Generators, Typical, ::testing::ValuesIn(table().synthetic_names()),
                         synthbench::gtest::param_name);

}  // namespace
