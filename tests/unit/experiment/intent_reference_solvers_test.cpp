#include <synthbench/experiment/solvers/intent_reference_solvers.hpp>
#include <synthbench/gtest/require_data.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "support/test_paths.hpp"

namespace {

using synthbench::IntentItem;

const std::vector<IntentItem> kTrain = {
    {"play music", "Play"}, {"play song", "Play"}, {"book table", "Book"}};

std::vector<std::string> labels_of(synthbench::IntentSolver& solver, const std::vector<std::string>& texts) {
  std::vector<std::string> labels;
  for (const auto& p : solver.predict(texts)) labels.push_back(p.label.value());
  return labels;
}

TEST(NaiveBayesIntentSolver, HandWorkedPosteriors) {
  // Vocabulary {play, music, song, book, table}: V = 5. Play has 4 words (play x2, music,
  // song), Book 2. With alpha = 1: P(w | Play) = (n + 1) / 9, P(w | Book) = (n + 1) / 7;
  // priors 2/3 and 1/3.
  // "play table": Play 2/3 * 3/9 * 1/9 = 0.0247; Book 1/3 * 1/7 * 2/7 = 0.0136 -> Play.
  // "book music table": Play 2/3 * 1/9 * 2/9 * 1/9 = 0.00183; Book 1/3 * 2/7 * 1/7 * 2/7 = 0.00389 -> Book.
  // "nothing known": priors only -> Play.
  synthbench::NaiveBayesIntentSolver nb(kTrain);
  EXPECT_EQ(nb.name(), "naive-bayes");
  EXPECT_EQ(labels_of(nb, {"play table", "book music table", "nothing known"}),
            (std::vector<std::string>{"Play", "Book", "Play"}));
}

TEST(TfidfCentroidIntentSolver, NearestCentroid) {
  synthbench::TfidfCentroidIntentSolver s(kTrain);
  EXPECT_EQ(labels_of(s, {"song please", "a table", "zzz"}), (std::vector<std::string>{"Play", "Book", "Book"}))
      << "an unknown text has cosine 0 with every centroid: the first label (Book) wins the tie";
}

TEST(KnnIntentSolver, VotesBySimilarityAndFallsBackToMajority) {
  synthbench::KnnIntentSolver s(kTrain, 1);
  EXPECT_EQ(labels_of(s, {"music", "table", "zzz"}), (std::vector<std::string>{"Play", "Book", "Play"}));
}

TEST(KeywordOverlapIntentSolver, CountsDistinctiveWords) {
  synthbench::KeywordOverlapIntentSolver s(kTrain);
  EXPECT_EQ(labels_of(s, {"book a table", "play", "zzz"}), (std::vector<std::string>{"Book", "Play", "Play"}))
      << "no keyword: the more frequent class";
}

TEST(MajorityIntentSolver, AlwaysTheMostFrequentLabel) {
  synthbench::MajorityIntentSolver s(kTrain);
  EXPECT_EQ(labels_of(s, {"book table", "x"}), (std::vector<std::string>{"Play", "Play"}));
}

TEST(IntentReferenceSolvers, EmptyTrainSplitIsAUsageError) {
  EXPECT_THROW(synthbench::NaiveBayesIntentSolver(std::vector<IntentItem>{}), synthbench::UsageError);
}

std::vector<IntentItem> read_intents(const std::filesystem::path& path, std::size_t limit) {
  std::vector<IntentItem> items;
  std::ifstream in(path);
  std::string line;
  while (items.size() < limit && std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    items.push_back({j.at("text").get<std::string>(), j.at("label").get<std::string>()});
  }
  return items;
}

// On real SNIPS data the five solvers have visibly different accuracy (measured on the first
// 200 test utterances: naive-bayes 0.985, tfidf-centroid 0.95, knn 0.91, keyword-overlap 0.85,
// majority 0.145; the bounds leave room).
TEST(IntentReferenceSolvers, VisiblyDifferentQualityOnSnips) {
  const auto dir = synthbench_test_support::sg4nlp_dir() / "real" / "snips";
  SYNTHBENCH_SKIP_WITHOUT_DATA(dir / "train.jsonl");
  const auto train = read_intents(dir / "train.jsonl", 1000000);
  const auto test = read_intents(dir / "test.jsonl", 200);
  std::vector<std::string> texts;
  for (const auto& item : test) texts.push_back(item.text);
  std::map<std::string, double> accuracy;
  for (auto& solver : synthbench::intent_reference_solvers(train)) {
    const auto predictions = solver->predict(texts);
    ASSERT_EQ(predictions.size(), test.size());
    double correct = 0;
    for (std::size_t i = 0; i < test.size(); ++i) correct += predictions[i].label == test[i].label;
    accuracy[solver->name()] = correct / static_cast<double>(test.size());
  }
  EXPECT_GE(accuracy["naive-bayes"], 0.9);
  EXPECT_GE(accuracy["tfidf-centroid"], 0.85);
  EXPECT_GE(accuracy["knn"], 0.85);
  EXPECT_GE(accuracy["keyword-overlap"], 0.5);
  EXPECT_LE(accuracy["keyword-overlap"], accuracy["naive-bayes"] - 0.05);
  EXPECT_LE(accuracy["majority"], 0.3);
  for (const auto& [name, a] : accuracy) std::cout << "  " << name << ": accuracy " << a << "\n";
}

}  // namespace
