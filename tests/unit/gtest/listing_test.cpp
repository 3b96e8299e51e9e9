// gtest_discover_tests works with ExperimentSuite (issue 12): listing the tests, filtering
// and sharding them never build the experiment, and in record mode against a live (local)
// LLM server they send it no request. Run on listing_program.cpp as a child process.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/local_chat_server.hpp"
#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;
using synthbench_test_support::LocalChatServer;
using synthbench_test_support::ProcessResult;

class Listing : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = synthbench_test_support::make_temp_dir("synthbench-listing");
    marker_ = dir_ / "builds.txt";
  }
  void TearDown() override { fs::remove_all(dir_); }

  ProcessResult run(const std::vector<std::string>& args, std::vector<std::string> env) {
    const auto program = synthbench_test_support::binary_dir() / "tests" / "unit" / "gtest" / "synthbench_gtest_listing_program";
    std::vector<std::string> argv = {program.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    env.push_back("SYNTHBENCH_LISTING_MARKER=" + marker_.string());
    env.push_back("SYNTHBENCH_CASSETTE_DIR=" + (dir_ / "cassettes").string());
    env.push_back("SYNTHBENCH_REPORT=0");
    return synthbench_test_support::run_process(argv, "", env);
  }

  int builds() const {
    std::ifstream in(marker_);
    int n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
  }

  // Record mode against `server`: a build would call it.
  static std::vector<std::string> recording(const LocalChatServer& server) {
    return {"SYNTHBENCH_RECORD=all", "SYNTHBENCH_RECORD_IN_CI=1", "SYNTHBENCH_BASE_URL=" + server.base_url()};
  }

  fs::path dir_;
  fs::path marker_;
};

TEST_F(Listing, ListsTheNamesOfTheSpecWithoutBuilding) {
  const ProcessResult r = run({"--gtest_list_tests"}, {"SYNTHBENCH_LISTING_FORBID_BUILD=1"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.substr(r.out.find("Plain.")),  // after gtest_main's "Running main() from ..."
            "Plain.\n"
            "  NeedsNoExperiment\n"
            "Generators/ListedByGenerator.\n"
            "  HasScores/gen_1  # GetParam() = \"gen-1\"\n"
            "  HasScores/gen_2  # GetParam() = \"gen-2\"\n"
            "  HasScores/average  # GetParam() = \"average\"\n"
            "Solvers/ListedBySolver.\n"
            "  Answered/model_a  # GetParam() = \"model-a\"\n"
            "  Answered/model_b  # GetParam() = \"model-b\"\n");
  EXPECT_EQ(builds(), 0);
}

TEST_F(Listing, FiltersAndShardsThatLeaveTheSuitesOutBuildNothing) {
  const ProcessResult filtered = run({"--gtest_filter=Plain.*"}, {"SYNTHBENCH_LISTING_FORBID_BUILD=1"});
  EXPECT_EQ(filtered.exit_code, 0) << filtered.out << filtered.err;
  EXPECT_NE(filtered.out.find("[  PASSED  ] 1 test."), std::string::npos) << filtered.out;
  // Shard 0 of 6 holds test 0 only, the plain test (GoogleTest deals tests out in order).
  const ProcessResult shard = run({}, {"SYNTHBENCH_LISTING_FORBID_BUILD=1", "GTEST_TOTAL_SHARDS=6", "GTEST_SHARD_INDEX=0"});
  EXPECT_EQ(shard.exit_code, 0) << shard.out << shard.err;
  EXPECT_NE(shard.out.find("[  PASSED  ] 1 test."), std::string::npos) << shard.out;
  EXPECT_EQ(builds(), 0);
  // The hook works: a run that needs the experiment does build it (and aborts here).
  const ProcessResult needs = run({"--gtest_filter=Solvers/*"}, {"SYNTHBENCH_LISTING_FORBID_BUILD=1"});
  EXPECT_NE(needs.exit_code, 0);
  EXPECT_NE(needs.err.find("the experiment was built"), std::string::npos) << needs.err;
}

TEST_F(Listing, InRecordModeListingSpendsNothing) {
  LocalChatServer server;
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--gtest_list_tests"},
                                               std::vector<std::string>{"--gtest_filter=Plain.*"},
                                               std::vector<std::string>{"--gtest_list_tests", "--gtest_filter=*Answered*"}}) {
    const ProcessResult r = run(args, recording(server));
    EXPECT_EQ(r.exit_code, 0) << args.back() << "\n" << r.out << r.err;
  }
  const ProcessResult shard = run({}, [&] {
    auto env = recording(server);
    env.insert(env.end(), {"GTEST_TOTAL_SHARDS=6", "GTEST_SHARD_INDEX=0"});
    return env;
  }());
  EXPECT_EQ(shard.exit_code, 0) << shard.out << shard.err;
  EXPECT_EQ(server.requests(), 0u) << "listing, filtering or sharding away the suites called the LLM";
  EXPECT_EQ(builds(), 0);
  EXPECT_FALSE(fs::exists(dir_ / "cassettes" / "listing_program.json"));

  // Running the suites records: one build for both suites, 3 + 2 + 2 utterances x 2 models.
  const ProcessResult all = run({"--gtest_filter=Generators/*:Solvers/*"}, recording(server));
  EXPECT_EQ(all.exit_code, 0) << all.out << all.err;
  EXPECT_EQ(builds(), 1);
  EXPECT_EQ(server.requests(), 14u);
  EXPECT_TRUE(fs::exists(dir_ / "cassettes" / "listing_program.json"));
}

}  // namespace
