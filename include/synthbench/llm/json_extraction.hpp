#ifndef SYNTHBENCH_LLM_JSON_EXTRACTION_HPP
#define SYNTHBENCH_LLM_JSON_EXTRACTION_HPP

/// @file
/// Finding the JSON an LLM meant in what it actually wrote.
///
/// Asked for JSON, models wrap it in code fences, put prose before and after it, write
/// Python literals (`{'label': 'X', 'ok': True}`), leave trailing commas, stop in the middle
/// (max_tokens), or answer with several candidates. extract_json() finds the one value the
/// answer means; extract_json_records() finds the records (objects) of a generation answer
/// given as a JSON array, as JSON Lines, or as several blocks. Neither throws on bad input:
/// they return the value or a ParseFailure with a stable reason, so that callers count
/// failures (METHOD.md) instead of crashing or guessing.
///
/// **Where values are looked for**, in this order (docs/llm-outputs.md has examples):
/// 1. A leading `<think>...</think>` block (reasoning models) is removed; an unclosed one
///    means the answer is unfinished (reason `empty`).
/// 2. The whole answer, if it is exactly one JSON value (any type) with only whitespace
///    around it.
/// 3. Else the content of each code fence (``` with an optional language tag; an unclosed
///    fence runs to the end of the answer): the whole content as one value, else the values
///    inside it.
/// 4. Else, when no fence held an acceptable value, the text outside fences: every `{...}`
///    or `[...]` that parses, left to right. A value found is skipped over (values nested in
///    it are not candidates). A bracket followed by something that is not JSON ("[see
///    above]", "{placeholder}") is prose and is ignored; a value that starts like JSON and
///    then breaks is a failure, and nothing inside its extent becomes a candidate.
///
/// **Which value wins** (extract_json): among the acceptable values of the first of the
/// groups above that has any (the caller's `accept` says what is acceptable, e.g. "an
/// object with an "intent" key"), equal values count once; several different ones are
/// `ambiguous` under MultipleValues::unique (the default: an answer that commits to two
/// things is not one answer), or the first or last one under the other policies.
///
/// **Repairs** (each listed in the result; none changes what the text says):
/// single-quoted strings (`single_quotes`), Python's True/False/None (`python_literal`),
/// Python tuples as arrays (`python_tuple`), Python escapes \' \xHH \UHHHHHHHH
/// (`python_escape`), a comma before a closing bracket (`trailing_comma`), identifier keys
/// `{label: "X"}` (`unquoted_key`), `//` and `/* */` comments (`comment`), raw control
/// characters inside strings (`control_character`). Never repaired, because any repair
/// would guess: missing commas or brackets, unclosed strings, NaN and Infinity, duplicate
/// keys, an apostrophe inside a single-quoted string.
///
/// **Failure reasons**: `empty`, `no_json`, `invalid_json`, `truncated` (the answer ends
/// inside a value), `duplicate_key`, `ambiguous`, `unexpected_shape` (JSON found, none of it
/// acceptable), and for records `not_an_object`. Positions in details are "line L, column
/// C" of the answer as given.

#include <algorithm>   // std::min, std::find
#include <cstddef>     // std::size_t
#include <cstdint>     // std::uint32_t
#include <functional>  // std::function
#include <optional>    // std::optional
#include <string>      // std::string
#include <string_view> // std::string_view
#include <utility>     // std::move
#include <vector>      // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/hex.hpp"         // detail::hex_value, hex_digit
#include "synthbench/detail/json_input.hpp"  // detail::parse_json_strict, line_and_column, describe_json
#include "synthbench/detail/utf8.hpp"        // detail::utf8_sequence_length, is_cut_off_utf8, append_utf8
#include "synthbench/error.hpp"              // InputError
#include "synthbench/llm/parsed.hpp"         // Parsed, ParseFailure
#include "synthbench/version.hpp"            // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

/// An answer split into a leading reasoning block and the rest.
struct ReasoningSplit {
  std::string reasoning;   ///< the content of the leading <think> block ("" when none)
  std::string answer;      ///< what follows the block (the whole answer when there is none)
  std::size_t offset = 0;  ///< byte offset of `answer` in the original text
  bool unfinished = false; ///< a <think> block that never closes: the answer is empty
};

/// Splits off a leading `<think>...</think>` block (DeepSeek-R1, Qwen3 and QwQ write their
/// reasoning there), after optional whitespace. Without one, the answer is the whole text.
inline ReasoningSplit split_reasoning(const std::string& text) {
  ReasoningSplit out;
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  static const std::string open = "<think>";
  static const std::string close = "</think>";
  if (text.compare(i, open.size(), open) != 0) {
    out.answer = text;
    return out;
  }
  const std::size_t end = text.find(close, i + open.size());
  if (end == std::string::npos) {
    out.reasoning = text.substr(i + open.size());
    out.offset = text.size();
    out.unfinished = true;
    return out;
  }
  out.reasoning = text.substr(i + open.size(), end - i - open.size());
  out.offset = end + close.size();
  out.answer = text.substr(out.offset);
  return out;
}

/// A code fence of an answer: ```lang ... ```.
struct CodeFence {
  std::string language;       ///< the info word after the opening backticks ("json"; "" when none)
  std::size_t begin = 0;      ///< offset of the opening backticks
  std::size_t content_begin = 0;  ///< offset of the content
  std::size_t content_end = 0;    ///< one past the content (the closing backticks, or the end)
  std::size_t end = 0;        ///< one past the closing backticks (the end of the text when unclosed)
  bool closed = true;         ///< false when the text ends inside the fence
};

/// The code fences of `text`, in order. A fence opens with three or more backticks and an
/// optional info word (letters, digits, `_+.-`), followed by a line break, a space or the
/// content itself; it closes at the next three backticks, or at the end of the text.
inline std::vector<CodeFence> find_code_fences(const std::string& text) {
  std::vector<CodeFence> fences;
  std::size_t i = 0;
  while (true) {
    const std::size_t open = text.find("```", i);
    if (open == std::string::npos) break;
    CodeFence f;
    f.begin = open;
    std::size_t j = open;
    while (j < text.size() && text[j] == '`') ++j;
    const std::size_t info = j;
    while (j < text.size()) {
      const char c = text[j];
      const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                        c == '+' || c == '.' || c == '-';
      if (!word) break;
      ++j;
    }
    f.language = text.substr(info, j - info);
    if (j < text.size() && text[j] == '\r') ++j;
    if (j < text.size() && text[j] == '\n') ++j;
    f.content_begin = j;
    const std::size_t close = text.find("```", j);
    if (close == std::string::npos) {
      f.content_end = text.size();
      f.end = text.size();
      f.closed = false;
      fences.push_back(std::move(f));
      break;
    }
    f.content_end = close;
    std::size_t after = close;
    while (after < text.size() && text[after] == '`') ++after;
    f.end = after;
    fences.push_back(std::move(f));
    i = after;
  }
  return fences;
}

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

/// A JSON value found in an answer.
struct JsonValue {
  nlohmann::json value;               ///< the value
  std::size_t begin = 0;              ///< byte offset of its first character in the answer
  std::size_t end = 0;                ///< one past its last character
  bool fenced = false;                ///< found inside a code fence
  std::vector<std::string> repairs;   ///< repairs applied (see the file comment), in order of first use
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
  ParseFailure failure;  ///< reason and detail
  std::size_t line = 1;  ///< the line where it starts (1-based)
};

/// The records of a generation answer and what could not be read.
struct JsonRecords {
  std::vector<JsonRecord> records;          ///< in answer order
  std::vector<JsonRecordFailure> failures;  ///< in answer order
};

namespace detail {

/// "line L, column C" of the 0-based byte offset `at` of `text`.
inline std::string position(const std::string& text, std::size_t at) {
  return synthbench::detail::line_and_column(text, at + 1);
}

inline bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
inline bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
inline bool is_ident_start(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'; }
inline bool is_ident(char c) noexcept { return is_ident_start(c) || is_digit(c); }

/// The deepest nesting the scanner follows; deeper input is invalid (no LLM answer needs it,
/// and it bounds the recursion of nlohmann's dump and comparison).
inline constexpr std::size_t max_json_depth = 128;

/// The result of scanning one lenient JSON value.
struct Scan {
  enum class Status { complete, truncated, invalid, not_json };
  Status status = Status::invalid;
  std::size_t end = 0;          ///< complete: one past the value
  std::size_t error_at = 0;     ///< invalid / not_json: where; truncated: the end
  std::size_t depth = 0;        ///< open containers at the error
  bool in_string = false;       ///< the error is inside a double-quoted string
  std::string message;          ///< what went wrong
  std::string normalized;       ///< complete: the value as strict JSON
  std::vector<std::string> repairs;
  /// complete: where the elements of the outermost array start (or of the array that is the
  /// first member of the outermost object, a wrapper), for line numbers of records
  std::vector<std::size_t> element_begins;
};

/// Scans one value of the lenient grammar (file comment) starting at `begin` (not
/// whitespace), within [begin, end). A failure before any token after the first bracket is
/// `not_json` (prose in brackets).
class Scanner {
 public:
  Scanner(const std::string& text, std::size_t begin, std::size_t end) : t_(text), i_(begin), end_(end) {}

  Scan run() {
    struct Frame {
      char closer;
      bool object;
      std::size_t open_at;
      std::size_t elements;
    };
    enum class Expect { value, value_or_close, key_or_close, key, colon, comma_or_close };
    std::vector<Frame> stack;
    Expect expect = Expect::value;
    const std::size_t start = i_;
    bool consumed_token = false;  // a token after the first bracket was accepted
    const auto fail = [&](const std::string& message) {
      Scan s;
      s.status = (stack.size() == 1 && !consumed_token) || i_ == start ? Scan::Status::not_json : Scan::Status::invalid;
      s.error_at = i_;
      s.depth = stack.size();
      s.in_string = in_double_string_;
      s.message = message + " at " + position(t_, i_);
      s.repairs = std::move(repairs_);
      return s;
    };
    const auto truncated = [&]() {
      Scan s;
      s.status = Scan::Status::truncated;
      s.error_at = end_;
      s.depth = stack.size();
      if (in_string_) {
        s.message = "the answer ends inside a string that starts at " + position(t_, string_start_);
      } else if (!stack.empty()) {
        s.message = std::string("the answer ends inside ") + (stack.back().object ? "an object" : "an array") +
                    " opened at " + position(t_, stack.back().open_at);
      } else {
        s.message = "the answer ends inside a value that starts at " + position(t_, start);
      }
      s.repairs = std::move(repairs_);
      return s;
    };
    while (true) {
      if (!stack.empty()) {
        const Status ws = skip_space_and_comments();
        if (ws == Status::truncated) return truncated();
        if (ws == Status::invalid) return fail("'/' that does not start a comment");
      }
      if (i_ >= end_) return truncated();
      const char c = t_[i_];
      const auto close = [&]() {
        const Frame f = stack.back();
        stack.pop_back();
        out_ += f.object ? '}' : ']';
        ++i_;
        consumed_token = true;
      };
      const auto open = [&](char closer, bool object) {
        stack.push_back({closer, object, i_, 0});
        out_ += object ? '{' : '[';
        ++i_;
      };
      bool value_done = false;
      switch (expect) {
        case Expect::value:
        case Expect::value_or_close: {
          if (expect == Expect::value_or_close && c == stack.back().closer) {
            close();
            value_done = true;
            break;
          }
          if ((stack.size() == 1 && !stack[0].object) ||
              (stack.size() == 2 && stack[0].object && stack[0].elements == 0 && !stack[1].object)) {
            element_begins_.push_back(i_);
          }
          if (stack.size() >= max_json_depth && (c == '{' || c == '[' || c == '(')) {
            return fail("nesting deeper than " + std::to_string(max_json_depth) + " levels");
          }
          if (c == '{') {
            open('}', true);
            expect = Expect::key_or_close;
          } else if (c == '[') {
            open(']', false);
            expect = Expect::value_or_close;
          } else if (c == '(') {
            repair("python_tuple");
            open(')', false);
            expect = Expect::value_or_close;
          } else if (c == '"' || c == '\'') {
            const Status s = string(c);
            if (s == Status::truncated) return truncated();
            if (s == Status::invalid) return fail(error_);
            value_done = true;
          } else if (c == '-' || is_digit(c)) {
            const Status s = number();
            if (s == Status::truncated) return truncated();
            if (s == Status::invalid) return fail(error_);
            value_done = true;
          } else if (is_ident_start(c)) {
            const Status s = literal();
            if (s == Status::truncated) return truncated();
            if (s == Status::invalid) return fail(error_);
            value_done = true;
          } else {
            return fail(std::string("expected a value, found ") + describe_char(c));
          }
          break;
        }
        case Expect::key_or_close:
        case Expect::key: {
          if (expect == Expect::key_or_close && c == '}') {
            close();
            value_done = true;
            break;
          }
          if (c == '"' || c == '\'') {
            const Status s = string(c);
            if (s == Status::truncated) return truncated();
            if (s == Status::invalid) return fail(error_);
          } else if (is_ident_start(c) && identifier_key_follows()) {
            repair("unquoted_key");
            out_ += '"';
            while (i_ < end_ && is_ident(t_[i_])) out_ += t_[i_++];
            out_ += '"';
          } else {
            return fail(std::string("expected a key (a string), found ") + describe_char(c));
          }
          consumed_token = true;
          expect = Expect::colon;
          break;
        }
        case Expect::colon:
          if (c != ':') return fail(std::string("expected ':' after a key, found ") + describe_char(c));
          out_ += ':';
          ++i_;
          expect = Expect::value;
          break;
        case Expect::comma_or_close: {
          if (c == stack.back().closer) {
            close();
            value_done = true;
            break;
          }
          if (c != ',') {
            return fail(std::string("expected ',' or '") + stack.back().closer + "', found " + describe_char(c));
          }
          ++i_;
          const Status ws = skip_space_and_comments();
          if (ws == Status::truncated) return truncated();
          if (ws == Status::invalid) return fail("'/' that does not start a comment");
          if (i_ < end_ && t_[i_] == stack.back().closer) {
            repair("trailing_comma");
            close();
            value_done = true;
            break;
          }
          if (i_ < end_ && t_[i_] == ',') return fail("two commas in a row");
          out_ += ',';
          expect = stack.back().object ? Expect::key : Expect::value;
          break;
        }
      }
      if (value_done) {
        if (stack.empty()) {
          Scan s;
          s.status = Scan::Status::complete;
          s.end = i_;
          s.normalized = std::move(out_);
          s.repairs = std::move(repairs_);
          s.element_begins = std::move(element_begins_);
          return s;
        }
        consumed_token = true;
        ++stack.back().elements;
        expect = Expect::comma_or_close;
      }
    }
  }

 private:
  enum class Status { ok, truncated, invalid };

  void repair(const char* name) {
    if (std::find(repairs_.begin(), repairs_.end(), name) == repairs_.end()) repairs_.emplace_back(name);
  }

  static std::string describe_char(char c) {
    if (c == '\n') return "a line break";
    if (static_cast<unsigned char>(c) < 0x20) return "a control character";
    if (static_cast<unsigned char>(c) >= 0x80) return "a non-ASCII character";
    return std::string("'") + c + "'";
  }

  // Whitespace, and comments (inside containers only).
  Status skip_space_and_comments() {
    while (i_ < end_) {
      const char c = t_[i_];
      if (is_space(c)) {
        ++i_;
      } else if (c == '/') {
        if (i_ + 1 >= end_) return Status::truncated;
        if (t_[i_ + 1] == '/') {
          repair("comment");
          while (i_ < end_ && t_[i_] != '\n') ++i_;
        } else if (t_[i_ + 1] == '*') {
          repair("comment");
          const std::size_t close = t_.find("*/", i_ + 2);
          if (close == std::string::npos || close + 2 > end_) {
            i_ = end_;
            return Status::truncated;
          }
          i_ = close + 2;
        } else {
          return Status::invalid;
        }
      } else {
        break;
      }
    }
    return Status::ok;
  }

  // An identifier followed by optional whitespace and ':' (an unquoted key).
  bool identifier_key_follows() const {
    std::size_t j = i_;
    while (j < end_ && is_ident(t_[j])) ++j;
    while (j < end_ && is_space(t_[j])) ++j;
    return j < end_ && t_[j] == ':';
  }

  Status string(char quote) {
    if (quote == '\'') repair("single_quotes");
    string_start_ = i_;
    in_string_ = true;
    in_double_string_ = quote == '"';
    out_ += '"';
    ++i_;
    while (true) {
      if (i_ >= end_) return Status::truncated;
      const char c = t_[i_];
      const auto uc = static_cast<unsigned char>(c);
      if (c == quote) {
        out_ += '"';
        ++i_;
        in_string_ = false;
        in_double_string_ = false;
        return Status::ok;
      }
      if (c == '\\') {
        if (i_ + 1 >= end_) return Status::truncated;
        const char e = t_[i_ + 1];
        switch (e) {
          case '"': out_ += "\\\""; i_ += 2; break;
          case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
            out_ += '\\';
            out_ += e;
            i_ += 2;
            break;
          case '\'':
            if (quote == '"') repair("python_escape");
            out_ += '\'';
            i_ += 2;
            break;
          case 'u': {
            const Status s = unicode_escape();
            if (s != Status::ok) return s;
            break;
          }
          case 'x': {
            if (i_ + 4 > end_) return Status::truncated;
            const int h = synthbench::detail::hex_value(t_[i_ + 2]);
            const int l = synthbench::detail::hex_value(t_[i_ + 3]);
            if (h < 0 || l < 0) return invalid("\\x must be followed by two hex digits");
            repair("python_escape");
            const auto v = static_cast<std::uint32_t>(h * 16 + l);
            if (v < 0x20) {
              out_ += control_escape(static_cast<char>(v));
            } else if (v == '"' || v == '\\') {
              out_ += '\\';
              out_ += static_cast<char>(v);
            } else {
              synthbench::detail::append_utf8(out_, v);
            }
            i_ += 4;
            break;
          }
          case 'U': {
            if (i_ + 10 > end_) return Status::truncated;
            std::uint32_t v = 0;
            for (std::size_t k = 2; k < 10; ++k) {
              const int h = synthbench::detail::hex_value(t_[i_ + k]);
              if (h < 0) return invalid("\\U must be followed by eight hex digits");
              v = v * 16 + static_cast<std::uint32_t>(h);
            }
            if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return invalid("\\U escape of a value that is not a Unicode scalar");
            repair("python_escape");
            if (v < 0x20) {
              out_ += control_escape(static_cast<char>(v));
            } else if (v == '"' || v == '\\') {
              out_ += '\\';
              out_ += static_cast<char>(v);
            } else {
              synthbench::detail::append_utf8(out_, v);
            }
            i_ += 10;
            break;
          }
          default:
            return invalid(std::string("invalid escape \\") + (static_cast<unsigned char>(e) < 0x20 || static_cast<unsigned char>(e) >= 0x80 ? std::string("(byte)") : std::string(1, e)));
        }
        continue;
      }
      if (c == '"') {  // inside a single-quoted string
        out_ += "\\\"";
        ++i_;
        continue;
      }
      if (uc < 0x20) {
        repair("control_character");
        out_ += control_escape(c);
        ++i_;
        continue;
      }
      if (uc >= 0x80) {
        const std::string_view text(t_.data(), end_);
        const std::size_t n = synthbench::detail::utf8_sequence_length(text, i_);
        if (n == 0) {
          if (synthbench::detail::is_cut_off_utf8(text, i_)) return Status::truncated;
          return invalid("a string holds bytes that are not UTF-8");
        }
        out_.append(t_, i_, n);
        i_ += n;
        continue;
      }
      out_ += c;
      ++i_;
    }
  }

  static std::string control_escape(char c) {
    switch (c) {
      case '\n': return "\\n";
      case '\r': return "\\r";
      case '\t': return "\\t";
      case '\b': return "\\b";
      case '\f': return "\\f";
      default: {
        const auto v = static_cast<unsigned char>(c);
        return std::string("\\u00") + synthbench::detail::hex_digit(static_cast<unsigned>(v >> 4)) +
               synthbench::detail::hex_digit(v);
      }
    }
  }

  // \uXXXX, with surrogate pairs checked (nlohmann would reject a lone surrogate anyway; the
  // check here gives the position).
  Status unicode_escape() {
    const auto read4 = [&](std::size_t at, std::uint32_t& v) -> Status {
      if (at + 4 > end_) return Status::truncated;
      v = 0;
      for (std::size_t k = 0; k < 4; ++k) {
        const int h = synthbench::detail::hex_value(t_[at + k]);
        if (h < 0) return Status::invalid;
        v = v * 16 + static_cast<std::uint32_t>(h);
      }
      return Status::ok;
    };
    std::uint32_t v = 0;
    Status s = read4(i_ + 2, v);
    if (s == Status::truncated) return s;
    if (s == Status::invalid) return invalid("\\u must be followed by four hex digits");
    if (v >= 0xDC00 && v <= 0xDFFF) return invalid("\\u escape of a lone low surrogate");
    if (v >= 0xD800 && v <= 0xDBFF) {
      if (i_ + 8 > end_) return Status::truncated;
      if (t_[i_ + 6] != '\\' || t_[i_ + 7] != 'u') return invalid("\\u escape of a high surrogate without its low surrogate");
      std::uint32_t low = 0;
      s = read4(i_ + 8, low);
      if (s == Status::truncated) return s;
      if (s == Status::invalid || low < 0xDC00 || low > 0xDFFF) {
        return invalid("\\u escape of a high surrogate without its low surrogate");
      }
      out_.append(t_, i_, 12);
      i_ += 12;
      return Status::ok;
    }
    out_.append(t_, i_, 6);
    i_ += 6;
    return Status::ok;
  }

  Status number() {
    const std::size_t s = i_;
    if (t_[i_] == '-') {
      ++i_;
      if (i_ >= end_) return Status::truncated;
      if (is_ident_start(t_[i_])) return invalid("NaN and Infinity are not JSON numbers");
    }
    if (!is_digit(t_[i_])) return invalid("'-' without digits");
    if (t_[i_] == '0') {
      ++i_;
      if (i_ < end_ && is_digit(t_[i_])) return invalid("a number with a leading zero");
    } else {
      while (i_ < end_ && is_digit(t_[i_])) ++i_;
    }
    if (i_ < end_ && t_[i_] == '.') {
      ++i_;
      if (i_ >= end_) return Status::truncated;
      if (!is_digit(t_[i_])) return invalid("a decimal point without digits after it");
      while (i_ < end_ && is_digit(t_[i_])) ++i_;
    }
    if (i_ < end_ && (t_[i_] == 'e' || t_[i_] == 'E')) {
      ++i_;
      if (i_ < end_ && (t_[i_] == '+' || t_[i_] == '-')) ++i_;
      if (i_ >= end_) return Status::truncated;
      if (!is_digit(t_[i_])) return invalid("an exponent without digits");
      while (i_ < end_ && is_digit(t_[i_])) ++i_;
    }
    out_.append(t_, s, i_ - s);
    return Status::ok;
  }

  Status literal() {
    const std::size_t s = i_;
    while (i_ < end_ && is_ident(t_[i_])) ++i_;
    const std::string word = t_.substr(s, i_ - s);
    if (word == "true" || word == "false" || word == "null") {
      out_ += word;
      return Status::ok;
    }
    if (word == "True" || word == "False" || word == "None") {
      repair("python_literal");
      out_ += word == "True" ? "true" : (word == "False" ? "false" : "null");
      return Status::ok;
    }
    if (i_ >= end_) {
      for (const char* w : {"true", "false", "null", "True", "False", "None"}) {
        if (std::string(w).compare(0, word.size(), word) == 0) return Status::truncated;
      }
    }
    i_ = s;
    if (word == "NaN" || word == "nan" || word == "Infinity" || word == "inf" || word == "Inf") {
      return invalid("NaN and Infinity are not JSON numbers");
    }
    return invalid("unexpected word '" + (word.size() > 20 ? word.substr(0, 20) + "..." : word) + "'");
  }

  Status invalid(std::string message) {
    error_ = std::move(message);
    return Status::invalid;
  }

  const std::string& t_;
  std::size_t i_;
  std::size_t end_;
  std::string out_;
  std::vector<std::string> repairs_;
  std::string error_;
  std::size_t string_start_ = 0;
  bool in_string_ = false;         // inside any string (for messages)
  bool in_double_string_ = false;  // inside a double-quoted one (for skip_broken)
  std::vector<std::size_t> element_begins_;
};

/// Scans one value at `begin` (see Scanner).
inline Scan scan_value(const std::string& text, std::size_t begin, std::size_t end) {
  return Scanner(text, begin, end).run();
}

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
/// bracketed value in it (file comment, step 4). In records mode, arrays and wrapper objects
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

/// The failure to report when no value is acceptable: truncated, then a broken value
/// (invalid or duplicate key), then a value of the wrong shape, then no JSON at all.
inline ParseFailure best_failure(const std::vector<const Found*>& found, const std::string& expected) {
  const Found* truncated = nullptr;
  const Found* broken = nullptr;
  const Found* shape = nullptr;
  for (const Found* f : found) {
    if (!f->ok && f->failure.reason == "truncated" && truncated == nullptr) truncated = f;
    if (!f->ok && f->failure.reason != "truncated" && broken == nullptr) broken = f;
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
/// whole answer, else the fences, else the text outside them; file comment), where an array
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
        y.records.failures.push_back({{f.failure.reason, detail::relocate(f.failure.detail, answer, split.offset)}, line});
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
      if (f.failure.reason == "truncated") return Parsed<JsonRecords>::fail(f.failure);
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
