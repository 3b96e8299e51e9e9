#ifndef SYNTHBENCH_DETAIL_JSON_INPUT_HPP
#define SYNTHBENCH_DETAIL_JSON_INPUT_HPP

/// @file
/// Strict JSON reading for every input synthbench takes (score tables, baselines, cassettes,
/// datasets): syntax errors name the line and column, duplicate keys are errors (nlohmann
/// would silently keep the last one), and type errors name the JSON pointer (RFC 6901).

#include <cstddef>   // std::size_t
#include <set>       // std::set
#include <string>    // std::string
#include <vector>    // std::vector

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
inline std::string line_and_column(const std::string& text, std::size_t byte) {
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

/// Parses `text` (from `source`, for messages) strictly. Throws InputError
/// synthbench.input.101 for a syntax error (with line and column) and synthbench.input.102 for
/// a duplicate key (with its JSON pointer).
template <class Json = nlohmann::ordered_json>
Json parse_json_strict(const std::string& text, const std::string& source) {
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
      case event::object_start: stack.push_back({false, 0, {}, {}}); break;
      case event::array_start: stack.push_back({true, 0, {}, {}}); break;
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
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: " prefix:
    // we give the position ourselves.
    if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    throw InputError(101, source, line_and_column(text, e.byte), "invalid JSON: " + what);
  } catch (const nlohmann::json::out_of_range& e) {
    // A number too large for a double ("1e999"): nlohmann reports it without a position.
    std::string what = e.what();
    if (const auto bracket = what.find("] "); bracket != std::string::npos) what = what.substr(bracket + 2);
    throw InputError(101, source, "", "invalid JSON: " + what);
  }
  if (!duplicate_pointer.empty()) {
    throw InputError(102, source, duplicate_pointer, "duplicate key (JSON objects must not repeat a key)");
  }
  return document;
}

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_JSON_INPUT_HPP
