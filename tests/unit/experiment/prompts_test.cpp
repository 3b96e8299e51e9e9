// Prompt templates and their rendering (experiment/prompts.hpp), on the templates shipped in
// fixtures/prompts (tests run in the source root) and on edited copies.
#include <synthbench/experiment/output_parsers.hpp>
#include <synthbench/experiment/prompts.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "llm_test_support.hpp"

namespace {

using synthbench::IntentItem;
using synthbench::NerItem;
using synthbench::PromptKind;
using synthbench::PromptTemplates;
using synthbench::SimilarityItem;
using synthbench::Task;
using synthbench::TaskDescription;

void write(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

TaskDescription snips_description() {
  TaskDescription d;
  d.domain = "requests to a voice assistant";
  d.labels = {"AddToPlaylist", "PlayMusic", "GetWeather"};
  d.descriptions["PlayMusic"] = "play a song, an artist or a genre";
  return d;
}

TEST(PromptTemplates, DirectoryFromCodeEnvironmentOrDefault) {
  {
    llm_test::ScopedEnv env("SYNTHBENCH_PROMPT_DIR", std::nullopt);
    EXPECT_EQ(synthbench::default_prompt_directory(), std::filesystem::path("fixtures/prompts"));
    EXPECT_EQ(PromptTemplates().directory(), std::filesystem::path("fixtures/prompts"));
  }
  {
    llm_test::ScopedEnv env("SYNTHBENCH_PROMPT_DIR", std::string("/somewhere/prompts"));
    EXPECT_EQ(PromptTemplates().directory(), std::filesystem::path("/somewhere/prompts"));
    EXPECT_EQ(PromptTemplates("mine").directory(), std::filesystem::path("mine"));  // code wins
  }
  EXPECT_EQ(PromptTemplates("d").path(Task::ner, PromptKind::generate), std::filesystem::path("d/ner_generate.txt"));
  EXPECT_EQ(PromptTemplates("d").path(Task::similarity, PromptKind::solve), std::filesystem::path("d/similarity_solve.txt"));
}

TEST(PromptTemplates, ShippedGenerationPromptsHaveTheFourParts) {
  const PromptTemplates t("fixtures/prompts");
  const std::vector<IntentItem> intents = {{"add sabrina salerno to the grime instrumentals playlist", "AddToPlaylist"},
                                           {"play \"Fur Elise\" by Beethoven", "PlayMusic"}};
  const std::string p = synthbench::generation_prompt(t, snips_description(), intents, 7);
  EXPECT_NE(p.find("Intent detection assigns"), std::string::npos);                        // task description
  EXPECT_NE(p.find("Domain: requests to a voice assistant."), std::string::npos);
  EXPECT_NE(p.find("- AddToPlaylist\n- PlayMusic: play a song, an artist or a genre\n- GetWeather"), std::string::npos);
  EXPECT_NE(p.find("Annotation guidelines:\n" + std::string(synthbench::default_guidelines(Task::intent))), std::string::npos);
  EXPECT_EQ(llm_test::section(p, "Examples from the real data"),                           // examples
            "{\"text\": \"add sabrina salerno to the grime instrumentals playlist\", \"label\": \"AddToPlaylist\"}\n"
            "{\"text\": \"play \\\"Fur Elise\\\" by Beethoven\", \"label\": \"PlayMusic\"}");
  EXPECT_NE(llm_test::section(p, "Generation guidelines").find("Write 7 new utterances"), std::string::npos);  // guidelines
  EXPECT_NE(llm_test::section(p, "Output format").find("Return 7 lines"), std::string::npos);  // output description
  EXPECT_EQ(p.find("{{"), std::string::npos);
  EXPECT_EQ(p.find("fuzz-seconds"), std::string::npos);
  EXPECT_EQ(p.find("Placeholders"), std::string::npos);  // the template's comment is not sent

  TaskDescription sts;
  sts.domain = "news headlines";
  const std::string s = synthbench::generation_prompt<SimilarityItem>(t, sts, {{"Obama wins", "Obama re-elected", 4.2}}, 3);
  EXPECT_EQ(llm_test::section(s, "Examples from the real data"),
            "{\"text1\": \"Obama wins\", \"text2\": \"Obama re-elected\", \"score\": 4.2}");
  EXPECT_NE(s.find("5: the two sentences are completely equivalent"), std::string::npos);
  EXPECT_NE(llm_test::section(s, "Generation guidelines").find("Write 3 new sentence pairs"), std::string::npos);
  EXPECT_NE(llm_test::section(s, "Output format").find("\"score\""), std::string::npos);

  TaskDescription politics;
  politics.domain = "Wikipedia sentences about politics";
  politics.labels = {"politician", "country"};
  const NerItem item{"Schröder visited France.", {{0, 8, "politician", std::nullopt}, {17, 23, "country", std::string("France")}}};
  const std::string n = synthbench::generation_prompt<NerItem>(t, politics, {item}, 5);
  EXPECT_EQ(llm_test::section(n, "Examples from the real data"),
            "{\"text\": \"Schröder visited France.\", \"entities\": [{\"text\": \"Schröder\", \"type\": \"politician\"}, "
            "{\"text\": \"France\", \"type\": \"country\"}]}");
  EXPECT_NE(n.find("The entity types are:\n- politician\n- country"), std::string::npos);
}

TEST(PromptTemplates, ShippedSolvingPromptsHaveTheThreeParts) {
  const PromptTemplates t("fixtures/prompts");
  const std::string p = synthbench::intent_solving_prompt(t, snips_description(), "will it rain in Oslo");
  EXPECT_NE(p.find("Identify the intent"), std::string::npos);
  EXPECT_NE(p.find("- PlayMusic: play a song, an artist or a genre"), std::string::npos);
  EXPECT_NE(llm_test::section(p, "Output format").find("{\"intent\": "), std::string::npos);
  EXPECT_EQ(llm_test::section(p, "Utterance"), "will it rain in Oslo");
  EXPECT_EQ(p.find("Examples"), std::string::npos);

  const std::string s = synthbench::similarity_solving_prompt(t, {}, "A man plays.", "A man is playing.");
  EXPECT_EQ(llm_test::section(s, "Sentence 1"), "A man plays.");
  EXPECT_EQ(llm_test::section(s, "Sentence 2"), "A man is playing.");
  EXPECT_NE(s.find("Domain: " + std::string(synthbench::default_domain(Task::similarity)) + "."), std::string::npos);

  TaskDescription politics;
  politics.labels = {"politician"};
  politics.guidelines = "Mark politicians only.";
  const std::string n = synthbench::ner_solving_prompt(t, politics, "Merkel spoke.");
  EXPECT_EQ(llm_test::section(n, "Sentence"), "Merkel spoke.");
  EXPECT_NE(n.find("Annotation guidelines:\nMark politicians only."), std::string::npos);
  EXPECT_NE(n.find("{\"entities\": []}"), std::string::npos);
}

// The examples a generation prompt shows are in the format it asks for: the generated-items
// parser reads them back as the same items.
TEST(PromptTemplates, ExamplesAreInTheOutputFormatTheParserReads) {
  const std::vector<IntentItem> intents = {{"play \"x\" by y", "PlayMusic"}, {"rain in Köln?", "GetWeather"}};
  synthbench::ItemRules rules;
  rules.labels = synthbench::LabelSet(snips_description().labels);
  const auto back = synthbench::parse_generated_items<IntentItem>(synthbench::format_examples(intents), rules);
  ASSERT_TRUE(back);
  ASSERT_EQ(back.value().items.size(), 2u);
  EXPECT_EQ(back.value().items[0].text, intents[0].text);
  EXPECT_EQ(back.value().items[1].label, "GetWeather");

  const std::vector<SimilarityItem> pairs = {{"a b", "c d", 0.4}, {"e", "f", 5.0}};
  const auto pairs_back = synthbench::parse_generated_items<SimilarityItem>(synthbench::format_examples(pairs), {});
  ASSERT_TRUE(pairs_back);
  ASSERT_EQ(pairs_back.value().items.size(), 2u);
  EXPECT_EQ(pairs_back.value().items[0].score, 0.4);

  const std::vector<NerItem> sentences = {{"Kohl and Schröder met in Bonn; Kohl left.",
                                           {{0, 4, "politician", std::string("Kohl")}, {9, 17, "politician", std::nullopt},
                                            {25, 29, "location", std::nullopt}, {31, 35, "politician", std::nullopt}}}};
  synthbench::ItemRules ner_rules;
  ner_rules.labels = synthbench::LabelSet({"politician", "location"});
  const auto ner_back = synthbench::parse_generated_items<NerItem>(synthbench::format_examples(sentences), ner_rules);
  ASSERT_TRUE(ner_back);
  ASSERT_EQ(ner_back.value().items.size(), 1u);
  const auto& entities = ner_back.value().items[0].entities;
  ASSERT_EQ(entities.size(), 4u);
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(entities[k].start, sentences[0].entities[k].start);
    EXPECT_EQ(entities[k].end, sentences[0].entities[k].end);
    EXPECT_EQ(entities[k].type, sentences[0].entities[k].type);
  }
}

TEST(FormatExample, EscapesAndReplacesBytesThatAreNotUtf8) {
  EXPECT_EQ(synthbench::format_example(IntentItem{"line\nbreak \"q\" \\", "A"}),
            "{\"text\": \"line\\nbreak \\\"q\\\" \\\\\", \"label\": \"A\"}");
  EXPECT_EQ(synthbench::format_example(IntentItem{"bad \xff byte", "A"}), "{\"text\": \"bad \xEF\xBF\xBD byte\", \"label\": \"A\"}");
  EXPECT_EQ(synthbench::format_example(SimilarityItem{"a", "b", 3.0}), "{\"text1\": \"a\", \"text2\": \"b\", \"score\": 3.0}");
  // Offsets past the text are clamped rather than read out of bounds.
  EXPECT_EQ(synthbench::format_example(NerItem{"ab", {{1, 9, "t", std::nullopt}}}),
            "{\"text\": \"ab\", \"entities\": [{\"text\": \"b\", \"type\": \"t\"}]}");
}

TEST(PromptTemplates, EachFileIsReadOnceAndKept) {
  llm_test::TempDir dir;
  llm_test::copy_prompts(dir.path);
  const PromptTemplates first(dir.path);
  const std::string before = synthbench::intent_solving_prompt(first, snips_description(), "hi");
  write(dir.path / "intent_solve.txt", "Classify: {{text}}");
  EXPECT_EQ(synthbench::intent_solving_prompt(first, snips_description(), "hi"), before);  // kept
  const PromptTemplates second(dir.path);
  EXPECT_EQ(synthbench::intent_solving_prompt(second, snips_description(), "hi"), "Classify: hi");  // a new one reads again
  EXPECT_EQ(&first.get(Task::intent, PromptKind::solve), &first.get(Task::intent, PromptKind::solve));
}

TEST(PromptTemplates, FirstUseFromManyThreadsLoadsOnce) {
  const PromptTemplates t("fixtures/prompts");
  std::vector<const synthbench::llm::PromptTemplate*> seen(8, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&t, &seen, i] { seen[i] = &t.get(Task::ner, PromptKind::generate); });
  }
  for (auto& th : threads) th.join();
  for (const auto* p : seen) EXPECT_EQ(p, seen[0]);
}

TEST(PromptTemplates, TemplatesWithWrongPlaceholdersAreRejectedWhenLoaded) {
  llm_test::TempDir dir;
  write(dir.path / "intent_solve.txt", "Classify {{text}} into {{intents}}");
  write(dir.path / "ner_solve.txt", "Find entities of {{types}}.");
  write(dir.path / "similarity_generate.txt", "Write {{count}} pairs like {{examples}} about {{labels}}");
  write(dir.path / "intent_generate.txt", "Write {{count}} utterances.");
  write(dir.path / "ner_generate.txt", "Broken {{ examples");
  const PromptTemplates t(dir.path);
  try {
    (void)t.get(Task::intent, PromptKind::solve);
    FAIL();
  } catch (const synthbench::InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.701");
    EXPECT_EQ(e.source(), (dir.path / "intent_solve.txt").string());
    EXPECT_NE(std::string(e.what()).find("{{intents}} is not one this prompt provides (it may use: domain, guidelines, labels, text)"),
              std::string::npos);
  }
  try {
    (void)t.get(Task::ner, PromptKind::solve);
    FAIL();
  } catch (const synthbench::InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.702");
    EXPECT_NE(std::string(e.what()).find("must use the placeholder {{text}}"), std::string::npos);
  }
  EXPECT_THROW((void)t.get(Task::similarity, PromptKind::generate), synthbench::InputError);  // labels: not for similarity
  try {
    (void)t.get(Task::intent, PromptKind::generate);
    FAIL();
  } catch (const synthbench::InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.702");  // no examples
  }
  try {
    (void)t.get(Task::ner, PromptKind::generate);
    FAIL();
  } catch (const synthbench::InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.601");
  }
  EXPECT_THROW((void)t.get(Task::similarity, PromptKind::solve), synthbench::IoError);  // no file
  // After a failure the file is read again: fixing it works without a new PromptTemplates.
  write(dir.path / "similarity_solve.txt", "{{text1}} vs {{text2}}");
  EXPECT_EQ(synthbench::similarity_solving_prompt(t, {}, "a", "b"), "a vs b");
}

TEST(MakeChatRequest, CarriesTheSettings) {
  synthbench::ChatSettings s;
  s.model = "gpt-4o-mini";
  s.temperature = 0.0;
  s.max_tokens = 256;
  s.seed = 42;
  s.response_format = {{"type", "json_object"}};
  s.system = "You are a careful annotator.";
  const auto r = synthbench::make_chat_request(s, "prompt");
  EXPECT_EQ(r.model, "gpt-4o-mini");
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].role, "system");
  EXPECT_EQ(r.messages[0].content, "You are a careful annotator.");
  EXPECT_EQ(r.messages[1].role, "user");
  EXPECT_EQ(r.messages[1].content, "prompt");
  EXPECT_EQ(r.temperature, 0.0);
  EXPECT_EQ(r.max_tokens, 256);
  EXPECT_EQ(r.seed, 42);
  EXPECT_EQ(r.response_format, (nlohmann::json{{"type", "json_object"}}));
  synthbench::ChatSettings minimal;
  minimal.model = "m";
  const auto m = synthbench::make_chat_request(minimal, "p");
  EXPECT_EQ(m.messages.size(), 1u);
  EXPECT_FALSE(m.temperature || m.max_tokens || m.seed);
  EXPECT_TRUE(m.response_format.is_null());
  try {
    (void)synthbench::make_chat_request({}, "p");
    FAIL();
  } catch (const synthbench::UsageError& e) {
    EXPECT_EQ(e.id(), "synthbench.usage.72");
  }
}

}  // namespace
