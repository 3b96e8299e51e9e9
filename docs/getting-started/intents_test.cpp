// tests/intents_test.cpp of the project in synthbench's docs/getting-started.md.
//
// Can synthetic intent data, written by two LLMs, pick the right model for us? The real test
// set (data/test.jsonl) is small; each LLM writes 40 new utterances from examples of
// data/train.jsonl, and every candidate model solves the real and the synthetic sets.

#include <synthbench/experiment.hpp>             // loaders, LLM generators and solvers, run_experiment
#include <synthbench/gtest.hpp>                  // the assertion macros
#include <synthbench/gtest/experiment_suite.hpp> // ExperimentSuite: one cassette, one build per process
#include <synthbench/gtest/not_worse.hpp>        // EXPECT_NOT_WORSE: the paired upgrade gate
#include <synthbench/http.hpp>                   // OpenAiClient, only used when recording

#include <memory>
#include <string>
#include <vector>

namespace {

const std::vector<std::string> kModels = {"gpt-4o-mini", "gpt-4o"};

// The real examples that generation request r shows: k per intent, a different draw each time.
std::vector<synthbench::IntentItem> prompt_examples(const synthbench::GenerationRequest<synthbench::IntentItem>& request,
                                                   std::size_t r) {
  const auto pick = synthbench::examples_per_intent(*request.examples, request.k, request.seed + r);
  return synthbench::subset(*request.examples, pick.indices).items;
}

struct Intents {
  static std::string cassette_name() { return "intents"; }  // cassettes/intents.json

  // The test names: the generators and solvers build() makes, in its order. Listing the tests
  // (gtest_discover_tests, after every build) reads these and builds nothing.
  static std::vector<std::string> generator_names() { return kModels; }
  static std::vector<std::string> solver_names() {
    std::vector<std::string> names = kModels;
    for (const char* s : {"naive-bayes", "tfidf-centroid", "knn", "keyword-overlap", "majority"}) names.push_back(s);
    return names;
  }

  // How to reach the LLM when recording: $SYNTHBENCH_BASE_URL (default OpenAI), the key in
  // the variable $SYNTHBENCH_API_KEY_ENV names (default OPENAI_API_KEY). Replay never calls it.
  static synthbench::cassette::UpstreamFactory upstream() {
    return [] { return std::make_shared<synthbench::http::OpenAiClient>(); };
  }

  static synthbench::Experiment build(synthbench::llm::ChatClient& llm) {
    const auto prompts = std::make_shared<synthbench::PromptTemplates>("prompts");  // our copy, under review
    synthbench::ExperimentSpec<synthbench::IntentItem> spec;
    spec.name = "intents";
    spec.real = synthbench::load_intent_jsonl("data/test.jsonl");
    spec.examples = synthbench::load_intent_jsonl("data/train.jsonl");
    spec.generation.labels = {"AddToShoppingList", "GetWeather", "PlayMusic", "SetThermostat", "TurnOnLights"};
    spec.generation.count = 40;
    spec.generation.k = 2;
    for (const auto& model : kModels) {
      synthbench::LlmGeneratorOptions g;
      g.settings.model = model;
      g.settings.temperature = 1.0;
      g.settings.seed = 1;
      g.templates = prompts;
      spec.generators.push_back(std::make_shared<synthbench::LlmIntentGenerator>(llm, prompt_examples, g));
      synthbench::LlmSolverOptions s;
      s.settings.model = model;
      s.settings.temperature = 0.0;
      s.description.labels = spec.generation.labels;
      s.templates = prompts;
      spec.solvers.push_back(std::make_shared<synthbench::LlmIntentSolver>(llm, s));
    }
    // Cheap in-process baselines, so that there are more than two approaches to rank.
    for (auto& s : synthbench::intent_reference_solvers(spec.examples.items)) spec.solvers.push_back(std::move(s));
    return synthbench::run_experiment(spec);
  }
};

// One test per synthetic benchmark (each generator, and their average).
class IntentBenchmarks : public synthbench::gtest::ExperimentSuite<Intents> {};

TEST_P(IntentBenchmarks, RankModelsLikeRealData) {
  const auto& t = experiment().scores("macro_f1");
  EXPECT_SRCC_GE(t.real(), t.synthetic(GetParam()), 0.8) << "generator " << GetParam();
  EXPECT_SELECTION_REGRET_LE(t.real(), t.synthetic(GetParam()), 0.02);
}

INSTANTIATE_TEST_SUITE_P(Generators, IntentBenchmarks, ::testing::ValuesIn(IntentBenchmarks::synthetic_names()),
                         synthbench::gtest::param_name);

// One test per solver: its answers can be read.
class IntentSolvers : public synthbench::gtest::ExperimentSuite<Intents> {};

TEST_P(IntentSolvers, AnswerInTheRequestedFormat) {
  EXPECT_PARSE_FAILURE_RATE_LE(experiment(), GetParam(), "*", 0.05);
}

INSTANTIATE_TEST_SUITE_P(Solvers, IntentSolvers, ::testing::ValuesIn(IntentSolvers::solver_names()),
                         synthbench::gtest::param_name);

// The gate: on the same items as the blessed run, no model is significantly worse
// (one-sided, alpha 0.05), on the real data or on any synthetic set.
class IntentGate : public synthbench::gtest::ExperimentSuite<Intents> {};

TEST_F(IntentGate, NoModelGotWorse) {
  EXPECT_NOT_WORSE("baselines/intents_macro_f1.json", experiment().scores("macro_f1"), 0.0, 0.05);
}

}  // namespace
