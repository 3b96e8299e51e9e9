// The end-of-program report, from a real test program run as a child process.
#include <synthbench/report/results_json.hpp>

#include <gtest/gtest.h>

#include <filesystem>

#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;

TEST(ReportListener, WritesTheReportWhenTheProgramEnds) {
  const auto program = synthbench_test_support::binary_dir() / "tests" / "unit" / "report" / "synthbench_report_listener_program";
  ASSERT_TRUE(fs::exists(program)) << program;
  const auto dir = synthbench_test_support::make_temp_dir("synthbench-listener");
  const auto r = synthbench_test_support::run_process({program.string()}, "", {"SYNTHBENCH_REPORT_DIR=" + dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("[ SYNTHBENCH ] report: " + (dir / "report.html").string()), std::string::npos) << r.out;
  for (const char* file : {"results.json", "report.md", "report.html"}) EXPECT_TRUE(fs::exists(dir / file)) << file;
  const auto data = synthbench::report::parse_results(synthbench::detail::read_file(dir / "results.json"), "results.json");
  ASSERT_EQ(data.experiments.size(), 2u);
  EXPECT_EQ(data.experiments[0].name, "hand-written");
  EXPECT_EQ(data.experiments[1].name, "published");
  // The tests that called gtest::gates, with their verdicts; the skipped one is not there.
  ASSERT_EQ(data.gates.size(), 2u);
  EXPECT_EQ(data.gates[0].experiment, "published");
  EXPECT_EQ(data.gates[0].test, "Published.Ranks");
  EXPECT_TRUE(data.gates[0].passed);
  EXPECT_EQ(data.gates[1].test, "Published.GateThatFailsOnRequest");
  EXPECT_TRUE(data.gates[1].passed);
  // A failing gate: the program fails, and the report says which gate failed.
  const auto failing_dir = synthbench_test_support::make_temp_dir("synthbench-listener-fail");
  const auto failing = synthbench_test_support::run_process(
      {program.string()}, "", {"SYNTHBENCH_REPORT_DIR=" + failing_dir.string(), "SYNTHBENCH_TEST_FAIL_GATE=1"});
  EXPECT_NE(failing.exit_code, 0);
  const auto failed = synthbench::report::parse_results(synthbench::detail::read_file(failing_dir / "results.json"), "results.json");
  ASSERT_EQ(failed.gates.size(), 2u);
  EXPECT_TRUE(failed.gates[0].passed);
  EXPECT_FALSE(failed.gates[1].passed);
  EXPECT_NE(synthbench::detail::read_file(failing_dir / "report.md").find("Published.GateThatFailsOnRequest"), std::string::npos);
  fs::remove_all(failing_dir);
  // SYNTHBENCH_REPORT=0 turns it off.
  const auto off = synthbench_test_support::make_temp_dir("synthbench-listener-off");
  const auto quiet = synthbench_test_support::run_process(
      {program.string()}, "", {"SYNTHBENCH_REPORT_DIR=" + off.string(), "SYNTHBENCH_REPORT=0"});
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_FALSE(fs::exists(off / "results.json"));
  fs::remove_all(dir);
  fs::remove_all(off);
}

}  // namespace
