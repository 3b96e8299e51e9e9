#include <synthbench/experiment/run.hpp>
#include <synthbench/gtest.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "../gtest/capture.hpp"

namespace {

using synthbench::IntentItem;
using synthbench::IntentPrediction;

// A solver that answers from a fixed table (a missing text gives no answer: a parse failure).
class TableSolver : public synthbench::IntentSolver {
 public:
  TableSolver(std::string name, std::map<std::string, std::string> answers)
      : name_(std::move(name)), answers_(std::move(answers)) {}
  std::string name() const override { return name_; }
  std::vector<IntentPrediction> predict(const std::vector<std::string>& texts) override {
    ++calls;
    std::vector<IntentPrediction> out;
    for (const auto& t : texts) {
      const auto it = answers_.find(t);
      if (it == answers_.end()) {
        out.push_back({std::nullopt, "garbage for " + t});
      } else {
        out.push_back({it->second, it->second});
      }
    }
    return out;
  }
  int calls = 0;

 private:
  std::string name_;
  std::map<std::string, std::string> answers_;
};

// A generator that returns a fixed dataset, with one reported repair.
class FixedGenerator : public synthbench::Generator<IntentItem> {
 public:
  FixedGenerator(std::string name, std::vector<IntentItem> items) : name_(std::move(name)), items_(std::move(items)) {}
  std::string name() const override { return name_; }
  synthbench::Dataset<IntentItem> generate(const synthbench::GenerationRequest<IntentItem>& request) override {
    ++calls;
    last_count = request.count;
    synthbench::Dataset<IntentItem> d{name_, "fixed", items_, {}};
    d.report.add(0, "duplicate", "item 3", "dropped a repeated utterance");
    return d;
  }
  int calls = 0;
  std::size_t last_count = 0;

 private:
  std::string name_;
  std::vector<IntentItem> items_;
};

// Real: r1 A, r2 A, r3 B, r4 B. Synthetic "gen": s1 A, s2 B.
// solver "good": all right on both -> accuracy 1, 1.
// solver "half": r1 A, r2 B, r3 B, r4 -> no answer; s1 A, s2 "Weather" (not a label).
//   real accuracy 2/4 = 0.5 (r4 missing counts wrong); gen accuracy 1/2.
synthbench::ExperimentSpec<IntentItem> spec() {
  synthbench::ExperimentSpec<IntentItem> s;
  s.name = "toy";
  s.real.items = {{"r1", "A"}, {"r2", "A"}, {"r3", "B"}, {"r4", "B"}};
  s.generators = {std::make_shared<FixedGenerator>("gen", std::vector<IntentItem>{{"s1", "A"}, {"s2", "B"}})};
  s.solvers = {std::make_shared<TableSolver>("good", std::map<std::string, std::string>{
                                                         {"r1", "A"}, {"r2", "A"}, {"r3", "B"}, {"r4", "B"}, {"s1", "A"}, {"s2", "B"}}),
               std::make_shared<TableSolver>("half", std::map<std::string, std::string>{
                                                         {"r1", "A"}, {"r2", "B"}, {"r3", "B"}, {"s1", "A"}, {"s2", "Weather"}})};
  s.generation.count = 2;
  return s;
}

TEST(RunExperiment, BuildsOneTablePerMetricWithEveryCell) {
  auto s = spec();
  const auto e = synthbench::run_experiment(s);
  EXPECT_EQ(e.name(), "toy");
  EXPECT_EQ(e.task(), synthbench::Task::intent);
  EXPECT_EQ(e.metric_names(), (std::vector<std::string>{"macro_f1", "accuracy", "macro_precision", "macro_recall"}));
  EXPECT_EQ(e.generator_names(), (std::vector<std::string>{"gen"}));
  EXPECT_EQ(e.synthetic_names(), (std::vector<std::string>{"gen", "average"}));
  EXPECT_EQ(e.solver_names(), (std::vector<std::string>{"good", "half"}));
  const auto& accuracy = e.scores("accuracy");
  EXPECT_EQ(accuracy.real().at("good"), 1.0);
  EXPECT_EQ(accuracy.real().at("half"), 0.5);
  EXPECT_EQ(accuracy.synthetic("gen").at("half"), 0.5);
  // Macro-F1 of "half" on real: A: TP 1, FP 0, FN 1 -> F1 2/3; B: TP 1, FP 1, FN 1 -> F1 1/2;
  // the missing answer is wrong but predicts no class. Mean (2/3 + 1/2) / 2 = 7/12.
  EXPECT_NEAR(e.scores("macro_f1").real().at("half"), 7.0 / 12, 1e-12);
  EXPECT_TRUE(e.undefined_cells().empty());
  // Each generator ran once and each solver predicted each dataset once.
  EXPECT_EQ(static_cast<FixedGenerator&>(*s.generators[0]).calls, 1);
  EXPECT_EQ(static_cast<FixedGenerator&>(*s.generators[0]).last_count, 2u);
  EXPECT_EQ(static_cast<TableSolver&>(*s.solvers[0]).calls, 2);
}

TEST(RunExperiment, CountsUnusableAnswersAndKeepsReports) {
  const auto e = synthbench::run_experiment(spec());
  const auto& real = e.predictions("half", "real");
  EXPECT_EQ(real.items, 4u);
  EXPECT_EQ(real.parse_failures, 1u);
  EXPECT_EQ(real.examples, (std::vector<std::string>{"garbage for r4"}));
  EXPECT_EQ(real.parse_failure_rate().value(), 0.25);
  const auto& gen = e.predictions("half", "gen");
  EXPECT_EQ(gen.parse_failures, 0u);
  EXPECT_EQ(gen.out_of_label_set, 1u);
  EXPECT_EQ(gen.examples, (std::vector<std::string>{"Weather"}));
  EXPECT_EQ(e.data_report("gen").count("duplicate"), 1u);
  EXPECT_EQ(e.item_count("gen"), 2u);
  EXPECT_THROW((void)e.predictions("half", "nope"), synthbench::UsageError);
  EXPECT_THROW((void)e.scores("f2"), synthbench::UsageError);
}

TEST(RunExperiment, TablesCarryPerItemOutcomesForTheBootstrap) {
  const auto e = synthbench::run_experiment(spec());
  const auto& t = e.scores("accuracy");
  ASSERT_NE(t.real_items("half"), nullptr);
  EXPECT_EQ(t.real_items("half")->item_count(), 4u);
  // Resampling item 0 (right) four times gives accuracy 1; item 3 (missing) four times gives 0.
  EXPECT_EQ(t.real_items("half")->score_on({0, 0, 0, 0}).value(), 1.0);
  EXPECT_EQ(t.real_items("half")->score_on({3, 3, 3, 3}).value(), 0.0);
}

TEST(RunExperiment, UndefinedCellsAreListedNotScored) {
  synthbench::ExperimentSpec<synthbench::SimilarityItem> s;
  s.name = "sts";
  s.real.items = {{"a", "b", 1.0}, {"c", "d", 4.0}, {"e", "f", 2.0}};
  class Constant : public synthbench::SimilaritySolver {
   public:
    std::string name() const override { return "constant"; }
    std::vector<synthbench::SimilarityPrediction> predict(const std::vector<std::pair<std::string, std::string>>& in) override {
      return std::vector<synthbench::SimilarityPrediction>(in.size(), {2.5, "2.5"});
    }
  };
  s.solvers = {std::make_shared<Constant>()};
  const auto e = synthbench::run_experiment(s);
  ASSERT_EQ(e.undefined_cells().size(), 2u) << "pearson and spearman of constant predictions";
  EXPECT_EQ(e.undefined_cells()[0].metric, "pearson");
  EXPECT_EQ(e.undefined_cells()[0].solver, "constant");
  EXPECT_EQ(e.undefined_cells()[0].dataset, "real");
  EXPECT_NE(e.undefined_cells()[0].message.find("constant_input"), std::string::npos) << e.undefined_cells()[0].message;
  EXPECT_TRUE(e.scores("pearson").real().empty());
}

TEST(RunExperiment, RejectsBadSpecs) {
  auto twice = spec();
  twice.solvers.push_back(twice.solvers[0]);
  EXPECT_THROW((void)synthbench::run_experiment(twice), synthbench::UsageError);
  auto reserved = spec();
  reserved.generators.push_back(std::make_shared<FixedGenerator>("average", std::vector<IntentItem>{}));
  EXPECT_THROW((void)synthbench::run_experiment(reserved), synthbench::UsageError);
  auto none = spec();
  none.solvers.clear();
  EXPECT_THROW((void)synthbench::run_experiment(none), synthbench::UsageError);
  class Short : public synthbench::IntentSolver {
   public:
    std::string name() const override { return "short"; }
    std::vector<IntentPrediction> predict(const std::vector<std::string>&) override { return {}; }
  };
  auto wrong = spec();
  wrong.solvers = {std::make_shared<Short>()};
  try {
    (void)synthbench::run_experiment(wrong);
    FAIL();
  } catch (const synthbench::UsageError& e) {
    EXPECT_EQ(e.id(), "synthbench.usage.85");
  }
}

TEST(ParseFailureRateLe, PassesAndFailsWithExamples) {
  const auto e = synthbench::run_experiment(spec());
  EXPECT_PARSE_FAILURE_RATE_LE(e, "good", "*", 0.0);
  EXPECT_PARSE_FAILURE_RATE_LE(e, "half", "gen", 0.0);
  EXPECT_EQ(synthbench_test_support::recorded_property("synthbench.parse_failure_rate.half.gen"), "0");
  EXPECT_NONFATAL_FAILURE(EXPECT_PARSE_FAILURE_RATE_LE(e, "half", "real", 0.2),
                          "Expected: parse-failure rate of half on real <= 0.2\n"
                          "  Actual: 0.25 (1 of 4 answers unusable)\n"
                          "    experiment: toy (e)\n"
                          "    unusable answers, e.g.: \"garbage for r4\"");
  // "*" checks every pair; only half on real is over the bound, so the message is that pair's.
  EXPECT_NONFATAL_FAILURE(EXPECT_PARSE_FAILURE_RATE_LE(e, "*", "*", 0.2),
                          "Expected: parse-failure rate of half on real <= 0.2\n  Actual: 0.25");
  auto silent = spec();
  silent.solvers.push_back(std::make_shared<TableSolver>("silent", std::map<std::string, std::string>{}));
  const auto with_silent = synthbench::run_experiment(silent);
  EXPECT_NONFATAL_FAILURE(EXPECT_PARSE_FAILURE_RATE_LE(with_silent, "silent", "*", 0.5),
                          "2 solver/dataset pairs over the bound:\nExpected: parse-failure rate of silent on real <= 0.5\n"
                          "  Actual: 1 (4 of 4 answers unusable)");
  static const auto s = synthbench::run_experiment(spec());
  EXPECT_FATAL_FAILURE(ASSERT_PARSE_FAILURE_RATE_LE(s, "half", "real", 0.1), "parse-failure rate of half on real");
  EXPECT_NONFATAL_FAILURE(EXPECT_PARSE_FAILURE_RATE_LE(e, "nobody", "real", 0.1),
                          "[synthbench.usage.81] experiment 'toy' has no predictions of solver 'nobody'");
}

}  // namespace
