// Every "Sample failure:" in a header comment of the assertion macros is what the code prints
// (issue 12). Each test reads the sample from the header in the source tree and compares it
// with the failure of the scenario it shows. In a sample, a line that is only "..." stands for
// any lines, and "..." inside a line for the rest of that line (paths and program names that
// differ between machines).

#include <synthbench/experiment/run.hpp>
#include <synthbench/gtest.hpp>
#include <synthbench/gtest/not_worse.hpp>
#include <synthbench/gtest/require_data.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "capture.hpp"
#include "support/test_paths.hpp"

namespace {

using synthbench::ScoreTable;
using synthbench_test_support::captured_failures;

// The sample of `header` (include/synthbench/gtest/<header>): the indented lines after
// "/// Sample failure:", without their "///     ".
std::vector<std::string> sample_of(const std::string& header) {
  std::ifstream in(std::filesystem::path(SYNTHBENCH_SOURCE_DIR) / "include" / "synthbench" / "gtest" / header);
  std::vector<std::string> lines;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line == "/// Sample failure:") {
      inside = true;
      continue;
    }
    if (!inside) continue;
    if (line.rfind("///     ", 0) == 0) {
      lines.push_back(line.substr(8));
    } else if (!lines.empty()) {
      break;
    }
  }
  return lines;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool line_matches(const std::string& sample, const std::string& actual) {
  const auto dots = sample.find("...");
  if (dots == std::string::npos) return sample == actual;
  return actual.compare(0, dots, sample, 0, dots) == 0;
}

// Sample lines s[i..] against actual lines a[j..]; a sample line "..." (indented or not)
// matches any number of lines.
bool matches(const std::vector<std::string>& s, std::size_t i, const std::vector<std::string>& a, std::size_t j) {
  if (i == s.size()) return j == a.size();
  if (s[i].find_first_not_of(' ') != std::string::npos && s[i].substr(s[i].find_first_not_of(' ')) == "...") {
    for (std::size_t k = j; k <= a.size(); ++k) {
      if (matches(s, i + 1, a, k)) return true;
    }
    return false;
  }
  return j < a.size() && line_matches(s[i], a[j]) && matches(s, i + 1, a, j + 1);
}

void expect_sample(const std::string& header, const std::string& failure) {
  const auto sample = sample_of(header);
  ASSERT_FALSE(sample.empty()) << header << " has no sample failure";
  std::string shown;
  for (const auto& l : sample) shown += l + "\n";
  EXPECT_TRUE(matches(sample, 0, split_lines(failure), 0)) << header << ": the sample\n"
                                                           << shown << "is not what the code prints:\n"
                                                           << failure;
}

std::string only_failure(const std::vector<std::string>& failures) {
  EXPECT_EQ(failures.size(), 1u);
  return failures.empty() ? std::string() : failures.front();
}

const std::filesystem::path kPolitics = synthbench_test_support::paper_dir() / "crossner_politics_ent_type_k5.json";

TEST(HeaderSamples, AgreementAssertions) {
  SYNTHBENCH_SKIP_WITHOUT_DATA(kPolitics);
  const ScoreTable t = synthbench::read_score_table(kPolitics);
  expect_sample("agreement_assertions.hpp",
                only_failure(captured_failures([&] { EXPECT_SRCC_GE(t.real(), t.synthetic("gpt-4o-mini"), 0.8); })));
}

TEST(HeaderSamples, BiasAssertions) {
  SYNTHBENCH_SKIP_WITHOUT_DATA(kPolitics);
  const ScoreTable t = synthbench::read_score_table(kPolitics);
  expect_sample("bias_assertions.hpp",
                only_failure(captured_failures([&] { EXPECT_BIAS_FACTOR_LE(t, "Mixtral-8x7B-Instruct-v0.1", 0.03); })));
}

// An approach right on items [0, k) of n, or on none of them.
std::shared_ptr<const synthbench::ResamplableScore> right_on_first(std::size_t k, std::size_t n) {
  return synthbench::make_resamplable(n, [k](const std::vector<std::uint32_t>& idx) -> synthbench::Result<double> {
    std::size_t right = 0;
    for (const auto i : idx) right += i < k ? 1u : 0u;
    return static_cast<double>(right) / static_cast<double>(idx.size());
  });
}

TEST(HeaderSamples, BootstrapAssertions) {
  // Every approach is right on all of its items or on none: every resample gives the same
  // scores (bootstrap_assertions_test.cpp works the numbers out).
  ScoreTable t("accuracy");
  t.set_real("a", right_on_first(10, 10)).set_real("b", right_on_first(0, 10)).set_real("c", right_on_first(10, 10));
  t.set_synthetic("gen", "a", right_on_first(8, 8)).set_synthetic("gen", "b", right_on_first(8, 8));
  t.set_synthetic("gen", "c", right_on_first(0, 8));
  expect_sample("bootstrap_assertions.hpp", only_failure(captured_failures([&] { EXPECT_SRCC_CI_LOWER_GE(t, "gen", 0.5, 0.95); })));
}

// A solver answering from a table: a text it lacks gets an unusable answer.
class TableSolver : public synthbench::IntentSolver {
 public:
  TableSolver(std::string name, std::map<std::string, std::string> answers) : name_(std::move(name)), answers_(std::move(answers)) {}
  std::string name() const override { return name_; }
  std::vector<synthbench::IntentPrediction> predict(const std::vector<std::string>& texts) override {
    std::vector<synthbench::IntentPrediction> out;
    for (const auto& t : texts) {
      const auto it = answers_.find(t);
      if (it == answers_.end()) {
        out.push_back({std::nullopt, "I'd say this is about " + t});
      } else {
        out.push_back({it->second, it->second});
      }
    }
    return out;
  }

 private:
  std::string name_;
  std::map<std::string, std::string> answers_;
};

class FixedGenerator : public synthbench::Generator<synthbench::IntentItem> {
 public:
  std::string name() const override { return "gpt-4o"; }
  synthbench::Dataset<synthbench::IntentItem> generate(const synthbench::GenerationRequest<synthbench::IntentItem>&) override {
    return {"gpt-4o", "fixed", {{"play jazz", "PlayMusic"}, {"rain today?", "GetWeather"}}, {}};
  }
};

TEST(HeaderSamples, ExperimentAssertions) {
  // 40 real utterances; gpt-4o-mini answers 37 of them, one with an intent that does not exist.
  synthbench::ExperimentSpec<synthbench::IntentItem> spec;
  spec.name = "snips";
  std::map<std::string, std::string> answers;
  for (int i = 0; i < 40; ++i) {
    const std::string text = "utterance " + std::to_string(i);
    spec.real.items.push_back({text, i % 2 == 0 ? "PlayMusic" : "GetWeather"});
    if (i >= 3) answers[text] = i == 3 ? "BookFlight" : spec.real.items.back().label;
  }
  answers["play jazz"] = "PlayMusic";
  answers["rain today?"] = "GetWeather";
  spec.generators = {std::make_shared<FixedGenerator>()};
  spec.solvers = {std::make_shared<TableSolver>("gpt-4o-mini", answers)};
  const synthbench::Experiment snips = synthbench::run_experiment(spec);
  expect_sample("experiment_assertions.hpp",
                only_failure(captured_failures([&] { EXPECT_PARSE_FAILURE_RATE_LE(snips, "gpt-4o-mini", "real", 0.02); })));
}

TEST(HeaderSamples, Regression) {
  const auto dir = synthbench_test_support::make_temp_dir("synthbench-samples");
  const auto baseline = dir / "politics.json";
  ScoreTable before("ent_type_f1");
  before.set_real("gpt-4o", 0.7621).set_real("gpt-4o-mini", 0.7430);
  before.set_synthetic("gpt-4o", "gpt-4o", 0.6107).set_synthetic("gpt-4o", "gpt-4o-mini", 0.5793);
  synthbench::detail::write_file_atomically(baseline, synthbench::dump_score_table(before));
  ScoreTable current = before;
  current.set_real("gpt-4o-mini", 0.6).set_synthetic("gpt-4o", "gpt-4o-mini", 0.5);
  expect_sample("regression.hpp", only_failure(captured_failures([&] { EXPECT_NO_REGRESSION(baseline, current, 0.02); })));
  std::filesystem::remove_all(dir);
}

TEST(HeaderSamples, NotWorse) {
  // 20 items, "Play" and "Book" alternating: right on the first 16 before, on 6..15 now.
  const auto table = [](std::size_t from) {
    std::vector<std::string> gold;
    std::vector<synthbench::metrics::LabelPrediction> answers;
    for (std::size_t i = 0; i < 20; ++i) {
      gold.emplace_back(i % 2 == 0 ? "Play" : "Book");
      answers.emplace_back(i >= from && i < 16 ? gold.back() : (i % 2 == 0 ? "Book" : "Play"));
    }
    ScoreTable t("accuracy");
    t.set_real("gpt-4o", synthbench::make_resamplable(synthbench::metrics::ClassificationOutcomes(gold, answers)
                                                          .scorer(synthbench::metrics::ClassificationMetric::accuracy)));
    return t;
  };
  const auto dir = synthbench_test_support::make_temp_dir("synthbench-samples");
  const auto baseline = dir / "intents_accuracy.json";
  synthbench::detail::write_file_atomically(baseline, synthbench::dump_outcome_baseline(synthbench::outcome_baseline_from_table(table(0))));
  const ScoreTable upgraded = table(6);
  expect_sample("not_worse.hpp", only_failure(captured_failures([&] { EXPECT_NOT_WORSE(baseline, upgraded, 0.0, 0.05); })));
  std::filesystem::remove_all(dir);
}

// The matcher itself: it can fail.
TEST(HeaderSamples, TheMatcherRejectsWhatDiffers) {
  EXPECT_TRUE(matches({"a", "...", "d"}, 0, {"a", "b", "c", "d"}, 0));
  EXPECT_TRUE(matches({"a", "  ...", "d"}, 0, {"a", "d"}, 0));
  EXPECT_TRUE(matches({"path: /x/..."}, 0, {"path: /x/y/z"}, 0));
  EXPECT_FALSE(matches({"a", "c"}, 0, {"a", "b"}, 0));
  EXPECT_FALSE(matches({"a"}, 0, {"a", "b"}, 0));
  EXPECT_FALSE(matches({"path: /x/..."}, 0, {"path: /y/z"}, 0));
}

}  // namespace
