#ifndef SYNTHBENCH_GTEST_DETAIL_PROPERTY_HPP
#define SYNTHBENCH_GTEST_DETAIL_PROPERTY_HPP

/// @file
/// Test properties, the one way synthbench records a value of a test: through
/// ::testing::Test::RecordProperty (so it reaches --gtest_output=xml|json as a property of the
/// test) and as a line on standard output,
///
///     [ PROPERTY ] synthbench.srcc.macro_f1.gpt-4o = 0.82857143
///
/// which ctest keeps in the test's output, so that `ctest --output-junit` carries it too (in
/// the test case's system-out; ctest's JUnit file has no place for gtest's properties).
/// Keys name the statistic, the metric and what was compared (docs/assertions.md), so two
/// assertions on two metrics in one test never overwrite each other.

#include <gtest/gtest.h>  // ::testing::Test::RecordProperty

#include <cstddef>   // std::size_t
#include <iostream>  // std::cout
#include <string>    // std::string

#include "synthbench/detail/format.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {
namespace detail {

/// Records the test property `key` = `value` and prints it (see the file comment).
inline void record_property(const std::string& key, const std::string& value) {
  ::testing::Test::RecordProperty(key, value);
  std::cout << "[ PROPERTY ] " << key << " = " << value << std::endl;
}

/// Records the number `value` (8 significant digits, locale-independent) as `key`.
inline void record_property(const std::string& key, double value) {
  record_property(key, synthbench::detail::general(value, 8));
}

/// Records the count `value` as `key`.
inline void record_count(const std::string& key, std::size_t value) { record_property(key, std::to_string(value)); }

}  // namespace detail
}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_GTEST_DETAIL_PROPERTY_HPP
