#ifndef SYNTHBENCH_DETAIL_MENTION_SEARCH_HPP
#define SYNTHBENCH_DETAIL_MENTION_SEARCH_HPP

/// @file
/// Where a mention (an entity's text as written) occurs in a document: the one rule that the
/// NER scorer's span repair (metrics::nearest_occurrence, metrics/entity.hpp) and the answer
/// parsers' alignment (align_mentions, experiment/mention_alignment.hpp) both apply.
///
/// **An occurrence** of a mention is a run of whole characters of the document (detail/utf8.hpp)
/// equal to the mention's characters, byte for byte (`exact`) or after simple case folding
/// (detail/case_fold.hpp: "paris" occurs in "Paris", "ΆΡΗΣ" in "Άρης"). A run that would cut a
/// word of a space-separated script (detail/word_chars.hpp) is `inside_word`: a word character
/// of the mention's first (or last) character with a word character just before (or after)
/// it in the document. Such a run is never a place for the mention ("US" does not occur in
/// "USA", nor "Democrat" in "Democrats", nor "incl" in "including"); it is listed so that a
/// caller can say why a mention was not found. A mention whose first byte is a continuation
/// byte starts inside a character and occurs nowhere.
///
/// **Which occurrence** is the caller's choice: the span repair takes the one nearest to the
/// offsets it was given (exact before case-folded; an occurrence inside a word only at the
/// given start, where the data itself put the entity), the alignment of answers, which has no
/// offsets, the leftmost not yet taken (exact before case-folded, clear of other entities
/// before overlapping them).

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint32_t
#include <string>   // std::string
#include <vector>   // std::vector

#include "synthbench/detail/case_fold.hpp"   // simple_fold
#include "synthbench/detail/utf8.hpp"        // Utf8Char, utf8_chars, is_utf8_continuation
#include "synthbench/detail/word_chars.hpp"  // is_word_char
#include "synthbench/version.hpp"            // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// A text prepared for mention search: its characters and their simple case foldings. Build
/// one per document and reuse it for every mention.
class MentionText {
 public:
  /// Prepares `text` (kept by reference: it must outlive this object).
  explicit MentionText(const std::string& text) : text_(&text), chars_(utf8_chars(text)) {
    folded_.reserve(chars_.size());
    for (const auto& ch : chars_) folded_.push_back(ch.valid ? simple_fold(ch.code) : malformed);
  }

  /// The text.
  const std::string& text() const noexcept { return *text_; }
  /// Its characters.
  const std::vector<Utf8Char>& chars() const noexcept { return chars_; }
  /// Its length in characters.
  std::size_t size() const noexcept { return chars_.size(); }
  /// True when the text starts inside a character (with a continuation byte).
  bool starts_inside_character() const noexcept { return !text_->empty() && is_utf8_continuation((*text_)[0]); }

  /// True when character `i` equals character `j` of `other` after simple folding (malformed
  /// characters: when their bytes are equal).
  bool same_folded(std::size_t i, const MentionText& other, std::size_t j) const noexcept {
    if (folded_[i] != other.folded_[j]) return false;
    return folded_[i] != malformed || same_bytes(i, other, j);
  }

  /// True when character `i` equals character `j` of `other` byte for byte.
  bool same_bytes(std::size_t i, const MentionText& other, std::size_t j) const noexcept {
    const Utf8Char& x = chars_[i];
    const Utf8Char& y = other.chars_[j];
    return x.length == y.length && text_->compare(x.byte, x.length, *other.text_, y.byte, y.length) == 0;
  }

 private:
  static constexpr std::uint32_t malformed = 0xFFFFFFFFu;  // above every code point
  const std::string* text_;
  std::vector<Utf8Char> chars_;
  std::vector<std::uint32_t> folded_;
};

/// One occurrence of a mention (see the file comment).
struct MentionOccurrence {
  std::size_t start = 0;     ///< its first character in the document
  bool exact = false;        ///< equal byte for byte (else only after case folding)
  bool inside_word = false;  ///< it would cut a word: not a place for the mention
};

/// True when an occurrence of `mention` (not empty) between the document's characters
/// `before` and `after` (nullptr at the document's start or end) would cut a word: the
/// mention starts with a word character and so does `before`, or it ends with one and so does
/// `after` (file comment).
inline bool cuts_word(const MentionText& mention, const Utf8Char* before, const Utf8Char* after) noexcept {
  return (before != nullptr && is_word_char(*before) && is_word_char(mention.chars().front())) ||
         (after != nullptr && is_word_char(*after) && is_word_char(mention.chars().back()));
}

/// Every occurrence of `mention` in `document`, left to right (file comment).
inline std::vector<MentionOccurrence> mention_occurrences(const MentionText& document, const MentionText& mention) {
  std::vector<MentionOccurrence> out;
  const std::size_t n = mention.size();
  if (n == 0 || n > document.size() || mention.starts_inside_character()) return out;
  const auto& chars = document.chars();
  for (std::size_t p = 0; p + n <= chars.size(); ++p) {
    std::size_t j = 0;
    while (j < n && document.same_folded(p + j, mention, j)) ++j;
    if (j < n) continue;
    bool exact = true;
    for (j = 0; j < n && exact; ++j) exact = document.same_bytes(p + j, mention, j);
    const bool inside_word = cuts_word(mention, p > 0 ? &chars[p - 1] : nullptr, p + n < chars.size() ? &chars[p + n] : nullptr);
    out.push_back({p, exact, inside_word});
  }
  return out;
}

/// An exact occurrence found by exact_occurrences.
struct ExactOccurrence {
  std::size_t byte = 0;      ///< its first byte in the text
  bool inside_word = false;  ///< it would cut a word: not a place for the mention
};

/// The occurrences of `mention` in `text` that mention_occurrences marks exact, left to right,
/// at byte offsets, found by byte search without preparing the whole text: a caller that
/// prefers exact occurrences (the span repair) pays for case folding only when there is none.
inline std::vector<ExactOccurrence> exact_occurrences(const std::string& text, const MentionText& mention) {
  std::vector<ExactOccurrence> out;
  const std::string& needle = mention.text();
  if (mention.size() == 0 || mention.starts_inside_character()) return out;
  for (std::size_t b = text.find(needle); b != std::string::npos; b = text.find(needle, b + 1)) {
    const std::size_t e = b + needle.size();
    // Whole characters only: no continuation byte of a character outside the occurrence at
    // either end (the bytes inside are the mention's, so its characters split the same way).
    if (is_utf8_continuation(text[b]) || (e < text.size() && is_utf8_continuation(text[e]))) continue;
    Utf8Char before;
    Utf8Char after;
    bool has_before = false;
    if (b > 0) {
      std::size_t lead = b - 1;
      while (lead > 0 && is_utf8_continuation(text[lead])) --lead;
      has_before = !is_utf8_continuation(text[lead]);  // else stray bytes that belong to no character
      if (has_before) before = decode_utf8_char(text, lead);
    }
    if (e < text.size()) after = decode_utf8_char(text, e);
    out.push_back({b, cuts_word(mention, has_before ? &before : nullptr, e < text.size() ? &after : nullptr)});
  }
  return out;
}

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_MENTION_SEARCH_HPP
