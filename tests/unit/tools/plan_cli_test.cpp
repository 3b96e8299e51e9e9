// `synthbench plan` run as a real child process: the JSON and text answers are the library's
// (stats::plan_items, checked by hand and by simulation in tests/unit/stats/paired_test.cpp),
// and every bad command line exits 2 saying why.

#include <synthbench/stats/planning.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace {

using synthbench_test_support::ProcessResult;

ProcessResult synthbench(std::vector<std::string> args) {
  args.insert(args.begin(), synthbench_test_support::cli_path().string());
  return synthbench_test_support::run_process(args);
}

TEST(PlanCli, AnswersAsTheLibraryDoes) {
  const ProcessResult r = synthbench({"plan", "--drop", "0.02", "--discordance", "0.08"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  synthbench::stats::PlanInput in;
  in.drop = 0.02;
  in.discordance = 0.08;
  const auto plan = synthbench::stats::plan_items(in).value();
  EXPECT_EQ(doc.at("items").get<std::size_t>(), plan.items);
  EXPECT_EQ(doc.at("normal_approximation").get<std::size_t>(), 1235u);  // Connor's formula, worked in paired_test.cpp
  EXPECT_DOUBLE_EQ(doc.at("exact_power").get<double>(), plan.exact_power);
  EXPECT_DOUBLE_EQ(doc.at("p_lost").get<double>(), 0.05);
  EXPECT_DOUBLE_EQ(doc.at("p_gained").get<double>(), 0.03);
  EXPECT_EQ(doc.at("test").get<std::string>(), "exact one-sided McNemar");
}

TEST(PlanCli, TextAndTheIndependenceBound) {
  const ProcessResult r = synthbench({"plan", "--drop", "0.1", "--accuracy", "0.85", "--power", "0.9", "--format", "text"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  synthbench::stats::PlanInput in;
  in.drop = 0.1;
  in.accuracy = 0.85;
  in.power = 0.9;
  const auto plan = synthbench::stats::plan_items(in).value();
  // psi = 0.85 x 0.25 + 0.75 x 0.15 = 0.325
  EXPECT_EQ(r.out.rfind(std::to_string(plan.items) + " items detect a drop of 0.1 in accuracy with power ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("(exact one-sided McNemar test at alpha 0.05; discordance 0.325: "), std::string::npos) << r.out;
}

TEST(PlanCli, BadCommandLinesExitTwoSayingWhy) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"plan", "--discordance", "0.1"}, "--drop"},
      {{"plan", "--drop", "0.02"}, "give exactly one of --discordance and --accuracy"},
      {{"plan", "--drop", "0.02", "--discordance", "0.1", "--accuracy", "0.8"}, "give exactly one of"},
      {{"plan", "--drop", "two points", "--discordance", "0.1"}, "--drop must be a number, got 'two points'"},
      {{"plan", "--drop", "0.02", "--discordance", "0,1"}, "--discordance must be a number, got '0,1'"},
      {{"plan", "--drop", "0.05", "--discordance", "0.03"}, "the discordance must lie in [drop, 1]"},
      {{"plan", "--drop", "0.02", "--discordance", "0.1", "--power", "1"}, "the power must lie in (0, 1), got 1"},
      {{"plan", "--drop", "0.02", "--discordance", "0.1", "--format", "yaml"}, "--format must be json or text"},
  };
  for (const auto& [args, says] : cases) {
    const ProcessResult r = synthbench(args);
    EXPECT_EQ(r.exit_code, 2) << args.back() << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
  }
  const ProcessResult help = synthbench({"plan", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--discordance PSI"), std::string::npos) << help.out;
}

}  // namespace
