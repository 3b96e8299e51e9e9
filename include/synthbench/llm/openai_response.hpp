#ifndef SYNTHBENCH_LLM_OPENAI_RESPONSE_HPP
#define SYNTHBENCH_LLM_OPENAI_RESPONSE_HPP

/// @file
/// ChatResponse from and to the response body of the OpenAI chat-completions API
/// (https://platform.openai.com/docs/api-reference/chat/object) and of the servers that
/// speak it (Azure OpenAI, vLLM, llama.cpp, Ollama, TGI, Groq, DeepSeek, OpenRouter, ...):
///
///     {"id", "model", "choices": [{"index", "message": {"content", "refusal", "reasoning_content",
///      "tool_calls"}, "finish_reason"}], "usage": {"prompt_tokens", "completion_tokens",
///      "total_tokens", "prompt_tokens_details": {"cached_tokens"},
///      "completion_tokens_details": {"reasoning_tokens"}}}
///
/// Every choice is read (n > 1). Per choice: `content` is a string, null, or an array of
/// parts (content_parts.hpp); a choice without `message` (Azure's content filter) reads as
/// empty; the reasoning is the first non-empty of `reasoning_content`, `reasoning` and the
/// content's thinking parts, never mixed into `content`; `tool_calls` (and the legacy
/// `function_call`) become ToolCalls. The choice's outcome:
///
/// | outcome | when (first match) |
/// | --- | --- |
/// | content_filter | `finish_reason` is "content_filter" |
/// | refusal | `message.refusal` (or a refusal part) is a non-empty string |
/// | length | `finish_reason` is "length" |
/// | tool_calls | a tool call, or `finish_reason` "tool_calls" / "function_call" |
/// | answer | otherwise |
///
/// Every other member (ids, `logprobs`, `content_filter_results`, `x_groq`, `timings`, ...)
/// stays in the raw body. A body that is not a chat completion throws MalformedResponse
/// naming the source and the JSON pointer.

#include <chrono>   // std::chrono::microseconds
#include <cstddef>  // std::size_t
#include <cstdint>  // std::int64_t
#include <string>   // std::string
#include <utility>  // std::move

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/json_input.hpp"  // detail::parse_json_strict, describe_json, pointer_append
#include "synthbench/error.hpp"              // InputError
#include "synthbench/llm/chat.hpp"           // ChatResponse, ChatChoice, ToolCall, TokenUsage, MalformedResponse
#include "synthbench/llm/content_parts.hpp"  // read_content_parts, detail::wrong_shape, detail::reasoning_text
#include "synthbench/llm/outcome.hpp"        // Outcome
#include "synthbench/version.hpp"            // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

namespace detail {

inline std::string optional_string(const nlohmann::json& object, const char* key, const std::string& source,
                                   const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) wrong_shape(source, synthbench::detail::pointer_append(where, key), "a string or null", *it);
  return it->get<std::string>();
}

/// A non-negative integer member into `out` (absent or null leaves it); false when absent or null.
inline bool optional_count(const nlohmann::json& object, const char* key, std::int64_t& out, const std::string& source,
                           const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return false;
  if (!it->is_number_integer() || it->get<std::int64_t>() < 0) {
    wrong_shape(source, synthbench::detail::pointer_append(where, key), "a non-negative integer", *it);
  }
  out = it->get<std::int64_t>();
  return true;
}

/// The object member `key` of `object`, or nullptr when absent or null; throws when it is
/// something else.
inline const nlohmann::json* optional_object(const nlohmann::json& object, const char* key, const std::string& source,
                                             const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  if (!it->is_object()) wrong_shape(source, synthbench::detail::pointer_append(where, key), "an object or null", *it);
  return &*it;
}

inline ToolCall openai_tool_call(const nlohmann::json& call, const std::string& source, const std::string& where) {
  if (!call.is_object()) wrong_shape(source, where, "a tool call object", call);
  ToolCall t;
  t.id = optional_string(call, "id", source, where);
  t.type = optional_string(call, "type", source, where);
  if (const nlohmann::json* function = optional_object(call, "function", source, where)) {
    const std::string at = synthbench::detail::pointer_append(where, "function");
    t.name = optional_string(*function, "name", source, at);
    if (const auto args = function->find("arguments"); args != function->end() && !args->is_null()) {
      // OpenAI sends a string of JSON; some servers send the object itself.
      t.arguments = args->is_string() ? args->get<std::string>() : args->dump();
    }
  }
  return t;
}

/// The outcome of an OpenAI choice (the table of the file comment).
inline Outcome openai_choice_outcome(const std::string& finish_reason, const std::string& refusal, bool has_tool_calls) {
  if (finish_reason == "content_filter") return Outcome::content_filter;
  if (!refusal.empty()) return Outcome::refusal;
  if (finish_reason == "length") return Outcome::length;
  if (has_tool_calls || finish_reason == "tool_calls" || finish_reason == "function_call") return Outcome::tool_calls;
  return Outcome::answer;
}

/// One choice of an OpenAI chat-completion body (see the file comment).
inline ChatChoice openai_choice(const nlohmann::json& choice, const std::string& source, const std::string& where) {
  using synthbench::detail::pointer_append;
  if (!choice.is_object()) wrong_shape(source, where, "an object", choice);
  ChatChoice c;
  c.finish_reason = optional_string(choice, "finish_reason", source, where);
  std::string part_reasoning;
  std::string part_refusal;
  if (const nlohmann::json* message = optional_object(choice, "message", source, where)) {
    const std::string at = pointer_append(where, "message");
    if (const auto content = message->find("content"); content != message->end() && !content->is_null()) {
      if (content->is_string()) {
        c.content = content->get<std::string>();
      } else if (content->is_array()) {
        ContentParts parts = read_content_parts(*content, source, pointer_append(at, "content"));
        c.content = std::move(parts.text);
        part_reasoning = std::move(parts.reasoning);
        part_refusal = std::move(parts.refusal);
        c.tool_calls = std::move(parts.tool_calls);
      } else {
        wrong_shape(source, pointer_append(at, "content"), "a string, null or an array of parts", *content);
      }
    }
    c.refusal = optional_string(*message, "refusal", source, at);
    if (c.refusal.empty()) c.refusal = std::move(part_refusal);
    for (const char* key : {"reasoning_content", "reasoning"}) {
      if (!c.reasoning.empty()) break;
      if (const auto it = message->find(key); it != message->end()) {
        c.reasoning = reasoning_text(*it, source, pointer_append(at, key));
      }
    }
    if (c.reasoning.empty()) c.reasoning = std::move(part_reasoning);
    if (const auto calls = message->find("tool_calls"); calls != message->end() && !calls->is_null()) {
      if (!calls->is_array()) wrong_shape(source, pointer_append(at, "tool_calls"), "an array or null", *calls);
      for (std::size_t i = 0; i < calls->size(); ++i) {
        c.tool_calls.push_back(openai_tool_call((*calls)[i], source, pointer_append(pointer_append(at, "tool_calls"), i)));
      }
    }
    if (const nlohmann::json* legacy = optional_object(*message, "function_call", source, at)) {
      ToolCall t;
      t.type = "function";
      t.name = optional_string(*legacy, "name", source, pointer_append(at, "function_call"));
      if (const auto args = legacy->find("arguments"); args != legacy->end() && !args->is_null()) {
        t.arguments = args->is_string() ? args->get<std::string>() : args->dump();
      }
      c.tool_calls.push_back(std::move(t));
    }
  }
  c.outcome = openai_choice_outcome(c.finish_reason, c.refusal, !c.tool_calls.empty());
  return c;
}

/// Copies the first choice's fields to the response's own.
inline void take_first_choice(ChatResponse& r) {
  const ChatChoice& first = r.choices.front();
  r.outcome = first.outcome;
  r.content = first.content;
  r.finish_reason = first.finish_reason;
  r.refusal = first.refusal;
  r.reasoning = first.reasoning;
  r.tool_calls = first.tool_calls;
}

/// A response body parsed strictly; MalformedResponse 101 (with line and column) when it is not
/// JSON. Every provider's parser starts here.
inline nlohmann::json parse_response_body(const std::string& body, const std::string& source) {
  nlohmann::json parsed;
  try {
    parsed = synthbench::detail::parse_json_strict<nlohmann::json>(body, source);
  } catch (const InputError& e) {
    throw MalformedResponse(101, source, e.where(), "the body is not JSON: " + body.substr(0, 200));
  }
  return parsed;
}

}  // namespace detail

/// A ChatResponse from a parsed OpenAI chat-completion body (see the file comment).
/// `raw_body` is kept as the response's raw body; `source` names the origin in errors.
/// Throws MalformedResponse: 102 when the shape is wrong (with the JSON pointer), 103 when
/// the body is an error object.
inline ChatResponse chat_response_from_json(const nlohmann::json& body, std::string raw_body, const std::string& source,
                                            std::chrono::microseconds latency = std::chrono::microseconds{0}) {
  using synthbench::detail::pointer_append;
  if (!body.is_object()) detail::wrong_shape(source, "/", "a chat-completion object", body);
  if (const auto error = body.find("error"); error != body.end() && !error->is_null()) {
    std::string message = error->is_object() && error->contains("message") && (*error)["message"].is_string()
                              ? (*error)["message"].get<std::string>()
                              : error->dump();
    throw MalformedResponse(103, source, "/error", "the server answered with an error: " + message);
  }
  ChatResponse r;
  const auto choices = body.find("choices");
  if (choices == body.end()) throw MalformedResponse(102, source, "/", "missing key \"choices\"");
  if (!choices->is_array()) detail::wrong_shape(source, "/choices", "an array", *choices);
  if (choices->empty()) throw MalformedResponse(102, source, "/choices", "no choice in the response");
  r.choices.reserve(choices->size());
  for (std::size_t i = 0; i < choices->size(); ++i) {
    r.choices.push_back(detail::openai_choice((*choices)[i], source, pointer_append("/choices", i)));
  }
  detail::take_first_choice(r);
  r.model = detail::optional_string(body, "model", source, "");
  if (const nlohmann::json* usage = detail::optional_object(body, "usage", source, "")) {
    TokenUsage u;
    detail::optional_count(*usage, "prompt_tokens", u.prompt_tokens, source, "/usage");
    detail::optional_count(*usage, "completion_tokens", u.completion_tokens, source, "/usage");
    detail::optional_count(*usage, "total_tokens", u.total_tokens, source, "/usage");
    // Absent: the sum; null (reported as unknown): 0, as read since format 1.
    if (!usage->contains("total_tokens")) u.total_tokens = u.prompt_tokens + u.completion_tokens;
    if (const auto* d = detail::optional_object(*usage, "prompt_tokens_details", source, "/usage")) {
      detail::optional_count(*d, "cached_tokens", u.cached_tokens, source, "/usage/prompt_tokens_details");
    }
    if (const auto* d = detail::optional_object(*usage, "completion_tokens_details", source, "/usage")) {
      detail::optional_count(*d, "reasoning_tokens", u.reasoning_tokens, source, "/usage/completion_tokens_details");
    }
    r.usage = u;
  }
  r.raw_body = std::move(raw_body);
  r.latency = latency;
  return r;
}

/// Parses a chat-completion response body. Throws MalformedResponse 101 (not JSON, with
/// line and column), 102 (wrong shape, with the JSON pointer) or 103 (an error object).
inline ChatResponse parse_openai_response(const std::string& body, const std::string& source,
                                          std::chrono::microseconds latency = std::chrono::microseconds{0}) {
  return chat_response_from_json(detail::parse_response_body(body, source), body, source, latency);
}

namespace detail {

inline nlohmann::json openai_choice_json(const ChatChoice& c, std::size_t index) {
  nlohmann::json message = {{"role", "assistant"},
                            {"content", c.content.empty() && (!c.refusal.empty() || !c.tool_calls.empty())
                                            ? nlohmann::json()
                                            : nlohmann::json(c.content)}};
  if (!c.refusal.empty()) message["refusal"] = c.refusal;
  if (!c.reasoning.empty()) message["reasoning_content"] = c.reasoning;
  if (!c.tool_calls.empty()) {
    message["tool_calls"] = nlohmann::json::array();
    for (const auto& t : c.tool_calls) {
      message["tool_calls"].push_back({{"id", t.id},
                                       {"type", t.type.empty() ? std::string("function") : t.type},
                                       {"function", {{"name", t.name}, {"arguments", t.arguments}}}});
    }
  }
  std::string finish = c.finish_reason;
  if (finish.empty() && c.outcome == Outcome::content_filter) finish = "content_filter";
  if (finish.empty() && c.outcome == Outcome::length) finish = "length";
  return {{"index", index},
          {"message", std::move(message)},
          {"finish_reason", finish.empty() ? nlohmann::json() : nlohmann::json(finish)}};
}

}  // namespace detail

/// A minimal chat-completion body carrying `response`'s choices (its first choice when it
/// has none), model and usage: what a cassette stores for a response made in code (a test
/// double, an adapter without a raw body). Reading it back gives the same fields.
inline nlohmann::json to_openai_json(const ChatResponse& response) {
  nlohmann::json choices = nlohmann::json::array();
  if (response.choices.empty()) {
    ChatChoice first;
    first.outcome = response.outcome;
    first.content = response.content;
    first.finish_reason = response.finish_reason;
    first.refusal = response.refusal;
    first.reasoning = response.reasoning;
    first.tool_calls = response.tool_calls;
    choices.push_back(detail::openai_choice_json(first, 0));
  } else {
    for (std::size_t i = 0; i < response.choices.size(); ++i) {
      choices.push_back(detail::openai_choice_json(response.choices[i], i));
    }
  }
  nlohmann::json body = {{"object", "chat.completion"}, {"model", response.model}, {"choices", std::move(choices)}};
  if (response.usage) {
    body["usage"] = {{"prompt_tokens", response.usage->prompt_tokens},
                     {"completion_tokens", response.usage->completion_tokens},
                     {"total_tokens", response.usage->total_tokens}};
    if (response.usage->cached_tokens != 0) {
      body["usage"]["prompt_tokens_details"] = {{"cached_tokens", response.usage->cached_tokens}};
    }
    if (response.usage->reasoning_tokens != 0) {
      body["usage"]["completion_tokens_details"] = {{"reasoning_tokens", response.usage->reasoning_tokens}};
    }
  }
  return body;
}

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_OPENAI_RESPONSE_HPP
