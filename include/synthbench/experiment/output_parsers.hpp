#ifndef SYNTHBENCH_EXPERIMENT_OUTPUT_PARSERS_HPP
#define SYNTHBENCH_EXPERIMENT_OUTPUT_PARSERS_HPP

/// @file
/// Parsers of LLM answers for the three tasks of the study: a solver's intent label,
/// similarity score or entity list, and a generator's items. Each returns the parsed value
/// or an llm::ParseFailure with a stable reason; none throws on bad answers (only on bad
/// arguments, such as a label set with two labels that normalize alike). docs/llm-outputs.md
/// lists exactly what each accepts and rejects, with examples.
///
/// **Names** (intents, entity types) are matched by a key: letters and digits only, ASCII
/// letters lowercased and other letters simply case-folded (detail/case_fold.hpp); spaces,
/// punctuation, '_', '#', '-', backticks, quotes, Markdown emphasis and Unicode general
/// punctuation (U+2000-U+206F, U+00A0-U+00BF) are dropped. So "add to playlist",
/// "AddToPlaylist.", "`AddToPlaylist`" and "**add_to_playlist**" all name AddToPlaylist, and
/// "atis_flight#atis_airfare" is matched as written. Two names of one set with the same key
/// are a usage error.
///
/// **Strictness.** An answer counts only if it commits to exactly one value of the right
/// kind. A name outside the set, two names, two numbers, a number with other prose, a
/// number outside the scale: all are failures with their reason, never a guess (SG4NLP
/// mapped every answer to its nearest intent with fuzzy matching; that hides exactly the
/// failures METHOD.md asks to count).

#include <algorithm>      // std::sort, std::find, std::min
#include <cstddef>        // std::size_t
#include <optional>       // std::optional
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::move, std::pair
#include <vector>         // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/case_fold.hpp"   // detail::simple_fold, fold_case
#include "synthbench/detail/mention_search.hpp"  // detail::MentionText, mention_occurrences
#include "synthbench/detail/utf8.hpp"        // detail::utf8_chars, utf8_length, append_utf8
#include "synthbench/detail/word_chars.hpp"  // detail::is_separator
#include "synthbench/detail/decimal.hpp"     // detail::parse_decimal (shared with metrics::parse_score)
#include "synthbench/detail/format.hpp"      // detail::general
#include "synthbench/detail/json_input.hpp"  // detail::describe_json
#include "synthbench/error.hpp"              // UsageError
#include "synthbench/experiment/items.hpp"   // IntentItem, SimilarityItem, NerItem
#include "synthbench/llm/json_extraction.hpp"  // llm::extract_json, extract_json_records, split_reasoning
#include "synthbench/llm/parsed.hpp"         // llm::Parsed, llm::ParseFailure
#include "synthbench/metrics/ner.hpp"        // metrics::Entity
#include "synthbench/version.hpp"            // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN

namespace detail {

/// True for an ASCII letter, digit or '_' (the neighbours that make a '#' a joiner).
inline bool ascii_word_byte(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// True when the '#' at `i` joins two names ("atis_flight#atis_airfare", also with spaces
/// around it), not a Markdown heading or a number sign.
inline bool is_joining_hash(const std::string& text, std::size_t i) {
  std::size_t b = i;
  while (b > 0 && text[b - 1] == ' ') --b;
  std::size_t a = i + 1;
  while (a < text.size() && text[a] == ' ') ++a;
  return b > 0 && ascii_word_byte(text[b - 1]) && a < text.size() && ascii_word_byte(text[a]) &&
         !(text[a] >= '0' && text[a] <= '9');
}

/// The tokens of `text` for name matching: maximal runs of letters and digits, folded
/// (see the file comment); a '#' that joins two names is a token of its own, so that the
/// multi-intent label "atis_flight#atis_airfare" is not the two labels "atis_flight,
/// atis_airfare".
inline std::vector<std::string> name_tokens(const std::string& text) {
  std::vector<std::string> tokens;
  std::string current;
  const auto flush = [&]() {
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
  };
  for (const auto& ch : utf8_chars(text)) {
    if (!ch.valid) {
      current.append(text, ch.byte, ch.length);
      continue;
    }
    const std::uint32_t c = ch.code;
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        current += static_cast<char>(c);
      } else if (c >= 'A' && c <= 'Z') {
        current += static_cast<char>(c + 32);
      } else if (c == '#' && is_joining_hash(text, ch.byte)) {
        flush();
        tokens.emplace_back("#");
      } else {
        flush();
      }
    } else if (is_separator(c)) {
      flush();
    } else {
      append_utf8(current, simple_fold(c));
    }
  }
  flush();
  return tokens;
}

/// `text` shortened to `n` bytes (at a character boundary) with line breaks shown as "\n",
/// in double quotes, for failure details.
inline std::string quote_answer(const std::string& text, std::size_t n = 80) {
  std::string shown;
  for (const auto& ch : utf8_chars(text)) {
    if (shown.size() >= n) {
      shown += "...";
      break;
    }
    if (ch.length == 1 && text[ch.byte] == '\n') {
      shown += "\\n";
    } else if (ch.length == 1 && static_cast<unsigned char>(text[ch.byte]) < 0x20) {
      shown += ' ';
    } else {
      shown.append(text, ch.byte, ch.length);
    }
  }
  return "\"" + shown + "\"";
}

/// `text` with code-fence markers (``` and the language word after an opening one)
/// replaced by spaces, so that "```json\nX\n```" reads as "X".
inline std::string without_fence_markers(const std::string& text) {
  std::string out = text;
  for (const auto& f : llm::find_code_fences(text)) {
    for (std::size_t k = f.begin; k < f.content_begin; ++k) {
      if (out[k] != '\n') out[k] = ' ';
    }
    for (std::size_t k = f.content_end; k < f.end; ++k) out[k] = ' ';
  }
  return out;
}

/// The value of the first member of `object` whose key, compared without case, is one of
/// `keys`; all matching members are returned (an object may repeat a concept under two
/// spellings: "intent" and "label").
inline std::vector<const nlohmann::json*> members_named(const nlohmann::json& object, const std::vector<const char*>& keys) {
  std::vector<const nlohmann::json*> out;
  if (!object.is_object()) return out;
  for (auto it = object.begin(); it != object.end(); ++it) {
    std::string k = it.key();
    for (auto& c : k) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    for (const char* name : keys) {
      if (k == name) {
        out.push_back(&it.value());
        break;
      }
    }
  }
  return out;
}

/// Trims ASCII whitespace.
inline std::string trim(const std::string& s) {
  const std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const std::size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace detail

/// A set of names matched by key (intents, entity types; see the file comment).
class LabelSet {
 public:
  /// An empty set (matches nothing; NER parsers then keep types as written).
  LabelSet() = default;

  /// The set of `labels`. Throws UsageError synthbench.usage.71 for a name without letters
  /// or digits, or two names with the same key (they could not be told apart in an answer).
  /// Repeated identical names are kept once.
  explicit LabelSet(const std::vector<std::string>& labels) {
    for (const auto& label : labels) {
      const std::string k = key(label);
      if (k.empty()) throw UsageError(71, "the name \"" + label + "\" has no letter or digit, so no answer can name it");
      const auto it = index_.find(k);
      if (it != index_.end()) {
        if (labels_[it->second] == label) continue;
        throw UsageError(71, "the names \"" + labels_[it->second] + "\" and \"" + label +
                                 "\" differ only in case, spaces or punctuation, so an answer cannot tell them apart");
      }
      index_.emplace(k, labels_.size());
      labels_.push_back(label);
      max_key_ = std::max(max_key_, k.size());
    }
  }

  /// The key of `text`: its name tokens concatenated ("Add to playlist." -> "addtoplaylist").
  static std::string key(const std::string& text) {
    std::string k;
    for (const auto& t : detail::name_tokens(text)) k += t;
    return k;
  }

  /// The names, in the order given.
  const std::vector<std::string>& labels() const noexcept { return labels_; }
  /// True when the set has no name.
  bool empty() const noexcept { return labels_.empty(); }
  /// The number of names.
  std::size_t size() const noexcept { return labels_.size(); }

  /// The name whose key is the key of `text` (all of it), or nullptr.
  const std::string* find(const std::string& text) const { return find_key(key(text)); }

  /// The name with key `k`, or nullptr.
  const std::string* find_key(const std::string& k) const {
    const auto it = index_.find(k);
    return it == index_.end() ? nullptr : &labels_[it->second];
  }

  /// A name written inside running text: tokens [first, last] of the text spell it.
  struct Mention {
    std::size_t first = 0;     ///< first token
    std::size_t last = 0;      ///< last token
    const std::string* label = nullptr;  ///< the name
  };

  /// The names spelt by runs of consecutive `tokens` (detail::name_tokens), keeping only
  /// runs not contained in a longer one ("atis_flight#atis_airfare" is one mention, not
  /// three), in text order.
  std::vector<Mention> mentions(const std::vector<std::string>& tokens) const {
    std::vector<Mention> runs;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      std::string concat;
      for (std::size_t j = i; j < tokens.size(); ++j) {
        concat += tokens[j];
        if (concat.size() > max_key_) break;
        if (const std::string* label = find_key(concat)) runs.push_back({i, j, label});
      }
    }
    std::vector<Mention> kept;
    for (const auto& r : runs) {
      bool contained = false;
      for (const auto& o : runs) {
        const bool longer = (o.last - o.first) > (r.last - r.first);
        if (longer && o.first <= r.first && r.last <= o.last) {
          contained = true;
          break;
        }
      }
      if (!contained) kept.push_back(r);
    }
    return kept;
  }

 private:
  std::vector<std::string> labels_;
  std::unordered_map<std::string, std::size_t> index_;
  std::size_t max_key_ = 0;
};

/// Options of parse_intent_answer.
struct IntentAnswerOptions {
  /// Accept an answer that names exactly one intent inside other prose ("I think the user
  /// wants AddToPlaylist because..."). Default false: such an answer is `extra_text`.
  bool allow_label_in_prose = false;
};

namespace detail {

/// The lead-in before a label or a score: "Intent:", "The answer is", "Final answer:" ...
/// The tokens [the] [final|predicted] (intent|label|answer|class|category|prediction) [is],
/// at the start; returns how many tokens it spans (0 when there is none).
inline std::size_t label_lead_in(const std::vector<std::string>& tokens) {
  std::size_t i = 0;
  if (i < tokens.size() && tokens[i] == "the") ++i;
  if (i < tokens.size() && (tokens[i] == "final" || tokens[i] == "predicted")) ++i;
  if (i < tokens.size() && (tokens[i] == "intent" || tokens[i] == "label" || tokens[i] == "answer" ||
                            tokens[i] == "class" || tokens[i] == "category" || tokens[i] == "prediction")) {
    ++i;
    if (i < tokens.size() && tokens[i] == "is") ++i;
    return i;
  }
  return 0;
}

inline std::string concat(const std::vector<std::string>& tokens, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < tokens.size(); ++i) out += tokens[i];
  return out;
}

inline const std::vector<const char*>& intent_keys() {
  static const std::vector<const char*> keys = {"intent", "label", "class", "category", "prediction", "answer"};
  return keys;
}

}  // namespace detail

/// The intent a solver's answer names, against `labels`. Accepted (docs/llm-outputs.md):
/// the label alone, up to case, spaces and punctuation ("add to playlist", "AddToPlaylist.",
/// "`AddToPlaylist`", in a code fence); after a lead-in ("Intent: AddToPlaylist", "The
/// answer is AddToPlaylist"); as JSON ({"intent": "AddToPlaylist"}, also under "label",
/// "class", "category", "prediction", "answer", other members ignored; single quotes and
/// prose around it allowed). Failure reasons: `empty`, `unknown_label`, `several_labels`,
/// `extra_text` (one label inside other prose; see IntentAnswerOptions), `truncated`.
inline llm::Parsed<std::string> parse_intent_answer(const std::string& answer, const LabelSet& labels,
                                                    const IntentAnswerOptions& options = {}) {
  using Result = llm::Parsed<std::string>;
  const llm::ReasoningSplit split = llm::split_reasoning(answer);
  if (split.unfinished) return Result::fail("empty", "the answer is an unfinished <think> block");
  if (detail::trim(split.answer).empty()) return Result::fail("empty", "the answer is empty");

  // JSON: an object with an intent field.
  llm::JsonExtractionOptions json;
  json.accept = [](const nlohmann::json& v) { return !detail::members_named(v, detail::intent_keys()).empty(); };
  json.expected = "an object with an \"intent\" member";
  json.key = [](const nlohmann::json& v) {
    nlohmann::json k = nlohmann::json::array();
    for (const auto* m : detail::members_named(v, detail::intent_keys())) {
      k.push_back(m->is_string() ? nlohmann::json(LabelSet::key(m->get<std::string>())) : *m);
    }
    return k;
  };
  const auto found = llm::extract_json(answer, json);
  if (found) {
    std::vector<std::string> named;
    for (const auto* m : detail::members_named(found.value().value, detail::intent_keys())) {
      std::vector<const nlohmann::json*> values;
      if (m->is_array()) {
        for (const auto& e : *m) values.push_back(&e);
      } else {
        values.push_back(m);
      }
      for (const auto* v : values) {
        if (!v->is_string()) {
          return Result::fail("unknown_label", "the intent member is " + detail::describe_json(*v) + ", not a label");
        }
        const std::string text = v->get<std::string>();
        if (LabelSet::key(text).empty()) return Result::fail("empty", "the intent member is empty");
        const std::string* label = labels.find(text);
        if (label == nullptr) return Result::fail("unknown_label", detail::quote_answer(text) + " is not a label of the set");
        if (std::find(named.begin(), named.end(), *label) == named.end()) named.push_back(*label);
      }
    }
    if (named.size() == 1) return named.front();
    std::string list;
    for (const auto& n : named) list += (list.empty() ? "" : ", ") + n;
    return Result::fail("several_labels", "the answer names " + list);
  }
  if (found.reason() == "ambiguous") return Result::fail("several_labels", "several JSON answers: " + found.detail());
  // An answer cut off inside JSON is not read as text: what follows the cut is unknown.
  if (found.reason() == "truncated") return Result::fail(found.failure());

  // Text: the label alone, after a lead-in, or inside prose.
  const auto tokens = detail::name_tokens(detail::without_fence_markers(split.answer));
  const auto text_failure = [](llm::ParseFailure f) { return Result::fail(std::move(f)); };
  if (tokens.empty()) return text_failure({"empty", "the answer has no letter or digit"});
  if (const std::string* label = labels.find_key(detail::concat(tokens, 0))) return *label;
  const std::size_t lead = detail::label_lead_in(tokens);
  if (lead > 0 && lead < tokens.size()) {
    if (const std::string* label = labels.find_key(detail::concat(tokens, lead))) return *label;
  }
  const auto mentions = labels.mentions(tokens);
  std::vector<const std::string*> distinct;
  for (const auto& m : mentions) {
    if (std::find(distinct.begin(), distinct.end(), m.label) == distinct.end()) distinct.push_back(m.label);
  }
  if (distinct.empty()) {
    return text_failure({"unknown_label", detail::quote_answer(split.answer) + " names no label of the set"});
  }
  if (distinct.size() > 1) {
    std::string list;
    for (const auto* l : distinct) list += (list.empty() ? "" : ", ") + *l;
    return text_failure({"several_labels", "the answer names " + list});
  }
  // One label, possibly repeated: accepted when the mentions cover every token after the lead-in.
  std::vector<bool> covered(tokens.size(), false);
  for (std::size_t k = 0; k < lead; ++k) covered[k] = true;
  for (const auto& m : mentions) {
    for (std::size_t k = m.first; k <= m.last; ++k) covered[k] = true;
  }
  if (std::find(covered.begin(), covered.end(), false) == covered.end() || options.allow_label_in_prose) {
    return *distinct.front();
  }
  return text_failure({"extra_text", "the answer names " + *distinct.front() + " but has other text: " +
                                         detail::quote_answer(split.answer)});
}

/// The scale of similarity scores (STS: 0 to 5, Agirre et al. 2012).
struct ScoreScale {
  double min = 0.0;  ///< lowest score
  double max = 5.0;  ///< highest score
};

namespace detail {

/// A number written in prose.
struct NumberToken {
  double value = 0.0;
  std::size_t begin = 0;
  std::size_t end = 0;
};

inline bool ascii_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// The decimal numbers of `text` that stand alone (not glued to letters: "4o", "v2", "3rd"
/// are words), read with parse_decimal. A sign counts only at the start or after a space
/// or an opening bracket.
inline std::vector<NumberToken> number_tokens(const std::string& text) {
  std::vector<NumberToken> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const bool starts_digit = ascii_digit(c) || (c == '.' && i + 1 < text.size() && ascii_digit(text[i + 1]));
    const bool starts_signed = (c == '-' || c == '+') && i + 1 < text.size() &&
                               (ascii_digit(text[i + 1]) || (text[i + 1] == '.' && i + 2 < text.size() && ascii_digit(text[i + 2]))) &&
                               (i == 0 || text[i - 1] == ' ' || text[i - 1] == '(' || text[i - 1] == '[' ||
                                text[i - 1] == '\n' || text[i - 1] == '\t' || text[i - 1] == ':');
    if (!starts_digit && !starts_signed) {
      ++i;
      continue;
    }
    const bool glued_before = i > 0 && (ascii_letter(text[i - 1]) || ascii_digit(text[i - 1]) || text[i - 1] == '_' ||
                                        (text[i - 1] == '.' && !starts_signed));
    std::size_t j = i;
    if (starts_signed) ++j;
    while (j < text.size() && ascii_digit(text[j])) ++j;
    if (j + 1 < text.size() && text[j] == '.' && ascii_digit(text[j + 1])) {
      ++j;
      while (j < text.size() && ascii_digit(text[j])) ++j;
    }
    const bool glued_after = j < text.size() && (ascii_letter(text[j]) || text[j] == '_' ||
                                                 static_cast<unsigned char>(text[j]) >= 0x80);
    if (!glued_before && !glued_after) {
      if (const auto v = parse_decimal(text.substr(i, j - i))) out.push_back({*v, i, j});
    } else {
      while (j < text.size() && (ascii_letter(text[j]) || ascii_digit(text[j]) || text[j] == '_')) ++j;
    }
    i = j;
  }
  return out;
}

/// The lowercase ASCII words of `text` outside [skip_begin, skip_end) ranges.
inline std::vector<std::string> words_outside(const std::string& text, const std::vector<std::pair<std::size_t, std::size_t>>& skip,
                                              std::size_t& words_after_first_skip) {
  std::vector<std::string> words;
  words_after_first_skip = 0;
  std::string current;
  bool after = false;
  std::size_t k = 0;
  const auto flush = [&]() {
    if (!current.empty()) {
      words.push_back(current);
      if (after) ++words_after_first_skip;
    }
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    while (k < skip.size() && i >= skip[k].second) ++k;
    if (k < skip.size() && i >= skip[k].first) {
      flush();
      after = true;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (ascii_letter(text[i]) || c >= 0x80) {
      current += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : text[i];
    } else {
      flush();
    }
  }
  flush();
  return words;
}

inline const std::vector<const char*>& score_keys() {
  static const std::vector<const char*> keys = {"score", "similarity", "similarity_score", "rating"};
  return keys;
}

inline std::string number_text(double v) { return general(v, 15); }

}  // namespace detail

/// The similarity score a solver's answer gives, checked against `scale`. Accepted
/// (docs/llm-outputs.md): a number alone ("3.8", "4", " 2.5 "); after a lead-in of the
/// words the, final, predicted, estimated, semantic, similarity, score, rating, answer, is
/// ("Score: 3.8", "The similarity score is 3.8."); with the scale's maximum as denominator
/// ("3.8/5", "3.8 out of 5"); as JSON ({"score": 3.8}, also "similarity",
/// "similarity_score", "rating"; a numeric string value is read as a number). Failure
/// reasons: `empty`, `no_number`, `several_numbers`, `extra_text` (one number with other
/// words), `other_scale` ("8/10", "80%"), `not_a_number` (a JSON score that is not a
/// number), `out_of_range` (outside the scale: never clipped here; the answer broke the
/// requested format), `truncated`. The number grammar is metrics::parse_score's.
inline llm::Parsed<double> parse_similarity_answer(const std::string& answer, const ScoreScale& scale = {}) {
  using Result = llm::Parsed<double>;
  const llm::ReasoningSplit split = llm::split_reasoning(answer);
  if (split.unfinished) return Result::fail("empty", "the answer is an unfinished <think> block");
  if (detail::trim(split.answer).empty()) return Result::fail("empty", "the answer is empty");
  const auto in_range = [&](double v) -> Result {
    if (v < scale.min || v > scale.max) {
      return Result::fail("out_of_range", detail::number_text(v) + " is outside the scale [" + detail::number_text(scale.min) +
                                              ", " + detail::number_text(scale.max) + "]");
    }
    return v;
  };
  // JSON: an object with a score member.
  llm::JsonExtractionOptions json;
  json.accept = [](const nlohmann::json& v) { return !detail::members_named(v, detail::score_keys()).empty(); };
  json.expected = "an object with a \"score\" member";
  json.key = [](const nlohmann::json& v) {
    nlohmann::json k = nlohmann::json::array();
    for (const auto* m : detail::members_named(v, detail::score_keys())) k.push_back(*m);
    return k;
  };
  const auto found = llm::extract_json(answer, json);
  if (found) {
    std::vector<double> values;
    for (const auto* m : detail::members_named(found.value().value, detail::score_keys())) {
      std::optional<double> v;
      if (m->is_number()) {
        v = m->get<double>();
      } else if (m->is_string()) {
        v = detail::parse_decimal(m->get<std::string>());
      }
      if (!v) return Result::fail("not_a_number", "the score member is " + detail::describe_json(*m));
      if (std::find(values.begin(), values.end(), *v) == values.end()) values.push_back(*v);
    }
    if (values.size() > 1) return Result::fail("several_numbers", "the answer gives several different scores");
    return in_range(values.front());
  }
  if (found.reason() == "ambiguous") return Result::fail("several_numbers", "several JSON answers: " + found.detail());
  // An answer cut off inside JSON is not read as text: {"score": 4 may have been 4.5.
  if (found.reason() == "truncated") return Result::fail(found.failure());

  const std::string text = detail::without_fence_markers(split.answer);
  const auto text_failure = [](llm::ParseFailure f) { return Result::fail(std::move(f)); };
  // Whatever metrics::parse_score reads as a whole ("2e0", "+3") is a number here too.
  if (const auto whole = detail::parse_decimal(text)) return in_range(*whole);
  auto numbers = detail::number_tokens(text);
  // Denominators: "/ 5" or "out of 5" after a number is the scale, not another number.
  std::vector<std::pair<std::size_t, std::size_t>> skip;
  std::vector<detail::NumberToken> values;
  for (std::size_t k = 0; k < numbers.size(); ++k) {
    const auto& n = numbers[k];
    std::size_t j = n.end;
    while (j < text.size() && text[j] == ' ') ++j;
    if (j < text.size() && text[j] == '%') return text_failure({"other_scale", "a percentage: " + detail::quote_answer(split.answer)});
    bool denominator = false;
    std::size_t after_marker = j;
    if (j < text.size() && text[j] == '/') {
      denominator = true;
      after_marker = j + 1;
    } else if (text.compare(j, 6, "out of") == 0) {
      denominator = true;
      after_marker = j + 6;
    }
    skip.push_back({n.begin, n.end});
    values.push_back(n);
    if (denominator && k + 1 < numbers.size()) {
      std::size_t m = after_marker;
      while (m < text.size() && text[m] == ' ') ++m;
      if (numbers[k + 1].begin == m) {
        if (numbers[k + 1].value != scale.max) {
          return text_failure({"other_scale", "a score out of " + detail::number_text(numbers[k + 1].value) + ", not out of " +
                                                  detail::number_text(scale.max)});
        }
        skip.back().second = numbers[k + 1].end;
        ++k;
      }
    }
  }
  if (values.empty()) return text_failure({"no_number", detail::quote_answer(split.answer) + " holds no number"});
  std::vector<double> distinct;
  for (const auto& v : values) {
    if (std::find(distinct.begin(), distinct.end(), v.value) == distinct.end()) distinct.push_back(v.value);
  }
  if (distinct.size() > 1) {
    std::string list;
    for (std::size_t k = 0; k < distinct.size() && k < 5; ++k) list += (k == 0 ? "" : ", ") + detail::number_text(distinct[k]);
    return text_failure({"several_numbers", "the answer holds the numbers " + list});
  }
  std::size_t words_after = 0;
  const auto words = detail::words_outside(text, skip, words_after);
  static const std::vector<std::string> lead_in = {"the",        "final", "predicted", "estimated", "semantic",
                                                   "similarity", "score", "rating",    "answer",    "is"};
  bool only_lead_in = values.size() == 1 && words_after == 0;
  for (const auto& w : words) only_lead_in = only_lead_in && std::find(lead_in.begin(), lead_in.end(), w) != lead_in.end();
  if (!only_lead_in) {
    return text_failure({"extra_text", "the answer has text besides the score " + detail::number_text(distinct.front()) + ": " +
                                           detail::quote_answer(split.answer)});
  }
  return in_range(distinct.front());
}

/// An entity as an answer names it: its text and type, before alignment.
struct Mention {
  std::string text;  ///< the entity as written
  std::string type;  ///< its type as written (or as normalized)
};

/// A problem with one entity of an answer; the entity is dropped.
struct EntityIssue {
  std::size_t index = 0;  ///< the entity's position in the answer's list (0-based)
  std::string reason;     ///< malformed_entity, missing_text, missing_type, empty_text, unknown_type, not_found, duplicate
  std::string detail;     ///< what was found
};

/// The entities of a NER answer, aligned to the input, and the entities dropped on the way.
struct NerAnswer {
  std::vector<metrics::Entity> entities;  ///< sorted by (start, end, type); texts as in the input
  std::vector<EntityIssue> issues;        ///< in answer order
};

/// The outcome of aligning one mention.
struct AlignedMention {
  std::optional<metrics::Entity> entity;  ///< set when found
  std::string reason;                     ///< not_found or duplicate otherwise
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
      a.reason = "duplicate";
      a.detail = detail::quote_answer(needle_text) + " is named more often than it occurs in the text";
    } else {
      a.reason = "not_found";
      a.detail = detail::quote_answer(needle_text) +
                 (inside_words ? " occurs in the text only inside longer words" : " does not occur in the text");
    }
  }
  return out;
}

namespace detail {

inline const std::vector<const char*>& entity_text_keys() {
  static const std::vector<const char*> keys = {"text", "entity", "name", "mention", "span"};
  return keys;
}
inline const std::vector<const char*>& entity_type_keys() {
  static const std::vector<const char*> keys = {"type", "label", "entity_type", "category"};
  return keys;
}

/// One entity of an answer's list, read as a mention; nullopt with an issue when malformed.
inline std::optional<Mention> read_mention(const nlohmann::json& e, std::size_t index, std::vector<EntityIssue>& issues) {
  const auto issue = [&](const char* reason, std::string what) {
    issues.push_back({index, reason, std::move(what)});
    return std::nullopt;
  };
  if (e.is_array()) {
    if (e.size() != 2 || !e[0].is_string() || !e[1].is_string()) {
      return issue("malformed_entity", "expected [text, type] or an object, found " + describe_json(e));
    }
    const std::string text = e[0].get<std::string>();
    const std::string type = e[1].get<std::string>();
    if (trim(text).empty()) return issue("empty_text", "the entity text is empty");
    if (trim(type).empty()) return issue("missing_type", "the entity type is empty");
    return Mention{text, type};
  }
  if (!e.is_object()) return issue("malformed_entity", "expected an object or [text, type], found " + describe_json(e));
  const auto one_string = [&](const std::vector<const char*>& keys, const char* what, std::optional<std::string>& out) {
    for (const auto* v : members_named(e, keys)) {
      if (!v->is_string()) {
        issue("malformed_entity", std::string("the entity ") + what + " is " + describe_json(*v));
        return false;
      }
      const std::string s = v->get<std::string>();
      if (out && *out != s) {
        issue("malformed_entity", std::string("the entity has two different ") + what + "s: \"" + *out + "\" and \"" + s + "\"");
        return false;
      }
      out = s;
    }
    return true;
  };
  std::optional<std::string> text;
  std::optional<std::string> type;
  if (!one_string(entity_text_keys(), "text", text) || !one_string(entity_type_keys(), "type", type)) return std::nullopt;
  if (!text) return issue("missing_text", "the entity has no \"text\" member: " + e.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (trim(*text).empty()) return issue("empty_text", "the entity text is empty");
  if (!type || trim(*type).empty()) return issue("missing_type", "the entity " + quote_answer(*text) + " has no type");
  return Mention{*text, *type};
}

/// True for a single entity object ({"text": ..., "type": ...}).
inline bool is_entity_object(const nlohmann::json& v) {
  return v.is_object() && !members_named(v, entity_text_keys()).empty() && !members_named(v, entity_type_keys()).empty();
}

/// True for {type: [texts]} (every member a string or an array of strings; no "entities"
/// member, which would be a malformed wrapper).
inline bool is_type_map(const nlohmann::json& v) {
  if (!v.is_object() || !members_named(v, {"entities"}).empty()) return false;
  for (const auto& [key, value] : v.items()) {
    if (value.is_string()) continue;
    if (!value.is_array()) return false;
    for (const auto& e : value) {
      if (!e.is_string()) return false;
    }
  }
  return true;
}

/// The list of an entity answer: an array, {"entities": [...]}, a single entity object, or
/// a type map; nullptr when `v` is none of these.
inline bool is_entity_answer(const nlohmann::json& v) {
  if (v.is_array()) return true;
  if (v.is_object()) {
    const auto e = members_named(v, {"entities"});
    if (e.size() == 1 && e.front()->is_array()) return true;
    return is_entity_object(v) || is_type_map(v);
  }
  return false;
}

/// The mentions of an entity answer (is_entity_answer), with per-entity issues.
inline std::vector<std::pair<std::size_t, Mention>> answer_mentions(const nlohmann::json& v, std::vector<EntityIssue>& issues) {
  std::vector<std::pair<std::size_t, Mention>> out;
  const nlohmann::json* list = nullptr;
  if (v.is_array()) {
    list = &v;
  } else if (const auto e = members_named(v, {"entities"}); e.size() == 1 && e.front()->is_array()) {
    list = e.front();
  }
  if (list != nullptr) {
    for (std::size_t k = 0; k < list->size(); ++k) {
      if (auto m = read_mention((*list)[k], k, issues)) out.push_back({k, std::move(*m)});
    }
    return out;
  }
  if (is_entity_object(v)) {
    if (auto m = read_mention(v, 0, issues)) out.push_back({0, std::move(*m)});
    return out;
  }
  std::size_t index = 0;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string& type = it.key();  // not a structured binding: lambdas cannot capture those before C++20
    const nlohmann::json& texts = it.value();
    const auto add = [&](const nlohmann::json& t) {
      const std::string text = t.get<std::string>();
      if (trim(text).empty()) {
        issues.push_back({index, "empty_text", "an empty entity text under type \"" + type + "\""});
      } else {
        out.push_back({index, Mention{text, type}});
      }
      ++index;
    };
    if (texts.is_string()) {
      add(texts);
    } else {
      for (const auto& t : texts) add(t);
    }
  }
  return out;
}

/// Normalizes the types of `mentions` against `types` (as written when `types` is empty),
/// moving those of unknown type to `issues`.
inline std::vector<std::pair<std::size_t, Mention>> typed_mentions(std::vector<std::pair<std::size_t, Mention>> mentions,
                                                                   const LabelSet& types, std::vector<EntityIssue>& issues) {
  std::vector<std::pair<std::size_t, Mention>> out;
  for (auto& [index, m] : mentions) {
    if (!types.empty()) {
      const std::string* type = types.find(m.type);
      if (type == nullptr) {
        issues.push_back({index, "unknown_type", "\"" + m.type + "\" (entity " + quote_answer(m.text) + ") is not a declared type"});
        continue;
      }
      m.type = *type;
    } else {
      m.type = trim(m.type);
    }
    out.push_back({index, std::move(m)});
  }
  return out;
}

/// Aligns typed mentions in `text`; entities sorted by (start, end, type), issues appended.
inline std::vector<metrics::Entity> aligned_entities(const std::string& text, const std::vector<std::pair<std::size_t, Mention>>& typed,
                                                     std::vector<EntityIssue>& issues) {
  std::vector<Mention> plain;
  for (const auto& [index, m] : typed) plain.push_back(m);
  const auto aligned = align_mentions(text, plain);
  std::vector<metrics::Entity> entities;
  for (std::size_t k = 0; k < aligned.size(); ++k) {
    if (aligned[k].entity) {
      entities.push_back(*aligned[k].entity);
    } else {
      issues.push_back({typed[k].first, aligned[k].reason, aligned[k].detail});
    }
  }
  std::stable_sort(entities.begin(), entities.end(), [](const metrics::Entity& a, const metrics::Entity& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end < b.end;
    return a.type < b.type;
  });
  std::stable_sort(issues.begin(), issues.end(), [](const EntityIssue& a, const EntityIssue& b) { return a.index < b.index; });
  return entities;
}

}  // namespace detail

/// The entities a solver's answer names in `input` (the text it was asked about), with
/// types normalized against `types` (kept as written when `types` is empty) and spans
/// aligned to code-point offsets (align_mentions). Accepted (docs/llm-outputs.md): a JSON
/// list of objects with the entity under "text", "entity", "name", "mention" or "span" and
/// its type under "type", "label", "entity_type" or "category"; a list of [text, type]
/// pairs; either as {"entities": [...]}; a single entity object; a map {type: [texts]}; in
/// fences or prose, with the repairs of llm::extract_json. An empty list is a valid answer
/// with no entity. The answer fails as a whole with the reasons of llm::extract_json; single
/// entities are dropped with an EntityIssue (malformed_entity, missing_text, missing_type,
/// empty_text, unknown_type, not_found, duplicate).
inline llm::Parsed<NerAnswer> parse_ner_answer(const std::string& answer, const std::string& input, const LabelSet& types) {
  llm::JsonExtractionOptions json;
  json.accept = detail::is_entity_answer;
  json.expected = "a list of entities";
  const auto found = llm::extract_json(answer, json);
  if (!found) return llm::Parsed<NerAnswer>::fail(found.failure());
  NerAnswer out;
  auto mentions = detail::answer_mentions(found.value().value, out.issues);
  const auto typed = detail::typed_mentions(std::move(mentions), types, out.issues);
  out.entities = detail::aligned_entities(input, typed, out.issues);
  return out;
}

/// A problem with one generated item; the item is rejected.
struct ItemIssue {
  std::string where;   ///< "line 3" of the answer
  std::string reason;  ///< see parse_generated_items
  std::string detail;  ///< what was found
};

/// The items of a generator's answer and the records rejected on the way.
template <class Item>
struct GeneratedItems {
  std::vector<Item> items;         ///< valid items, in answer order
  std::vector<std::size_t> lines;  ///< the answer line of each item
  std::vector<ItemIssue> issues;   ///< rejected records and unreadable parts, in answer order
};

/// What generated items are checked against.
struct ItemRules {
  LabelSet labels;   ///< intents (intent items) or entity types (NER items; empty: any type)
  ScoreScale scale;  ///< the score scale (similarity items)
};

namespace detail {

/// A string member of a record, trimmed; sets `issue` when missing, not a string, or empty.
inline std::optional<std::string> text_field(const nlohmann::json& record, const std::vector<const char*>& names,
                                             std::optional<ItemIssue>& issue, bool allow_empty = false) {
  std::optional<std::string> value;
  for (const char* name : names) {
    const auto it = record.find(name);
    if (it == record.end()) continue;
    if (!it->is_string()) {
      issue = ItemIssue{"", "wrong_type", std::string("\"") + name + "\" is " + describe_json(*it) + ", not a string"};
      return std::nullopt;
    }
    const std::string v = trim(it->get<std::string>());
    if (value && *value != v) {
      issue = ItemIssue{"", "conflicting_fields", std::string("\"") + names[0] + "\" and \"" + name + "\" differ"};
      return std::nullopt;
    }
    value = v;
  }
  if (!value) {
    issue = ItemIssue{"", "missing_field", std::string("no \"") + names[0] + "\" member"};
    return std::nullopt;
  }
  if (value->empty() && !allow_empty) {
    issue = ItemIssue{"", "empty_text", std::string("\"") + names[0] + "\" is empty"};
    return std::nullopt;
  }
  return value;
}

/// Runs `read` on every record of a generation answer; collects items and issues in
/// answer order.
template <class Item, class Read>
llm::Parsed<GeneratedItems<Item>> read_records(const std::string& answer, const std::vector<std::string>& item_keys, Read read) {
  llm::JsonRecordOptions options;
  options.item_keys = item_keys;
  const auto records = llm::extract_json_records(answer, options);
  if (!records) return llm::Parsed<GeneratedItems<Item>>::fail(records.failure());
  GeneratedItems<Item> out;
  // Records and failures, merged in line order, so that issues read top to bottom.
  struct Event {
    std::size_t line;
    std::size_t order;
    const llm::JsonRecord* record;
    const llm::JsonRecordFailure* failure;
  };
  std::vector<Event> events;
  for (const auto& r : records.value().records) events.push_back({r.line, events.size(), &r, nullptr});
  for (const auto& f : records.value().failures) events.push_back({f.line, events.size(), nullptr, &f});
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.line < b.line; });
  for (const auto& e : events) {
    const std::string where = "line " + std::to_string(e.line);
    if (e.failure != nullptr) {
      out.issues.push_back({where, e.failure->failure.reason, e.failure->failure.detail});
      continue;
    }
    std::optional<ItemIssue> issue;
    std::optional<Item> item = read(e.record->value, issue);
    if (item) {
      out.items.push_back(std::move(*item));
      out.lines.push_back(e.line);
    } else if (issue) {
      issue->where = where;
      out.issues.push_back(std::move(*issue));
    }
  }
  return out;
}

}  // namespace detail

/// The items of a generator's answer for the task of `Item` (IntentItem, SimilarityItem or
/// NerItem), checked against `rules`. The answer is a JSON array of records, JSON Lines, or
/// several blocks, with the leniency of llm::extract_json_records (a truncated or broken list
/// keeps its complete records). Records (leading and trailing whitespace of texts is
/// ignored):
///
/// | task | record | rejected when |
/// | --- | --- | --- |
/// | intent | {"text", "label"} ("intent" for "label") | missing_field, wrong_type, conflicting_fields, empty_text, unknown_label |
/// | similarity | {"text1", "text2", "score"} (score a number or numeric string) | missing_field, wrong_type, empty_text, not_a_number, out_of_range |
/// | NER | {"text", "entities": [{"text", "type"}]} (entity forms of parse_ner_answer) | missing_field, wrong_type, empty_text, entity_<reason> for any entity issue (entity_not_found, entity_unknown_type, entity_duplicate, entity_malformed_entity, ...) |
///
/// A NER item with any unusable entity is rejected whole: as gold data, an item missing one
/// of its intended entities would penalize a solver that finds it. Parts of the answer that
/// are not records give issues with the reasons of llm::extract_json_records.
template <class Item>
llm::Parsed<GeneratedItems<Item>> parse_generated_items(const std::string& answer, const ItemRules& rules);

/// Intent items (see the primary template).
template <>
inline llm::Parsed<GeneratedItems<IntentItem>> parse_generated_items<IntentItem>(const std::string& answer, const ItemRules& rules) {
  return detail::read_records<IntentItem>(answer, {}, [&](const nlohmann::json& r, std::optional<ItemIssue>& issue) -> std::optional<IntentItem> {
    const auto text = detail::text_field(r, {"text"}, issue);
    if (!text) return std::nullopt;
    const auto label = detail::text_field(r, {"label", "intent"}, issue, /*allow_empty=*/true);
    if (!label) return std::nullopt;
    const std::string* known = rules.labels.find(*label);
    if (known == nullptr) {
      issue = ItemIssue{"", "unknown_label", detail::quote_answer(*label) + " is not a label of the set"};
      return std::nullopt;
    }
    return IntentItem{*text, *known};
  });
}

/// Similarity items (see the primary template).
template <>
inline llm::Parsed<GeneratedItems<SimilarityItem>> parse_generated_items<SimilarityItem>(const std::string& answer,
                                                                                         const ItemRules& rules) {
  return detail::read_records<SimilarityItem>(
      answer, {}, [&](const nlohmann::json& r, std::optional<ItemIssue>& issue) -> std::optional<SimilarityItem> {
        const auto text1 = detail::text_field(r, {"text1"}, issue);
        if (!text1) return std::nullopt;
        const auto text2 = detail::text_field(r, {"text2"}, issue);
        if (!text2) return std::nullopt;
        const auto it = r.find("score");
        if (it == r.end()) {
          issue = ItemIssue{"", "missing_field", "no \"score\" member"};
          return std::nullopt;
        }
        std::optional<double> score;
        if (it->is_number()) {
          score = it->get<double>();
        } else if (it->is_string()) {
          score = detail::parse_decimal(it->get<std::string>());
        }
        if (!score) {
          issue = ItemIssue{"", "not_a_number", "\"score\" is " + detail::describe_json(*it)};
          return std::nullopt;
        }
        if (*score < rules.scale.min || *score > rules.scale.max) {
          issue = ItemIssue{"", "out_of_range", detail::number_text(*score) + " is outside the scale [" +
                                                    detail::number_text(rules.scale.min) + ", " +
                                                    detail::number_text(rules.scale.max) + "]"};
          return std::nullopt;
        }
        return SimilarityItem{*text1, *text2, *score};
      });
}

/// NER items (see the primary template).
template <>
inline llm::Parsed<GeneratedItems<NerItem>> parse_generated_items<NerItem>(const std::string& answer, const ItemRules& rules) {
  return detail::read_records<NerItem>(
      answer, {"entities"}, [&](const nlohmann::json& r, std::optional<ItemIssue>& issue) -> std::optional<NerItem> {
        const auto text = detail::text_field(r, {"text"}, issue);
        if (!text) return std::nullopt;
        const auto it = r.find("entities");
        if (it == r.end()) {
          issue = ItemIssue{"", "missing_field", "no \"entities\" member"};
          return std::nullopt;
        }
        if (!it->is_array()) {
          issue = ItemIssue{"", "wrong_type", "\"entities\" is " + detail::describe_json(*it) + ", not a list"};
          return std::nullopt;
        }
        std::vector<EntityIssue> issues;
        auto mentions = detail::answer_mentions(*it, issues);
        const auto typed = detail::typed_mentions(std::move(mentions), rules.labels, issues);
        NerItem item;
        item.text = *text;
        item.entities = detail::aligned_entities(item.text, typed, issues);
        if (!issues.empty()) {
          const auto& first = issues.front();
          issue = ItemIssue{"", "entity_" + first.reason,
                            "entity " + std::to_string(first.index) + ": " + first.detail +
                                (issues.size() > 1 ? " (and " + std::to_string(issues.size() - 1) + " more)" : "")};
          return std::nullopt;
        }
        return item;
      });
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_OUTPUT_PARSERS_HPP
