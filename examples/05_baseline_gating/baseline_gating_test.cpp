// Example 05: gating a model upgrade against a blessed baseline.
//
// An experiment on the bundled intent-demo fixture (fixtures/README.md): five in-process
// reference solvers (no LLM) on the hand-written real test set and on two hand-written sets
// that play the part of generators' output. Its macro-F1 table was blessed once (by running
// this example with SYNTHBENCH_BLESS=1), reviewed and committed beside this file. From then on every run checks that no score of the current solvers fell
// more than 0.02 below the baseline: a solver you upgrade must not get worse, on the real
// data or on any synthetic set.
//
// To accept new scores on purpose (a deliberate change of a solver or of the data), re-bless
// and commit the rewritten baseline with the change (ctest runs examples from the source root):
//
//     SYNTHBENCH_BLESS=1 ctest --test-dir build/main -R example_05_baseline_gating
//
// (the second test skips itself while blessing: blessing makes its gate pass, so its
// EXPECT_NONFATAL_FAILURE would fail the run; ctest therefore reports the blessing run as
// "Skipped". A test that fails never writes its baseline, so the simulated downgrade could not
// become the baseline either way. Example 07 registers each test with ctest and blesses with
// `ctest -R` instead.)

#include <synthbench/experiment.hpp>
#include <synthbench/gtest.hpp>

#include <gtest/gtest-spi.h>  // EXPECT_NONFATAL_FAILURE

#include <memory>
#include <vector>

namespace {

const char* const kBaseline = "examples/05_baseline_gating/intent_demo_macro_f1.json";

// The experiment: real data, two generators' files, and the solvers under test.
synthbench::Experiment run_intent_demo(std::vector<std::shared_ptr<synthbench::IntentSolver>> solvers) {
  synthbench::ExperimentSpec<synthbench::IntentItem> spec;
  spec.name = "intent-demo";
  spec.real = synthbench::load_intent_jsonl("fixtures/intent-demo/test.jsonl");
  spec.generators = {std::make_shared<synthbench::PregeneratedGenerator<synthbench::IntentItem>>(
                         "paraphrases-close", "fixtures/intent-demo/synthetic/paraphrases-close.jsonl"),
                     std::make_shared<synthbench::PregeneratedGenerator<synthbench::IntentItem>>(
                         "paraphrases-terse", "fixtures/intent-demo/synthetic/paraphrases-terse.jsonl")};
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

TEST(BaselineGating, CurrentSolversDoNotFallBelowTheBlessedBaseline) {
  const synthbench::Experiment current = run_intent_demo(current_solvers());
  EXPECT_NO_REGRESSION(kBaseline, current.scores("macro_f1"), 0.02);
}

// What a regression looks like. SIMULATED: the "upgrade" is naive Bayes trained on 20 of the
// 60 training items (a seeded random third), standing in for a new version that got worse.
// Without EXPECT_NONFATAL_FAILURE around it, the gate fails with:
//
//   Expected: no macro_f1 score of upgraded.scores("macro_f1") below its baseline by more than 0.02
//     Actual: 3 regressions against examples/05_baseline_gating/intent_demo_macro_f1.json
//     real / naive-bayes: 0.9229 -> 0.7490 (-0.1739)
//     synthetic paraphrases-close / naive-bayes: 1.0000 -> 0.8095 (-0.1905)
//     synthetic paraphrases-terse / naive-bayes: 0.8992 -> 0.4737 (-0.4256)
//   If the new scores are intended, bless them: SYNTHBENCH_BLESS=1 /.../example_05_baseline_gating --gtest_filter=BaselineGating.ASimulatedDowngradeFailsTheGate
TEST(BaselineGating, ASimulatedDowngradeFailsTheGate) {
  if (synthbench::gtest::bless_requested()) GTEST_SKIP() << "blessing: the downgrade must not become the baseline";
  auto solvers = current_solvers();
  solvers[0] = std::make_shared<synthbench::NaiveBayesIntentSolver>(synthbench::random_items(train(), 20, 1).items);
  const synthbench::Experiment upgraded = run_intent_demo(solvers);
  EXPECT_NONFATAL_FAILURE(EXPECT_NO_REGRESSION(kBaseline, upgraded.scores("macro_f1"), 0.02),
                          "3 regressions against examples/05_baseline_gating/intent_demo_macro_f1.json\n"
                          "  real / naive-bayes: 0.9229 -> 0.7490 (-0.1739)\n");
}

}  // namespace
