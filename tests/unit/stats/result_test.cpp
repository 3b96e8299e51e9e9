#include <synthbench/result.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace {

using synthbench::Result;
using synthbench::Undefined;
using synthbench::UndefinedStatistic;

TEST(Result, DefinedValue) {
  const Result<double> r = 0.25;
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 0.25);
  EXPECT_EQ(r.value_or(1.0), 0.25);
  EXPECT_TRUE(r.message().empty());
  std::ostringstream os;
  os << r;
  EXPECT_EQ(os.str(), "0.25");
}

TEST(Result, UndefinedThrowsWithReasonAndStableId) {
  const auto r = Result<double>::undefined(Undefined::constant_input, "y has all 6 values equal");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.value_or(-2.0), -2.0);
  EXPECT_EQ(r.message(), "undefined (constant_input): y has all 6 values equal");
  try {
    (void)r.value();
    FAIL() << "value() of an undefined Result must throw";
  } catch (const UndefinedStatistic& e) {
    EXPECT_EQ(e.id(), "synthbench.undefined.1");
    EXPECT_STREQ(e.what(), "[synthbench.undefined.1] undefined (constant_input): y has all 6 values equal");
  }
  const auto carried = Result<int>::undefined_from(r);
  EXPECT_EQ(carried.code(), Undefined::constant_input);
  EXPECT_EQ(carried.detail(), "y has all 6 values equal");
}

}  // namespace
