#ifndef SYNTHBENCH_DETAIL_UTF8_HPP
#define SYNTHBENCH_DETAIL_UTF8_HPP

/// @file
/// Character (Unicode code point) offsets into UTF-8 text.
///
/// The SG4NLP NER data gives entity offsets as Python `str` indices, that is code points, not
/// bytes: "Schröder" is 8 characters and 9 bytes. Counting code points in UTF-8 is counting
/// the bytes that are not continuation bytes (10xxxxxx), so no decoding is needed, and an
/// ASCII-only text (most of the data) needs no table at all.

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <vector>   // std::vector

#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// The number of code points in UTF-8 `text`.
inline std::size_t utf8_length(const std::string& text) noexcept {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u ? std::size_t{1} : std::size_t{0};
  return n;
}

/// Maps code point offsets of one UTF-8 text to byte offsets and back.
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
      if ((static_cast<unsigned char>(text[b]) & 0xC0u) != 0x80u) byte_of_.push_back(b);
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
