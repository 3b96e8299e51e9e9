#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_NER_TOKEN_SPANS_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_NER_TOKEN_SPANS_HPP

/// @file
/// What the token-based NER reference solvers share: typed token spans, the train split's
/// type index and sentences, the train-set gazetteer, capitalized spans, and
/// TokenSpanNerSolver, the base of the solvers that predict spans of tokens.
///
/// Training reads each train entity's tokens: those wholly inside its span. Every tie is broken
/// deterministically (type names in byte order; earlier positions first) and the perceptron's
/// shuffling uses stats::Xoshiro256StarStar with a fixed seed: the same predictions on every
/// platform.

#include <algorithm>      // std::sort, std::max, std::min, std::count, std::lower_bound
#include <cstddef>        // std::size_t
#include <map>            // std::map
#include <set>            // std::set
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::pair, std::move, std::swap
#include <vector>         // std::vector

#include "synthbench/experiment/solvers/ner_tokens.hpp"  // NerToken, ner_tokenize
#include "synthbench/detail/utf8.hpp"         // detail::Utf8Index, utf8_code_point_at
#include "synthbench/error.hpp"               // UsageError
#include "synthbench/experiment/items.hpp"    // NerItem, NerPrediction
#include "synthbench/experiment/solver.hpp"   // NerSolver
#include "synthbench/metrics/entity.hpp"      // metrics::Entity
#include "synthbench/version.hpp"             // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

namespace detail {
namespace ner_solvers {

/// A span of tokens [first, last) with a type index.
struct TokenSpan {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t type = 0;
};

/// `s` with ASCII letters lowercased.
inline std::string lower(const std::string& s) { return metrics::detail::ascii_lowercase(s); }

/// The first (or last) `n` code points of `word`, or the whole word when shorter.
inline std::string affix(const std::string& word, std::size_t n, bool prefix) {
  std::vector<std::size_t> starts;
  for (std::size_t b = 0; b < word.size(); ++b) {
    if (!is_utf8_continuation(word[b])) starts.push_back(b);
  }
  if (starts.size() <= n) return word;
  return prefix ? word.substr(0, starts[n]) : word.substr(starts[starts.size() - n]);
}

/// The sorted entity types of a train split, and each type's number of entities.
struct TypeIndex {
  std::vector<std::string> names;   // sorted
  std::vector<std::size_t> counts;  // entities per type
  std::size_t majority = 0;         // the most frequent type (the first in byte order on ties)

  explicit TypeIndex(const std::vector<NerItem>& train) {
    std::map<std::string, std::size_t> count;
    for (const auto& item : train) {
      for (const auto& e : item.entities) ++count[e.type];
    }
    if (count.empty()) throw UsageError(55, "a NER reference solver needs a train split with at least one entity");
    for (const auto& [name, n] : count) {
      names.push_back(name);
      counts.push_back(n);
    }
    for (std::size_t t = 1; t < counts.size(); ++t) {
      if (counts[t] > counts[majority]) majority = t;
    }
  }

  std::size_t of(const std::string& name) const {
    return static_cast<std::size_t>(std::lower_bound(names.begin(), names.end(), name) - names.begin());
  }
};

/// One train sentence: its tokens and the token spans of its entities (entities whose span
/// holds no whole token are left out).
struct TrainSentence {
  std::vector<NerToken> tokens;
  std::vector<TokenSpan> entities;  // sorted by first token, non-overlapping
};

/// The train split as token sequences. Throws UsageError 56 for an entity whose offsets do not
/// lie inside its text: the reference solvers train on loaded (repaired) datasets.
inline std::vector<TrainSentence> train_sentences(const std::vector<NerItem>& train, const TypeIndex& types) {
  std::vector<TrainSentence> out;
  out.reserve(train.size());
  for (std::size_t i = 0; i < train.size(); ++i) {
    const NerItem& item = train[i];
    const std::size_t length = ::synthbench::detail::utf8_length(item.text);
    TrainSentence s;
    s.tokens = ner_tokenize(item.text);
    std::vector<metrics::Entity> entities = item.entities;
    for (std::size_t j = 0; j < entities.size(); ++j) {
      if (entities[j].start >= entities[j].end || entities[j].end > length) {
        throw UsageError(56, "train item " + std::to_string(i) + ", entity " + std::to_string(j) + ": offsets [" +
                                 std::to_string(entities[j].start) + ", " + std::to_string(entities[j].end) +
                                 ") do not lie inside the text (" + std::to_string(length) +
                                 " characters); load train data with the dataset loaders, which repair spans");
      }
    }
    // Earlier first, longer first: a nested or overlapping later entity is left out of training.
    std::sort(entities.begin(), entities.end(), [](const metrics::Entity& a, const metrics::Entity& b) {
      return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    std::size_t next_free = 0;  // first token not yet in an entity
    for (const auto& e : entities) {
      std::size_t first = 0;
      while (first < s.tokens.size() && s.tokens[first].start < e.start) ++first;
      std::size_t last = first;
      while (last < s.tokens.size() && s.tokens[last].end <= e.end) ++last;
      if (last == first || first < next_free) continue;
      s.entities.push_back({first, last, types.of(e.type)});
      next_free = last;
    }
    out.push_back(std::move(s));
  }
  return out;
}

/// Entities of `text` from token spans.
inline std::vector<metrics::Entity> to_entities(const std::string& text, const std::vector<NerToken>& tokens,
                                                const std::vector<TokenSpan>& spans,
                                                const std::vector<std::string>& type_names) {
  const ::synthbench::detail::Utf8Index index(text);
  std::vector<metrics::Entity> out;
  out.reserve(spans.size());
  for (const auto& s : spans) {
    const std::size_t start = tokens[s.first].start;
    const std::size_t end = tokens[s.last - 1].end;
    out.push_back({start, end, type_names[s.type], index.substr(start, end)});
  }
  return out;
}

/// The key of a token sequence in a gazetteer: the tokens joined by U+001F.
inline std::string key_of(const std::vector<NerToken>& tokens, std::size_t first, std::size_t last) {
  std::string key;
  for (std::size_t i = first; i < last; ++i) {
    if (i > first) key += '\x1F';
    key += tokens[i].text;
  }
  return key;
}

/// Train-set entity names (as token sequences) with their most frequent type, matched longest
/// first, left to right.
class Gazetteer {
 public:
  explicit Gazetteer(const std::vector<TrainSentence>& sentences) {
    std::unordered_map<std::string, std::vector<std::size_t>> counts;  // name -> count per type
    std::size_t types = 0;
    for (const auto& s : sentences) {
      for (const auto& e : s.entities) types = std::max(types, e.type + 1);
    }
    for (const auto& s : sentences) {
      for (const auto& e : s.entities) {
        auto& c = counts[key_of(s.tokens, e.first, e.last)];
        c.resize(types, 0);
        ++c[e.type];
        longest_ = std::max(longest_, e.last - e.first);
      }
    }
    for (const auto& [name, c] : counts) {
      std::size_t best = 0;
      for (std::size_t t = 1; t < c.size(); ++t) {
        if (c[t] > c[best]) best = t;  // ties: the type that sorts first
      }
      type_.emplace(name, best);
      const auto cut = name.find('\x1F');
      auto& most = segments_from_[name.substr(0, cut)];
      most = std::max(most, static_cast<std::size_t>(1 + std::count(name.begin(), name.end(), '\x1F')));
    }
  }

  /// Non-overlapping matches in `tokens`: at each position the longest name that starts there.
  std::vector<TokenSpan> match(const std::vector<NerToken>& tokens) const {
    std::vector<TokenSpan> out;
    std::string key;
    for (std::size_t i = 0; i < tokens.size();) {
      // Only names whose first segment (up to the first U+001F) is this token's can start
      // here, and only with at most as many tokens as they have segments: most positions
      // are ruled out by one lookup of the token itself.
      const std::string& first = tokens[i].text;
      const auto cut = first.find('\x1F');
      const auto from = cut == std::string::npos ? segments_from_.find(first) : segments_from_.find(first.substr(0, cut));
      if (from == segments_from_.end()) {
        ++i;
        continue;
      }
      const std::size_t most = std::min({longest_, tokens.size() - i, from->second});
      // The key of the longest candidate, then shorter ones by truncation (key_of's joining).
      std::vector<std::size_t> ends;  // ends[n - 1]: the length of the key of n tokens
      key.clear();
      for (std::size_t n = 1; n <= most; ++n) {
        if (n > 1) key += '\x1F';
        key += tokens[i + n - 1].text;
        ends.push_back(key.size());
      }
      bool found = false;
      for (std::size_t n = most; n >= 1 && !found; --n) {
        key.resize(ends[n - 1]);
        const auto it = type_.find(key);
        if (it != type_.end()) {
          out.push_back({i, i + n, it->second});
          i += n;
          found = true;
        }
      }
      if (!found) ++i;
    }
    return out;
  }

 private:
  std::unordered_map<std::string, std::size_t> type_;
  std::unordered_map<std::string, std::size_t> segments_from_;  // first segment of a name -> most segments of a name with it
  std::size_t longest_ = 0;
};

/// Function words that start sentences with a capital without naming anything.
inline bool is_sentence_initial_stop_word(const std::string& token) {
  static const std::set<std::string> words = {
      "A",      "About",  "After",  "Along",   "Also",    "Although", "An",      "And",    "Another", "As",
      "At",     "Before", "Both",   "But",     "By",      "Despite",  "During",  "Each",   "Every",   "For",
      "From",   "He",     "Her",    "Here",    "His",     "How",      "However", "I",      "If",      "In",
      "Its",    "It",     "Many",   "Meanwhile", "More",  "Most",     "My",      "No",     "Not",     "Of",
      "On",     "Once",   "One",    "Only",    "Or",      "Other",    "Our",     "Over",   "Several", "She",
      "Since",  "So",     "Some",   "Such",    "That",    "The",      "Their",   "Then",   "There",   "These",
      "They",   "This",   "Those",  "Through", "To",      "Under",    "Unlike",  "Upon",   "We",      "What",
      "When",   "Where",  "Which",  "While",   "Who",     "With",     "Within",  "Without", "Yet",    "You"};
  return words.count(token) != 0;
}

/// Lowercase words allowed inside a capitalized span when a capitalized token follows.
inline bool is_connector(const std::string& token) {
  // Not "and": "France and Germany" is two names far more often than one.
  static const std::set<std::string> words = {"of", "the", "de", "for", "'s", "\xE2\x80\x99s", "&", "von",
                                              "van", "der", "du", "la", "le", "del", "di", "da"};
  return words.count(token) != 0;
}

/// Maximal runs of capitalized tokens (see the file comment), as token spans of type 0.
inline std::vector<TokenSpan> capitalized_spans(const std::vector<NerToken>& tokens) {
  std::vector<TokenSpan> out;
  std::size_t i = 0;
  while (i < tokens.size()) {
    const bool sentence_start = i == 0 || tokens[i - 1].text == "." || tokens[i - 1].text == "!" ||
                                tokens[i - 1].text == "?";
    if (!is_capitalized(tokens[i].text) || (sentence_start && is_sentence_initial_stop_word(tokens[i].text)) ||
        tokens[i].text == "I") {
      ++i;
      continue;
    }
    std::size_t last = i + 1;
    for (;;) {
      if (last < tokens.size() && is_capitalized(tokens[last].text)) {
        ++last;
        continue;
      }
      // Connectors, then a capitalized token: "of the Russian".
      std::size_t j = last;
      while (j < tokens.size() && is_connector(tokens[j].text)) ++j;
      if (j > last && j < tokens.size() && is_capitalized(tokens[j].text) && tokens[j].text != "I") {
        last = j + 1;
        continue;
      }
      break;
    }
    out.push_back({i, last, 0});
    i = last;
  }
  return out;
}

}  // namespace ner_solvers
}  // namespace detail

/// A NER solver that works token by token: predict() tokenizes and turns token spans into
/// entities with code point offsets and their texts.
class TokenSpanNerSolver : public NerSolver {
 public:
  /// The entities of each text, with code point offsets and their texts.
  std::vector<NerPrediction> predict(const std::vector<std::string>& texts) override {
    std::vector<NerPrediction> out;
    out.reserve(texts.size());
    for (const auto& text : texts) {
      const auto tokens = ner_tokenize(text);
      out.push_back({detail::ner_solvers::to_entities(text, tokens, spans(tokens), types_), {}});
    }
    return out;
  }

 protected:
  /// Entity spans over `tokens`: sorted, non-overlapping, typed by index into types().
  virtual std::vector<detail::ner_solvers::TokenSpan> spans(const std::vector<NerToken>& tokens) const = 0;
  /// The type names the spans index.
  std::vector<std::string> types_;
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_NER_TOKEN_SPANS_HPP
