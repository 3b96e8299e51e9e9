#ifndef SYNTHBENCH_CASSETTE_FORMAT_READ_HPP
#define SYNTHBENCH_CASSETTE_FORMAT_READ_HPP

/// @file
/// Reading a parsed cassette document (format.hpp describes the format): interaction_from_json
/// (one interaction: a cassette element or a journal line) and cassette_from_json (a whole
/// cassette), with the checks behind them, the same rules as the schema plus the ones it
/// cannot express. Format 1 files (no "outcome": every interaction a completion) are read
/// too. Every malformed input throws InputError naming the file and the position (JSON
/// pointer).

#include <algorithm>         // std::stable_sort
#include <chrono>            // std::chrono
#include <cmath>             // std::isfinite, std::llround
#include <cstddef>           // std::size_t
#include <initializer_list>  // std::initializer_list
#include <string>            // std::string
#include <utility>           // std::move
#include <vector>            // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/cassette/canonical.hpp"    // canonical_text
#include "synthbench/cassette/interaction.hpp"  // Interaction, Metadata, Cassette, format_version
#include "synthbench/detail/json_input.hpp"     // detail::pointer_append, describe_json
#include "synthbench/error.hpp"                 // InputError
#include "synthbench/llm/chat.hpp"              // llm::ChatResponse, llm::MalformedResponse, llm::failure_response
#include "synthbench/llm/outcome.hpp"           // llm::Outcome, outcome_from_string, is_failure
#include "synthbench/llm/provider.hpp"          // llm::response_from_json
#include "synthbench/version.hpp"               // SYNTHBENCH_NAMESPACE_BEGIN, SYNTHBENCH_VERSION_STRING

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

namespace detail {

using synthbench::detail::describe_json;
using synthbench::detail::pointer_append;

[[noreturn]] inline void wrong_type(const std::string& source, const std::string& where, const std::string& expected,
                                    const nlohmann::json& got) {
  throw InputError(401, source, where, "expected " + expected + ", got " + describe_json(got));
}

inline const nlohmann::json& member(const nlohmann::json& object, const char* key, const std::string& source,
                                    const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end()) throw InputError(402, source, where, std::string("missing key \"") + key + "\"");
  return *it;
}

inline void only_keys(const nlohmann::json& object, std::initializer_list<const char*> allowed,
                      const std::string& source, const std::string& where, int format = format_version) {
  for (const auto& [key, value] : object.items()) {
    (void)value;
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (!known) {
      throw InputError(404, source, pointer_append(where, key),
                       "unknown key \"" + key + "\" in format " + std::to_string(format));
    }
  }
}

inline std::string string_member(const nlohmann::json& object, const char* key, const std::string& source,
                                 const std::string& where, bool required = true) {
  const auto it = object.find(key);
  if (it == object.end()) {
    if (required) throw InputError(402, source, where, std::string("missing key \"") + key + "\"");
    return {};
  }
  if (!it->is_string()) wrong_type(source, pointer_append(where, key), "a string", *it);
  return it->get<std::string>();
}

/// Validates a stored canonical request (the same rules as the schema).
inline void check_request(const nlohmann::json& r, const std::string& source, const std::string& where,
                          int format = format_version) {
  if (!r.is_object()) wrong_type(source, where, "a request object", r);
  only_keys(r, {"extra", "host", "max_tokens", "messages", "model", "provider", "response_format", "seed", "stop",
                "temperature", "tools", "top_p"},
            source, where, format);
  for (const char* key : {"provider", "host", "model"}) {
    const auto& v = member(r, key, source, where);
    if (!v.is_string()) wrong_type(source, pointer_append(where, key), "a string", v);
  }
  const auto& messages = member(r, "messages", source, where);
  if (!messages.is_array()) wrong_type(source, pointer_append(where, "messages"), "an array", messages);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const std::string at = pointer_append(pointer_append(where, "messages"), i);
    const auto& m = messages[i];
    if (!m.is_object()) wrong_type(source, at, "a message object", m);
    const auto& role = member(m, "role", source, at);
    if (!role.is_string()) wrong_type(source, pointer_append(at, "role"), "a string", role);
  }
  for (const char* key : {"temperature", "top_p"}) {
    if (const auto it = r.find(key); it != r.end() && !it->is_number()) {
      wrong_type(source, pointer_append(where, key), "a number", *it);
    }
  }
  for (const char* key : {"max_tokens", "seed"}) {
    if (const auto it = r.find(key); it != r.end() && !it->is_number_integer()) {
      wrong_type(source, pointer_append(where, key), "an integer", *it);
    }
  }
  if (const auto it = r.find("stop"); it != r.end()) {
    if (!it->is_array()) wrong_type(source, pointer_append(where, "stop"), "an array of strings", *it);
    for (std::size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_string()) wrong_type(source, pointer_append(pointer_append(where, "stop"), i), "a string", (*it)[i]);
    }
  }
  if (const auto it = r.find("extra"); it != r.end() && !it->is_object()) {
    wrong_type(source, pointer_append(where, "extra"), "an object", *it);
  }
}

}  // namespace detail

namespace detail {

/// The response of a completion: the body read in the dialect of `provider`; a body that is
/// not a completion throws InputError 406 with the pointer into the body.
inline llm::ChatResponse completion_from_json(const std::string& provider, const nlohmann::json& body,
                                              const std::string& source, const std::string& bwhere) {
  try {
    return llm::response_from_json(provider, body, canonical_text(body), source);
  } catch (const llm::MalformedResponse& e) {
    const std::string inner = e.where() == "/" ? "" : e.where();
    std::string message = e.what();
    if (const auto colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
    throw InputError(406, source, bwhere + inner,
                     std::string(provider == "anthropic" ? "the body is not a Messages API response: "
                                                         : "the body is not a chat completion: ") +
                         message);
  }
}

/// An optional integer member in [0, max] (0 when absent).
inline int bounded_int_member(const nlohmann::json& object, const char* key, int max, const std::string& source,
                              const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end()) return 0;
  if (!it->is_number_integer()) wrong_type(source, pointer_append(where, key), "an integer", *it);
  const long long v = it->get<long long>();
  if (v < 0 || v > max) {
    throw InputError(407, source, pointer_append(where, key), std::string(key) + " must be in [0, " + std::to_string(max) + "]");
  }
  return static_cast<int>(v);
}

/// The response object of an interaction of format `format` (see docs/cassette-format.md).
inline llm::ChatResponse response_from_json(const nlohmann::json& response, const std::string& provider, int format,
                                            const std::string& source, const std::string& rwhere) {
  if (!response.is_object()) wrong_type(source, rwhere, "a response object", response);
  if (format == 1) {
    only_keys(response, {"body", "latency_ms"}, source, rwhere, format);
  } else {
    only_keys(response, {"attempts", "body", "body_text", "error", "latency_ms", "outcome", "status"}, source, rwhere,
              format);
  }
  const auto& latency = member(response, "latency_ms", source, rwhere);
  if (!latency.is_number()) wrong_type(source, pointer_append(rwhere, "latency_ms"), "a number", latency);
  const double ms = latency.get<double>();
  if (!std::isfinite(ms) || ms < 0) {
    throw InputError(407, source, pointer_append(rwhere, "latency_ms"), "latency must be finite and >= 0");
  }
  llm::ChatResponse out;
  if (format == 1) {
    out = completion_from_json(provider, member(response, "body", source, rwhere), source, pointer_append(rwhere, "body"));
  } else {
    const auto& outcome_value = member(response, "outcome", source, rwhere);
    if (!outcome_value.is_string()) wrong_type(source, pointer_append(rwhere, "outcome"), "an outcome name", outcome_value);
    const auto outcome = llm::outcome_from_string(outcome_value.get<std::string>());
    if (!outcome) {
      throw InputError(430, source, pointer_append(rwhere, "outcome"),
                       "unknown outcome " + outcome_value.dump() +
                           " (answer, refusal, content_filter, length, tool_calls, provider_error or transient_failure)");
    }
    if (!llm::is_failure(*outcome)) {
      for (const char* key : {"attempts", "body_text", "error", "status"}) {
        if (response.contains(key)) {
          throw InputError(431, source, pointer_append(rwhere, key),
                           std::string("\"") + key + "\" belongs to a failed call, not to outcome " + llm::to_string(*outcome));
        }
      }
      out = completion_from_json(provider, member(response, "body", source, rwhere), source, pointer_append(rwhere, "body"));
      if (out.outcome != *outcome) {
        throw InputError(432, source, pointer_append(rwhere, "outcome"),
                         std::string("the stored outcome \"") + llm::to_string(*outcome) +
                             "\" disagrees with the body, which reads as " + llm::to_string(out.outcome));
      }
    } else {
      const std::string error = string_member(response, "error", source, rwhere);
      const int status = bounded_int_member(response, "status", 999, source, rwhere);
      const int attempts = bounded_int_member(response, "attempts", 1000000, source, rwhere);
      const auto body = response.find("body");
      const auto text = response.find("body_text");
      if (body != response.end() && text != response.end()) {
        throw InputError(431, source, pointer_append(rwhere, "body_text"), "a failed call stores \"body\" or \"body_text\", not both");
      }
      std::string raw;
      if (body != response.end()) {
        raw = canonical_text(*body);
      } else if (text != response.end()) {
        raw = string_member(response, "body_text", source, rwhere);
      }
      out = llm::failure_response(*outcome, error, status, attempts, std::move(raw));
    }
  }
  out.latency = std::chrono::microseconds(std::llround(ms * 1000.0));
  out.replayed = true;
  return out;
}

}  // namespace detail

/// One interaction from its JSON object (a cassette element or a journal line) of format
/// `format`; `where` is its position for messages. Throws InputError 401 (type), 402
/// (missing key), 404 (unknown key), 406 (the body is not a completion of the request's
/// provider), 407 (a value out of range), 430 (an unknown outcome), 431 (a member the
/// outcome does not take), 432 (an outcome the body contradicts).
inline Interaction interaction_from_json(const nlohmann::json& j, const std::string& source, const std::string& where,
                                         int format = format_version) {
  using detail::pointer_append;
  if (!j.is_object()) detail::wrong_type(source, where, "an interaction object", j);
  detail::only_keys(j, {"recorded_at", "replicate", "request", "response"}, source, where, format);
  Interaction out;
  const auto& request = detail::member(j, "request", source, where);
  detail::check_request(request, source, pointer_append(where, "request"), format);
  out.request = canonical_text(request);
  const auto& replicate = detail::member(j, "replicate", source, where);
  if (!replicate.is_number_integer()) {
    detail::wrong_type(source, pointer_append(where, "replicate"), "a non-negative integer", replicate);
  }
  if (replicate.get<long long>() < 0) {
    throw InputError(407, source, pointer_append(where, "replicate"), "a replicate index cannot be negative");
  }
  out.replicate = replicate.get<std::size_t>();
  out.recorded_at = detail::string_member(j, "recorded_at", source, where, /*required=*/false);
  const std::string provider = request.at("provider").get<std::string>();
  out.response = detail::response_from_json(detail::member(j, "response", source, where), provider, format, source,
                                            pointer_append(where, "response"));
  return out;
}

namespace detail {

/// The cassette of a parsed document whose interactions were already converted
/// (`streamed`, by the streaming parser) or are still in the document (nullptr).
inline Cassette cassette_from_document(const nlohmann::json& doc, const std::string& source,
                                       std::vector<Interaction>* streamed) {
  if (!doc.is_object()) wrong_type(source, "/", "a cassette object", doc);
  const auto& format = member(doc, "format", source, "/");
  if (!format.is_number_integer()) wrong_type(source, "/format", "an integer", format);
  if (format.get<long long>() < oldest_format_version || format.get<long long>() > format_version) {
    throw InputError(403, source, "/format",
                     "unsupported cassette format " + format.dump() + " (this synthbench " SYNTHBENCH_VERSION_STRING
                     " reads formats " + std::to_string(oldest_format_version) + " to " + std::to_string(format_version) +
                         ")");
  }
  const int version = static_cast<int>(format.get<long long>());
  only_keys(doc, {"format", "interactions", "metadata"}, source, "");
  Cassette c;
  const auto& meta = member(doc, "metadata", source, "/");
  if (!meta.is_object()) wrong_type(source, "/metadata", "an object", meta);
  only_keys(meta, {"created_at", "description", "hosts", "models", "recorded_with", "updated_at"}, source, "/metadata");
  c.metadata.created_at = string_member(meta, "created_at", source, "/metadata", false);
  c.metadata.updated_at = string_member(meta, "updated_at", source, "/metadata", false);
  c.metadata.recorded_with = string_member(meta, "recorded_with", source, "/metadata", false);
  c.metadata.description = string_member(meta, "description", source, "/metadata", false);
  for (const char* key : {"hosts", "models"}) {
    const auto it = meta.find(key);
    if (it == meta.end()) continue;
    const std::string at = pointer_append("/metadata", key);
    if (!it->is_array()) wrong_type(source, at, "an array of strings", *it);
    auto& out = std::string(key) == "hosts" ? c.metadata.hosts : c.metadata.models;
    for (std::size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_string()) wrong_type(source, pointer_append(at, i), "a string", (*it)[i]);
      out.push_back((*it)[i].get<std::string>());
    }
  }
  const auto& interactions = member(doc, "interactions", source, "/");
  if (!interactions.is_array()) wrong_type(source, "/interactions", "an array", interactions);
  if (streamed != nullptr) {
    c.interactions = std::move(*streamed);
  } else {
    c.interactions.reserve(interactions.size());
    for (std::size_t i = 0; i < interactions.size(); ++i) {
      c.interactions.push_back(
          interaction_from_json(interactions[i], source, pointer_append("/interactions", i), version));
    }
  }
  // Duplicates. Files are written sorted by (request, replicate): then no two are equal,
  // which one pass over neighbours shows. Otherwise sort indices and compare neighbours.
  const auto strictly_increasing = [&c] {
    for (std::size_t k = 1; k < c.interactions.size(); ++k) {
      const auto& x = c.interactions[k - 1];
      const auto& y = c.interactions[k];
      const int order = x.request.compare(y.request);
      if (order > 0 || (order == 0 && x.replicate >= y.replicate)) return false;
    }
    return true;
  };
  if (strictly_increasing()) return c;
  std::vector<std::size_t> order(c.interactions.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto less = [&c](std::size_t a, std::size_t b) {
    const auto& x = c.interactions[a];
    const auto& y = c.interactions[b];
    return x.replicate != y.replicate ? x.replicate < y.replicate : x.request < y.request;
  };
  std::stable_sort(order.begin(), order.end(), less);
  for (std::size_t k = 1; k < order.size(); ++k) {
    const auto& x = c.interactions[order[k - 1]];
    const auto& y = c.interactions[order[k]];
    if (x.replicate == y.replicate && x.request == y.request) {
      throw InputError(405, source, pointer_append("/interactions", order[k]),
                       "same request and replicate as /interactions/" + std::to_string(order[k - 1]) +
                           " (each replicate of a request is recorded once)");
    }
  }
  return c;
}

}  // namespace detail

/// A cassette from a parsed document; `source` names it in errors. Throws InputError 401
/// (wrong type), 402 (missing key), 403 (unsupported format version), 404 (unknown key),
/// 405 (two interactions with the same request and replicate), 406, 407.
inline Cassette cassette_from_json(const nlohmann::json& doc, const std::string& source) {
  return detail::cassette_from_document(doc, source, nullptr);
}

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_FORMAT_READ_HPP
