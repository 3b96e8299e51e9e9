// Properties that CI tools can read (issue 12): each recorded value names its statistic, its
// metric and its dataset, so two metrics in one test do not overwrite each other, and it
// reaches --gtest_output=xml, --gtest_output=json and ctest --output-junit. Checked by running
// a real test program (properties_program.cpp) and reading the files it and ctest write.

#include <synthbench/detail/files.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;

// Real ranks a > b > c; synthetic on accuracy b > a > c: d = (1, -1, 0), sum d^2 = 2,
// rho = 1 - 6 x 2 / (3 x 8) = 0.5. On macro_f1 the order is the same: rho = 1.
const char* const kMacro = "synthbench.srcc.macro_f1.gen";
const char* const kAccuracy = "synthbench.srcc.accuracy.gen";

class Properties : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = synthbench_test_support::make_temp_dir("synthbench-properties");
    program_ = synthbench_test_support::binary_dir() / "tests" / "unit" / "gtest" / "synthbench_gtest_properties_program";
    ASSERT_TRUE(fs::exists(program_)) << program_;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  fs::path program_;
};

TEST_F(Properties, ReachGoogleTestsXmlAndJson) {
  const auto xml = dir_ / "out.xml";
  const auto json = dir_ / "out.json";
  ASSERT_EQ(synthbench_test_support::run_process({program_.string(), "--gtest_output=xml:" + xml.string()}, "", {"SYNTHBENCH_REPORT=0"}).exit_code, 0);
  ASSERT_EQ(synthbench_test_support::run_process({program_.string(), "--gtest_output=json:" + json.string()}, "", {"SYNTHBENCH_REPORT=0"}).exit_code, 0);
  const std::string x = synthbench::detail::read_file(xml);
  EXPECT_NE(x.find(std::string("<property name=\"") + kMacro + "\" value=\"1\"/>"), std::string::npos) << x;
  EXPECT_NE(x.find(std::string("<property name=\"") + kAccuracy + "\" value=\"0.5\"/>"), std::string::npos) << x;
  const auto doc = nlohmann::json::parse(synthbench::detail::read_file(json));
  const auto& test = doc.at("testsuites").at(0).at("testsuite").at(0);
  EXPECT_EQ(test.at("name"), "TwoMetricsInOneTest");
  EXPECT_EQ(test.at(kMacro), "1");
  EXPECT_EQ(test.at(kAccuracy), "0.5");
}

TEST_F(Properties, ReachCtestsJUnitOutput) {
  // A ctest project of one test, the program; ctest's JUnit file keeps its output, where
  // synthbench prints each property ("[ PROPERTY ] key = value": gtest/detail/property.hpp).
  std::ofstream(dir_ / "CTestTestfile.cmake") << "add_test(properties \"" << program_.string() << "\")\n"
                                              << "set_tests_properties(properties PROPERTIES ENVIRONMENT SYNTHBENCH_REPORT=0)\n";
  const auto junit = dir_ / "junit.xml";
  const auto r = synthbench_test_support::run_process(
      {SYNTHBENCH_CTEST_COMMAND, "--test-dir", dir_.string(), "--output-junit", junit.string()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string j = synthbench::detail::read_file(junit);
  EXPECT_NE(j.find("<testcase name=\"properties\""), std::string::npos) << j;
  EXPECT_NE(j.find(std::string("[ PROPERTY ] ") + kMacro + " = 1\n"), std::string::npos) << j;
  EXPECT_NE(j.find(std::string("[ PROPERTY ] ") + kAccuracy + " = 0.5\n"), std::string::npos) << j;
}

}  // namespace
