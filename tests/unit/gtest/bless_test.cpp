// Selective blessing (bless.hpp), on a real child process: only the tests that run bless,
// baselines are written when a passing test ends, never from inside EXPECT_NONFATAL_FAILURE,
// never twice in one run, and each write says what changed.

#include <synthbench/gtest.hpp>
#include <synthbench/experiment/outcome_baseline.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;
using synthbench_test_support::ProcessResult;

class Blessing : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = synthbench_test_support::make_temp_dir("synthbench-bless"); }
  void TearDown() override { fs::remove_all(dir_); }

  ProcessResult run(const std::string& filter, const std::vector<std::string>& env = {"SYNTHBENCH_BLESS=1"}) {
    const auto program = synthbench_test_support::binary_dir() / "tests" / "unit" / "gtest" / "synthbench_gtest_bless_program";
    std::vector<std::string> environment = env;
    environment.push_back("SYNTHBENCH_BLESS_TEST_DIR=" + dir_.string());
    environment.push_back("SYNTHBENCH_REPORT=0");
    return synthbench_test_support::run_process({program.string(), "--gtest_filter=" + filter}, "", environment);
  }

  fs::path dir_;
};

TEST_F(Blessing, OnlyTheTestsThatRunBlessAndEachWriteSaysWhatChanged) {
  const ProcessResult first = run("Gate.A");
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_TRUE(fs::exists(dir_ / "a.json"));
  EXPECT_FALSE(fs::exists(dir_ / "b.json")) << "Gate.B did not run: it blesses nothing";
  EXPECT_NE(first.out.find("[ BLESSED  ] " + (dir_ / "a.json").string() +
                           " (macro_f1; from scores(shift()), in Gate.A)\n  a new baseline\n"),
            std::string::npos)
      << first.out;

  const ProcessResult second = run("Gate.A", {"SYNTHBENCH_BLESS=1", "SYNTHBENCH_BLESS_TEST_SHIFT=0.05"});
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_NE(second.out.find("in Gate.A)\n"
                            "  real / b: 0.7000 -> 0.7500 (+0.0500)\n"
                            "  synthetic gen / b: 0.6000 -> 0.6500 (+0.0500)\n"),
            std::string::npos)
      << second.out;

  // Without SYNTHBENCH_BLESS the gate compares: the blessed scores hold, a drop fails.
  EXPECT_EQ(run("Gate.A", {"SYNTHBENCH_BLESS_TEST_SHIFT=0.05"}).exit_code, 0);
  const ProcessResult drop = run("Gate.A", {"SYNTHBENCH_BLESS_TEST_SHIFT=0"});
  EXPECT_NE(drop.exit_code, 0);
  EXPECT_NE(drop.out.find("2 regressions against"), std::string::npos) << drop.out;
}

TEST_F(Blessing, NeverFromInsideExpectNonfatalFailure) {
  // The blessed baseline the simulated regression is checked against.
  ASSERT_EQ(run("Gate.A").exit_code, 0);
  fs::copy_file(dir_ / "a.json", dir_ / "c.json");
  const std::string before = synthbench::detail::read_file(dir_ / "c.json");
  EXPECT_EQ(run("Gate.SimulatedRegression", {}).exit_code, 0) << "without blessing, the simulated regression fails the gate";

  const ProcessResult blessing = run("Gate.SimulatedRegression");
  EXPECT_NE(blessing.exit_code, 0) << "the gate passes while blessing, so EXPECT_NONFATAL_FAILURE fails";
  EXPECT_EQ(synthbench::detail::read_file(dir_ / "c.json"), before) << "the downgrade was not written";
  EXPECT_NE(blessing.out.find("[ NOT BLESSED ] " + (dir_ / "c.json").string() + ": Gate.SimulatedRegression failed"),
            std::string::npos)
      << blessing.out;
}

TEST_F(Blessing, RefusesToWriteOneBaselineTwiceInARun) {
  const ProcessResult twice = run("Gate.TwiceInOneTest");
  EXPECT_NE(twice.exit_code, 0);
  EXPECT_NE(twice.out.find("Expected: to bless " + (dir_ / "d.json").string() + " once in this run\n"
                           "  Actual: Gate.TwiceInOneTest asked to bless it before, with other content; synthbench refuses "
                           "to write a baseline twice in one run"),
            std::string::npos)
      << twice.out;
  EXPECT_FALSE(fs::exists(dir_ / "d.json")) << "the test failed: it writes nothing";

  const ProcessResult same = run("Gate.SameContentTwice");
  EXPECT_EQ(same.exit_code, 0) << same.out;
  EXPECT_TRUE(fs::exists(dir_ / "f.json"));
}

TEST_F(Blessing, ThePairedGateBlessesItsOutcomesAndSaysWhatFlipped) {
  const ProcessResult first = run("Gate.NotWorse");
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_NE(first.out.find("[ BLESSED  ] " + (dir_ / "o.json").string() + " (accuracy; from t, in Gate.NotWorse)\n  a new baseline\n"),
            std::string::npos)
      << first.out;
  EXPECT_EQ(synthbench::read_outcome_baseline(dir_ / "o.json").datasets.front().cells.front().size(), 20u);
  // Without blessing, the drop (items 0..5 lost) fails the gate; blessed, it says what changed.
  const ProcessResult gate = run("Gate.NotWorse", {"SYNTHBENCH_BLESS_TEST_SHIFT=1"});
  EXPECT_NE(gate.exit_code, 0);
  EXPECT_NE(gate.out.find("  real / model: 0.8000 -> 0.5000, difference -0.3000"), std::string::npos) << gate.out;
  const ProcessResult second = run("Gate.NotWorse", {"SYNTHBENCH_BLESS=1", "SYNTHBENCH_BLESS_TEST_SHIFT=1"});
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_NE(second.out.find("in Gate.NotWorse)\n  real / model: 0.8000 -> 0.5000 (-0.3000); 0 items gained, 6 lost\n"),
            std::string::npos)
      << second.out;
  EXPECT_EQ(run("Gate.NotWorse", {"SYNTHBENCH_BLESS_TEST_SHIFT=1"}).exit_code, 0) << "the blessed outcomes are the new baseline";
}

TEST_F(Blessing, ATestThatFailsForAnotherReasonWritesNothing) {
  const ProcessResult r = run("Gate.FailsForAnotherReason");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(fs::exists(dir_ / "e.json"));
  EXPECT_NE(r.out.find("[ NOT BLESSED ] " + (dir_ / "e.json").string() + ": Gate.FailsForAnotherReason failed"),
            std::string::npos)
      << r.out;
}

}  // namespace
