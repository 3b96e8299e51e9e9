// A test program for listing_test.cpp, run as a child process (never by ctest): two
// ExperimentSuites of one Spec whose experiment asks an LLM (a local test server in record
// mode), and a plain test. Each build appends a line to $SYNTHBENCH_LISTING_MARKER; with
// $SYNTHBENCH_LISTING_FORBID_BUILD=1 a build aborts the program, so a listing, filter or shard
// that builds the experiment cannot pass unnoticed.

#include <synthbench/experiment/run.hpp>
#include <synthbench/gtest.hpp>
#include <synthbench/gtest/experiment_suite.hpp>
#include <synthbench/http.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

using synthbench::IntentItem;
using synthbench::IntentPrediction;

// A solver that asks the LLM for each utterance's intent and takes the answer as the label.
class AskingSolver : public synthbench::IntentSolver {
 public:
  AskingSolver(std::string model, synthbench::llm::ChatClient& llm) : model_(std::move(model)), llm_(llm) {}
  std::string name() const override { return model_; }
  std::vector<IntentPrediction> predict(const std::vector<std::string>& texts) override {
    std::vector<IntentPrediction> out;
    for (const auto& t : texts) {
      synthbench::llm::ChatRequest r;
      r.model = model_;
      r.messages = {{"user", "Intent of: " + t}};
      const auto answer = llm_.complete(r).content;
      out.push_back({answer, answer});
    }
    return out;
  }

 private:
  std::string model_;
  synthbench::llm::ChatClient& llm_;
};

class FixedGenerator : public synthbench::Generator<IntentItem> {
 public:
  explicit FixedGenerator(std::string name) : name_(std::move(name)) {}
  std::string name() const override { return name_; }
  synthbench::Dataset<IntentItem> generate(const synthbench::GenerationRequest<IntentItem>&) override {
    return {name_, "fixed", {{"play pop", "Play"}, {"book seats", "Book"}}, {}};
  }

 private:
  std::string name_;
};

struct Listed {
  static std::string cassette_name() { return "listing_program"; }
  static std::vector<std::string> generator_names() { return {"gen-1", "gen-2"}; }
  static std::vector<std::string> solver_names() { return {"model-a", "model-b"}; }
  static synthbench::cassette::UpstreamFactory upstream() {
    return [] { return std::make_shared<synthbench::http::OpenAiClient>(); };  // $SYNTHBENCH_BASE_URL
  }
  static synthbench::cassette::CassetteOptions cassette_options() {
    synthbench::cassette::CassetteOptions o;
    o.base_url = "http://127.0.0.1/v1";
    return o;
  }
  static synthbench::Experiment build(synthbench::llm::ChatClient& llm) {
    if (const char* marker = std::getenv("SYNTHBENCH_LISTING_MARKER")) std::ofstream(marker, std::ios::app) << "built\n";
    if (const char* forbid = std::getenv("SYNTHBENCH_LISTING_FORBID_BUILD"); forbid != nullptr && std::string(forbid) == "1") {
      std::fputs("listing_program: the experiment was built although no test of its suites runs\n", stderr);
      std::abort();
    }
    synthbench::ExperimentSpec<IntentItem> spec;
    spec.name = "listing";
    spec.real.items = {{"play jazz", "Play"}, {"book a table", "Book"}, {"play rock", "Play"}};
    spec.generators = {std::make_shared<FixedGenerator>("gen-1"), std::make_shared<FixedGenerator>("gen-2")};
    spec.solvers = {std::make_shared<AskingSolver>("model-a", llm), std::make_shared<AskingSolver>("model-b", llm)};
    return synthbench::run_experiment(spec);
  }
};

// Registered first (a plain TEST registers before parameterized ones): test 0 of the program.
TEST(Plain, NeedsNoExperiment) { EXPECT_EQ(1 + 1, 2); }

class ListedByGenerator : public synthbench::gtest::ExperimentSuite<Listed> {};
TEST_P(ListedByGenerator, HasScores) { EXPECT_TRUE(experiment().scores("accuracy").has_synthetic(GetParam()) || GetParam() == "average"); }
INSTANTIATE_TEST_SUITE_P(Generators, ListedByGenerator, ::testing::ValuesIn(ListedByGenerator::synthetic_names()),
                         synthbench::gtest::param_name);

class ListedBySolver : public synthbench::gtest::ExperimentSuite<Listed> {};
TEST_P(ListedBySolver, Answered) { EXPECT_EQ(experiment().predictions(GetParam(), "real").items, 3u); }
INSTANTIATE_TEST_SUITE_P(Solvers, ListedBySolver, ::testing::ValuesIn(ListedBySolver::solver_names()),
                         synthbench::gtest::param_name);

}  // namespace
