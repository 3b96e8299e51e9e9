#include <synthbench/cassette.hpp>

#include <gtest/gtest.h>

#include <string>

#include "cassette_test_support.hpp"

namespace {

using synthbench::cassette::Cassette;
using synthbench::cassette::Interaction;
using nlohmann::json;

Interaction make(const std::string& text, std::size_t replicate, const std::string& answer, const std::string& model,
                 long long latency_us, bool usage = true) {
  Interaction i;
  i.request = synthbench::cassette::canonical_key(cassette_test::request(text), {"openai", "api.openai.com"});
  i.replicate = replicate;
  i.response.content = answer;
  i.response.model = model;
  if (usage) i.response.usage = synthbench::llm::TokenUsage{10, 4, 14};
  i.response.latency = std::chrono::microseconds(latency_us);
  i.response.raw_body = synthbench::llm::to_openai_json(i.response).dump();
  return i;
}

TEST(Verify, ACleanCassetteHasNoFinding) {
  Cassette c;
  c.interactions = {make("a", 0, "A", "m1", 1000), make("a", 1, "A2", "m1", 1000)};
  const std::string text = synthbench::cassette::dump_cassette(c);
  EXPECT_TRUE(synthbench::cassette::verify_cassette(text, "c.json", {}).empty());
}

TEST(Verify, FindsGapsMetadataLiesAndSecrets) {
  Cassette c;
  c.interactions = {make("a", 0, "A", "m1", 1000), make("a", 2, "A2", "m1", 1000)};
  json doc = json::parse(synthbench::cassette::dump_cassette(c));
  doc["metadata"]["models"] = {"gpt-4o"};  // claims a model that did not answer
  doc["metadata"]["hosts"] = json::array();
  doc["interactions"][0]["response"]["body"]["system_fingerprint"] = "sk-" + std::string(24, 'Q');
  const auto findings = synthbench::cassette::verify_cassette(doc.dump(2), "c.json", {});
  ASSERT_EQ(findings.size(), 4u);
  EXPECT_NE(findings[0].message.find("sk-..."), std::string::npos);
  EXPECT_EQ(findings[0].where.substr(0, 5), "line ");
  EXPECT_EQ(findings[1].where, "/interactions/1");
  EXPECT_NE(findings[1].message.find("replicate 2 of a request without replicate 1"), std::string::npos);
  EXPECT_EQ(findings[2].where, "/metadata/hosts");
  EXPECT_EQ(findings[3].where, "/metadata/models");
}

TEST(Verify, AMalformedFileIsOneFindingWithItsPosition) {
  const auto findings = synthbench::cassette::verify_cassette("{\"format\": 3}", "c.json", {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].where, "/format");
  EXPECT_NE(findings[0].message.find("synthbench.input.403"), std::string::npos);
}

TEST(Stats, PerModelCountsTokensAndLatency) {
  Cassette c;
  c.interactions = {make("a", 0, "A", "m1", 1000), make("b", 0, "B", "m1", 3000), make("c", 0, "C", "m1", 8000),
                    make("d", 0, "D", "m2", 500, false)};
  const auto stats = synthbench::cassette::cassette_stats(c);
  ASSERT_EQ(stats.size(), 2u);
  EXPECT_EQ(stats[0].model, "m1");
  EXPECT_EQ(stats[0].interactions, 3u);
  EXPECT_EQ(stats[0].prompt_tokens, 30);
  EXPECT_EQ(stats[0].completion_tokens, 12);
  EXPECT_DOUBLE_EQ(stats[0].latency_ms_mean, 4.0);
  EXPECT_DOUBLE_EQ(stats[0].latency_ms_median, 3.0);
  EXPECT_DOUBLE_EQ(stats[0].latency_ms_max, 8.0);
  EXPECT_EQ(stats[1].model, "m2");
  EXPECT_EQ(stats[1].without_usage, 1u);
  EXPECT_EQ(stats[1].prompt_tokens, 0);
}

TEST(Merge, UnionDuplicatesAndConflicts) {
  Cassette shard1;
  shard1.metadata.created_at = "2026-02-01T00:00:00Z";
  shard1.interactions = {make("a", 0, "A", "m", 1), make("b", 0, "B", "m", 1)};
  Cassette shard2;
  shard2.metadata.created_at = "2026-01-01T00:00:00Z";
  shard2.interactions = {make("b", 0, "B", "m", 99), make("c", 0, "C", "m", 1), make("a", 0, "other", "m", 1)};
  const auto merged = synthbench::cassette::merge_cassettes({{"s1.json", shard1}, {"s2.json", shard2}});
  EXPECT_EQ(merged.cassette.interactions.size(), 3u);
  EXPECT_EQ(merged.duplicates, 1u);  // "b": same answer, different latency
  ASSERT_EQ(merged.conflicts.size(), 1u);
  EXPECT_EQ(merged.conflicts[0].kept_from, "s1.json");
  EXPECT_EQ(merged.conflicts[0].dropped_from, "s2.json");
  EXPECT_EQ(merged.conflicts[0].difference, "content");
  EXPECT_EQ(merged.cassette.metadata.created_at, "2026-01-01T00:00:00Z");
  for (const auto& i : merged.cassette.interactions) {
    if (i.response.content == "other") ADD_FAILURE() << "the first input's answer is kept";
  }
}

}  // namespace
