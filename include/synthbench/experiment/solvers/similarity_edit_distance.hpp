#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_SIMILARITY_EDIT_DISTANCE_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_SIMILARITY_EDIT_DISTANCE_HPP

/// @file
/// `edit-distance`: 1 - d(a, b) / max(|a|, |b|), with d the Levenshtein distance (insertions,
/// deletions and substitutions of one character, each costing 1; Levenshtein, Soviet Physics
/// Doklady 10(8), 1966) between the two sentences as characters: case-folded
/// (detail/case_fold.hpp), runs of whitespace collapsed to one space, trimmed. Computed by
/// the Wagner-Fischer dynamic programme (JACM 21(1), 1974) in two rows. Two empty sentences are
/// identical (1).

#include <algorithm>  // std::min, std::max, std::swap
#include <cstddef>    // std::size_t
#include <cstdint>    // std::uint32_t
#include <string>     // std::string
#include <vector>     // std::vector

#include "synthbench/detail/case_fold.hpp"                                 // detail::utf8_chars, simple_fold
#include "synthbench/experiment/solvers/similarity_reference_solvers.hpp"  // PairwiseSimilaritySolver
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// The characters of `text` compared by edit-distance: case-folded code points, whitespace
/// runs as one space, no leading or trailing space (a malformed byte stays as itself, marked
/// so that it equals no code point).
inline std::vector<std::uint32_t> edit_distance_characters(const std::string& text) {
  std::vector<std::uint32_t> out;
  for (const auto& ch : detail::utf8_chars(text)) {
    const bool space = ch.valid && (ch.code == ' ' || ch.code == '\t' || ch.code == '\n' || ch.code == '\r');
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    out.push_back(ch.valid ? detail::simple_fold(ch.code)
                           : 0x80000000u | static_cast<unsigned char>(text[ch.byte]));
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

/// The Levenshtein distance between two character sequences. A common prefix and suffix do not
/// change it (an optimal alignment matches them), so only the middle parts are compared.
inline std::size_t levenshtein(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::size_t lo = 0;
  while (lo < a.size() && lo < b.size() && a[lo] == b[lo]) ++lo;
  std::size_t ha = a.size();
  std::size_t hb = b.size();
  while (ha > lo && hb > lo && a[ha - 1] == b[hb - 1]) {
    --ha;
    --hb;
  }
  const std::uint32_t* x = a.data() + lo;
  const std::uint32_t* y = b.data() + lo;
  const std::size_t n = ha - lo;
  const std::size_t m = hb - lo;
  std::vector<std::size_t> previous(m + 1);
  std::vector<std::size_t> current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    const std::uint32_t xi = x[i - 1];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t substitution = previous[j - 1] + (xi == y[j - 1] ? 0 : 1);
      current[j] = std::min({substitution, previous[j] + 1, current[j - 1] + 1});
    }
    std::swap(previous, current);
  }
  return previous[m];
}

/// Normalized Levenshtein similarity of the characters (see the file comment).
class EditDistanceSimilaritySolver : public PairwiseSimilaritySolver {
 public:
  /// "edit-distance".
  std::string name() const override { return "edit-distance"; }

 protected:
  double similarity(const std::string& a, const std::string& b) const override {
    const auto ca = edit_distance_characters(a);
    const auto cb = edit_distance_characters(b);
    const std::size_t longest = std::max(ca.size(), cb.size());
    if (longest == 0) return 1.0;
    return 1.0 - static_cast<double>(levenshtein(ca, cb)) / static_cast<double>(longest);
  }
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_SIMILARITY_EDIT_DISTANCE_HPP
