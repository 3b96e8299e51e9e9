// The local models behind the local test server (tests/support/local_models.hpp), and the
// provenance of the cassette example 04 replays: every recorded answer is exactly what the
// local models answer to the recorded request, so the cassette did come from them
// (DESIGN.md, Honesty) and recording again reproduces it.
#include <synthbench/cassette/storage.hpp>
#include <synthbench/experiment/loaders/jsonl.hpp>
#include <synthbench/experiment/output_parsers.hpp>
#include <synthbench/experiment/prompts.hpp>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/local_models.hpp"

namespace {

using synthbench_test_support::LocalIntentModels;

const std::vector<std::string> demo_intents = {"AddToShoppingList", "GetWeather", "PlayMusic", "SetThermostat", "TurnOnLights"};

const LocalIntentModels& models() {
  static const LocalIntentModels m(synthbench::load_intent_jsonl("fixtures/intent-demo/train.jsonl", "train").items);
  return m;
}

synthbench::llm::ChatRequest request(const std::string& model, const std::string& prompt, std::int64_t seed = 0) {
  synthbench::llm::ChatRequest r;
  r.model = model;
  r.messages.push_back({"user", prompt, nlohmann::json::object()});
  r.seed = seed;
  return r;
}

synthbench::TaskDescription description() {
  synthbench::TaskDescription d;
  d.labels = demo_intents;
  return d;
}

TEST(LocalIntentModels, EachSolverAnswersInItsOwnStyleUnderItsOwnName) {
  const synthbench::PromptTemplates templates("fixtures/prompts");
  const std::string prompt = synthbench::intent_solving_prompt(templates, description(), "play the new album by the harbour band");
  const synthbench::LabelSet label_set(demo_intents);
  for (const auto& model : LocalIntentModels::solver_models()) {
    const auto reply = models().answer(request(model, prompt));
    EXPECT_EQ(reply.model, "synthbench-local-test-server/" + model.substr(6)) << model;
    const auto parsed = synthbench::parse_intent_answer(reply.content, label_set);
    ASSERT_TRUE(parsed.ok()) << model << ": " << reply.content;
  }
  EXPECT_EQ(models().answer(request("local/naive-bayes", prompt)).content, "{\"intent\":\"PlayMusic\"}");
  EXPECT_EQ(models().answer(request("local/tfidf-centroid", prompt)).content, "The intent is PlayMusic.");
  EXPECT_EQ(models().answer(request("local/keyword", prompt)).content, "Intent: PlayMusic");
}

TEST(LocalIntentModels, MajorityRefusesUtterancesWithDigits) {
  const synthbench::PromptTemplates templates("fixtures/prompts");
  const auto prompt = synthbench::intent_solving_prompt(templates, description(), "set the heating to 21 degrees");
  const auto reply = models().answer(request("local/majority", prompt));
  EXPECT_FALSE(synthbench::parse_intent_answer(reply.content, synthbench::LabelSet(demo_intents)).ok()) << reply.content;
}

TEST(LocalIntentModels, GeneratorsWriteWhatThePromptAsksForWithTheirFlaws) {
  const synthbench::PromptTemplates templates("fixtures/prompts");
  const std::vector<synthbench::IntentItem> examples = {
      {"play some jazz in the kitchen", "PlayMusic"},       {"put on my running playlist", "PlayMusic"},
      {"is it going to rain today", "GetWeather"},          {"how cold is it outside", "GetWeather"},
      {"add milk to the shopping list", "AddToShoppingList"}, {"we need more coffee on the list", "AddToShoppingList"},
      {"set the heating to twenty", "SetThermostat"},       {"make it warmer in here", "SetThermostat"},
      {"turn on the hall light", "TurnOnLights"},           {"lights on in the garage", "TurnOnLights"}};
  const auto prompt = synthbench::generation_prompt(templates, description(), examples, 10);
  synthbench::ItemRules rules;
  rules.labels = synthbench::LabelSet(demo_intents);

  // recombiner: 10 records, the 9th with an intent outside the list, inside prose and a fence.
  const auto recombined = models().answer(request("local/recombiner", prompt, 3));
  const auto items = synthbench::parse_generated_items<synthbench::IntentItem>(recombined.content, rules);
  ASSERT_TRUE(items.ok()) << recombined.content;
  EXPECT_EQ(items.value().items.size(), 9u) << recombined.content;
  ASSERT_EQ(items.value().issues.size(), 1u);
  EXPECT_EQ(items.value().issues[0].code, "unknown_label");
  std::set<std::string> seen;
  for (const auto& i : items.value().items) seen.insert(i.label);
  EXPECT_EQ(seen.size(), demo_intents.size());  // spread over every intent

  // keyword: 10 items, every word of each a keyword of its intent or a filler.
  const auto keyworded = models().answer(request("local/keyword", prompt, 3));
  const auto k = synthbench::parse_generated_items<synthbench::IntentItem>(keyworded.content, rules);
  ASSERT_TRUE(k.ok()) << keyworded.content;
  EXPECT_EQ(k.value().items.size(), 10u);
  EXPECT_TRUE(k.value().issues.empty());
  EXPECT_EQ(keyworded.model, "synthbench-local-test-server/keyword");

  // Deterministic: the same request, the same answer; another seed, another answer.
  EXPECT_EQ(models().answer(request("local/recombiner", prompt, 3)).content, recombined.content);
  EXPECT_NE(models().answer(request("local/recombiner", prompt, 4)).content, recombined.content);
}

TEST(LocalIntentModels, UnknownModelsAndForeignPromptsAreRefused) {
  const synthbench::PromptTemplates templates("fixtures/prompts");
  const auto solve = synthbench::intent_solving_prompt(templates, description(), "play jazz");
  EXPECT_THROW(models().answer(request("gpt-4o", solve)), std::invalid_argument);
  EXPECT_THROW(models().answer(request("local/unknown", solve)), std::invalid_argument);
  EXPECT_THROW(models().answer(request("local/naive-bayes", "What is the capital of France?")), std::invalid_argument);
  EXPECT_THROW(models().answer(request("local/recombiner", solve)), std::invalid_argument);  // a generator only
}

// The committed cassette: every interaction's answer and model are what the local models give
// for its request.
TEST(LocalModelsCassette, EveryRecordedAnswerIsWhatTheLocalModelsAnswer) {
  const auto cassette = synthbench::cassette::read_cassette("cassettes/intent_demo_local_models.json");
  ASSERT_GT(cassette.interactions.size(), 300u);
  std::size_t generation = 0;
  for (const auto& interaction : cassette.interactions) {
    const auto j = nlohmann::json::parse(interaction.request);
    EXPECT_EQ(j.at("host"), "127.0.0.1");
    synthbench::llm::ChatRequest r;
    r.model = j.at("model").get<std::string>();
    for (const auto& m : j.at("messages")) r.messages.push_back({m.at("role").get<std::string>(), m.at("content").get<std::string>(), nlohmann::json::object()});
    if (j.contains("seed")) r.seed = j.at("seed").get<std::int64_t>();
    const auto expected = models().answer(r);
    EXPECT_EQ(interaction.response.content, expected.content) << interaction.request;
    EXPECT_EQ(interaction.response.model, expected.model);
    if (r.messages.back().content.find("## Examples from the real data") != std::string::npos) ++generation;
  }
  EXPECT_GT(generation, 0u);
  for (const auto& m : cassette.metadata.models) EXPECT_EQ(m.rfind("synthbench-local-test-server/", 0), 0u) << m;
}

}  // namespace
