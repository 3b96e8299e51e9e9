#include <synthbench/scores/approach_scores.hpp>

#include <gtest/gtest.h>

#include <limits>

namespace {

using synthbench::ApproachScores;
using synthbench::UsageError;

TEST(ApproachScores, KeepsInsertionOrderAndReplaces) {
  ApproachScores s("real", "f1", {{"b", 0.5}, {"a", 0.7}});
  s.set("b", 0.6).set("c", 0.1);
  EXPECT_EQ(s.approaches(), (std::vector<std::string>{"b", "a", "c"}));
  EXPECT_EQ(s.at("b"), 0.6);
  EXPECT_EQ(s.size(), 3u);
  EXPECT_EQ(s.dataset(), "real");
  EXPECT_EQ(s.metric(), "f1");
  EXPECT_FALSE(s.find("zzz").has_value());
}

TEST(ApproachScores, RejectsNonFiniteScoresAndEmptyNames) {
  ApproachScores s("real");
  try {
    s.set("a", std::numeric_limits<double>::quiet_NaN());
    FAIL() << "NaN must be rejected";
  } catch (const UsageError& e) {
    EXPECT_EQ(e.id(), "synthbench.usage.1");
    EXPECT_NE(std::string(e.what()).find("score of 'a' on 'real' must be finite"), std::string::npos) << e.what();
  }
  EXPECT_THROW(s.set("a", std::numeric_limits<double>::infinity()), UsageError);
  EXPECT_THROW(s.set("", 0.5), UsageError);
  EXPECT_TRUE(s.empty());
}

TEST(ApproachScores, AtNamesTheKnownApproaches) {
  const ApproachScores s("gpt-4o", "f1", {{"a", 0.5}, {"b", 0.6}});
  try {
    (void)s.at("c");
    FAIL() << "unknown approach must throw";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "[synthbench.usage.3] no score for approach 'c' on 'gpt-4o' (known: a, b)");
  }
}

}  // namespace
