// The yardstick of scripts/measure-compile-time.sh: example 01's shape (a table built once,
// a suite parameterized over generators, three tests, four checks) written with GoogleTest
// alone. Its checks compare plain numbers; what it measures is the cost of the shape.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace {

using Scores = std::map<std::string, double>;

const std::map<std::string, Scores>& scores() {
  static const std::map<std::string, Scores> table = {
      {"real", {{"model-a", 0.91}, {"model-b", 0.86}, {"model-c", 0.74}, {"model-d", 0.52}}},
      {"generator-x", {{"model-a", 0.95}, {"model-b", 0.93}, {"model-c", 0.81}, {"model-d", 0.60}}},
      {"generator-y", {{"model-a", 0.90}, {"model-b", 0.91}, {"model-c", 0.70}, {"model-d", 0.55}}},
  };
  return table;
}

std::vector<std::string> generators() { return {"generator-x", "generator-y"}; }

class SyntheticBenchmark : public ::testing::TestWithParam<std::string> {};

TEST_P(SyntheticBenchmark, RanksModelsLikeRealData) {
  const Scores& synthetic = scores().at(GetParam());
  EXPECT_GE(synthetic.at("model-a"), synthetic.at("model-c")) << "generator " << GetParam();
  EXPECT_LE(synthetic.at("model-d"), synthetic.at("model-c"));
}

TEST_P(SyntheticBenchmark, PicksAModelAlmostAsGoodAsTheBest) {
  EXPECT_GE(scores().at(GetParam()).at("model-a"), 0.85);
}

TEST_P(SyntheticBenchmark, IsNotMuchEasierThanRealData) {
  EXPECT_LE(scores().at(GetParam()).at("model-a") - scores().at("real").at("model-a"), 0.07);
}

INSTANTIATE_TEST_SUITE_P(Generators, SyntheticBenchmark, ::testing::ValuesIn(generators()));

}  // namespace
