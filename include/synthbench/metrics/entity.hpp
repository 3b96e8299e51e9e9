#ifndef SYNTHBENCH_METRICS_ENTITY_HPP
#define SYNTHBENCH_METRICS_ENTITY_HPP

/// @file
/// An entity mention with character offsets, and the one rule that checks and repairs its
/// offsets. The NER scorer (metrics/ner.hpp) applies the rule to gold and predicted entities
/// before matching; the dataset loaders (experiment/entity_repair.hpp) apply it when loading,
/// so that a dataset and a score never disagree on where an entity is.
///
/// **The rule.** An entity's span [start, end) must be non-empty, lie inside the document's
/// text and, when the entity's text is known, hold exactly that text. Otherwise, if the entity
/// has a non-empty text and realignment is asked for, the span moves to the occurrence of the
/// text nearest to the given start (ties: the earlier one); when the text occurs only with
/// other capitalization ("Satire" written, "satire" in the document: an LLM recapitalized it;
/// simple case folding, detail/case_fold.hpp), to the nearest such occurrence. Occurrences are
/// those of detail/mention_search.hpp, the rule the answer parsers' alignment applies too: the
/// span never moves to one that cuts a word ("US" inside "USA"). One exception: an occurrence
/// at the given start stays, even inside a word, since the data put the entity there and only
/// its capitalization or end differs ("Thriller" at the "thriller" of "thrillers": 3 of the
/// SG4NLP generated entities, whose benchmark would otherwise lose them). Offsets are Unicode
/// code points, as the Python indices of the SG4NLP data (detail/utf8.hpp). About 1.5% of the SG4NLP generated entities need this
/// (../shared/data/sg4nlp/README.md); nearly all of them are recapitalizations at the right
/// offsets.

#include <cstddef>   // std::size_t
#include <optional>  // std::optional
#include <string>    // std::string
#include <utility>   // std::pair, std::make_pair

#include "synthbench/detail/mention_search.hpp"  // detail::MentionText, detail::mention_occurrences
#include "synthbench/detail/utf8.hpp"            // detail::Utf8Index
#include "synthbench/version.hpp"                // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN
namespace metrics {

/// An entity mention: characters [start, end) of its document, and its type.
struct Entity {
  std::size_t start = 0;            ///< first character (code point offset)
  std::size_t end = 0;              ///< one past the last character
  std::string type;                 ///< entity type, e.g. "politician"
  std::optional<std::string> text;  ///< the mention as written, to check (and realign) the offsets
};

/// What to do with entity offsets that do not hold the entity's text.
enum class SpanRepair {
  realign,  ///< move to the nearest occurrence of the text (default)
  none,     ///< leave as is: the entity is invalid (dropped, or spurious when predicted)
  error,    ///< throw InputError
};

/// "realign", "none" or "error".
inline const char* to_string(SpanRepair r) noexcept {
  return r == SpanRepair::realign ? "realign" : (r == SpanRepair::none ? "none" : "error");
}

/// What is wrong with a span, if anything.
enum class SpanProblem {
  none,          ///< the span is valid
  empty,         ///< start >= end
  past_end,      ///< end runs past the end of the text
  other_text,    ///< the span holds other text than the entity's
};

/// What repair_span found and did.
enum class SpanStatus {
  valid,      ///< the span was valid as given
  realigned,  ///< the span was invalid and now holds the entity's text (maybe recapitalized)
  invalid,    ///< the span is invalid and could not be realigned
};

/// The outcome of repair_span.
struct SpanRepairResult {
  SpanStatus status = SpanStatus::valid;  ///< valid, realigned or invalid
  SpanProblem problem = SpanProblem::none;  ///< what was wrong with the given span
  std::size_t start = 0;                  ///< the span to use: as given, or realigned
  std::size_t end = 0;                    ///< one past its last character
  bool ignored_case = false;              ///< realigned onto an occurrence with other capitalization
  /// What was wrong, e.g. `offsets [9, 14) hold " Pari", not "Paris"`; empty when valid.
  std::string description;
  /// description plus what was done or tried: "; moved to [10, 15)" (and " (the text occurs
  /// there with other capitalization)"), or "; the text does not occur in the document".
  std::string detail;
};

namespace detail {

/// `s` quoted for messages, cut to 60 bytes, with `"` and `\` escaped.
inline std::string quote_for_message(const std::string& s) {
  std::string out = "\"";
  for (const char c : s.size() > 60 ? s.substr(0, 57) + "..." : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// "[start, end)".
inline std::string span_to_string(std::size_t start, std::size_t end) {
  return "[" + std::to_string(start) + ", " + std::to_string(end) + ")";
}

/// Do characters [start, end) of the indexed text equal `text`? (No copy: this runs for every
/// entity.)
inline bool span_holds(const ::synthbench::detail::Utf8Index& index, std::size_t start, std::size_t end,
                       const std::string& text) {
  const std::size_t b = index.byte(start);
  return index.text().compare(b, index.byte(end) - b, text) == 0;
}

/// `s` with ASCII letters lowercased; other bytes (UTF-8 sequences included) unchanged, so
/// byte offsets stay valid.
inline std::string ascii_lowercase(std::string s) {
  for (auto& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

/// What nearest_occurrence found: the span, whether only with other capitalization, and
/// whether the text occurs only inside longer words.
struct NearestOccurrence {
  std::optional<std::pair<std::size_t, std::size_t>> span;  ///< character offsets
  bool ignored_case = false;       ///< found only with other capitalization
  bool only_inside_words = false;  ///< not found, but occurs inside longer words
};

/// The occurrence of `needle` nearest to character `start` (see nearest_occurrence).
inline NearestOccurrence find_nearest_occurrence(const ::synthbench::detail::Utf8Index& index, const std::string& needle,
                                                 std::size_t start) {
  NearestOccurrence out;
  if (needle.empty()) return out;
  const ::synthbench::detail::MentionText mention(needle);
  std::optional<std::size_t> best;
  std::size_t best_distance = 0;
  const auto consider = [&](std::size_t c, bool inside_word) {
    if (inside_word && c != start) {  // inside a word: only where the offsets put it
      out.only_inside_words = true;
      return;
    }
    const std::size_t distance = c > start ? c - start : start - c;
    if (!best || distance < best_distance) {
      best = c;
      best_distance = distance;
    }
  };
  // Exact occurrences first, by byte search: most repairs end here without folding the text.
  for (const auto& o : ::synthbench::detail::exact_occurrences(index.text(), mention)) {
    consider(index.character(o.byte), o.inside_word);
  }
  if (!best) {  // only then the case-folded ones
    const ::synthbench::detail::MentionText document(index.text());
    for (const auto& o : ::synthbench::detail::mention_occurrences(document, mention)) {
      if (!o.exact) consider(o.start, o.inside_word);
    }
    out.ignored_case = best.has_value();
  }
  if (best) {
    out.span = std::make_pair(*best, *best + mention.size());
    out.only_inside_words = false;
  }
  return out;
}

}  // namespace detail

/// The occurrence of `needle` in the indexed text nearest to character `start` (ties: the
/// earlier), by the rule of detail/mention_search.hpp: an exact occurrence if there is one,
/// else one equal up to simple case folding (LLMs recapitalize: "Election of ..." for
/// "election of ..."); `ignored_case` tells which. Never one that cuts a word, unless it starts
/// at `start` (the file comment). Empty when `needle` is empty or does not occur.
inline std::optional<std::pair<std::size_t, std::size_t>> nearest_occurrence(
    const ::synthbench::detail::Utf8Index& index, const std::string& needle, std::size_t start,
    bool& ignored_case) {
  const detail::NearestOccurrence found = detail::find_nearest_occurrence(index, needle, start);
  ignored_case = found.ignored_case;
  return found.span;
}

/// True when `entity`'s span is valid in the text indexed by `index`: non-empty, inside the
/// text, and holding the entity's text when it has one. No allocation: the scorer calls it for
/// every entity and repair_span only for the few that fail.
inline bool span_is_valid(const ::synthbench::detail::Utf8Index& index, const Entity& entity) {
  return entity.start < entity.end && entity.end <= index.length() &&
         (!entity.text || detail::span_holds(index, entity.start, entity.end, *entity.text));
}

/// Checks `entity`'s span against the text indexed by `index` and, when `realign` is true,
/// repairs it by the rule in the file comment. The entity itself is not changed: the result
/// says which span to use. Without an entity text only emptiness and range are checked.
inline SpanRepairResult repair_span(const ::synthbench::detail::Utf8Index& index, const Entity& entity, bool realign) {
  SpanRepairResult r;
  r.start = entity.start;
  r.end = entity.end;
  if (entity.start >= entity.end) {
    r.problem = SpanProblem::empty;
    r.description = "offsets " + detail::span_to_string(entity.start, entity.end) + " are empty or reversed";
  } else if (entity.end > index.length()) {
    r.problem = SpanProblem::past_end;
    r.description = "offsets " + detail::span_to_string(entity.start, entity.end) +
                    " run past the end of the text (" + std::to_string(index.length()) + " characters)";
  } else if (entity.text && !detail::span_holds(index, entity.start, entity.end, *entity.text)) {
    r.problem = SpanProblem::other_text;
    r.description = "offsets " + detail::span_to_string(entity.start, entity.end) + " hold " +
                    detail::quote_for_message(index.substr(entity.start, entity.end)) + ", not " +
                    detail::quote_for_message(*entity.text);
  }
  if (r.problem == SpanProblem::none) return r;
  r.detail = r.description;
  r.status = SpanStatus::invalid;
  if (!realign || !entity.text || entity.text->empty()) return r;
  const detail::NearestOccurrence found = detail::find_nearest_occurrence(index, *entity.text, entity.start);
  if (found.span) {
    r.status = SpanStatus::realigned;
    r.start = found.span->first;
    r.end = found.span->second;
    r.ignored_case = found.ignored_case;
    r.detail += "; moved to " + detail::span_to_string(r.start, r.end) +
                (found.ignored_case ? " (the text occurs there with other capitalization)" : "");
  } else if (found.only_inside_words) {
    r.detail += "; the text occurs in the document only inside longer words";
  } else {
    r.detail += "; the text does not occur in the document";
  }
  return r;
}

/// repair_span on `text` (UTF-8), for a single entity; in a loop, reuse one Utf8Index.
inline SpanRepairResult repair_span(const std::string& text, const Entity& entity, bool realign) {
  const ::synthbench::detail::Utf8Index index(text);
  return repair_span(index, entity, realign);
}

}  // namespace metrics
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_METRICS_ENTITY_HPP
