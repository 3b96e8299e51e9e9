#include <synthbench/experiment/sampling.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "unit/experiment/dataset_test_support.hpp"

namespace {

using synthbench::first_indices;
using synthbench::Pick;
using synthbench::random_indices;
using synthbench::round_half_even;
using synthbench::sample_per_class;
using Indices = std::vector<std::size_t>;

// Golden samples. They pin the exact indices on every platform; they were computed with an
// independent Python transcription of SplitMix64, xoshiro256**, Lemire's bounded draws,
// FNV-1a/derive_seed and the partial Fisher-Yates shuffle (the same transcription reproduces
// the golden values of tests/unit/stats/random_test.cpp).

TEST(RandomIndices, GoldenSamples) {
  EXPECT_EQ(random_indices(20, 5, 42), (Indices{1, 8, 14, 18, 19}));
  EXPECT_EQ(random_indices(1000, 10, 7), (Indices{66, 110, 159, 279, 408, 700, 839, 873, 981, 990}));
  EXPECT_EQ(random_indices(200, 3, 0), (Indices{22, 120, 149}));
  EXPECT_EQ(random_indices(100, 5, 240911968), (Indices{38, 46, 51, 52, 65}));
}

TEST(RandomIndices, DistinctSortedAndEverythingWhenAskedForMore) {
  const auto s = random_indices(50, 30, 3);
  ASSERT_EQ(s.size(), 30u);
  EXPECT_EQ(std::set<std::size_t>(s.begin(), s.end()).size(), 30u);
  EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
  EXPECT_LT(s.back(), 50u);
  EXPECT_EQ(random_indices(4, 4, 1), (Indices{0, 1, 2, 3}));
  EXPECT_EQ(random_indices(4, 9, 1), (Indices{0, 1, 2, 3}));
  EXPECT_TRUE(random_indices(4, 0, 1).empty());
  EXPECT_TRUE(random_indices(0, 3, 1).empty());
  EXPECT_NE(random_indices(1000, 10, 7), random_indices(1000, 10, 8));
}

TEST(FirstIndices, APrefix) {
  EXPECT_EQ(first_indices(5, 3), (Indices{0, 1, 2}));
  EXPECT_EQ(first_indices(2, 3), (Indices{0, 1}));
  EXPECT_TRUE(first_indices(5, 0).empty());
}

TEST(SamplePerClass, GoldenSampleAndClassOrder) {
  //                                  0    1    2    3    4    5    6    7    8    9    10
  const std::vector<std::string> keys = {"B", "A", "B", "C", "A", "B", "A", "B", "C", "A", "A"};
  const auto s = sample_per_class(keys, 2, 42);
  // A = {1, 4, 6, 9, 10}, B = {0, 2, 5, 7}, C = {3, 8}; classes in byte order, each sample
  // ascending; C has exactly 2, so no draw.
  EXPECT_EQ(s.indices, (Indices{1, 10, 5, 7, 3, 8}));
  ASSERT_EQ(s.classes.size(), 3u);
  EXPECT_EQ(s.classes[0], (std::pair<std::string, std::size_t>{"A", 5}));
  EXPECT_EQ(s.classes[2], (std::pair<std::string, std::size_t>{"C", 2}));
  EXPECT_TRUE(s.short_classes.empty());
  const auto first = sample_per_class(keys, 2, 42, Pick::first);
  EXPECT_EQ(first.indices, (Indices{1, 4, 0, 2, 3, 8}));
}

TEST(SamplePerClass, ShortClassesGiveWhatTheyHave) {
  const std::vector<std::string> keys = {"x", "y", "y", "y", "y"};
  const auto s = sample_per_class(keys, 3, 1);
  ASSERT_EQ(s.short_classes.size(), 1u);
  EXPECT_EQ(s.short_classes[0], (std::pair<std::string, std::size_t>{"x", 1}));
  ASSERT_EQ(s.indices.size(), 4u);
  EXPECT_EQ(s.indices[0], 0u);
  EXPECT_TRUE(sample_per_class(keys, 0, 1).indices.empty());
}

TEST(SamplePerClass, EachClassHasItsOwnStream) {
  // Adding items of another class does not change the sample of class "A".
  const std::vector<std::string> small = {"A", "A", "A", "A", "A", "A"};
  std::vector<std::string> large = small;
  for (int i = 0; i < 20; ++i) large.push_back("B");
  const auto a = sample_per_class(small, 2, 9);
  const auto b = sample_per_class(large, 2, 9);
  EXPECT_EQ(a.indices, Indices(b.indices.begin(), b.indices.begin() + 2));
}

TEST(ScoreBuckets, RoundHalfToEvenAsPython) {
  EXPECT_EQ(round_half_even(0.5), 0.0);
  EXPECT_EQ(round_half_even(1.5), 2.0);
  EXPECT_EQ(round_half_even(2.5), 2.0);
  EXPECT_EQ(round_half_even(3.5), 4.0);
  EXPECT_EQ(round_half_even(4.5), 4.0);
  EXPECT_EQ(round_half_even(2.4999999), 2.0);
  EXPECT_EQ(round_half_even(2.5000001), 3.0);
  EXPECT_EQ(round_half_even(0.0), 0.0);
  EXPECT_EQ(round_half_even(5.0), 5.0);
  EXPECT_EQ(synthbench::score_bucket(4.8), "5");
  EXPECT_EQ(synthbench::score_bucket(0.4), "0");
}

synthbench::SimilarityDataset scores(const std::vector<double>& values) {
  synthbench::SimilarityDataset d;
  d.name = "sts";
  for (const double v : values) d.items.push_back({"a", "b", v});
  return d;
}

TEST(ExamplesPerScore, GoldenSample) {
  //                    0    1    2    3    4    5    6    7    8    9    10   11   12   13
  const auto d = scores({0.0, 0.4, 0.5, 1.5, 2.5, 2.6, 3.5, 4.2, 4.5, 5.0, 4.8, 1.2, 0.6, 3.0});
  // Buckets: 0 = {0, 1, 2}, 1 = {11, 12}, 2 = {3, 4}, 3 = {5, 13}, 4 = {6, 7, 8}, 5 = {9, 10}.
  const auto s = synthbench::examples_per_score(d, 1, 7);
  EXPECT_EQ(s.indices, (Indices{1, 12, 4, 5, 6, 9}));
  ASSERT_EQ(s.classes.size(), 6u);
  EXPECT_EQ(s.classes[1], (std::pair<std::string, std::size_t>{"1", 2}));
  EXPECT_EQ(synthbench::examples_per_score(d, 1, 7, Pick::first).indices, (Indices{0, 11, 3, 5, 6, 9}));
}

TEST(ExamplesPerIntent, ByLabel) {
  synthbench::IntentDataset d;
  for (const char* label : {"B", "A", "B", "C", "A", "B", "A", "B", "C", "A", "A"}) d.items.push_back({"t", label});
  EXPECT_EQ(synthbench::examples_per_intent(d, 2, 42).indices, (Indices{1, 10, 5, 7, 3, 8}));
}

TEST(RandomExamples, KAtRandomInDatasetOrder) {
  synthbench::NerDataset d;
  d.items.resize(100);
  EXPECT_EQ(synthbench::random_examples(d, 5, 240911968), (Indices{38, 46, 51, 52, 65}));
}

synthbench::IntentDataset with_report() {
  synthbench::IntentDataset d;
  d.name = "gen";
  d.source = "gen.jsonl";
  for (const char* t : {"a", "b", "c", "d"}) d.items.push_back({t, "L"});
  d.report.add(1, "dropped_item", "line 2", "blank");    // between items 0 and 1
  d.report.add(1, "realigned", "line 3", "moved");       // about item 1
  d.report.add(3, "realigned", "line 5", "moved");       // about item 3
  d.report.add(4, "dropped_item", "line 6", "blank");    // after the last item
  return d;
}

TEST(Subsets, KeepTheIssuesOfTheirItems) {
  const auto d = with_report();
  const auto s = synthbench::subset(d, {3, 1});
  EXPECT_EQ(s.name, "gen");
  EXPECT_EQ(s.source, "gen.jsonl");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s.items[0].text, "d");
  ASSERT_EQ(s.report.issues.size(), 2u);
  EXPECT_EQ(s.report.issues[0].item, 0u);
  EXPECT_EQ(s.report.issues[0].where, "line 5");
  EXPECT_EQ(s.report.issues[1].item, 1u);
  EXPECT_EQ(s.report.issues[1].where, "line 3");
  synthbench_test_support::expect_usage_error([&] { synthbench::subset(d, {4}); }, "synthbench.usage.53");
  const auto r = synthbench::random_items(d, 2, 5);
  EXPECT_EQ(r.size(), 2u);
}

TEST(Subsets, APrefixKeepsWhatCameBeforeIt) {
  const auto d = with_report();
  const auto one = synthbench::first_items(d, 1);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_TRUE(one.report.issues.empty()) << "the dropped record came after item 0";
  const auto two = synthbench::first_items(d, 2);
  ASSERT_EQ(two.report.issues.size(), 2u);
  EXPECT_EQ(two.report.issues[0].kind, "dropped_item");
  EXPECT_EQ(synthbench::first_items(d, 10).report.issues.size(), 4u) << "everything: the trailing drop too";
  EXPECT_EQ(synthbench::first_items(d, 4).report.issues.size(), 4u);
  EXPECT_EQ(synthbench::first_items(d, 3).report.issues.size(), 2u);
}

}  // namespace
