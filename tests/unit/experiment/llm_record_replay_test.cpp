// End to end through a cassette: LLM generators and solvers record against a scripted
// upstream into a temporary cassette, then replay with no upstream at all and produce
// identical datasets, predictions and reports; an edited prompt template replays as a miss.
#include <synthbench/cassette.hpp>
#include <synthbench/experiment/generators/llm_generator.hpp>
#include <synthbench/experiment/solvers/llm_solvers.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "llm_test_support.hpp"

namespace {

using synthbench::cassette::CassetteClient;
using synthbench::cassette::RecordMode;

const std::vector<std::string> intents = {"AddToPlaylist", "PlayMusic", "GetWeather"};

// The upstream a recording talks to: answers are a function of the prompt only.
std::shared_ptr<synthbench::llm::ChatClient> scripted_upstream(std::shared_ptr<int> calls) {
  return std::make_shared<synthbench::llm::FunctionClient>([calls](const synthbench::llm::ChatRequest& r) {
    ++*calls;
    const std::string& p = llm_test::prompt_of(r);
    std::string answer;
    if (p.find("## Examples from the real data") != std::string::npos) {  // a generation prompt
      const std::string example = llm_test::section(p, "Examples from the real data");
      const std::string tag = std::to_string(example.size());
      answer = "```json\n{\"text\": \"play track " + tag + "\", \"label\": \"PlayMusic\"}\n"
               "{\"text\": \"add track " + tag + " to my list\", \"label\": \"add to playlist\"}\n"
               "{\"text\": \"weather in town " + tag + "\", \"label\": \"Weather\"}\n```";
    } else if (p.find("## Utterance") != std::string::npos) {
      const std::string u = llm_test::section(p, "Utterance");
      answer = u.find("play") != std::string::npos ? "{\"intent\": \"PlayMusic\"}"
               : u.find("add") != std::string::npos ? "Intent: AddToPlaylist"
                                                     : "I think it is about the weather.";
    } else if (p.find("## Sentence 1") != std::string::npos) {
      answer = "Score: " + std::to_string(llm_test::section(p, "Sentence 1").size() % 6) + "/5";
    } else {
      answer = "[[\"Bonn\", \"location\"], [\"Kohl\", \"politician\"], [\"Paris\", \"location\"]]";
    }
    synthbench::llm::ChatResponse out;
    out.content = answer;
    out.finish_reason = "stop";
    out.model = "scripted-upstream";
    return out;
  });
}

synthbench::cassette::CassetteOptions cassette_options(RecordMode mode) {
  synthbench::cassette::CassetteOptions o;
  o.mode = mode;
  o.base_url = "http://127.0.0.1/v1";
  o.report = [](const std::string&) {};
  return o;
}

// Everything a run produced, as text, to compare a recording with its replay.
struct Outcome {
  std::string dataset;
  std::string intents;
  std::string scores;
  std::string entities;
  std::string reports;
};

Outcome run_all(synthbench::llm::ChatClient& llm, const std::filesystem::path& prompts) {
  const auto templates = std::make_shared<synthbench::PromptTemplates>(prompts);
  synthbench::LlmGeneratorOptions g;
  g.settings.model = "gen-model";
  g.settings.temperature = 0.9;
  g.settings.seed = 1;
  g.items_per_request = 3;
  g.max_in_flight = 4;
  g.templates = templates;
  const std::vector<synthbench::IntentItem> train = {
      {"play the latest hits", "PlayMusic"}, {"add this to chill", "AddToPlaylist"}, {"is it sunny", "GetWeather"}};
  synthbench::LlmIntentGenerator generator(llm, [&train](const synthbench::GenerationRequest<synthbench::IntentItem>&, std::size_t r) {
    return std::vector<synthbench::IntentItem>(train.begin(), train.begin() + static_cast<std::ptrdiff_t>(1 + r % 3));
  }, g);
  synthbench::GenerationRequest<synthbench::IntentItem> request;
  request.labels = intents;
  request.count = 6;
  const auto dataset = generator.generate(request);

  synthbench::LlmSolverOptions s;
  s.settings.model = "solver-model";
  s.settings.temperature = 0.0;
  s.max_in_flight = 3;
  s.templates = templates;
  s.description.labels = intents;
  synthbench::LlmIntentSolver intent_solver(llm, s);
  std::vector<std::string> texts;
  for (const auto& item : dataset.items) texts.push_back(item.text);
  texts.insert(texts.end(), {"play jazz", "add it", "will it snow"});
  const auto intent_run = intent_solver.run(texts);

  synthbench::LlmSimilaritySolver sts_solver(llm, s);
  const auto sts_run = sts_solver.run({{"a", "b"}, {"abcd", "e"}, {"abcdefg", "h"}});

  s.description.labels = {"politician", "location"};
  synthbench::LlmNerSolver ner_solver(llm, s);
  const auto ner_run = ner_solver.run({"Kohl went to Bonn.", "Schröder and Kohl in Bonn"});

  Outcome o;
  for (const auto& i : dataset.items) o.dataset += i.text + "/" + i.label + ";";
  for (const auto& p : intent_run.predictions) o.intents += p.label.value_or("-") + "|" + p.raw + ";";
  for (const auto& p : sts_run.predictions) o.scores += (p.score ? std::to_string(*p.score) : "-") + ";";
  for (const auto& p : ner_run.predictions) {
    for (const auto& e : *p.entities) o.entities += std::to_string(e.start) + "-" + std::to_string(e.end) + e.type + ";";
    o.entities += "|";
  }
  for (const auto* r : {&dataset.report, &intent_run.report, &sts_run.report, &ner_run.report}) {
    for (const auto& i : r->issues) o.reports += i.kind + "@" + i.where + ":" + i.detail + ";";
  }
  return o;
}

class LlmRecordReplay : public ::testing::Test {
 protected:
  llm_test::ScopedEnv allow_{"SYNTHBENCH_RECORD_IN_CI", std::string("1")};
  llm_test::ScopedEnv no_mode_{"SYNTHBENCH_RECORD", std::nullopt};
  llm_test::ScopedEnv no_usage_{"SYNTHBENCH_CASSETTE_USAGE_DIR", std::nullopt};
  llm_test::TempDir dir_;
  std::filesystem::path prompts_ = dir_.path / "prompts";
  std::filesystem::path cassette_ = dir_.path / "LlmRecordReplay.json";
};

TEST_F(LlmRecordReplay, ReplayWithoutUpstreamGivesIdenticalResults) {
  llm_test::copy_prompts(prompts_);
  auto calls = std::make_shared<int>(0);
  Outcome recorded;
  {
    CassetteClient recorder(cassette_, cassette_options(RecordMode::once), [calls] { return scripted_upstream(calls); });
    recorded = run_all(recorder, prompts_);
    const auto report = recorder.finish();
    EXPECT_TRUE(report.written);
    EXPECT_EQ(report.recorded, static_cast<std::size_t>(*calls));
  }
  // The run exercised what it should: rejected items, unusable answers, dropped entities.
  EXPECT_EQ(recorded.dataset.substr(0, recorded.dataset.find(';')), "play track 54/PlayMusic");  // 54: the length of request 0's one example line
  EXPECT_NE(recorded.reports.find("invalid_item@request 0, line 4:unknown_label"), std::string::npos);
  EXPECT_NE(recorded.intents.find("-|I think it is about the weather.;"), std::string::npos);
  EXPECT_NE(recorded.reports.find("dropped_entity@input 0, entity 2:not_found"), std::string::npos);
  EXPECT_EQ(recorded.entities, "0-4politician;13-17location;|13-17politician;21-25location;|");

  bool created = false;
  CassetteClient replayer(cassette_, cassette_options(RecordMode::none), [&created]() -> std::shared_ptr<synthbench::llm::ChatClient> {
    created = true;
    return nullptr;
  });
  const Outcome replayed = run_all(replayer, prompts_);
  EXPECT_FALSE(created);
  EXPECT_EQ(replayed.dataset, recorded.dataset);
  EXPECT_EQ(replayed.intents, recorded.intents);
  EXPECT_EQ(replayed.scores, recorded.scores);
  EXPECT_EQ(replayed.entities, recorded.entities);
  EXPECT_EQ(replayed.reports, recorded.reports);
  const auto report = replayer.finish();
  EXPECT_EQ(report.replayed, static_cast<std::size_t>(*calls));
  EXPECT_EQ(report.unused, 0u);
  EXPECT_FALSE(report.written);
}

TEST_F(LlmRecordReplay, AnEditedTemplateIsACassetteMiss) {
  llm_test::copy_prompts(prompts_);
  auto calls = std::make_shared<int>(0);
  {
    CassetteClient recorder(cassette_, cassette_options(RecordMode::once), [calls] { return scripted_upstream(calls); });
    (void)run_all(recorder, prompts_);
    recorder.finish();
  }
  // Change one word of the intent solving prompt.
  const auto file = prompts_ / "intent_solve.txt";
  std::string text;
  {
    std::ifstream in(file);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const auto at = text.find("Identify the intent");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 8, "Classify");
  {
    std::ofstream out(file);
    out << text;
  }
  CassetteClient replayer(cassette_, cassette_options(RecordMode::none));
  try {
    (void)run_all(replayer, prompts_);
    FAIL() << "the edited template replayed";
  } catch (const synthbench::cassette::CassetteMiss& e) {
    EXPECT_EQ(e.id(), "synthbench.cassette.10");
    EXPECT_NE(e.diff().find("/messages/0/content"), std::string::npos) << e.diff();
  }
}

}  // namespace
