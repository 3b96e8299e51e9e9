#ifndef SYNTHBENCH_LLM_JSON_EXTRACTION_HPP
#define SYNTHBENCH_LLM_JSON_EXTRACTION_HPP

/// @file
/// Finding the JSON an LLM meant in what it actually wrote: extract_json() and
/// extract_json_records(). Including this header also gives the parts they are built from:
/// llm/answer_text.hpp (reasoning blocks, code fences), llm/lenient_json.hpp (the lenient
/// grammar and its repairs), llm/json_candidates.hpp (where values are looked for).
///
/// Asked for JSON, models wrap it in code fences, put prose before and after it, write
/// Python literals (`{'label': 'X', 'ok': True}`), leave trailing commas, stop in the middle
/// (max_tokens), or answer with several candidates. extract_json() finds the one value the
/// answer means; extract_json_records() finds the records (objects) of a generation answer
/// given as a JSON array, as JSON Lines, or as several blocks. Neither throws on bad input:
/// they return the value or a ParseFailure with a stable reason, so that callers count
/// failures (METHOD.md) instead of crashing or guessing.
///
/// **The steps.** A leading `<think>...</think>` block (reasoning models) is removed; an
/// unclosed one means the answer is unfinished (reason `empty`). Then values are looked for
/// in groups, in order of precedence: the whole answer, else the code fences, else the text
/// outside them (llm/json_candidates.hpp), each read in the lenient grammar, whose repairs
/// are listed with the value (llm/lenient_json.hpp).
///
/// **Which value wins** (extract_json): among the acceptable values of the first of the
/// groups above that has any (the caller's `accept` says what is acceptable, e.g. "an
/// object with an "intent" key"), equal values count once; several different ones are
/// `ambiguous` under MultipleValues::unique (the default: an answer that commits to two
/// things is not one answer), or the first or last one under the other policies.
///
/// **Failure reasons**: `empty`, `no_json`, `invalid_json`, `truncated` (the answer ends
/// inside a value), `duplicate_key`, `ambiguous`, `unexpected_shape` (JSON found, none of it
/// acceptable), and for records `not_an_object`. Positions in details are "line L, column
/// C" of the answer as given.

#include <algorithm>   // std::find, std::count, std::upper_bound
#include <cstddef>     // std::size_t, std::ptrdiff_t
#include <functional>  // std::function
#include <optional>    // std::optional
#include <string>      // std::string, std::to_string
#include <utility>     // std::move
#include <vector>      // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/json_input.hpp"    // detail::describe_json
#include "synthbench/llm/answer_text.hpp"      // ReasoningSplit, split_reasoning, CodeFence, find_code_fences
#include "synthbench/llm/json_candidates.hpp"  // JsonValue, detail::Found, collect
#include "synthbench/llm/lenient_json.hpp"     // detail::position, is_space, is_digit
#include "synthbench/llm/parsed.hpp"           // Parsed, ParseFailure
#include "synthbench/version.hpp"              // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

/// How extract_json chooses among several different acceptable values.
enum class MultipleValues {
  unique,  ///< fail with `ambiguous` (default)
  first,   ///< the first in the answer
  last,    ///< the last in the answer
};

/// Options of extract_json.
struct JsonExtractionOptions {
  /// The values the caller can use (e.g. objects with an "intent" key); empty: any value.
  std::function<bool(const nlohmann::json&)> accept;
  /// What `accept` accepts, for the `unexpected_shape` message ("an object with an \"intent\" key").
  std::string expected = "a JSON value";
  /// What to do with several different acceptable values.
  MultipleValues multiple = MultipleValues::unique;
  /// Remove a leading <think> block first (split_reasoning).
  bool strip_reasoning = true;
  /// What makes two acceptable values the same answer (e.g. their "intent" field, so that
  /// {"intent": "A", "confidence": 0.9} and {"intent": "A"} are one answer); empty: equality
  /// of the whole values.
  std::function<nlohmann::json(const nlohmann::json&)> key;
};

/// Options of extract_json_records.
struct JsonRecordOptions {
  /// Keys of the records themselves (e.g. "entities"): an object with one member whose
  /// value is an array is a wrapper (`{"items": [...]}`) unless its key is listed here.
  std::vector<std::string> item_keys;
  /// Remove a leading <think> block first (split_reasoning).
  bool strip_reasoning = true;
};

/// One record (JSON object) of a generation answer.
struct JsonRecord {
  nlohmann::json value;              ///< the object
  std::size_t begin = 0;             ///< byte offset in the answer where it starts
  std::size_t line = 1;              ///< the line it starts on (1-based)
  std::vector<std::string> repairs;  ///< repairs applied
};

/// Something of a generation answer that could not become a record.
struct JsonRecordFailure {
  ParseFailure failure;  ///< code and detail
  std::size_t line = 1;  ///< the line where it starts (1-based)
};

/// The records of a generation answer and what could not be read.
struct JsonRecords {
  std::vector<JsonRecord> records;          ///< in answer order
  std::vector<JsonRecordFailure> failures;  ///< in answer order
};

namespace detail {

/// The failure to report when no value is acceptable: truncated, then a broken value
/// (invalid or duplicate key), then a value of the wrong shape, then no JSON at all.
inline ParseFailure best_failure(const std::vector<const Found*>& found, const std::string& expected) {
  const Found* truncated = nullptr;
  const Found* broken = nullptr;
  const Found* shape = nullptr;
  for (const Found* f : found) {
    if (!f->ok && f->failure.code == "truncated" && truncated == nullptr) truncated = f;
    if (!f->ok && f->failure.code != "truncated" && broken == nullptr) broken = f;
    if (f->ok && shape == nullptr) shape = f;
  }
  if (truncated != nullptr) return truncated->failure;
  if (broken != nullptr) return broken->failure;
  if (shape != nullptr) {
    return {"unexpected_shape", "expected " + expected + ", found " + synthbench::detail::describe_json(shape->value.value)};
  }
  return {"no_json", "the answer holds no JSON value"};
}

/// The offset of each line start of `text`, for line numbers.
inline std::vector<std::size_t> line_starts(const std::string& text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t k = 0; k < text.size(); ++k) {
    if (text[k] == '\n') starts.push_back(k + 1);
  }
  return starts;
}

inline std::size_t line_of(const std::vector<std::size_t>& starts, std::size_t at) {
  return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), at) - starts.begin());
}

inline void shift(JsonValue& v, std::size_t offset) {
  v.begin += offset;
  v.end += offset;
}

/// Re-locates "line L, column C" messages computed on the answer part (after a <think>
/// block) into the whole text: the answer part starts at `offset`.
inline std::string relocate(const std::string& message, const std::string& text, std::size_t offset) {
  if (offset == 0) return message;
  std::string out;
  std::size_t i = 0;
  const std::size_t base_line = static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  const std::size_t last_break = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const std::size_t base_column = last_break == std::string::npos || last_break >= offset ? offset : offset - last_break - 1;
  while (true) {
    const std::size_t at = message.find("line ", i);
    if (at == std::string::npos) break;
    std::size_t j = at + 5;
    std::size_t line = 0;
    const std::size_t digits = j;
    while (j < message.size() && is_digit(message[j])) line = line * 10 + static_cast<std::size_t>(message[j++] - '0');
    if (j == digits || message.compare(j, 9, ", column ") != 0) {
      out.append(message, i, j - i);
      i = j;
      continue;
    }
    std::size_t k = j + 9;
    std::size_t column = 0;
    const std::size_t cdigits = k;
    while (k < message.size() && is_digit(message[k])) column = column * 10 + static_cast<std::size_t>(message[k++] - '0');
    if (k == cdigits) {
      out.append(message, i, k - i);
      i = k;
      continue;
    }
    out.append(message, i, at - i);
    const std::size_t new_line = line + base_line;
    const std::size_t new_column = line == 1 ? column + base_column : column;
    out += "line " + std::to_string(new_line) + ", column " + std::to_string(new_column);
    i = k;
  }
  out.append(message, i, std::string::npos);
  return out;
}

/// The start both extractors share: `answer` with its reasoning split off (when `strip`)
/// into `split`, or the failure when nothing is left to read.
inline std::optional<ParseFailure> split_answer(const std::string& answer, bool strip, ReasoningSplit& split) {
  if (strip) {
    split = split_reasoning(answer);
  } else {
    split.answer = answer;
  }
  if (split.unfinished) {
    return ParseFailure{"empty", "the answer is an unfinished <think> block (no answer after the reasoning)"};
  }
  if (split.answer.find_first_not_of(" \t\r\n") == std::string::npos) {
    return ParseFailure{"empty", split.offset > 0 ? "nothing after the <think> block" : "the answer is empty"};
  }
  return std::nullopt;
}

}  // namespace detail

/// The one JSON value `answer` means (file comment), or why there is none.
inline Parsed<JsonValue> extract_json(const std::string& answer, const JsonExtractionOptions& options = {}) {
  ReasoningSplit split;
  if (auto nothing = detail::split_answer(answer, options.strip_reasoning, split)) return Parsed<JsonValue>::fail(std::move(*nothing));
  const std::string& text = split.answer;
  const auto acceptable = [&](const detail::Found& f) { return f.ok && (!options.accept || options.accept(f.value.value)); };
  const auto any_acceptable = [&](const std::vector<detail::Found>& found) {
    for (const auto& f : found) {
      if (acceptable(f)) return true;
    }
    return false;
  };
  const detail::Groups groups = detail::collect(text, false, any_acceptable);
  const auto choose = [&](const std::vector<detail::Found>& found) -> Parsed<JsonValue> {
    std::vector<const detail::Found*> ok;
    for (const auto& f : found) {
      if (acceptable(f)) ok.push_back(&f);
    }
    JsonValue chosen;
    if (options.multiple == MultipleValues::first) {
      chosen = ok.front()->value;
    } else if (options.multiple == MultipleValues::last) {
      chosen = ok.back()->value;
    } else {
      std::vector<const detail::Found*> distinct;
      std::vector<nlohmann::json> keys;
      for (const auto* f : ok) {
        nlohmann::json k = options.key ? options.key(f->value.value) : f->value.value;
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) {
          keys.push_back(std::move(k));
          distinct.push_back(f);
        }
      }
      if (distinct.size() > 1) {
        std::string where;
        for (std::size_t k = 0; k < distinct.size() && k < 4; ++k) {
          where += (k == 0 ? "" : "; ") + detail::position(text, distinct[k]->begin);
        }
        if (distinct.size() > 4) where += "; ...";
        return Parsed<JsonValue>::fail(
            "ambiguous", detail::relocate(std::to_string(distinct.size()) + " different values (at " + where + ")", answer, split.offset));
      }
      chosen = ok.front()->value;
    }
    detail::shift(chosen, split.offset);
    return chosen;
  };
  if (any_acceptable(groups.whole_or_fenced)) return choose(groups.whole_or_fenced);
  if (groups.has_unfenced && any_acceptable(groups.unfenced)) return choose(groups.unfenced);
  std::vector<const detail::Found*> all;
  for (const auto& f : groups.whole_or_fenced) all.push_back(&f);
  for (const auto& f : groups.unfenced) all.push_back(&f);
  ParseFailure failure = detail::best_failure(all, options.expected);
  failure.detail = detail::relocate(failure.detail, answer, split.offset);
  return Parsed<JsonValue>::fail(std::move(failure));
}

/// The records (JSON objects) of a generation answer: the objects of the chosen group (the
/// whole answer, else the fences, else the text outside them; llm/json_candidates.hpp), where an array
/// contributes its elements and a wrapper `{"key": [...]}` (key not in `item_keys`) the
/// elements of its array. An array or a wrapper that breaks (a missing comma, the end of the
/// answer) still contributes the elements before and after the break, each failure listed.
/// An element that is not an object is a `not_an_object` failure; an array without any
/// object ("[1]" in prose) is ignored. Fails as a whole (`empty`, `no_json`,
/// `unexpected_shape`, or the first failure) only when there is no record at all.
inline Parsed<JsonRecords> extract_json_records(const std::string& answer, const JsonRecordOptions& options = {}) {
  ReasoningSplit split;
  if (auto nothing = detail::split_answer(answer, options.strip_reasoning, split)) return Parsed<JsonRecords>::fail(std::move(*nothing));
  const std::string& text = split.answer;
  const auto starts = detail::line_starts(answer);
  const auto is_wrapper = [&](const nlohmann::json& v) {
    if (!v.is_object() || v.size() != 1 || !v.begin().value().is_array()) return false;
    return std::find(options.item_keys.begin(), options.item_keys.end(), v.begin().key()) == options.item_keys.end();
  };
  const auto has_object = [](const nlohmann::json& array) {
    for (const auto& e : array) {
      if (e.is_object()) return true;
    }
    return false;
  };
  // What a group yields: records, failures, and whether something was ignored (wrong shape).
  struct Yield {
    JsonRecords records;
    const detail::Found* ignored = nullptr;
    std::vector<const detail::Found*> failed;
  };
  const auto yield = [&](const std::vector<detail::Found>& found) {
    Yield y;
    for (const auto& f : found) {
      const std::size_t line = detail::line_of(starts, f.begin + split.offset);
      if (!f.ok) {
        y.records.failures.push_back({{f.failure.code, detail::relocate(f.failure.detail, answer, split.offset)}, line});
        y.failed.push_back(&f);
        continue;
      }
      const nlohmann::json& v = f.value.value;
      const nlohmann::json* array = nullptr;
      if (v.is_array()) {
        array = &v;
      } else if (is_wrapper(v)) {
        array = &v.begin().value();
      }
      if (array == nullptr || f.element) {
        if (v.is_object()) {
          y.records.records.push_back({v, f.value.begin + split.offset, line, f.value.repairs});
        } else if (f.element) {
          y.records.failures.push_back(
              {{"not_an_object", "the array element at " + detail::relocate(detail::position(text, f.begin), answer, split.offset) +
                                     " is " + synthbench::detail::describe_json(v) + ", not an object"},
               line});
        } else if (y.ignored == nullptr) {
          y.ignored = &f;
        }
        continue;
      }
      if (!has_object(*array)) {
        if (y.ignored == nullptr) y.ignored = &f;
        continue;
      }
      for (std::size_t k = 0; k < array->size(); ++k) {
        const auto& e = (*array)[k];
        const std::size_t at = (k < f.element_begins.size() ? f.element_begins[k] : f.begin) + split.offset;
        const std::size_t element_line = detail::line_of(starts, at);
        if (e.is_object()) {
          y.records.records.push_back({e, at, element_line, f.value.repairs});
        } else {
          y.records.failures.push_back(
              {{"not_an_object", "the array element at " + detail::relocate(detail::position(text, at - split.offset), answer, split.offset) +
                                     " is " + synthbench::detail::describe_json(e) + ", not an object"},
               element_line});
        }
      }
    }
    return y;
  };
  const auto yields_records = [&](const std::vector<detail::Found>& found) { return !yield(found).records.records.empty(); };
  const detail::Groups groups = detail::collect(text, true, yields_records);
  Yield first = yield(groups.whole_or_fenced);
  if (!first.records.records.empty()) return first.records;
  Yield second = yield(groups.unfenced);
  if (!second.records.records.empty()) return second.records;
  // No record anywhere: fail with the most telling reason.
  std::vector<const detail::Found*> all;
  for (const auto& f : groups.whole_or_fenced) all.push_back(&f);
  for (const auto& f : groups.unfenced) all.push_back(&f);
  if (!first.records.failures.empty() || !second.records.failures.empty()) {
    const auto& failures = !first.records.failures.empty() ? first.records.failures : second.records.failures;
    for (const auto& f : failures) {
      if (f.failure.code == "truncated") return Parsed<JsonRecords>::fail(f.failure);
    }
    return Parsed<JsonRecords>::fail(failures.front().failure);
  }
  ParseFailure failure = detail::best_failure(all, "JSON objects");
  failure.detail = detail::relocate(failure.detail, answer, split.offset);
  return Parsed<JsonRecords>::fail(std::move(failure));
}

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_JSON_EXTRACTION_HPP
