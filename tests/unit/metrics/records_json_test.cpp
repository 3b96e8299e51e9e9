#include <synthbench/metrics/records_json.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using synthbench::InputError;
using synthbench::metrics::intent_data;
using synthbench::metrics::ner_data;
using synthbench::metrics::parse_jsonl;
using synthbench::metrics::parse_label_list;
using synthbench::metrics::similarity_data;

// Runs `f`, expecting an InputError with `id`, `source` and `where`; returns its message.
template <class F>
std::string input_error(F&& f, const std::string& id, const std::string& source, const std::string& where) {
  try {
    f();
  } catch (const InputError& e) {
    EXPECT_EQ(e.id(), id) << e.what();
    EXPECT_EQ(e.source(), source) << e.what();
    EXPECT_EQ(e.where(), where) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "expected InputError " << id;
  return {};
}

TEST(Jsonl, SkipsBlankLinesAndKeepsLineNumbers) {
  const auto r = parse_jsonl("{\"a\": 1}\r\n\n   \n{\"a\": 2}\n", "f.jsonl");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].line, 1u);
  EXPECT_EQ(r[1].line, 4u);
  EXPECT_EQ(r[1].value["a"], 2);
  EXPECT_TRUE(parse_jsonl("", "f").empty());
}

TEST(Jsonl, ErrorsNameTheLineAndColumnOrPointer) {
  const auto syntax = input_error([] { parse_jsonl("{\"a\": 1}\n{\"a\": }\n", "f.jsonl"); }, "synthbench.input.101",
                                  "f.jsonl", "line 2, column 7");
  EXPECT_NE(syntax.find("f.jsonl at line 2, column 7: invalid JSON"), std::string::npos) << syntax;
  input_error([] { parse_jsonl("{\"a\": 1, \"a\": 2}\n", "f.jsonl"); }, "synthbench.input.102", "f.jsonl",
              "line 1, /a");
  const auto array = input_error([] { parse_jsonl("\n[1, 2]\n", "f.jsonl"); }, "synthbench.input.310", "f.jsonl", "line 2");
  EXPECT_NE(array.find("expected a JSON object, got an array"), std::string::npos);
}

TEST(IntentRecords, ReadAndAlign) {
  const auto gold = parse_jsonl(R"({"label": "A", "text": "one"}
{"label": "B", "text": "two"})",
                                "g");
  const auto pred = parse_jsonl(R"({"label": "A", "text": "one", "raw": "A!"}
{"label": null, "text": "two"})",
                                "p");
  const auto d = intent_data(gold, "g", pred, "p");
  EXPECT_EQ(d.gold, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(d.predicted[0], std::optional<std::string>("A"));
  EXPECT_FALSE(d.predicted[1].has_value());
  EXPECT_EQ(d.predicted_lines[1], 2u);
}

TEST(IntentRecords, MisalignmentAndBadFieldsAreInputErrors) {
  const auto gold = parse_jsonl("{\"label\": \"A\", \"text\": \"one\"}\n{\"label\": \"B\", \"text\": \"two\"}\n", "g");
  // The first text mismatch wins over the count mismatch.
  const auto pred_text = parse_jsonl("{\"label\": \"A\", \"text\": \"uno\"}\n", "p");
  const auto text = input_error([&] { intent_data(gold, "g", pred_text, "p"); }, "synthbench.input.314", "p", "line 1");
  EXPECT_NE(text.find("does not align with g line 1 (record 1): \"text\" is \"uno\", gold has \"one\""), std::string::npos)
      << text;
  const auto pred_short = parse_jsonl("{\"label\": \"A\", \"text\": \"one\"}\n", "p");
  const auto count = input_error([&] { intent_data(gold, "g", pred_short, "p"); }, "synthbench.input.313", "p", "");
  EXPECT_NE(count.find("has 1 records but g has 2; the first record without a counterpart is at g line 2"),
            std::string::npos)
      << count;
  const auto pred_number = parse_jsonl("{\"label\": 3, \"text\": \"one\"}\n{\"label\": \"B\", \"text\": \"two\"}\n", "p");
  input_error([&] { intent_data(gold, "g", pred_number, "p"); }, "synthbench.input.312", "p", "line 1, /label");
  const auto pred_missing = parse_jsonl("{\"text\": \"one\"}\n{\"label\": \"B\", \"text\": \"two\"}\n", "p");
  input_error([&] { intent_data(gold, "g", pred_missing, "p"); }, "synthbench.input.311", "p", "line 1");
  input_error([&] { intent_data({}, "g", {}, "p"); }, "synthbench.input.315", "g", "");
}

TEST(NerRecords, ReadEntitiesAndNullPredictions) {
  const auto gold = parse_jsonl(
      R"({"entities": [{"end": 5, "start": 0, "text": "Alice", "type": "person"}], "text": "Alice sings"})", "g");
  const auto pred = parse_jsonl(R"({"entities": null, "text": "Alice sings"})", "p");
  const auto d = ner_data(gold, "g", pred, "p");
  ASSERT_EQ(d.documents.size(), 1u);
  EXPECT_EQ(d.documents[0].gold[0].end, 5u);
  EXPECT_EQ(d.documents[0].gold[0].text, std::optional<std::string>("Alice"));
  EXPECT_TRUE(d.documents[0].predicted.empty());
  EXPECT_EQ(d.missing_predictions, 1u);
  EXPECT_EQ(d.name(0), "line 1");
  const auto negative =
      parse_jsonl(R"({"entities": [{"end": 5, "start": -1, "type": "person"}], "text": "Alice sings"})", "p");
  const auto m = input_error([&] { ner_data(gold, "g", negative, "p"); }, "synthbench.input.312", "p",
                             "line 1, /entities/0/start");
  EXPECT_NE(m.find("expected a character offset (an integer >= 0), got number -1"), std::string::npos) << m;
  const auto no_type = parse_jsonl(R"({"entities": [{"end": 5, "start": 0}], "text": "Alice sings"})", "p");
  input_error([&] { ner_data(gold, "g", no_type, "p"); }, "synthbench.input.311", "p", "line 1, /entities/0");
  input_error([&] { ner_data(pred, "g", pred, "p"); }, "synthbench.input.312", "g", "line 1, /entities");
}

TEST(SimilarityRecords, ReadScoresAsNumbersTextOrNull) {
  const auto gold = parse_jsonl(R"({"score": 3.8, "text1": "a", "text2": "b"}
{"score": 1, "text1": "c", "text2": "d"}
{"score": 0, "text1": "e", "text2": "f"})",
                                "g");
  const auto pred = parse_jsonl(R"({"score": 4, "text1": "a", "text2": "b"}
{"score": "2.5", "text1": "c", "text2": "d"}
{"score": null, "text1": "e", "text2": "f"})",
                                "p");
  const auto d = similarity_data(gold, "g", pred, "p");
  EXPECT_EQ(d.gold, (std::vector<double>{3.8, 1, 0}));
  EXPECT_EQ(d.predicted[0].number, std::optional<double>(4.0));
  EXPECT_EQ(d.predicted[1].text, std::optional<std::string>("2.5"));
  EXPECT_FALSE(d.predicted[2].number || d.predicted[2].text);
  const auto swapped = parse_jsonl(R"({"score": 4, "text1": "a", "text2": "x"})", "p");
  const auto m = input_error([&] { similarity_data(gold, "g", swapped, "p"); }, "synthbench.input.314", "p", "line 1");
  EXPECT_NE(m.find("\"text2\" is \"x\", gold has \"b\""), std::string::npos) << m;
  const auto boolean = parse_jsonl(R"({"score": true, "text1": "a", "text2": "b"})", "p");
  input_error([&] { similarity_data({gold[0]}, "g", boolean, "p"); }, "synthbench.input.312", "p", "line 1, /score");
}

TEST(LabelList, ArrayOrJsonlRecords) {
  EXPECT_EQ(parse_label_list(R"(["person", "location", "person"])", "labels.json"),
            (std::vector<std::string>{"person", "location"}));
  EXPECT_EQ(parse_label_list("{\"label\": \"B\", \"text\": \"x\"}\n{\"label\": \"A\", \"text\": \"y\"}\n", "train.jsonl"),
            (std::vector<std::string>{"B", "A"}));
  input_error([] { parse_label_list(R"(["a", 3])", "l.json"); }, "synthbench.input.316", "l.json", "/1");
  input_error([] { parse_label_list("[]", "l.json"); }, "synthbench.input.316", "l.json", "");
}

}  // namespace
