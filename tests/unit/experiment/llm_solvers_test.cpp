// Zero-shot LLM solvers with scripted clients: one prompt per input in one batch, messy
// answers parsed or reported, failed requests kept, errors that end a run rethrown.
#include <synthbench/experiment/solvers/llm_solvers.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "llm_test_support.hpp"

namespace {

using llm_test::reply;
using llm_test::ScriptedClient;
using synthbench::LlmSolverOptions;

LlmSolverOptions solver_options(std::vector<std::string> label_names = {}) {
  LlmSolverOptions o;
  o.settings.model = "solver-model";
  o.settings.temperature = 0.0;
  o.settings.seed = 7;
  o.description.labels = std::move(label_names);
  o.templates = std::make_shared<synthbench::PromptTemplates>("fixtures/prompts");
  return o;
}

std::vector<std::string> solver_issues(const synthbench::DataReport& report) {
  std::vector<std::string> out;
  for (const auto& i : report.issues) out.push_back(std::to_string(i.item) + " " + i.kind + "@" + i.where + ": " + i.detail);
  return out;
}

// Answers keyed by the utterance the prompt asks about.
ScriptedClient::Script by_input(const std::string& heading, std::map<std::string, std::string> answers) {
  return [heading, answers](const synthbench::llm::ChatRequest& r) -> synthbench::llm::ChatResponse {
    const std::string input = llm_test::section(llm_test::prompt_of(r), heading);
    if (input == "fail me") throw std::runtime_error("HTTP 500 after 3 retries");
    if (input == "cut me") return reply("{\"intent\": \"PlayMu", "length");
    const auto it = answers.find(input);
    return reply(it == answers.end() ? "no script for " + input : it->second);
  };
}

TEST(LlmIntentSolver, OnePromptPerInputInOneBatch) {
  ScriptedClient client(by_input("Utterance", {{"play jazz", "PlayMusic"},
                                               {"rain in Oslo?", "```json\n{\"intent\": \"get weather\"}\n```"},
                                               {"add it", "Intent: AddToPlaylist"},
                                               {"hmm", "AddToPlaylist or PlayMusic"},
                                               {"what", "I am not sure what the user wants."}}));
  auto o = solver_options({"AddToPlaylist", "PlayMusic", "GetWeather"});
  o.max_in_flight = 3;
  synthbench::LlmIntentSolver solver(client, o);
  EXPECT_EQ(solver.name(), "solver-model");
  const std::vector<std::string> inputs = {"play jazz", "rain in Oslo?", "add it", "hmm", "fail me", "what", "cut me"};
  const auto p = solver.predict(inputs);
  ASSERT_EQ(p.size(), inputs.size());
  EXPECT_EQ(p[0].label, "PlayMusic");
  EXPECT_EQ(p[1].label, "GetWeather");
  EXPECT_EQ(p[2].label, "AddToPlaylist");
  EXPECT_FALSE(p[3].label);
  EXPECT_EQ(p[3].raw, "AddToPlaylist or PlayMusic");
  EXPECT_FALSE(p[4].label);
  EXPECT_EQ(p[4].raw, "[request failed] HTTP 500 after 3 retries");
  EXPECT_FALSE(p[5].label);
  EXPECT_FALSE(p[6].label);
  EXPECT_EQ(p[1].raw, "```json\n{\"intent\": \"get weather\"}\n```");
  EXPECT_EQ(solver_issues(solver.last_report()),
            (std::vector<std::string>{
                "3 parse_failure@input 3: several_labels: the answer names AddToPlaylist, PlayMusic",
                "4 failed_request@input 4: HTTP 500 after 3 retries",
                "5 parse_failure@input 5: unknown_label: \"I am not sure what the user wants.\" names no label of the set",
                "6 parse_failure@input 6: truncated: the answer ends inside a string that starts at line 1, column 12 (the answer hit max_tokens)"}));
  EXPECT_EQ(client.batches(), (std::vector<std::pair<std::size_t, std::size_t>>{{7, 3}}));
  for (const auto& r : client.requests()) {
    EXPECT_EQ(r.model, "solver-model");
    EXPECT_EQ(r.temperature, 0.0);
    EXPECT_EQ(r.seed, 7);
  }
}

TEST(LlmIntentSolver, RunIsStatelessAndNameIsConfigurable) {
  ScriptedClient client(by_input("Utterance", {{"a", "A"}, {"b", "nope"}}));
  auto o = solver_options({"A", "B"});
  o.name = "zero-shot gpt-4o";
  synthbench::LlmIntentSolver solver(client, o);
  EXPECT_EQ(solver.name(), "zero-shot gpt-4o");
  const auto run = solver.run({"a", "b"});
  EXPECT_EQ(run.predictions[0].label, "A");
  EXPECT_EQ(run.report.count("parse_failure"), 1u);
  EXPECT_TRUE(solver.last_report().issues.empty());  // run() does not touch the last report
  (void)solver.predict({"a"});
  EXPECT_TRUE(solver.last_report().issues.empty());
  (void)solver.predict({"b"});
  EXPECT_EQ(solver.last_report().count("parse_failure"), 1u);
}

TEST(LlmIntentSolver, LabelInProseOption) {
  ScriptedClient client(by_input("Utterance", {{"x", "The intent here is clearly PlayMusic, since..."}}));
  auto strict = solver_options({"PlayMusic", "GetWeather"});
  EXPECT_FALSE(synthbench::LlmIntentSolver(client, strict).predict({"x"})[0].label);
  auto lenient = strict;
  lenient.intent.allow_label_in_prose = true;
  EXPECT_EQ(synthbench::LlmIntentSolver(client, lenient).predict({"x"})[0].label, "PlayMusic");
}

TEST(LlmSimilaritySolver, ScoresMessyAnswers) {
  ScriptedClient client([](const synthbench::llm::ChatRequest& r) {
    const std::string a = llm_test::section(llm_test::prompt_of(r), "Sentence 1");
    const std::map<std::string, std::string> answers = {
        {"1", "4.2"}, {"2", "{\"score\": 3}"}, {"3", "Score: 2.5/5"}, {"4", "6"}, {"5", "somewhere between 2 and 3"}};
    return reply(answers.at(a));
  });
  synthbench::LlmSimilaritySolver solver(client, solver_options());
  const auto p = solver.predict({{"1", "x"}, {"2", "x"}, {"3", "x"}, {"4", "x"}, {"5", "x"}});
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(p[0].score, 4.2);
  EXPECT_EQ(p[1].score, 3.0);
  EXPECT_EQ(p[2].score, 2.5);
  EXPECT_FALSE(p[3].score);
  EXPECT_FALSE(p[4].score);
  EXPECT_EQ(solver_issues(solver.last_report()),
            (std::vector<std::string>{"3 parse_failure@input 3: out_of_range: 6 is outside the scale [0, 5]",
                                      "4 parse_failure@input 4: several_numbers: the answer holds the numbers 2, 3"}));
  EXPECT_EQ(llm_test::section(llm_test::prompt_of(client.requests()[0]), "Sentence 2"), "x");
}

TEST(LlmNerSolver, AlignsEntitiesAndReportsDroppedOnes) {
  ScriptedClient client(by_input("Sentence", {
      {"Angela Merkel met Schröder in Berlin; Merkel left.",
       "```json\n{\"entities\": [{\"text\": \"Angela Merkel\", \"type\": \"politician\"}, {\"text\": \"Schröder\", \"type\": \"Politician\"},"
       " {\"text\": \"Merkel\", \"type\": \"politician\"}, {\"text\": \"Berlin\", \"type\": \"city\"}, {\"text\": \"Bonn\", \"type\": \"location\"}]}\n```"},
      {"Nothing here.", "{\"entities\": []}"},
      {"Broken.", "[{\"text\": \"Broken\", \"type\": "},
  }));
  synthbench::LlmNerSolver solver(client, solver_options({"politician", "location"}));
  const auto p = solver.predict({"Angela Merkel met Schröder in Berlin; Merkel left.", "Nothing here.", "Broken."});
  ASSERT_EQ(p.size(), 3u);
  ASSERT_TRUE(p[0].entities);
  const auto& e = *p[0].entities;
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].start, 0u);
  EXPECT_EQ(e[0].end, 13u);
  EXPECT_EQ(e[1].start, 18u);  // Schröder: code points
  EXPECT_EQ(e[1].end, 26u);
  EXPECT_EQ(e[1].type, "politician");
  EXPECT_EQ(e[2].start, 38u);  // the second mention of Merkel is the later one
  ASSERT_TRUE(p[1].entities);
  EXPECT_TRUE(p[1].entities->empty());
  EXPECT_FALSE(p[2].entities);
  EXPECT_EQ(solver_issues(solver.last_report()),
            (std::vector<std::string>{
                "0 dropped_entity@input 0, entity 3: unknown_type: \"city\" (entity \"Berlin\") is not a declared type",
                "0 dropped_entity@input 0, entity 4: not_found: \"Bonn\" does not occur in the text",
                "2 parse_failure@input 2: truncated: the answer ends inside an object opened at line 1, column 2"}));
  EXPECT_NE(llm_test::prompt_of(client.requests()[0]).find("- politician\n- location"), std::string::npos);
}

TEST(LlmSolvers, ErrorsThatEndTheRunAreRethrown) {
  ScriptedClient client([](const synthbench::llm::ChatRequest& r) -> synthbench::llm::ChatResponse {
    if (llm_test::section(llm_test::prompt_of(r), "Utterance") == "b") {
      throw synthbench::cassette::CassetteMiss("no recorded interaction", "x.json", "{}", "", "record");
    }
    return reply("A");
  });
  synthbench::LlmIntentSolver solver(client, solver_options({"A"}));
  try {
    (void)solver.predict({"a", "b", "c"});
    FAIL();
  } catch (const synthbench::Error& e) {
    EXPECT_EQ(e.id(), "synthbench.cassette.10");
  }
}

TEST(LlmSolvers, UsageErrors) {
  ScriptedClient client([](const synthbench::llm::ChatRequest&) { return reply(""); });
  const auto code = [](const std::function<void()>& f) {
    try {
      f();
    } catch (const synthbench::UsageError& e) {
      return e.id();
    }
    return std::string("no error");
  };
  EXPECT_EQ(code([&] { synthbench::LlmIntentSolver s(client, solver_options()); }), "synthbench.usage.74");
  EXPECT_EQ(code([&] { synthbench::LlmNerSolver s(client, solver_options()); }), "synthbench.usage.74");
  EXPECT_EQ(code([&] { synthbench::LlmIntentSolver s(client, solver_options({"PlayMusic", "play music"})); }), "synthbench.usage.71");
  auto zero = solver_options();
  zero.max_in_flight = 0;
  EXPECT_EQ(code([&] { synthbench::LlmSimilaritySolver s(client, zero); }), "synthbench.usage.73");
  auto no_model = solver_options();
  no_model.settings.model.clear();
  EXPECT_EQ(code([&] { synthbench::LlmSimilaritySolver s(client, no_model); }), "synthbench.usage.72");
  EXPECT_EQ(code([&] { synthbench::LlmSimilaritySolver s(client, solver_options()); }), "no error");
}

// synthbench's own test double, through ChatClient's default complete_batch with 8 requests
// in flight: every prediction is that of its own input, in input order.
TEST(LlmSolvers, FunctionClientConcurrentBatchKeepsInputOrder) {
  std::atomic<int> in_flight{0};
  std::atomic<int> most{0};
  synthbench::llm::FunctionClient client([&](const synthbench::llm::ChatRequest& r) {
    const int now = ++in_flight;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    const std::string u = llm_test::section(llm_test::prompt_of(r), "Utterance");
    --in_flight;
    const int n = std::stoi(u.substr(u.find(' ') + 1));
    return reply(n % 5 == 0 ? "no idea" : (n % 2 == 0 ? "{\"intent\": \"Even\"}" : "Odd"));
  });
  auto o = solver_options({"Even", "Odd"});
  o.max_in_flight = 8;
  synthbench::LlmIntentSolver solver(client, o);
  std::vector<std::string> inputs;
  for (int n = 0; n < 60; ++n) inputs.push_back("utterance " + std::to_string(n));
  const auto p = solver.predict(inputs);
  ASSERT_EQ(p.size(), 60u);
  for (int n = 0; n < 60; ++n) {
    const auto& label = p[static_cast<std::size_t>(n)].label;
    if (n % 5 == 0) {
      EXPECT_FALSE(label) << n;
    } else {
      EXPECT_EQ(label, n % 2 == 0 ? "Even" : "Odd") << n;
    }
  }
  EXPECT_EQ(solver.last_report().count("parse_failure"), 12u);
  EXPECT_LE(most.load(), 8);
  EXPECT_GT(most.load(), 1);  // the batch did run concurrently
}

TEST(LlmSolvers, EmptyInputSendsNothing) {
  ScriptedClient client([](const synthbench::llm::ChatRequest&) { return reply("A"); });
  synthbench::LlmIntentSolver solver(client, solver_options({"A"}));
  EXPECT_TRUE(solver.predict({}).empty());
  EXPECT_TRUE(client.requests().empty());
}

}  // namespace
