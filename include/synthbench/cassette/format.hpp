#ifndef SYNTHBENCH_CASSETTE_FORMAT_HPP
#define SYNTHBENCH_CASSETTE_FORMAT_HPP

/// @file
/// Cassette format v2 (docs/cassette-format.md, schema in docs/cassette-format.schema.json):
///
///     {"format": 2,
///      "interactions": [{"recorded_at": "2026-11-21T20:21:00Z", "replicate": 0,
///                        "request": {canonical request, canonical.hpp},
///                        "response": {"outcome": "answer", "body": {the completion body},
///                                     "latency_ms": 12.5}}],
///      "metadata": {"created_at", "updated_at", "recorded_with", "description",
///                   "hosts": [...], "models": [...]}}
///
/// Every call's outcome is recorded (llm/outcome.hpp): a completion (answer, refusal,
/// content_filter, length, tool_calls) with its body, in the dialect of the request's
/// provider; a failure (provider_error, transient_failure) with `"error"` (its text),
/// `"status"`, `"attempts"` and the error body (`"body"`, or `"body_text"` when it was not
/// JSON). Format 1 files (no "outcome": every interaction a completion) are read too; every
/// write is format 2.
///
/// Written pretty (2 spaces), keys sorted, interactions sorted by (request, replicate):
/// re-recording the same interactions gives the same file but for timestamps and
/// latencies, and diffs show what changed. "hosts" and "models" are derived from the
/// interactions on every write, so they always say what answered (DESIGN.md, Honesty).
///
/// The journal beside a cassette (`<cassette>.journal`) holds one interaction object per
/// line, in completion order (a line whose response has no "outcome" is read as format 1).
/// Every malformed input throws InputError naming the file and the position (JSON pointer,
/// or line for journals).

#include <algorithm>   // std::sort, std::stable_sort
#include <chrono>      // std::chrono
#include <cmath>       // std::isfinite, std::llround
#include <cstdint>     // std::uint64_t
#include <cstdio>      // std::snprintf
#include <ctime>       // std::time_t, gmtime_r
#include <set>         // std::set
#include <string>      // std::string
#include <utility>     // std::move, std::pair
#include <vector>      // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/cassette/canonical.hpp"       // canonical_text
#include "synthbench/cassette/compact_reader.hpp"  // detail::read_compact_cassette
#include "synthbench/cassette/interaction.hpp"     // Interaction, Metadata, Cassette, format_version
#include "synthbench/detail/hash.hpp"              // detail::Fnv1a64, hex16
#include "synthbench/detail/json_input.hpp"        // detail::parse_json_strict, pointer_append, describe_json
#include "synthbench/error.hpp"                    // InputError
#include "synthbench/llm/chat.hpp"                 // llm::ChatResponse, llm::MalformedResponse
#include "synthbench/llm/outcome.hpp"              // llm::Outcome, outcome_from_string, is_failure
#include "synthbench/llm/provider.hpp"             // llm::response_from_json, response_to_json
#include "synthbench/version.hpp"                  // SYNTHBENCH_NAMESPACE_BEGIN, SYNTHBENCH_VERSION_STRING

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// The current time as RFC 3339 UTC with seconds: "2026-11-21T20:21:00Z".
inline std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[96];  // room for any int values, which -Wformat-truncation cannot rule out
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

/// A stable 16-hex-digit id of a stored interaction: FNV-1a 64 (detail/hash.hpp) of the
/// request text, a newline and the replicate. Usage files name interactions by it.
inline std::string interaction_id(const std::string& request, std::size_t replicate) {
  const std::uint64_t h = synthbench::detail::Fnv1a64().add(request).add("\n" + std::to_string(replicate)).value();
  return synthbench::detail::hex16(h);
}

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

/// A SAX handler (nlohmann::json_sax) that builds the document like nlohmann's DOM parser,
/// with two differences: a repeated key is an error (InputError 102, with its JSON pointer),
/// and once "format": 1 has been seen, each element of the top-level "interactions" array is
/// converted to an Interaction as soon as it is complete and its DOM freed. A 100 MB
/// cassette then never exists as a whole DOM: peak memory is the text plus the result.
class CassetteSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  CassetteSax(const std::string& text, const std::string& source) : text_(text), source_(source) {}

  bool null() override { return add(nlohmann::json()); }
  bool boolean(bool v) override { return add(nlohmann::json(v)); }
  bool number_integer(number_integer_t v) override { return add(nlohmann::json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return add(nlohmann::json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return add(nlohmann::json(v)); }
  bool string(string_t& v) override { return add(nlohmann::json(std::move(v))); }
  bool binary(binary_t& v) override { return add(nlohmann::json::binary(std::move(v))); }
  bool start_object(std::size_t) override { return open(nlohmann::json::object(), false); }
  bool start_array(std::size_t) override { return open(nlohmann::json::array(), true); }
  bool key(string_t& k) override {
    Frame& f = stack_.back();
    if (f.value->contains(k)) {
      f.key = k;
      throw InputError(102, source_, pointer(), "duplicate key (JSON objects must not repeat a key)");
    }
    f.key = std::move(k);
    if (stack_.size() == 1 && f.key == "interactions") {
      const auto format = root_.find("format");
      streaming_ = format != root_.end() && format->is_number_integer() &&
                   format->get<long long>() >= oldest_format_version && format->get<long long>() <= format_version;
      if (streaming_) format_ = static_cast<int>(format->get<long long>());
    }
    return true;
  }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." or
    // "[json.exception.out_of_range.406] number overflow parsing '1e999'": keep the reason,
    // the position is given below.
    std::string what = e.what();
    if (const auto bracket = what.find("] "); bracket != std::string::npos) what = what.substr(bracket + 2);
    if (what.rfind("parse error", 0) == 0) {
      if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    }
    throw InputError(101, source_, synthbench::detail::line_and_column(text_, position),
                     "invalid JSON: " + synthbench::detail::nul_aware_reason(text_, position, what));
  }

  /// The document (with the streamed interactions removed from it).
  const nlohmann::json& document() const noexcept { return root_; }
  /// The interactions converted while parsing; `streamed()` says whether that happened.
  std::vector<Interaction>& interactions() noexcept { return interactions_; }
  /// True when the interactions were converted while parsing.
  bool streamed() const noexcept { return streamed_array_; }

 private:
  struct Frame {
    nlohmann::json* value;
    bool is_array;
    std::size_t index;  // next element's index (arrays)
    std::string key;    // current key (objects)
  };

  std::string pointer() const {
    std::string p;
    for (const auto& f : stack_) p = f.is_array ? pointer_append(p, f.index) : pointer_append(p, f.key);
    return p;
  }

  nlohmann::json* place(nlohmann::json&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Frame& f = stack_.back();
    if (f.is_array) {
      f.value->push_back(std::move(v));
      return &f.value->back();
    }
    nlohmann::json& slot = (*f.value)[f.key];
    slot = std::move(v);
    return &slot;
  }

  bool add(nlohmann::json&& v) {
    (void)place(std::move(v));
    convert_if_interaction();  // a scalar where an interaction belongs: reported as such
    after_value();
    return true;
  }

  bool in_interactions() const {
    return streaming_ && stack_.size() == 2 && stack_[0].key == "interactions" && stack_[1].is_array;
  }

  void convert_if_interaction() {
    if (!in_interactions()) return;
    streamed_array_ = true;
    nlohmann::json& array = *stack_[1].value;
    interactions_.push_back(
        interaction_from_json(array.back(), source_, pointer_append("/interactions", stack_[1].index), format_));
    array.erase(array.size() - 1);
  }

  bool open(nlohmann::json&& v, bool is_array) {
    if (stack_.size() >= synthbench::detail::max_json_depth) synthbench::detail::check_json_depth(text_, source_);
    nlohmann::json* p = place(std::move(v));
    stack_.push_back({p, is_array, 0, {}});
    return true;
  }

  bool close() {
    stack_.pop_back();
    convert_if_interaction();  // an element of /interactions just ended: convert it, drop its DOM
    after_value();
    return true;
  }

  void after_value() {
    if (!stack_.empty() && stack_.back().is_array) ++stack_.back().index;
  }

  const std::string& text_;
  const std::string& source_;
  nlohmann::json root_;
  std::vector<Frame> stack_;
  std::vector<Interaction> interactions_;
  bool streaming_ = false;
  int format_ = format_version;  // of the document, once "format" was seen
  bool streamed_array_ = false;
};

/// parse_cassette without its fast path: nlohmann's SAX parser for any text, and the
/// errors parse_cassette names. Public for the tests that compare the two paths.
inline Cassette parse_cassette_general(const std::string& text, const std::string& source) {
  CassetteSax sax(text, source);
  nlohmann::json::sax_parse(text, &sax, nlohmann::json::input_format_t::json, /*strict=*/true);
  synthbench::detail::check_no_nul_byte(text, source);
  return cassette_from_document(sax.document(), source, sax.streamed() ? &sax.interactions() : nullptr);
}

}  // namespace detail

/// A cassette from a parsed document; `source` names it in errors. Throws InputError 401
/// (wrong type), 402 (missing key), 403 (unsupported format version), 404 (unknown key),
/// 405 (two interactions with the same request and replicate), 406, 407.
inline Cassette cassette_from_json(const nlohmann::json& doc, const std::string& source) {
  return detail::cassette_from_document(doc, source, nullptr);
}

/// Parses cassette text; `source` (the file name) names it in errors. Syntax errors throw
/// InputError 101 with line and column, duplicate keys 102 with the JSON pointer, and the
/// rest as cassette_from_json. Text in the form dump_cassette writes is read without a DOM
/// (compact_reader.hpp); any other text streams through nlohmann's SAX parser, one
/// interaction's DOM at a time. Either way the result is the same.
inline Cassette parse_cassette(const std::string& text, const std::string& source) {
  if (auto compact = detail::read_compact_cassette(text)) {
    // The form dump_cassette writes, read without a DOM; only the metadata, and interactions
    // of shapes the fast path leaves to the general code (failures, content arrays, other
    // providers), go through nlohmann, one interaction at a time.
    try {
      for (auto& [index, json_text] : compact->deferred) {
        compact->interactions[index] = interaction_from_json(nlohmann::json::parse(json_text), source,
                                                             detail::pointer_append("/interactions", index), compact->format);
      }
      const nlohmann::json doc = {{"format", compact->format},
                                  {"interactions", nlohmann::json::array()},
                                  {"metadata", nlohmann::json::parse(compact->metadata)}};
      return detail::cassette_from_document(doc, source, &compact->interactions);
    } catch (const Error&) {
      // Whatever is wrong, the general path names it as it names every error.
    }
  }
  return detail::parse_cassette_general(text, source);
}

/// The JSON object of one interaction (a cassette element or a journal line), in the
/// current format. A completion's raw body is stored as JSON (a hand-made response whose raw
/// body is not JSON: the minimal body of its fields in the request's dialect); a failure
/// stores its error text, status and attempts (when known), and its raw body as JSON when it
/// is JSON, else as `body_text`. Throws CassetteError 8 when the request or the body nests
/// deeper than a cassette may hold (they sit 3 and 4 levels deep in one: see max_json_depth).
inline nlohmann::json to_json(const Interaction& i) {
  using synthbench::detail::first_too_deep;
  using synthbench::detail::max_json_depth;
  if (first_too_deep(i.request, max_json_depth - 3) != std::string::npos) throw_too_deep();
  nlohmann::json request = nlohmann::json::parse(i.request);
  const auto& r = i.response;
  const double ms = static_cast<double>(r.latency.count()) / 1000.0;
  nlohmann::json response = {{"latency_ms", ms}, {"outcome", llm::to_string(r.outcome)}};
  nlohmann::json body = nlohmann::json::parse(r.raw_body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_discarded() && first_too_deep(r.raw_body, max_json_depth - 4) != std::string::npos) throw_too_deep();
  if (!llm::is_failure(r.outcome)) {
    if (body.is_discarded() || !body.is_object()) {
      const auto provider = request.find("provider");
      body = llm::response_to_json(provider != request.end() && provider->is_string() ? provider->get<std::string>() : "",
                                   r);
    }
    response["body"] = std::move(body);
  } else {
    response["error"] = r.error;
    if (r.status != 0) response["status"] = r.status;
    if (r.attempts != 0) response["attempts"] = r.attempts;
    if (!body.is_discarded()) {
      response["body"] = std::move(body);
    } else if (!r.raw_body.empty()) {
      response["body_text"] = r.raw_body;
    }
  }
  nlohmann::json j = {{"replicate", i.replicate}, {"request", std::move(request)}, {"response", std::move(response)}};
  if (!i.recorded_at.empty()) j["recorded_at"] = i.recorded_at;
  return j;
}

/// Orders interactions as files store them: by request text, then replicate.
inline void sort_interactions(std::vector<Interaction>& interactions) {
  std::sort(interactions.begin(), interactions.end(), [](const Interaction& a, const Interaction& b) {
    const int c = a.request.compare(b.request);
    return c != 0 ? c < 0 : a.replicate < b.replicate;
  });
}

/// The file text of `cassette`: pretty, sorted, with hosts and models derived from the
/// interactions and `recorded_with` set to this version. Interactions are written sorted
/// (the argument is not reordered).
inline std::string dump_cassette(const Cassette& cassette) {
  std::vector<const Interaction*> order;
  order.reserve(cassette.interactions.size());
  for (const auto& i : cassette.interactions) order.push_back(&i);
  std::sort(order.begin(), order.end(), [](const Interaction* a, const Interaction* b) {
    const int c = a->request.compare(b->request);
    return c != 0 ? c < 0 : a->replicate < b->replicate;
  });
  std::set<std::string> hosts;
  std::set<std::string> models;
  nlohmann::json interactions = nlohmann::json::array();
  for (const Interaction* i : order) {
    nlohmann::json j = to_json(*i);
    if (const auto h = j["request"].find("host"); h != j["request"].end() && h->is_string()) hosts.insert(h->get<std::string>());
    if (!i->response.model.empty()) models.insert(i->response.model);
    interactions.push_back(std::move(j));
  }
  const std::string now = utc_now();
  nlohmann::json meta = {{"created_at", cassette.metadata.created_at.empty() ? now : cassette.metadata.created_at},
                         {"updated_at", cassette.metadata.updated_at.empty() ? now : cassette.metadata.updated_at},
                         {"recorded_with", "synthbench " SYNTHBENCH_VERSION_STRING},
                         {"hosts", std::vector<std::string>(hosts.begin(), hosts.end())},
                         {"models", std::vector<std::string>(models.begin(), models.end())}};
  if (!cassette.metadata.description.empty()) meta["description"] = cassette.metadata.description;
  const nlohmann::json doc = {{"format", format_version}, {"interactions", std::move(interactions)}, {"metadata", std::move(meta)}};
  try {
    return doc.dump(2) + "\n";
  } catch (const nlohmann::json::type_error& e) {
    throw CassetteError(4, std::string("a request or response holds text that is not UTF-8: ") + e.what());
  }
}

/// One journal line (compact interaction JSON and a newline).
inline std::string journal_line(const Interaction& i) { return canonical_text(to_json(i)) + "\n"; }

/// The interactions of a journal, in order. A line cut short by an interrupted write is
/// dropped and `torn_tail` set: the last line without its newline, and a line that ends
/// before its JSON value does or holds a NUL byte (earlier versions appended the next line
/// after such a fragment; a crash can leave zeros where the data did not reach the disk).
/// Any other bad line throws InputError 410 naming the file and "line N": invalid JSON, not
/// an interaction, or nested deeper than a cassette may hold (max_json_depth less the two
/// levels around an interaction in a cassette).
inline std::vector<Interaction> parse_journal(const std::string& text, const std::string& source, bool* torn_tail = nullptr) {
  std::vector<Interaction> out;
  if (torn_tail != nullptr) *torn_tail = false;
  std::size_t line = 0;
  for (std::size_t start = 0; start < text.size();) {
    ++line;
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      if (torn_tail != nullptr) *torn_tail = true;
      break;
    }
    const std::string content = text.substr(start, end - start);
    start = end + 1;
    if (content.empty()) continue;
    const std::string where = "line " + std::to_string(line);
    nlohmann::json j;
    try {
      j = synthbench::detail::parse_json_strict<nlohmann::json>(content, source, synthbench::detail::max_json_depth - 2);
    } catch (const InputError& e) {
      const bool cut = e.code() == 101 && (content.find('\0') != std::string::npos ||
                                           e.where() == synthbench::detail::line_and_column(content, content.size() + 1));
      if (cut) {
        if (torn_tail != nullptr) *torn_tail = true;
        continue;
      }
      std::string message = e.what();
      if (const auto colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
      // The line is parsed alone: its "line 1, column C" is column C of journal line `line`.
      const std::string inner = e.where().rfind("line 1, ", 0) == 0 ? e.where().substr(6) : std::string();
      throw InputError(410, source, where + inner, "not a JSON interaction: " + message);
    }
    try {
      const bool v1 = j.is_object() && j.contains("response") && j["response"].is_object() &&
                      !j["response"].contains("outcome");
      out.push_back(interaction_from_json(j, source, "", v1 ? 1 : format_version));
    } catch (const InputError& e) {
      std::string message = e.what();
      if (const auto colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
      throw InputError(410, source, where + (e.where().empty() ? "" : ", " + e.where()),
                       "bad interaction (" + e.id() + "): " + message);
    }
  }
  return out;
}

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_FORMAT_HPP
