#include <synthbench/metrics/ner.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include <synthbench/stats/random.hpp>

namespace {

using synthbench::InputError;
using synthbench::Undefined;
using synthbench::metrics::Entity;
using synthbench::metrics::NerCounts;
using synthbench::metrics::NerDocument;
using synthbench::metrics::NerIssueKind;
using synthbench::metrics::NerMeasure;
using synthbench::metrics::NerOptions;
using synthbench::metrics::NerOutcomes;
using synthbench::metrics::NerReport;
using synthbench::metrics::NerSchema;
using synthbench::metrics::SpanRepair;
using synthbench::metrics::ZeroDivision;

Entity e(std::size_t start, std::size_t end, const char* type) { return Entity{start, end, type, std::nullopt}; }

Entity et(std::size_t start, std::size_t end, const char* type, const char* text) {
  return Entity{start, end, type, std::string(text)};
}

// COR, INC, PAR, MIS, SPU of one schema, for compact expectations.
struct C {
  std::size_t cor, inc, par, mis, spu;
};

void expect_counts(const NerReport& r, NerSchema s, C c, const char* where = "") {
  const NerCounts& n = r.at(s).counts;
  EXPECT_EQ(n.correct, c.cor) << to_string(s) << " COR " << where;
  EXPECT_EQ(n.incorrect, c.inc) << to_string(s) << " INC " << where;
  EXPECT_EQ(n.partial, c.par) << to_string(s) << " PAR " << where;
  EXPECT_EQ(n.missed, c.mis) << to_string(s) << " MIS " << where;
  EXPECT_EQ(n.spurious, c.spu) << to_string(s) << " SPU " << where;
}

NerReport one(std::vector<Entity> gold, std::vector<Entity> predicted, NerOptions o = {}) {
  return NerOutcomes({NerDocument{std::move(gold), std::move(predicted), std::nullopt}}, std::move(o)).report();
}

// --- Each category in isolation ---------------------------------------------------------

TEST(Ner, CorrectInEverySchema) {
  const auto r = one({e(0, 5, "PER")}, {e(0, 5, "PER")});
  for (const auto s : synthbench::metrics::all_ner_schemas) {
    expect_counts(r, s, {1, 0, 0, 0, 0});
    EXPECT_EQ(r.at(s).precision.value(), 1.0);
    EXPECT_EQ(r.at(s).recall.value(), 1.0);
    EXPECT_EQ(r.at(s).f1.value(), 1.0);
  }
}

TEST(Ner, SameSpanOtherTypeIsIncorrectForTypedSchemasOnly) {
  const auto r = one({e(0, 5, "PER")}, {e(0, 5, "ORG")});
  expect_counts(r, NerSchema::strict, {0, 1, 0, 0, 0});
  expect_counts(r, NerSchema::exact, {1, 0, 0, 0, 0});
  expect_counts(r, NerSchema::partial, {1, 0, 0, 0, 0});
  expect_counts(r, NerSchema::ent_type, {0, 1, 0, 0, 0});
  EXPECT_EQ(r.at(NerSchema::strict).f1.value(), 0.0);  // 2 * 0 / (1 + 1)
  EXPECT_EQ(r.at(NerSchema::exact).f1.value(), 1.0);
}

TEST(Ner, OverlapSameTypeIsPartial) {
  // gold [0, 10), prediction [0, 5): partial schema PAR = 1, so P = R = (0 + 0.5) / 1 = 0.5.
  const auto r = one({e(0, 10, "PER")}, {e(0, 5, "PER")});
  expect_counts(r, NerSchema::strict, {0, 1, 0, 0, 0});
  expect_counts(r, NerSchema::exact, {0, 1, 0, 0, 0});
  expect_counts(r, NerSchema::partial, {0, 0, 1, 0, 0});
  expect_counts(r, NerSchema::ent_type, {1, 0, 0, 0, 0});
  EXPECT_EQ(r.at(NerSchema::partial).precision.value(), 0.5);
  EXPECT_EQ(r.at(NerSchema::partial).recall.value(), 0.5);
  EXPECT_EQ(r.at(NerSchema::partial).f1.value(), 0.5);  // 2 * 0.5 / (1 + 1)
  EXPECT_EQ(r.at(NerSchema::ent_type).f1.value(), 1.0);
}

TEST(Ner, OverlapOtherTypeIsPartialAndIncorrect) {
  const auto r = one({e(0, 10, "PER")}, {e(5, 12, "ORG")});
  expect_counts(r, NerSchema::strict, {0, 1, 0, 0, 0});
  expect_counts(r, NerSchema::exact, {0, 1, 0, 0, 0});
  expect_counts(r, NerSchema::partial, {0, 0, 1, 0, 0});
  expect_counts(r, NerSchema::ent_type, {0, 1, 0, 0, 0});
}

TEST(Ner, MissedGoldEntity) {
  // POS = 1, ACT = 0: recall 0 / 1 = 0; precision 0/0 (the policy); F1 = 0 / (1 + 0) = 0.
  const auto r = one({e(0, 5, "PER")}, {});
  for (const auto s : synthbench::metrics::all_ner_schemas) expect_counts(r, s, {0, 0, 0, 1, 0});
  EXPECT_EQ(r.at(NerSchema::strict).recall.value(), 0.0);
  EXPECT_EQ(r.at(NerSchema::strict).precision.value(), 0.0);  // ZeroDivision::zero
  EXPECT_EQ(r.at(NerSchema::strict).f1.value(), 0.0);
  NerOptions o;
  o.zero_division = ZeroDivision::undefined;
  const auto u = one({e(0, 5, "PER")}, {}, o);
  EXPECT_EQ(u.at(NerSchema::strict).precision.detail(), "strict precision is 0/0: no predicted entity");
  EXPECT_EQ(u.at(NerSchema::strict).f1.value(), 0.0);  // defined: POS + ACT = 1
}

TEST(Ner, SpuriousPrediction) {
  const auto r = one({}, {e(0, 5, "PER")});
  for (const auto s : synthbench::metrics::all_ner_schemas) expect_counts(r, s, {0, 0, 0, 0, 1});
  EXPECT_EQ(r.at(NerSchema::exact).precision.value(), 0.0);
  NerOptions o;
  o.zero_division = ZeroDivision::one;
  EXPECT_EQ(one({}, {e(0, 5, "PER")}, o).at(NerSchema::exact).recall.value(), 1.0);  // 0/0 -> 1
}

TEST(Ner, TouchingSpansDoNotOverlap) {
  // [0, 5) and [5, 8) share no character (end exclusive): a miss and a spurious prediction.
  const auto r = one({e(0, 5, "PER")}, {e(5, 8, "PER")});
  expect_counts(r, NerSchema::partial, {0, 0, 0, 1, 1});
}

// --- Defined edge cases -------------------------------------------------------------------

TEST(Ner, PredictionOverlappingTwoGoldEntitiesPairsWithOne) {
  // gold A = [0, 5), B = [6, 10); one prediction [3, 8) overlaps both. It pairs with A (first
  // in document order); B is missed. partial: PAR 1, MIS 1: P = 0.5 / 1, R = 0.5 / 2.
  const auto r = one({e(0, 5, "PER"), e(6, 10, "PER")}, {e(3, 8, "PER")});
  expect_counts(r, NerSchema::partial, {0, 0, 1, 1, 0});
  expect_counts(r, NerSchema::ent_type, {1, 0, 0, 1, 0});
  EXPECT_EQ(r.at(NerSchema::partial).precision.value(), 0.5);
  EXPECT_EQ(r.at(NerSchema::partial).recall.value(), 0.25);
}

TEST(Ner, MatchingIsMaximumNotGreedy) {
  // gold A = [0, 5), B = [6, 10); predictions p1 = [0, 8) (overlaps A and B) and p2 = [1, 3)
  // (overlaps A only). A greedy pass in document order would pair p1 with A and leave p2
  // spurious and B missed; the maximum matching pairs p1 with B and p2 with A.
  const auto r = one({e(0, 5, "PER"), e(6, 10, "PER")}, {e(0, 8, "PER"), e(1, 3, "PER")});
  expect_counts(r, NerSchema::partial, {0, 0, 2, 0, 0});
}

TEST(Ner, TwoPredictionsOnOneGoldEntity) {
  // gold [0, 10); predictions [0, 4) and [5, 10): one pairs (PAR), the other is spurious.
  // partial: POS 1, ACT 2, matched 0.5: P = 0.25, R = 0.5, F1 = 2 * 0.5 / 3 = 1/3.
  const auto r = one({e(0, 10, "PER")}, {e(0, 4, "PER"), e(5, 10, "PER")});
  expect_counts(r, NerSchema::partial, {0, 0, 1, 0, 1});
  EXPECT_EQ(r.at(NerSchema::partial).precision.value(), 0.25);
  EXPECT_EQ(r.at(NerSchema::partial).recall.value(), 0.5);
  EXPECT_DOUBLE_EQ(r.at(NerSchema::partial).f1.value(), 1.0 / 3);
  // An exact prediction and a partial one on the same gold entity: the exact one pairs (round
  // 1 comes first), the other is spurious -- never COR + PAR for one gold entity.
  const auto both = one({e(0, 10, "PER")}, {e(0, 4, "PER"), e(0, 10, "PER")});
  expect_counts(both, NerSchema::strict, {1, 0, 0, 0, 1});
  expect_counts(both, NerSchema::partial, {1, 0, 0, 0, 1});
  EXPECT_EQ(both.at(NerSchema::partial).recall.value(), 1.0);
}

TEST(Ner, DuplicatesAreMergedAndReported) {
  const std::vector<NerDocument> docs = {
      NerDocument{{e(0, 5, "PER"), e(0, 5, "PER")}, {e(0, 5, "PER"), e(0, 5, "PER"), e(0, 5, "ORG")}, std::nullopt}};
  const NerOutcomes merged(docs);
  // After merging: gold {[0,5) PER}; predicted {[0,5) ORG, [0,5) PER}. PER pairs in round 1;
  // ORG (same span, another type, not a duplicate) is spurious.
  expect_counts(merged.report(), NerSchema::strict, {1, 0, 0, 0, 1});
  EXPECT_EQ(merged.issue_count(NerIssueKind::duplicate, true), 1u);
  EXPECT_EQ(merged.issue_count(NerIssueKind::duplicate, false), 1u);
  NerOptions o;
  o.merge_duplicates = false;
  // Unmerged: 2 gold PER, predictions PER, PER, ORG: two round-1 pairs, ORG spurious.
  expect_counts(NerOutcomes(docs, o).report(), NerSchema::strict, {2, 0, 0, 0, 1});
  // Unmerged with one gold copy: the second predicted copy is spurious.
  expect_counts(one({e(0, 5, "PER")}, {e(0, 5, "PER"), e(0, 5, "PER")}, o), NerSchema::strict, {1, 0, 0, 0, 1});
}

TEST(Ner, EmptyDocumentsContributeNothing) {
  const std::vector<NerDocument> with_empty = {NerDocument{}, NerDocument{{e(0, 5, "PER")}, {e(0, 5, "PER")}, {}},
                                               NerDocument{}};
  const NerOutcomes out(with_empty);
  EXPECT_EQ(out.size(), 3u);
  expect_counts(out.report(), NerSchema::strict, {1, 0, 0, 0, 0});
  // Only empty documents: every measure is 0/0.
  NerOptions o;
  o.zero_division = ZeroDivision::undefined;
  const NerOutcomes empty({NerDocument{}, NerDocument{}}, o);
  const auto f1 = empty.score(NerSchema::strict, NerMeasure::f1);
  ASSERT_FALSE(f1.ok());
  EXPECT_EQ(f1.detail(), "strict F1 is 0/0: no gold and no predicted entity");
  EXPECT_TRUE(empty.report().types.empty());
  EXPECT_EQ(NerOutcomes({NerDocument{}}).score(NerSchema::strict, NerMeasure::f1).value(), 0.0);
}

TEST(Ner, OffsetsOutOfRangeDropGoldAndMakePredictionsSpurious) {
  // The text has 11 characters. Gold [8, 15) runs past its end and has no text to realign
  // with: dropped (nothing to score against). The prediction [20, 25) likewise: spurious.
  NerDocument doc{{e(0, 5, "PER"), e(8, 15, "LOC")}, {e(0, 5, "PER"), e(20, 25, "LOC")}, std::string("Alice sings")};
  const NerOutcomes out({doc});
  expect_counts(out.report(), NerSchema::strict, {1, 0, 0, 0, 1});
  ASSERT_EQ(out.issues().size(), 2u);
  EXPECT_EQ(out.issues()[0].kind, NerIssueKind::dropped);
  EXPECT_TRUE(out.issues()[0].gold);
  EXPECT_EQ(out.issues()[0].entity, 1u);
  EXPECT_EQ(out.issues()[0].detail, "offsets [8, 15) run past the end of the text (11 characters); left out");
  EXPECT_EQ(out.issues()[1].kind, NerIssueKind::unmatchable);
  EXPECT_EQ(out.issues()[1].detail, "offsets [20, 25) run past the end of the text (11 characters); counted as spurious");
  // An empty or reversed span is invalid even without a text.
  const NerOutcomes reversed({NerDocument{{}, {e(5, 3, "PER")}, std::nullopt}});
  expect_counts(reversed.report(), NerSchema::strict, {0, 0, 0, 0, 1});
  EXPECT_EQ(reversed.issues()[0].detail, "offsets [5, 3) are empty or reversed; counted as spurious");
  // Under SpanRepair::error the first problem throws, naming the side, document and entity.
  NerOptions o;
  o.span_repair = SpanRepair::error;
  o.gold_source = "gold.jsonl";
  o.document_name = [](std::size_t d) { return "line " + std::to_string(d + 1); };
  try {
    NerOutcomes({doc}, o);
    FAIL() << "expected an InputError";
  } catch (const InputError& x) {
    EXPECT_EQ(x.id(), "synthbench.input.303");
    EXPECT_EQ(x.source(), "gold.jsonl");
    EXPECT_EQ(x.where(), "line 1, gold entity 1");
    EXPECT_NE(std::string(x.what()).find("run past the end of the text"), std::string::npos) << x.what();
  }
}

TEST(Ner, MisalignedOffsetsAreRealignedToTheNearestOccurrence) {
  // "Paris and Paris": occurrences at 0 and 10. Offsets [9, 14) hold " Pari"; the nearest
  // occurrence to 9 is at 10, so the entity moves to [10, 15) and then matches the prediction.
  const std::string text = "Paris and Paris";
  NerDocument doc{{et(9, 14, "LOC", "Paris")}, {et(10, 15, "LOC", "Paris")}, text};
  const NerOutcomes out({doc});
  expect_counts(out.report(), NerSchema::strict, {1, 0, 0, 0, 0});
  ASSERT_EQ(out.issues().size(), 1u);
  EXPECT_EQ(out.issues()[0].kind, NerIssueKind::realigned);
  EXPECT_EQ(out.issues()[0].detail, "offsets [9, 14) hold \" Pari\", not \"Paris\"; moved to [10, 15)");
  // Equidistant occurrences: the earlier one. [5, 10) is 5 from 0 and 5 from 10.
  const NerOutcomes tie({NerDocument{{et(5, 10, "LOC", "Paris")}, {et(0, 5, "LOC", "Paris")}, text}});
  expect_counts(tie.report(), NerSchema::strict, {1, 0, 0, 0, 0});
  // With SpanRepair::none the misaligned gold entity is dropped and the prediction is spurious.
  NerOptions none;
  none.span_repair = SpanRepair::none;
  const NerOutcomes kept({NerDocument{{et(9, 14, "LOC", "Paris")}, {et(9, 14, "LOC", "Paris")}, text}}, none);
  expect_counts(kept.report(), NerSchema::strict, {0, 0, 0, 0, 1});
  EXPECT_EQ(kept.issue_count(NerIssueKind::dropped, true), 1u);
  EXPECT_EQ(kept.issue_count(NerIssueKind::unmatchable, false), 1u);
  // Recapitalized text (an LLM wrote "Paris" for "paris"): the nearest occurrence ignoring
  // ASCII case, said so in the report.
  const NerOutcomes recased({NerDocument{{et(0, 5, "LOC", "PARIS")}, {et(10, 15, "LOC", "Paris")}, text}});
  expect_counts(recased.report(), NerSchema::strict, {0, 0, 0, 1, 1});  // gold stays at [0, 5)
  EXPECT_EQ(recased.issues()[0].detail,
            "offsets [0, 5) hold \"Paris\", not \"PARIS\"; moved to [0, 5) (the text occurs there with other "
            "capitalization)");
  // A text that does not occur cannot be realigned.
  const NerOutcomes absent({NerDocument{{}, {et(0, 5, "LOC", "Rome")}, text}});
  EXPECT_EQ(absent.issues()[0].detail,
            "offsets [0, 5) hold \"Paris\", not \"Rome\"; the text does not occur in the document; counted as spurious");
}

TEST(Ner, OffsetsAreCharactersNotBytes) {
  // "Schröder met Merkel": o-umlaut is 2 bytes in UTF-8 but one character. Character offsets:
  // "Schröder" [0, 8), "Merkel" [13, 19); the text is 19 characters (20 bytes).
  const std::string text = "Schr\303\266der met Merkel";
  NerDocument doc{{et(0, 8, "PER", "Schr\303\266der"), et(13, 19, "PER", "Merkel")},
                  {et(0, 8, "PER", "Schr\303\266der"), et(14, 20, "PER", "Merkel")},  // byte offsets: wrong
                  text};
  const NerOutcomes out({doc});
  expect_counts(out.report(), NerSchema::strict, {2, 0, 0, 0, 0});  // the byte-offset one is realigned
  ASSERT_EQ(out.issues().size(), 1u);
  EXPECT_EQ(out.issues()[0].detail, "offsets [14, 20) run past the end of the text (19 characters); moved to [13, 19)");
}

TEST(Ner, GoldEntityWithoutTypeIsAnError) {
  try {
    NerOutcomes({NerDocument{{Entity{0, 3, "", std::nullopt}}, {}, std::nullopt}});
    FAIL();
  } catch (const InputError& x) {
    EXPECT_EQ(x.id(), "synthbench.input.302");
    EXPECT_EQ(x.where(), "document 0, gold entity 0");
  }
}

TEST(Ner, UnknownPredictedTypesAreScoredAndReported) {
  NerOptions o;
  o.types = {"PER", "LOC"};
  const NerOutcomes out({NerDocument{{e(0, 5, "PER")}, {e(0, 5, "city")}, std::nullopt}}, o);
  expect_counts(out.report(), NerSchema::exact, {1, 0, 0, 0, 0});
  expect_counts(out.report(), NerSchema::strict, {0, 1, 0, 0, 0});
  EXPECT_EQ(out.issue_count(NerIssueKind::unknown_type, false), 1u);
}

// --- Mixed documents, all four schemas, per type, summed over documents -------------------

// Document 1:                                  round  strict exact partial ent_type  type
//   g1 [0, 5) PER    p1 [0, 5) PER              1     COR    COR   COR     COR      PER
//   g2 [10, 15) LOC  p2 [10, 15) ORG            2     INC    COR   COR     INC      LOC
//   g3 [20, 30) ORG  p3 [20, 25) ORG            3     INC    INC   PAR     COR      ORG
//   g4 [40, 45) PER  p4 [42, 48) LOC            4     INC    INC   PAR     INC      PER
//   g5 [50, 55) LOC  -                          -     MIS    MIS   MIS     MIS      LOC
//   -                p5 [60, 65) PER            -     SPU    SPU   SPU     SPU      PER
// Document 2:
//   h1 [0, 4) PER    q1 [0, 4) PER              1     COR    COR   COR     COR      PER
//   h2 [10, 20) ORG  q2 [12, 18) ORG            3     INC    INC   PAR     COR      ORG
//   -                q3 [30, 35) LOC            -     SPU    SPU   SPU     SPU      LOC
std::vector<NerDocument> mixed_documents() {
  return {NerDocument{{e(0, 5, "PER"), e(10, 15, "LOC"), e(20, 30, "ORG"), e(40, 45, "PER"), e(50, 55, "LOC")},
                      {e(60, 65, "PER"), e(42, 48, "LOC"), e(20, 25, "ORG"), e(10, 15, "ORG"), e(0, 5, "PER")},
                      std::nullopt},
          NerDocument{{e(10, 20, "ORG"), e(0, 4, "PER")}, {e(30, 35, "LOC"), e(12, 18, "ORG"), e(0, 4, "PER")},
                      std::nullopt}};
}

TEST(Ner, MixedDocumentHandComputedAllSchemas) {
  const NerOutcomes out({mixed_documents()[0]});
  const auto r = out.report();
  // POS = 5 and ACT = 5 in every schema.
  expect_counts(r, NerSchema::strict, {1, 3, 0, 1, 1});    // P = R = F1 = 1/5
  expect_counts(r, NerSchema::exact, {2, 2, 0, 1, 1});     // 2/5
  expect_counts(r, NerSchema::partial, {2, 0, 2, 1, 1});   // (2 + 0.5 * 2) / 5 = 3/5
  expect_counts(r, NerSchema::ent_type, {2, 2, 0, 1, 1});  // 2/5
  EXPECT_DOUBLE_EQ(r.at(NerSchema::strict).f1.value(), 0.2);
  EXPECT_DOUBLE_EQ(r.at(NerSchema::exact).precision.value(), 0.4);
  EXPECT_DOUBLE_EQ(r.at(NerSchema::partial).recall.value(), 0.6);
  EXPECT_DOUBLE_EQ(r.at(NerSchema::ent_type).f1.value(), 0.4);
  // Per type (sorted by name: LOC, ORG, PER):
  //   LOC: g2 round 2, g5 missed.  strict INC 1 MIS 1 -> P 0/1, R 0/2; exact/partial COR 1
  //        MIS 1 -> P 1, R 1/2, F1 2/3; ent_type INC 1 MIS 1 -> 0.
  //   ORG: g3 round 3. strict/exact INC -> 0; partial PAR -> 0.5; ent_type COR -> 1.
  //   PER: g1 round 1, g4 round 4, p5 spurious. strict COR 1 INC 1 SPU 1 -> P 1/3, R 1/2,
  //        F1 2/5; partial COR 1 PAR 1 SPU 1 -> P 1.5/3, R 1.5/2, F1 2 * 1.5 / 5 = 3/5.
  ASSERT_EQ(r.types.size(), 3u);
  EXPECT_EQ(r.types[0].type, "LOC");
  EXPECT_EQ(r.types[1].type, "ORG");
  EXPECT_EQ(r.types[2].type, "PER");
  const auto& loc = r.types[0].schemas;
  const auto& org = r.types[1].schemas;
  const auto& per = r.types[2].schemas;
  const auto at = [](NerSchema s) { return static_cast<std::size_t>(s); };
  EXPECT_EQ(loc[at(NerSchema::strict)].precision.value(), 0.0);
  EXPECT_DOUBLE_EQ(loc[at(NerSchema::exact)].f1.value(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(loc[at(NerSchema::partial)].recall.value(), 0.5);
  EXPECT_EQ(loc[at(NerSchema::ent_type)].f1.value(), 0.0);
  EXPECT_EQ(org[at(NerSchema::exact)].f1.value(), 0.0);
  EXPECT_EQ(org[at(NerSchema::partial)].f1.value(), 0.5);
  EXPECT_EQ(org[at(NerSchema::ent_type)].f1.value(), 1.0);
  EXPECT_DOUBLE_EQ(per[at(NerSchema::strict)].precision.value(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(per[at(NerSchema::strict)].recall.value(), 0.5);
  EXPECT_DOUBLE_EQ(per[at(NerSchema::strict)].f1.value(), 0.4);
  EXPECT_DOUBLE_EQ(per[at(NerSchema::partial)].precision.value(), 0.5);
  EXPECT_DOUBLE_EQ(per[at(NerSchema::partial)].recall.value(), 0.75);
  EXPECT_DOUBLE_EQ(per[at(NerSchema::partial)].f1.value(), 0.6);
  EXPECT_EQ(per[at(NerSchema::strict)].counts.spurious, 1u);  // p5 counts under PER only
  EXPECT_EQ(org[at(NerSchema::strict)].counts.spurious, 0u);
}

TEST(Ner, MultipleDocumentsAreSummedBeforeDividing) {
  const NerOutcomes out(mixed_documents());
  const auto r = out.report();
  // Document 2 adds strict COR 1 INC 1 SPU 1; exact COR 1 INC 1 SPU 1; partial COR 1 PAR 1
  // SPU 1; ent_type COR 2 SPU 1. Totals (POS = 7, ACT = 8):
  expect_counts(r, NerSchema::strict, {2, 4, 0, 1, 2});    // P 2/8, R 2/7, F1 4/15
  expect_counts(r, NerSchema::exact, {3, 3, 0, 1, 2});     // P 3/8, R 3/7, F1 6/15
  expect_counts(r, NerSchema::partial, {3, 0, 3, 1, 2});   // matched 4.5: P 9/16, R 9/14, F1 9/15
  expect_counts(r, NerSchema::ent_type, {4, 2, 0, 1, 2});  // P 4/8, R 4/7, F1 8/15
  EXPECT_DOUBLE_EQ(r.at(NerSchema::strict).precision.value(), 0.25);
  EXPECT_DOUBLE_EQ(r.at(NerSchema::strict).recall.value(), 2.0 / 7);
  EXPECT_DOUBLE_EQ(r.at(NerSchema::strict).f1.value(), 4.0 / 15);
  EXPECT_DOUBLE_EQ(r.at(NerSchema::exact).f1.value(), 0.4);
  EXPECT_DOUBLE_EQ(r.at(NerSchema::partial).precision.value(), 9.0 / 16);
  EXPECT_DOUBLE_EQ(r.at(NerSchema::partial).recall.value(), 9.0 / 14);
  EXPECT_DOUBLE_EQ(r.at(NerSchema::partial).f1.value(), 0.6);
  EXPECT_DOUBLE_EQ(r.at(NerSchema::ent_type).f1.value(), 8.0 / 15);
  // Not the mean of per-document F1 (strict: document 1 gives 1/5, document 2 gives 2/5).
  EXPECT_NE(r.at(NerSchema::strict).f1.value(), 0.3);
  // The single-number path and resampled indices: document 2 twice doubles its counts
  // (strict COR 2, INC 2, SPU 2: P = 2/6, R = 2/4).
  EXPECT_DOUBLE_EQ(out.score(NerSchema::strict, NerMeasure::f1).value(), 4.0 / 15);
  EXPECT_DOUBLE_EQ(out.score(NerSchema::strict, NerMeasure::precision, {1, 1}).value(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(out.score(NerSchema::strict, NerMeasure::recall, {1, 1}).value(), 0.5);
  const auto scorer = out.scorer(NerSchema::partial, NerMeasure::f1);
  EXPECT_EQ(scorer.item_count(), 2u);
  EXPECT_DOUBLE_EQ(scorer.score_on({0, 1}).value(), 0.6);
  EXPECT_THROW(out.score(NerSchema::strict, NerMeasure::f1, {2}), synthbench::UsageError);
}

TEST(Ner, RandomDocumentsKeepTheInvariants) {
  // Per-type counts sum to the overall ones; each gold entity is counted once (POS = number
  // of gold entities) and each prediction once (ACT = number of predictions); measures lie in
  // [0, 1]; the strict counts are never better than exact or ent_type.
  synthbench::stats::Xoshiro256StarStar rng(5);
  const char* types[] = {"A", "B", "C"};
  std::vector<NerDocument> docs(300);
  std::size_t gold_total = 0;
  std::size_t predicted_total = 0;
  for (auto& d : docs) {
    const auto ng = rng.bounded32(5);
    const auto np = rng.bounded32(6);
    for (std::uint32_t i = 0; i < ng; ++i) {
      const std::size_t s = rng.bounded32(40);
      d.gold.push_back(e(s, s + 1 + rng.bounded32(8), types[rng.bounded32(3)]));
    }
    for (std::uint32_t i = 0; i < np; ++i) {
      const std::size_t s = rng.bounded32(40);
      d.predicted.push_back(e(s, s + 1 + rng.bounded32(8), types[rng.bounded32(3)]));
    }
  }
  NerOptions o;
  o.merge_duplicates = false;  // so that POS and ACT equal the raw entity counts
  for (const auto& d : docs) {
    gold_total += d.gold.size();
    predicted_total += d.predicted.size();
  }
  const auto r = NerOutcomes(docs, o).report();
  for (const auto s : synthbench::metrics::all_ner_schemas) {
    const auto& all = r.at(s);
    EXPECT_EQ(all.counts.possible(), gold_total) << to_string(s);
    EXPECT_EQ(all.counts.actual(), predicted_total) << to_string(s);
    NerCounts sum;
    for (const auto& t : r.types) {
      const auto& c = t.schemas[static_cast<std::size_t>(s)].counts;
      sum.correct += c.correct;
      sum.incorrect += c.incorrect;
      sum.partial += c.partial;
      sum.missed += c.missed;
      sum.spurious += c.spurious;
    }
    EXPECT_EQ(sum.correct, all.counts.correct) << to_string(s);
    EXPECT_EQ(sum.incorrect, all.counts.incorrect) << to_string(s);
    EXPECT_EQ(sum.partial, all.counts.partial) << to_string(s);
    EXPECT_EQ(sum.missed, all.counts.missed) << to_string(s);
    EXPECT_EQ(sum.spurious, all.counts.spurious) << to_string(s);
    for (const auto* m : {&all.precision, &all.recall, &all.f1}) {
      EXPECT_GE(m->value(), 0.0);
      EXPECT_LE(m->value(), 1.0);
    }
  }
  EXPECT_LE(r.at(NerSchema::strict).counts.correct, r.at(NerSchema::exact).counts.correct);
  EXPECT_LE(r.at(NerSchema::strict).counts.correct, r.at(NerSchema::ent_type).counts.correct);
  EXPECT_EQ(r.at(NerSchema::exact).counts.correct, r.at(NerSchema::partial).counts.correct);
}

}  // namespace
