// A test program for tests/unit/report/listener_test.cpp: it publishes an experiment and a
// score table, runs one test, and the listener writes the report when it ends.
#include <synthbench/gtest.hpp>
#include <synthbench/gtest/report_listener.hpp>

#include "toy_experiment.hpp"

namespace {

const synthbench::Experiment& toy() {
  static const synthbench::Experiment e = synthbench_test_support::toy_experiment("published");
  return synthbench::gtest::publish(e);
}

TEST(Published, Ranks) {
  const auto& t = toy().scores("accuracy");
  EXPECT_SRCC_GE(t.real(), t.synthetic("gen-b"), 0.5);
  synthbench::ScoreTable hand("f1");
  hand.set_real("a", 0.9).set_real("b", 0.4).set_synthetic("g", "a", 0.8).set_synthetic("g", "b", 0.5);
  synthbench::gtest::publish("hand-written", hand);
}

}  // namespace
