// The reference solvers added for the seed study (solvers/study_solvers.hpp), each on a case
// worked out by hand in the comments, and the eight-solver sets.

#include <synthbench/experiment/solvers/study_solvers.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace {

using synthbench::IntentItem;
using synthbench::NerItem;
using synthbench::LinearTrainingOptions;

std::vector<std::string> predicted_labels(synthbench::IntentSolver& solver, const std::vector<std::string>& texts) {
  std::vector<std::string> labels;
  for (const auto& p : solver.predict(texts)) labels.push_back(p.label.value());
  return labels;
}

// Two one-word classes: x_a = (a: 1, bias: 1), x_b = (b: 1, bias: 1) (one known word each,
// weight 1 / sqrt(1)). Labels in order: X, Y.
const std::vector<IntentItem> kTwo = {{"a", "X"}, {"b", "Y"}};

LinearTrainingOptions one_plain_pass(double l2) {
  LinearTrainingOptions o;
  o.epochs = 1;
  o.learning_rate = 1.0;
  o.l2 = l2;
  o.shuffle = false;
  return o;
}

TEST(LogisticRegressionIntentSolver, HandWorkedSgdSteps) {
  // lambda = 0, eta_0 = 1: eta_t = 1 / (1 + 0) = 1 at every step; one pass, in order.
  // Step 1, x_a (gold X): every weight 0, so p = (1/2, 1/2).
  //   w_X -= 1 * (1/2 - 1) x_a: w_X[a] = 0.5, bias_X = 0.5
  //   w_Y -= 1 * (1/2 - 0) x_a: w_Y[a] = -0.5, bias_Y = -0.5
  // Step 2, x_b (gold Y): scores X = w_X[b] + bias_X = 0.5, Y = -0.5;
  //   p_X = e^0.5 / (e^0.5 + e^-0.5) = 1 / (1 + e^-1) = 0.7310586, p_Y = 0.2689414.
  //   w_X -= 0.7310586 x_b: w_X[b] = -0.7310586, bias_X = 0.5 - 0.7310586 = -0.2310586
  //   w_Y -= (0.2689414 - 1) x_b: w_Y[b] = 0.7310586, bias_Y = -0.5 + 0.7310586 = 0.2310586
  synthbench::LogisticRegressionIntentSolver lr(kTwo, one_plain_pass(0.0));
  const double p = 1.0 / (1.0 + std::exp(-1.0));
  EXPECT_DOUBLE_EQ(lr.weight("X", "a"), 0.5);
  EXPECT_DOUBLE_EQ(lr.weight("Y", "a"), -0.5);
  EXPECT_NEAR(lr.weight("X", "b"), -p, 1e-15);
  EXPECT_NEAR(lr.weight("Y", "b"), p, 1e-15);
  EXPECT_NEAR(lr.weight("X", ""), 0.5 - p, 1e-15);
  EXPECT_NEAR(lr.weight("Y", ""), p - 0.5, 1e-15);
  EXPECT_EQ(lr.weight("Z", "a"), 0.0) << "unknown label";
  // "a": X 0.5 - 0.2311 = 0.2689 > Y -0.2689; "b": X -0.9621 < Y 0.9621; "c" (unknown word,
  // only the bias): X -0.2311 < Y 0.2311.
  EXPECT_EQ(predicted_labels(lr, {"a", "b", "c"}), (std::vector<std::string>{"X", "Y", "Y"}));
  EXPECT_EQ(lr.name(), "logistic-regression");
}

TEST(LogisticRegressionIntentSolver, ShrinksEveryWeightByItsL2Step) {
  // lambda = 0.5, eta_0 = 1: eta_1 = 1 / (1 + 0.5) = 2/3. Step 1 as above with the step 2/3
  // and the shrink (1 - 2/3 * 0.5) = 2/3 of zero weights first: w_X[a] = 2/3 * 1/2 = 1/3.
  // Step 2: eta_2 = 1 / (1 + 1) = 1/2, shrink 1 - 1/4 = 3/4 before the gradient step, which
  // does not touch w[a] (x_b has no a): w_X[a] = 3/4 * 1/3 = 1/4.
  synthbench::LogisticRegressionIntentSolver lr(kTwo, one_plain_pass(0.5));
  EXPECT_DOUBLE_EQ(lr.weight("X", "a"), 0.25);
  EXPECT_DOUBLE_EQ(lr.weight("Y", "a"), -0.25);
}

TEST(LinearSvmIntentSolver, HandWorkedPegasosSteps) {
  // lambda = 1: eta_t = 1 / t. Margins are taken before each step.
  // t = 1, x_a (gold X), eta 1, shrink (1 - 1) = 0:
  //   X (y = +1): margin 0 < 1 -> w_X = +x_a = (a 1, bias 1)
  //   Y (y = -1): margin 0 < 1 -> w_Y = -x_a = (a -1, bias -1)
  // t = 2, x_b (gold Y), eta 1/2, shrink 1/2:
  //   X (y = -1): margin -(w_X . x_b) = -(0 + 1) = -1 < 1 ->
  //       w_X = 1/2 (a 1, bias 1) - 1/2 x_b = (a 0.5, b -0.5, bias 0)
  //   Y (y = +1): margin w_Y . x_b = -1 < 1 -> w_Y = 1/2 (a -1, bias -1) + 1/2 x_b = (a -0.5, b 0.5, bias 0)
  synthbench::LinearSvmIntentSolver svm(kTwo, one_plain_pass(1.0));
  EXPECT_DOUBLE_EQ(svm.weight("X", "a"), 0.5);
  EXPECT_DOUBLE_EQ(svm.weight("X", "b"), -0.5);
  EXPECT_DOUBLE_EQ(svm.weight("X", ""), 0.0);
  EXPECT_DOUBLE_EQ(svm.weight("Y", "a"), -0.5);
  EXPECT_DOUBLE_EQ(svm.weight("Y", "b"), 0.5);
  EXPECT_DOUBLE_EQ(svm.weight("Y", ""), 0.0);
  // "a": 0.5 vs -0.5 -> X; "b": -0.5 vs 0.5 -> Y; "c": 0 vs 0, a tie -> X, the label that sorts first.
  EXPECT_EQ(predicted_labels(svm, {"a", "b", "c"}), (std::vector<std::string>{"X", "Y", "X"}));
  EXPECT_EQ(svm.name(), "linear-svm");
}

TEST(LinearSvmIntentSolver, NeedsAPositivePenalty) {
  LinearTrainingOptions o;
  o.l2 = 0.0;
  EXPECT_THROW(synthbench::LinearSvmIntentSolver(kTwo, o), synthbench::UsageError);
  EXPECT_THROW(synthbench::LogisticRegressionIntentSolver({}), synthbench::UsageError) << "an empty train split";
}

TEST(LinearIntentSolvers, LearnASeparableSplitAndAreDeterministic) {
  // With the defaults (5 shuffled passes) both separate three words per class, and two
  // trainings with the same seed give the same weights bit for bit.
  const std::vector<IntentItem> train = {{"play some music", "Play"}, {"play a song", "Play"}, {"music please", "Play"},
                                         {"book a table", "Book"},    {"book dinner", "Book"},  {"table for two", "Book"}};
  synthbench::LogisticRegressionIntentSolver lr(train);
  synthbench::LinearSvmIntentSolver svm(train);
  for (synthbench::IntentSolver* s : {static_cast<synthbench::IntentSolver*>(&lr), static_cast<synthbench::IntentSolver*>(&svm)}) {
    EXPECT_EQ(predicted_labels(*s, {"play music", "book a table for two"}), (std::vector<std::string>{"Play", "Book"})) << s->name();
  }
  EXPECT_EQ(synthbench::LogisticRegressionIntentSolver(train).weight("Play", "song"), lr.weight("Play", "song"));
  EXPECT_EQ(synthbench::LinearSvmIntentSolver(train).weight("Book", "dinner"), svm.weight("Book", "dinner"));
  LinearTrainingOptions other;
  other.seed = 7;
  EXPECT_NE(synthbench::LogisticRegressionIntentSolver(train, other).weight("Play", "song"), lr.weight("Play", "song"))
      << "another seed, another order of the steps";
}

TEST(CharNgramBayesIntentSolver, SeesInsideWords) {
  // Train "book flights" (F) and "show fares" (R). Character 3-grams of " book flights ": " bo",
  // "boo", "ook", "ok ", "k f", " fl", "fli", "lig", "igh", "ght", "hts", "ts " (12); of
  // " show fares ": " sh", "sho", "how", "ow ", "w f", " fa", "far", "are", "res", "es " (10).
  // V = 22, alpha = 1: P(g | F) = (n + 1) / 34, P(g | R) = (n + 1) / 32; priors 1/2.
  // "fare": " fa", "far", "are" are known ("re " is not): F 1/2 (1/34)^3, R 1/2 (2/32)^3 -> R.
  // The word-level naive Bayes knows no "fare": the priors tie and F, the first label, wins.
  const std::vector<IntentItem> train = {{"book flights", "F"}, {"show fares", "R"}};
  synthbench::CharNgramBayesIntentSolver chars(train);
  synthbench::NaiveBayesIntentSolver words(train);
  EXPECT_EQ(chars.name(), "char-ngram-bayes");
  EXPECT_EQ(predicted_labels(chars, {"fare"}), std::vector<std::string>{"R"});
  EXPECT_EQ(predicted_labels(words, {"fare"}), std::vector<std::string>{"F"});
  // "flight": " fl", "fli", "lig", "igh", "ght" known to F only: F (2/34)^5 > R (1/32)^5.
  EXPECT_EQ(predicted_labels(chars, {"flight"}), std::vector<std::string>{"F"});
}

double pair_score(synthbench::SimilaritySolver& s, const std::string& a, const std::string& b) {
  return s.predict({{a, b}}).at(0).score.value();
}

TEST(EditDistanceSimilaritySolver, HandWorkedDistances) {
  // kitten -> sitting: substitute k/s and e/i, insert g: d = 3; 1 - 3/7 = 4/7; times 5.
  synthbench::EditDistanceSimilaritySolver s;
  EXPECT_EQ(s.name(), "edit-distance");
  EXPECT_DOUBLE_EQ(pair_score(s, "kitten", "sitting"), 5.0 * 4.0 / 7.0);
  EXPECT_DOUBLE_EQ(pair_score(s, "Kitten", "SITTING"), 5.0 * 4.0 / 7.0) << "case-folded";
  EXPECT_DOUBLE_EQ(pair_score(s, " a  b\t", "a b"), 5.0) << "whitespace collapsed and trimmed";
  EXPECT_DOUBLE_EQ(pair_score(s, "", ""), 5.0);
  EXPECT_DOUBLE_EQ(pair_score(s, "", "abc"), 0.0) << "d = 3 = max length";
  // Code points, not bytes: "Schröder" / "Schroder" differ in one character of 8: 1 - 1/8.
  EXPECT_DOUBLE_EQ(pair_score(s, "Schr\xC3\xB6" "der", "Schroder"), 5.0 * 7.0 / 8.0);
  EXPECT_EQ(synthbench::levenshtein({1, 2, 3}, {1, 3}), 1u);
  // Common prefix (1 2 3) and suffix (4 5) aside: 9 -> 8 and one 8 inserted, d = 2.
  EXPECT_EQ(synthbench::levenshtein({1, 2, 3, 9, 4, 5}, {1, 2, 3, 8, 8, 4, 5}), 2u);
  EXPECT_EQ(synthbench::levenshtein({1, 2, 3}, {1, 2, 3}), 0u);
  EXPECT_EQ(synthbench::levenshtein({1, 1}, {1, 1, 1}), 1u) << "the suffix may overlap the prefix";
  EXPECT_EQ(synthbench::levenshtein({}, {7, 7}), 2u);
}

TEST(OverlapCoefficientSimilaritySolver, HandWorkedOverlaps) {
  synthbench::OverlapCoefficientSimilaritySolver s;
  EXPECT_EQ(s.name(), "overlap-coefficient");
  // {the, cat, sat} and {the, cat}: 2 / min(3, 2) = 1 (Jaccard would give 2/3).
  EXPECT_DOUBLE_EQ(pair_score(s, "the cat sat", "the cat"), 5.0);
  // {a, b, c, d} and {a, x}: 1 / 2.
  EXPECT_DOUBLE_EQ(pair_score(s, "a b c d", "a x"), 2.5);
  EXPECT_DOUBLE_EQ(pair_score(s, "", ""), 5.0);
  EXPECT_DOUBLE_EQ(pair_score(s, "", "a"), 0.0);
}

TEST(BigramDiceSimilaritySolver, HandWorkedBigrams) {
  synthbench::BigramDiceSimilaritySolver s;
  EXPECT_EQ(s.name(), "bigram-dice");
  // {<s> a, a b, b c, c </s>} and {<s> a, a b, b d, d </s>}: 2 * 2 / (4 + 4) = 0.5.
  EXPECT_DOUBLE_EQ(pair_score(s, "a b c", "a b d"), 2.5);
  // Word order counts: {<s> a, a b, b </s>} and {<s> b, b a, a </s>} share nothing.
  EXPECT_DOUBLE_EQ(pair_score(s, "a b", "b a"), 0.0);
  EXPECT_DOUBLE_EQ(pair_score(s, "a", "A"), 5.0) << "{<s> a, a </s>} twice (tokens are lowercased)";
  EXPECT_DOUBLE_EQ(pair_score(s, "", ""), 5.0);
  EXPECT_EQ(synthbench::word_bigrams("x y"), (std::set<std::string>{"<s> x", "x y", "y </s>"}));
}

// An annotated sentence; entities given by their text, found left to right.
NerItem annotated(const std::string& text, const std::vector<std::pair<std::string, std::string>>& entities) {
  NerItem it{text, {}};
  std::size_t from = 0;
  for (const auto& [mention, type] : entities) {
    const std::size_t at = text.find(mention, from);
    it.entities.push_back({at, at + mention.size(), type, mention});
    from = at + mention.size();
  }
  return it;
}

using Spans = std::vector<std::tuple<std::size_t, std::size_t, std::string>>;

Spans spans_of(synthbench::NerSolver& solver, const std::string& text) {
  Spans out;
  const auto predictions = solver.predict({text});
  for (const auto& e : predictions.at(0).entities.value()) out.emplace_back(e.start, e.end, e.type);
  return out;
}

TEST(HmmNerSolver, HandWorkedViterbi) {
  // Train: "Paris is big", Paris a location. Tags O (0), B-location (1), I-location (2), T = 3.
  // Counts: start B 1; transitions B->O 1, O->O 1; emissions B: paris (capitalized); O: is,
  // big (lowercase); V = 3 words.
  //   start:  B (1+1)/(1+3) = 1/2, O 1/4 (I excluded)
  //   from B: O (1+1)/(1+3) = 1/2, B 1/4, I 1/4;   from O: O 1/2, B 1/4 (I excluded);
  //   from I: 1/3 each (no transition counted)
  //   word:   B (n+1)/(1+3+1) = (n+1)/5;  O (n+1)/(2+3+1) = (n+1)/6;  I 1/(0+3+1) = 1/4
  //   cap:    B cap 2/3, lower 1/3;  O cap 1/4, lower 3/4;  I 1/2, 1/2
  // "Lyon is big" (lyon unseen):
  //   Lyon: B 1/2 * 1/5 * 2/3 = 1/15; O 1/4 * 1/6 * 1/4 = 1/96
  //   is (B 1/5*1/3 = 1/15, O 2/6*3/4 = 1/4, I 1/4*1/2 = 1/8):
  //     O = max(1/15 * 1/2, 1/96 * 1/2) * 1/4 = 1/120;  B = 1/15 * 1/4 * 1/15 = 1/900;
  //     I = 1/15 * 1/4 * 1/8 = 1/480
  //   big (same emissions as is): O = max(1/120 * 1/2, 1/900 * 1/2, 1/480 * 1/3) * 1/4 = 1/960,
  //     B = 1/120 * 1/4 * 1/15 = 1/7200, I = max(1/900 * 1/4, 1/480 * 1/3) * 1/8 = 1/11520
  //   best O (1/960), back: O, then B: "Lyon" is a location (the capital letter did it).
  // "big Paris": big B 1/2 * 1/15 = 1/30, O 1/4 * 1/4 = 1/16; Paris (B 2/5 * 2/3 = 4/15,
  //   O 1/6 * 1/4 = 1/24, I 1/8): B = max(1/30 * 1/4, 1/16 * 1/4) * 4/15 = 1/240,
  //   O = max(1/30 * 1/2, 1/16 * 1/2) * 1/24 = 1/768, I = 1/30 * 1/4 * 1/8 = 1/960: B.
  const std::vector<NerItem> train = {annotated("Paris is big", {{"Paris", "location"}})};
  synthbench::HmmNerSolver hmm(train);
  EXPECT_EQ(hmm.name(), "hmm");
  EXPECT_EQ(spans_of(hmm, "Lyon is big"), (Spans{{0, 4, "location"}}));
  EXPECT_EQ(spans_of(hmm, "big Paris"), (Spans{{4, 9, "location"}}));
  EXPECT_EQ(spans_of(hmm, ""), Spans{});
}

TEST(HmmNerSolver, MultiTokenEntitiesFollowBio) {
  // Two-token names in training: B-person then I-person. A new two-token capitalized name
  // after a seen context word is tagged B, I (one entity), never an I without its B.
  const std::vector<NerItem> train = {annotated("Tony Blair met Gordon Brown", {{"Tony Blair", "person"}, {"Gordon Brown", "person"}}),
                                      annotated("He met John Major", {{"John Major", "person"}})};
  synthbench::HmmNerSolver hmm(train);
  EXPECT_EQ(spans_of(hmm, "He met Alan Smith"), (Spans{{7, 17, "person"}}));
}

TEST(CaselessGazetteerNerSolver, FindsOtherCapitalizationWithItsRule) {
  // Names: "Labour Party" and "Labour" (political party), "novel" (literary genre, written in
  // lowercase inside a train name). A match needs a capitalized token or a token that a train
  // name holds in lowercase.
  const std::vector<NerItem> train = {annotated("The Labour Party won .", {{"Labour Party", "political party"}}),
                                      annotated("Labour lost .", {{"Labour", "political party"}}),
                                      annotated("He read a novel .", {{"novel", "literary genre"}})};
  synthbench::CaselessGazetteerNerSolver g(train);
  EXPECT_EQ(g.name(), "gazetteer-caseless");
  EXPECT_EQ(spans_of(g, "LABOUR PARTY won"), (Spans{{0, 12, "political party"}})) << "longest match, any case";
  EXPECT_EQ(spans_of(g, "the Labour party won"), (Spans{{4, 16, "political party"}}));
  EXPECT_EQ(spans_of(g, "the labour market"), Spans{}) << "'labour' alone, all lowercase: not a name";
  EXPECT_EQ(spans_of(g, "a NOVEL and a novel"), (Spans{{2, 7, "literary genre"}, {14, 19, "literary genre"}}));
  synthbench::GazetteerNerSolver exact(train);
  EXPECT_EQ(spans_of(exact, "LABOUR PARTY won"), Spans{}) << "the case-sensitive gazetteer misses it";
}

TEST(FuzzyGazetteerNerSolver, HandWorkedCosine) {
  // Names: "Tony Blair" (person), "Labour Party" (political party).
  // "Blair": 3-grams of " blair ": " bl", "bla", "lai", "air", "ir " (5, each once); of
  // " tony blair ": " to", "ton", "ony", "ny ", "y b", " bl", "bla", "lai", "air", "ir " (10).
  // Cosine 5 / (sqrt(5) sqrt(10)) = 0.7071 >= 0.5: a person. "Norway" shares no 3-gram with
  // either name: cosine 0, dropped.
  const std::vector<NerItem> train = {annotated("Tony Blair met the press .", {{"Tony Blair", "person"}}),
                                      annotated("The Labour Party won .", {{"Labour Party", "political party"}})};
  synthbench::FuzzyGazetteerNerSolver g(train);
  EXPECT_EQ(g.name(), "gazetteer-fuzzy");
  EXPECT_EQ(spans_of(g, "Blair spoke in Norway ."), (Spans{{0, 5, "person"}}));
  synthbench::FuzzyGazetteerNerSolver strict(train, 0.75);
  EXPECT_EQ(spans_of(strict, "Blair spoke in Norway ."), Spans{}) << "0.7071 < 0.75";
  EXPECT_THROW(synthbench::FuzzyGazetteerNerSolver(train, 0.0), synthbench::UsageError);
  EXPECT_THROW(synthbench::FuzzyGazetteerNerSolver(train, 1.5), synthbench::UsageError);
}

TEST(StudySolvers, EightPerTaskWithUniqueNames) {
  const std::vector<IntentItem> intents = {{"play music", "Play"}, {"book table", "Book"}};
  const std::vector<NerItem> sentences = {annotated("Tony Blair met the press .", {{"Tony Blair", "person"}})};
  std::vector<std::vector<std::string>> names(3);
  for (const auto& s : synthbench::intent_study_solvers(intents)) names[0].push_back(s->name());
  for (const auto& s : synthbench::ner_study_solvers(sentences)) names[1].push_back(s->name());
  for (const auto& s : synthbench::similarity_study_solvers()) names[2].push_back(s->name());
  for (const auto& n : names) {
    EXPECT_EQ(n.size(), 8u);
    EXPECT_EQ(std::set<std::string>(n.begin(), n.end()).size(), n.size());
  }
  EXPECT_EQ(names[0].back(), "char-ngram-bayes");
  EXPECT_EQ(names[1].back(), "gazetteer-fuzzy");
  EXPECT_EQ(names[2].back(), "bigram-dice");
}

}  // namespace
