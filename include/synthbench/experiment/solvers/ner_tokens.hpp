#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_NER_TOKENS_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_NER_TOKENS_HPP

/// @file
/// The tokens the NER reference solvers work on: NerToken and ner_tokenize.
///
/// **Tokens.** Whitespace separates chunks; from each chunk, leading and trailing punctuation
/// (`.,;:!?"'()[]{}` and curly quotes) and a final possessive `'s` split off as tokens of their
/// own; a final period stays on an abbreviation ("U.S.", "J."). Offsets are code points
/// (detail/utf8.hpp), as metrics::Entity requires. A token is **capitalized** when its first
/// letter is an upper-case letter of the letter-case table of detail/case_fold.hpp (ASCII,
/// Latin-1, Latin Extended-A, basic Greek and Cyrillic: an approximation of Unicode's Lu class
/// that covers the CrossNER data). A **capitalized span**
/// is a maximal run of capitalized tokens, which may contain the connectors "of", "the", "de",
/// "for", "'s", "&", ... when a capitalized token follows them ("Communist Party of the
/// Russian Federation"); a sentence-initial function word ("The", "In", "He", ...) and the
/// pronoun "I" are not part of one.

#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint32_t, std::uint64_t
#include <string>         // std::string
#include <utility>        // std::pair, std::move, std::swap
#include <vector>         // std::vector

#include "synthbench/detail/case_fold.hpp"    // detail::is_upper_letter, is_lower_letter
#include "synthbench/detail/utf8.hpp"         // detail::Utf8Index, utf8_code_point_at
#include "synthbench/version.hpp"             // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

/// One token of a sentence: its text and where it is.
struct NerToken {
  std::string text;       ///< the token as written
  std::size_t start = 0;  ///< first character (code point offset)
  std::size_t end = 0;    ///< one past the last character
};

namespace detail {
namespace ner_solvers {

/// The code point starting at byte `b` of `s` (U+FFFD for a malformed sequence, as
/// detail/utf8.hpp defines it: overlong forms and surrogates are malformed).
inline std::uint32_t code_point_at(const std::string& s, std::size_t b) { return utf8_code_point_at(s, b); }

/// Is `cp` an upper-case letter? The letter-case table of detail/case_fold.hpp (see the file
/// comment).
inline bool is_upper(std::uint32_t cp) noexcept { return is_upper_letter(cp); }

/// Is `cp` a lower-case letter of the same table? (For word shapes.)
inline bool is_lower(std::uint32_t cp) noexcept { return is_lower_letter(cp); }

/// True when `token` starts with an upper-case letter.
inline bool is_capitalized(const std::string& token) { return !token.empty() && is_upper(code_point_at(token, 0)); }

/// Is byte sequence `s` at `b` a punctuation mark that splits off a chunk? Returns its length
/// in bytes (0: not punctuation).
inline std::size_t punctuation_at(const std::string& s, std::size_t b) {
  static const std::string ascii = ".,;:!?\"'()[]{}`";
  if (ascii.find(s[b]) != std::string::npos) return 1;
  // Curly quotes U+2018, U+2019, U+201C, U+201D: E2 80 98/99/9C/9D.
  if (b + 2 < s.size() && s[b] == '\xE2' && s[b + 1] == '\x80' &&
      (s[b + 2] == '\x98' || s[b + 2] == '\x99' || s[b + 2] == '\x9C' || s[b + 2] == '\x9D')) {
    return 3;
  }
  return 0;
}

/// The length in bytes of the punctuation mark that ends at byte `e` (exclusive), 0 if none.
inline std::size_t punctuation_before(const std::string& s, std::size_t begin, std::size_t e) {
  if (e > begin && punctuation_at(s, e - 1) == 1) return 1;
  if (e >= begin + 3 && punctuation_at(s, e - 3) == 3) return 3;
  return 0;
}

inline bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

}  // namespace ner_solvers
}  // namespace detail

/// The tokens of `text` (see the file comment), with code point offsets.
inline std::vector<NerToken> ner_tokenize(const std::string& text) {
  namespace ns = detail::ner_solvers;
  const detail::Utf8Index index(text);
  std::vector<NerToken> tokens;
  std::vector<std::pair<std::size_t, std::size_t>> bytes;  // byte spans, in order
  std::size_t b = 0;
  while (b < text.size()) {
    if (ns::is_space(text[b])) {
      ++b;
      continue;
    }
    std::size_t e = b;
    while (e < text.size() && !ns::is_space(text[e])) ++e;
    const std::string chunk = text.substr(b, e - b);
    if (chunk == "'s" || chunk == "\xE2\x80\x99s" || chunk == "n't") {
      bytes.emplace_back(b, e);
      b = e;
      continue;
    }
    std::size_t lo = b;
    std::size_t hi = e;
    std::vector<std::pair<std::size_t, std::size_t>> head;
    std::vector<std::pair<std::size_t, std::size_t>> tail;  // in reverse order
    for (std::size_t n; lo < hi && (n = ns::punctuation_at(text, lo)) != 0;) {
      head.emplace_back(lo, lo + n);
      lo += n;
    }
    for (std::size_t n; hi > lo && (n = ns::punctuation_before(text, lo, hi)) != 0;) {
      // A final period stays on an abbreviation: "U.S.", "J.".
      if (text[hi - 1] == '.' && n == 1) {
        const std::string core = text.substr(lo, hi - 1 - lo);
        const bool abbreviation =
            core.find('.') != std::string::npos || (core.size() == 1 && core[0] >= 'A' && core[0] <= 'Z');
        if (abbreviation) break;
      }
      tail.emplace_back(hi - n, hi);
      hi -= n;
    }
    // A possessive 's splits off: "Russia's" -> "Russia", "'s".
    static const std::string possessives[] = {"'s", "\xE2\x80\x99s"};
    for (const std::string& possessive : possessives) {
      const std::size_t n = possessive.size();
      if (hi - lo > n && text.compare(hi - n, n, possessive) == 0) {
        tail.emplace_back(hi - n, hi);
        hi -= n;
        break;
      }
    }
    for (const auto& s : head) bytes.push_back(s);
    if (lo < hi) bytes.emplace_back(lo, hi);
    for (auto it = tail.rbegin(); it != tail.rend(); ++it) bytes.push_back(*it);
    b = e;
  }
  tokens.reserve(bytes.size());
  for (const auto& [lo, hi] : bytes) tokens.push_back({text.substr(lo, hi - lo), index.character(lo), index.character(hi)});
  return tokens;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_NER_TOKENS_HPP
