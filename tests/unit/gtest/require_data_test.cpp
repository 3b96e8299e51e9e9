// Tests that need absent data skip by default and fail under SYNTHBENCH_REQUIRE_DATA=1
// (gtest/require_data.hpp), on a real child process.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace {

synthbench_test_support::ProcessResult run_data_program(const std::vector<std::string>& env) {
  const auto program = synthbench_test_support::binary_dir() / "tests" / "unit" / "gtest" / "synthbench_gtest_data_program";
  return synthbench_test_support::run_process({program.string()}, "", env);
}

TEST(RequireData, MissingDataSkipsByDefault) {
  const auto r = run_data_program({"SYNTHBENCH_REQUIRE_DATA=0"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("no-such-folder/test.jsonl not found (the data is absent: this test skips; "
                       "SYNTHBENCH_REQUIRE_DATA=1 makes it fail)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[  SKIPPED ] 2 tests"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[  PASSED  ] 1 test."), std::string::npos) << r.out;
}

TEST(RequireData, WithRequireDataMissingDataFails) {
  const auto r = run_data_program({"SYNTHBENCH_REQUIRE_DATA=1"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.out.find("no-such-folder/test.jsonl not found: SYNTHBENCH_REQUIRE_DATA=1 makes missing data a failure"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("the SG4NLP data not found: SYNTHBENCH_REQUIRE_DATA=1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[  FAILED  ] 2 tests"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("ran on without its data"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[  PASSED  ] 1 test."), std::string::npos) << "present data passes either way\n" << r.out;
}

}  // namespace
