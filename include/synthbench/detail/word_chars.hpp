#ifndef SYNTHBENCH_DETAIL_WORD_CHARS_HPP
#define SYNTHBENCH_DETAIL_WORD_CHARS_HPP

/// @file
/// Which code points make words, for finding names and mentions in text: the separators
/// beyond ASCII (Unicode spaces and punctuation) and the word characters of scripts that
/// separate words with spaces, between which a mention must not start or end.

#include <cstdint>  // std::uint32_t

#include "synthbench/detail/utf8.hpp"  // Utf8Char
#include "synthbench/version.hpp"      // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// True for a code point beyond ASCII that separates words: Latin-1 spaces, signs and
/// punctuation (U+00A0..U+00BF, × and ÷), Unicode spaces and general punctuation
/// (U+2000..U+206F), CJK punctuation (U+3000..U+3003), the byte-order mark.
constexpr bool is_separator(std::uint32_t c) noexcept {
  return (c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
         (c >= 0x3000 && c <= 0x3003) || c == 0xFEFF;
}

/// True for a letter or digit of a script that separates words with spaces (Latin, Greek,
/// Cyrillic, up to U+052F): the characters a mention must not be cut between. Characters of
/// other scripts (CJK, Thai) never are, since those scripts write words without spaces; a
/// malformed character is not one either.
constexpr bool is_word_char(const Utf8Char& ch) noexcept {
  if (!ch.valid) return false;
  const std::uint32_t c = ch.code;
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return c <= 0x52F && !is_separator(c);
}

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_WORD_CHARS_HPP
