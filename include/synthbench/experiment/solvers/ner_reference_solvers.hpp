#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_NER_REFERENCE_SOLVERS_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_NER_REFERENCE_SOLVERS_HPP

/// @file
/// In-process named entity recognizers, trained on a train split, so that an experiment runs
/// with no LLM at all. Their quality differs visibly (measured on CrossNER politics and
/// literature in docs/datasets.md), which is what a meta-evaluation needs:
///
/// | name | method | source |
/// | --- | --- | --- |
/// | averaged-perceptron | BIO tagger: averaged structured perceptron, Viterbi decoding, word/shape/affix/context features | Collins, EMNLP 2002 |
/// | gazetteer-capitalization | gazetteer matches, extended to the capitalized span around them; other capitalized spans typed by their head word | synthbench |
/// | gazetteer | train-set entity names, longest match first, the most frequent type of each name | the CoNLL-2003 baseline (Tjong Kim Sang & De Meulder 2003) |
/// | token-majority | each token's most frequent train label (a type or outside), adjacent equal types merged | the most-frequent-tag baseline |
/// | capitalized-majority | maximal runs of capitalized tokens, all of the train split's most frequent type | synthbench |
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
///
/// Training reads each train entity's tokens: those wholly inside its span. Every tie is broken
/// deterministically (type names in byte order; earlier positions first) and the perceptron's
/// shuffling uses stats::Xoshiro256StarStar with a fixed seed: the same predictions on every
/// platform.

#include <algorithm>      // std::sort, std::max, std::min, std::count, std::fill
#include <array>          // std::array
#include <cmath>          // std::log
#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint32_t, std::uint64_t
#include <map>            // std::map
#include <memory>         // std::unique_ptr, std::make_unique
#include <set>            // std::set
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::pair, std::move, std::swap
#include <vector>         // std::vector

#include "synthbench/detail/case_fold.hpp"    // detail::is_upper_letter, is_lower_letter
#include "synthbench/detail/utf8.hpp"         // detail::Utf8Index, utf8_code_point_at, is_utf8_continuation
#include "synthbench/error.hpp"               // UsageError
#include "synthbench/experiment/items.hpp"    // NerItem, NerPrediction
#include "synthbench/experiment/solver.hpp"   // NerSolver
#include "synthbench/metrics/entity.hpp"      // metrics::Entity
#include "synthbench/stats/random.hpp"        // stats::Xoshiro256StarStar
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

/// Train-set gazetteer: every entity name of the train split, matched in a sentence longest
/// first, left to right, case-sensitively, with the type it has most often in training.
template <class Unused = void>
class BasicGazetteerNerSolver : public TokenSpanNerSolver {
 public:
  /// Trains on `train`. Throws UsageError 55 (no entity) or 56 (a span outside its text).
  explicit BasicGazetteerNerSolver(const std::vector<NerItem>& train)
      : index_(train), gazetteer_(detail::ner_solvers::train_sentences(train, index_)) {
    types_ = index_.names;
  }

  /// "gazetteer".
  std::string name() const override { return "gazetteer"; }

 protected:
  std::vector<detail::ner_solvers::TokenSpan> spans(const std::vector<NerToken>& tokens) const override {
    return gazetteer_.match(tokens);
  }

 private:
  detail::ner_solvers::TypeIndex index_;
  detail::ner_solvers::Gazetteer gazetteer_;
};

/// BasicGazetteerNerSolver<>: a template only so that including this header does not compile it
/// (docs/performance.md: compile time); there is one instantiation.
using GazetteerNerSolver = BasicGazetteerNerSolver<>;

/// Capitalized spans, all of the most frequent type of the train split: finds names, cannot
/// type them.
template <class Unused = void>
class BasicCapitalizedMajorityNerSolver : public TokenSpanNerSolver {
 public:
  /// Trains on `train` (only its type counts). Throws UsageError 55 when it has no entity.
  explicit BasicCapitalizedMajorityNerSolver(const std::vector<NerItem>& train) : index_(train) {
    types_ = index_.names;
  }

  /// "capitalized-majority".
  std::string name() const override { return "capitalized-majority"; }

 protected:
  std::vector<detail::ner_solvers::TokenSpan> spans(const std::vector<NerToken>& tokens) const override {
    auto out = detail::ner_solvers::capitalized_spans(tokens);
    for (auto& s : out) s.type = index_.majority;
    return out;
  }

 private:
  detail::ner_solvers::TypeIndex index_;
};

/// BasicCapitalizedMajorityNerSolver<>: a template only so that including this header does not compile it
/// (docs/performance.md: compile time); there is one instantiation.
using CapitalizedMajorityNerSolver = BasicCapitalizedMajorityNerSolver<>;

/// Gazetteer plus capitalization: a capitalized span that contains exactly one gazetteer match
/// becomes one entity of that match's type ("Democratic Party" known, "Democratic Party of
/// Serbia" found); one that contains several keeps them; one that contains none is typed by a
/// multinomial naive Bayes classifier (McCallum & Nigam, "A comparison of event models for
/// naive Bayes text classification", AAAI-98 workshop; Laplace smoothing) over the span's
/// lowercased words, its head word (the last) and the words' last three letters, trained on
/// the train entities: "Pakistan" is typed by "-tan" like the countries of the train split.
/// Gazetteer matches outside capitalized spans ("novel", "science fiction") are kept.
template <class Unused = void>
class BasicGazetteerCapitalizationNerSolver : public TokenSpanNerSolver {
 public:
  /// Trains on `train`. Throws UsageError 55 or 56 as GazetteerNerSolver.
  explicit BasicGazetteerCapitalizationNerSolver(const std::vector<NerItem>& train) : index_(train) {
    types_ = index_.names;
    const auto sentences = detail::ner_solvers::train_sentences(train, index_);
    gazetteer_ = std::make_unique<detail::ner_solvers::Gazetteer>(sentences);
    const std::size_t k = index_.names.size();
    std::vector<double> entities(k, 0.0);
    std::vector<double> total(k, 0.0);
    std::unordered_map<std::string, std::vector<double>> counts;
    for (const auto& s : sentences) {
      for (const auto& e : s.entities) {
        entities[e.type] += 1.0;
        for (const auto& f : features(s.tokens, e)) {
          auto& c = counts[f];
          c.resize(k, 0.0);
          c[e.type] += 1.0;
          total[e.type] += 1.0;
        }
      }
    }
    double all = 0.0;
    for (const double n : entities) all += n;
    const double v = static_cast<double>(counts.size());
    log_prior_.resize(k);
    log_unseen_.resize(k);
    for (std::size_t t = 0; t < k; ++t) {
      // Types with no whole-token entity keep a tiny prior rather than log(0).
      log_prior_[t] = std::log((entities[t] + 0.5) / (all + 0.5 * static_cast<double>(k)));
      log_unseen_[t] = std::log(1.0 / (total[t] + v));
    }
    for (const auto& [f, c] : counts) {
      auto& l = log_likelihood_[f];
      l.resize(k);
      for (std::size_t t = 0; t < k; ++t) l[t] = std::log((c[t] + 1.0) / (total[t] + v));
    }
  }

  /// "gazetteer-capitalization".
  std::string name() const override { return "gazetteer-capitalization"; }

 protected:
  std::vector<detail::ner_solvers::TokenSpan> spans(const std::vector<NerToken>& tokens) const override {
    using detail::ner_solvers::TokenSpan;
    const auto matches = gazetteer_->match(tokens);
    const auto runs = detail::ner_solvers::capitalized_spans(tokens);
    std::vector<TokenSpan> out;
    std::vector<bool> used(matches.size(), false);  // a match inside a run that became its entity
    for (const auto& run : runs) {
      std::vector<std::size_t> inside;
      bool overlaps_outside = false;
      for (std::size_t m = 0; m < matches.size(); ++m) {
        const bool overlap = matches[m].first < run.last && run.first < matches[m].last;
        if (!overlap) continue;
        if (matches[m].first >= run.first && matches[m].last <= run.last) {
          inside.push_back(m);
        } else {
          overlaps_outside = true;  // a match that sticks out of the run: trust the match
        }
      }
      if (overlaps_outside) continue;
      if (inside.size() == 1) {
        out.push_back({run.first, run.last, matches[inside[0]].type});
        used[inside[0]] = true;
      } else if (inside.empty()) {
        out.push_back({run.first, run.last, classify(tokens, run)});
      }  // several matches in one run: they stay as they are
    }
    for (std::size_t m = 0; m < matches.size(); ++m) {
      if (!used[m]) out.push_back(matches[m]);
    }
    std::sort(out.begin(), out.end(), [](const TokenSpan& a, const TokenSpan& b) { return a.first < b.first; });
    return out;
  }

 private:
  // The naive Bayes features of a span: its lowercased words, its head word, their suffixes.
  static std::vector<std::string> features(const std::vector<NerToken>& tokens, const detail::ner_solvers::TokenSpan& s) {
    std::vector<std::string> out;
    for (std::size_t i = s.first; i < s.last; ++i) {
      const std::string w = detail::ner_solvers::lower(tokens[i].text);
      out.push_back("w=" + w);
      const std::string suffix = detail::ner_solvers::affix(w, 3, false);
      if (suffix != w) out.push_back("s=" + suffix);
    }
    out.push_back("head=" + detail::ner_solvers::lower(tokens[s.last - 1].text));
    return out;
  }

  // The most probable type of span `s` (ties: the type that sorts first).
  std::size_t classify(const std::vector<NerToken>& tokens, const detail::ner_solvers::TokenSpan& s) const {
    std::vector<double> score = log_prior_;
    for (const auto& f : features(tokens, s)) {
      const auto it = log_likelihood_.find(f);
      for (std::size_t t = 0; t < score.size(); ++t) score[t] += it == log_likelihood_.end() ? log_unseen_[t] : it->second[t];
    }
    std::size_t best = 0;
    for (std::size_t t = 1; t < score.size(); ++t) {
      if (score[t] > score[best]) best = t;
    }
    return best;
  }

  detail::ner_solvers::TypeIndex index_;
  std::unique_ptr<detail::ner_solvers::Gazetteer> gazetteer_;
  std::vector<double> log_prior_;
  std::vector<double> log_unseen_;  // log P(unseen feature | type)
  std::unordered_map<std::string, std::vector<double>> log_likelihood_;
};

/// BasicGazetteerCapitalizationNerSolver<>: a template only so that including this header does not compile it
/// (docs/performance.md: compile time); there is one instantiation.
using GazetteerCapitalizationNerSolver = BasicGazetteerCapitalizationNerSolver<>;

/// The most-frequent-tag baseline: each token gets the label it has most often in the train
/// split (a type, or outside an entity; unseen tokens are outside; ties: outside, then the type
/// that sorts first), and adjacent tokens of the same type form one entity.
template <class Unused = void>
class BasicTokenMajorityNerSolver : public TokenSpanNerSolver {
 public:
  /// Trains on `train`. Throws UsageError 55 or 56 as GazetteerNerSolver.
  explicit BasicTokenMajorityNerSolver(const std::vector<NerItem>& train) : index_(train) {
    types_ = index_.names;
    const std::size_t outside = index_.names.size();
    std::unordered_map<std::string, std::vector<std::size_t>> counts;  // token -> count per label; last = outside
    for (const auto& s : detail::ner_solvers::train_sentences(train, index_)) {
      std::vector<std::size_t> label(s.tokens.size(), outside);
      for (const auto& e : s.entities) {
        for (std::size_t i = e.first; i < e.last; ++i) label[i] = e.type;
      }
      for (std::size_t i = 0; i < s.tokens.size(); ++i) {
        auto& c = counts[s.tokens[i].text];
        c.resize(outside + 1, 0);
        ++c[label[i]];
      }
    }
    for (const auto& [token, c] : counts) {
      std::size_t best = outside;
      for (std::size_t t = 0; t < outside; ++t) {
        if (c[t] > c[best]) best = t;
      }
      if (best != outside) label_.emplace(token, best);
    }
  }

  /// "token-majority".
  std::string name() const override { return "token-majority"; }

 protected:
  std::vector<detail::ner_solvers::TokenSpan> spans(const std::vector<NerToken>& tokens) const override {
    std::vector<detail::ner_solvers::TokenSpan> out;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const auto it = label_.find(tokens[i].text);
      if (it == label_.end()) continue;
      if (!out.empty() && out.back().last == i && out.back().type == it->second) {
        out.back().last = i + 1;
      } else {
        out.push_back({i, i + 1, it->second});
      }
    }
    return out;
  }

 private:
  detail::ner_solvers::TypeIndex index_;
  std::unordered_map<std::string, std::size_t> label_;  // tokens labelled with a type most often
};

/// BasicTokenMajorityNerSolver<>: a template only so that including this header does not compile it
/// (docs/performance.md: compile time); there is one instantiation.
using TokenMajorityNerSolver = BasicTokenMajorityNerSolver<>;

/// Options of the averaged perceptron tagger.
struct PerceptronOptions {
  std::size_t epochs = 10;      ///< passes over the train split
  std::uint64_t seed = 2002;    ///< the seed of the per-epoch shuffling of the train sentences
};

/// A BIO tagger trained by the averaged structured perceptron of Collins ("Discriminative
/// training methods for hidden Markov models: theory and experiments with perceptron
/// algorithms", EMNLP 2002): first-order tag transitions plus, for each token, features of the
/// word (itself, lowercased, shape, 1-3 character prefixes and suffixes, position, where it is
/// in a capitalized span) and of its neighbours (two on each side, lowercased, and the shapes of
/// the adjacent ones). Decoding is
/// Viterbi over the BIO tags with the transitions BIO forbids (I-t after anything but B-t or
/// I-t) excluded. Training: `epochs` passes in an order reshuffled every epoch (Fisher-Yates
/// with stats::Xoshiro256StarStar), a mistake adds the gold sentence's features and subtracts the
/// predicted one's; the final weights are the average over every step, computed with the
/// bookkeeping of Daumé III ("A Course in Machine Learning", 2017, Algorithm 7). Weights
/// change by integers, so training is exact and the same on every platform.
template <class Unused = void>
class BasicPerceptronNerSolver : public NerSolver {
 public:
  /// Trains on `train`. Throws UsageError 55 (no entity) or 56 (a span outside its text).
  explicit BasicPerceptronNerSolver(const std::vector<NerItem>& train, PerceptronOptions options = {}) : index_(train) {
    tags_ = 1 + 2 * index_.names.size();
    const auto sentences = detail::ner_solvers::train_sentences(train, index_);
    std::vector<Encoded> data;
    data.reserve(sentences.size());
    for (const auto& s : sentences) {
      Encoded e;
      e.features = encode(s.tokens, true);
      e.tags.assign(s.tokens.size(), 0);
      for (const auto& span : s.entities) {
        e.tags[span.first] = begin_tag(span.type);
        for (std::size_t i = span.first + 1; i < span.last; ++i) e.tags[i] = inside_tag(span.type);
      }
      data.push_back(std::move(e));
    }
    const std::size_t f = feature_ids_.size();
    std::vector<double> w(f * tags_, 0.0), u(f * tags_, 0.0);              // emission weights, c-weighted sums
    std::vector<double> tw((tags_ + 1) * tags_, 0.0), tu((tags_ + 1) * tags_, 0.0);  // transitions (row tags_: start)
    std::vector<std::size_t> order(data.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    stats::Xoshiro256StarStar rng(options.seed);
    double c = 1.0;
    for (std::size_t epoch = 0; epoch < options.epochs; ++epoch) {
      for (std::size_t i = order.size(); i > 1; --i) {  // Fisher-Yates shuffle
        std::swap(order[i - 1], order[static_cast<std::size_t>(rng.bounded(i))]);
      }
      for (const std::size_t s : order) {
        const Encoded& e = data[s];
        const std::vector<std::size_t> predicted = viterbi(e.features, w, tw);
        if (predicted != e.tags) {
          update(e, e.tags, +1.0, c, w, u, tw, tu);
          update(e, predicted, -1.0, c, w, u, tw, tu);
        }
        c += 1.0;
      }
    }
    weights_.resize(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) weights_[i] = w[i] - u[i] / c;
    transitions_.resize(tw.size());
    for (std::size_t i = 0; i < tw.size(); ++i) transitions_[i] = tw[i] - tu[i] / c;
  }

  /// "averaged-perceptron".
  std::string name() const override { return "averaged-perceptron"; }

  /// The entities of each text: Viterbi-decoded BIO tags turned into spans.
  std::vector<NerPrediction> predict(const std::vector<std::string>& texts) override {
    std::vector<NerPrediction> out;
    out.reserve(texts.size());
    for (const auto& text : texts) {
      const auto tokens = ner_tokenize(text);
      const auto tags = viterbi(encode(tokens, false), weights_, transitions_);
      std::vector<detail::ner_solvers::TokenSpan> spans;
      for (std::size_t i = 0; i < tags.size(); ++i) {
        if (tags[i] == 0) continue;
        const std::size_t type = (tags[i] - 1) / 2;
        if (tags[i] == inside_tag(type) && !spans.empty() && spans.back().last == i && spans.back().type == type) {
          spans.back().last = i + 1;
        } else {
          spans.push_back({i, i + 1, type});  // Viterbi never starts with I-t; this is only a guard
        }
      }
      out.push_back({detail::ner_solvers::to_entities(text, tokens, spans, index_.names), {}});
    }
    return out;
  }

  /// The number of distinct features seen in training.
  std::size_t feature_count() const noexcept { return feature_ids_.size(); }

 private:
  struct Encoded {
    std::vector<std::vector<std::uint32_t>> features;  // per token: known feature ids
    std::vector<std::size_t> tags;
  };

  std::size_t begin_tag(std::size_t type) const noexcept { return 1 + 2 * type; }
  std::size_t inside_tag(std::size_t type) const noexcept { return 2 + 2 * type; }

  // May tag `to` follow tag `from` (from == tags_: the sentence start)?
  bool allowed(std::size_t from, std::size_t to) const noexcept {
    if (to == 0 || to % 2 == 1) return true;  // O and B-t may follow anything
    return from != tags_ && from != 0 && (from - 1) / 2 == (to - 1) / 2;
  }

  // The word shape: X for upper-case letters, x for lower-case, d for digits, the character
  // otherwise; runs of one class collapsed ("McDonald's" -> "XxXx'x").
  static std::string shape(const std::string& word) {
    std::string out;
    for (std::size_t b = 0; b < word.size();) {
      const std::uint32_t cp = detail::ner_solvers::code_point_at(word, b);
      std::size_t n = 1;
      while (b + n < word.size() && detail::is_utf8_continuation(word[b + n])) ++n;
      std::string cls;
      if (detail::ner_solvers::is_upper(cp)) {
        cls = "X";
      } else if (detail::ner_solvers::is_lower(cp) || cp >= 0x80u) {
        cls = "x";
      } else if (cp >= '0' && cp <= '9') {
        cls = "d";
      } else {
        cls = word.substr(b, n);
      }
      if (out.size() < cls.size() || out.compare(out.size() - cls.size(), cls.size(), cls) != 0) out += cls;
      b += n;
    }
    return out;
  }

  // The feature templates, in the order their ids are listed for a token (which is the order
  // their weights are added in, so it is part of the results): "bias"; the token's own
  // features (own_names); the lowercased words two to the left and right (word_names); the
  // shapes of the adjacent tokens and whether the token starts the sentence (shape_names);
  // the two word bigrams; the capitalized-span position (run_names).
  static constexpr std::size_t own_count = 9;
  static constexpr std::uint32_t unknown = 0xFFFFFFFFu;  // not a feature id

  // Features of the token `w` itself: the word, lowercased, its shape, 1-3 character
  // prefixes and suffixes of the lowercased word.
  static std::array<std::string, own_count> own_names(const std::string& w) {
    namespace ns = detail::ner_solvers;
    const std::string lw = ns::lower(w);
    return {"w=" + w,
            "lw=" + lw,
            "shape=" + shape(w),
            "p1=" + ns::affix(lw, 1, true),
            "p2=" + ns::affix(lw, 2, true),
            "p3=" + ns::affix(lw, 3, true),
            "s1=" + ns::affix(lw, 1, false),
            "s2=" + ns::affix(lw, 2, false),
            "s3=" + ns::affix(lw, 3, false)};
  }
  // Features a lowercased word `x` ("<s>", "</s>" past the ends) gives the token 1 after it,
  // 1 before it, 2 after it and 2 before it.
  static std::array<std::string, 4> word_names(const std::string& x) {
    return {"w-1=" + x, "w+1=" + x, "w-2=" + x, "w+2=" + x};
  }
  // Features a shape `x` gives the token after it and before it, and "first=0|x",
  // "first=1|x" of a token of that shape (not) at the start of the sentence.
  static std::array<std::string, 4> shape_names(const std::string& x) {
    return {"shape-1=" + x, "shape+1=" + x, "first=0|" + x, "first=1|" + x};
  }
  static std::string left_bigram(const std::string& previous, const std::string& w) { return "w-1,w=" + previous + "|" + w; }
  static std::string right_bigram(const std::string& w, const std::string& next) { return "w,w+1=" + w + "|" + next; }
  static std::string run_name(char r) { return std::string("run=") + r; }
  static std::string run_next_name(char r, char next) { return std::string("run=") + r + "|next=" + next; }

  // The id of feature `name`: added when `grow` (training), else `unknown` when unseen.
  std::uint32_t feature_id(const std::string& name, bool grow) {
    const auto it = feature_ids_.find(name);
    if (it != feature_ids_.end()) return it->second;
    if (!grow) return unknown;
    const auto id = static_cast<std::uint32_t>(feature_ids_.size());
    feature_ids_.emplace(name, id);
    return id;
  }

  // Cached ids of a group of names (prediction only: the features are fixed after training).
  template <std::size_t N, class Names>
  const std::array<std::uint32_t, N>& cached_ids(std::unordered_map<std::string, std::array<std::uint32_t, N>>& cache,
                                                 const std::string& key, Names names) {
    const auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    std::array<std::uint32_t, N> ids{};
    const auto strings = names(key);
    for (std::size_t k = 0; k < N; ++k) ids[k] = feature_id(strings[k], false);
    return cache.emplace(key, ids).first->second;
  }

  // Feature ids of each token; `grow` adds unseen features (training), else they are skipped.
  // Prediction looks the features of each word and shape up once per solver, not once per
  // token: the ids are the same, in the same order.
  std::vector<std::vector<std::uint32_t>> encode(const std::vector<NerToken>& tokens, bool grow) {
    const std::size_t n = tokens.size();
    std::vector<std::vector<std::uint32_t>> out(n);
    std::vector<std::string> lowered(n);
    std::vector<std::string> shapes(n);
    for (std::size_t i = 0; i < n; ++i) {
      lowered[i] = detail::ner_solvers::lower(tokens[i].text);
      shapes[i] = shape(tokens[i].text);
    }
    static const std::string before = "<s>";
    static const std::string after = "</s>";
    const auto word_at = [&](std::ptrdiff_t i) -> const std::string& {
      if (i < 0) return before;
      if (static_cast<std::size_t>(i) >= n) return after;
      return lowered[static_cast<std::size_t>(i)];
    };
    const auto shape_at = [&](std::ptrdiff_t i) -> const std::string& {
      if (i < 0) return before;
      if (static_cast<std::size_t>(i) >= n) return after;
      return shapes[static_cast<std::size_t>(i)];
    };
    std::vector<char> run(n, 'O');  // position in a capitalized span
    for (const auto& r : detail::ner_solvers::capitalized_spans(tokens)) {
      run[r.first] = 'B';
      for (std::size_t j = r.first + 1; j < r.last; ++j) run[j] = 'I';
    }
    // Prediction: the ids of the features of each word and shape (cached across calls), and
    // of those that take few values, looked up once per sentence.
    using Ids4 = std::array<std::uint32_t, 4>;
    std::vector<const Ids4*> word_ids(n);
    std::vector<const Ids4*> shape_ids(n);
    const Ids4* word_ids_past[2] = {nullptr, nullptr};   // "<s>", "</s>"
    const Ids4* shape_ids_past[2] = {nullptr, nullptr};
    std::uint32_t bias = unknown;
    std::array<std::uint32_t, 3> run_ids{};        // run=O, B, I
    std::array<std::uint32_t, 3 * 4> run_next_ids{};  // run=O|next=O ... run=I|next=E
    static constexpr char runs[] = {'O', 'B', 'I', 'E'};
    const auto run_index = [](char r) -> std::size_t { return r == 'O' ? 0 : (r == 'B' ? 1 : (r == 'I' ? 2 : 3)); };
    if (!grow) {
      const auto words = [](const std::string& x) { return word_names(x); };
      const auto shapes_of = [](const std::string& x) { return shape_names(x); };
      for (std::size_t i = 0; i < n; ++i) {
        word_ids[i] = &cached_ids<4>(word_cache_, lowered[i], words);
        shape_ids[i] = &cached_ids<4>(shape_cache_, shapes[i], shapes_of);
      }
      word_ids_past[0] = &cached_ids<4>(word_cache_, before, words);
      word_ids_past[1] = &cached_ids<4>(word_cache_, after, words);
      shape_ids_past[0] = &cached_ids<4>(shape_cache_, before, shapes_of);
      shape_ids_past[1] = &cached_ids<4>(shape_cache_, after, shapes_of);
      bias = feature_id("bias", false);
      for (std::size_t r = 0; r < 3; ++r) {
        run_ids[r] = feature_id(run_name(runs[r]), false);
        for (std::size_t next = 0; next < 4; ++next) run_next_ids[r * 4 + next] = feature_id(run_next_name(runs[r], runs[next]), false);
      }
    }
    const auto word_ids_at = [&](std::ptrdiff_t i) {
      if (i < 0) return word_ids_past[0];
      if (static_cast<std::size_t>(i) >= n) return word_ids_past[1];
      return word_ids[static_cast<std::size_t>(i)];
    };
    const auto shape_ids_at = [&](std::ptrdiff_t i) {
      if (i < 0) return shape_ids_past[0];
      if (static_cast<std::size_t>(i) >= n) return shape_ids_past[1];
      return shape_ids[static_cast<std::size_t>(i)];
    };
    std::array<std::uint32_t, 21> ids{};
    for (std::size_t i = 0; i < n; ++i) {
      const auto at = static_cast<std::ptrdiff_t>(i);
      const char next_run = i + 1 < n ? run[i + 1] : 'E';
      if (grow) {
        // Training: every name, in template order (which is also the order ids are given in).
        const auto own = own_names(tokens[i].text);
        const std::string names[] = {
            "bias",
            own[0], own[1], own[2], own[3], own[4], own[5], own[6], own[7], own[8],
            word_names(word_at(at - 1))[0],
            word_names(word_at(at + 1))[1],
            word_names(word_at(at - 2))[2],
            word_names(word_at(at + 2))[3],
            shape_names(shape_at(at - 1))[0],
            shape_names(shape_at(at + 1))[1],
            left_bigram(word_at(at - 1), lowered[i]),
            right_bigram(lowered[i], word_at(at + 1)),
            shape_names(shapes[i])[i == 0 ? 3 : 2],
            run_name(run[i]),
            run_next_name(run[i], next_run),
        };
        for (std::size_t k = 0; k < ids.size(); ++k) ids[k] = feature_id(names[k], true);
      } else {
        const auto& own = cached_ids<own_count>(own_cache_, tokens[i].text, [](const std::string& w) { return own_names(w); });
        ids[0] = bias;
        for (std::size_t k = 0; k < own_count; ++k) ids[1 + k] = own[k];
        ids[10] = (*word_ids_at(at - 1))[0];
        ids[11] = (*word_ids_at(at + 1))[1];
        ids[12] = (*word_ids_at(at - 2))[2];
        ids[13] = (*word_ids_at(at + 2))[3];
        ids[14] = (*shape_ids_at(at - 1))[0];
        ids[15] = (*shape_ids_at(at + 1))[1];
        ids[16] = feature_id(left_bigram(word_at(at - 1), lowered[i]), false);
        ids[17] = feature_id(right_bigram(lowered[i], word_at(at + 1)), false);
        ids[18] = (*shape_ids[i])[i == 0 ? 3 : 2];
        ids[19] = run_ids[run_index(run[i])];
        ids[20] = run_next_ids[run_index(run[i]) * 4 + run_index(next_run)];
      }
      out[i].reserve(ids.size());
      for (const auto id : ids) {
        if (id != unknown) out[i].push_back(id);
      }
    }
    return out;
  }

  // The best tag sequence under emission weights `w` and transition weights `t` (first-order
  // Viterbi; ties: the smaller tag).
  std::vector<std::size_t> viterbi(const std::vector<std::vector<std::uint32_t>>& features,
                                   const std::vector<double>& w, const std::vector<double>& t) const {
    const std::size_t n = features.size();
    std::vector<std::size_t> tags(n, 0);
    if (n == 0) return tags;
    const double forbidden = -1e300;
    const std::size_t tag_count = tags_;
    std::vector<double> score(n * tag_count, forbidden);
    std::vector<std::size_t> back(n * tag_count, 0);
    std::vector<double> emission(tag_count);
    // The transitions by target tag, contiguous over the previous tag: into[y * tags + p] is
    // t[p * tags + y].
    std::vector<double> into(tag_count * tag_count);
    for (std::size_t p = 0; p < tag_count; ++p) {
      for (std::size_t y = 0; y < tag_count; ++y) into[y * tag_count + p] = t[p * tag_count + y];
    }
    std::vector<const double*> rows;  // the weight rows of the token's features
    for (std::size_t i = 0; i < n; ++i) {
      // Each tag's emission: the weights of the token's features summed in their order, from
      // 0 (four tags at a time: the same additions, in the same order, for each tag).
      rows.clear();
      for (const auto f : features[i]) rows.push_back(w.data() + std::size_t{f} * tag_count);
      std::size_t y = 0;
      for (; y + 4 <= tag_count; y += 4) {
        double e0 = 0.0;
        double e1 = 0.0;
        double e2 = 0.0;
        double e3 = 0.0;
        for (const double* row : rows) {
          e0 += row[y];
          e1 += row[y + 1];
          e2 += row[y + 2];
          e3 += row[y + 3];
        }
        emission[y] = e0;
        emission[y + 1] = e1;
        emission[y + 2] = e2;
        emission[y + 3] = e3;
      }
      for (; y < tag_count; ++y) {
        double e = 0.0;
        for (const double* row : rows) e += row[y];
        emission[y] = e;
      }
      if (i == 0) {
        for (y = 0; y < tag_count; ++y) {
          if (allowed(tag_count, y)) score[y] = t[tag_count * tag_count + y] + emission[y];
        }
        continue;
      }
      const double* previous = score.data() + (i - 1) * tag_count;
      for (y = 0; y < tag_count; ++y) {
        // The allowed previous tags, in increasing order: any for O and B-t; B-t and I-t for
        // I-t (allowed()).
        const bool inside = y != 0 && y % 2 == 0;
        const std::size_t p_first = inside ? y - 1 : 0;
        const std::size_t p_last = inside ? y + 1 : tag_count;
        const double* to_y = into.data() + y * tag_count;
        double best = forbidden;
        std::size_t from = 0;
        for (std::size_t p = p_first; p < p_last; ++p) {
          if (previous[p] <= forbidden) continue;
          const double s = previous[p] + to_y[p];
          if (s > best) {
            best = s;
            from = p;
          }
        }
        if (best > forbidden) {
          score[i * tag_count + y] = best + emission[y];
          back[i * tag_count + y] = from;
        }
      }
    }
    std::size_t last = 0;
    for (std::size_t y = 1; y < tags_; ++y) {
      if (score[(n - 1) * tags_ + y] > score[(n - 1) * tags_ + last]) last = y;
    }
    for (std::size_t i = n; i-- > 0;) {
      tags[i] = last;
      last = back[i * tags_ + last];
    }
    return tags;
  }

  // Adds `sign` times the features of `tags` on sentence `e` to the weights (and sign * c to
  // the c-weighted sums that averaging subtracts).
  void update(const Encoded& e, const std::vector<std::size_t>& tags, double sign, double c, std::vector<double>& w,
              std::vector<double>& u, std::vector<double>& tw, std::vector<double>& tu) const {
    std::size_t previous = tags_;
    for (std::size_t i = 0; i < tags.size(); ++i) {
      for (const auto f : e.features[i]) {
        w[std::size_t{f} * tags_ + tags[i]] += sign;
        u[std::size_t{f} * tags_ + tags[i]] += sign * c;
      }
      tw[previous * tags_ + tags[i]] += sign;
      tu[previous * tags_ + tags[i]] += sign * c;
      previous = tags[i];
    }
  }

  detail::ner_solvers::TypeIndex index_;
  std::size_t tags_ = 1;
  std::unordered_map<std::string, std::uint32_t> feature_ids_;
  std::unordered_map<std::string, std::array<std::uint32_t, own_count>> own_cache_;  // token -> ids of own_names
  std::unordered_map<std::string, std::array<std::uint32_t, 4>> word_cache_;         // lowercased word -> ids of word_names
  std::unordered_map<std::string, std::array<std::uint32_t, 4>> shape_cache_;        // shape -> ids of shape_names
  std::vector<double> weights_;      // averaged emission weights, feature-major
  std::vector<double> transitions_;  // averaged transition weights, (tags + 1) x tags
};

/// BasicPerceptronNerSolver<>: a template only so that including this header does not compile it
/// (docs/performance.md: compile time); there is one instantiation.
using PerceptronNerSolver = BasicPerceptronNerSolver<>;

/// The five NER reference solvers, trained on `train`, in the order of their strict F1 on
/// CrossNER politics (strongest first; docs/datasets.md). (A template only for compile time,
/// as the solver classes.)
template <class Unused = void>
std::vector<std::unique_ptr<NerSolver>> ner_reference_solvers(const std::vector<NerItem>& train) {
  std::vector<std::unique_ptr<NerSolver>> solvers;
  solvers.push_back(std::make_unique<BasicPerceptronNerSolver<Unused>>(train));
  solvers.push_back(std::make_unique<BasicGazetteerCapitalizationNerSolver<Unused>>(train));
  solvers.push_back(std::make_unique<BasicGazetteerNerSolver<Unused>>(train));
  solvers.push_back(std::make_unique<BasicTokenMajorityNerSolver<Unused>>(train));
  solvers.push_back(std::make_unique<BasicCapitalizedMajorityNerSolver<Unused>>(train));
  return solvers;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_NER_REFERENCE_SOLVERS_HPP
