// A test program for tests/unit/report/listener_test.cpp: it publishes an experiment and a
// score table, runs tests that gate the experiment (one skipped, one failing when
// SYNTHBENCH_TEST_FAIL_GATE=1), and the listener writes the report when it ends.
#include <synthbench/gtest.hpp>
#include <synthbench/gtest/report_listener.hpp>

#include <cstdlib>
#include <string>

#include "toy_experiment.hpp"

namespace {

const synthbench::Experiment& toy() {
  static const synthbench::Experiment e = synthbench_test_support::toy_experiment("published");
  return synthbench::gtest::publish(e);
}

TEST(Published, Ranks) {
  synthbench::gtest::gates(toy());
  const auto& t = toy().scores("accuracy");
  EXPECT_SRCC_GE(t.real(), t.synthetic("gen-b"), 0.5);
  synthbench::ScoreTable hand("f1");
  hand.set_real("a", 0.9).set_real("b", 0.4).set_synthetic("g", "a", 0.8).set_synthetic("g", "b", 0.5);
  synthbench::gtest::publish("hand-written", hand);
}

// A skipped gate is not counted.
TEST(Published, SkippedGate) {
  synthbench::gtest::gates("published");
  GTEST_SKIP() << "not counted";
}

// Fails only when asked, so that the report's verdict can be seen to follow the test's.
TEST(Published, GateThatFailsOnRequest) {
  synthbench::gtest::gates(toy());
  const char* fail = std::getenv("SYNTHBENCH_TEST_FAIL_GATE");
  EXPECT_NE(std::string(fail == nullptr ? "" : fail), "1") << "failing on request";
}

}  // namespace
