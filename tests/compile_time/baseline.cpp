// Compile-time baseline of DESIGN.md: a gtest test that uses nlohmann_json and Boost.Math
// (about 5.3 s at -O0 on the project's machines when it was measured).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <boost/math/distributions/students_t.hpp>

TEST(Baseline, UsesJsonAndBoost) {
  const auto j = nlohmann::json::parse(R"({"a": 1})");
  const boost::math::students_t dist(5);
  EXPECT_GT(boost::math::cdf(dist, j["a"].get<double>()), 0.5);
}
