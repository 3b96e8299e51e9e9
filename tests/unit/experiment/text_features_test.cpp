#include <synthbench/experiment/text_features.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace {

using synthbench::text::SparseVector;

TEST(Tokenize, LowercasesAndSplitsOnPunctuation) {
  EXPECT_EQ(synthbench::text::tokenize("Add Sabrina's song, to MY playlist!"),
            (std::vector<std::string>{"add", "sabrina's", "song", "to", "my", "playlist"}));
  EXPECT_EQ(synthbench::text::tokenize("  "), std::vector<std::string>{});
  EXPECT_EQ(synthbench::text::tokenize("café 2024"), (std::vector<std::string>{"café", "2024"}));
}

TEST(CharNgrams, PadWordBoundaries) {
  EXPECT_EQ(synthbench::text::char_ngrams("Ab  c", 3), (std::vector<std::string>{" ab", "ab ", "b c", " c "}));
  EXPECT_TRUE(synthbench::text::char_ngrams("", 3).empty()) << "\" \" has no 3-gram";
}

TEST(SparseVectors, DotNormCosine) {
  const SparseVector a = {{0, 1.0}, {2, 2.0}};
  const SparseVector b = {{1, 5.0}, {2, 3.0}};
  EXPECT_EQ(synthbench::text::dot(a, b), 6.0);
  EXPECT_EQ(synthbench::text::norm(a), std::sqrt(5.0));
  EXPECT_NEAR(synthbench::text::cosine(a, b), 6.0 / (std::sqrt(5.0) * std::sqrt(34.0)), 1e-15);
  EXPECT_EQ(synthbench::text::cosine(a, {}), 0.0);
}

TEST(TfidfVectorizer, SmoothIdfAndUnitLength) {
  synthbench::text::TfidfVectorizer v;
  v.fit({{"a", "b"}, {"a", "c"}, {"a"}});
  // idf = ln((1 + 3) / (1 + df)) + 1: a (df 3) -> 1, b (df 1) -> ln 2 + 1.
  EXPECT_NEAR(v.idf(static_cast<std::uint32_t>(v.id_of("a"))), 1.0, 1e-15);
  EXPECT_NEAR(v.idf(static_cast<std::uint32_t>(v.id_of("b"))), std::log(2.0) + 1.0, 1e-15);
  const auto x = v.transform({"a", "b", "unknown"});
  EXPECT_NEAR(synthbench::text::norm(x), 1.0, 1e-15);
  // Weights 1 and ln 2 + 1 before normalization.
  const double n = std::sqrt(1.0 + std::pow(std::log(2.0) + 1.0, 2));
  EXPECT_NEAR(x[0].second, 1.0 / n, 1e-15);
  EXPECT_TRUE(v.transform({"zzz"}).empty());
}

}  // namespace
