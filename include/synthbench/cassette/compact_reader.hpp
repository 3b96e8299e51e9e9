#ifndef SYNTHBENCH_CASSETTE_COMPACT_READER_HPP
#define SYNTHBENCH_CASSETTE_COMPACT_READER_HPP

/// @file
/// The fast path of parse_cassette (format_parse.hpp): a cassette file as synthbench writes it
/// (dump_cassette: nlohmann's dump(2), keys sorted) read with CompactJsonScanner, one
/// interaction at a time, with no DOM. Interactions of the common shape (an OpenAI
/// completion without content arrays or tool calls) are read directly; the others are
/// handed to interaction_from_json one at a time. It accepts only what the general path
/// accepts and gives the same result (tests/unit/cassette/compact_reader_test.cpp, and the
/// cassette fuzzer compares the two on every input); on anything else, whether the file is
/// in another form (hand-edited, other escapes or number forms) or wrong, it returns nothing
/// (or parse_cassette, converting a deferred interaction, meets an error) and parse_cassette
/// takes the general path, which names the error.

#include <chrono>       // std::chrono::microseconds
#include <cmath>        // std::llround
#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t
#include <optional>     // std::optional
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "synthbench/cassette/compact_json.hpp"  // detail::CompactJsonScanner
#include "synthbench/cassette/interaction.hpp"   // Interaction, format_version
#include "synthbench/llm/chat.hpp"               // llm::ChatResponse, llm::ChatChoice, llm::TokenUsage
#include "synthbench/llm/openai_response.hpp"    // llm::detail::openai_choice_outcome, take_first_choice
#include "synthbench/llm/outcome.hpp"            // llm::to_string(Outcome)
#include "synthbench/version.hpp"                // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {
namespace detail {

/// What the fast path read: the interactions, the format version, the interactions it left
/// to the general code (their index and compact text: interaction_from_json converts them
/// one at a time), and the metadata object as compact text (the general path's code converts
/// it: it is small and read once).
struct CompactCassette {
  int format = format_version;
  std::vector<Interaction> interactions;  ///< the deferred ones are placeholders
  std::vector<std::pair<std::size_t, std::string>> deferred;
  std::string metadata;
};

/// Reads values of one scanned interaction into an Interaction, giving exactly what
/// interaction_from_json gives. It reads the common shape directly: an OpenAI completion
/// whose choices all have a message with a string or null content, string or null refusal
/// and reasoning, and no tool call. Anything else (a failure, a content array, tool calls,
/// another provider, and anything malformed) it declines (false), and the interaction is
/// converted by interaction_from_json, which also names every error.
class CompactInteractionReader {
 public:
  using Kind = CompactValue::Kind;

  explicit CompactInteractionReader(const CompactJsonScanner& s) : s_(s) {}

  bool read(std::size_t root, Interaction& out, int format) const {
    if (kind(root) != Kind::object) return false;
    std::size_t request = npos, replicate = npos, response = npos;
    bool ok = true;
    s_.for_each_member(root, [&](std::string_view key, std::size_t v) {
      if (key == "recorded_at") {
        ok = ok && kind(v) == Kind::string;
        if (ok) out.recorded_at = s_.string(v);
      } else if (key == "replicate") {
        replicate = v;
      } else if (key == "request") {
        request = v;
      } else if (key == "response") {
        response = v;
      } else {
        ok = false;  // an unknown key
      }
    });
    if (!ok || request == npos || replicate == npos || response == npos) return false;
    if (!valid_request(request)) return false;
    // interaction_from_json reads the replicate as long long: it must be >= 0 there.
    if (kind(replicate) != Kind::integer || value(replicate).negative || value(replicate).magnitude > max_signed) {
      return false;
    }
    out.request = std::string(s_.text(request));
    out.replicate = static_cast<std::size_t>(value(replicate).magnitude);
    return read_response(response, out.response, format);
  }

 private:
  static constexpr std::size_t npos = CompactJsonScanner::npos;
  static constexpr std::uint64_t max_signed = static_cast<std::uint64_t>(INT64_MAX);

  const CompactValue& value(std::size_t i) const { return s_.values()[i]; }
  Kind kind(std::size_t i) const { return s_.values()[i].kind; }
  bool is_number(std::size_t i) const { return kind(i) == Kind::integer || kind(i) == Kind::number; }
  bool is_null_or(std::size_t i, Kind k) const { return kind(i) == Kind::null || kind(i) == k; }
  // The string value of member `key` of `object` into `out` ("" when absent or null); false
  // when it is something else.
  bool optional_string(std::size_t object, std::string_view key, std::string& out) const {
    const std::size_t v = s_.member(object, key);
    if (v == npos || kind(v) == Kind::null) return true;
    if (kind(v) != Kind::string) return false;
    out = s_.string(v);
    return true;
  }
  // A non-negative integer as llm::detail::optional_count reads it; false when not one.
  bool optional_count(std::size_t object, std::string_view key, std::int64_t& n) const {
    const std::size_t c = s_.member(object, key);
    if (c == npos || kind(c) == Kind::null) return true;
    if (kind(c) != Kind::integer || value(c).negative || value(c).magnitude > max_signed) return false;
    n = static_cast<std::int64_t>(value(c).magnitude);
    return true;
  }

  // detail::check_request in format_read.hpp, plus: the provider is "openai" (the dialect read here).
  bool valid_request(std::size_t r) const {
    if (kind(r) != Kind::object) return false;
    bool ok = true;
    int named = 0;  // provider, host, model
    bool messages = false;
    s_.for_each_member(r, [&](std::string_view key, std::size_t v) {
      if (!ok) return;
      if (key == "provider" || key == "host" || key == "model") {
        ok = kind(v) == Kind::string && (key != "provider" || s_.text(v) == "\"openai\"");
        ++named;
      } else if (key == "messages") {
        messages = true;
        ok = kind(v) == Kind::array;
        if (ok) {
          s_.for_each_element(v, [&](std::size_t m) {
            if (kind(m) != Kind::object) {
              ok = false;
              return;
            }
            const std::size_t role = s_.member(m, "role");
            ok = ok && role != npos && kind(role) == Kind::string;
          });
        }
      } else if (key == "temperature" || key == "top_p") {
        ok = is_number(v);
      } else if (key == "max_tokens" || key == "seed") {
        ok = kind(v) == Kind::integer;
      } else if (key == "stop") {
        ok = kind(v) == Kind::array;
        if (ok) s_.for_each_element(v, [&](std::size_t e) { ok = ok && kind(e) == Kind::string; });
      } else if (key == "extra") {
        ok = kind(v) == Kind::object;
      } else if (key != "response_format" && key != "tools") {
        ok = false;  // an unknown key
      }
    });
    return ok && named == 3 && messages;
  }

  // The response object of detail::response_from_json (format_read.hpp) for a completion.
  bool read_response(std::size_t r, llm::ChatResponse& out, int format) const {
    if (kind(r) != Kind::object) return false;
    const std::size_t body = s_.member(r, "body"), latency = s_.member(r, "latency_ms");
    const std::size_t outcome = format >= 2 ? s_.member(r, "outcome") : npos;
    std::size_t members = 0;
    s_.for_each_member(r, [&](std::string_view, std::size_t) { ++members; });
    if (body == npos || latency == npos || members != (format >= 2 ? 3u : 2u) || !is_number(latency)) return false;
    if (format >= 2 && (outcome == npos || kind(outcome) != Kind::string)) return false;
    const CompactValue& l = value(latency);
    if (l.kind == Kind::integer && l.negative) return false;
    const double ms = l.kind == Kind::integer ? static_cast<double>(l.magnitude) : l.number;
    if (ms < 0) return false;
    if (!read_body(body, out)) return false;
    if (format >= 2 && s_.string(outcome) != llm::to_string(out.outcome)) return false;
    out.raw_body = std::string(s_.text(body));
    out.latency = std::chrono::microseconds(std::llround(ms * 1000.0));
    out.replayed = true;
    return true;
  }

  // llm::detail::openai_choice for a choice with a message and no tool call.
  bool read_choice(std::size_t choice, llm::ChatChoice& c) const {
    if (kind(choice) != Kind::object) return false;
    if (!optional_string(choice, "finish_reason", c.finish_reason)) return false;
    const std::size_t message = s_.member(choice, "message");
    if (message == npos || kind(message) != Kind::object) return false;
    if (const std::size_t content = s_.member(message, "content"); content != npos) {
      if (!is_null_or(content, Kind::string)) return false;
      if (kind(content) == Kind::string) c.content = s_.string(content);
    }
    if (!optional_string(message, "refusal", c.refusal)) return false;
    for (const char* key : {"reasoning_content", "reasoning"}) {
      if (!c.reasoning.empty()) break;
      if (!optional_string(message, key, c.reasoning)) return false;
    }
    if (const std::size_t calls = s_.member(message, "tool_calls"); calls != npos && kind(calls) != Kind::null) {
      if (kind(calls) != Kind::array || value(calls).next != calls + 1) return false;  // tool calls: the general code
    }
    if (const std::size_t legacy = s_.member(message, "function_call"); legacy != npos && kind(legacy) != Kind::null) {
      return false;
    }
    c.outcome = llm::detail::openai_choice_outcome(c.finish_reason, c.refusal, false);
    return true;
  }

  // llm::chat_response_from_json for the bodies read_choice takes.
  bool read_body(std::size_t b, llm::ChatResponse& out) const {
    if (kind(b) != Kind::object) return false;
    if (const std::size_t error = s_.member(b, "error"); error != npos && kind(error) != Kind::null) return false;
    const std::size_t choices = s_.member(b, "choices");
    if (choices == npos || kind(choices) != Kind::array || value(choices).next == choices + 1) return false;
    bool ok = true;
    s_.for_each_element(choices, [&](std::size_t choice) {
      if (!ok) return;
      llm::ChatChoice c;
      ok = read_choice(choice, c);
      if (ok) out.choices.push_back(std::move(c));
    });
    if (!ok) return false;
    llm::detail::take_first_choice(out);
    if (!optional_string(b, "model", out.model)) return false;
    if (const std::size_t usage = s_.member(b, "usage"); usage != npos && kind(usage) != Kind::null) {
      if (kind(usage) != Kind::object) return false;
      llm::TokenUsage u;
      if (!optional_count(usage, "prompt_tokens", u.prompt_tokens) ||
          !optional_count(usage, "completion_tokens", u.completion_tokens) ||
          !optional_count(usage, "total_tokens", u.total_tokens)) {
        return false;
      }
      if (s_.member(usage, "total_tokens") == npos) u.total_tokens = u.prompt_tokens + u.completion_tokens;
      const auto details = [&](std::string_view key, std::string_view count, std::int64_t& n) {
        const std::size_t d = s_.member(usage, key);
        if (d == npos || kind(d) == Kind::null) return true;
        return kind(d) == Kind::object && optional_count(d, count, n);
      };
      if (!details("prompt_tokens_details", "cached_tokens", u.cached_tokens) ||
          !details("completion_tokens_details", "reasoning_tokens", u.reasoning_tokens)) {
        return false;
      }
      out.usage = u;
    }
    return true;
  }

  const CompactJsonScanner& s_;
};

/// A cassette file's text read by the fast path, or nothing when it is not exactly in the
/// form dump_cassette writes (see the file comment).
inline std::optional<CompactCassette> read_compact_cassette(std::string_view text) {
  std::size_t pos = 0;
  const auto skip_whitespace = [&] {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' || text[pos] == '\t')) ++pos;
  };
  // Whitespace, then `token` (which holds none).
  const auto expect = [&](std::string_view token) {
    skip_whitespace();
    if (text.compare(pos, token.size(), token) != 0) return false;
    pos += token.size();
    return true;
  };
  // What follows the document is checked at the end; refuse a wrong end before reading it all.
  const std::size_t last = text.find_last_not_of(" \n\r\t");
  if (last == std::string_view::npos || text[last] != '}') return std::nullopt;
  CompactJsonScanner scanner;
  CompactInteractionReader reader(scanner);
  CompactCassette out;
  // {"format": N, "interactions": [...], "metadata": {...}}: the keys in dump()'s order.
  if (!expect("{") || !expect("\"format\"") || !expect(":")) return std::nullopt;
  skip_whitespace();
  if (pos >= text.size() || text[pos] < '0' + oldest_format_version || text[pos] > '0' + format_version) return std::nullopt;
  out.format = text[pos++] - '0';
  if (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') return std::nullopt;  // 10, 100, ...
  if (!expect(",") || !expect("\"interactions\"") || !expect(":") || !expect("[")) return std::nullopt;
  skip_whitespace();
  if (pos < text.size() && text[pos] == ']') {
    ++pos;
  } else {
    scanner.set_depth_limit(synthbench::detail::max_json_depth - 2);  // inside {"interactions": [...]}
    while (true) {
      scanner.clear();
      Interaction i;
      if (!scanner.scan(text, pos)) return std::nullopt;
      if (!reader.read(0, i, out.format)) {
        out.deferred.emplace_back(out.interactions.size(), scanner.compact());
        i = Interaction{};
      }
      out.interactions.push_back(std::move(i));
      skip_whitespace();
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        continue;
      }
      if (!expect("]")) return std::nullopt;
      break;
    }
  }
  if (!expect(",") || !expect("\"metadata\"") || !expect(":")) return std::nullopt;
  scanner.clear();
  scanner.set_depth_limit(synthbench::detail::max_json_depth - 1);  // inside the root object
  if (!scanner.scan(text, pos) || scanner.values()[0].kind != CompactValue::Kind::object) return std::nullopt;
  out.metadata = scanner.compact();
  if (!expect("}")) return std::nullopt;
  skip_whitespace();
  if (pos != text.size()) return std::nullopt;
  return out;
}

}  // namespace detail
}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_COMPACT_READER_HPP
