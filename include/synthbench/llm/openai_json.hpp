#ifndef SYNTHBENCH_LLM_OPENAI_JSON_HPP
#define SYNTHBENCH_LLM_OPENAI_JSON_HPP

/// @file
/// ChatRequest and ChatResponse to and from the JSON of the OpenAI chat-completions API
/// (https://platform.openai.com/docs/api-reference/chat/create): the request body, and the
/// response body `{"id", "model", "choices": [{"message": {"content"}, "finish_reason"}],
/// "usage": {"prompt_tokens", "completion_tokens", "total_tokens"}}`.
///
/// Response parsing takes what it needs and tolerates what OpenAI-compatible servers leave
/// out (usage, model, finish_reason, a null content); a body that is not a chat completion
/// throws MalformedResponse naming the source and the position.

#include <chrono>   // std::chrono::microseconds
#include <cstdint>  // std::int64_t
#include <string>   // std::string

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/json_input.hpp"  // detail::parse_json_strict, describe_json, pointer_append
#include "synthbench/error.hpp"              // InputError
#include "synthbench/llm/chat.hpp"           // ChatRequest, ChatResponse, MalformedResponse
#include "synthbench/version.hpp"            // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

namespace detail {

/// Body keys that ChatRequest sends from named fields; `extra` may not repeat them.
inline bool is_named_request_field(const std::string& key) {
  static const char* const names[] = {"model", "messages", "temperature", "top_p", "max_tokens",
                                      "seed",  "stop",     "response_format", "tools"};
  for (const char* n : names) {
    if (key == n) return true;
  }
  return false;
}

}  // namespace detail

/// The JSON of one message: {"role", "content"} plus `extra`'s members (which win).
inline nlohmann::json to_openai_json(const ChatMessage& message) {
  if (!message.extra.is_object()) {
    throw LlmError(201, "ChatMessage::extra must be a JSON object, got " +
                            synthbench::detail::describe_json(message.extra));
  }
  nlohmann::json out = {{"role", message.role}, {"content", message.content}};
  for (const auto& [key, value] : message.extra.items()) out[key] = value;
  return out;
}

/// The request body of `POST /chat/completions`. Throws LlmError (synthbench.llm.201) when
/// `extra` is not an object or repeats a named field, (202) when the model is empty or there
/// is no message.
inline nlohmann::json to_openai_json(const ChatRequest& request) {
  if (request.model.empty()) throw LlmError(202, "a ChatRequest needs a model");
  if (request.messages.empty()) throw LlmError(202, "a ChatRequest needs at least one message");
  if (!request.extra.is_object()) {
    throw LlmError(201, "ChatRequest::extra must be a JSON object, got " +
                            synthbench::detail::describe_json(request.extra));
  }
  nlohmann::json body = nlohmann::json::object();
  body["model"] = request.model;
  body["messages"] = nlohmann::json::array();
  for (const auto& m : request.messages) body["messages"].push_back(to_openai_json(m));
  if (request.temperature) body["temperature"] = *request.temperature;
  if (request.top_p) body["top_p"] = *request.top_p;
  if (request.max_tokens) body["max_tokens"] = *request.max_tokens;
  if (request.seed) body["seed"] = *request.seed;
  if (!request.stop.empty()) body["stop"] = request.stop;
  if (!request.response_format.is_null()) body["response_format"] = request.response_format;
  if (!request.tools.is_null()) body["tools"] = request.tools;
  for (const auto& [key, value] : request.extra.items()) {
    if (detail::is_named_request_field(key)) {
      throw LlmError(201, "ChatRequest::extra repeats the field \"" + key + "\"; set the named member instead");
    }
    body[key] = value;
  }
  return body;
}

namespace detail {

[[noreturn]] inline void request_type_error(const std::string& source, const std::string& where,
                                            const std::string& expected, const nlohmann::json& got) {
  throw InputError(411, source, where, "expected " + expected + ", got " + synthbench::detail::describe_json(got));
}

inline double request_number(const nlohmann::json& v, const std::string& source, const std::string& where) {
  if (!v.is_number()) request_type_error(source, where, "a number", v);
  return v.get<double>();
}

inline std::int64_t request_integer(const nlohmann::json& v, const std::string& source, const std::string& where) {
  if (!v.is_number_integer()) request_type_error(source, where, "an integer", v);
  return v.get<std::int64_t>();
}

}  // namespace detail

/// A ChatMessage from its JSON object; `source` and `where` name it in errors. Throws
/// InputError 411 (wrong type) or 412 (missing role). A null or absent content reads as "";
/// a non-string content (an array of parts) is kept in `extra`.
inline ChatMessage chat_message_from_json(const nlohmann::json& j, const std::string& source, const std::string& where) {
  using synthbench::detail::pointer_append;
  if (!j.is_object()) detail::request_type_error(source, where, "a message object", j);
  ChatMessage m;
  const auto role = j.find("role");
  if (role == j.end()) throw InputError(412, source, where, "missing key \"role\"");
  if (!role->is_string()) detail::request_type_error(source, pointer_append(where, "role"), "a string", *role);
  m.role = role->get<std::string>();
  for (const auto& [key, value] : j.items()) {
    if (key == "role") continue;
    if (key == "content" && value.is_string()) {
      m.content = value.get<std::string>();
    } else if (key == "content" && value.is_null()) {
      // an assistant message with tool calls has a null content
    } else {
      m.extra[key] = value;
    }
  }
  return m;
}

/// A ChatRequest from a request body (the inverse of to_openai_json); unknown keys go to
/// `extra`. Throws InputError 411 (wrong type) or 412 (missing model or messages).
inline ChatRequest chat_request_from_openai_json(const nlohmann::json& body, const std::string& source) {
  using synthbench::detail::pointer_append;
  if (!body.is_object()) detail::request_type_error(source, "/", "a request object", body);
  ChatRequest r;
  const auto model = body.find("model");
  if (model == body.end()) throw InputError(412, source, "/", "missing key \"model\"");
  if (!model->is_string()) detail::request_type_error(source, "/model", "a string", *model);
  r.model = model->get<std::string>();
  const auto messages = body.find("messages");
  if (messages == body.end()) throw InputError(412, source, "/", "missing key \"messages\"");
  if (!messages->is_array()) detail::request_type_error(source, "/messages", "an array", *messages);
  for (std::size_t i = 0; i < messages->size(); ++i) {
    r.messages.push_back(chat_message_from_json((*messages)[i], source, pointer_append("/messages", i)));
  }
  for (const auto& [key, value] : body.items()) {
    const std::string where = pointer_append("", key);
    if (key == "model" || key == "messages") continue;
    if (key == "temperature") {
      r.temperature = detail::request_number(value, source, where);
    } else if (key == "top_p") {
      r.top_p = detail::request_number(value, source, where);
    } else if (key == "max_tokens") {
      r.max_tokens = detail::request_integer(value, source, where);
    } else if (key == "seed") {
      r.seed = detail::request_integer(value, source, where);
    } else if (key == "stop") {
      if (value.is_string()) {
        r.stop.push_back(value.get<std::string>());
      } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
          if (!value[i].is_string()) detail::request_type_error(source, pointer_append(where, i), "a string", value[i]);
          r.stop.push_back(value[i].get<std::string>());
        }
      } else if (!value.is_null()) {
        detail::request_type_error(source, where, "a string or an array of strings", value);
      }
    } else if (key == "response_format") {
      r.response_format = value;
    } else if (key == "tools") {
      r.tools = value;
    } else {
      r.extra[key] = value;
    }
  }
  return r;
}

/// A ChatResponse from a parsed chat-completion body. `raw_body` is kept as the response's
/// raw body; `source` names the origin in errors. Throws MalformedResponse: 102 when the
/// shape is wrong (with the JSON pointer), 103 when the body is an error object.
inline ChatResponse chat_response_from_json(const nlohmann::json& body, std::string raw_body, const std::string& source,
                                            std::chrono::microseconds latency = std::chrono::microseconds{0}) {
  using synthbench::detail::describe_json;
  const auto wrong = [&](const std::string& where, const std::string& expected, const nlohmann::json& got) {
    return MalformedResponse(102, source, where, "expected " + expected + ", got " + describe_json(got));
  };
  if (!body.is_object()) throw wrong("/", "a chat-completion object", body);
  if (const auto error = body.find("error"); error != body.end() && !error->is_null()) {
    std::string message = error->is_object() && error->contains("message") && (*error)["message"].is_string()
                              ? (*error)["message"].get<std::string>()
                              : error->dump();
    throw MalformedResponse(103, source, "/error", "the server answered with an error: " + message);
  }
  ChatResponse r;
  const auto choices = body.find("choices");
  if (choices == body.end()) throw MalformedResponse(102, source, "/", "missing key \"choices\"");
  if (!choices->is_array()) throw wrong("/choices", "an array", *choices);
  if (choices->empty()) throw MalformedResponse(102, source, "/choices", "no choice in the response");
  const auto& choice = (*choices)[0];
  if (!choice.is_object()) throw wrong("/choices/0", "an object", choice);
  const auto message = choice.find("message");
  if (message == choice.end()) throw MalformedResponse(102, source, "/choices/0", "missing key \"message\"");
  if (!message->is_object()) throw wrong("/choices/0/message", "an object", *message);
  if (const auto content = message->find("content"); content != message->end()) {
    if (content->is_string()) {
      r.content = content->get<std::string>();
    } else if (!content->is_null()) {
      throw wrong("/choices/0/message/content", "a string or null", *content);
    }
  }
  if (const auto finish = choice.find("finish_reason"); finish != choice.end()) {
    if (finish->is_string()) {
      r.finish_reason = finish->get<std::string>();
    } else if (!finish->is_null()) {
      throw wrong("/choices/0/finish_reason", "a string or null", *finish);
    }
  }
  if (const auto model = body.find("model"); model != body.end()) {
    if (model->is_string()) {
      r.model = model->get<std::string>();
    } else if (!model->is_null()) {
      throw wrong("/model", "a string", *model);
    }
  }
  if (const auto usage = body.find("usage"); usage != body.end() && !usage->is_null()) {
    if (!usage->is_object()) throw wrong("/usage", "an object", *usage);
    TokenUsage u;
    const auto count = [&](const char* key, std::int64_t& out) {
      const auto it = usage->find(key);
      if (it == usage->end() || it->is_null()) return;
      if (!it->is_number_integer() || it->get<std::int64_t>() < 0) {
        throw wrong(std::string("/usage/") + key, "a non-negative integer", *it);
      }
      out = it->get<std::int64_t>();
    };
    count("prompt_tokens", u.prompt_tokens);
    count("completion_tokens", u.completion_tokens);
    count("total_tokens", u.total_tokens);
    if (!usage->contains("total_tokens")) u.total_tokens = u.prompt_tokens + u.completion_tokens;
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
  nlohmann::json parsed;
  try {
    parsed = synthbench::detail::parse_json_strict<nlohmann::json>(body, source);
  } catch (const InputError& e) {
    throw MalformedResponse(101, source, e.where(), "the body is not JSON: " + body.substr(0, 200));
  }
  return chat_response_from_json(parsed, body, source, latency);
}

/// A minimal chat-completion body carrying `response` (used by tests and fake clients).
inline nlohmann::json to_openai_json(const ChatResponse& response) {
  nlohmann::json body = {{"object", "chat.completion"},
                         {"model", response.model},
                         {"choices",
                          {{{"index", 0},
                            {"message", {{"role", "assistant"}, {"content", response.content}}},
                            {"finish_reason", response.finish_reason.empty() ? nlohmann::json()
                                                                             : nlohmann::json(response.finish_reason)}}}}};
  if (response.usage) {
    body["usage"] = {{"prompt_tokens", response.usage->prompt_tokens},
                     {"completion_tokens", response.usage->completion_tokens},
                     {"total_tokens", response.usage->total_tokens}};
  }
  return body;
}

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_OPENAI_JSON_HPP
