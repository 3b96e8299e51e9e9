#include <synthbench/experiment/solvers/similarity_reference_solvers.hpp>
#include <synthbench/gtest/require_data.hpp>
#include <synthbench/stats/correlation.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "support/test_paths.hpp"

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

double score_of(synthbench::SimilaritySolver& s, const std::string& a, const std::string& b) {
  return s.predict({{a, b}}).at(0).score.value();
}

TEST(SimilarityReferenceSolvers, HandWorkedScores) {
  synthbench::TokenJaccardSimilaritySolver jaccard;
  // {a, b, c} and {b, c, d}: 2 shared of 4 -> 0.5 -> 2.5.
  EXPECT_DOUBLE_EQ(score_of(jaccard, "a b c", "b c d"), 2.5);
  synthbench::TokenLcsSimilaritySolver lcs;
  // "a b c d" / "a c d e": LCS "a c d" = 3, 2 * 3 / 8 = 0.75 -> 3.75.
  EXPECT_DOUBLE_EQ(score_of(lcs, "a b c d", "a c d e"), 3.75);
  synthbench::LengthRatioSimilaritySolver length;
  // 3 words and 6 words: 0.5 -> 2.5.
  EXPECT_DOUBLE_EQ(score_of(length, "one two three", "one two three four five six"), 2.5);
  synthbench::CharNgramCosineSimilaritySolver grams;
  EXPECT_DOUBLE_EQ(score_of(grams, "Same text", "same  TEXT"), 5.0);
  // "ab" -> {" ab", "ab "}; "abc" -> {" ab", "abc", "bc "}: one shared of norms sqrt 2, sqrt 3.
  EXPECT_NEAR(score_of(grams, "ab", "abc"), 5.0 / std::sqrt(6.0), 1e-12);
  synthbench::TfidfCosineSimilaritySolver tfidf;
  const auto p = tfidf.predict({{"the cat sat", "the cat sat"}, {"dogs bark", "cats sleep"}});
  EXPECT_NEAR(p[0].score.value(), 5.0, 1e-12);
  EXPECT_EQ(p[1].score.value(), 0.0);
}

TEST(SimilarityReferenceSolvers, EmptySentencesAndRange) {
  for (auto& s : synthbench::similarity_reference_solvers()) {
    const auto p = s->predict({{"", ""}, {"a b", "c d e f g"}, {"x", "x"}});
    ASSERT_EQ(p.size(), 3u) << s->name();
    for (const auto& q : p) {
      ASSERT_TRUE(q.score.has_value()) << s->name();
      EXPECT_GE(*q.score, 0.0) << s->name();
      EXPECT_LE(*q.score, 5.0) << s->name();
    }
  }
}

// On the first 200 real headlines pairs the five scorers correlate with gold very
// differently (measured Pearson r: tfidf-cosine 0.63, char-ngram-cosine 0.61, token-jaccard
// 0.59, token-lcs 0.57, length-ratio 0.06).
TEST(SimilarityReferenceSolvers, VisiblyDifferentQualityOnHeadlines) {
  const auto file = synthbench_test_support::sg4nlp_dir() / "real" / "headlines" / "test.jsonl";
  SYNTHBENCH_SKIP_WITHOUT_DATA(file);
  std::ifstream in(file);
  std::string line;
  Pairs pairs;
  std::vector<double> gold;
  while (pairs.size() < 200 && std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    pairs.push_back({j.at("text1").get<std::string>(), j.at("text2").get<std::string>()});
    gold.push_back(j.at("score").get<double>());
  }
  std::map<std::string, double> r;
  for (auto& s : synthbench::similarity_reference_solvers()) {
    std::vector<double> predicted;
    for (const auto& p : s->predict(pairs)) predicted.push_back(p.score.value());
    r[s->name()] = synthbench::stats::pearson(gold, predicted).value();
  }
  for (const auto& [name, value] : r) std::cout << "  " << name << ": pearson " << value << "\n";
  EXPECT_GE(r["tfidf-cosine"], 0.5);
  EXPECT_GE(r["char-ngram-cosine"], 0.5);
  EXPECT_GE(r["token-jaccard"], 0.5);
  EXPECT_GE(r["token-lcs"], 0.4);
  EXPECT_LE(r["length-ratio"], 0.3);
}

}  // namespace
