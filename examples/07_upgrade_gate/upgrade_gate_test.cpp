// Example 07: gating a model upgrade on the same items, with paired statistics.
//
// Example 05 gates each score against its blessed value with a fixed tolerance. On small test
// sets a score moves by several points from sampling alone, so a fixed tolerance either raises
// false alarms or misses real drops, and it cannot say which items changed. This example keeps
// what every solver answered on every item (a baseline of per-item outcomes,
// docs/baseline-format.md) and asks, on the same items, whether the current solvers are
// significantly worse: the exact McNemar test for accuracy, the paired bootstrap for macro-F1,
// one-sided at alpha 0.05, Holm-adjusted over the 15 solver/dataset pairs (docs/metrics.md,
// "Paired gating").
//
// The experiment is example 05's: five in-process reference solvers on the bundled intent-demo
// fixture (fixtures/README.md), no LLM. The baselines beside this file were blessed once, by
//
//     SYNTHBENCH_BLESS=1 ctest --test-dir build/main -R 'example_07_upgrade_gate[.]UpgradeGate[.]NoSolverGotWorse'
//
// and committed. CMake registers each test of this program as its own ctest test
// (gtest_discover_tests), so `ctest -R` chooses what to bless; the simulated regression below
// is never blessed (blessing a test makes its gate pass, so EXPECT_NONFATAL_FAILURE fails it,
// and a failing test writes nothing). Listing the tests builds nothing: the test names come
// from the constants below, and the experiment is built on first use, in the tests that need it.

#include <synthbench/experiment.hpp>
#include <synthbench/gtest.hpp>
#include <synthbench/gtest/not_worse.hpp>

#include <gtest/gtest-spi.h>  // EXPECT_NONFATAL_FAILURE

#include <memory>
#include <string>
#include <vector>

namespace {

const char* const kMacroF1Baseline = "examples/07_upgrade_gate/intent_demo_macro_f1_outcomes.json";
const char* const kAccuracyBaseline = "examples/07_upgrade_gate/intent_demo_accuracy_outcomes.json";

// The names tests are parameterized over: known before anything is built.
const std::vector<std::string> kSolvers = {"naive-bayes", "tfidf-centroid", "knn", "keyword-overlap", "majority"};

synthbench::Experiment run_intent_demo(std::vector<std::shared_ptr<synthbench::IntentSolver>> solvers) {
  synthbench::ExperimentSpec<synthbench::IntentItem> spec;
  spec.name = "intent-demo (upgrade gate)";
  spec.real = synthbench::load_intent_jsonl("fixtures/intent-demo/test.jsonl");
  for (const char* name : {"paraphrases-close", "paraphrases-terse"}) {
    spec.generators.push_back(std::make_shared<synthbench::PregeneratedGenerator<synthbench::IntentItem>>(
        name, std::string("fixtures/intent-demo/synthetic/") + name + ".jsonl"));
  }
  spec.solvers = std::move(solvers);
  return synthbench::run_experiment(spec);
}

const synthbench::IntentDataset& train() {
  static const auto data = synthbench::load_intent_jsonl("fixtures/intent-demo/train.jsonl");
  return data;
}

std::vector<std::shared_ptr<synthbench::IntentSolver>> current_solvers() {
  std::vector<std::shared_ptr<synthbench::IntentSolver>> solvers;
  for (auto& s : synthbench::intent_reference_solvers(train().items)) solvers.push_back(std::move(s));
  return solvers;
}

// Built on first use, once per process (under ctest, once per test that needs it).
const synthbench::Experiment& current() {
  static const synthbench::Experiment experiment = run_intent_demo(current_solvers());
  return experiment;
}

// The gate: on the same items as the blessed run, no solver is significantly worse, on the
// real data or on either synthetic set.
TEST(UpgradeGate, NoSolverGotWorse) {
  EXPECT_NOT_WORSE(kMacroF1Baseline, current().scores("macro_f1"), 0.0, 0.05);
  EXPECT_NOT_WORSE(kAccuracyBaseline, current().scores("accuracy"), 0.0, 0.05);
}

// One test per solver (names from kSolvers): its answers can be used.
class Solver : public ::testing::TestWithParam<std::string> {};
TEST_P(Solver, AnswersEveryItem) { EXPECT_PARSE_FAILURE_RATE_LE(current(), GetParam(), "*", 0.0); }
INSTANTIATE_TEST_SUITE_P(ReferenceSolvers, Solver, ::testing::ValuesIn(kSolvers), synthbench::gtest::param_name);

// The constants the test names come from are the experiment's.
TEST(UpgradeGate, TestNamesAreTheExperiments) { EXPECT_EQ(current().solver_names(), kSolvers); }

// What a regression looks like. SIMULATED: the "upgrade" of naive Bayes is trained on 20 of
// the 60 training items (a seeded random third), standing in for a new version that got
// worse. Without EXPECT_NONFATAL_FAILURE around it, the gate fails with:
//
//   Expected: no macro_f1 of upgraded.scores("macro_f1") worse than in the baseline by more than 0 (one-sided, alpha 0.05, Holm over 15 comparisons)
//     Actual: 1 of 15 worse, against examples/07_upgrade_gate/intent_demo_macro_f1_outcomes.json
//     synthetic paraphrases-terse / naive-bayes: 0.8992 -> 0.4737, difference -0.4256, 95% upper bound -0.2614 (paired bootstrap, 2000 resamples); p = 0 (no resample's difference reached 0), Holm-adjusted 0
//       items flipped: 0 gained, 8 lost of 20
//       lost, e.g.: item 0 (TurnOnLights, now AddToShoppingList), item 1 (TurnOnLights, now AddToShoppingList), item 3 (TurnOnLights, now AddToShoppingList), ...
//   If the change is intended, bless it: SYNTHBENCH_BLESS=1 /.../example_07_upgrade_gate --gtest_filter=UpgradeGate.ASimulatedRegressionFailsTheGate
//
// The same downgrade costs 0.17 macro-F1 on the 40 real items (8 items lost, 1 gained), with
// p = 0.0065 alone but 0.091 after Holm's adjustment over the 15 comparisons: 40 items are too
// few to tell that drop from noise at this level. `synthbench plan` says how many would be
// enough (docs/cli.md).
TEST(UpgradeGate, ASimulatedRegressionFailsTheGate) {
  auto solvers = current_solvers();
  solvers[0] = std::make_shared<synthbench::NaiveBayesIntentSolver>(synthbench::random_items(train(), 20, 1).items);
  const synthbench::Experiment upgraded = run_intent_demo(solvers);
  EXPECT_NONFATAL_FAILURE(EXPECT_NOT_WORSE(kMacroF1Baseline, upgraded.scores("macro_f1"), 0.0, 0.05),
                          "1 of 15 worse, against examples/07_upgrade_gate/intent_demo_macro_f1_outcomes.json\n"
                          "  synthetic paraphrases-terse / naive-bayes: 0.8992 -> 0.4737, difference -0.4256, 95% upper "
                          "bound -0.2614 (paired bootstrap, 2000 resamples); p = 0 (no resample's difference reached 0), "
                          "Holm-adjusted 0\n"
                          "    items flipped: 0 gained, 8 lost of 20\n"
                          "    lost, e.g.: item 0 (TurnOnLights, now AddToShoppingList), item 1 (TurnOnLights, now "
                          "AddToShoppingList), item 3 (TurnOnLights, now AddToShoppingList), ...\n");
}

}  // namespace
