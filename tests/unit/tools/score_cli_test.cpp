// `synthbench score` run as a real child process: the JSON contract, the bootstrap, and exit
// status 2 with the file and line for every kind of malformed input.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;
using synthbench_test_support::ProcessResult;
using synthbench_test_support::run_process;

ProcessResult synthbench(std::vector<std::string> args, const std::string& input = {}) {
  args.insert(args.begin(), synthbench_test_support::cli_path().string());
  return run_process(args, input);
}

class ScoreCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(synthbench_test_support::cli_path())) << synthbench_test_support::cli_path();
    dir_ = synthbench_test_support::make_temp_dir("synthbench-score-cli");
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& content) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  // Runs the command, expecting exit 2, no output, and an error naming `file` and containing
  // every one of `says`; returns stderr.
  std::string expect_bad_input(const std::vector<std::string>& args, const std::string& file,
                               const std::vector<std::string>& says) {
    const auto r = synthbench(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    if (!file.empty()) {
      EXPECT_NE(r.err.find(file), std::string::npos) << r.err;
    }
    for (const auto& s : says) EXPECT_NE(r.err.find(s), std::string::npos) << "missing '" << s << "' in: " << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
    return r.err;
  }
  fs::path dir_;
};

// The classification example of tests/unit/metrics/classification_test.cpp, as files.
// Labels A..E declared; item 8 has no answer (null), item 9 answers "Foo".
const char* kIntentGold =
    "{\"label\": \"A\", \"text\": \"t0\"}\n{\"label\": \"A\", \"text\": \"t1\"}\n{\"label\": \"A\", \"text\": \"t2\"}\n"
    "{\"label\": \"B\", \"text\": \"t3\"}\n{\"label\": \"B\", \"text\": \"t4\"}\n{\"label\": \"C\", \"text\": \"t5\"}\n"
    "{\"label\": \"C\", \"text\": \"t6\"}\n{\"label\": \"C\", \"text\": \"t7\"}\n{\"label\": \"C\", \"text\": \"t8\"}\n"
    "{\"label\": \"A\", \"text\": \"t9\"}\n";
const char* kIntentPred =
    "{\"label\": \"A\", \"text\": \"t0\"}\n{\"label\": \"A\", \"text\": \"t1\"}\n{\"label\": \"B\", \"text\": \"t2\"}\n"
    "{\"label\": \"B\", \"text\": \"t3\"}\n{\"label\": \"E\", \"text\": \"t4\"}\n{\"label\": \"C\", \"text\": \"t5\"}\n"
    "{\"label\": \"C\", \"text\": \"t6\"}\n{\"label\": \"A\", \"text\": \"t7\"}\n{\"label\": null, \"text\": \"t8\"}\n"
    "{\"label\": \"Foo\", \"text\": \"t9\"}\n";

TEST_F(ScoreCli, IntentJsonFollowsTheContract) {
  const std::string labels = write("labels.json", R"(["A", "B", "C", "D", "E"])");
  const auto r = synthbench({"score", "intent", "--gold", write("g.jsonl", kIntentGold), "--pred",
                             write("p.jsonl", kIntentPred), "--labels", labels});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const auto doc = nlohmann::ordered_json::parse(r.out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : doc.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"task", "gold", "predictions", "items", "metrics", "classes",
                                            "invalid_predictions", "options"}));
  EXPECT_EQ(doc["task"], "intent");
  EXPECT_EQ(doc["items"], 10);
  // The hand-worked values: accuracy 1/2, macro F1 73/168, micro F1 5/9, weighted P 23/30.
  EXPECT_DOUBLE_EQ(doc["metrics"]["accuracy"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(doc["metrics"]["macro_f1"].get<double>(), 73.0 / 168);
  EXPECT_DOUBLE_EQ(doc["metrics"]["micro_f1"].get<double>(), 5.0 / 9);
  EXPECT_DOUBLE_EQ(doc["metrics"]["weighted_precision"].get<double>(), 23.0 / 30);
  EXPECT_EQ(doc["classes"].size(), 4u);  // A, B, C and E (predicted); D is neither
  EXPECT_EQ(doc["classes"]["E"]["support"], 0);
  EXPECT_EQ(doc["classes"]["E"]["predicted"], 1);
  const auto& invalid = doc["invalid_predictions"];
  EXPECT_EQ(invalid["count"], 2);
  EXPECT_EQ(invalid["missing"], 1);
  EXPECT_EQ(invalid["outside_label_set"], 1);
  EXPECT_EQ(invalid["answers"]["Foo"], 1);
  EXPECT_EQ(invalid["examples"][0]["line"], 9);
  EXPECT_TRUE(invalid["examples"][0]["answer"].is_null());
  EXPECT_EQ(invalid["examples"][1]["line"], 10);
  EXPECT_EQ(invalid["examples"][1]["gold"], "A");
  EXPECT_EQ(doc["options"]["declared_labels"], 5);
  // Averaging over the whole label set adds D: macro F1 = (73/42) / 5.
  const auto all = synthbench({"score", "intent", "--gold", write("g.jsonl", kIntentGold), "--pred",
                               write("p.jsonl", kIntentPred), "--labels", labels, "--average-over", "labels"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_DOUBLE_EQ(nlohmann::json::parse(all.out)["metrics"]["macro_f1"].get<double>(), 73.0 / 210);
  EXPECT_EQ(nlohmann::json::parse(all.out)["options"]["average_over"], "label_set");
  // The study's way, declared labels {A, B} only: C is gold but averaged over no class, E and
  // Foo are outside the label set {A, B, C}. A: TP 2, predicted 3, support 4 -> F1 4/7;
  // B: TP 1, predicted 2, support 2 -> F1 1/2; macro F1 = (4/7 + 1/2) / 2 = 15/28.
  const auto declared = synthbench({"score", "intent", "--gold", write("g.jsonl", kIntentGold), "--pred",
                                    write("p.jsonl", kIntentPred), "--labels", write("ab.json", R"(["A", "B"])"),
                                    "--average-over", "declared"});
  ASSERT_EQ(declared.exit_code, 0) << declared.err;
  EXPECT_DOUBLE_EQ(nlohmann::json::parse(declared.out)["metrics"]["macro_f1"].get<double>(), 15.0 / 28);
  EXPECT_EQ(nlohmann::json::parse(declared.out)["options"]["average_over"], "declared");
}

TEST_F(ScoreCli, BootstrapIsReproducibleAndSeeded) {
  const std::string g = write("g.jsonl", kIntentGold);
  const std::string p = write("p.jsonl", kIntentPred);
  const std::vector<std::string> args = {"score", "intent", "--gold", g, "--pred", p, "--bootstrap", "300", "--seed", "7"};
  const auto a = synthbench(args);
  const auto b = synthbench(args);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);  // bit for bit
  const auto doc = nlohmann::json::parse(a.out);
  const auto& boot = doc["bootstrap"];
  EXPECT_EQ(boot["resamples"], 300);
  EXPECT_EQ(boot["seed"], 7);
  EXPECT_EQ(boot["confidence"], 0.95);
  ASSERT_EQ(boot["intervals"].size(), 10u);
  const auto& acc = boot["intervals"]["accuracy"];
  EXPECT_EQ(acc["estimate"], 0.5);
  EXPECT_LE(acc["lower"].get<double>(), 0.5);
  EXPECT_GE(acc["upper"].get<double>(), 0.5);
  EXPECT_GT(acc["standard_error"].get<double>(), 0.05);  // sqrt(.25 / 10) = 0.158 for a proportion
  const auto other = synthbench({"score", "intent", "--gold", g, "--pred", p, "--bootstrap", "300", "--seed", "8"});
  EXPECT_NE(other.out, a.out);
}

TEST_F(ScoreCli, NerJsonAndMarkdown) {
  // One document, hand-worked: gold [0, 5) person, [10, 15) city; predictions [0, 5) person
  // (COR), [10, 13) city (partial), [20, 24) org (spurious). strict COR 1 INC 1 SPU 1.
  const std::string text = "Alice and Paris are in Europe";
  const std::string g = write("g.jsonl", "{\"entities\": [{\"start\": 0, \"end\": 5, \"type\": \"person\"}, "
                                         "{\"start\": 10, \"end\": 15, \"type\": \"city\"}], \"text\": \"" + text + "\"}\n");
  const std::string p =
      write("p.jsonl", "{\"entities\": [{\"start\": 0, \"end\": 5, \"type\": \"person\", \"text\": \"Alice\"}, "
                       "{\"start\": 10, \"end\": 13, \"type\": \"city\"}, {\"start\": 20, \"end\": 24, \"type\": \"org\"}], "
                       "\"text\": \"" + text + "\"}\n");
  const auto r = synthbench({"score", "ner", "--gold", g, "--pred", p});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::ordered_json::parse(r.out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : doc.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"task", "gold", "predictions", "items", "metrics", "types", "issues", "options"}));
  const auto& strict = doc["metrics"]["strict"];
  EXPECT_EQ(strict["correct"], 1);
  EXPECT_EQ(strict["incorrect"], 1);
  EXPECT_EQ(strict["spurious"], 1);
  EXPECT_DOUBLE_EQ(strict["precision"].get<double>(), 1.0 / 3);
  // partial: COR 1 + 0.5 PAR 1 = 1.5 of ACT 3 and POS 2.
  EXPECT_DOUBLE_EQ(doc["metrics"]["partial"]["precision"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(doc["metrics"]["partial"]["recall"].get<double>(), 0.75);
  EXPECT_EQ(doc["types"]["org"]["strict"]["spurious"], 1);
  const auto md = synthbench({"score", "ner", "--gold", g, "--pred", p, "--format", "markdown"});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_NE(md.out.find("| partial | 0.5000 | 0.7500 | 0.6000 | 1 | 0 | 1 | 0 | 1 |"), std::string::npos) << md.out;
}

TEST_F(ScoreCli, StsJsonWithPolicies) {
  // gold {1, 2, 3, 4, 5}; answers {2, "4", 9 (clipped to 5), null (midpoint 2.5), 5}.
  const std::string g = write("g.jsonl",
                              "{\"score\": 1, \"text1\": \"a\", \"text2\": \"b\"}\n{\"score\": 2, \"text1\": \"c\", \"text2\": \"d\"}\n"
                              "{\"score\": 3, \"text1\": \"e\", \"text2\": \"f\"}\n{\"score\": 4, \"text1\": \"g\", \"text2\": \"h\"}\n"
                              "{\"score\": 5, \"text1\": \"i\", \"text2\": \"j\"}\n");
  const std::string p = write("p.jsonl",
                              "{\"score\": 2, \"text1\": \"a\", \"text2\": \"b\"}\n{\"score\": \"4\", \"text1\": \"c\", \"text2\": \"d\"}\n"
                              "{\"score\": 9, \"text1\": \"e\", \"text2\": \"f\"}\n{\"score\": null, \"text1\": \"g\", \"text2\": \"h\"}\n"
                              "{\"score\": 5, \"text1\": \"i\", \"text2\": \"j\"}\n");
  const auto r = synthbench({"score", "sts", "--gold", g, "--pred", p});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  // p = {2, 4, 5, 2.5, 5}: dx = {-2..2}, sum dx p = -4 - 4 + 0 + 2.5 + 10 = 4.5, sum dx^2 = 10,
  // sum p^2 - (sum p)^2 / 5 = 76.25 - 18.5^2 / 5 = 7.8. r = 4.5 / sqrt(10 * 7.8) = 0.5095.
  EXPECT_NEAR(doc["metrics"]["pearson"].get<double>(), 4.5 / std::sqrt(78.0), 1e-12);
  EXPECT_EQ(doc["answers"]["clipped"], 1);
  EXPECT_EQ(doc["answers"]["imputed"], 1);
  EXPECT_EQ(doc["answers"]["examples"][0]["line"], 3);
  EXPECT_EQ(doc["answers"]["examples"][1]["answer"], "null");
  // Excluding unparsable answers instead: 4 items used.
  const auto ex = synthbench({"score", "sts", "--gold", g, "--pred", p, "--unparsable", "exclude"});
  EXPECT_EQ(nlohmann::json::parse(ex.out)["answers"]["used"], 4);
}

TEST_F(ScoreCli, ReadsOneFileFromStandardInput) {
  const std::string g = write("g.jsonl", kIntentGold);
  const auto r = synthbench({"score", "intent", "--gold", g, "--pred", "-"}, kIntentPred);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["predictions"], "<stdin>");
  EXPECT_DOUBLE_EQ(doc["metrics"]["accuracy"].get<double>(), 0.5);
  // A malformed line on stdin is named as such.
  const auto bad = synthbench({"score", "intent", "--gold", g, "--pred", "-"}, "{\"label\": \"A\", \"text\": \"t0\"}\n[]\n");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("<stdin> at line 2: expected a JSON object"), std::string::npos) << bad.err;
  expect_bad_input({"score", "intent", "--gold", "-", "--pred", "-"}, "",
                   {"--gold and --pred cannot both read standard input ('-')"});
}

TEST_F(ScoreCli, HelpOnEveryTask) {
  for (const auto& args : {std::vector<std::string>{"score", "--help"}, std::vector<std::string>{"score", "intent", "--help"},
                           std::vector<std::string>{"score", "ner", "-h"}, std::vector<std::string>{"score", "sts", "--help"}}) {
    const auto r = synthbench(args);
    EXPECT_EQ(r.exit_code, 0) << args[1];
    EXPECT_NE(r.out.find("usage: synthbench score"), std::string::npos) << r.out;
  }
  EXPECT_NE(synthbench({"score", "intent", "--help"}).out.find("--zero-division POLICY"), std::string::npos);
  EXPECT_NE(synthbench({"score", "ner", "--help"}).out.find("--span-repair MODE"), std::string::npos);
  EXPECT_NE(synthbench({"--help"}).out.find("score"), std::string::npos);
}

TEST_F(ScoreCli, BadCommandLinesExitTwo) {
  const std::string g = write("g.jsonl", kIntentGold);
  const std::string p = write("p.jsonl", kIntentPred);
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"score"}, "missing the task: intent, ner or sts"},
      {{"score", "pos"}, "unknown task 'pos' (intent, ner or sts)"},
      {{"score", "intent", "--gold", g}, "missing required option --pred"},
      {{"score", "intent", "--gold", g, "--pred", p, "--format", "xml"}, "--format must be json or markdown, got 'xml'"},
      {{"score", "intent", "--gold", g, "--pred", p, "--seed", "3"}, "--seed needs --bootstrap N"},
      {{"score", "intent", "--gold", g, "--pred", p, "--bootstrap", "1"}, "--bootstrap needs between 2 and 10000000"},
      {{"score", "intent", "--gold", g, "--pred", p, "--bootstrap", "-5"}, "--bootstrap needs a non-negative integer"},
      {{"score", "intent", "--gold", g, "--pred", p, "--bootstrap", "9", "--confidence", "95"},
       "--confidence needs a number in (0, 1), got '95'"},
      {{"score", "intent", "--gold", g, "--pred", p, "--zero-division", "nan!"},
       "--zero-division must be one of zero, one, undefined, got 'nan!'"},
      {{"score", "sts", "--gold", g, "--pred", p, "--labels", g}, "unknown option --labels"},
      {{"score", "intent", "--gold", (dir_ / "absent.jsonl").string(), "--pred", p}, "absent.jsonl: cannot open for reading"},
  };
  for (const auto& [args, says] : cases) expect_bad_input(args, "", {says});
}

// Every spelling of every policy option, names and aliases, is read by the library's parser
// (metrics/option_values.hpp) and reported under its name in "options"; any other value exits 2
// naming the option's values.
TEST_F(ScoreCli, PolicyOptionsAcceptEveryNameAndAlias) {
  const std::string intent_gold = write("ig.jsonl", kIntentGold);
  const std::string intent_pred = write("ip.jsonl", kIntentPred);
  const std::string ner_gold = write("ng.jsonl",
                                     "{\"entities\": [{\"start\": 0, \"end\": 5, \"type\": \"person\", \"text\": \"Alice\"}], "
                                     "\"text\": \"Alice and Paris\"}\n");
  const std::string sts_gold = write("sg.jsonl",
                                     "{\"score\": 1, \"text1\": \"a\", \"text2\": \"b\"}\n{\"score\": 2, \"text1\": \"c\", \"text2\": \"d\"}\n"
                                     "{\"score\": 4, \"text1\": \"e\", \"text2\": \"f\"}\n");
  struct Case {
    std::string task;
    std::string option;
    std::string spelling;
    std::string key;       // in "options"
    std::string reported;  // the value's name
  };
  const std::vector<Case> cases = {
      {"intent", "zero-division", "zero", "zero_division", "zero"},
      {"intent", "zero-division", "one", "zero_division", "one"},
      {"intent", "zero-division", "undefined", "zero_division", "undefined"},
      {"intent", "zero-division", "0", "zero_division", "zero"},
      {"intent", "zero-division", "1", "zero_division", "one"},
      {"intent", "zero-division", "nan", "zero_division", "undefined"},
      {"ner", "zero-division", "nan", "zero_division", "undefined"},
      {"intent", "average-over", "observed", "average_over", "observed"},
      {"intent", "average-over", "gold", "average_over", "gold"},
      {"intent", "average-over", "label_set", "average_over", "label_set"},
      {"intent", "average-over", "labels", "average_over", "label_set"},
      {"intent", "multi-intent", "exact", "multi_intent", "exact"},
      {"intent", "multi-intent", "unordered_set", "multi_intent", "unordered_set"},
      {"intent", "multi-intent", "set", "multi_intent", "unordered_set"},
      {"ner", "span-repair", "realign", "span_repair", "realign"},
      {"ner", "span-repair", "none", "span_repair", "none"},
      {"ner", "span-repair", "error", "span_repair", "error"},
      {"sts", "unparsable", "midpoint", "unparsable", "midpoint"},
      {"sts", "unparsable", "exclude", "unparsable", "exclude"},
      {"sts", "unparsable", "error", "unparsable", "error"},
      {"sts", "out-of-range", "clip", "out_of_range", "clip"},
      {"sts", "out-of-range", "unparsable", "out_of_range", "unparsable"},
      {"sts", "out-of-range", "error", "out_of_range", "error"},
  };
  const auto files = [&](const std::string& task) -> std::pair<std::string, std::string> {
    if (task == "intent") return {intent_gold, intent_pred};
    return task == "ner" ? std::make_pair(ner_gold, ner_gold) : std::make_pair(sts_gold, sts_gold);
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("--" + c.option + " " + c.spelling);
    const auto [gold, pred] = files(c.task);
    const auto r = synthbench({"score", c.task, "--gold", gold, "--pred", pred, "--" + c.option, c.spelling});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["options"][c.key], c.reported);
  }
  // A value outside the table: exit 2, listing the names (aliases are in --help and docs/cli.md).
  struct Bad {
    std::string task;
    std::string option;
    std::string value;
    std::string names;
  };
  const std::vector<Bad> bad = {{"intent", "zero-division", "NaN", "zero, one, undefined"},
                                {"intent", "average-over", "all", "observed, gold, label_set, declared"},
                                {"intent", "multi-intent", "sets", "exact, unordered_set"},
                                {"ner", "span-repair", "fix", "realign, none, error"},
                                {"sts", "unparsable", "", "midpoint, exclude, error"},
                                {"sts", "out-of-range", "Clip", "clip, unparsable, error"}};
  for (const auto& b : bad) {
    const auto [gold, pred] = files(b.task);
    expect_bad_input({"score", b.task, "--gold", gold, "--pred", pred, "--" + b.option, b.value}, "",
                     {"--" + b.option + " must be one of " + b.names + ", got '" + b.value + "'"});
  }
}

// --- Malformed input: exit 2, naming the file and the line ---------------------------------

TEST_F(ScoreCli, InvalidJsonNamesLineAndColumn) {
  const std::string g = write("g.jsonl", "{\"label\": \"A\", \"text\": \"t0\"}\n\n{\"label\": \"A\", \"text\": }\n");
  expect_bad_input({"score", "intent", "--gold", g, "--pred", g}, g,
                   {"[synthbench.input.101]", "at line 3, column 24: invalid JSON"});
}

TEST_F(ScoreCli, RecordThatIsNotAnObject) {
  const std::string g = write("g.jsonl", kIntentGold);
  const std::string p = write("p.jsonl", "[\"A\"]\n");
  expect_bad_input({"score", "intent", "--gold", g, "--pred", p}, p,
                   {"[synthbench.input.310]", "at line 1: expected a JSON object, got an array"});
}

TEST_F(ScoreCli, DuplicateKeyInARecord) {
  const std::string g = write("g.jsonl", "{\"label\": \"A\", \"label\": \"B\", \"text\": \"t0\"}\n");
  expect_bad_input({"score", "intent", "--gold", g, "--pred", g}, g, {"[synthbench.input.102]", "at line 1, /label: duplicate key"});
}

TEST_F(ScoreCli, MissingKey) {
  const std::string g = write("g.jsonl", "{\"label\": \"A\", \"text\": \"t0\"}\n{\"text\": \"t1\"}\n");
  const std::string p = write("p.jsonl", "{\"label\": \"A\", \"text\": \"t0\"}\n{\"label\": \"A\", \"text\": \"t1\"}\n");
  expect_bad_input({"score", "intent", "--gold", g, "--pred", p}, g, {"[synthbench.input.311]", "at line 2: missing key \"label\""});
}

TEST_F(ScoreCli, WrongTypeNamesThePointer) {
  const std::string g = write("g.jsonl", "{\"label\": \"A\", \"text\": \"t0\"}\n");
  const std::string p = write("p.jsonl", "{\"label\": [\"A\"], \"text\": \"t0\"}\n");
  expect_bad_input({"score", "intent", "--gold", g, "--pred", p}, p,
                   {"[synthbench.input.312]", "at line 1, /label: expected a string or null, got an array"});
}

TEST_F(ScoreCli, PredictionFileShorterThanGold) {
  const std::string g = write("g.jsonl", kIntentGold);
  const std::string p = write("p.jsonl", "{\"label\": \"A\", \"text\": \"t0\"}\n{\"label\": \"A\", \"text\": \"t1\"}\n");
  expect_bad_input({"score", "intent", "--gold", g, "--pred", p}, p,
                   {"[synthbench.input.313]", "has 2 records but " + g + " has 10; the first record without a counterpart is at " +
                                                   g + " line 3"});
}

TEST_F(ScoreCli, PredictionFileLongerThanGold) {
  const std::string g = write("g.jsonl", "{\"label\": \"A\", \"text\": \"t0\"}\n");
  const std::string p = write("p.jsonl", "{\"label\": \"A\", \"text\": \"t0\"}\n\n{\"label\": \"A\", \"text\": \"t1\"}\n");
  expect_bad_input({"score", "intent", "--gold", g, "--pred", p}, p,
                   {"[synthbench.input.313]", "the first record without a counterpart is at " + p + " line 3"});
}

TEST_F(ScoreCli, TextMismatchNamesTheFirstMisalignedLine) {
  const std::string g = write("g.jsonl", kIntentGold);
  std::string shifted = kIntentPred;
  shifted.replace(shifted.find("\"t4\""), 4, "\"t5\"");  // line 5's text is now line 6's
  const std::string p = write("p.jsonl", shifted);
  expect_bad_input({"score", "intent", "--gold", g, "--pred", p}, p,
                   {"[synthbench.input.314]", p + " at line 5: does not align with " + g +
                                                  " line 5 (record 5): \"text\" is \"t5\", gold has \"t4\""});
}

TEST_F(ScoreCli, EmptyGoldFile) {
  const std::string g = write("g.jsonl", "\n  \n");
  expect_bad_input({"score", "intent", "--gold", g, "--pred", g}, g, {"[synthbench.input.315]", "no records"});
}

TEST_F(ScoreCli, NegativeEntityOffset) {
  const std::string g = write("g.jsonl", "{\"entities\": [{\"start\": -1, \"end\": 5, \"type\": \"person\"}], \"text\": \"Alice\"}\n");
  expect_bad_input({"score", "ner", "--gold", g, "--pred", g}, g,
                   {"[synthbench.input.312]", "at line 1, /entities/0/start: expected a character offset"});
}

TEST_F(ScoreCli, MisalignedSpanUnderSpanRepairError) {
  const std::string g =
      write("g.jsonl", "{\"entities\": [], \"text\": \"x\"}\n"
                       "{\"entities\": [{\"start\": 0, \"end\": 5, \"type\": \"person\", \"text\": \"Bob\"}], \"text\": \"Alice and Bob\"}\n");
  expect_bad_input({"score", "ner", "--gold", g, "--pred", g, "--span-repair", "error"}, g,
                   {"[synthbench.input.303]", "at line 2, gold entity 0: offsets [0, 5) hold \"Alice\", not \"Bob\""});
}

TEST_F(ScoreCli, GoldEntityWithoutType) {
  const std::string g = write("g.jsonl", "{\"entities\": [{\"start\": 0, \"end\": 5, \"type\": \"\"}], \"text\": \"Alice\"}\n");
  expect_bad_input({"score", "ner", "--gold", g, "--pred", g}, g, {"[synthbench.input.302]", "at line 1, gold entity 0"});
}

TEST_F(ScoreCli, GoldSimilarityOutsideTheScale) {
  const std::string g = write("g.jsonl", "{\"score\": 2, \"text1\": \"a\", \"text2\": \"b\"}\n{\"score\": 6, \"text1\": \"c\", \"text2\": \"d\"}\n");
  expect_bad_input({"score", "sts", "--gold", g, "--pred", g}, g,
                   {"[synthbench.input.304]", "at line 2: the gold score 6 is outside the scale [0, 5]"});
}

TEST_F(ScoreCli, UnparsableAnswerUnderUnparsableError) {
  const std::string g = write("g.jsonl", "{\"score\": 2, \"text1\": \"a\", \"text2\": \"b\"}\n");
  const std::string p = write("p.jsonl", "{\"score\": \"about two\", \"text1\": \"a\", \"text2\": \"b\"}\n");
  expect_bad_input({"score", "sts", "--gold", g, "--pred", p, "--unparsable", "error"}, p,
                   {"[synthbench.input.305]", "at line 1: the predicted score about two is not a number"});
}

TEST_F(ScoreCli, SimilarityAnswerOfAWrongType) {
  const std::string g = write("g.jsonl", "{\"score\": 2, \"text1\": \"a\", \"text2\": \"b\"}\n");
  const std::string p = write("p.jsonl", "{\"score\": {\"value\": 2}, \"text1\": \"a\", \"text2\": \"b\"}\n");
  expect_bad_input({"score", "sts", "--gold", g, "--pred", p}, p,
                   {"[synthbench.input.312]", "at line 1, /score: expected a number, a string or null, got an object"});
}

TEST_F(ScoreCli, MalformedLabelList) {
  const std::string g = write("g.jsonl", kIntentGold);
  const std::string labels = write("labels.json", "[\"A\", 7]");
  expect_bad_input({"score", "intent", "--gold", g, "--pred", g, "--labels", labels}, labels,
                   {"[synthbench.input.316]", "at /1: expected a non-empty string, got number 7"});
}

TEST_F(ScoreCli, BinaryGarbage) {
  const std::string g = write("g.jsonl", std::string("\x00\xff\xfe\n", 4));
  expect_bad_input({"score", "sts", "--gold", g, "--pred", g}, g, {"[synthbench.input.101]", "at line 1, column 1"});
}

}  // namespace
