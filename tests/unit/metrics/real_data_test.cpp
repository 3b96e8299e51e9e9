// The task metrics on the real SG4NLP test sets (../shared/data/sg4nlp, or $SYNTHBENCH_DATA_DIR):
// gold scored against itself is perfect, and copies degraded in memory in ways whose effect
// can be worked out by hand give exactly that effect. Skipped with a message when the data is
// absent. Nothing is copied from the data into the repository.

#include <synthbench/metrics/classification.hpp>
#include <synthbench/gtest/require_data.hpp>
#include <synthbench/metrics/ner.hpp>
#include <synthbench/metrics/records_json.hpp>
#include <synthbench/metrics/similarity.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;
using namespace synthbench::metrics;

// Every real/<dataset>/test.jsonl, or skips the test.
std::vector<fs::path> real_test_files() {
  const fs::path real = synthbench_test_support::sg4nlp_dir() / "real";
  std::vector<fs::path> files;
  if (!fs::is_directory(real)) return files;
  for (const auto& entry : fs::directory_iterator(real)) {
    const fs::path test = entry.path() / "test.jsonl";
    if (fs::exists(test)) files.push_back(test);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Skips (fails with SYNTHBENCH_REQUIRE_DATA=1) without the data: gtest/require_data.hpp.
#define SKIP_WITHOUT_DATA(files) \
  SYNTHBENCH_SKIP_WITHOUT_DATA(!(files).empty(), "SG4NLP data at " + synthbench_test_support::sg4nlp_dir().string())

fs::path real_file(const std::string& dataset) { return synthbench_test_support::sg4nlp_dir() / "real" / dataset / "test.jsonl"; }

#define SKIP_WITHOUT(path) SYNTHBENCH_SKIP_WITHOUT_DATA(path)

TEST(RealData, GoldAgainstItselfIsPerfectOnEveryTestFile) {
  const auto files = real_test_files();
  SKIP_WITHOUT_DATA(files);
  std::size_t intent = 0;
  std::size_t ner = 0;
  std::size_t sts = 0;
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    const auto records = read_jsonl(file);
    ASSERT_FALSE(records.empty());
    const std::string name = file.string();
    if (records[0].value.contains("label")) {
      const auto d = intent_data(records, name, records, name);
      const ClassificationOutcomes out(d.gold, d.predicted);
      for (const auto m : all_classification_metrics) EXPECT_EQ(out.score(m).value(), 1.0) << to_string(m);
      EXPECT_TRUE(out.invalid_predictions().empty());
      ++intent;
    } else if (records[0].value.contains("entities")) {
      const auto d = ner_data(records, name, records, name);
      NerOptions o;
      o.span_repair = SpanRepair::error;  // the README: real offsets always hold the entity text
      const NerOutcomes out(d.documents, o);
      for (const auto s : all_ner_schemas) {
        for (const auto m : {NerMeasure::precision, NerMeasure::recall, NerMeasure::f1}) {
          EXPECT_EQ(out.score(s, m).value(), 1.0) << to_string(s) << " " << to_string(m);
        }
      }
      EXPECT_TRUE(out.issues().empty());
      ++ner;
    } else {
      const auto d = similarity_data(records, name, records, name);
      const SimilarityOutcomes out(d.gold, d.predicted);
      EXPECT_EQ(out.score(SimilarityMetric::pearson).value(), 1.0);
      EXPECT_EQ(out.score(SimilarityMetric::spearman).value(), 1.0);
      EXPECT_TRUE(out.issues().empty());
      ++sts;
    }
  }
  // The README lists 2 intent, 5 NER and 2 similarity datasets with a test split.
  EXPECT_EQ(intent, 2u);
  EXPECT_EQ(ner, 5u);
  EXPECT_EQ(sts, 2u);
}

TEST(RealData, SnipsWithEveryTenthAnswerInvalid) {
  const fs::path file = real_file("snips");
  SKIP_WITHOUT(file);
  const auto records = read_jsonl(file);
  const auto d = intent_data(records, file.string(), records, file.string());
  ASSERT_EQ(d.gold.size(), 700u);
  std::vector<LabelPrediction> degraded = d.predicted;
  for (std::size_t i = 0; i < degraded.size(); i += 10) degraded[i] = i % 20 == 0 ? LabelPrediction("???") : std::nullopt;
  const ClassificationOutcomes out(d.gold, degraded);
  // 70 of 700 answers invalid (35 outside the label set, 35 missing); every valid answer is
  // right. accuracy = 630/700 = 0.9; micro: TP 630, predicted 630, support 700, so
  // P = 1, R = 0.9, F1 = 2 * 630 / (630 + 700) = 18/19. Every class keeps precision 1.
  EXPECT_EQ(out.score(ClassificationMetric::accuracy).value(), 0.9);
  EXPECT_EQ(out.score(ClassificationMetric::micro_precision).value(), 1.0);
  EXPECT_DOUBLE_EQ(out.score(ClassificationMetric::micro_recall).value(), 0.9);
  EXPECT_DOUBLE_EQ(out.score(ClassificationMetric::micro_f1).value(), 18.0 / 19);
  EXPECT_EQ(out.score(ClassificationMetric::macro_precision).value(), 1.0);
  const auto r = out.report();
  EXPECT_EQ(r.invalid, 70u);
  EXPECT_EQ(r.missing, 35u);
  // Per class: recall (S - k) / S where k counts the degraded items of the class, and macro F1
  // is the mean of 2 (S - k) / (2S - k).
  std::map<std::string, std::pair<double, double>> sk;  // label -> (S, k)
  for (std::size_t i = 0; i < d.gold.size(); ++i) {
    sk[d.gold[i]].first += 1;
    if (i % 10 == 0) sk[d.gold[i]].second += 1;
  }
  double macro = 0.0;
  for (const auto& c : r.classes) {
    const auto [s, k] = sk.at(c.label);
    EXPECT_DOUBLE_EQ(c.recall.value(), (s - k) / s) << c.label;
    macro += 2 * (s - k) / (2 * s - k);
  }
  EXPECT_DOUBLE_EQ(out.score(ClassificationMetric::macro_f1).value(), macro / static_cast<double>(r.classes.size()));
}

TEST(RealData, AtisMultiIntentLabelsInReverseOrder) {
  const fs::path file = real_file("atis");
  SKIP_WITHOUT(file);
  const auto records = read_jsonl(file);
  const auto d = intent_data(records, file.string(), records, file.string());
  // Answer every multi-intent item with its intents in reverse order ("a#b" -> "b#a").
  std::vector<LabelPrediction> reversed = d.predicted;
  std::size_t multi = 0;
  for (auto& p : reversed) {
    const auto hash = p->find('#');
    if (hash == std::string::npos) continue;
    ASSERT_EQ(p->find('#', hash + 1), std::string::npos) << "only two-intent labels occur";
    p = p->substr(hash + 1) + "#" + p->substr(0, hash);
    ++multi;
  }
  ASSERT_EQ(multi, 15u);  // the README's multi-intent labels: 12 + 1 + 1 + 1 in the test split
  // Exact strings: those 15 are wrong; as unordered sets they are right.
  const ClassificationOutcomes exact(d.gold, reversed);
  EXPECT_DOUBLE_EQ(exact.score(ClassificationMetric::accuracy).value(), (893.0 - 15) / 893);
  ClassificationOptions sets;
  sets.multi_label = MultiLabelMatch::unordered_set;
  const ClassificationOutcomes as_sets(d.gold, reversed, sets);
  EXPECT_EQ(as_sets.score(ClassificationMetric::accuracy).value(), 1.0);
  EXPECT_EQ(as_sets.score(ClassificationMetric::macro_f1).value(), 1.0);
}

TEST(RealData, APerfectSolverOnTheAtisPrefixScoresLikeTheStudysCode) {
  // The study's macro-F1 (AverageOver::declared over the train labels) against the observed
  // labels, for a perfect solver on the first 200 ATIS test items, the study's test[:200].
  const fs::path test = real_file("atis");
  const fs::path train = synthbench_test_support::sg4nlp_dir() / "real" / "atis" / "train.jsonl";
  SKIP_WITHOUT(test);
  SKIP_WITHOUT(train);
  auto records = read_jsonl(test);
  records.resize(200);
  const auto d = intent_data(records, test.string(), records, test.string());
  std::vector<std::string> train_labels;
  for (const auto& r : read_jsonl(train)) train_labels.push_back(r.value.at("label").get<std::string>());
  std::sort(train_labels.begin(), train_labels.end());
  train_labels.erase(std::unique(train_labels.begin(), train_labels.end()), train_labels.end());
  ASSERT_EQ(train_labels.size(), 21u);
  std::vector<std::string> observed = d.gold;
  std::sort(observed.begin(), observed.end());
  observed.erase(std::unique(observed.begin(), observed.end()), observed.end());
  ASSERT_EQ(observed.size(), 14u);
  // 13 of the 14 labels of the prefix are train labels (atis_day_name is not): F1 = 1 for
  // those 13, F1 = 0 for the 8 train labels the prefix lacks. 13/21 = 0.619.
  ClassificationOptions o;
  o.labels = train_labels;
  o.average_over = AverageOver::declared;
  EXPECT_DOUBLE_EQ(ClassificationOutcomes(d.gold, d.predicted, o).score(ClassificationMetric::macro_f1).value(),
                   13.0 / 21);
  o.average_over = AverageOver::observed;
  EXPECT_EQ(ClassificationOutcomes(d.gold, d.predicted, o).score(ClassificationMetric::macro_f1).value(), 1.0);
}

TEST(RealData, PoliticsWithCountriesDroppedAndPoliticiansShortened) {
  const fs::path file = real_file("crossner_politics");
  SKIP_WITHOUT(file);
  const auto records = read_jsonl(file);
  const auto d = ner_data(records, file.string(), records, file.string());
  // Predictions: every "country" entity removed; every "politician" entity longer than one
  // character ends one character earlier (and loses its text, so it is not realigned).
  std::vector<NerDocument> docs = d.documents;
  double total = 0;
  double countries = 0;
  double shortened = 0;
  for (auto& doc : docs) {
    total += static_cast<double>(doc.gold.size());
    std::vector<Entity> kept;
    for (auto e : doc.predicted) {
      if (e.type == "country") {
        ++countries;
        continue;
      }
      if (e.type == "politician" && e.end - e.start > 1) {
        --e.end;
        e.text.reset();
        ++shortened;
      }
      kept.push_back(e);
    }
    doc.predicted = kept;
  }
  ASSERT_GT(countries, 100);
  ASSERT_GT(shortened, 100);
  const NerOutcomes out(docs);
  // POS = N (all gold), ACT = N - countries. Gold entities never overlap in the real data, so a
  // shortened politician overlaps only its own gold entity (round 3: same type, overlap).
  //   strict, exact: COR = N - countries - shortened, INC = shortened, MIS = countries
  //   partial:       COR = N - countries - shortened, PAR = shortened
  //   ent_type:      COR = N - countries
  const double act = total - countries;
  const double cor = total - countries - shortened;
  EXPECT_DOUBLE_EQ(out.score(NerSchema::strict, NerMeasure::precision).value(), cor / act);
  EXPECT_DOUBLE_EQ(out.score(NerSchema::strict, NerMeasure::recall).value(), cor / total);
  EXPECT_DOUBLE_EQ(out.score(NerSchema::exact, NerMeasure::f1).value(), 2 * cor / (total + act));
  EXPECT_DOUBLE_EQ(out.score(NerSchema::partial, NerMeasure::precision).value(), (cor + 0.5 * shortened) / act);
  EXPECT_DOUBLE_EQ(out.score(NerSchema::partial, NerMeasure::recall).value(), (cor + 0.5 * shortened) / total);
  EXPECT_EQ(out.score(NerSchema::ent_type, NerMeasure::precision).value(), 1.0);
  EXPECT_DOUBLE_EQ(out.score(NerSchema::ent_type, NerMeasure::recall).value(), act / total);
  const auto r = out.report();
  for (const auto& t : r.types) {
    const auto& strict = t.schemas[static_cast<std::size_t>(NerSchema::strict)];
    if (t.type == "country") {
      EXPECT_EQ(strict.counts.missed, static_cast<std::size_t>(countries));
      EXPECT_EQ(strict.recall.value(), 0.0);
    } else if (t.type == "politician") {
      EXPECT_EQ(strict.counts.incorrect, static_cast<std::size_t>(shortened));
      EXPECT_EQ(t.schemas[static_cast<std::size_t>(NerSchema::ent_type)].f1.value(), 1.0);
    } else {
      EXPECT_EQ(strict.f1.value(), 1.0) << t.type;
    }
  }
}

TEST(RealData, HeadlinesReversedAndHalfMissing) {
  const fs::path file = real_file("headlines");
  SKIP_WITHOUT(file);
  const auto records = read_jsonl(file);
  const auto d = similarity_data(records, file.string(), records, file.string());
  // 5 - gold is a decreasing linear map of gold: both correlations are exactly -1.
  std::vector<ScoreAnswer> reversed;
  for (const double g : d.gold) reversed.push_back(ScoreAnswer::of(5 - g));
  const SimilarityOutcomes out(d.gold, reversed);
  EXPECT_NEAR(out.score(SimilarityMetric::pearson).value(), -1.0, 1e-12);  // 5 - g rounds in the last bits
  EXPECT_EQ(out.score(SimilarityMetric::spearman).value(), -1.0);                 // the ranks are exact
  // Every other answer missing and excluded: the rest are the gold scores, correlation 1 on
  // 375 items.
  std::vector<ScoreAnswer> half = d.predicted;
  for (std::size_t i = 1; i < half.size(); i += 2) half[i] = ScoreAnswer::missing();
  SimilarityOptions exclude;
  exclude.unparsable = UnparsablePolicy::exclude;
  const SimilarityOutcomes kept(d.gold, half, exclude);
  EXPECT_EQ(kept.report().used, 375u);
  EXPECT_DOUBLE_EQ(kept.score(SimilarityMetric::pearson).value(), 1.0);
}

}  // namespace
