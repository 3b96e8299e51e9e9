#include <synthbench/scores/score_table_json.hpp>

#include <gtest/gtest.h>

#include <string>

#include "support/test_paths.hpp"

namespace {

using synthbench::InputError;
using synthbench::parse_score_table;

TEST(ScoreTableJson, ParsesTheContractFormatInFileOrder) {
  const auto t = parse_score_table(R"({
    "description": "ignored",
    "metric": "macro_f1",
    "real": {"b": 0.5, "a": 0.9},
    "synthetic": {"z-gen": {"a": 0.8, "b": 0.6}, "a-gen": {"b": 0.2, "a": 0.4}},
    "models": {"z-gen": "a"},
    "range": [0, 1]
  })");
  EXPECT_EQ(t.metric(), "macro_f1");
  EXPECT_EQ(t.real().approaches(), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(t.generator_names(), (std::vector<std::string>{"z-gen", "a-gen"}));
  EXPECT_EQ(t.solver_of("z-gen"), "a");
  EXPECT_EQ(t.range()->second, 1.0);
  EXPECT_TRUE(t.problems().empty());
}

TEST(ScoreTableJson, RoundTripsThroughDump) {
  const auto t = parse_score_table(
      R"({"metric": "f1", "real": {"a": 0.1, "b": 0.2}, "synthetic": {"g": {"a": 0.3, "b": 0.4}},
          "models": {"g": "b"}, "range": [-1, 1]})");
  const auto again = parse_score_table(synthbench::dump_score_table(t));
  EXPECT_EQ(synthbench::dump_score_table(again), synthbench::dump_score_table(t));
  EXPECT_EQ(again.synthetic("g").at("b"), 0.4);
  EXPECT_EQ(again.solver_of("g"), "b");
  const std::string dumped = synthbench::dump_score_table(t);
  EXPECT_EQ(dumped.back(), '\n');
  EXPECT_NE(dumped.find("\n  \"real\": {\n    \"a\": 0.1,"), std::string::npos) << dumped;
}

struct Malformed {
  const char* name;
  const char* text;
  const char* id;
  const char* where;
  const char* says;
};

void PrintTo(const Malformed& m, std::ostream* os) { *os << m.name; }

class ScoreTableJsonMalformed : public ::testing::TestWithParam<Malformed> {};

TEST_P(ScoreTableJsonMalformed, NamesSourceAndPosition) {
  const Malformed& m = GetParam();
  try {
    (void)parse_score_table(m.text, "scores.json");
    FAIL() << "accepted malformed input: " << m.text;
  } catch (const InputError& e) {
    EXPECT_EQ(e.id(), m.id) << e.what();
    EXPECT_EQ(e.source(), "scores.json");
    EXPECT_EQ(e.where(), m.where) << e.what();
    EXPECT_NE(std::string(e.what()).find(m.says), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ScoreTableJsonMalformed,
    ::testing::Values(
        Malformed{"truncated", R"({"metric": "f1", "real": {"a": 0.)", "synthbench.input.101", "line 1, column 34",
                  "invalid JSON"},
        Malformed{"empty_file", "", "synthbench.input.101", "line 1, column 1", "invalid JSON"},
        Malformed{"nan_literal", "{\"metric\": \"f1\",\n \"real\": {\"a\": NaN}}", "synthbench.input.101",
                  "line 2, column 16", "invalid JSON"},
        Malformed{"not_an_object", "[1, 2]", "synthbench.input.201", "/", "expected an object, got an array"},
        Malformed{"missing_metric", R"({"real": {}, "synthetic": {}})", "synthbench.input.202", "/",
                  "missing key \"metric\""},
        Malformed{"metric_not_string", R"({"metric": 3, "real": {}, "synthetic": {}})", "synthbench.input.201",
                  "/metric", "expected a non-empty string, got number 3"},
        Malformed{"missing_real", R"({"metric": "f1", "synthetic": {}})", "synthbench.input.202", "/",
                  "missing key \"real\""},
        Malformed{"empty_real", R"({"metric": "f1", "real": {}, "synthetic": {}})", "synthbench.input.205", "/real",
                  "no approach has a real score"},
        Malformed{"score_is_string", R"({"metric": "f1", "real": {"a": "0.5"}, "synthetic": {}})",
                  "synthbench.input.203", "/real/a", "expected a number, got string \"0.5\""},
        Malformed{"score_is_null", R"({"metric": "f1", "real": {"a": 0.5}, "synthetic": {"g": {"a": null}}})",
                  "synthbench.input.203", "/synthetic/g/a", "got null"},
        Malformed{"score_overflows", R"({"metric": "f1", "real": {"a": 1e999}, "synthetic": {}})",
                  "synthbench.input.101", "line 1, column 32", "number overflow parsing '1e999'"},
        Malformed{"empty_synthetic", R"({"metric": "f1", "real": {"a": 0.5}, "synthetic": {}})",
                  "synthbench.input.205", "/synthetic", "no synthetic dataset"},
        Malformed{"synthetic_not_object", R"({"metric": "f1", "real": {"a": 0.5}, "synthetic": {"g": [0.5]}})",
                  "synthbench.input.201", "/synthetic/g", "expected an object, got an array"},
        Malformed{"mismatched_approaches",
                  R"({"metric": "f1", "real": {"a": 0.5, "b": 0.1}, "synthetic": {"g": {"a": 0.5, "c": 0.2}}})",
                  "synthbench.input.206", "/synthetic/g",
                  "approaches differ from /real: missing here: b; missing from /real: c"},
        Malformed{"reserved_average", R"({"metric": "f1", "real": {"a": 0.5}, "synthetic": {"average": {"a": 0.5}}})",
                  "synthbench.input.207", "/synthetic/average", "reserved"},
        // Found by score_table_fuzz (issue 15): an empty approach name was a UsageError naming no file.
        Malformed{"empty_real_approach", R"({"metric": "f1", "real": {"": 0.5}, "synthetic": {"g": {"": 0.5}}})",
                  "synthbench.input.207", "/real/", "non-empty name"},
        Malformed{"empty_synthetic_approach",
                  R"({"metric": "f1", "real": {"a": 0.5}, "synthetic": {"g": {"a": 0.5, "": 0.5}}})",
                  "synthbench.input.207", "/synthetic/g/", "non-empty name"},
        Malformed{"slash_in_name_is_escaped",
                  R"({"metric": "f1", "real": {"org/model~1": 0.5}, "synthetic": {"g": {"org/model~1": true}}})",
                  "synthbench.input.203", "/synthetic/g/org~1model~01", "got boolean true"},
        Malformed{"duplicate_key", R"({"metric": "f1", "real": {"a": 0.5, "a": 0.6}, "synthetic": {}})",
                  "synthbench.input.102", "/real/a", "duplicate key"},
        Malformed{"models_unknown_generator",
                  R"({"metric": "f1", "real": {"a": 0.5}, "synthetic": {"g": {"a": 0.5}}, "models": {"h": "a"}})",
                  "synthbench.input.207", "/models/h", "not a generator"},
        Malformed{"models_unknown_solver",
                  R"({"metric": "f1", "real": {"a": 0.5}, "synthetic": {"g": {"a": 0.5}}, "models": {"g": "x"}})",
                  "synthbench.input.207", "/models/g", "not an approach"},
        Malformed{"bad_range",
                  R"({"metric": "f1", "real": {"a": 0.5}, "synthetic": {"g": {"a": 0.5}}, "range": [1, 0]})",
                  "synthbench.input.208", "/range", "lower < upper"}),
    [](const ::testing::TestParamInfo<Malformed>& param_info) { return std::string(param_info.param.name); });

TEST(ScoreTableJson, DuplicateKeyInsideAnArrayElementHasItsIndex) {
  try {
    (void)parse_score_table(R"({"metric": "f1", "x": [{"k": 1}, {"k": 1, "k": 2}], "real": {"a": 1}})", "s.json");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "/x/1/k");
  }
}

TEST(ScoreTableJson, UnreadableFileIsAnIoErrorNamingIt) {
  try {
    (void)synthbench::read_score_table("/nonexistent/scores.json");
    FAIL();
  } catch (const synthbench::IoError& e) {
    EXPECT_EQ(e.path(), "/nonexistent/scores.json");
    EXPECT_NE(std::string(e.what()).find("cannot open for reading"), std::string::npos);
  }
}

}  // namespace
