#ifndef SYNTHBENCH_DETAIL_JSON_INPUT_HPP
#define SYNTHBENCH_DETAIL_JSON_INPUT_HPP

/// @file
/// Strict JSON reading for every input synthbench takes (score tables, baselines, cassettes,
/// datasets): syntax errors name the line and column, duplicate keys are errors (nlohmann
/// would silently keep the last one), and type errors name the JSON pointer (RFC 6901).
///
/// Two limits nlohmann does not enforce, checked here for every parse path (this strict
/// parser, the cassette loader's SAX and fast paths):
///  - a NUL byte is an error with its position: nlohmann's lexer reads one as the end of the
///    input, so `{...}\0garbage` would parse as `{...}`;
///  - arrays and objects nest at most max_json_depth levels: nlohmann's parser is iterative,
///    but dump(), copies and comparisons recurse once per level, so 25,000 nested arrays
///    (which the parser accepts) crash whatever serializes them.

#include <cstddef>      // std::size_t
#include <set>          // std::set
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include <nlohmann/json.hpp>

#include "synthbench/error.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// `base` extended by one reference token, escaped as RFC 6901 requires ("~" -> "~0", "/" -> "~1").
inline std::string pointer_append(const std::string& base, const std::string& token) {
  std::string out = base + "/";
  for (const char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

/// `base` extended by an array index.
inline std::string pointer_append(const std::string& base, std::size_t index) {
  return base + "/" + std::to_string(index);
}

/// A short description of a JSON value for error messages: `string "abc"`, `null`, `an object`.
template <class Json>
std::string describe_json(const Json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return std::string("boolean ") + (value.template get<bool>() ? "true" : "false");
  if (value.is_number()) return "number " + value.dump();
  if (value.is_string()) {
    std::string s = value.dump();
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return "string " + s;
  }
  if (value.is_array()) return "an array";
  return "an object";
}

/// "line L, column C" of the 1-based byte offset `byte` in `text`.
inline std::string line_and_column(std::string_view text, std::size_t byte) {
  std::size_t line = 1;
  std::size_t column = 1;
  const std::size_t end = byte == 0 ? 0 : (byte - 1 < text.size() ? byte - 1 : text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

/// How deeply arrays and objects may nest in any JSON synthbench reads (the root is level 1).
/// Far more than real requests, schemas and answers nest, and far from what overflows the
/// stack of a recursive dump() (docs/decisions.md, "Hostile inputs and the worst day").
inline constexpr std::size_t max_json_depth = 512;

/// The byte offset of the first '[' or '{' that opens level `limit` + 1 in JSON `text`
/// (strings skipped), or npos when nothing nests that deep.
inline std::size_t first_too_deep(std::string_view text, std::size_t limit) noexcept {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

/// Throws InputError synthbench.input.103 at the first array or object of `text` nested
/// deeper than `limit` levels, if there is one.
inline void check_json_depth(std::string_view text, const std::string& source, std::size_t limit = max_json_depth) {
  const std::size_t at = first_too_deep(text, limit);
  if (at == std::string_view::npos) return;
  throw InputError(103, source, line_and_column(text, at + 1),
                   "arrays and objects nest deeper than " + std::to_string(limit) + " levels");
}

/// Throws InputError synthbench.input.101 at the first NUL byte of `text`, if there is one.
/// Call it after nlohmann parsed `text` without error: the NUL then ended the parse early.
inline void check_no_nul_byte(const std::string& text, const std::string& source) {
  const std::size_t at = text.find('\0');
  if (at == std::string::npos) return;
  throw InputError(101, source, line_and_column(text, at + 1),
                   "invalid JSON: a NUL byte after the JSON value (only whitespace may follow it)");
}

/// The reason of nlohmann parse error `what` at 1-based `byte`: nlohmann reports a NUL byte
/// outside strings as an unexpected end of input; say what it is.
inline std::string nul_aware_reason(const std::string& text, std::size_t byte, std::string what) {
  if (byte >= 1 && byte <= text.size() && text[byte - 1] == '\0') return "a NUL byte (JSON text cannot hold one)";
  return what;
}

/// Parses `text` (from `source`, for messages) strictly. Throws InputError
/// synthbench.input.101 for a syntax error (with line and column; a NUL byte anywhere is one),
/// synthbench.input.102 for a duplicate key (with its JSON pointer) and synthbench.input.103
/// for arrays and objects nested deeper than `max_depth` levels (with line and column).
template <class Json = nlohmann::ordered_json>
Json parse_json_strict(const std::string& text, const std::string& source, std::size_t max_depth = max_json_depth) {
  struct TooDeep {};
  struct Frame {
    bool is_array;
    std::size_t index;
    std::string key;
    std::set<std::string> keys;
  };
  std::vector<Frame> stack;
  std::string duplicate_pointer;
  const auto pointer = [&stack]() {
    std::string p;
    for (const auto& f : stack) p = f.is_array ? pointer_append(p, f.index) : pointer_append(p, f.key);
    return p;
  };
  const auto after_value = [&stack]() {
    if (!stack.empty() && stack.back().is_array) ++stack.back().index;
  };
  using event = nlohmann::detail::parse_event_t;
  typename Json::parser_callback_t callback = [&](int, event e, Json& parsed) {
    switch (e) {
      case event::object_start:
      case event::array_start:
        stack.push_back({e == event::array_start, 0, {}, {}});
        if (stack.size() > max_depth) throw TooDeep{};
        break;
      case event::key: {
        auto& frame = stack.back();
        frame.key = parsed.template get<std::string>();
        if (!frame.keys.insert(frame.key).second && duplicate_pointer.empty()) duplicate_pointer = pointer();
        break;
      }
      case event::object_end:
      case event::array_end:
        stack.pop_back();
        after_value();
        break;
      case event::value: after_value(); break;
    }
    return true;
  };
  Json document;
  try {
    document = Json::parse(text, callback, /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const TooDeep&) {
    check_json_depth(text, source, max_depth);
    throw InputError(103, source, "", "arrays and objects nest deeper than " + std::to_string(max_depth) + " levels");
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: " prefix:
    // we give the position ourselves.
    if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    throw InputError(101, source, line_and_column(text, e.byte), "invalid JSON: " + nul_aware_reason(text, e.byte, what));
  } catch (const nlohmann::json::exception& e) {
    // out_of_range.406 ("number overflow parsing '1e999'") carries no position: locate the
    // quoted token in the text instead.
    std::string what = e.what();
    if (const auto space = what.find("] "); space != std::string::npos) what = what.substr(space + 2);
    std::string where;
    const auto open = what.find('\'');
    const auto close = what.rfind('\'');
    if (open != std::string::npos && close > open) {
      const auto at = text.find(what.substr(open + 1, close - open - 1));
      if (at != std::string::npos) where = line_and_column(text, at + 1);
    }
    throw InputError(101, source, where, "invalid JSON: " + what);
  }
  if (!duplicate_pointer.empty()) {
    throw InputError(102, source, duplicate_pointer, "duplicate key (JSON objects must not repeat a key)");
  }
  check_no_nul_byte(text, source);
  return document;
}

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_JSON_INPUT_HPP
