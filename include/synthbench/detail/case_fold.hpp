#ifndef SYNTHBENCH_DETAIL_CASE_FOLD_HPP
#define SYNTHBENCH_DETAIL_CASE_FOLD_HPP

/// @file
/// Simple case folding of UTF-8 text, for matching LLM output against the text it talks
/// about ("paris" against "Paris", "schröder" against "Schröder"). Characters are those of
/// detail/utf8.hpp (a malformed sequence is one character, compared by its bytes).
///
/// **Simple case folding** maps one code point to one code point (offsets are preserved), as
/// the "C" and "S" rows of Unicode's CaseFolding.txt do, for the scripts the study's data and
/// most European text use: ASCII, Latin-1 Supplement, Latin Extended-A, basic Greek and basic
/// Cyrillic. Other characters compare exactly. This is deliberately not full Unicode folding
/// ("ß" does not match "ss"): a one-to-many mapping would change lengths and offsets.

#include <cstdint>  // std::uint32_t
#include <string>   // std::string

#include "synthbench/detail/utf8.hpp"  // Utf8Char, utf8_chars, append_utf8
#include "synthbench/version.hpp"      // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// The lowercase partner of `c` under the simple folding described in the file comment, or
/// `c` itself.
inline std::uint32_t simple_fold(std::uint32_t c) noexcept {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;  // À..Þ, not ×
  if (c >= 0x100 && c <= 0x17F) {
    if ((c <= 0x137 && c != 0x130) || (c >= 0x14A && c <= 0x177)) return c | 1u;  // even upper, odd lower
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 1) ? c + 1 : c;  // odd upper
    if (c == 0x178) return 0xFF;  // Ÿ
    if (c == 0x17F) return 's';   // long s
    return c;
  }
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;  // Greek capitals
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 63;
  if (c == 0x3C2) return 0x3C3;  // final sigma folds to sigma
  if (c >= 0x410 && c <= 0x42F) return c + 32;  // Cyrillic А..Я
  if (c >= 0x400 && c <= 0x40F) return c + 80;  // Ѐ..Џ
  return c;
}

/// True when characters `a` of `ta` and `b` of `tb` are equal after simple folding
/// (malformed characters: equal bytes).
inline bool same_folded(const std::string& ta, const Utf8Char& a, const std::string& tb, const Utf8Char& b) noexcept {
  if (a.valid != b.valid) return false;
  if (a.valid) return simple_fold(a.code) == simple_fold(b.code);
  return a.length == b.length && ta.compare(a.byte, a.length, tb, b.byte, b.length) == 0;
}

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
