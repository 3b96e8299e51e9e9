#ifndef SYNTHBENCH_DETAIL_CASE_FOLD_HPP
#define SYNTHBENCH_DETAIL_CASE_FOLD_HPP

/// @file
/// Letter case: one table of upper- and lower-case letters and their simple case folding,
/// and the folding of UTF-8 text built on it, for matching LLM output against
/// the text it talks about ("paris" against "Paris", "schröder" against "Schröder") and for
/// the capitalization the NER reference solvers read. Characters are those of
/// detail/utf8.hpp (a malformed sequence is one character, compared by its bytes).
///
/// **The table** (letter_case) covers the scripts of the study's data and most European
/// text: ASCII, Latin-1 Supplement, Latin Extended-A, basic Greek (U+0386..U+03CE, accented
/// capitals such as "Ά" and "Έ" included) and basic Cyrillic (U+0400..U+045F). A code point
/// outside it is neither upper nor lower case and folds to itself. On the code points it
/// covers, it agrees with Unicode's Lu and Ll categories and CaseFolding.txt (checked in
/// tests/unit/detail/case_fold_test.cpp).
///
/// **Simple case folding** maps one code point to one code point (offsets are preserved), as
/// the "C" and "S" rows of Unicode's CaseFolding.txt do. This is deliberately not full
/// Unicode folding ("ß" does not match "ss"): a one-to-many mapping would change lengths and
/// offsets. Lower-case letters without a capital in the table (ß, ĸ, ŉ, ΐ, ΰ) fold to
/// themselves, and so does the capital İ (U+0130), whose folding is Turkic or full only;
/// ſ (U+017F) folds to "s", ς (U+03C2) to σ and µ (U+00B5, the micro sign) to μ.

#include <cstdint>  // std::uint32_t
#include <string>   // std::string

#include "synthbench/detail/utf8.hpp"  // Utf8Char, utf8_chars, append_utf8
#include "synthbench/version.hpp"      // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// The case of a letter (file comment: the table).
enum class LetterCase : unsigned char {
  none,   ///< not a letter of the table (or a letter without case)
  upper,  ///< an upper-case letter
  lower,  ///< a lower-case letter
};

/// A code point's case and its simple case folding.
struct CaseEntry {
  LetterCase kind = LetterCase::none;  ///< its case
  std::uint32_t fold = 0;              ///< its simple case folding (itself when none)
};

/// The entry of `c` in the letter-case table (file comment).
constexpr CaseEntry letter_case(std::uint32_t c) noexcept {
  using L = LetterCase;
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') return {L::upper, c + 32};
    return {c >= 'a' && c <= 'z' ? L::lower : L::none, c};
  }
  if (c < 0xC0) return c == 0xB5 ? CaseEntry{L::lower, 0x3BC} : CaseEntry{L::none, c};  // µ folds to μ; other signs
  if (c <= 0xFF) {
    if (c == 0xD7 || c == 0xF7) return {L::none, c};  // × ÷
    return c <= 0xDE ? CaseEntry{L::upper, c + 32} : CaseEntry{L::lower, c};  // À..Þ; ß, à..ÿ
  }
  if (c <= 0x17F) {  // Latin Extended-A: capital and small letters in pairs
    if (c == 0x130) return {L::upper, c};      // İ
    if (c == 0x138 || c == 0x149) return {L::lower, c};  // ĸ, ŉ
    if (c == 0x178) return {L::upper, 0xFF};   // Ÿ
    if (c == 0x17F) return {L::lower, 's'};    // ſ
    const bool even_capitals = c <= 0x137 || (c >= 0x14A && c <= 0x177);  // else 0x139..0x148, 0x179..0x17E
    const bool upper = (c % 2 == 0) == even_capitals;
    return upper ? CaseEntry{L::upper, c + 1} : CaseEntry{L::lower, c};
  }
  if (c < 0x386) return {L::none, c};
  if (c <= 0x3CE) {  // basic Greek
    if (c == 0x386) return {L::upper, 0x3AC};                // Ά
    if (c >= 0x388 && c <= 0x38A) return {L::upper, c + 37};  // Έ Ή Ί
    if (c == 0x38C) return {L::upper, 0x3CC};                // Ό
    if (c == 0x38E || c == 0x38F) return {L::upper, c + 63};  // Ύ Ώ
    if (c == 0x390) return {L::lower, c};                    // ΐ
    if (c >= 0x391 && c <= 0x3AB) return c == 0x3A2 ? CaseEntry{L::none, c} : CaseEntry{L::upper, c + 32};  // Α..Ω, Ϊ, Ϋ
    if (c >= 0x3AC) return {L::lower, c == 0x3C2 ? 0x3C3u : c};  // ά..ώ; final sigma folds to sigma
    return {L::none, c};
  }
  if (c >= 0x400 && c <= 0x45F) {  // basic Cyrillic
    if (c <= 0x40F) return {L::upper, c + 80};  // Ѐ..Џ
    if (c <= 0x42F) return {L::upper, c + 32};  // А..Я
    return {L::lower, c};                       // а..я, ѐ..џ
  }
  return {L::none, c};
}

/// The simple case folding of `c` (letter_case), or `c` itself.
constexpr std::uint32_t simple_fold(std::uint32_t c) noexcept { return letter_case(c).fold; }

/// True for an upper-case letter of the table.
constexpr bool is_upper_letter(std::uint32_t c) noexcept { return letter_case(c).kind == LetterCase::upper; }

/// True for a lower-case letter of the table.
constexpr bool is_lower_letter(std::uint32_t c) noexcept { return letter_case(c).kind == LetterCase::lower; }

/// `text` with every character simply folded (malformed bytes kept as they are).
inline std::string fold_case(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const auto& ch : utf8_chars(text)) {
    if (ch.valid) {
      append_utf8(out, simple_fold(ch.code));
    } else {
      out.append(text, ch.byte, ch.length);
    }
  }
  return out;
}

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_CASE_FOLD_HPP
