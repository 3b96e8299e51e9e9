#ifndef SYNTHBENCH_LLM_ERROR_BODY_HPP
#define SYNTHBENCH_LLM_ERROR_BODY_HPP

/// @file
/// The message of an error body, whatever the provider's shape, for the error text of a
/// failed call: OpenAI and Azure `{"error": {"message", "type", "code"}}`, Anthropic
/// `{"type": "error", "error": {"type", "message"}}`, OpenRouter's `{"error": {"message",
/// "metadata": {"raw"}}}`, `{"error": "text"}`, `{"detail": ...}` (FastAPI servers),
/// `{"message": ...}`. A body that is none of these (HTML from a proxy, an empty body) gives
/// its first 300 bytes, blanks collapsed. Both are made valid UTF-8 (valid_utf8).

#include <cstddef>  // std::size_t
#include <string>   // std::string

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

namespace detail {

inline std::string excerpt_of(const std::string& text, std::size_t limit = 300) {
  std::string out;
  bool blank = false;
  for (const char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
    if (out.size() >= limit) {
      out += "...";
      break;
    }
  }
  return out;
}

inline std::string string_or_dump(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace detail

/// `text` with every byte sequence that is not UTF-8 replaced by U+FFFD: error texts and
/// error bodies are stored in JSON, which holds only UTF-8.
inline std::string valid_utf8(const std::string& text) {
  const std::string quoted = nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return nlohmann::json::parse(quoted).get<std::string>();
}

/// The error message in `body` (see the file comment), with the error's type or code in
/// parentheses when the body names one: "Overloaded (overloaded_error)". "" for an empty body.
inline std::string error_body_message(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return valid_utf8(detail::excerpt_of(body));
  std::string message;
  std::string kind;
  const auto error = j.find("error");
  if (error != j.end() && error->is_object()) {
    if (const auto m = error->find("message"); m != error->end() && !m->is_null()) message = detail::string_or_dump(*m);
    if (const auto meta = error->find("metadata"); meta != error->end() && meta->is_object()) {
      if (const auto raw = meta->find("raw"); raw != meta->end() && !raw->is_null()) {
        message += (message.empty() ? "" : ": ") + detail::string_or_dump(*raw);
      }
    }
    for (const char* key : {"type", "code"}) {
      const auto k = error->find(key);
      if (k == error->end() || k->is_null()) continue;
      const std::string v = detail::string_or_dump(*k);
      if (!v.empty() && kind.find(v) == std::string::npos) kind += (kind.empty() ? "" : ", ") + v;
    }
  } else if (error != j.end() && error->is_string()) {
    message = error->get<std::string>();
  } else if (const auto detail_it = j.find("detail"); detail_it != j.end()) {
    message = detail::string_or_dump(*detail_it);
  } else if (const auto m = j.find("message"); m != j.end()) {
    message = detail::string_or_dump(*m);
  }
  if (message.empty()) return valid_utf8(detail::excerpt_of(body));
  return valid_utf8(detail::excerpt_of(message, 500)) + (kind.empty() ? "" : " (" + kind + ")");
}

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_ERROR_BODY_HPP
