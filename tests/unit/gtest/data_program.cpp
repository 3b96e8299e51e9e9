// A test program for require_data_test.cpp, run as a child process (never by ctest): one test
// whose data is missing, one whose data is there.

#include <synthbench/gtest/require_data.hpp>

#include <gtest/gtest.h>

namespace {

TEST(Data, Missing) {
  SYNTHBENCH_SKIP_WITHOUT_DATA("no-such-folder/test.jsonl");
  ADD_FAILURE() << "ran on without its data";
}

TEST(Data, MissingByCondition) {
  SYNTHBENCH_SKIP_WITHOUT_DATA(false, "the SG4NLP data");
  ADD_FAILURE() << "ran on without its data";
}

TEST(Data, Present) {
  SYNTHBENCH_SKIP_WITHOUT_DATA(".");
  SUCCEED();
}

}  // namespace
