#include <synthbench/gtest/require_data.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

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

class MetaCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(synthbench_test_support::cli_path())) << synthbench_test_support::cli_path();
    dir_ = synthbench_test_support::make_temp_dir("synthbench-meta-cli");
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& content) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  fs::path dir_;
};

const char* kGood = R"({"metric": "macro_f1",
  "real": {"a": 0.9, "b": 0.7, "c": 0.5},
  "synthetic": {"a": {"a": 0.8, "b": 0.75, "c": 0.4}, "b": {"a": 0.6, "b": 0.7, "c": 0.3}}})";

TEST_F(MetaCli, JsonOutputFollowsTheContract) {
  const auto r = synthbench({"meta", "--input", write("good.json", kGood)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const auto doc = nlohmann::ordered_json::parse(r.out);
  EXPECT_EQ(doc.at("methods").get<std::vector<std::string>>(), (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(doc.at("datasets").size(), 3u);
  std::vector<std::string> names;
  for (const auto& [name, entry] : doc.at("datasets").items()) {
    names.push_back(name);
    std::vector<std::string> keys;
    for (const auto& [key, value] : entry.items()) keys.push_back(key);
    // The contract's fields, then the bootstrap interval of the SRCC over approaches: with three
    // approaches 3 of the 3^3 = 27 resamples repeat one approach only (no SRCC), 11% > the 5%
    // allowed, so there is none, and "undefined" says why.
    EXPECT_EQ(keys, (std::vector<std::string>{"mspd", "srcc", "srcc_p_exact", "kendall_tau_b", "top1_agreement",
                                              "selection_regret", "difficulty_gap", "srcc_ci", "undefined"}))
        << name;
    EXPECT_TRUE(entry.at("srcc_ci").is_null()) << name;
    EXPECT_NE(entry.at("undefined").at("srcc_ci").get<std::string>().find("undefined"), std::string::npos)
        << entry.at("undefined").dump();
  }
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "average"}));
  // Generator a: same order as real: SRCC 1; exact one-sided p = 1/3! = 1/6.
  EXPECT_EQ(doc["datasets"]["a"]["srcc"], 1.0);
  EXPECT_NEAR(doc["datasets"]["a"]["srcc_p_exact"].get<double>(), 1.0 / 6, 1e-15);
  // Generator b picks b (0.7 > 0.6): regret 0.9 - 0.7 = 0.2.
  EXPECT_NEAR(doc["datasets"]["b"]["selection_regret"].get<double>(), 0.2, 1e-12);
  EXPECT_EQ(doc["datasets"]["b"]["top1_agreement"], false);
  // Bias factor of a: own data .8 - .65 = .15; b's data .6 - .5333 = .0667: bf = .0833.
  EXPECT_NEAR(doc["bias_factor"]["a"].get<double>(), 0.15 - (0.6 - 1.6 / 3), 1e-12);
}

TEST_F(MetaCli, EachSrccComesWithABootstrapIntervalOverApproaches) {
  // Five approaches. Generator "same" orders them as the real data does, "reversed" the other
  // way round. Any resample of approaches keeps that relation (a repeated approach is tied in
  // both columns), so every defined replicate has SRCC 1 (resp. -1): the intervals are [1, 1]
  // and [-1, -1]. Only the 5 of 5^5 = 3125 resamples that repeat one approach are undefined.
  const char* table = R"({"metric": "f1",
    "real": {"a": 0.9, "b": 0.8, "c": 0.6, "d": 0.5, "e": 0.2},
    "synthetic": {"same": {"a": 0.7, "b": 0.6, "c": 0.5, "d": 0.3, "e": 0.1},
                  "reversed": {"a": 0.1, "b": 0.2, "c": 0.3, "d": 0.4, "e": 0.5}}})";
  const auto r = synthbench({"meta", "--input", write("five.json", table)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::ordered_json::parse(r.out);
  const auto& same = doc.at("datasets").at("same").at("srcc_ci");
  EXPECT_DOUBLE_EQ(same.at("lower").get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(same.at("upper").get<double>(), 1.0);
  EXPECT_EQ(same.at("confidence").get<double>(), 0.95);
  EXPECT_EQ(same.at("resamples").get<int>(), 2000);
  EXPECT_EQ(same.at("resampled").get<std::string>(), "approaches");
  EXPECT_DOUBLE_EQ(doc.at("datasets").at("reversed").at("srcc_ci").at("upper").get<double>(), -1.0);
  // The average is (0.4, 0.4, 0.4, 0.35, 0.3): ties, so its interval is not a single point.
  const auto& average = doc.at("datasets").at("average").at("srcc_ci");
  EXPECT_LE(average.at("lower").get<double>(), doc.at("datasets").at("average").at("srcc").get<double>());
  EXPECT_GE(average.at("upper").get<double>(), doc.at("datasets").at("average").at("srcc").get<double>());
  // Markdown: the interval is a column of Table I.
  const auto md = synthbench({"meta", "--input", write("five.json", table), "--format", "markdown"});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_NE(md.out.find("| SRCC 95% CI |"), std::string::npos) << md.out;
  // MSPD of "same": (0.04 + 0.04 + 0.01 + 0.04 + 0.01) / 5 = 0.028; p = 1/5! = 0.00833.
  EXPECT_NE(md.out.find("| same | 0.03 | 1.00 | 0.00833 | [1.00, 1.00] |"), std::string::npos) << md.out;
}

TEST_F(MetaCli, ReproducesThePublishedPoliticsTable) {
  const fs::path table = synthbench_test_support::paper_dir() / "crossner_politics_ent_type_k5.json";
  SYNTHBENCH_SKIP_WITHOUT_DATA(table);
  const auto r = synthbench({"meta", "--input", table.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out = nlohmann::json::parse(r.out);
  std::ifstream in(table);
  const auto expected = nlohmann::json::parse(in).at("expected_table_1b_politics_entity_type");
  for (const auto& [name, srcc] : expected.at("srcc").items()) {
    const auto& got = out.at("datasets").at(name);
    EXPECT_DOUBLE_EQ(std::round(got.at("srcc").get<double>() * 100) / 100, srcc.get<double>()) << name;
    EXPECT_DOUBLE_EQ(std::round(got.at("mspd").get<double>() * 100) / 100,
                     expected.at("mspd").at(name).get<double>())
        << name;
  }
  const auto md = synthbench({"meta", "--input", table.string(), "--format", "markdown"});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_NE(md.out.find("| Mixtral-8x22B-Instruct-v0.1 | 0.02 | 1.00 | 0.00139 |"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("| **Average** | 0.02 | 0.94 |"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("| Mixtral-8x7B-Instruct-v0.1 | +0.040 |"), std::string::npos) << md.out;
}

TEST_F(MetaCli, ReadsStandardInput) {
  const auto r = synthbench({"meta", "--input", "-", "--format=markdown"}, kGood);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("| a | 0.01 | 1.00 |"), std::string::npos) << r.out;
}

TEST_F(MetaCli, UndefinedStatisticsAreNullWithAReason) {
  const auto r = synthbench(
      {"meta", "--input",
       write("flat.json", R"({"metric": "f1", "real": {"a": 0.9, "b": 0.7}, "synthetic": {"g": {"a": 0.5, "b": 0.5}}})")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_TRUE(doc["datasets"]["g"]["srcc"].is_null());
  EXPECT_NE(doc["datasets"]["g"]["undefined"]["srcc"].get<std::string>().find("constant_input"), std::string::npos);
  EXPECT_EQ(doc["datasets"]["g"]["mspd"], (0.16 + 0.04) / 2);
}

TEST_F(MetaCli, HelpOnEveryCommand) {
  for (const auto& args : {std::vector<std::string>{"--help"}, std::vector<std::string>{"meta", "--help"},
                           std::vector<std::string>{"meta", "-h"}}) {
    const auto r = synthbench(args);
    EXPECT_EQ(r.exit_code, 0) << args.back();
    EXPECT_NE(r.out.find("usage: synthbench"), std::string::npos) << r.out;
  }
  EXPECT_NE(synthbench({"meta", "--help"}).out.find("--format FORMAT"), std::string::npos);
  EXPECT_EQ(synthbench({"--version"}).exit_code, 0);
}

struct BadArgs {
  std::vector<std::string> args;
  const char* says;
};

TEST_F(MetaCli, BadCommandLinesExitTwo) {
  const std::string good = write("good.json", kGood);
  const std::vector<BadArgs> cases = {
      {{}, "usage: synthbench <command>"},
      {{"frobnicate"}, "unknown command 'frobnicate'"},
      {{"meta"}, "missing required option --input"},
      {{"meta", "--input"}, "option --input needs a value FILE"},
      {{"meta", "--input", good, "--format", "xml"}, "--format must be json or markdown, got 'xml'"},
      {{"meta", "--input", good, "--verbose"}, "unknown option --verbose"},
      {{"meta", "--input", good, "extra"}, "unexpected argument 'extra'"},
      {{"meta", "--input", good, "--input", good}, "option --input given twice"},
      {{"meta", "--input", (dir_ / "absent.json").string()}, "absent.json: cannot open for reading"},
  };
  for (const auto& c : cases) {
    const auto r = synthbench(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.says;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

struct BadInput {
  const char* name;
  std::string content;
  const char* says;  // after "<file> at "
};

TEST_F(MetaCli, MalformedInputExitsTwoNamingFileAndPath) {
  const std::vector<BadInput> cases = {
      {"truncated", R"({"metric": "f1", "real": {"a": 0.5)", "line 1, column 35: invalid JSON"},
      {"empty", "", "line 1, column 1: invalid JSON"},
      {"nan", R"({"metric": "f1", "real": {"a": NaN}})", "line 1, column 32: invalid JSON"},
      {"root_is_array", "[]", "/: expected an object, got an array"},
      {"real_is_array", R"({"metric": "f1", "real": [0.5], "synthetic": {}})", "/real: expected an object"},
      {"missing_synthetic", R"({"metric": "f1", "real": {"a": 0.5}})", "/: missing key \"synthetic\""},
      {"missing_metric", R"({"real": {"a": 0.5}, "synthetic": {}})", "/: missing key \"metric\""},
      {"string_score", R"({"metric": "f1", "real": {"a": "0.5"}, "synthetic": {}})",
       "/real/a: expected a number, got string \"0.5\""},
      {"empty_real", R"({"metric": "f1", "real": {}, "synthetic": {"g": {}}})", "/real: no approach has a real score"},
      {"empty_synthetic", R"({"metric": "f1", "real": {"a": 1}, "synthetic": {}})", "/synthetic: no synthetic dataset"},
      {"empty_generator", R"({"metric": "f1", "real": {"a": 1}, "synthetic": {"g": {}}})",
       "/synthetic/g: no approach has a score"},
      {"mismatched_sets", R"({"metric": "f1", "real": {"a": 1, "b": 2}, "synthetic": {"g": {"a": 1, "c": 2}}})",
       "/synthetic/g: approaches differ from /real: missing here: b; missing from /real: c"},
      {"overflow", R"({"metric": "f1", "real": {"a": 1e400}, "synthetic": {}})", "number overflow"},
      {"duplicate", R"({"metric": "f1", "real": {"a": 1, "a": 2}, "synthetic": {}})", "/real/a: duplicate key"},
      {"null_generator", R"({"metric": "f1", "real": {"a": 1}, "synthetic": {"g": null}})",
       "/synthetic/g: expected an object, got null"},
      {"binary", std::string("\x00\xff\xfe", 3), "invalid JSON"},
  };
  for (const auto& c : cases) {
    const std::string file = write(std::string(c.name) + ".json", c.content);
    const auto r = synthbench({"meta", "--input", file});
    EXPECT_EQ(r.exit_code, 2) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find(file), std::string::npos) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.name << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << c.name << ": " << r.out;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << c.name;
  }
}

}  // namespace
