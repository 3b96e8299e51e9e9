// ExperimentSuite: one experiment per process and Spec, built through a cassette named by the
// Spec, shared by two suites; the cassette it recorded replays with no upstream; a failing
// build becomes test failures with the reason, never an exception in GoogleTest's
// registration.

#include <synthbench/experiment/run.hpp>
#include <synthbench/gtest.hpp>
#include <synthbench/gtest/experiment_suite.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "support/test_paths.hpp"

namespace {

using synthbench::IntentItem;
using synthbench::IntentPrediction;

// The cassette root of this process: a fresh temporary folder, set before any test runs
// (test names come from the Specs: registering the tests builds nothing).
const std::filesystem::path kCassetteDir = [] {
  const auto dir = synthbench_test_support::make_temp_dir("synthbench-experiment-suite");
  ::setenv("SYNTHBENCH_CASSETTE_DIR", dir.c_str(), 1);
  ::setenv("SYNTHBENCH_RECORD_IN_CI", "1", 1);
  ::unsetenv("SYNTHBENCH_RECORD");
  std::atexit([] { std::filesystem::remove_all(kCassetteDir); });
  return dir;
}();

std::atomic<int> builds{0};
std::atomic<int> upstream_calls{0};

// A solver that asks the LLM for each utterance's intent.
class LlmIntentSolver : public synthbench::IntentSolver {
 public:
  LlmIntentSolver(std::string model, synthbench::llm::ChatClient& llm) : model_(std::move(model)), llm_(llm) {}
  std::string name() const override { return model_; }
  std::vector<IntentPrediction> predict(const std::vector<std::string>& texts) override {
    std::vector<synthbench::llm::ChatRequest> requests;
    for (const auto& t : texts) {
      synthbench::llm::ChatRequest r;
      r.model = model_;
      r.messages = {{"user", "Intent of: " + t}};
      requests.push_back(r);
    }
    std::vector<IntentPrediction> out;
    for (const auto& result : llm_.complete_batch(requests, 4)) {
      if (result.response) {
        out.push_back({result.response->content, result.response->content});
      } else {
        std::rethrow_exception(result.error);  // a miss is a failure of the run, not an answer
      }
    }
    return out;
  }

 private:
  std::string model_;
  synthbench::llm::ChatClient& llm_;
};

// The scripted "model": "play ..." is Play, everything else Book; model "weak" always says Book.
synthbench::llm::ChatResponse uncounted_answer(const synthbench::llm::ChatRequest& r) {
  synthbench::llm::ChatResponse response;
  const std::string& text = r.messages.back().content;
  response.content = r.model == "weak" ? "Book" : (text.find("play") != std::string::npos ? "Play" : "Book");
  response.model = "scripted-test-double";
  return response;
}

synthbench::llm::ChatResponse scripted_answer(const synthbench::llm::ChatRequest& r) {
  ++upstream_calls;
  return uncounted_answer(r);
}

synthbench::Experiment build_toy(synthbench::llm::ChatClient& llm) {
  synthbench::ExperimentSpec<IntentItem> spec;
  spec.name = "toy";
  spec.real.items = {{"play jazz", "Play"}, {"book a table", "Book"}, {"play rock", "Play"}};
  class Fixed : public synthbench::Generator<IntentItem> {
   public:
    explicit Fixed(std::string name) : name_(std::move(name)) {}
    std::string name() const override { return name_; }
    synthbench::Dataset<IntentItem> generate(const synthbench::GenerationRequest<IntentItem>&) override {
      return {name_, "fixed", {{"play pop", "Play"}, {"book seats", "Book"}}, {}};
    }
   private:
    std::string name_;
  };
  spec.generators = {std::make_shared<Fixed>("gen-1"), std::make_shared<Fixed>("gen-2")};
  spec.solvers = {std::make_shared<LlmIntentSolver>("strong", llm), std::make_shared<LlmIntentSolver>("weak", llm)};
  return synthbench::run_experiment(spec);
}

struct Scripted {
  static std::string cassette_name() { return "experiment_suite_scripted"; }
  static std::vector<std::string> generator_names() { return {"gen-1", "gen-2"}; }
  static std::vector<std::string> solver_names() { return {"strong", "weak"}; }
  static synthbench::cassette::CassetteOptions cassette_options() {
    synthbench::cassette::CassetteOptions o;
    o.mode = synthbench::cassette::RecordMode::once;
    o.base_url = "http://scripted.invalid/v1";
    return o;
  }
  static synthbench::cassette::UpstreamFactory upstream() {
    return [] { return std::make_shared<synthbench::llm::FunctionClient>(scripted_answer, "http://scripted.invalid/v1"); };
  }
  static synthbench::Experiment build(synthbench::llm::ChatClient& llm) {
    ++builds;
    return build_toy(llm);
  }
};

struct Broken {
  static std::string cassette_name() { return "experiment_suite_broken"; }
  static std::vector<std::string> generator_names() { return {"gen-1"}; }
  static std::vector<std::string> solver_names() { return {"strong"}; }
  static synthbench::Experiment build(synthbench::llm::ChatClient&) {
    throw synthbench::InputError(201, "data/snips/test.jsonl", "line 3", "expected an object");
  }
};

TEST(ExperimentSuiteBuildFailure, NamesComeFromTheSpecAndTheErrorIsKept) {
  using Suite = synthbench::gtest::ExperimentSuite<Broken>;
  EXPECT_EQ(Suite::synthetic_names(), (std::vector<std::string>{"gen-1", "average"}));
  EXPECT_EQ(Suite::generator_names(), (std::vector<std::string>{"gen-1"}));
  EXPECT_EQ(Suite::solver_names(), (std::vector<std::string>{"strong"}));
  try {
    (void)Suite::experiment();
    FAIL();
  } catch (const synthbench::UsageError& e) {
    EXPECT_EQ(e.id(), "synthbench.usage.86");
    EXPECT_NE(std::string(e.what()).find("data/snips/test.jsonl at line 3: expected an object"), std::string::npos)
        << e.what();
  }
}

class ScriptedByGenerator : public synthbench::gtest::ExperimentSuite<Scripted> {};

TEST_P(ScriptedByGenerator, RanksLikeRealData) {
  EXPECT_EQ(builds.load(), 1) << "built once for every test and suite of this Spec";
  const auto& t = experiment().scores("accuracy");
  EXPECT_SRCC_GE(t.real(), t.synthetic(GetParam()), 1.0);
  EXPECT_EQ(t.real().at("strong"), 1.0);
  // "weak" says Book to all: right on 1 of 3 real items.
  EXPECT_NEAR(t.real().at("weak"), 1.0 / 3, 1e-12);
}

INSTANTIATE_TEST_SUITE_P(Generators, ScriptedByGenerator, ::testing::ValuesIn(ScriptedByGenerator::synthetic_names()),
                         synthbench::gtest::param_name);

class ScriptedBySolver : public synthbench::gtest::ExperimentSuite<Scripted> {};

TEST_P(ScriptedBySolver, AnswersAreAllUsable) {
  EXPECT_EQ(builds.load(), 1);
  EXPECT_PARSE_FAILURE_RATE_LE(experiment(), GetParam(), "*", 0.0);
  // 3 real + 2 + 2 synthetic utterances, two solvers: 14 distinct requests, each recorded once.
  EXPECT_EQ(upstream_calls.load(), 14);
}

INSTANTIATE_TEST_SUITE_P(Solvers, ScriptedBySolver, ::testing::ValuesIn(ScriptedBySolver::solver_names()),
                         synthbench::gtest::param_name);

// Replays what the suites above recorded. In one process it runs after them (parameterized
// suites run in the order their TEST_P appear) and their TearDownTestSuite has already written
// the cassette; under ctest each test is its own process, where no suite of the Spec ran, so it
// builds the experiment itself (on first use) and finishes the shared client (finish() is
// idempotent).
class ScriptedReplay : public ::testing::TestWithParam<int> {};

TEST_P(ScriptedReplay, TheRecordedCassetteReplaysWithoutAnUpstream) {
  (void)ScriptedByGenerator::experiment();
  ASSERT_NE(ScriptedByGenerator::llm(), nullptr);
  (void)ScriptedByGenerator::llm()->finish();
  const auto path = kCassetteDir / "experiment_suite_scripted.json";
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  synthbench::cassette::CassetteOptions o;
  o.mode = synthbench::cassette::RecordMode::none;
  o.base_url = "http://scripted.invalid/v1";
  synthbench::cassette::CassetteClient replay(path, o);  // no upstream factory: no transport at all
  const int before = upstream_calls.load();
  const auto again = build_toy(replay);
  EXPECT_EQ(upstream_calls.load(), before);
  const auto& original = ScriptedByGenerator::experiment();
  for (const auto& metric : original.metric_names()) {
    for (const auto& name : original.synthetic_names()) {
      for (const auto& solver : original.solver_names()) {
        EXPECT_EQ(again.scores(metric).synthetic(name).at(solver), original.scores(metric).synthetic(name).at(solver))
            << metric << " " << name << " " << solver;
      }
    }
  }
  EXPECT_EQ(replay.finish().unused, 0u);
}

INSTANTIATE_TEST_SUITE_P(AfterRecording, ScriptedReplay, ::testing::Values(1));

}  // namespace

namespace {

// A miss inside a suite names the command that records it: this very program.
struct Missing {
  static std::string cassette_name() { return "experiment_suite_missing_cassette"; }
  static std::vector<std::string> generator_names() { return {"gen-1", "gen-2"}; }
  static std::vector<std::string> solver_names() { return {"strong", "weak"}; }
  static synthbench::cassette::CassetteOptions cassette_options() {
    synthbench::cassette::CassetteOptions o;
    o.mode = synthbench::cassette::RecordMode::none;
    o.base_url = "http://scripted.invalid/v1";
    return o;
  }
  static synthbench::Experiment build(synthbench::llm::ChatClient& llm) { return build_toy(llm); }
};

// A Spec whose declared names are not the experiment's: every test fails saying which differ.
struct Misnamed {
  static std::string cassette_name() { return "experiment_suite_misnamed"; }
  static std::vector<std::string> generator_names() { return {"gen-1", "gen-3"}; }
  static std::vector<std::string> solver_names() { return {"strong", "weak"}; }
  static synthbench::cassette::CassetteOptions cassette_options() { return Scripted::cassette_options(); }
  static synthbench::cassette::UpstreamFactory upstream() {
    return [] { return std::make_shared<synthbench::llm::FunctionClient>(uncounted_answer, "http://scripted.invalid/v1"); };
  }
  static synthbench::Experiment build(synthbench::llm::ChatClient& llm) { return build_toy(llm); }
};

TEST(ExperimentSuiteBuildFailure, TheSpecsNamesMustBeTheExperiments) {
  using Suite = synthbench::gtest::ExperimentSuite<Misnamed>;
  try {
    (void)Suite::experiment();
    FAIL() << "gen-3 is not a generator of the experiment";
  } catch (const synthbench::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("the Spec declares the generators [gen-1, gen-3] but the experiment has "
                                         "[gen-1, gen-2]\n(test names come from the Spec"),
              std::string::npos)
        << e.what();
    EXPECT_EQ(std::string(e.what()).find("solvers"), std::string::npos) << "the solvers agree";
  }
}

TEST(ExperimentSuiteBuildFailure, AMissNamesTheCommandThatRecordsThisProgram) {
  using Suite = synthbench::gtest::ExperimentSuite<Missing>;
  try {
    (void)Suite::experiment();
    FAIL() << "the cassette does not exist: the build must fail";
  } catch (const synthbench::UsageError& e) {
    const std::string what = e.what();
    // rerun_command.hpp: the cassette folder of this run is carried over, the program is
    // absolute, the filter names the running test.
    EXPECT_NE(what.find("to record it, run:\n  SYNTHBENCH_RECORD=new_episodes SYNTHBENCH_CASSETTE_DIR=" + kCassetteDir.string() +
                        " /"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find(" --gtest_filter=ExperimentSuiteBuildFailure.AMissNamesTheCommandThatRecordsThisProgram"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("synthbench_gtest"), std::string::npos) << what;  // this program's name
  }
}

}  // namespace
