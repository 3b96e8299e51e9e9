// Example 04: an LLM-backed experiment, recorded once and replayed offline.
//
// Two LLM-backed generators write synthetic intent data from prompts (fixtures/prompts/
// intent_generate.txt) showing examples of the bundled fixtures/intent-demo train split; five
// LLM-backed zero-shot solvers (fixtures/prompts/intent_solve.txt) answer for the real test
// split and for both synthetic sets; their answers are parsed, scored, and meta-evaluated.
//
// What answered: synthbench's local test server on 127.0.0.1 (tests/support/
// local_chat_server.hpp) with its local "models" (tests/support/local_models.hpp): small
// deterministic programs behind the chat-completions API, not language models. The cassette
// names them as what answered ("synthbench-local-test-server/naive-bayes", ...). Point
// upstream() at a real endpoint (synthbench::http::OpenAiClient with your base URL and key)
// and the same suite records real models instead.
//
// Replaying (the default, and what CI does): cassettes/intent_demo_local_models.json answers
// every request; no server starts and nothing touches the network.
// Recording it again (from the source root; starts the local server):
//   SYNTHBENCH_RECORD=all build/examples/example_04_record_replay
#include <synthbench/experiment.hpp>
#include <synthbench/gtest.hpp>
#include <synthbench/gtest/experiment_suite.hpp>
#include <synthbench/http.hpp>

#include <gtest/gtest.h>
#include <unistd.h>  // getpid

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/local_chat_server.hpp"
#include "support/local_models.hpp"

namespace {

using synthbench_test_support::LocalChatServer;
using synthbench_test_support::LocalIntentModels;

const std::vector<std::string> intents = {"AddToShoppingList", "GetWeather", "PlayMusic", "SetThermostat", "TurnOnLights"};

// The local server with its models, and an HTTP client talking to it: one object, so that
// the server lives exactly as long as the recording needs it.
class LocalServerClient : public synthbench::llm::ChatClient {
 public:
  LocalServerClient()
      : models_(synthbench::load_intent_jsonl("fixtures/intent-demo/train.jsonl", "train").items),
        server_(options(models_)),
        http_(http_options(server_)) {}

  synthbench::llm::ChatResponse complete(const synthbench::llm::ChatRequest& request) override { return http_.complete(request); }
  std::vector<synthbench::llm::BatchResult> complete_batch(const std::vector<synthbench::llm::ChatRequest>& requests,
                                                           std::size_t max_in_flight) override {
    return http_.complete_batch(requests, max_in_flight);
  }

 private:
  static LocalChatServer::Options options(const LocalIntentModels& models) {
    LocalChatServer::Options o;
    o.answerer = [&models](const synthbench::llm::ChatRequest& r) { return models.answer(r); };
    return o;
  }
  static synthbench::http::HttpOptions http_options(const LocalChatServer& server) {
    synthbench::http::HttpOptions o;
    o.base_url = server.base_url();
    return o;
  }
  LocalIntentModels models_;
  LocalChatServer server_;
  synthbench::http::OpenAiClient http_;
};

// The experiment: real test split, two LLM generators, five LLM solvers.
struct LocalModelsIntentDemo {
  static std::string cassette_name() { return "intent_demo_local_models"; }

  // The names tests are parameterized over, known without building anything (listing the
  // tests never replays or records): the experiment's generators and solvers, in order.
  static std::vector<std::string> generator_names() { return LocalIntentModels::generator_models(); }
  static std::vector<std::string> solver_names() { return LocalIntentModels::solver_models(); }

  static synthbench::cassette::UpstreamFactory upstream() {
    return [] { return std::make_shared<LocalServerClient>(); };
  }

  static synthbench::cassette::CassetteOptions cassette_options() {
    synthbench::cassette::CassetteOptions o;
    o.description =
        "Recorded by examples/04_record_replay from synthbench's local test server "
        "(tests/support/local_chat_server.hpp) and its local models (tests/support/local_models.hpp): "
        "deterministic programs behind the chat-completions API, not language models.";
    o.base_url = "http://127.0.0.1/v1";  // the host the cassette keys on: the local server
    o.strict = true;                     // an interaction this run does not use fails the suite
    return o;
  }

  static synthbench::Experiment build(synthbench::llm::ChatClient& llm) {
    synthbench::ExperimentSpec<synthbench::IntentItem> spec;
    spec.name = "intent-demo (local models)";
    spec.real = synthbench::load_intent_jsonl("fixtures/intent-demo/test.jsonl");
    spec.examples = synthbench::load_intent_jsonl("fixtures/intent-demo/train.jsonl", "train");
    spec.generation.labels = intents;
    spec.generation.domain = "requests to the voice assistant of a home";
    spec.generation.count = 20;  // synthetic items per generator
    spec.generation.k = 2;       // prompt examples per intent
    spec.generation.seed = 7;

    for (const auto& model : LocalIntentModels::generator_models()) {
      synthbench::LlmGeneratorOptions g;
      g.settings.model = model;
      g.settings.temperature = 1.0;
      g.settings.seed = 7;
      g.items_per_request = 5;
      spec.generators.push_back(std::make_shared<synthbench::LlmIntentGenerator>(
          llm, synthbench::study_example_sampler<synthbench::IntentItem>(), g));
    }
    for (const auto& model : LocalIntentModels::solver_models()) {
      synthbench::LlmSolverOptions s;
      s.settings.model = model;
      s.settings.temperature = 0.0;
      s.description.labels = intents;
      s.description.domain = spec.generation.domain;
      spec.solvers.push_back(std::make_shared<synthbench::LlmIntentSolver>(llm, s));
    }
    return synthbench::run_experiment(spec);
  }
};

class LocalModelsSynthetic : public synthbench::gtest::ExperimentSuite<LocalModelsIntentDemo> {};

// Each synthetic dataset ranks the five solvers as the real test split does.
TEST_P(LocalModelsSynthetic, RanksSolversLikeRealData) {
  const auto& t = experiment().scores("macro_f1");
  EXPECT_SRCC_GE(t.real(), t.synthetic(GetParam()), 0.7) << "synthetic data from " << GetParam();
  EXPECT_MSPD_LE(t.real(), t.synthetic(GetParam()), 0.03) << "synthetic data from " << GetParam();
}
INSTANTIATE_TEST_SUITE_P(Generators, LocalModelsSynthetic, ::testing::ValuesIn(LocalModelsSynthetic::synthetic_names()),
                         synthbench::gtest::param_name);

class LocalModelsAnswers : public synthbench::gtest::ExperimentSuite<LocalModelsIntentDemo> {};

// Unusable answers are counted per solver and dataset: local/majority refuses every utterance
// with a digit in it (4 of the 40 real ones); the others answer in forms the parser reads
// (JSON, "The intent is X.", a fenced block in lower case, "Intent: X").
TEST_F(LocalModelsAnswers, ParseFailuresStayRare) {
  for (const char* solver : {"local/naive-bayes", "local/tfidf-centroid", "local/knn", "local/keyword"}) {
    EXPECT_PARSE_FAILURE_RATE_LE(experiment(), solver, "*", 0.0);
  }
  EXPECT_PARSE_FAILURE_RATE_LE(experiment(), "local/majority", "*", 0.1);
}

// local/keyword writes its data from the keywords its own solver reads, so it does better on
// its own data than the other solvers do (the study's bias factor; +0.038 macro-F1 here). The
// gate: less than 0.05.
TEST_F(LocalModelsAnswers, TheKeywordModelFavoursItsOwnDataOnlyALittle) {
  const auto& t = experiment().scores("macro_f1");
  EXPECT_BIAS_FACTOR_LE(t, "local/keyword", 0.05);
}

// The whole cycle in one test, against a live local server: record into a fresh cassette,
// then replay it with no server at all and get the same answers.
TEST(RecordAndReplay, AReplayAnswersAsTheRecordingDid) {
  const auto dir = std::filesystem::temp_directory_path() / ("synthbench-example-04-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "solver.json";
  ::setenv("SYNTHBENCH_RECORD_IN_CI", "1", 1);  // a local server: nothing leaves the machine

  synthbench::LlmSolverOptions s;
  s.settings.model = "local/naive-bayes";
  s.description.labels = intents;
  const std::vector<std::string> utterances = {"play some jazz", "is it going to rain tomorrow", "add eggs to the list"};

  synthbench::cassette::CassetteOptions record;
  record.mode = synthbench::cassette::RecordMode::all;
  record.base_url = "http://127.0.0.1/v1";
  std::vector<synthbench::IntentPrediction> recorded;
  {
    synthbench::cassette::CassetteClient llm(path, record, [] { return std::make_shared<LocalServerClient>(); });
    recorded = synthbench::LlmIntentSolver(llm, s).predict(utterances);
    EXPECT_EQ(llm.finish().recorded, utterances.size());
  }

  synthbench::cassette::CassetteOptions replay;
  replay.mode = synthbench::cassette::RecordMode::none;  // replay only, whatever SYNTHBENCH_RECORD says
  replay.base_url = record.base_url;
  synthbench::cassette::CassetteClient llm(path, replay);  // no upstream factory: no network possible
  const auto replayed = synthbench::LlmIntentSolver(llm, s).predict(utterances);
  ASSERT_EQ(replayed.size(), recorded.size());
  for (std::size_t i = 0; i < recorded.size(); ++i) {
    EXPECT_EQ(replayed[i].label, recorded[i].label) << utterances[i];
  }
  EXPECT_EQ(recorded[0].label, "PlayMusic");
  std::filesystem::remove_all(dir);
}

}  // namespace
