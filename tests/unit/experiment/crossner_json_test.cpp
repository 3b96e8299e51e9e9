#include <synthbench/experiment/loaders/crossner_json.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unit/experiment/dataset_test_support.hpp"

namespace {

using synthbench::load_crossner_json;
using synthbench::load_crossner_labels;
using synthbench_test_support::expect_input_error;
using synthbench_test_support::TempDir;

// Hand-made in the InstructUIE CrossNER form; the sentences are invented.
const char* kSample = R"([
  {"sentence": "Nadia Koller joined the Green Unity Party .",
   "entities": [{"name": "Nadia Koller", "type": "Politician", "pos": [0, 12]},
                {"name": "Green Unity Party", "type": "political party", "pos": [24, 41]}]},
  {"sentence": "Nothing to see here .", "entities": [{"name": "", "type": "NA", "pos": ""}]},
  {"sentence": "Elections in Valmora .", "entities": [{"name": "Valmora", "type": "COUNTRY", "pos": [12, 19]}]},
  {"sentence": "  ", "entities": []}
])";

TEST(CrossnerJson, ReadsSentencesLowercasesTypesAndRepairs) {
  TempDir dir;
  const auto path = dir.write("CrossNER_politics/test.json", kSample);
  const auto d = load_crossner_json(path);
  EXPECT_EQ(d.name, "real");
  ASSERT_EQ(d.size(), 3u);
  ASSERT_EQ(d.items[0].entities.size(), 2u);
  EXPECT_EQ(d.items[0].entities[0].type, "politician");
  EXPECT_EQ(d.items[0].entities[0].start, 0u);
  EXPECT_EQ(d.items[0].entities[0].end, 12u);
  EXPECT_EQ(d.items[0].entities[1].text, "Green Unity Party");
  EXPECT_TRUE(d.items[1].entities.empty());
  ASSERT_EQ(d.items[2].entities.size(), 1u);
  EXPECT_EQ(d.items[2].entities[0].type, "country");
  EXPECT_EQ(d.items[2].entities[0].start, 13u) << "pos [12, 19) held \" Valmor\"";
  ASSERT_EQ(d.report.issues.size(), 3u);
  EXPECT_EQ(d.report.issues[0].kind, "placeholder_entity");
  EXPECT_EQ(d.report.issues[0].where, "/1/entities/0");
  EXPECT_EQ(d.report.issues[0].item, 1u);
  EXPECT_EQ(d.report.issues[1].kind, "realigned");
  EXPECT_EQ(d.report.issues[1].where, "/2/entities/0");
  EXPECT_EQ(d.report.issues[1].detail, "offsets [12, 19) hold \" Valmor\", not \"Valmora\"; moved to [13, 20)");
  EXPECT_EQ(d.report.issues[2].kind, "dropped_item");
  EXPECT_EQ(d.report.issues[2].where, "/3/sentence");
}

TEST(CrossnerJson, PlaceholdersAreSkippedBeforeTheirFieldsAreRead) {
  // A placeholder's pos is "" in InstructUIE: not an error. Entity positions after it keep
  // their own pointers.
  const auto d = synthbench::parse_crossner_json(
      R"([{"sentence": "Ana ran .", "entities": [{"type": ""}, {"name": "Ana", "type": "person", "pos": [1, 4]}]}])",
      "t.json");
  ASSERT_EQ(d.items[0].entities.size(), 1u);
  ASSERT_EQ(d.report.issues.size(), 2u);
  EXPECT_EQ(d.report.issues[0].kind, "placeholder_entity");
  EXPECT_EQ(d.report.issues[1].kind, "realigned");
  EXPECT_EQ(d.report.issues[1].where, "/0/entities/1");
}

TEST(CrossnerJson, EveryKindOfMalformedInputNamesFileAndPointer) {
  TempDir dir;
  const auto check = [&](const std::string& content, const std::string& id, const std::string& where) {
    const auto path = dir.write("bad.json", content);
    return expect_input_error([&] { load_crossner_json(path); }, id, path.string(), where);
  };
  check("[{\"sentence\": \"a\",\n \"entities\": []},\n]", "synthbench.input.101", "line 3, column 1");
  check(R"([{"sentence": "a", "sentence": "b", "entities": []}])", "synthbench.input.102", "/0/sentence");
  const auto object = check(R"({"sentence": "a", "entities": []})", "synthbench.input.505", "");
  EXPECT_NE(object.find("expected a JSON array of sentences, got an object"), std::string::npos) << object;
  check(R"([{"sentence": "a", "entities": []}, "b"])", "synthbench.input.505", "/1");
  check(R"([{"entities": []}])", "synthbench.input.506", "/0");
  check(R"([{"sentence": "a"}])", "synthbench.input.506", "/0");
  check(R"([{"sentence": 1, "entities": []}])", "synthbench.input.507", "/0/sentence");
  check(R"([{"sentence": "a", "entities": {}}])", "synthbench.input.507", "/0/entities");
  check(R"([{"sentence": "a", "entities": ["a"]}])", "synthbench.input.507", "/0/entities/0");
  check(R"([{"sentence": "a", "entities": [{"name": "a", "pos": [0, 1]}]}])", "synthbench.input.506",
        "/0/entities/0");
  check(R"([{"sentence": "a", "entities": [{"type": "x", "pos": [0, 1]}]}])", "synthbench.input.506",
        "/0/entities/0");
  check(R"([{"sentence": "a", "entities": [{"name": "a", "type": "x"}]}])", "synthbench.input.506", "/0/entities/0");
  check(R"([{"sentence": "a", "entities": [{"name": 1, "type": "x", "pos": [0, 1]}]}])", "synthbench.input.507",
        "/0/entities/0/name");
  check(R"([{"sentence": "a", "entities": [{"name": "a", "type": 1, "pos": [0, 1]}]}])", "synthbench.input.507",
        "/0/entities/0/type");
  check(R"([{"sentence": "a", "entities": [{"name": "a", "type": "x", "pos": [0]}]}])", "synthbench.input.507",
        "/0/entities/0/pos");
  check(R"([{"sentence": "a", "entities": [{"name": "a", "type": "x", "pos": "0-1"}]}])", "synthbench.input.507",
        "/0/entities/0/pos");
  check(R"([{"sentence": "a", "entities": [{"name": "a", "type": "x", "pos": [-1, 1]}]}])", "synthbench.input.507",
        "/0/entities/0/pos/0");
  check(R"([{"sentence": "a", "entities": [{"name": "a", "type": "x", "pos": [0, "1"]}]}])", "synthbench.input.507",
        "/0/entities/0/pos/1");
  check("[]", "synthbench.input.509", "");
  synthbench::NerLoadOptions strict = synthbench::crossner_load_options();
  strict.span_repair = synthbench::metrics::SpanRepair::error;
  const auto path = dir.write("strict.json", R"([{"sentence": "a b", "entities": [{"name": "b", "type": "x", "pos": [0, 1]}]}])");
  expect_input_error([&] { load_crossner_json(path, "real", strict); }, "synthbench.input.508", path.string(),
                     "/0/entities/0");
}

TEST(CrossnerJson, LabelsAreLowercasedWithoutRepetitions) {
  TempDir dir;
  const auto path = dir.write("labels.json", R"(["Politician", "political party", "POLITICIAN", "else"])");
  EXPECT_EQ(load_crossner_labels(path), (std::vector<std::string>{"politician", "political party", "else"}));
  const auto bad = dir.write("bad_labels.json", R"(["a", 3])");
  expect_input_error([&] { load_crossner_labels(bad); }, "synthbench.input.316", bad.string(), "/1");
}

TEST(CrossnerJson, DeclaredTypesReportOthers) {
  auto options = synthbench::crossner_load_options();
  options.types = {"person"};
  const auto d = synthbench::parse_crossner_json(
      R"([{"sentence": "Ana met Rome", "entities": [{"name": "Ana", "type": "Person", "pos": [0, 3]}, {"name": "Rome", "type": "City", "pos": [8, 12]}]}])",
      "t.json", "real", options);
  ASSERT_EQ(d.report.issues.size(), 1u);
  EXPECT_EQ(d.report.issues[0].kind, "unknown_type");
  EXPECT_EQ(d.report.issues[0].where, "/0/entities/1");
  EXPECT_EQ(d.items[0].entities.size(), 2u);
}

}  // namespace
