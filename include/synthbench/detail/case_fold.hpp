#ifndef SYNTHBENCH_DETAIL_CASE_FOLD_HPP
#define SYNTHBENCH_DETAIL_CASE_FOLD_HPP

/// @file
/// Characters of UTF-8 text with simple case folding, for matching LLM output against the
/// text it talks about ("paris" against "Paris", "schröder" against "Schröder").
///
/// **Characters** are counted as detail::Utf8Index counts them (the code-point offsets of the
/// NER data): every byte that is not a continuation byte (10xxxxxx) starts one, and it spans
/// the continuation bytes that follow. A well-formed sequence is one code point; a malformed
/// one is still one character, compared by its bytes, so that offsets never drift on bad
/// input. Continuation bytes before the first character belong to no character.
///
/// **Simple case folding** maps one code point to one code point (offsets are preserved), as
/// the "C" and "S" rows of Unicode's CaseFolding.txt do, for the scripts the study's data and
/// most European text use: ASCII, Latin-1 Supplement, Latin Extended-A, basic Greek and basic
/// Cyrillic. Other characters compare exactly. This is deliberately not full Unicode folding
/// ("ß" does not match "ss"): a one-to-many mapping would change lengths and offsets.

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint32_t
#include <string>   // std::string
#include <vector>   // std::vector

#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// True for a UTF-8 continuation byte (10xxxxxx).
inline bool is_utf8_continuation(char c) noexcept { return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u; }

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

/// One character of a UTF-8 text (see the file comment).
struct Utf8Char {
  std::size_t byte = 0;      ///< offset of its first byte
  std::size_t length = 0;    ///< its bytes
  std::uint32_t code = 0;    ///< the code point (when valid)
  bool valid = false;        ///< a well-formed, shortest-form sequence of a scalar value
};

/// Decodes the character starting at byte `i` of `text` (i < text.size(), text[i] not a
/// continuation byte).
inline Utf8Char decode_utf8_char(const std::string& text, std::size_t i) noexcept {
  Utf8Char ch;
  ch.byte = i;
  std::size_t end = i + 1;
  while (end < text.size() && is_utf8_continuation(text[end])) ++end;
  ch.length = end - i;
  const auto b0 = static_cast<unsigned char>(text[i]);
  std::size_t expected = 0;
  std::uint32_t code = 0;
  if (b0 < 0x80) {
    expected = 1;
    code = b0;
  } else if (b0 >= 0xC2 && b0 <= 0xDF) {
    expected = 2;
    code = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    expected = 3;
    code = b0 & 0x0Fu;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    expected = 4;
    code = b0 & 0x07u;
  }
  if (expected == 0 || expected != ch.length) return ch;
  for (std::size_t k = 1; k < expected; ++k) code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
  const std::uint32_t minimum = expected == 1 ? 0 : (expected == 2 ? 0x80 : (expected == 3 ? 0x800 : 0x10000));
  if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return ch;
  ch.code = code;
  ch.valid = true;
  return ch;
}

/// The characters of `text`, in order.
inline std::vector<Utf8Char> utf8_chars(const std::string& text) {
  std::vector<Utf8Char> out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size() && is_utf8_continuation(text[i])) ++i;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && (i + 1 == text.size() || !is_utf8_continuation(text[i + 1]))) {
      out.push_back({i, 1, c, true});  // ASCII: what decode_utf8_char gives, without decoding
      ++i;
      continue;
    }
    out.push_back(decode_utf8_char(text, i));
    i += out.back().length;
  }
  return out;
}

/// Appends the UTF-8 encoding of the scalar value `c` to `out`.
inline void append_utf8(std::string& out, std::uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0u | (c >> 6));
    out += static_cast<char>(0x80u | (c & 0x3Fu));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0u | (c >> 12));
    out += static_cast<char>(0x80u | ((c >> 6) & 0x3Fu));
    out += static_cast<char>(0x80u | (c & 0x3Fu));
  } else {
    out += static_cast<char>(0xF0u | (c >> 18));
    out += static_cast<char>(0x80u | ((c >> 12) & 0x3Fu));
    out += static_cast<char>(0x80u | ((c >> 6) & 0x3Fu));
    out += static_cast<char>(0x80u | (c & 0x3Fu));
  }
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
