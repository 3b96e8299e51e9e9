// Every outcome of an LLM call through the LLM solvers, the LLM generators and the grid:
// each kind counted on its own (a refusal is no parse failure), reported as its own issue,
// and scored by the task's rule for a missing prediction. The counts are worked out by hand
// from the scripts below.

#include <synthbench/experiment.hpp>

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "llm_test_support.hpp"

namespace {

using llm_test::ScriptedClient;
using synthbench::llm::ChatResponse;
using CallOutcome = synthbench::llm::Outcome;

// The response of each outcome for the intent solver: the answer is `label`.
ChatResponse outcome_reply(CallOutcome o, const std::string& label) {
  using synthbench::llm::parse_openai_response;
  switch (o) {
    case CallOutcome::answer:
      return parse_openai_response(R"j({"choices":[{"finish_reason":"stop","message":{"content":[{"type":"thinking","thinking":"hm"},{"type":"text","text":"{\"intent\": \")j" + label + R"j(\"}"}]}}]})j", "t");
    case CallOutcome::refusal:
      return parse_openai_response(R"j({"choices":[{"finish_reason":"stop","message":{"content":null,"refusal":"I can't help with that."}}]})j", "t");
    case CallOutcome::content_filter:
      return parse_openai_response(R"j({"choices":[{"finish_reason":"content_filter","index":0}]})j", "t");
    case CallOutcome::length:
      return parse_openai_response(R"j({"choices":[{"finish_reason":"length","message":{"content":"{\"intent\": \"Pla"}}]})j", "t");
    case CallOutcome::tool_calls:
      return parse_openai_response(R"j({"choices":[{"finish_reason":"tool_calls","message":{"tool_calls":[{"id":"c","type":"function","function":{"name":"lookup","arguments":"{}"}}]}}]})j", "t");
    case CallOutcome::provider_error:
      return synthbench::llm::failure_response(o, "HTTP 400: the prompt is too long (invalid_request_error)", 400, 1);
    case CallOutcome::transient_failure:
      return synthbench::llm::failure_response(o, "HTTP 503: overloaded (after 6 attempts)", 503, 6);
  }
  return {};
}

// Inputs name what their call ends in: "refusal 1" is refused, "answer PlayMusic" answered,
// "throw" makes the client throw (a client of its own that fails by exception).
ScriptedClient::Script outcome_script() {
  return [](const synthbench::llm::ChatRequest& r) -> ChatResponse {
    const std::string input = llm_test::section(llm_test::prompt_of(r), "Utterance");
    if (input == "throw") throw std::runtime_error("connection reset by peer");
    const std::string kind = input.substr(0, input.find(' '));
    const std::string rest = input.substr(input.find(' ') + 1);
    return outcome_reply(*synthbench::llm::outcome_from_string(kind), rest);
  };
}

synthbench::LlmSolverOptions outcome_solver_options() {
  synthbench::LlmSolverOptions o;
  o.settings.model = "solver-model";
  o.description.labels = {"PlayMusic", "GetWeather"};
  o.templates = std::make_shared<synthbench::PromptTemplates>("fixtures/prompts");
  return o;
}

TEST(LlmSolverOutcomes, EachOutcomeIsItsOwnIssueAndNoParseFailure) {
  ScriptedClient client(outcome_script());
  synthbench::LlmIntentSolver solver(client, outcome_solver_options());
  const std::vector<std::string> inputs = {"answer PlayMusic", "refusal 1",     "content_filter 1", "length 1",
                                           "tool_calls 1",     "provider_error 1", "transient_failure 1", "throw",
                                           "answer Nonsense"};
  const auto run = solver.run(inputs);
  ASSERT_EQ(run.predictions.size(), inputs.size());
  EXPECT_EQ(run.predictions[0].label, "PlayMusic");  // the text part of a content array; the thinking left out
  EXPECT_EQ(run.predictions[0].outcome, CallOutcome::answer);
  for (std::size_t i = 1; i < inputs.size(); ++i) EXPECT_FALSE(run.predictions[i].label.has_value()) << inputs[i];
  EXPECT_EQ(run.predictions[1].outcome, CallOutcome::refusal);
  EXPECT_EQ(run.predictions[1].raw, "[refusal] I can't help with that.");
  EXPECT_EQ(run.predictions[7].outcome, CallOutcome::transient_failure);  // the client threw
  EXPECT_EQ(run.predictions[7].raw, "[request failed] connection reset by peer");
  std::vector<std::string> issues;
  for (const auto& i : run.report.issues) issues.push_back(std::to_string(i.item) + " " + i.kind + ": " + i.detail);
  EXPECT_EQ(issues, (std::vector<std::string>{
                        "1 refusal: I can't help with that.",
                        "2 content_filter: the provider's content filter removed the answer",
                        "3 parse_failure: truncated: the answer ends inside a string that starts at line 1, column 12 (the answer hit max_tokens)",
                        "4 tool_calls: the model called tools instead of answering: lookup",
                        "5 provider_error: HTTP 400: the prompt is too long (invalid_request_error)",
                        "6 transient_failure: HTTP 503: overloaded (after 6 attempts)",
                        "7 failed_request: connection reset by peer",
                        "8 parse_failure: unknown_label: \"Nonsense\" is not a label of the set"}));
}

TEST(LlmSolverOutcomes, TheGridCountsEveryKindApart) {
  ScriptedClient client(outcome_script());
  synthbench::ExperimentSpec<synthbench::IntentItem> spec;
  spec.name = "outcomes";
  spec.real.items = {{"answer PlayMusic", "PlayMusic"},  {"answer GetWeather", "GetWeather"},
                     {"refusal 1", "PlayMusic"},         {"refusal 2", "GetWeather"},
                     {"content_filter 1", "GetWeather"}, {"length 1", "PlayMusic"},
                     {"transient_failure 1", "PlayMusic"}, {"throw", "GetWeather"},
                     {"answer Nonsense", "GetWeather"},  {"provider_error 1", "PlayMusic"}};
  spec.generation.labels = {"PlayMusic", "GetWeather"};
  spec.solvers = {std::make_shared<synthbench::LlmIntentSolver>(client, outcome_solver_options())};
  const synthbench::Experiment e = synthbench::run_experiment(spec);
  const auto& c = e.predictions("solver-model", "real");
  EXPECT_EQ(c.items, 10u);
  EXPECT_EQ(c.outcomes.count(CallOutcome::answer), 3u);  // two right, one naming no label
  EXPECT_EQ(c.outcomes.count(CallOutcome::refusal), 2u);
  EXPECT_EQ(c.outcomes.count(CallOutcome::content_filter), 1u);
  EXPECT_EQ(c.outcomes.count(CallOutcome::length), 1u);
  EXPECT_EQ(c.outcomes.count(CallOutcome::provider_error), 1u);
  EXPECT_EQ(c.outcomes.count(CallOutcome::transient_failure), 2u);  // one returned, one thrown
  EXPECT_EQ(c.outcomes.total(), 10u);
  // Unparsable: the truncated answer and the one naming no label; not the 6 calls that gave none.
  EXPECT_EQ(c.parse_failures, 2u);
  EXPECT_EQ(c.outcome_rate(CallOutcome::refusal).value(), 0.2);
  // A missing intent is wrong: 2 right of 10.
  EXPECT_DOUBLE_EQ(e.scores("accuracy").real().at("solver-model"), 0.2);
  // A solver that is no LLM makes no call.
  synthbench::PredictionCounts reference;
  EXPECT_FALSE(reference.outcome_rate(CallOutcome::answer).ok());
}

TEST(LlmGeneratorOutcomes, EveryChoiceIsReadAndNonAnswersAreIssues) {
  // Request 0 answers with two choices (n = 2) of two items each; request 1 is refused,
  // request 2 filtered, request 3 fails; request 4 answers one more item.
  ScriptedClient client([](const synthbench::llm::ChatRequest& r) -> ChatResponse {
    switch (*r.seed) {
      case 100:
        return synthbench::llm::parse_openai_response(R"j({"choices":[
          {"finish_reason":"stop","message":{"content":"{\"text\": \"play jazz now\", \"label\": \"PlayMusic\"}\n{\"text\": \"is it cold\", \"label\": \"GetWeather\"}"}},
          {"finish_reason":"stop","message":{"content":"{\"text\": \"play rock\", \"label\": \"PlayMusic\"}\n{\"text\": \"will it snow\", \"label\": \"GetWeather\"}"}}]})j", "t");
      case 101: return outcome_reply(CallOutcome::refusal, "");
      case 102: return outcome_reply(CallOutcome::content_filter, "");
      case 103: return outcome_reply(CallOutcome::transient_failure, "");
      default:
        return synthbench::llm::parse_openai_response(R"j({"choices":[{"message":{"content":"{\"text\": \"any rain\", \"label\": \"GetWeather\"}"}}]})j", "t");
    }
  });
  synthbench::LlmGeneratorOptions o;
  o.settings.model = "gen-model";
  o.settings.seed = 100;
  o.items_per_request = 2;
  o.max_requests_per_round = 4;
  o.max_rounds = 2;
  o.max_in_flight = 1;
  o.templates = std::make_shared<synthbench::PromptTemplates>("fixtures/prompts");
  synthbench::LlmIntentGenerator generator(client, synthbench::study_example_sampler<synthbench::IntentItem>(), o);
  synthbench::GenerationRequest<synthbench::IntentItem> request;
  request.labels = {"PlayMusic", "GetWeather"};
  request.count = 5;
  const auto d = generator.generate(request);
  // Round 1: 3 requests (ceil(5 / 2)): 4 items from request 0's two choices, a refusal, a
  // filter. Round 2: 1 missing item, 1 request (seed 103): a transient failure. Then the
  // rounds are spent: 4 items, a shortfall.
  EXPECT_EQ(d.items.size(), 4u);
  EXPECT_EQ(d.items[2].text, "play rock");  // from the second choice
  EXPECT_EQ(d.report.count("refusal"), 1u);
  EXPECT_EQ(d.report.count("content_filter"), 1u);
  EXPECT_EQ(d.report.count("transient_failure"), 1u);
  EXPECT_EQ(d.report.count("shortfall"), 1u);
  EXPECT_EQ(d.report.count("parse_failure"), 0u);
}

}  // namespace
