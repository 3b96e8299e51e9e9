#ifndef SYNTHBENCH_TESTS_UNIT_GTEST_CAPTURE_HPP
#define SYNTHBENCH_TESTS_UNIT_GTEST_CAPTURE_HPP

// Runs an assertion with its failures intercepted, so a test can compare the whole message.

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace synthbench_test_support {

template <class F>
std::vector<std::string> captured_failures(F&& statement) {
  ::testing::TestPartResultArray results;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &results);
    statement();
  }
  std::vector<std::string> messages;
  for (int i = 0; i < results.size(); ++i) messages.push_back(results.GetTestPartResult(i).message());
  return messages;
}

/// The value of the current test's property `key`, or "<none>".
inline std::string recorded_property(const std::string& key) {
  const auto* result = ::testing::UnitTest::GetInstance()->current_test_info()->result();
  for (int i = 0; i < result->test_property_count(); ++i) {
    if (result->GetTestProperty(i).key() == key) return result->GetTestProperty(i).value();
  }
  return "<none>";
}

}  // namespace synthbench_test_support

#endif  // SYNTHBENCH_TESTS_UNIT_GTEST_CAPTURE_HPP
