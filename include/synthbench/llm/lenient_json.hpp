#ifndef SYNTHBENCH_LLM_LENIENT_JSON_HPP
#define SYNTHBENCH_LLM_LENIENT_JSON_HPP

/// @file
/// A scanner of JSON as LLMs write it: one value of a lenient grammar, read from a given
/// offset and rewritten as strict JSON, or the reason and position where it breaks, the end
/// of the answer included (`truncated`). llm/json_candidates.hpp runs it over the regions of
/// an answer.
///
/// **Repairs** (each listed in the result; none changes what the text says):
/// single-quoted strings (`single_quotes`), Python's True/False/None (`python_literal`),
/// Python tuples as arrays (`python_tuple`), Python escapes \' \xHH \UHHHHHHHH
/// (`python_escape`), a comma before a closing bracket (`trailing_comma`), identifier keys
/// `{label: "X"}` (`unquoted_key`), `//` and `/* */` comments (`comment`), raw control
/// characters inside strings (`control_character`). Never repaired, because any repair
/// would guess: missing commas or brackets, unclosed strings, NaN and Infinity, duplicate
/// keys (found when the strict text is parsed), an apostrophe inside a single-quoted
/// string. Strings must be well-formed UTF-8 (detail/utf8.hpp); nesting deeper than
/// max_json_depth is invalid.

#include <algorithm>    // std::find
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint32_t
#include <string>       // std::string, std::to_string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "synthbench/detail/hex.hpp"         // detail::hex_value, hex_digit
#include "synthbench/detail/json_input.hpp"  // detail::line_and_column
#include "synthbench/detail/utf8.hpp"        // detail::utf8_sequence_length, is_cut_off_utf8, append_utf8
#include "synthbench/version.hpp"            // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {
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
            append_code_point(static_cast<std::uint32_t>(h * 16 + l));
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
            append_code_point(v);
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

  // Appends the scalar value `v` of a Python escape (\xHH, \UHHHHHHHH) to the strict text:
  // escaped where JSON needs it, else as UTF-8.
  void append_code_point(std::uint32_t v) {
    if (v < 0x20) {
      out_ += control_escape(static_cast<char>(v));
    } else if (v == '"' || v == '\\') {
      out_ += '\\';
      out_ += static_cast<char>(v);
    } else {
      synthbench::detail::append_utf8(out_, v);
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

}  // namespace detail
}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_LENIENT_JSON_HPP
