#ifndef SYNTHBENCH_CASSETTE_CANONICAL_HPP
#define SYNTHBENCH_CASSETTE_CANONICAL_HPP

/// @file
/// The canonical form of a request, which is what a cassette stores and matches on:
///
///     {"extra": {...}?, "host": "api.openai.com", "max_tokens": 64?, "messages": [...],
///      "model": "gpt-4o-mini", "provider": "openai", "response_format": {...}?,
///      "seed": 7?, "stop": [...]?, "temperature": 0.0?, "tools": [...]?, "top_p": 1.0?}
///
/// Keys sorted, absent fields omitted, compact: two equal requests give the same bytes. No
/// header and no API key is part of it. The match key is this text after redaction
/// (redaction.hpp) and after removing the ignored fields (JSON pointers into this form).
///
/// `canonical_key` writes the text directly for plain requests (ASCII strings, no message
/// extras, no redaction, no ignored fields) so that a replay lookup costs well under a
/// microsecond; everything else goes through nlohmann::json. Both give identical bytes
/// (tested).

#include <cstddef>   // std::size_t
#include <cstdint>   // std::uint64_t
#include <cmath>     // std::signbit, std::isfinite
#include <cstdio>    // std::snprintf
#include <cstring>   // std::memcmp
#include <regex>     // std::regex, std::regex_replace
#include <string>    // std::string
#include <vector>    // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json, nlohmann::json_pointer

#include "synthbench/cassette/errors.hpp"  // CassetteError
#include "synthbench/detail/json_input.hpp"  // detail::max_json_depth
#include "synthbench/llm/chat.hpp"         // llm::ChatRequest
#include "synthbench/llm/openai_json.hpp"  // llm::to_openai_json
#include "synthbench/version.hpp"          // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// Throws CassetteError 8: a value to store nests deeper than JSON input may (a cassette
/// holding it could not be read back).
[[noreturn]] inline void throw_too_deep() {
  throw CassetteError(8, "a request or response nests arrays and objects deeper than " +
                             std::to_string(synthbench::detail::max_json_depth) +
                             " levels, more than a cassette may hold (docs/cassette-format.md)");
}

/// Where a request goes, as far as matching is concerned.
struct Endpoint {
  std::string provider = "openai";  ///< the API dialect ("openai": OpenAI chat completions)
  std::string host;                 ///< the base URL's host, without scheme or port
};

/// What is removed from requests and responses before they are stored or matched.
struct Redaction {
  /// JSON pointers into the canonical request (e.g. "/extra/user") whose values are
  /// replaced by `replacement`.
  std::vector<std::string> request_pointers;
  /// JSON pointers into the response body (e.g. "/id", "/system_fingerprint").
  std::vector<std::string> response_pointers;
  /// ECMAScript regular expressions; every match in every string of the request and of the
  /// response body is replaced by `replacement`.
  std::vector<std::string> patterns;
  /// What replaces a redacted value or match.
  std::string replacement = "<redacted>";

  /// True when nothing is redacted.
  bool empty() const noexcept { return request_pointers.empty() && response_pointers.empty() && patterns.empty(); }
};

/// A validated Redaction and ignored-field list, ready to apply (regexes compiled once).
class RequestFilter {
 public:
  /// Checks the pointers and compiles the patterns; throws CassetteError 3 naming a bad one.
  RequestFilter(const Redaction& redaction, const std::vector<std::string>& ignored_fields)
      : redaction_(redaction) {
    for (const auto& p : redaction.request_pointers) request_pointers_.push_back(pointer(p, "redaction.request_pointers"));
    for (const auto& p : redaction.response_pointers) response_pointers_.push_back(pointer(p, "redaction.response_pointers"));
    for (const auto& p : ignored_fields) ignored_.push_back(pointer(p, "ignored_fields"));
    for (const auto& p : redaction.patterns) {
      try {
        patterns_.emplace_back(p, std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        throw CassetteError(3, "redaction pattern \"" + p + "\" is not a valid regular expression: " + e.what());
      }
    }
  }

  /// True when requests are matched on their plain canonical form (no redaction, nothing ignored).
  bool plain_requests() const noexcept { return request_pointers_.empty() && patterns_.empty() && ignored_.empty(); }
  /// True when requests are stored as they are (no request redaction).
  bool stores_plain_requests() const noexcept { return request_pointers_.empty() && patterns_.empty(); }
  /// True when response bodies are stored as they are.
  bool plain_responses() const noexcept { return response_pointers_.empty() && patterns_.empty(); }

  /// Applies the request redaction to a canonical request, in place.
  void redact_request(nlohmann::json& request) const {
    for (const auto& p : request_pointers_) replace_at(request, p);
    redact_strings(request);
  }
  /// Applies the response redaction to a response body, in place.
  void redact_response(nlohmann::json& body) const {
    for (const auto& p : response_pointers_) replace_at(body, p);
    redact_strings(body);
  }
  /// Removes the ignored fields from a (redacted) canonical request, in place.
  void remove_ignored(nlohmann::json& request) const {
    for (const auto& p : ignored_) {
      if (!request.contains(p)) continue;
      if (p.empty()) {
        request = nlohmann::json::object();
        continue;
      }
      auto& parent = request.at(p.parent_pointer());
      if (parent.is_object()) {
        parent.erase(p.back());
      } else if (parent.is_array()) {
        parent.erase(static_cast<std::size_t>(std::stoul(p.back())));
      }
    }
  }

 private:
  static nlohmann::json::json_pointer pointer(const std::string& text, const char* what) {
    try {
      return nlohmann::json::json_pointer(text);
    } catch (const nlohmann::json::exception& e) {
      throw CassetteError(3, std::string(what) + ": \"" + text + "\" is not a JSON pointer (RFC 6901): " + e.what());
    }
  }
  void replace_at(nlohmann::json& doc, const nlohmann::json::json_pointer& p) const {
    if (doc.contains(p)) doc[p] = redaction_.replacement;
  }
  void redact_strings(nlohmann::json& value, std::size_t depth = 1) const {
    if (patterns_.empty()) return;
    if (value.is_string()) {
      std::string s = value.get<std::string>();
      for (const auto& re : patterns_) s = std::regex_replace(s, re, redaction_.replacement);
      value = s;
    } else if (value.is_structured()) {
      if (depth > synthbench::detail::max_json_depth) throw_too_deep();
      for (auto& element : value) redact_strings(element, depth + 1);
    }
  }

  Redaction redaction_;
  std::vector<nlohmann::json::json_pointer> request_pointers_;
  std::vector<nlohmann::json::json_pointer> response_pointers_;
  std::vector<nlohmann::json::json_pointer> ignored_;
  std::vector<std::regex> patterns_;
};

/// The canonical request (see the file comment) as JSON. Throws what llm::to_openai_json
/// throws for an invalid request.
inline nlohmann::json canonical_request(const llm::ChatRequest& request, const Endpoint& endpoint) {
  nlohmann::json body = llm::to_openai_json(request);  // validates, merges message extras
  nlohmann::json c = nlohmann::json::object();
  c["provider"] = endpoint.provider;
  c["host"] = endpoint.host;
  c["model"] = std::move(body["model"]);
  c["messages"] = std::move(body["messages"]);
  for (const char* key : {"temperature", "top_p", "max_tokens", "seed", "stop", "response_format", "tools"}) {
    if (const auto it = body.find(key); it != body.end()) c[key] = std::move(*it);
  }
  if (!request.extra.empty()) c["extra"] = request.extra;
  return c;
}

namespace detail {

/// The first byte in [p, end) that a JSON string cannot copy as it is: a control
/// character (< 0x20), '"', '\\', or a byte with its high bit set (UTF-8, which the caller
/// validates or leaves to nlohmann). Eight bytes at a time while none needs attention (SWAR
/// tests from Sean Anderson's "Bit Twiddling Hacks"), since prompts are long plain runs.
inline const char* find_json_string_special(const char* p, const char* end) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ull;
  constexpr std::uint64_t highs = 0x8080808080808080ull;
  const auto zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
  while (end - p >= 8) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    const std::uint64_t special =
        ((x - ones * 0x20) & ~x & highs) | zero_byte(x ^ (ones * '"')) | zero_byte(x ^ (ones * '\\')) | (x & highs);
    if (special != 0) break;
    p += 8;
  }
  for (; p != end; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) return p;
  }
  return end;
}

/// Appends `s` as a JSON string the way nlohmann's dump() does; false (and nothing
/// appended that matters) when `s` has a non-ASCII byte, which the caller then leaves to
/// nlohmann (UTF-8 validation).
inline bool append_ascii_json_string(std::string& out, const std::string& s) {
  out += '"';
  const char* p = s.data();
  const char* const end = s.data() + s.size();
  while (true) {
    const char* special = find_json_string_special(p, end);
    out.append(p, static_cast<std::size_t>(special - p));
    if (special == end) break;
    const auto c = static_cast<unsigned char>(*special);
    p = special + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        if (c >= 0x80) return false;
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
        out += buffer;
      }
    }
  }
  out += '"';
  return true;
}

/// A double as nlohmann's dump() writes it. Whole numbers of moderate size (temperature 0
/// or 1, the usual case) are written directly ("1.0"); others go through nlohmann, with the
/// last value remembered per thread, since a run repeats the same few settings.
inline void append_json_number(std::string& out, double d) {
  // The range test comes first: converting a double outside long long's range is undefined.
  if (d > -1e15 && d < 1e15 && d == static_cast<double>(static_cast<long long>(d)) && !(d == 0 && std::signbit(d))) {
    out += std::to_string(static_cast<long long>(d));
    out += ".0";
    return;
  }
  thread_local double last_value = 0;
  thread_local std::string last_text;
  if (last_text.empty() || std::memcmp(&last_value, &d, sizeof d) != 0) {
    last_text = nlohmann::json(d).dump();
    last_value = d;
  }
  out += last_text;
}

/// Appends value.dump() to `out`, writing ASCII strings, whole numbers and the structure
/// directly (nlohmann's serializer goes byte by byte) and leaving everything else (non-ASCII
/// strings, which it validates, other numbers, binary values) to nlohmann: the same bytes,
/// and the same type_error for text that is not UTF-8. Objects are std::maps: keys sorted.
/// Nesting deeper than max_json_depth throws CassetteError 8: a recursion per level must
/// stay far from the end of the stack, and no JSON input may nest that deep anyway.
inline void append_dump(std::string& out, const nlohmann::json& value, std::size_t depth = 1) {
  using type = nlohmann::json::value_t;
  const auto append_string = [&out](const std::string& s) {
    const std::size_t size = out.size();
    if (append_ascii_json_string(out, s)) return;
    out.resize(size);
    out += nlohmann::json(s).dump();
  };
  switch (value.type()) {
    case type::null: out += "null"; return;
    case type::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case type::number_integer: out += std::to_string(value.get<std::int64_t>()); return;
    case type::number_unsigned: out += std::to_string(value.get<std::uint64_t>()); return;
    case type::number_float: {
      const double d = value.get<double>();
      if (std::isfinite(d) && d > -1e15 && d < 1e15) {
        append_json_number(out, d);
      } else {
        out += value.dump();
      }
      return;
    }
    case type::string: append_string(value.get_ref<const std::string&>()); return;
    case type::array: {
      if (depth > synthbench::detail::max_json_depth) throw_too_deep();
      out += '[';
      bool first = true;
      for (const auto& element : value) {
        if (!first) out += ',';
        first = false;
        append_dump(out, element, depth + 1);
      }
      out += ']';
      return;
    }
    case type::object: {
      if (depth > synthbench::detail::max_json_depth) throw_too_deep();
      out += '{';
      bool first = true;
      for (const auto& [key, element] : value.items()) {
        if (!first) out += ',';
        first = false;
        append_string(key);
        out += ':';
        append_dump(out, element, depth + 1);
      }
      out += '}';
      return;
    }
    default: out += value.dump(); return;  // binary, discarded
  }
}

/// The direct writer behind canonical_key; false when the request needs the general path.
inline bool append_plain_canonical(std::string& out, const llm::ChatRequest& r, const Endpoint& e) {
  for (const auto& m : r.messages) {
    if (!m.extra.is_object() || !m.extra.empty()) return false;
  }
  if (r.model.empty() || r.messages.empty() || !r.extra.is_object()) return false;
  std::size_t size = 160 + r.model.size() + e.host.size();
  for (const auto& m : r.messages) size += m.content.size() + m.role.size() + 24;
  out.reserve(size + size / 8);
  out += '{';
  if (!r.extra.empty()) {
    for (const auto& [key, value] : r.extra.items()) {
      (void)value;
      if (llm::detail::is_named_request_field(key)) return false;  // let to_openai_json report it
    }
    out += "\"extra\":";
    out += r.extra.dump();
    out += ',';
  }
  out += "\"host\":";
  if (!append_ascii_json_string(out, e.host)) return false;
  if (r.max_tokens) {
    out += ",\"max_tokens\":";
    out += std::to_string(*r.max_tokens);
  }
  out += ",\"messages\":[";
  for (std::size_t i = 0; i < r.messages.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"content\":";
    if (!append_ascii_json_string(out, r.messages[i].content)) return false;
    out += ",\"role\":";
    if (!append_ascii_json_string(out, r.messages[i].role)) return false;
    out += '}';
  }
  out += "],\"model\":";
  if (!append_ascii_json_string(out, r.model)) return false;
  out += ",\"provider\":";
  if (!append_ascii_json_string(out, e.provider)) return false;
  if (!r.response_format.is_null()) out += ",\"response_format\":" + r.response_format.dump();
  if (r.seed) {
    out += ",\"seed\":";
    out += std::to_string(*r.seed);
  }
  if (!r.stop.empty()) {
    out += ",\"stop\":[";
    for (std::size_t i = 0; i < r.stop.size(); ++i) {
      if (i > 0) out += ',';
      if (!append_ascii_json_string(out, r.stop[i])) return false;
    }
    out += ']';
  }
  if (r.temperature) {
    out += ",\"temperature\":";
    append_json_number(out, *r.temperature);
  }
  if (!r.tools.is_null()) out += ",\"tools\":" + r.tools.dump();
  if (r.top_p) {
    out += ",\"top_p\":";
    append_json_number(out, *r.top_p);
  }
  out += '}';
  return true;
}

}  // namespace detail

/// Compact, key-sorted text of a JSON value (what nlohmann's dump() writes); throws
/// CassetteError 4 for a string that is not UTF-8 (JSON cannot hold it).
inline std::string canonical_text(const nlohmann::json& value) {
  try {
    std::string out;
    detail::append_dump(out, value);
    return out;
  } catch (const nlohmann::json::type_error& e) {
    throw CassetteError(4, std::string("a request or response holds text that is not UTF-8: ") + e.what());
  }
}

/// The canonical request as compact text, unfiltered (what a cassette stores when there is
/// no request redaction). Equal to canonical_text(canonical_request(request, endpoint)).
inline std::string canonical_key(const llm::ChatRequest& request, const Endpoint& endpoint) {
  std::string out;
  try {
    if (detail::append_plain_canonical(out, request, endpoint)) return out;
  } catch (const nlohmann::json::type_error&) {
    // non-UTF-8 text in extra/tools/response_format: the general path reports it
  }
  return canonical_text(canonical_request(request, endpoint));
}

/// canonical_key written into `out` (replacing its content), reusing its capacity: a
/// lookup loop then allocates nothing.
inline void canonical_key_into(std::string& out, const llm::ChatRequest& request, const Endpoint& endpoint) {
  out.clear();
  try {
    if (detail::append_plain_canonical(out, request, endpoint)) return;
  } catch (const nlohmann::json::type_error&) {
    // as in canonical_key
  }
  out = canonical_text(canonical_request(request, endpoint));
}

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_CANONICAL_HPP
