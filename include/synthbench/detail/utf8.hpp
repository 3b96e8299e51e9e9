#ifndef SYNTHBENCH_DETAIL_UTF8_HPP
#define SYNTHBENCH_DETAIL_UTF8_HPP

/// @file
/// UTF-8, the one place that decodes, validates and encodes it and counts its characters.
///
/// **Well-formed** UTF-8 is RFC 3629, section 4 (the table of Unicode's section 3.9, table
/// 3-7): the shortest form only (no C0/C1 lead byte, no E0 80..9F, no F0 80..8F), no
/// surrogate (no ED A0..BF) and nothing above U+10FFFF (no F4 90..BF, no F5..FF).
/// utf8_sequence_length() checks one sequence by that table, decode_utf8() also gives its code
/// point, is_valid_utf8() checks a whole text.
///
/// **Characters** are counted as the SG4NLP NER data counts them: its entity offsets are
/// Python `str` indices, that is code points, not bytes ("Schröder" is 8 characters and 9
/// bytes). Every byte that is not a continuation byte (10xxxxxx) starts a character, which
/// spans the continuation bytes after it. A well-formed sequence is one code point; a
/// malformed one is still one character, compared by its bytes, so that offsets never drift
/// on bad input (decode_utf8_char, utf8_chars). Counting them needs no decoding
/// (utf8_length, Utf8Index), and an ASCII-only text (most of the data) needs no table at all.

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint32_t
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// True for a UTF-8 continuation byte (10xxxxxx).
constexpr bool is_utf8_continuation(char c) noexcept { return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u; }

/// The length in bytes (1 to 4) of the sequence that byte `c` leads, or 0 for a byte that
/// leads none: a continuation byte, C0 and C1 (only overlong forms), F5..FF (above U+10FFFF).
constexpr std::size_t utf8_lead_length(unsigned char c) noexcept {
  return c < 0x80 ? 1 : (c < 0xC2 ? 0 : (c <= 0xDF ? 2 : (c <= 0xEF ? 3 : (c <= 0xF4 ? 4 : 0))));
}

/// How many bytes of the `n`-byte sequence at byte `i` of `text` (n = utf8_lead_length of its
/// lead, 2 to 4) are right so far: the lead, then each continuation byte in its range (the
/// second one narrowed after E0, ED, F0 and F4: file comment). Stops at the end of `text`.
inline std::size_t utf8_valid_bytes(std::string_view text, std::size_t i, std::size_t n) noexcept {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t k = 1;
  for (; k < n && i + k < text.size(); ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    unsigned lo = 0x80;
    unsigned hi = 0xBF;
    if (k == 1) {
      if (lead == 0xE0) lo = 0xA0;  // E0 80..9F: overlong
      if (lead == 0xED) hi = 0x9F;  // ED A0..BF: surrogates
      if (lead == 0xF0) lo = 0x90;  // F0 80..8F: overlong
      if (lead == 0xF4) hi = 0x8F;  // F4 90..BF: above U+10FFFF
    }
    if (b < lo || b > hi) break;
  }
  return k;
}

/// The length in bytes (1 to 4) of the well-formed sequence starting at byte `i` of `text`
/// (i < text.size()), or 0 when it is malformed or cut off by the end of `text` (file
/// comment: RFC 3629, section 4).
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
  const std::size_t n = utf8_lead_length(static_cast<unsigned char>(text[i]));
  if (n <= 1) return n;
  return utf8_valid_bytes(text, i, n) == n ? n : 0;
}

/// True when the bytes from `i` to the end of `text` are the start of a well-formed sequence
/// that the end cuts off (an answer that stops in the middle of a character).
inline bool is_cut_off_utf8(std::string_view text, std::size_t i) noexcept {
  const std::size_t n = utf8_lead_length(static_cast<unsigned char>(text[i]));
  return n > 1 && i + n > text.size() && utf8_valid_bytes(text, i, n) == text.size() - i;
}

/// One decoded sequence: its code point and its length in bytes (0: malformed).
struct Utf8Decoded {
  std::uint32_t code = 0;   ///< the code point (0 when malformed)
  std::size_t length = 0;   ///< bytes of the sequence, 1 to 4; 0 when malformed
};

/// Decodes the sequence starting at byte `i` of `text` (i < text.size()) under the rules of
/// utf8_sequence_length.
inline Utf8Decoded decode_utf8(std::string_view text, std::size_t i) noexcept {
  const std::size_t n = utf8_sequence_length(text, i);
  const auto b = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(text[i + k])); };
  switch (n) {
    case 1: return {b(0), 1};
    case 2: return {((b(0) & 0x1Fu) << 6) | (b(1) & 0x3Fu), 2};
    case 3: return {((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu), 3};
    case 4: return {((b(0) & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu), 4};
    default: return {};
  }
}

/// The code point starting at byte `i` of `text`, or U+FFFD (the replacement character) when
/// the sequence there is malformed.
inline std::uint32_t utf8_code_point_at(std::string_view text, std::size_t i) noexcept {
  const Utf8Decoded d = decode_utf8(text, i);
  return d.length != 0 ? d.code : 0xFFFDu;
}

/// True when all of `text` is well-formed UTF-8 (file comment).
inline bool is_valid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
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

/// One character of a UTF-8 text (see the file comment).
struct Utf8Char {
  std::size_t byte = 0;      ///< offset of its first byte
  std::size_t length = 0;    ///< its bytes
  std::uint32_t code = 0;    ///< the code point (when valid)
  bool valid = false;        ///< a well-formed sequence (decode_utf8) that spans the whole character
};

/// The character starting at byte `i` of `text` (i < text.size(), text[i] not a
/// continuation byte): the byte and the continuation bytes after it, valid when they are one
/// well-formed sequence.
inline Utf8Char decode_utf8_char(const std::string& text, std::size_t i) noexcept {
  Utf8Char ch;
  ch.byte = i;
  std::size_t end = i + 1;
  while (end < text.size() && is_utf8_continuation(text[end])) ++end;
  ch.length = end - i;
  const Utf8Decoded d = decode_utf8(text, i);
  if (d.length != 0 && d.length == ch.length) {
    ch.code = d.code;
    ch.valid = true;
  }
  return ch;
}

/// The characters of `text`, in order. Continuation bytes before the first character belong
/// to no character.
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

/// The number of characters (file comment) in UTF-8 `text`.
inline std::size_t utf8_length(const std::string& text) noexcept {
  std::size_t n = 0;
  for (const char c : text) n += is_utf8_continuation(c) ? std::size_t{0} : std::size_t{1};
  return n;
}

/// Maps character (code point) offsets of one UTF-8 text to byte offsets and back.
class Utf8Index {
 public:
  /// An index of `text` (kept by reference: it must outlive the index).
  explicit Utf8Index(const std::string& text) { assign(text); }

  /// Re-indexes for `text` (kept by reference), reusing the table's memory: an index can
  /// serve many documents without allocating for each.
  void assign(const std::string& text) {
    text_ = &text;
    byte_of_.clear();
    std::size_t first = 0;  // the first byte that is not ASCII, if any
    while (first < text.size() && (static_cast<unsigned char>(text[first]) & 0x80u) == 0) ++first;
    if (first == text.size()) {
      length_ = text.size();
      return;
    }
    byte_of_.reserve(text.size() + 1);
    for (std::size_t b = 0; b < first; ++b) byte_of_.push_back(b);
    for (std::size_t b = first; b < text.size(); ++b) {
      if (!is_utf8_continuation(text[b])) byte_of_.push_back(b);
    }
    length_ = byte_of_.size();
    byte_of_.push_back(text.size());  // the end of the text is one past the last character
  }

  /// The indexed text.
  const std::string& text() const noexcept { return *text_; }

  /// The length of the text in code points.
  std::size_t length() const noexcept { return length_; }

  /// The byte offset of code point offset `c` (c <= length()).
  std::size_t byte(std::size_t c) const noexcept { return byte_of_.empty() ? c : byte_of_[c]; }

  /// The code point offset of byte offset `b`, which must start a character (or be the end).
  std::size_t character(std::size_t b) const noexcept {
    if (byte_of_.empty()) return b;
    std::size_t lo = 0;
    std::size_t hi = byte_of_.size();
    while (lo < hi) {  // first code point whose byte offset is >= b
      const std::size_t mid = lo + (hi - lo) / 2;
      if (byte_of_[mid] < b) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /// The characters [start, end) as UTF-8 (start <= end <= length()).
  std::string substr(std::size_t start, std::size_t end) const {
    return text_->substr(byte(start), byte(end) - byte(start));
  }

 private:
  const std::string* text_;
  std::size_t length_ = 0;
  std::vector<std::size_t> byte_of_;  // empty for ASCII text, where offsets coincide
};

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_UTF8_HPP
