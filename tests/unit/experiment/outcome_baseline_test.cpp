// Outcome baselines (experiment/outcome_baseline.hpp, docs/baseline-format.md): the exact text
// written, round trips for the three tasks, size and diffs of a 10,000-item baseline, and
// every malformed input named with its id and JSON pointer.

#include <synthbench/experiment/outcome_baseline.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

using synthbench::CellOutcomes;
using synthbench::OutcomeBaseline;
using synthbench::OutcomeTask;
using synthbench::ScoreTable;
using synthbench::metrics::ClassificationMetric;
using synthbench::metrics::ClassificationOutcomes;
using synthbench::metrics::LabelPrediction;

std::shared_ptr<const synthbench::ResamplableScore> classified(const std::vector<std::string>& gold,
                                                               const std::vector<LabelPrediction>& answers,
                                                               ClassificationMetric metric = ClassificationMetric::macro_f1) {
  synthbench::metrics::ClassificationOptions o;
  o.labels = {"Book", "Play", "Stop"};
  return synthbench::make_resamplable(ClassificationOutcomes(gold, answers, o).scorer(metric));
}

// Two approaches on three real items and on two generated ones.
ScoreTable intent_table(ClassificationMetric metric = ClassificationMetric::macro_f1) {
  ScoreTable t(synthbench::metrics::to_string(metric));
  const std::vector<std::string> real = {"Play", "Book", "Play"};
  t.set_real("strong", classified(real, {"Play", "Book", "Play"}, metric));
  t.set_real("weak", classified(real, {"Book", "Book", std::nullopt}, metric));
  const std::vector<std::string> gen = {"Stop", "Play"};
  t.set_synthetic("gen-1", "strong", classified(gen, {"Stop", "Play"}, metric));
  t.set_synthetic("gen-1", "weak", classified(gen, {"Play", "Play"}, metric));
  return t;
}

TEST(OutcomeBaseline, WritesOneLinePerItem) {
  const std::string text = synthbench::dump_outcome_baseline(synthbench::outcome_baseline_from_table(intent_table()));
  // weak on real: Book right once, Play never (one wrong answer, one missing): F1 per observed
  // class Book 2*1/(2+1) = 2/3, Play 0: macro 1/3. On gen-1: Play 2*1/(2+1) = 2/3, Stop 0: 1/3.
  EXPECT_EQ(text,
            "{\n"
            "  \"format\": \"synthbench-outcomes\",\n"
            "  \"version\": 1,\n"
            "  \"task\": \"classification\",\n"
            "  \"metric\": \"macro_f1\",\n"
            "  \"options\": {\"zero_division\": \"zero\", \"average_over\": \"observed\"},\n"
            "  \"datasets\": {\n"
            "    \"real\": {\n"
            "      \"labels\": [\"Book\", \"Play\", \"Stop\"],\n"
            "      \"approaches\": [\"strong\", \"weak\"],\n"
            "      \"scores\": {\"strong\": 1, \"weak\": 0.3333333333},\n"
            "      \"items\": [\n"
            "    [\"Play\", true, \"Book\"],\n"
            "    [\"Book\", true, true],\n"
            "    [\"Play\", true, null]\n"
            "      ]\n"
            "    },\n"
            "    \"gen-1\": {\n"
            "      \"labels\": [\"Book\", \"Play\", \"Stop\"],\n"
            "      \"approaches\": [\"strong\", \"weak\"],\n"
            "      \"scores\": {\"strong\": 1, \"weak\": 0.3333333333},\n"
            "      \"items\": [\n"
            "    [\"Stop\", true, \"Play\"],\n"
            "    [\"Play\", true, true]\n"
            "      ]\n"
            "    }\n"
            "  }\n"
            "}\n");
  // It reads back to the same outcomes: every metric agrees, and writing again gives the same text.
  const OutcomeBaseline back = synthbench::parse_outcome_baseline(text, "baseline.json");
  EXPECT_EQ(synthbench::dump_outcome_baseline(back), text);
  synthbench::metrics::ClassificationOptions o;
  o.labels = {"Book", "Play", "Stop"};
  const ClassificationOutcomes original({"Play", "Book", "Play"}, {"Book", "Book", std::nullopt}, o);
  for (const auto metric : synthbench::metrics::all_classification_metrics) {
    const std::string name = synthbench::metrics::to_string(metric);
    EXPECT_EQ(back.find("real", "weak")->score(name).value_or(-1), original.score(metric).value_or(-2)) << name;
  }
  EXPECT_EQ(back.find("gen-1", "weak")->answer_text(0, "macro_f1"), "Play");
  EXPECT_EQ(back.find("real", "weak")->answer_text(2, "macro_f1"), "no answer");
  EXPECT_EQ(back.find("real", "nobody"), nullptr);
}

TEST(OutcomeBaseline, NerKeepsThePairingCountsOfEachDocument) {
  using synthbench::metrics::Entity;
  using synthbench::metrics::NerDocument;
  const std::vector<NerDocument> docs = {
      {{Entity{0, 5, "person", std::nullopt}, Entity{10, 15, "place", std::nullopt}},
       {Entity{0, 5, "person", std::nullopt}, Entity{10, 15, "place", std::nullopt}}, std::nullopt},
      {{Entity{0, 4, "person", std::nullopt}},
       {Entity{0, 4, "place", std::nullopt}, Entity{6, 9, "person", std::nullopt}}, std::nullopt},
  };
  const synthbench::metrics::NerOutcomes outcomes(docs);
  ScoreTable t("ent_type_f1");
  t.set_real("tagger", synthbench::make_resamplable(outcomes.scorer(synthbench::metrics::NerSchema::ent_type,
                                                                    synthbench::metrics::NerMeasure::f1)));
  const std::string text = synthbench::dump_outcome_baseline(synthbench::outcome_baseline_from_table(t));
  // Document 0: both entities right (true). Document 1: one gold entity, paired with the
  // same-span prediction of another type (round 2), and one spurious prediction.
  EXPECT_NE(text.find("      \"items\": [\n    [2, true],\n    [1, [0, 1, 0, 0, 0, 1]]\n      ]\n"), std::string::npos)
      << text;
  const OutcomeBaseline back = synthbench::parse_outcome_baseline(text, "ner.json");
  EXPECT_EQ(back.task, OutcomeTask::ner);
  // ent_type: COR 2 + 0, INC 0 + 1, SPU 1: F1 = 2 x 2 / (POS 3 + ACT 4) = 4/7.
  EXPECT_NEAR(back.find("real", "tagger")->score("ent_type_f1").value(), 4.0 / 7.0, 1e-15);
  EXPECT_EQ(back.find("real", "tagger")->score("strict_precision").value(), outcomes.report().at(synthbench::metrics::NerSchema::strict).precision.value());
  EXPECT_EQ(synthbench::dump_outcome_baseline(back), text);
  EXPECT_EQ(back.find("real", "tagger")->answer_text(1, "ent_type_f1"), "2 errors");  // INC + SPU
}

TEST(OutcomeBaseline, SimilarityKeepsScoresAndLeftOutItems) {
  using synthbench::metrics::ScoreAnswer;
  synthbench::metrics::SimilarityOptions o;
  o.unparsable = synthbench::metrics::UnparsablePolicy::exclude;
  const synthbench::metrics::SimilarityOutcomes outcomes({1.0, 2.5, 4.0, 0.5},
                                                         {ScoreAnswer::of(1.2), ScoreAnswer::of(2.0),
                                                          ScoreAnswer::missing(), ScoreAnswer::of(0.1)},
                                                         o);
  ScoreTable t("spearman");
  t.set_real("sts", synthbench::make_resamplable(outcomes.scorer(synthbench::metrics::SimilarityMetric::spearman)));
  const std::string text = synthbench::dump_outcome_baseline(synthbench::outcome_baseline_from_table(t));
  EXPECT_NE(text.find("\"options\": {\"scale\": [0, 5]}"), std::string::npos) << text;
  EXPECT_NE(text.find("    [1, 1.2],\n    [2.5, 2],\n    [4, null],\n    [0.5, 0.1]\n"), std::string::npos) << text;
  const OutcomeBaseline back = synthbench::parse_outcome_baseline(text, "sts.json");
  EXPECT_EQ(back.find("real", "sts")->score("pearson").value(), outcomes.score(synthbench::metrics::SimilarityMetric::pearson).value());
  EXPECT_EQ(back.find("real", "sts")->answer_text(2, "pearson"), "left out");
}

// A 10,000-item baseline: about 30 bytes per item for one approach (SNIPS's long intent names), and one changed answer is
// a one-line diff.
TEST(OutcomeBaseline, TenThousandItemsStaySmallAndDiffByTheLine) {
  const char* labels[] = {"AddToPlaylist", "BookRestaurant", "GetWeather", "PlayMusic", "RateBook", "SearchCreativeWork",
                          "SearchScreeningEvent"};
  std::vector<std::string> gold;
  std::vector<LabelPrediction> answers;
  for (std::size_t i = 0; i < 10000; ++i) {
    gold.emplace_back(labels[i % 7]);
    answers.emplace_back(i % 10 == 3 ? labels[(i + 1) % 7] : labels[i % 7]);  // 90% right
  }
  ScoreTable t("macro_f1");
  t.set_real("model", synthbench::make_resamplable(ClassificationOutcomes(gold, answers).scorer(ClassificationMetric::macro_f1)));
  const std::string before = synthbench::dump_outcome_baseline(synthbench::outcome_baseline_from_table(t));
  EXPECT_LT(before.size(), 10000u * 32u) << before.size() << " bytes";
  std::cout << "10,000 items, one approach: " << before.size() << " bytes" << std::endl;

  answers[5000] = labels[0];  // one answer changes
  ScoreTable changed("macro_f1");
  changed.set_real("model", synthbench::make_resamplable(ClassificationOutcomes(gold, answers).scorer(ClassificationMetric::macro_f1)));
  const std::string after = synthbench::dump_outcome_baseline(synthbench::outcome_baseline_from_table(changed));
  std::istringstream a(before);
  std::istringstream b(after);
  std::vector<std::string> differing;
  for (std::string x, y; std::getline(a, x) && std::getline(b, y);) {
    if (x != y) differing.push_back(x + "  ->  " + y);
  }
  // The item's line, and the score line above the items.
  ASSERT_EQ(differing.size(), 2u);
  EXPECT_NE(differing[0].find("\"scores\": {\"model\": "), std::string::npos) << differing[0];
  EXPECT_EQ(differing[1], "    [\"GetWeather\", true],  ->      [\"GetWeather\", \"AddToPlaylist\"],");
}

TEST(OutcomeBaseline, TablesWithoutTaskOutcomesAreRefused) {
  ScoreTable plain("macro_f1");
  plain.set_real("a", 0.5);
  try {
    (void)synthbench::outcome_baseline_from_table(plain);
    FAIL();
  } catch (const synthbench::UsageError& e) {
    EXPECT_EQ(e.id(), "synthbench.usage.121");
    EXPECT_NE(std::string(e.what()).find("the score of 'a' on 'real' in the macro_f1 table has no per-item outcomes"),
              std::string::npos)
        << e.what();
  }
  ScoreTable mismatch("pearson");  // a classification cell in a table named for a correlation
  mismatch.set_real("a", classified({"Play"}, {"Play"}));
  try {
    (void)synthbench::outcome_baseline_from_table(mismatch);
    FAIL();
  } catch (const synthbench::UsageError& e) {
    EXPECT_EQ(e.id(), "synthbench.usage.120");
  }
  ScoreTable other_items("macro_f1");
  other_items.set_real("a", classified({"Play", "Book"}, {"Play", "Book"})).set_real("b", classified({"Book", "Play"}, {"Play", "Book"}));
  try {
    (void)synthbench::outcome_baseline_from_table(other_items);
    FAIL();
  } catch (const synthbench::UsageError& e) {
    EXPECT_EQ(e.id(), "synthbench.usage.122");
  }
}

// Each malformed baseline fails with its id and the JSON pointer of the problem.
struct Malformed {
  const char* what;
  std::string from;  // replaced in the valid text ...
  std::string to;    // ... by this
  const char* id;
  const char* message;  // a part of the message, with the position
};

TEST(OutcomeBaseline, MalformedFilesNameTheProblemAndWhere) {
  const std::string valid = synthbench::dump_outcome_baseline(synthbench::outcome_baseline_from_table(intent_table()));
  const std::vector<Malformed> cases = {
      {"not JSON", "\"version\": 1,", "\"version\": 1", "synthbench.input.101", "b.json at line 4, column 8: invalid JSON"},
      {"a repeated key", "\"version\": 1,", "\"version\": 1, \"version\": 1,", "synthbench.input.102", "b.json at /version: duplicate key"},
      {"another format", "\"synthbench-outcomes\"", "\"synthbench-scores\"", "synthbench.input.901", "b.json at /format: expected \"synthbench-outcomes\""},
      {"a later version", "\"version\": 1", "\"version\": 2", "synthbench.input.901", "b.json at /version: this synthbench reads version 1, got number 2"},
      {"no version", "\"version\": 1,", "", "synthbench.input.202", "missing key \"version\""},
      {"an unknown task", "\"task\": \"classification\"", "\"task\": \"ranking\"", "synthbench.input.902", "b.json at /task: expected \"classification\", \"ner\" or \"similarity\", got \"ranking\""},
      {"a metric of another task", "\"metric\": \"macro_f1\"", "\"metric\": \"pearson\"", "synthbench.input.902", "b.json at /metric: \"pearson\" is not a metric of classification outcomes"},
      {"an unknown option", "\"average_over\": \"observed\"", "\"average\": \"observed\"", "synthbench.input.902", "b.json at /options/average: unknown option for classification outcomes"},
      {"a bad option value", "\"zero_division\": \"zero\"", "\"zero_division\": \"none\"", "synthbench.input.902", "b.json at /options/zero_division: expected \"zero\", \"one\" or \"undefined\""},
      {"no real dataset first", "\"real\": {", "\"actual\": {", "synthbench.input.906", "b.json at /datasets: the first dataset must be \"real\""},
      {"a repeated approach", "\"approaches\": [\"strong\", \"weak\"],\n      \"scores\": {\"strong\": 1, \"weak\": 0.3333333333},\n      \"items\": [\n    [\"Play\", true, \"Book\"]",
       "\"approaches\": [\"strong\", \"strong\"],\n      \"scores\": {\"strong\": 1, \"weak\": 0.3333333333},\n      \"items\": [\n    [\"Play\", true, \"Book\"]",
       "synthbench.input.904", "b.json at /datasets/real/approaches/1: the approach \"strong\" appears twice"},
      {"a short row", "[\"Book\", true, true]", "[\"Book\", true]", "synthbench.input.903", "b.json at /datasets/real/items/1: expected [gold, then one outcome per approach] (3 values), got an array of 2 values"},
      {"an unknown gold label", "[\"Book\", true, true]", "[\"Read\", true, true]", "synthbench.input.903", "b.json at /datasets/real/items/1/0: \"Read\" is not in the dataset's labels"},
      {"a right answer as a label", "[\"Book\", true, true]", "[\"Book\", true, \"Book\"]", "synthbench.input.903", "b.json at /datasets/real/items/1/2: a right answer is written true, not as its label"},
      {"false as an outcome", "[\"Book\", true, true]", "[\"Book\", true, false]", "synthbench.input.903", "b.json at /datasets/real/items/1/2: expected true (right), null (no answer) or a wrong label, got boolean false"},
      {"unsorted labels", "\"labels\": [\"Book\", \"Play\", \"Stop\"],\n      \"approaches\": [\"strong\", \"weak\"],\n      \"scores\": {\"strong\": 1, \"weak\": 0.3333333333},\n      \"items\": [\n    [\"Play\"",
       "\"labels\": [\"Play\", \"Book\", \"Stop\"],\n      \"approaches\": [\"strong\", \"weak\"],\n      \"scores\": {\"strong\": 1, \"weak\": 0.3333333333},\n      \"items\": [\n    [\"Play\"",
       "synthbench.input.903", "b.json at /datasets/real/labels/1: labels must be sorted and distinct"},
      {"a score of nobody", "\"scores\": {\"strong\": 1, \"weak\": 0.3333333333},\n      \"items\": [\n    [\"Play\"", "\"scores\": {\"strong\": 1, \"weak\": 0.3333333333, \"x\": 1},\n      \"items\": [\n    [\"Play\"",
       "synthbench.input.904", "b.json at /datasets/real/scores/x: a score of an approach the dataset does not list"},
      {"a missing score", "\"scores\": {\"strong\": 1, \"weak\": 0.3333333333},\n      \"items\": [\n    [\"Play\"", "\"scores\": {\"strong\": 1},\n      \"items\": [\n    [\"Play\"",
       "synthbench.input.904", "b.json at /datasets/real/scores: missing the score of \"weak\""},
      {"a score the items do not give", "\"scores\": {\"strong\": 1, \"weak\": 0.3333333333},\n      \"items\": [\n    [\"Play\"", "\"scores\": {\"strong\": 1, \"weak\": 0.5},\n      \"items\": [\n    [\"Play\"",
       "synthbench.input.905", "b.json at /datasets/real/scores/weak: the stored macro_f1 0.5 is not what the items give (0.3333333333): the file was edited by hand"},
      {"a score that is text", "\"strong\": 1, \"weak\": 0.3333333333},\n      \"items\": [\n    [\"Play\"", "\"strong\": \"1\", \"weak\": 0.3333333333},\n      \"items\": [\n    [\"Play\"",
       "synthbench.input.203", "b.json at /datasets/real/scores/strong: expected a number, got string \"1\""},
      {"no items", "[\n    [\"Stop\", true, \"Play\"],\n    [\"Play\", true, true]\n      ]", "[]", "synthbench.input.906", "b.json at /datasets/gen-1/items: expected a non-empty array of items"},
  };
  for (const auto& c : cases) {
    std::string text = valid;
    const auto at = text.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.what;
    text.replace(at, c.from.size(), c.to);
    try {
      (void)synthbench::parse_outcome_baseline(text, "b.json");
      ADD_FAILURE() << c.what << ": accepted";
    } catch (const synthbench::InputError& e) {
      EXPECT_EQ(e.id(), c.id) << c.what << ": " << e.what();
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << c.what << ": " << e.what();
    }
  }
}

TEST(OutcomeBaseline, MalformedNerAndSimilarityRows) {
  const std::string ner =
      "{\"format\": \"synthbench-outcomes\", \"version\": 1, \"task\": \"ner\", \"metric\": \"strict_f1\","
      " \"options\": {}, \"datasets\": {\"real\": {\"approaches\": [\"t\"], \"scores\": {\"t\": 1},"
      " \"items\": [[2, [1, 0, 0, 0, 0, 0]]]}}}";
  try {
    (void)synthbench::parse_outcome_baseline(ner, "n.json");
    FAIL();
  } catch (const synthbench::InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.903");
    EXPECT_NE(std::string(e.what()).find("n.json at /datasets/real/items/0/1: the pairs and misses add up to 1 gold entities, "
                                         "the row's gold count is 2"),
              std::string::npos)
        << e.what();
  }
  const std::string sts =
      "{\"format\": \"synthbench-outcomes\", \"version\": 1, \"task\": \"similarity\", \"metric\": \"pearson\","
      " \"options\": {\"scale\": [0, 5]}, \"datasets\": {\"real\": {\"approaches\": [\"s\"], \"scores\": {\"s\": 1},"
      " \"items\": [[1, 1], [2, 7]]}}}";
  try {
    (void)synthbench::parse_outcome_baseline(sts, "s.json");
    FAIL();
  } catch (const synthbench::InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.903");
    EXPECT_NE(std::string(e.what()).find("s.json at /datasets/real/items/1/1: the score 7 is outside the scale [0, 5]"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
