// A test program for properties_test.cpp, run as a child process (never by ctest): one test
// asserting the SRCC of one synthetic dataset on two metrics.

#include <synthbench/gtest.hpp>

#include <gtest/gtest.h>

namespace {

synthbench::ScoreTable scores(const char* metric, double shift) {
  synthbench::ScoreTable t(metric);
  t.set_real("a", 0.9).set_real("b", 0.7).set_real("c", 0.5);
  t.set_synthetic("gen", "a", 0.8 + shift).set_synthetic("gen", "b", 0.75).set_synthetic("gen", "c", 0.4);
  return t;
}

// Two metrics in one test: two properties, neither overwriting the other.
TEST(Properties, TwoMetricsInOneTest) {
  const auto macro = scores("macro_f1", 0.0);   // same order: SRCC 1
  const auto accuracy = scores("accuracy", -0.1);  // a and b swap: SRCC 0.5
  EXPECT_SRCC_GE(macro.real(), macro.synthetic("gen"), 0.4);
  EXPECT_SRCC_GE(accuracy.real(), accuracy.synthetic("gen"), 0.4);
}

}  // namespace
