#ifndef SYNTHBENCH_EXPERIMENT_PARSERS_MENTION_ALIGNMENT_HPP
#define SYNTHBENCH_EXPERIMENT_PARSERS_MENTION_ALIGNMENT_HPP

/// @file
/// Entities named by their text, given offsets in the text they were found in: Mention,
/// align_mentions. Where a mention may occur is the rule of detail/mention_search.hpp, the
/// one the NER scorer's span repair applies too; this header chooses among the occurrences
/// of mentions that come without offsets.

#include <algorithm>      // std::stable_sort
#include <cstddef>        // std::size_t
#include <optional>       // std::optional
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::move, std::pair
#include <vector>         // std::vector

#include "synthbench/detail/case_fold.hpp"                   // detail::fold_case
#include "synthbench/detail/mention_search.hpp"              // detail::MentionText, mention_occurrences
#include "synthbench/detail/utf8.hpp"                        // detail::utf8_length
#include "synthbench/experiment/parsers/answer_reading.hpp"  // detail::trim, quote_answer
#include "synthbench/metrics/entity.hpp"                     // metrics::Entity
#include "synthbench/version.hpp"                            // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN

/// An entity as an answer names it: its text and type, before alignment.
struct Mention {
  std::string text;  ///< the entity as written
  std::string type;  ///< its type as written (or as normalized)
};

/// The outcome of aligning one mention.
struct AlignedMention {
  std::optional<metrics::Entity> entity;  ///< set when found
  std::string code;                       ///< not_found or duplicate otherwise
  std::string detail;                     ///< what was searched
};

/// Aligns `mentions` to code-point offsets of `text`. Longer mentions are aligned first
/// (so "Merkel" cannot take the "Merkel" inside "Angela Merkel" when both are named);
/// mentions of equal length in answer order. Each takes the leftmost occurrence of its text
/// (leading and trailing whitespace ignored) that is not yet taken by a mention of the same
/// text, preferring, in this order: exact and clear of every entity aligned so far; equal
/// up to simple case folding (detail/case_fold.hpp) and clear; exact but overlapping another
/// entity (a nested entity); case-folded and overlapping. "The same text" is compared after
/// folding, so "Paris" and "paris" share occurrences, and repeated mentions take successive
/// non-overlapping occurrences left to right. An occurrence never splits a word of a
/// space-separated script ("US" does not occur in "USA"; detail::is_word_char). A text that
/// does not occur is `not_found`; one whose occurrences are all taken is `duplicate`. Entity
/// texts are the input's characters (which may differ in case from the mention). Results
/// are in the order of `mentions`.
inline std::vector<AlignedMention> align_mentions(const std::string& text, const std::vector<Mention>& mentions) {
  const detail::MentionText document(text);
  const auto& chars = document.chars();
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> taken;
  std::vector<std::pair<std::size_t, std::size_t>> aligned;  // every entity so far
  std::vector<AlignedMention> out(mentions.size());
  std::vector<std::string> needles(mentions.size());
  std::vector<std::size_t> lengths(mentions.size());
  std::vector<std::size_t> order(mentions.size());
  for (std::size_t k = 0; k < mentions.size(); ++k) {
    needles[k] = detail::trim(mentions[k].text);
    lengths[k] = detail::utf8_length(needles[k]);
    order[k] = k;
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return lengths[a] > lengths[b]; });
  for (const std::size_t k : order) {
    const Mention& m = mentions[k];
    AlignedMention& a = out[k];
    const std::string& needle_text = needles[k];
    const detail::MentionText needle(needle_text);
    auto& used = taken[detail::fold_case(needle_text)];
    const std::size_t n = needle.size();
    const auto overlaps = [n](const std::vector<std::pair<std::size_t, std::size_t>>& spans, std::size_t p) {
      for (const auto& [s, e] : spans) {
        if (p < e && s < p + n) return true;
      }
      return false;
    };
    bool occurs = false;
    bool inside_words = false;
    const auto occurrences = detail::mention_occurrences(document, needle);
    for (const auto& o : occurrences) {
      (o.inside_word ? inside_words : occurs) = true;
    }
    std::optional<std::size_t> at;
    // Tiers: (clear, exact), (clear, folded), (overlapping, exact), (overlapping, folded).
    for (int tier = 0; tier < 4 && !at; ++tier) {
      const bool exact = tier % 2 == 0;
      const bool clear = tier < 2;
      for (const auto& o : occurrences) {
        if (o.inside_word || o.exact != exact) continue;
        if (overlaps(used, o.start) || (clear && overlaps(aligned, o.start))) continue;
        at = o.start;
        break;
      }
    }
    if (at) {
      used.push_back({*at, *at + n});
      aligned.push_back({*at, *at + n});
      metrics::Entity e;
      e.start = *at;
      e.end = *at + n;
      e.type = m.type;
      const std::size_t b = chars[*at].byte;
      const std::size_t end_byte = *at + n < chars.size() ? chars[*at + n].byte : text.size();
      e.text = text.substr(b, end_byte - b);
      a.entity = std::move(e);
    } else if (occurs) {
      a.code = "duplicate";
      a.detail = detail::quote_answer(needle_text) + " is named more often than it occurs in the text";
    } else {
      a.code = "not_found";
      a.detail = detail::quote_answer(needle_text) +
                 (inside_words ? " occurs in the text only inside longer words" : " does not occur in the text");
    }
  }
  return out;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_PARSERS_MENTION_ALIGNMENT_HPP
