#ifndef SYNTHBENCH_LLM_ANTHROPIC_JSON_HPP
#define SYNTHBENCH_LLM_ANTHROPIC_JSON_HPP

/// @file
/// ChatRequest and ChatResponse to and from the JSON of the Anthropic Messages API
/// (`POST /v1/messages`, https://docs.anthropic.com/en/api/messages).
///
/// **Request.** `{"model", "max_tokens", "system"?, "messages": [{"role", "content"}],
/// "temperature"?, "top_p"?, "stop_sequences"?, "tools"?}` plus `extra`'s members (`top_k`,
/// `thinking`, `metadata`, ...). System messages are joined (a blank line between them) into
/// `system`; the others keep their order, role and content (a message's `extra` members win, so
/// a content array of blocks goes through as it is). `max_tokens`, which the API requires,
/// defaults to anthropic_default_max_tokens. The API has no `seed` and no `response_format`:
/// they are not sent (they stay part of the cassette key).
///
/// **Response.** `{"id", "type": "message", "role", "model", "content": [blocks],
/// "stop_reason", "stop_sequence", "usage": {"input_tokens", "output_tokens",
/// "cache_creation_input_tokens", "cache_read_input_tokens"}}`. Content blocks are read by
/// content_parts.hpp (text joined, `thinking` kept apart as reasoning, `tool_use` as tool
/// calls). The outcome, from `stop_reason`:
///
/// | stop_reason | outcome |
/// | --- | --- |
/// | `refusal` | refusal (the text blocks are the refusal text; `content` is empty) |
/// | `max_tokens`, `model_context_window_exceeded` | length |
/// | `tool_use` (or any tool_use block) | tool_calls |
/// | `end_turn`, `stop_sequence`, `pause_turn`, anything else | answer |
///
/// Usage: prompt_tokens = input_tokens + cache_creation_input_tokens +
/// cache_read_input_tokens (Anthropic's `input_tokens` counts only the tokens after the last
/// cache breakpoint: "Prompt caching", docs.anthropic.com, "Tracking cache performance"),
/// cached_tokens = cache_read_input_tokens, completion_tokens = output_tokens, total_tokens =
/// their sum. The body's `finish_reason` is the `stop_reason` as sent.

#include <chrono>   // std::chrono::microseconds
#include <cstdint>  // std::int64_t
#include <string>   // std::string
#include <utility>  // std::move

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/json_input.hpp"    // detail::describe_json
#include "synthbench/llm/chat.hpp"             // ChatRequest, ChatResponse, LlmError, MalformedResponse
#include "synthbench/llm/content_parts.hpp"    // read_content_parts
#include "synthbench/llm/openai_json.hpp"      // detail::is_named_request_field, check_request_basics
#include "synthbench/llm/openai_response.hpp"  // detail::optional_string, optional_count, optional_object, parse_response_body
#include "synthbench/llm/outcome.hpp"          // Outcome
#include "synthbench/version.hpp"              // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

/// The `anthropic-version` header the Anthropic transport sends.
inline constexpr const char* anthropic_api_version = "2023-06-01";

/// `max_tokens` sent when a request leaves it unset (the Messages API requires one).
inline constexpr std::int64_t anthropic_default_max_tokens = 4096;

/// The request body of `POST /v1/messages` (see the file comment). Throws LlmError 202
/// without a model or messages, 201 when an `extra` is not an object or repeats a named
/// field.
inline nlohmann::json to_anthropic_json(const ChatRequest& request) {
  detail::check_request_basics(request);
  nlohmann::json body = nlohmann::json::object();
  body["model"] = request.model;
  body["max_tokens"] = request.max_tokens.value_or(anthropic_default_max_tokens);
  std::string system;
  nlohmann::json messages = nlohmann::json::array();
  for (const auto& m : request.messages) {
    if (!m.extra.is_object()) {
      throw LlmError(201, "ChatMessage::extra must be a JSON object, got " + synthbench::detail::describe_json(m.extra));
    }
    if (m.role == "system") {
      system += (system.empty() ? "" : "\n\n") + m.content;
      continue;
    }
    nlohmann::json message = {{"role", m.role}, {"content", m.content}};
    for (const auto& [key, value] : m.extra.items()) message[key] = value;
    messages.push_back(std::move(message));
  }
  if (!system.empty()) body["system"] = system;
  body["messages"] = std::move(messages);
  if (request.temperature) body["temperature"] = *request.temperature;
  if (request.top_p) body["top_p"] = *request.top_p;
  if (!request.stop.empty()) body["stop_sequences"] = request.stop;
  if (!request.tools.is_null()) body["tools"] = request.tools;
  for (const auto& [key, value] : request.extra.items()) {
    if (detail::is_named_request_field(key) || key == "system" || key == "stop_sequences") {
      throw LlmError(201, "ChatRequest::extra repeats the field \"" + key + "\"; set the named member instead");
    }
    body[key] = value;
  }
  return body;
}

/// A ChatResponse from a parsed Messages API body (see the file comment); `source` names it
/// in errors. Throws MalformedResponse 102 (wrong shape, with the JSON pointer) or 103 (an
/// error object: `{"type": "error", "error": {"type", "message"}}`).
inline ChatResponse anthropic_response_from_json(const nlohmann::json& body, std::string raw_body,
                                                 const std::string& source,
                                                 std::chrono::microseconds latency = std::chrono::microseconds{0}) {
  if (!body.is_object()) detail::wrong_shape(source, "/", "a message object", body);
  const auto error = body.find("error");
  const auto type = body.find("type");
  if ((error != body.end() && !error->is_null()) || (type != body.end() && *type == "error")) {
    std::string message = error != body.end() && error->is_object() && error->contains("message") &&
                                  (*error)["message"].is_string()
                              ? (*error)["message"].get<std::string>()
                              : (error != body.end() ? error->dump() : std::string("(no error object)"));
    throw MalformedResponse(103, source, "/error", "the server answered with an error: " + message);
  }
  const auto content = body.find("content");
  if (content == body.end()) throw MalformedResponse(102, source, "/", "missing key \"content\"");
  ContentParts parts = read_content_parts(*content, source, "/content");
  ChatChoice c;
  c.finish_reason = detail::optional_string(body, "stop_reason", source, "");
  c.reasoning = std::move(parts.reasoning);
  c.tool_calls = std::move(parts.tool_calls);
  if (c.finish_reason == "refusal") {
    c.outcome = Outcome::refusal;
    c.refusal = parts.refusal.empty() ? std::move(parts.text) : std::move(parts.refusal);
  } else {
    c.content = std::move(parts.text);
    c.refusal = std::move(parts.refusal);
    if (c.finish_reason == "max_tokens" || c.finish_reason == "model_context_window_exceeded") {
      c.outcome = Outcome::length;
    } else if (c.finish_reason == "tool_use" || !c.tool_calls.empty()) {
      c.outcome = Outcome::tool_calls;
    } else {
      c.outcome = Outcome::answer;
    }
  }
  ChatResponse r;
  r.choices.push_back(std::move(c));
  detail::take_first_choice(r);
  r.model = detail::optional_string(body, "model", source, "");
  if (const nlohmann::json* usage = detail::optional_object(body, "usage", source, "")) {
    std::int64_t input = 0, creation = 0, read = 0, output = 0;
    detail::optional_count(*usage, "input_tokens", input, source, "/usage");
    detail::optional_count(*usage, "cache_creation_input_tokens", creation, source, "/usage");
    detail::optional_count(*usage, "cache_read_input_tokens", read, source, "/usage");
    detail::optional_count(*usage, "output_tokens", output, source, "/usage");
    TokenUsage u;
    u.prompt_tokens = input + creation + read;
    u.completion_tokens = output;
    u.total_tokens = u.prompt_tokens + u.completion_tokens;
    u.cached_tokens = read;
    r.usage = u;
  }
  r.raw_body = std::move(raw_body);
  r.latency = latency;
  return r;
}

/// Parses a Messages API response body. Throws MalformedResponse 101 (not JSON), 102, 103.
inline ChatResponse parse_anthropic_response(const std::string& body, const std::string& source,
                                             std::chrono::microseconds latency = std::chrono::microseconds{0}) {
  return anthropic_response_from_json(detail::parse_response_body(body, source), body, source, latency);
}

/// A minimal Messages API body carrying `response`'s first choice, model and usage: what a
/// cassette stores for an Anthropic response made in code. Reading it back gives the same
/// fields (but for usage cache counts beyond cached_tokens).
inline nlohmann::json to_anthropic_json(const ChatResponse& response) {
  nlohmann::json blocks = nlohmann::json::array();
  if (!response.reasoning.empty()) blocks.push_back({{"type", "thinking"}, {"thinking", response.reasoning}});
  const std::string& text = response.outcome == Outcome::refusal ? response.refusal : response.content;
  if (!text.empty()) blocks.push_back({{"type", "text"}, {"text", text}});
  for (const auto& t : response.tool_calls) {
    nlohmann::json input = nlohmann::json::object();
    try {
      input = nlohmann::json::parse(t.arguments.empty() ? std::string("{}") : t.arguments);
    } catch (const nlohmann::json::parse_error&) {
      input = t.arguments;  // read back as the same text
    }
    blocks.push_back({{"type", "tool_use"}, {"id", t.id}, {"name", t.name}, {"input", std::move(input)}});
  }
  std::string stop = response.finish_reason;
  if (stop.empty()) {
    switch (response.outcome) {
      case Outcome::refusal: stop = "refusal"; break;
      case Outcome::length: stop = "max_tokens"; break;
      case Outcome::tool_calls: stop = "tool_use"; break;
      default: stop = "end_turn"; break;
    }
  }
  nlohmann::json body = {{"type", "message"},  {"role", "assistant"},    {"model", response.model},
                         {"content", blocks}, {"stop_reason", stop}, {"stop_sequence", nullptr}};
  if (response.usage) {
    body["usage"] = {{"input_tokens", response.usage->prompt_tokens - response.usage->cached_tokens},
                     {"output_tokens", response.usage->completion_tokens}};
    if (response.usage->cached_tokens != 0) body["usage"]["cache_read_input_tokens"] = response.usage->cached_tokens;
  }
  return body;
}

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_ANTHROPIC_JSON_HPP
