#ifndef SYNTHBENCH_GTEST_RERUN_COMMAND_HPP
#define SYNTHBENCH_GTEST_RERUN_COMMAND_HPP

/// @file
/// The one "re-run this" command of synthbench's failures (bless a baseline, record a
/// cassette), built from GoogleTest's public API only:
///
///     SYNTHBENCH_BLESS=1 /abs/path/build/my_test '--gtest_filter=UpgradeGate.NotWorse'
///
/// Every word is shell-quoted. The program is this process's absolute path (/proc/self/exe),
/// so the command works from any folder; the filter names the running test
/// (UnitTest::current_test_info), else the running suite ("Suite.*", while a suite is set up),
/// else nothing (the whole program). The values of SYNTHBENCH_CASSETTE_DIR and
/// SYNTHBENCH_DATA_DIR, which choose what the test reads, are carried over when set.

#include <gtest/gtest.h>  // ::testing::UnitTest, ::testing::TestInfo, ::testing::TestSuite

#include <cstdlib>  // std::getenv
#include <string>   // std::string
#include <utility>  // std::pair
#include <vector>   // std::vector

#include "synthbench/detail/command_line.hpp"  // detail::shell_quote, detail::own_program
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {

/// The --gtest_filter value selecting the running test ("Suite.Name"), else the running suite
/// ("Suite.*"), else "" (no test or suite is running).
inline std::string current_test_filter() {
  const ::testing::UnitTest* unit = ::testing::UnitTest::GetInstance();
  if (const ::testing::TestInfo* info = unit->current_test_info()) {
    return std::string(info->test_suite_name()) + "." + info->name();
  }
  if (const ::testing::TestSuite* suite = unit->current_test_suite()) return std::string(suite->name()) + ".*";
  return {};
}

/// The shell command that re-runs the running test (see the file comment) with the
/// environment `assignments` first, e.g. {{"SYNTHBENCH_BLESS", "1"}}.
inline std::string rerun_command(const std::vector<std::pair<std::string, std::string>>& assignments) {
  std::string command;
  const auto assign = [&command](const std::string& name, const std::string& value) {
    command += name + "=" + synthbench::detail::shell_quote(value) + " ";
  };
  for (const auto& [name, value] : assignments) assign(name, value);
  for (const char* carried : {"SYNTHBENCH_CASSETTE_DIR", "SYNTHBENCH_DATA_DIR"}) {
    bool given = false;
    for (const auto& a : assignments) given = given || a.first == carried;
    const char* value = std::getenv(carried);
    if (!given && value != nullptr && *value != '\0') assign(carried, value);
  }
  const std::string program = synthbench::detail::own_program();
  command += synthbench::detail::shell_quote(program.empty() ? "<test program>" : program);
  const std::string filter = current_test_filter();
  if (!filter.empty()) command += " " + synthbench::detail::shell_quote("--gtest_filter=" + filter);
  return command;
}

}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_GTEST_RERUN_COMMAND_HPP
