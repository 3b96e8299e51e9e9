#include <synthbench/metrics/entity.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace {

using synthbench::metrics::Entity;
using synthbench::metrics::repair_span;
using synthbench::metrics::SpanProblem;
using synthbench::metrics::SpanStatus;

Entity et(std::size_t start, std::size_t end, const char* text) { return Entity{start, end, "LOC", std::string(text)}; }

TEST(RepairSpan, AValidSpanIsLeftAlone) {
  const auto r = repair_span("Paris and Rome", et(10, 14, "Rome"), true);
  EXPECT_EQ(r.status, SpanStatus::valid);
  EXPECT_EQ(r.problem, SpanProblem::none);
  EXPECT_EQ(r.start, 10u);
  EXPECT_EQ(r.end, 14u);
  EXPECT_TRUE(r.description.empty());
  EXPECT_TRUE(r.detail.empty());
  // Without a text only the order and the range are checked.
  EXPECT_EQ(repair_span("Paris and Rome", Entity{0, 3, "LOC", std::nullopt}, true).status, SpanStatus::valid);
}

TEST(SpanIsValid, TheCheapCheckAgreesWithRepairSpan) {
  const std::string text = "Paris and Rome";
  const synthbench::detail::Utf8Index index(text);
  for (const auto& e : {et(10, 14, "Rome"), et(9, 14, "Rome"), et(10, 15, "Rome"), et(4, 4, "")}) {
    EXPECT_EQ(synthbench::metrics::span_is_valid(index, e), repair_span(index, e, true).status == SpanStatus::valid)
        << e.start << ", " << e.end;
  }
  EXPECT_TRUE(synthbench::metrics::span_is_valid(index, Entity{0, 14, "X", std::nullopt}));
  EXPECT_FALSE(synthbench::metrics::span_is_valid(index, Entity{3, 3, "X", std::nullopt}));
}

TEST(RepairSpan, MovesToTheNearestOccurrenceEarlierOnTies) {
  // "Paris and Paris": occurrences at 0 and 10; [9, 14) holds " Pari": 10 is 1 away, 0 is 9.
  const std::string text = "Paris and Paris";
  const auto r = repair_span(text, et(9, 14, "Paris"), true);
  EXPECT_EQ(r.status, SpanStatus::realigned);
  EXPECT_EQ(r.problem, SpanProblem::other_text);
  EXPECT_EQ(r.start, 10u);
  EXPECT_EQ(r.end, 15u);
  EXPECT_FALSE(r.ignored_case);
  EXPECT_EQ(r.description, "offsets [9, 14) hold \" Pari\", not \"Paris\"");
  EXPECT_EQ(r.detail, "offsets [9, 14) hold \" Pari\", not \"Paris\"; moved to [10, 15)");
  // [5, 10) is 5 from both occurrences: the earlier wins.
  const auto tie = repair_span(text, et(5, 10, "Paris"), true);
  EXPECT_EQ(tie.start, 0u);
  EXPECT_EQ(tie.end, 5u);
}

TEST(RepairSpan, EmptyAndPastTheEndSpansAreRealignedWhenTheTextOccurs) {
  const auto empty = repair_span("in Rome today", et(0, 0, "Rome"), true);
  EXPECT_EQ(empty.problem, SpanProblem::empty);
  EXPECT_EQ(empty.status, SpanStatus::realigned);
  EXPECT_EQ(empty.start, 3u);
  EXPECT_EQ(empty.detail, "offsets [0, 0) are empty or reversed; moved to [3, 7)");
  const auto past = repair_span("in Rome", et(5, 9, "Rome"), true);
  EXPECT_EQ(past.problem, SpanProblem::past_end);
  EXPECT_EQ(past.status, SpanStatus::realigned);
  EXPECT_EQ(past.detail, "offsets [5, 9) run past the end of the text (7 characters); moved to [3, 7)");
  // Without a text there is nothing to look for.
  const auto reversed = repair_span("in Rome", Entity{5, 3, "LOC", std::nullopt}, true);
  EXPECT_EQ(reversed.status, SpanStatus::invalid);
  EXPECT_EQ(reversed.problem, SpanProblem::empty);
  EXPECT_EQ(reversed.detail, "offsets [5, 3) are empty or reversed");
}

TEST(RepairSpan, OtherCapitalizationIsTheFallback) {
  // The SG4NLP generators wrote "Satire" for a "satire" that is at the right offsets.
  const std::string text = "a work of satire";
  const auto r = repair_span(text, et(10, 16, "Satire"), true);
  EXPECT_EQ(r.status, SpanStatus::realigned);
  EXPECT_TRUE(r.ignored_case);
  EXPECT_EQ(r.start, 10u);
  EXPECT_EQ(r.end, 16u);
  EXPECT_EQ(r.detail,
            "offsets [10, 16) hold \"satire\", not \"Satire\"; moved to [10, 16) (the text occurs there with other "
            "capitalization)");
  // An exact occurrence anywhere beats a recapitalized one nearby.
  const auto exact = repair_span("satire ... Satire", et(0, 6, "Satire"), true);
  EXPECT_FALSE(exact.ignored_case);
  EXPECT_EQ(exact.start, 11u);
}

TEST(RepairSpan, TextThatDoesNotOccurStaysInvalid) {
  const auto r = repair_span("Paris", et(0, 5, "Rome"), true);
  EXPECT_EQ(r.status, SpanStatus::invalid);
  EXPECT_EQ(r.detail, "offsets [0, 5) hold \"Paris\", not \"Rome\"; the text does not occur in the document");
  // realign = false: the problem only, nothing tried.
  const auto no = repair_span("Paris and Paris", et(9, 14, "Paris"), false);
  EXPECT_EQ(no.status, SpanStatus::invalid);
  EXPECT_EQ(no.detail, no.description);
  // An empty entity text cannot be looked for.
  EXPECT_EQ(repair_span("Paris", et(0, 0, ""), true).status, SpanStatus::invalid);
}

TEST(RepairSpan, OffsetsAreCodePoints) {
  // "Schröder trifft Schröder": ö is two bytes; the second name starts at character 16
  // (byte 17). Byte offsets [17, 26) run past the end of the 24 characters.
  const std::string text = "Schr\303\266der trifft Schr\303\266der";
  const auto r = repair_span(text, et(17, 26, "Schr\303\266der"), true);
  EXPECT_EQ(r.status, SpanStatus::realigned);
  EXPECT_EQ(r.start, 16u);
  EXPECT_EQ(r.end, 24u);
  // A needle found inside a multi-byte character is not an occurrence: "\266" alone.
  bool ignored_case = false;
  const synthbench::detail::Utf8Index index(text);
  EXPECT_FALSE(synthbench::metrics::nearest_occurrence(index, "\266der", 0, ignored_case).has_value());
}

TEST(RepairSpan, NeverMovesIntoAWordButKeepsTheGivenStart) {
  // The rule of detail/mention_search.hpp, shared with the answer parsers' alignment. The old
  // repair moved "US" to the nearest occurrence, the "US" of "USA".
  const auto r = repair_span("USA and US", et(1, 3, "US"), true);
  EXPECT_EQ(r.status, SpanStatus::realigned);
  EXPECT_EQ(r.start, 8u);
  EXPECT_EQ(r.end, 10u);
  // Only inside longer words: not moved.
  const auto inside = repair_span("the Democrats won", et(9, 17, "Democrat"), true);
  EXPECT_EQ(inside.status, SpanStatus::invalid);
  EXPECT_EQ(inside.detail,
            "offsets [9, 17) hold \"rats won\", not \"Democrat\"; the text occurs in the document only inside longer "
            "words");
  // At the given start the data's own placement stands, inside a word or not (SG4NLP: the entity
  // "Erotic" at the "erotic" of "erotica").
  const auto in_place = repair_span("writing erotica", et(8, 14, "Erotic"), true);
  EXPECT_EQ(in_place.status, SpanStatus::realigned);
  EXPECT_TRUE(in_place.ignored_case);
  EXPECT_EQ(in_place.start, 8u);
  EXPECT_EQ(in_place.end, 14u);
}

TEST(RepairSpan, OtherCapitalizationBeyondAscii) {
  // Simple case folding (detail/case_fold.hpp), as the answer parsers match: "KÖLN" is "Köln".
  // The old repair lowercased ASCII letters only and found nothing.
  const auto r = repair_span("in K\303\266ln", et(0, 4, "K\303\226LN"), true);
  EXPECT_EQ(r.status, SpanStatus::realigned);
  EXPECT_TRUE(r.ignored_case);
  EXPECT_EQ(r.start, 3u);
  EXPECT_EQ(r.end, 7u);
}

}  // namespace
