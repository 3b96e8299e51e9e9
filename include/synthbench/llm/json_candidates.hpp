#ifndef SYNTHBENCH_LLM_JSON_CANDIDATES_HPP
#define SYNTHBENCH_LLM_JSON_CANDIDATES_HPP

/// @file
/// The JSON values an answer holds, found region by region, for extract_json and
/// extract_json_records (llm/json_extraction.hpp) to choose from.
///
/// **Where values are looked for**, in this order (docs/llm-outputs.md has examples):
/// 1. The whole answer (after its reasoning block, llm/answer_text.hpp), if it is exactly one
///    JSON value (any type, in the lenient grammar of llm/lenient_json.hpp) with only
///    whitespace around it.
/// 2. Else the content of each code fence (``` with an optional language tag; an unclosed
///    fence runs to the end of the answer): the whole content as one value, else the values
///    inside it.
/// 3. Else, when no fence held an acceptable value, the text outside fences: every `{...}`
///    or `[...]` that parses, left to right. A value found is skipped over (values nested in
///    it are not candidates). A bracket followed by something that is not JSON ("[see
///    above]", "{placeholder}") is prose and is ignored; a value that starts like JSON and
///    then breaks is a failure, and nothing inside its extent becomes a candidate.
/// For records, an array (or a wrapper object's array) that breaks is streamed element by
/// element: the complete elements before and after the break are values too.

#include <cstddef>     // std::size_t
#include <functional>  // std::function
#include <string>      // std::string
#include <utility>     // std::move
#include <vector>      // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/json_input.hpp"  // detail::parse_json_strict
#include "synthbench/error.hpp"              // InputError
#include "synthbench/llm/answer_text.hpp"    // CodeFence, find_code_fences
#include "synthbench/llm/lenient_json.hpp"   // detail::Scan, scan_value, position, is_space
#include "synthbench/llm/parsed.hpp"         // ParseFailure
#include "synthbench/version.hpp"            // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

/// A JSON value found in an answer.
struct JsonValue {
  nlohmann::json value;               ///< the value
  std::size_t begin = 0;              ///< byte offset of its first character in the answer
  std::size_t end = 0;                ///< one past its last character
  bool fenced = false;                ///< found inside a code fence
  std::vector<std::string> repairs;   ///< repairs applied (llm/lenient_json.hpp), in order of first use
};

namespace detail {

/// Skips the rest of a value broken at `at`, with `depth` containers open there: returns
/// one past the bracket that closes the outermost one (or `end`). With `stop_at_separator`,
/// stops at a ',' or a closing bracket at depth 0 (the element of an array stream). Only
/// double quotes open strings here (and a line break ends one): this is broken text, and a
/// stray apostrophe must not swallow the rest of the answer.
inline std::size_t skip_broken(const std::string& text, std::size_t at, std::size_t depth, bool in_string, std::size_t end,
                               bool stop_at_separator = false) {
  std::size_t d = depth;
  bool str = in_string;
  for (std::size_t j = at; j < end; ++j) {
    const char c = text[j];
    if (str) {
      if (c == '\\') {
        ++j;
      } else if (c == '"' || c == '\n') {
        str = false;
      }
      continue;
    }
    if (c == '"') {
      str = true;
    } else if (c == '{' || c == '[') {
      ++d;
    } else if (c == '}' || c == ']') {
      if (d == 0) {
        if (stop_at_separator) return j;
        continue;
      }
      --d;
      if (d == 0 && !stop_at_separator) return j + 1;
    } else if (c == ',' && d == 0 && stop_at_separator) {
      return j;
    }
  }
  return end;
}

/// A value (or a failure) found in a region of the answer.
struct Found {
  bool ok = false;
  JsonValue value;                        // ok
  ParseFailure failure;                   // !ok
  std::size_t begin = 0;                  // where it starts
  bool element = false;                   // an element streamed out of a broken array
  std::vector<std::size_t> element_begins;  // see Scan::element_begins
};

/// Parses a complete scan of [begin, scan.end) into a Found.
inline Found finish(const std::string& text, std::size_t begin, Scan scan, bool fenced) {
  Found f;
  f.begin = begin;
  try {
    f.value.value = synthbench::detail::parse_json_strict<nlohmann::json>(scan.normalized, "<answer>");
  } catch (const InputError& e) {
    if (e.code() == 102) {
      f.failure = {"duplicate_key", "the object at " + position(text, begin) + " repeats a key (at " + e.where() + ")"};
    } else {
      std::string what = e.what();
      if (const auto colon = what.find("invalid JSON: "); colon != std::string::npos) what = what.substr(colon + 14);
      f.failure = {"invalid_json", "the value at " + position(text, begin) + ": " + what};
    }
    return f;
  }
  f.ok = true;
  f.element_begins = std::move(scan.element_begins);
  f.value.begin = begin;
  f.value.end = scan.end;
  f.value.fenced = fenced;
  f.value.repairs = std::move(scan.repairs);
  return f;
}

inline ParseFailure scan_failure(const Scan& s) {
  return {s.status == Scan::Status::truncated ? "truncated" : "invalid_json", s.message};
}

/// Streams the elements of the array opening at `open` (records mode, after the array as a
/// whole failed): complete elements become values, broken ones failures. Returns where the
/// search continues (after the closing bracket, or `end`).
inline std::size_t stream_array(const std::string& text, std::size_t open, std::size_t end, bool fenced,
                                std::size_t original_error, std::vector<Found>& out, bool& saw_object) {
  std::size_t j = open + 1;
  while (true) {
    while (j < end && (is_space(text[j]) || text[j] == ',')) ++j;
    if (j >= end) return end;  // the array's own failure (truncated) is already recorded
    if (text[j] == ']' || text[j] == '}' || text[j] == ')') return j + 1;
    saw_object = saw_object || text[j] == '{';
    Scan s = scan_value(text, j, end);
    if (s.status == Scan::Status::complete) {
      const std::size_t next = s.end;
      out.push_back(finish(text, j, std::move(s), fenced));
      out.back().element = true;
      j = next;
      continue;
    }
    if (s.error_at != original_error && s.status != Scan::Status::truncated) {
      Found f;
      f.begin = j;
      f.element = true;
      f.failure = {"invalid_json", s.message};
      out.push_back(std::move(f));
    }
    if (s.status == Scan::Status::truncated) return end;
    const std::size_t skipped = skip_broken(text, s.error_at, s.depth, s.in_string, end, /*stop_at_separator=*/true);
    j = skipped > j ? skipped : j + 1;
  }
}

/// If the object at `open` starts `{"key": [` (a wrapper), the offset of that '['.
inline std::size_t wrapper_array_at(const std::string& text, std::size_t open, std::size_t end) {
  std::size_t j = open + 1;
  while (j < end && is_space(text[j])) ++j;
  if (j >= end || (text[j] != '"' && text[j] != '\'')) return std::string::npos;
  const char q = text[j++];
  while (j < end && text[j] != q && text[j] != '\\' && text[j] != '\n') ++j;
  if (j >= end || text[j] != q) return std::string::npos;
  ++j;
  while (j < end && is_space(text[j])) ++j;
  if (j >= end || text[j] != ':') return std::string::npos;
  ++j;
  while (j < end && is_space(text[j])) ++j;
  return j < end && text[j] == '[' ? j : std::string::npos;
}

/// The values of [begin, end): the whole region as one value if it is one, else every
/// bracketed value in it (file comment, step 3). In records mode, arrays and wrapper objects
/// that break are streamed element by element.
inline std::vector<Found> find_values(const std::string& text, std::size_t begin, std::size_t end, bool fenced,
                                      bool records) {
  std::vector<Found> out;
  std::size_t s = begin;
  while (s < end && is_space(text[s])) ++s;
  if (s >= end) return out;
  {
    Scan whole = scan_value(text, s, end);
    if (whole.status == Scan::Status::complete) {
      std::size_t after = whole.end;
      while (after < end && is_space(text[after])) ++after;
      if (after == end) {
        out.push_back(finish(text, s, std::move(whole), fenced));
        return out;
      }
    }
  }
  std::size_t i = s;
  while (i < end) {
    std::size_t p = i;
    while (p < end && text[p] != '{' && text[p] != '[') ++p;
    if (p >= end) break;
    Scan r = scan_value(text, p, end);
    switch (r.status) {
      case Scan::Status::complete: {
        const std::size_t next = r.end;
        out.push_back(finish(text, p, std::move(r), fenced));
        i = next;
        break;
      }
      case Scan::Status::not_json:
        i = p + 1;
        break;
      case Scan::Status::truncated:
      case Scan::Status::invalid: {
        Found f;
        f.begin = p;
        f.failure = scan_failure(r);
        out.push_back(std::move(f));
        if (records) {
          std::size_t array_at = text[p] == '[' ? p : wrapper_array_at(text, p, end);
          if (array_at != std::string::npos && (r.status == Scan::Status::truncated || r.error_at > array_at)) {
            std::vector<Found> streamed;
            bool has_object = text[p] == '{';
            i = stream_array(text, array_at, end, fenced, r.error_at, streamed, has_object);
            if (!has_object) {
              // A broken bracket without any record in it ("Here are [3 examples]:") is prose.
              out.pop_back();
              if (r.status == Scan::Status::truncated) return out;
              const std::size_t skipped = skip_broken(text, r.error_at, r.depth, r.in_string, end);
              i = skipped > p ? skipped : p + 1;
              break;
            }
            for (auto& e : streamed) out.push_back(std::move(e));
            if (i < end && text[p] == '{') i = skip_broken(text, i, 1, false, end);
            break;
          }
        }
        if (r.status == Scan::Status::truncated) return out;
        const std::size_t skipped = skip_broken(text, r.error_at, r.depth, r.in_string, end);
        i = skipped > p ? skipped : p + 1;
        break;
      }
    }
  }
  return out;
}

/// The text with every fence replaced by spaces (line breaks kept, so positions and line
/// numbers stay those of the answer).
inline std::string blank_fences(const std::string& text, const std::vector<CodeFence>& fences) {
  std::string out = text;
  for (const auto& f : fences) {
    for (std::size_t k = f.begin; k < f.end; ++k) {
      if (out[k] != '\n') out[k] = ' ';
    }
  }
  return out;
}

/// The groups of values of an answer, in order of precedence (file comment): the whole
/// answer, then the fences, then the text outside them. `group_of(k)` is computed lazily by
/// the callers through this struct.
struct Groups {
  std::vector<Found> whole_or_fenced;  // the whole answer as one value, or the fences' values
  bool whole = false;                  // whole_or_fenced is the whole answer
  std::vector<Found> unfenced;         // outside fences (computed only when needed)
  bool has_unfenced = false;
};

inline Groups collect(const std::string& text, bool records, const std::function<bool(const std::vector<Found>&)>& enough) {
  Groups g;
  std::size_t s = 0;
  while (s < text.size() && is_space(text[s])) ++s;
  if (s < text.size()) {
    Scan whole = scan_value(text, s, text.size());
    if (whole.status == Scan::Status::complete) {
      std::size_t after = whole.end;
      while (after < text.size() && is_space(text[after])) ++after;
      if (after == text.size()) {
        g.whole_or_fenced.push_back(finish(text, s, std::move(whole), false));
        g.whole = true;
        return g;
      }
    }
  }
  const auto fences = find_code_fences(text);
  for (const auto& f : fences) {
    auto found = find_values(text, f.content_begin, f.content_end, true, records);
    for (auto& v : found) g.whole_or_fenced.push_back(std::move(v));
  }
  if (!fences.empty() && enough(g.whole_or_fenced)) return g;
  const std::string outside = fences.empty() ? std::string() : blank_fences(text, fences);
  const std::string& scan_text = fences.empty() ? text : outside;
  g.unfenced = find_values(scan_text, 0, scan_text.size(), false, records);
  // Messages computed on the blanked copy name the same positions as in the answer.
  g.has_unfenced = true;
  return g;
}

}  // namespace detail
}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_JSON_CANDIDATES_HPP
