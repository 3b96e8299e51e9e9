#include <synthbench/report.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/test_paths.hpp"
#include "toy_experiment.hpp"

namespace {

namespace fs = std::filesystem;
using synthbench::report::ReportData;

ReportData toy_data() {
  ReportData data;
  data.add(synthbench::report::describe(synthbench_test_support::toy_experiment()));
  data.add(synthbench::report::CassetteEntry{"cassettes/toy.json", 30, 0, 2});
  return data;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(ReportData, DescribesAnExperiment) {
  const auto data = toy_data();
  ASSERT_EQ(data.experiments.size(), 1u);
  const auto& e = data.experiments.front();
  EXPECT_EQ(e.task, "intent");
  EXPECT_EQ(e.datasets.size(), 3u);
  EXPECT_EQ(e.datasets[1].issues.at("duplicate"), 1u);
  ASSERT_EQ(e.metrics.size(), 4u);
  // Intervals only for the first metric, one per synthetic benchmark, with 1000 resamples.
  ASSERT_EQ(e.metrics[0].intervals.size(), 3u);
  EXPECT_EQ(e.metrics[0].intervals[0].dataset, "strong");
  EXPECT_EQ(e.metrics[0].intervals[0].srcc.resamples, 1000u);
  EXPECT_TRUE(e.metrics[1].intervals.empty());
  EXPECT_EQ(e.predictions.size(), 9u);
}

TEST(ResultsJson, RoundTripsExactly) {
  const auto data = toy_data();
  const std::string once = synthbench::report::results_to_json(data).dump(2);
  const auto again = synthbench::report::parse_results(once, "results.json");
  EXPECT_EQ(synthbench::report::results_to_json(again).dump(2), once);
  const auto doc = nlohmann::json::parse(once);
  EXPECT_EQ(doc["format"], "synthbench-results/1");
  // The meta-metrics are written for consumers: SRCC of "strong"'s data, MSPD, ...
  EXPECT_TRUE(doc["experiments"][0]["metrics"][0]["meta"]["datasets"]["strong"].contains("srcc"));
}

TEST(ResultsJson, MalformedFilesNameThePosition) {
  struct Case {
    std::string text;
    const char* id;
    const char* where;
  };
  const std::vector<Case> cases = {
      {"{", "synthbench.input.101", "line 1, column 2"},
      {R"({"format": "synthbench-results/9", "producer": "x", "experiments": [], "cassettes": []})", "synthbench.input.804", "/format"},
      {R"({"format": "synthbench-results/1", "experiments": [], "cassettes": []})", "synthbench.input.802", "/"},
      {R"({"format": "synthbench-results/1", "producer": "x", "experiments": {}, "cassettes": []})", "synthbench.input.801", "/experiments"},
      {R"({"format": "synthbench-results/1", "producer": "x", "experiments": [{"name": "a", "task": "intent", "solvers": [],
          "datasets": [{"name": "real", "items": -3, "issues": {}}], "metrics": [], "predictions": [], "undefined_cells": []}],
          "cassettes": []})", "synthbench.input.801", "/experiments/0/datasets/0/items"},
      {R"({"format": "synthbench-results/1", "producer": "x", "experiments": [{"name": "a", "task": "intent", "solvers": [],
          "datasets": [], "metrics": [{"table": {"metric": "f1", "real": {}}, "intervals": []}], "predictions": [],
          "undefined_cells": []}], "cassettes": []})", "synthbench.input.205", "/real"},
      {R"({"format": "synthbench-results/1", "producer": "x", "experiments": [{"name": "a", "task": "intent", "solvers": [],
          "datasets": [], "metrics": [], "predictions": [{"solver": "s", "dataset": "real", "items": 2, "parse_failures": 3,
          "out_of_label_set": 0, "examples": []}], "undefined_cells": []}], "cassettes": []})", "synthbench.input.803",
       "/experiments/0/predictions/0"},
  };
  for (const auto& c : cases) {
    try {
      (void)synthbench::report::parse_results(c.text, "results.json");
      ADD_FAILURE() << "accepted: " << c.text;
    } catch (const synthbench::InputError& e) {
      EXPECT_EQ(e.id(), c.id) << e.what();
      EXPECT_EQ(e.where(), c.where) << e.what();
    }
  }
}

TEST(MarkdownReport, HasTableOneTableTwoAndTheRest) {
  const std::string md = synthbench::report::render_markdown(toy_data());
  EXPECT_NE(md.find("## toy \\<intent\\> (intent)"), std::string::npos) << md;
  EXPECT_NE(md.find("Table I. MSPD"), std::string::npos);
  EXPECT_NE(md.find("| **Average** |"), std::string::npos);
  EXPECT_NE(md.find("Table II. Bias factor"), std::string::npos);
  // "strong" is both a generator and a solver: it has a bias factor.
  EXPECT_NE(md.find("| strong |"), std::string::npos);
  EXPECT_NE(md.find("| cassettes/toy.json | 30 | 0 | 2 |"), std::string::npos);
  EXPECT_NE(md.find("gen-b (6 items, 1 duplicate)"), std::string::npos) << md;
}

// One Markdown escaper serves every table of the report layer (issue 14): `synthbench meta`'s
// tables used to escape only '|', so a line break in a name split its row in two.
TEST(MetaMarkdown, ANameWithALineBreakOrAPipeStaysInOneCell) {
  synthbench::ScoreTable t("macro_f1");
  const char* approaches[] = {"A", "B", "C"};
  const double real[] = {.9, .8, .7};
  for (int i = 0; i < 3; ++i) {
    t.set_real(approaches[i], real[i]).set_synthetic("gen\nx|y", approaches[i], real[i] - .1);
  }
  const std::string md = synthbench::report::meta_to_markdown(synthbench::summarize(t), t);
  EXPECT_NE(md.find("| gen x\\|y |"), std::string::npos) << md;
  EXPECT_EQ(md.find("gen\nx"), std::string::npos) << md;
  // Every table row is whole: it starts and ends with '|'.
  std::istringstream lines(md);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line.front() != '|') continue;
    EXPECT_EQ(line.back(), '|') << line;
  }
}

TEST(HtmlReport, OneLinePerDataSourceInEveryChart) {
  const auto data = toy_data();
  const std::string html = synthbench::report::render_html(data, synthbench::report::render_markdown(data));
  // One chart per metric (4), each with real + 2 generators + average = 4 lines.
  const std::regex chart("<svg class=\"chart\"[\\s\\S]*?</svg>");
  std::size_t charts = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), chart); it != std::sregex_iterator(); ++it) {
    const std::string svg = it->str();
    ++charts;
    EXPECT_EQ(count(svg, "<polyline class=\"series\""), 4u);
    for (const char* source : {"real", "strong", "gen-b", "average"}) {
      EXPECT_EQ(count(svg, std::string("data-source=\"") + source + "\""), 1u) << source;
    }
  }
  EXPECT_EQ(charts, 4u);
  EXPECT_EQ(count(html, "<svg class=\"heatmap\""), 1u);
  EXPECT_EQ(count(html, "<svg class=\"gaps\""), 1u);
  EXPECT_EQ(count(html, "class=\"bar\""), 3u) << "two generators and the average";
}

TEST(HtmlReport, SelfContainedAndEscaped) {
  const auto data = toy_data();
  const std::string html = synthbench::report::render_html(data, synthbench::report::render_markdown(data));
  EXPECT_EQ(html.find("<script"), std::string::npos);
  // No resource from the network: the only URL is the SVG namespace name, which is never fetched.
  EXPECT_EQ(html.find("https://"), std::string::npos);
  for (auto at = html.find("http://"); at != std::string::npos; at = html.find("http://", at + 1)) {
    EXPECT_EQ(html.compare(at, 26, "http://www.w3.org/2000/svg"), 0) << html.substr(at, 60);
  }
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
  EXPECT_NE(html.find("toy &lt;intent&gt;"), std::string::npos);
  EXPECT_EQ(html.find("toy <intent>"), std::string::npos);
}

TEST(HtmlReport, TablesKeepTheMarkdownAlignmentAndTheTitleAppearsOnce) {
  const auto data = toy_data();
  const std::string html = synthbench::report::render_html(data, synthbench::report::render_markdown(data));
  EXPECT_EQ(count(html, "synthbench report</h"), 1u) << "the page heading only, not again above the tables";
  // Table I: "| Generator | ... MSPD | ... SRCC |" over "| --- | ---: | ---: |": the first column
  // left, the numbers right; Table "Model selection" centres Top-1 (":---:").
  EXPECT_NE(html.find("<th class=\"l\">Generator</th><th class=\"r\">"), std::string::npos);
  EXPECT_NE(html.find("<th class=\"c\">Top-1</th>"), std::string::npos);
}

class ReportFolder : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = synthbench_test_support::make_temp_dir("synthbench-report"); }
  void TearDown() override {
    ::unsetenv("GITHUB_STEP_SUMMARY");
    fs::remove_all(dir_);
  }
  fs::path dir_;
};

TEST_F(ReportFolder, WritersMergeTheirExperiments) {
  ReportData first;
  first.add(synthbench::report::describe(synthbench_test_support::toy_experiment("first")));
  ReportData second;
  second.add(synthbench::report::describe(synthbench_test_support::toy_experiment("second")));
  synthbench::report::write_report(dir_, first);
  const auto files = synthbench::report::write_report(dir_, second);
  synthbench::report::write_report(dir_, first);  // a re-run replaces "first", keeps "second"
  const auto merged = synthbench::report::parse_results(synthbench::detail::read_file(files.results), "results.json");
  ASSERT_EQ(merged.experiments.size(), 2u);
  EXPECT_EQ(merged.experiments[0].name, "first");
  EXPECT_EQ(merged.experiments[1].name, "second");
  const std::string html = synthbench::detail::read_file(files.html);
  EXPECT_NE(html.find("<h2>first"), std::string::npos);
  EXPECT_NE(html.find("<h2>second"), std::string::npos);
}

TEST_F(ReportFolder, AppendsToTheGitHubStepSummary) {
  const auto summary = dir_ / "summary.md";
  std::ofstream(summary) << "earlier step\n";
  ::setenv("GITHUB_STEP_SUMMARY", summary.c_str(), 1);
  synthbench::report::write_report(dir_ / "report", toy_data());
  const std::string text = synthbench::detail::read_file(summary);
  EXPECT_EQ(text.rfind("earlier step\n# synthbench report", 0), 0u) << text.substr(0, 80);
}

TEST_F(ReportFolder, RefusesToOverwriteAForeignResultsFile) {
  std::ofstream(dir_ / "results.json") << "not json";
  EXPECT_THROW(synthbench::report::write_report(dir_, toy_data()), synthbench::InputError);
  EXPECT_EQ(synthbench::detail::read_file(dir_ / "results.json"), "not json");
}

}  // namespace
