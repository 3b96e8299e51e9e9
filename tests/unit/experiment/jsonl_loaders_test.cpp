#include <synthbench/experiment/loaders/jsonl.hpp>

#include <gtest/gtest.h>

#include <string>

#include "unit/experiment/dataset_test_support.hpp"

namespace {

using synthbench::load_intent_jsonl;
using synthbench::load_ner_jsonl;
using synthbench::load_similarity_jsonl;
using synthbench_test_support::expect_input_error;
using synthbench_test_support::TempDir;

TEST(IntentJsonl, ReadsRecordsAndReportsBlankOnes) {
  TempDir dir;
  // CRLF, a blank line, an extra key, a blank text and a blank label.
  const auto path = dir.write("intent.jsonl",
                              "{\"label\": \"PlayMusic\", \"text\": \"play some jazz\", \"id\": 7}\r\n"
                              "\r\n"
                              "{\"label\": \"GetWeather\", \"text\": \"  \"}\n"
                              "{\"label\": \"\", \"text\": \"book a table\"}\n"
                              "{\"label\": \"BookRestaurant\", \"text\": \"book a table for two\"}\n");
  const auto d = load_intent_jsonl(path, "gpt-4o");
  EXPECT_EQ(d.name, "gpt-4o");
  EXPECT_EQ(d.source, path.string());
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d.items[0].text, "play some jazz");
  EXPECT_EQ(d.items[0].label, "PlayMusic");
  EXPECT_EQ(d.items[1].label, "BookRestaurant");
  ASSERT_EQ(d.report.issues.size(), 2u);
  EXPECT_EQ(d.report.count("dropped_item"), 2u);
  EXPECT_EQ(d.report.issues[0].item, 1u) << "the index the next kept item gets";
  EXPECT_EQ(d.report.issues[0].where, "line 3, /text");
  EXPECT_EQ(d.report.issues[0].detail, "the text is blank (label \"GetWeather\"); the item is left out");
  EXPECT_EQ(d.report.issues[1].where, "line 4, /label");
  EXPECT_EQ(d.report.issues[1].detail, "the label is blank (text \"book a table\"); the item is left out");
  EXPECT_EQ(load_intent_jsonl(path).name, "real");
}

TEST(IntentJsonl, EveryKindOfMalformedInputNamesFileAndPosition) {
  TempDir dir;
  const auto check = [&](const std::string& content, const std::string& id, const std::string& where) {
    const auto path = dir.write("bad.jsonl", content);
    return expect_input_error([&] { load_intent_jsonl(path); }, id, path.string(), where);
  };
  const std::string ok = "{\"label\": \"A\", \"text\": \"a\"}\n";
  check(ok + "{\"label\": \"A\", \"text\": }\n", "synthbench.input.101", "line 2, column 24");
  check(ok + "{\"label\": \"A\", \"label\": \"B\", \"text\": \"b\"}\n", "synthbench.input.102", "line 2, /label");
  check(ok + "[\"A\", \"a\"]\n", "synthbench.input.310", "line 2");
  check(ok + "{\"label\": \"A\"}\n", "synthbench.input.311", "line 2");
  check(ok + "{\"text\": \"a\"}\n", "synthbench.input.311", "line 2");
  check(ok + "{\"label\": \"A\", \"text\": 3}\n", "synthbench.input.312", "line 2, /text");
  check(ok + "{\"label\": null, \"text\": \"a\"}\n", "synthbench.input.312", "line 2, /label");
  const auto empty = check("", "synthbench.input.509", "");
  EXPECT_NE(empty.find("no records"), std::string::npos) << empty;
  check("\n  \n\r\n", "synthbench.input.509", "");
  try {
    load_intent_jsonl(dir.path() / "missing.jsonl");
    FAIL() << "expected an IoError";
  } catch (const synthbench::IoError& e) {
    EXPECT_EQ(e.id(), "synthbench.io.1");
  }
}

TEST(NerJsonl, ReadsAndRepairsEntities) {
  TempDir dir;
  // Line 1 is as the real data; line 2 as generated data with a recapitalized entity; line 3
  // has a blank text.
  const auto path = dir.write(
      "ner.jsonl",
      R"({"entities": [{"end": 13, "start": 0, "text": "United Russia", "type": "political party"}], "text": "United Russia won ."})"
      "\n"
      R"({"entities": [{"end": 16, "start": 10, "text": "Satire", "type": "literary genre"}, {"end": 4, "start": 0, "type": "writer"}], "text": "A work of satire by Swift."})"
      "\n"
      R"({"entities": [{"end": 1, "start": 0, "text": "X", "type": "person"}], "text": ""})"
      "\n");
  const auto d = load_ner_jsonl(path, "Mixtral-8x7B-Instruct-v0.1");
  ASSERT_EQ(d.size(), 2u);
  ASSERT_EQ(d.items[0].entities.size(), 1u);
  EXPECT_EQ(d.items[0].entities[0].type, "political party");
  ASSERT_EQ(d.items[1].entities.size(), 2u);
  EXPECT_EQ(d.items[1].entities[0].text, "satire");
  EXPECT_EQ(d.items[1].entities[1].text, "A wo") << "an entity without text gets the text its offsets hold";
  ASSERT_EQ(d.report.issues.size(), 2u);
  EXPECT_EQ(d.report.issues[0].kind, "realigned");
  EXPECT_EQ(d.report.issues[0].item, 1u);
  EXPECT_EQ(d.report.issues[0].where, "line 2, /entities/0");
  EXPECT_EQ(d.report.issues[1].kind, "dropped_item");
  EXPECT_EQ(d.report.issues[1].where, "line 3, /text");
  EXPECT_EQ(d.report.issues[1].detail, "the text is blank; the item and its 1 entities are left out");
}

TEST(NerJsonl, EveryKindOfMalformedInputNamesFileAndPosition) {
  TempDir dir;
  const auto check = [&](const std::string& content, const std::string& id, const std::string& where,
                         const synthbench::NerLoadOptions& options = {}) {
    const auto path = dir.write("bad.jsonl", content);
    return expect_input_error([&] { load_ner_jsonl(path, "real", options); }, id, path.string(), where);
  };
  check(R"({"text": "a"})", "synthbench.input.311", "line 1");
  check(R"({"entities": [], "text": 1})", "synthbench.input.312", "line 1, /text");
  check(R"({"entities": {}, "text": "a"})", "synthbench.input.312", "line 1, /entities");
  check(R"({"entities": [3], "text": "a"})", "synthbench.input.312", "line 1, /entities/0");
  check(R"({"entities": [{"end": 1, "type": "x"}], "text": "a"})", "synthbench.input.311", "line 1, /entities/0");
  check(R"({"entities": [{"end": 1, "start": -1, "type": "x"}], "text": "a"})", "synthbench.input.312",
        "line 1, /entities/0/start");
  check(R"({"entities": [{"end": 1.5, "start": 0, "type": "x"}], "text": "a"})", "synthbench.input.312",
        "line 1, /entities/0/end");
  check(R"({"entities": [{"end": 1, "start": 0, "type": 2}], "text": "a"})", "synthbench.input.312",
        "line 1, /entities/0/type");
  check(R"({"entities": [{"end": 1, "start": 0, "text": 5, "type": "x"}], "text": "a"})", "synthbench.input.312",
        "line 1, /entities/0/text");
  synthbench::NerLoadOptions strict;
  strict.span_repair = synthbench::metrics::SpanRepair::error;
  check("\n" R"({"entities": [{"end": 2, "start": 0, "text": "b", "type": "x"}], "text": "a b"})",
        "synthbench.input.508", "line 2, /entities/0", strict);
  check("", "synthbench.input.509", "");
}

TEST(SimilarityJsonl, ReadsScoresAndReportsBlankTexts) {
  TempDir dir;
  const auto path = dir.write("sts.jsonl",
                              "{\"score\": 3.8, \"text1\": \"a cat sat\", \"text2\": \"a cat sits\"}\n"
                              "{\"score\": 0, \"text1\": \"x\", \"text2\": \"\"}\n"
                              "{\"score\": 5, \"text1\": \"same\", \"text2\": \"same\"}\n");
  const auto d = load_similarity_jsonl(path);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d.items[0].score, 3.8);
  EXPECT_EQ(d.items[1].score, 5.0);
  ASSERT_EQ(d.report.issues.size(), 1u);
  EXPECT_EQ(d.report.issues[0].kind, "dropped_item");
  EXPECT_EQ(d.report.issues[0].where, "line 2, /text2");
  EXPECT_EQ(d.report.issues[0].detail, "text2 is blank; the item is left out");
}

TEST(SimilarityJsonl, EveryKindOfMalformedInputNamesFileAndPosition) {
  TempDir dir;
  const auto check = [&](const std::string& content, const std::string& id, const std::string& where) {
    const auto path = dir.write("bad.jsonl", content);
    return expect_input_error([&] { load_similarity_jsonl(path); }, id, path.string(), where);
  };
  check(R"({"text1": "a", "text2": "b"})", "synthbench.input.311", "line 1");
  check(R"({"score": "3", "text1": "a", "text2": "b"})", "synthbench.input.312", "line 1, /score");
  check(R"({"score": null, "text1": "a", "text2": "b"})", "synthbench.input.312", "line 1, /score");
  check(R"({"score": 1, "text2": "b"})", "synthbench.input.311", "line 1");
  check(R"({"score": 1, "text1": "a", "text2": ["b"]})", "synthbench.input.312", "line 1, /text2");
  const auto high = check(R"({"score": 5.5, "text1": "a", "text2": "b"})", "synthbench.input.504", "line 1, /score");
  EXPECT_NE(high.find("the score 5.5 is outside the similarity scale [0, 5]"), std::string::npos) << high;
  check(R"({"score": -0.25, "text1": "a", "text2": "b"})", "synthbench.input.504", "line 1, /score");
  check(R"({"score": 1e999, "text1": "a", "text2": "b"})", "synthbench.input.101", "line 1, column 11");
  check("  \n", "synthbench.input.509", "");
}

}  // namespace
