#include <synthbench/metrics/classification.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace {

using synthbench::InputError;
using synthbench::Undefined;
using synthbench::UsageError;
using synthbench::metrics::AverageOver;
using synthbench::metrics::canonical_label_set;
using synthbench::metrics::ClassificationMetric;
using synthbench::metrics::ClassificationOptions;
using synthbench::metrics::ClassificationOutcomes;
using synthbench::metrics::LabelPrediction;
using synthbench::metrics::MultiLabelMatch;
using synthbench::metrics::ZeroDivision;

// The worked example used by most tests below. Declared labels A..E; D never occurs (zero
// support and zero predictions); E is predicted once but has no gold item (zero support).
//
//   item   0 1 2 3 4 5 6 7 8         9
//   gold   A A A B B C C C C         A
//   pred   A A B B E C C A (missing) "Foo" (outside the label set)
//
// Confusion matrix (rows gold, columns valid predictions; items 8 and 9 are invalid):
//
//            A  B  C  D  E | invalid | support
//       A    2  1  .  .  . |    1    |   4      (items 0,1 -> A; 2 -> B; 9 -> "Foo")
//       B    .  1  .  .  1 |         |   2      (3 -> B; 4 -> E)
//       C    1  .  2  .  . |    1    |   4      (5,6 -> C; 7 -> A; 8 missing)
//   predicted 3  2  2  0  1
//
// Per class: TP / predicted / support
//   A: 2/3/4  P = 2/3  R = 2/4 = 1/2  F1 = 2*2/(3+4) = 4/7
//   B: 1/2/2  P = 1/2  R = 1/2        F1 = 2/(2+2)   = 1/2
//   C: 2/2/4  P = 1    R = 1/2        F1 = 4/(2+4)   = 2/3
//   D: 0/0/0  P = 0/0  R = 0/0        F1 = 0/0
//   E: 0/1/0  P = 0    R = 0/0        F1 = 0/(1+0)   = 0
// Accuracy: 5 correct of 10 = 1/2 (invalid predictions are wrong).
// scikit-learn 1.2.1, precision_recall_fscore_support(gold, pred with the invalid ones
// replaced by a label outside `labels`, labels=..., zero_division=...), agrees with every
// average below.
const std::vector<std::string> kGold = {"A", "A", "A", "B", "B", "C", "C", "C", "C", "A"};
const std::vector<LabelPrediction> kPred = {"A", "A", "B", "B", "E", "C", "C", "A", std::nullopt, "Foo"};

ClassificationOptions declared(ZeroDivision zd, AverageOver over) {
  ClassificationOptions o;
  o.labels = {"A", "B", "C", "D", "E"};
  o.zero_division = zd;
  o.average_over = over;
  return o;
}

TEST(Classification, HandWorkedConfusionMatrixObservedClasses) {
  const ClassificationOutcomes out(kGold, kPred, declared(ZeroDivision::zero, AverageOver::observed));
  const auto r = out.report();
  EXPECT_EQ(r.items, 10u);
  EXPECT_EQ(r.correct, 5u);
  EXPECT_EQ(r.invalid, 2u);
  EXPECT_EQ(r.missing, 1u);
  EXPECT_DOUBLE_EQ(r.accuracy.value(), 0.5);
  // Observed classes: gold {A, B, C} plus valid predictions {E}; D is neither.
  ASSERT_EQ(r.classes.size(), 4u);
  EXPECT_EQ(r.classes[0].label, "A");
  EXPECT_EQ(r.classes[3].label, "E");
  EXPECT_EQ(r.classes[0].support, 4u);
  EXPECT_EQ(r.classes[0].predicted, 3u);
  EXPECT_EQ(r.classes[0].true_positives, 2u);
  EXPECT_DOUBLE_EQ(r.classes[0].precision.value(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.classes[0].recall.value(), 0.5);
  EXPECT_DOUBLE_EQ(r.classes[0].f1.value(), 4.0 / 7);
  EXPECT_DOUBLE_EQ(r.classes[2].precision.value(), 1.0);
  EXPECT_DOUBLE_EQ(r.classes[2].f1.value(), 2.0 / 3);
  // E: zero support. Precision 0/1 = 0; recall 0/0 -> 0 under "zero"; F1 0/(1+0) = 0.
  EXPECT_EQ(r.classes[3].support, 0u);
  EXPECT_EQ(r.classes[3].predicted, 1u);
  EXPECT_EQ(r.classes[3].precision.value(), 0.0);
  EXPECT_EQ(r.classes[3].recall.value(), 0.0);
  EXPECT_EQ(r.classes[3].f1.value(), 0.0);
  // macro P = (2/3 + 1/2 + 1 + 0) / 4 = (13/6) / 4 = 13/24
  // macro R = (1/2 + 1/2 + 1/2 + 0) / 4 = 3/8
  // macro F1 = (4/7 + 1/2 + 2/3 + 0) / 4 = (73/42) / 4 = 73/168
  EXPECT_DOUBLE_EQ(r.macro.precision.value(), 13.0 / 24);
  EXPECT_DOUBLE_EQ(r.macro.recall.value(), 3.0 / 8);
  EXPECT_DOUBLE_EQ(r.macro.f1.value(), 73.0 / 168);
  // micro: sum TP = 5, sum predicted = 3 + 2 + 2 + 1 = 8 (the 2 invalid ones are no class's
  // prediction), sum support = 10. P = 5/8, R = 5/10, F1 = 2*5 / (8 + 10) = 5/9.
  EXPECT_DOUBLE_EQ(r.micro.precision.value(), 5.0 / 8);
  EXPECT_DOUBLE_EQ(r.micro.recall.value(), 0.5);
  EXPECT_DOUBLE_EQ(r.micro.f1.value(), 5.0 / 9);
  // weighted by support 4, 2, 4, 0 (sum 10):
  //   P = (4 * 2/3 + 2 * 1/2 + 4 * 1) / 10 = (23/3) / 10 = 23/30
  //   R = (4 + 2 + 4) * 1/2 / 10 = 1/2
  //   F1 = (4 * 4/7 + 2 * 1/2 + 4 * 2/3) / 10 = (125/21) / 10 = 25/42
  EXPECT_DOUBLE_EQ(r.weighted.precision.value(), 23.0 / 30);
  EXPECT_DOUBLE_EQ(r.weighted.recall.value(), 0.5);
  EXPECT_DOUBLE_EQ(r.weighted.f1.value(), 25.0 / 42);
  // The single-number interface agrees with the report.
  EXPECT_DOUBLE_EQ(out.score(ClassificationMetric::macro_f1).value(), 73.0 / 168);
  EXPECT_DOUBLE_EQ(out.score(ClassificationMetric::accuracy).value(), 0.5);
  EXPECT_DOUBLE_EQ(out.score(ClassificationMetric::weighted_precision).value(), 23.0 / 30);
}

TEST(Classification, ZeroDivisionPolicies) {
  // "one": E's recall 0/0 becomes 1, so macro R = (3 * 1/2 + 1) / 4 = 5/8; precision and F1
  // have no 0/0 among the observed classes and do not change.
  const auto one = ClassificationOutcomes(kGold, kPred, declared(ZeroDivision::one, AverageOver::observed)).report();
  EXPECT_DOUBLE_EQ(one.macro.recall.value(), 5.0 / 8);
  EXPECT_DOUBLE_EQ(one.macro.precision.value(), 13.0 / 24);
  EXPECT_DOUBLE_EQ(one.macro.f1.value(), 73.0 / 168);
  // "undefined": E's recall has no value and is left out: macro R = 3 * (1/2) / 3 = 1/2.
  const auto undef =
      ClassificationOutcomes(kGold, kPred, declared(ZeroDivision::undefined, AverageOver::observed)).report();
  ASSERT_FALSE(undef.classes[3].recall.ok());
  EXPECT_EQ(undef.classes[3].recall.detail(), "recall of 'E' is 0/0: it has no gold item");
  EXPECT_DOUBLE_EQ(undef.macro.recall.value(), 0.5);
  EXPECT_DOUBLE_EQ(undef.macro.f1.value(), 73.0 / 168);
  // Weighted recall gives E weight 0 either way.
  EXPECT_DOUBLE_EQ(undef.weighted.recall.value(), 0.5);
}

TEST(Classification, AveragingOverTheWholeLabelSetIncludesUnseenClasses) {
  // label_set adds D (0/0 everywhere). "zero": D contributes 0 to each mean over 5 classes:
  //   macro P = (13/6) / 5 = 13/30, macro R = (3/2) / 5 = 3/10, macro F1 = (73/42) / 5 = 73/210.
  const auto zero = ClassificationOutcomes(kGold, kPred, declared(ZeroDivision::zero, AverageOver::label_set)).report();
  ASSERT_EQ(zero.classes.size(), 5u);
  EXPECT_EQ(zero.classes[3].label, "D");
  EXPECT_EQ(zero.classes[3].support, 0u);
  EXPECT_EQ(zero.classes[3].predicted, 0u);
  EXPECT_DOUBLE_EQ(zero.macro.precision.value(), 13.0 / 30);
  EXPECT_DOUBLE_EQ(zero.macro.recall.value(), 3.0 / 10);
  EXPECT_DOUBLE_EQ(zero.macro.f1.value(), 73.0 / 210);
  // Micro sums are unchanged by a class with no counts.
  EXPECT_DOUBLE_EQ(zero.micro.f1.value(), 5.0 / 9);
  // "one": D scores 1, 1, 1 and E's recall 1:
  //   macro P = (13/6 + 1) / 5 = 19/30, R = (3/2 + 1 + 1) / 5 = 7/10, F1 = (73/42 + 1) / 5 = 23/42.
  const auto one = ClassificationOutcomes(kGold, kPred, declared(ZeroDivision::one, AverageOver::label_set)).report();
  EXPECT_DOUBLE_EQ(one.macro.precision.value(), 19.0 / 30);
  EXPECT_DOUBLE_EQ(one.macro.recall.value(), 0.7);
  EXPECT_DOUBLE_EQ(one.macro.f1.value(), 23.0 / 42);
  // "undefined": D's F1 is 0/0 and is left out, so macro F1 is over A, B, C, E again.
  const auto undef =
      ClassificationOutcomes(kGold, kPred, declared(ZeroDivision::undefined, AverageOver::label_set)).report();
  EXPECT_FALSE(undef.classes[3].f1.ok());
  EXPECT_EQ(undef.classes[3].f1.detail(), "F1 of 'D' is 0/0: it is neither gold nor predicted");
  EXPECT_DOUBLE_EQ(undef.macro.f1.value(), 73.0 / 168);
}

TEST(Classification, AveragingOverGoldClassesOnly) {
  // gold: {A, B, C}. E's prediction is then no averaged class's prediction (like an invalid
  // one), as scikit-learn with labels=unique(y_true).
  //   macro P = (13/6) / 3 = 13/18, macro F1 = (73/42) / 3 = 73/126
  //   micro P = 5 / (3 + 2 + 2) = 5/7, micro F1 = 10 / (7 + 10) = 10/17
  const auto r = ClassificationOutcomes(kGold, kPred, declared(ZeroDivision::zero, AverageOver::gold)).report();
  ASSERT_EQ(r.classes.size(), 3u);
  EXPECT_DOUBLE_EQ(r.macro.precision.value(), 13.0 / 18);
  EXPECT_DOUBLE_EQ(r.macro.f1.value(), 73.0 / 126);
  EXPECT_DOUBLE_EQ(r.micro.precision.value(), 5.0 / 7);
  EXPECT_DOUBLE_EQ(r.micro.f1.value(), 10.0 / 17);
}

TEST(Classification, AveragingOverTheDeclaredLabelsOnlyAsTheStudyDid) {
  // The SG4NLP study's macro-F1: labels binarized over the train label set (declared), every
  // column averaged. Declared {A, B, D}; C is a gold label outside them.
  //
  //   item   0 1 2 3 4
  //   gold   A A B C C
  //   pred   A B B A C
  //
  // Averaged classes A, B, D (C is in the label set, since it is gold, but not averaged):
  //   A: TP 1 (item 0), predicted 2 (items 0, 3), support 2 -> P 1/2, R 1/2, F1 2/(2+2) = 1/2
  //   B: TP 1 (item 2), predicted 2 (items 1, 2), support 1 -> P 1/2, R 1,   F1 2/(2+1) = 2/3
  //   D: nothing                                             -> 0/0 everywhere: 0 under "zero"
  // Item 3 (gold C, predicted A) is a false positive of A; item 4 (C predicted C) counts for
  // no averaged class, as a LabelBinarizer fitted on {A, B, D} maps C to an all-zero row.
  //   macro P = (1/2 + 1/2 + 0)/3 = 1/3, macro R = (1/2 + 1 + 0)/3 = 1/2,
  //   macro F1 = (1/2 + 2/3 + 0)/3 = 7/18
  //   micro over A, B, D: TP 2, predicted 4, support 3 -> P 1/2, R 2/3, F1 4/7
  // (scikit-learn: classification_report(LabelBinarizer().fit(["A","B","D"]).transform(gold),
  // ... .transform(pred), output_dict=True) gives the same macro and micro rows.)
  ClassificationOptions o;
  o.labels = {"A", "B", "D"};
  o.average_over = AverageOver::declared;
  const std::vector<std::string> gold = {"A", "A", "B", "C", "C"};
  const std::vector<LabelPrediction> pred = {"A", "B", "B", "A", "C"};
  const ClassificationOutcomes out(gold, pred, o);
  const auto r = out.report();
  ASSERT_EQ(r.classes.size(), 3u);
  EXPECT_EQ(r.classes[0].label, "A");
  EXPECT_EQ(r.classes[1].label, "B");
  EXPECT_EQ(r.classes[2].label, "D");
  EXPECT_EQ(r.classes[0].predicted, 2u);
  EXPECT_DOUBLE_EQ(r.macro.precision.value(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(r.macro.recall.value(), 0.5);
  EXPECT_DOUBLE_EQ(r.macro.f1.value(), 7.0 / 18);
  EXPECT_DOUBLE_EQ(r.micro.precision.value(), 0.5);
  EXPECT_DOUBLE_EQ(r.micro.recall.value(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.micro.f1.value(), 4.0 / 7);
  // Accuracy is not about classes: 3 of 5 items (0, 2, 4) are right.
  EXPECT_DOUBLE_EQ(r.accuracy.value(), 0.6);
  // observed averages A, B, C: C has TP 1, predicted 1, support 2 -> F1 2/3;
  //   macro F1 = (1/2 + 2/3 + 2/3)/3 = 11/18.
  o.average_over = AverageOver::observed;
  EXPECT_DOUBLE_EQ(ClassificationOutcomes(gold, pred, o).score(ClassificationMetric::macro_f1).value(), 11.0 / 18);
  EXPECT_STREQ(to_string(AverageOver::declared), "declared");
}

TEST(Classification, APerfectSolverLosesTheDeclaredLabelsItsItemsLack) {
  // The ATIS effect in miniature: gold = pred = A A X, declared {A, B, C}. Averaged over the
  // declared labels: A has F1 1, B and C have no item (F1 0), X is not declared:
  // macro F1 = 1/3. Over the observed labels (A, X): 1.
  ClassificationOptions o;
  o.labels = {"A", "B", "C"};
  o.average_over = AverageOver::declared;
  const std::vector<std::string> gold = {"A", "A", "X"};
  const std::vector<LabelPrediction> pred = {"A", "A", "X"};
  EXPECT_DOUBLE_EQ(ClassificationOutcomes(gold, pred, o).score(ClassificationMetric::macro_f1).value(), 1.0 / 3);
  o.average_over = AverageOver::observed;
  EXPECT_DOUBLE_EQ(ClassificationOutcomes(gold, pred, o).score(ClassificationMetric::macro_f1).value(), 1.0);
  // No declared label: nothing to average over.
  o.labels.clear();
  o.average_over = AverageOver::declared;
  EXPECT_FALSE(ClassificationOutcomes(gold, pred, o).score(ClassificationMetric::macro_f1).ok());
}

TEST(Classification, ClassWithZeroPredictions) {
  // gold  x x y y z      pred  x x x y y        (nothing predicted as z)
  //   x: TP 2, predicted 3, support 2 -> P 2/3, R 1,   F1 4/5
  //   y: TP 1, predicted 2, support 2 -> P 1/2, R 1/2, F1 1/2
  //   z: TP 0, predicted 0, support 1 -> P 0/0, R 0,   F1 0/(0+1) = 0
  // "zero": macro P = (2/3 + 1/2 + 0) / 3 = 7/18; "undefined": (2/3 + 1/2) / 2 = 7/12.
  // macro F1 = (4/5 + 1/2 + 0) / 3 = 13/30 under every policy (F1 of z is 0, not 0/0).
  const std::vector<std::string> gold = {"x", "x", "y", "y", "z"};
  const std::vector<LabelPrediction> pred = {"x", "x", "x", "y", "y"};
  for (const auto zd : {ZeroDivision::zero, ZeroDivision::one, ZeroDivision::undefined}) {
    ClassificationOptions o;
    o.zero_division = zd;
    const auto r = ClassificationOutcomes(gold, pred, o).report();
    EXPECT_DOUBLE_EQ(r.macro.f1.value(), 13.0 / 30) << to_string(zd);
    EXPECT_EQ(r.classes[2].f1.value(), 0.0);
    EXPECT_EQ(r.classes[2].recall.value(), 0.0);
  }
  ClassificationOptions o;
  EXPECT_DOUBLE_EQ(ClassificationOutcomes(gold, pred, o).report().macro.precision.value(), 7.0 / 18);
  o.zero_division = ZeroDivision::one;  // z's precision 1: (2/3 + 1/2 + 1) / 3 = 13/18
  EXPECT_DOUBLE_EQ(ClassificationOutcomes(gold, pred, o).report().macro.precision.value(), 13.0 / 18);
  o.zero_division = ZeroDivision::undefined;
  const auto r = ClassificationOutcomes(gold, pred, o).report();
  EXPECT_DOUBLE_EQ(r.macro.precision.value(), 7.0 / 12);
  EXPECT_EQ(r.classes[2].precision.detail(), "precision of 'z' is 0/0: no item is predicted as it");
}

TEST(Classification, ScikitLearnDocumentationExample) {
  // The f1_score example of the scikit-learn documentation: y_true = [0, 1, 2, 0, 1, 2],
  // y_pred = [0, 2, 1, 0, 0, 1]: macro 0.26666..., micro 0.33333..., weighted 0.26666...
  // By hand: class 0: TP 2, predicted 3, support 2 -> F1 4/5; classes 1 and 2: TP 0 -> F1 0.
  // macro = (4/5) / 3 = 4/15; micro = 2*2 / (6 + 6) = 1/3; weighted = (2 * 4/5) / 6 = 4/15.
  const ClassificationOutcomes out({"0", "1", "2", "0", "1", "2"}, {"0", "2", "1", "0", "0", "1"});
  EXPECT_DOUBLE_EQ(out.score(ClassificationMetric::macro_f1).value(), 4.0 / 15);
  EXPECT_DOUBLE_EQ(out.score(ClassificationMetric::micro_f1).value(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(out.score(ClassificationMetric::weighted_f1).value(), 4.0 / 15);
  // macro precision (2/3 + 0 + 0) / 3 = 2/9 (scikit-learn: 0.2222...).
  EXPECT_DOUBLE_EQ(out.score(ClassificationMetric::macro_precision).value(), 2.0 / 9);
}

TEST(Classification, InvalidPredictionsAreWrongCountedAndKept) {
  const ClassificationOutcomes out(kGold, kPred, declared(ZeroDivision::zero, AverageOver::observed));
  ASSERT_EQ(out.invalid_predictions().size(), 2u);
  EXPECT_EQ(out.invalid_predictions()[0].item, 8u);
  EXPECT_TRUE(out.invalid_predictions()[0].missing);
  EXPECT_EQ(out.invalid_predictions()[1].item, 9u);
  EXPECT_FALSE(out.invalid_predictions()[1].missing);
  EXPECT_EQ(out.invalid_predictions()[1].answer, "Foo");
  // Without declared labels the label set is the gold labels: E becomes invalid too.
  const ClassificationOutcomes undeclared(kGold, kPred);
  EXPECT_EQ(undeclared.labels(), (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(undeclared.report().invalid, 3u);
  // Three different wrong answers weigh no more than one repeated: no class is created.
  const ClassificationOutcomes varied({"a", "a", "a", "b"}, {"p", "q", "r", "b"});
  const ClassificationOutcomes repeated({"a", "a", "a", "b"}, {"p", "p", "p", "b"});
  EXPECT_EQ(varied.score(ClassificationMetric::macro_f1).value(),
            repeated.score(ClassificationMetric::macro_f1).value());
  // a: TP 0, predicted 0, support 3 -> F1 0; b: F1 1. macro = 1/2.
  EXPECT_DOUBLE_EQ(varied.score(ClassificationMetric::macro_f1).value(), 0.5);
}

TEST(Classification, MultiIntentLabels) {
  EXPECT_EQ(canonical_label_set("atis_flight#atis_airfare", '#'), "atis_airfare#atis_flight");
  EXPECT_EQ(canonical_label_set("b#a#b##", '#'), "a#b");
  EXPECT_EQ(canonical_label_set("#", '#'), "");
  const std::vector<std::string> gold = {"atis_flight#atis_airfare", "atis_flight", "atis_airline"};
  const std::vector<LabelPrediction> pred = {"atis_airfare#atis_flight", "atis_flight", "atis_airline"};
  // Exact strings (default): the reordered answer is not in the label set, so invalid.
  const ClassificationOutcomes exact(gold, pred);
  EXPECT_DOUBLE_EQ(exact.score(ClassificationMetric::accuracy).value(), 2.0 / 3);
  ASSERT_EQ(exact.invalid_predictions().size(), 1u);
  EXPECT_EQ(exact.invalid_predictions()[0].answer, "atis_airfare#atis_flight");
  // Unordered sets: the same set of intents, so correct.
  ClassificationOptions o;
  o.multi_label = MultiLabelMatch::unordered_set;
  const ClassificationOutcomes sets(gold, pred, o);
  EXPECT_EQ(sets.score(ClassificationMetric::accuracy).value(), 1.0);
  EXPECT_EQ(sets.score(ClassificationMetric::macro_f1).value(), 1.0);
  EXPECT_EQ(sets.labels(), (std::vector<std::string>{"atis_airfare#atis_flight", "atis_airline", "atis_flight"}));
  // A subset of the intents is still a different class (no partial credit).
  const ClassificationOutcomes partial({"a#b"}, {"a"}, o);
  EXPECT_EQ(partial.score(ClassificationMetric::accuracy).value(), 0.0);
}

TEST(Classification, ScoresOnResampledIndicesEqualScoresOnTheResampledData) {
  // Indices {9, 9, 0, 4, 4, 4, 7} mean items 9, 9, 0, 4, 4, 4, 7 with their repetitions.
  const ClassificationOptions o = declared(ZeroDivision::undefined, AverageOver::observed);
  const ClassificationOutcomes out(kGold, kPred, o);
  const std::vector<std::uint32_t> indices = {9, 9, 0, 4, 4, 4, 7};
  std::vector<std::string> gold;
  std::vector<LabelPrediction> pred;
  for (const auto i : indices) {
    gold.push_back(kGold[i]);
    pred.push_back(kPred[i]);
  }
  const ClassificationOutcomes materialized(gold, pred, o);
  for (const auto m : synthbench::metrics::all_classification_metrics) {
    const auto a = out.score(m, indices);
    const auto b = materialized.score(m);
    ASSERT_EQ(a.ok(), b.ok()) << to_string(m) << ": " << a.message() << " / " << b.message();
    if (a.ok()) {
      EXPECT_DOUBLE_EQ(a.value(), b.value()) << to_string(m);
    }
  }
  // By hand: gold A A A B B B C, pred Foo Foo A E E E A. Correct: item 0 only -> accuracy 1/7.
  EXPECT_DOUBLE_EQ(out.score(ClassificationMetric::accuracy, indices).value(), 1.0 / 7);
  const auto r = out.report(indices);
  EXPECT_EQ(r.invalid, 2u);
  EXPECT_EQ(r.missing, 0u);
  EXPECT_EQ(out.report({8, 8, 1}).missing, 2u);
  // The scorer (what the bootstrap calls) shares the records and gives the same numbers.
  const auto scorer = out.scorer(ClassificationMetric::accuracy);
  EXPECT_EQ(scorer.item_count(), 10u);
  EXPECT_DOUBLE_EQ(scorer.score_on(indices).value(), 1.0 / 7);
}

TEST(Classification, UndefinedAndBadInput) {
  const ClassificationOutcomes none({}, {});
  EXPECT_EQ(none.score(ClassificationMetric::accuracy).code(), Undefined::too_few);
  EXPECT_EQ(none.score(ClassificationMetric::macro_f1).detail(), "macro F1: no class to average over");
  ClassificationOptions o;
  o.zero_division = ZeroDivision::undefined;
  // Nothing predicted validly: micro precision 0/0.
  const ClassificationOutcomes silent({"a", "b"}, {std::nullopt, "zzz"}, o);
  EXPECT_EQ(silent.score(ClassificationMetric::micro_precision).detail(), "micro precision is 0/0: no valid prediction");
  EXPECT_EQ(silent.score(ClassificationMetric::macro_precision).detail(),
            "macro precision: every class's value is 0/0 (zero_division = undefined)");
  EXPECT_EQ(silent.score(ClassificationMetric::macro_f1).value(), 0.0);
  EXPECT_THROW(ClassificationOutcomes({"a"}, {}), UsageError);
  try {
    ClassificationOutcomes({"a", ""}, {"a", "a"});
    FAIL() << "an empty gold label must be rejected";
  } catch (const InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.301");
    EXPECT_EQ(e.where(), "item 1");
  }
  EXPECT_THROW(none.score(ClassificationMetric::accuracy, {0}), UsageError);
  EXPECT_THROW(synthbench::metrics::ClassificationScorer{}.score_on({0}), UsageError);
}

}  // namespace
