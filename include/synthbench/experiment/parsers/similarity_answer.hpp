#ifndef SYNTHBENCH_EXPERIMENT_PARSERS_SIMILARITY_ANSWER_HPP
#define SYNTHBENCH_EXPERIMENT_PARSERS_SIMILARITY_ANSWER_HPP

/// @file
/// The similarity score a solver's answer gives, checked against the scale: ScoreScale,
/// parse_similarity_answer. An answer counts only if it gives exactly one number, on the
/// scale asked for (experiment/output_parsers.hpp, docs/llm-outputs.md).

#include <algorithm>  // std::find
#include <cstddef>    // std::size_t
#include <optional>   // std::optional
#include <string>     // std::string
#include <utility>    // std::move, std::pair
#include <vector>     // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/decimal.hpp"                     // detail::parse_decimal (shared with metrics::parse_score)
#include "synthbench/detail/format.hpp"                      // detail::general
#include "synthbench/detail/json_input.hpp"                  // detail::describe_json
#include "synthbench/experiment/parsers/answer_reading.hpp"  // detail::trim, quote_answer, members_named, without_fence_markers
#include "synthbench/llm/answer_text.hpp"                    // llm::split_reasoning
#include "synthbench/llm/json_extraction.hpp"                // llm::extract_json
#include "synthbench/llm/parsed.hpp"                         // llm::Parsed, llm::ParseFailure
#include "synthbench/version.hpp"                            // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN

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
  if (found.code() == "ambiguous") return Result::fail("several_numbers", "several JSON answers: " + found.detail());
  // An answer cut off inside JSON is not read as text: {"score": 4 may have been 4.5.
  if (found.code() == "truncated") return Result::fail(found.failure());

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

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_PARSERS_SIMILARITY_ANSWER_HPP
