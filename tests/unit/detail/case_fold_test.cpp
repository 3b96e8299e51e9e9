// detail/case_fold.hpp: the one letter-case table (upper, lower, simple folding) that the
// answer parsers' matching and the NER reference solvers' capitalization share.

#include <synthbench/detail/case_fold.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace {

namespace sd = synthbench::detail;
using sd::LetterCase;

std::vector<std::uint32_t> code_points(const std::string& text) {
  std::vector<std::uint32_t> out;
  for (const auto& ch : synthbench::detail::utf8_chars(text)) out.push_back(ch.code);
  return out;
}

bool covered(std::uint32_t c) { return c < 0x180 || (c >= 0x386 && c <= 0x3CE) || (c >= 0x400 && c <= 0x45F); }

// Every letter of category Lu and Ll in the covered ranges (U+0000..U+017F, U+0386..U+03CE,
// U+0400..U+045F), each followed by its simple case folding, as Python 3.11's unicodedata
// (Unicode 14.0) gives them:
//   [c for c in covered if unicodedata.category(chr(c)) == 'Lu']  (and 'Ll')
// with the folding chr(c).casefold() when that is one character, else chr(c).lower() when that
// is one character, else c (CaseFolding.txt's "C" and "S" rows).
const char* const kUpper =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
    "ΆΈΉΊΌΎΏΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΪΫЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ";
const char* const kUpperFolded =
    "abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįİĳĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷÿźżž"
    "άέήίόύώαβγδεζηθικλμνξοπρστυφχψωϊϋѐёђѓєѕіїјљњћќѝўџабвгдежзийклмнопрстуфхцчшщъыьэюя";
const char* const kLower =
    "abcdefghijklmnopqrstuvwxyzµßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĳĵķĸĺļľŀłńņňŉŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżžſ"
    "ΐάέήίΰαβγδεζηθικλμνξοπρςστυφχψωϊϋόύώабвгдежзийклмнопрстуфхцчшщъыьэюяѐёђѓєѕіїјљњћќѝўџ";
const char* const kLowerFolded =
    "abcdefghijklmnopqrstuvwxyzμßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĳĵķĸĺļľŀłńņňŉŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżžs"
    "ΐάέήίΰαβγδεζηθικλμνξοπρσστυφχψωϊϋόύώабвгдежзийклмнопрстуфхцчшщъыьэюяѐёђѓєѕіїјљњћќѝўџ";

TEST(LetterCase, AgreesWithUnicodeOnEveryCodePointItCovers) {
  const auto upper = code_points(kUpper);
  const auto upper_folded = code_points(kUpperFolded);
  const auto lower = code_points(kLower);
  const auto lower_folded = code_points(kLowerFolded);
  ASSERT_EQ(upper.size(), 200u);
  ASSERT_EQ(upper_folded.size(), upper.size());
  ASSERT_EQ(lower.size(), 208u);
  ASSERT_EQ(lower_folded.size(), lower.size());
  std::vector<LetterCase> expected(0x460, LetterCase::none);
  std::vector<std::uint32_t> fold(0x460);
  for (std::uint32_t c = 0; c < 0x460; ++c) fold[c] = c;
  for (std::size_t k = 0; k < upper.size(); ++k) {
    expected[upper[k]] = LetterCase::upper;
    fold[upper[k]] = upper_folded[k];
  }
  for (std::size_t k = 0; k < lower.size(); ++k) {
    expected[lower[k]] = LetterCase::lower;
    fold[lower[k]] = lower_folded[k];
  }
  for (std::uint32_t c = 0; c < 0x460; ++c) {
    if (!covered(c)) continue;
    EXPECT_EQ(sd::letter_case(c).kind, expected[c]) << std::hex << "U+" << c;
    EXPECT_EQ(sd::letter_case(c).fold, fold[c]) << std::hex << "U+" << c;
  }
}

TEST(LetterCase, OutsideTheTableNothingIsCasedOrFolded) {
  std::size_t cased = 0;
  for (std::uint32_t c = 0; c <= 0x10FFFF; ++c) {
    if (covered(c)) continue;
    const auto e = sd::letter_case(c);
    if (e.kind != LetterCase::none || e.fold != c) ++cased;
  }
  EXPECT_EQ(cased, 0u);
  // A few that a wider table would fold: Latin Extended-B, Greek Ϗ, Armenian, fullwidth A.
  EXPECT_EQ(sd::simple_fold(0x1F1), 0x1F1u);
  EXPECT_EQ(sd::simple_fold(0x3CF), 0x3CFu);
  EXPECT_EQ(sd::simple_fold(0x531), 0x531u);
  EXPECT_EQ(sd::simple_fold(0xFF21), 0xFF21u);
}

TEST(LetterCase, GreekCapitalsAccentedOrNot) {
  // The NER solvers' own is_upper missed the accented ones that the folding already knew.
  for (const std::uint32_t c : {0x386u, 0x388u, 0x389u, 0x38Au, 0x38Cu, 0x38Eu, 0x38Fu, 0x391u, 0x3A9u, 0x3AAu, 0x3ABu}) {
    EXPECT_TRUE(sd::is_upper_letter(c)) << std::hex << c;
    EXPECT_FALSE(sd::is_lower_letter(c)) << std::hex << c;
    EXPECT_TRUE(sd::is_lower_letter(sd::simple_fold(c))) << std::hex << c;
  }
  EXPECT_EQ(sd::simple_fold(0x386), 0x3ACu);  // Ά -> ά
  EXPECT_EQ(sd::simple_fold(0x388), 0x3ADu);  // Έ -> έ
  EXPECT_EQ(sd::simple_fold(0x38F), 0x3CEu);  // Ώ -> ώ
  EXPECT_EQ(sd::simple_fold(0x3C2), 0x3C3u);  // ς -> σ
  EXPECT_FALSE(sd::is_upper_letter(0x3A2));   // unassigned, between Ρ and Σ
}

TEST(LetterCase, OtherScriptsAndTheLettersWithoutAPartner) {
  EXPECT_TRUE(sd::is_upper_letter('Q'));
  EXPECT_TRUE(sd::is_lower_letter('q'));
  EXPECT_FALSE(sd::is_upper_letter('1'));
  EXPECT_FALSE(sd::is_lower_letter('_'));
  EXPECT_TRUE(sd::is_upper_letter(0xC9));     // É
  EXPECT_FALSE(sd::is_upper_letter(0xD7));    // ×
  EXPECT_TRUE(sd::is_lower_letter(0xDF));     // ß, which folds to itself (not "ss")
  EXPECT_EQ(sd::simple_fold(0xDF), 0xDFu);
  EXPECT_TRUE(sd::is_upper_letter(0x130));    // İ: upper, but folds to itself
  EXPECT_EQ(sd::simple_fold(0x130), 0x130u);
  EXPECT_TRUE(sd::is_lower_letter(0x17F));    // ſ folds to s
  EXPECT_EQ(sd::simple_fold(0x17F), static_cast<std::uint32_t>('s'));
  EXPECT_EQ(sd::simple_fold(0x178), 0xFFu);   // Ÿ -> ÿ, across blocks
  EXPECT_TRUE(sd::is_upper_letter(0x401));    // Ё
  EXPECT_EQ(sd::simple_fold(0x401), 0x451u);
  EXPECT_TRUE(sd::is_lower_letter(0x45F));    // џ: the end of basic Cyrillic
}

TEST(FoldCase, KeepsOffsetsAndMalformedBytes) {
  EXPECT_EQ(synthbench::detail::fold_case("\u0386\u03c1\u03b7\u03c2 SCHR\u00d6DER"), "\u03ac\u03c1\u03b7\u03c3 schr\u00f6der");
  const std::string bad = "A\xC0\xAF" "B";  // an overlong '/' stays as it is
  EXPECT_EQ(synthbench::detail::fold_case(bad), "a\xC0\xAF" "b");
}

}  // namespace
