#ifndef SYNTHBENCH_LLM_OPENAI_JSON_HPP
#define SYNTHBENCH_LLM_OPENAI_JSON_HPP

/// @file
/// ChatRequest to and from the request body of the OpenAI chat-completions API
/// (https://platform.openai.com/docs/api-reference/chat/create). Response bodies are read
/// by openai_response.hpp, included here.

#include <cstdint>  // std::int64_t
#include <string>   // std::string

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/json_input.hpp"  // detail::parse_json_strict, describe_json, pointer_append
#include "synthbench/error.hpp"              // InputError
#include "synthbench/llm/chat.hpp"           // ChatRequest, ChatResponse, MalformedResponse
#include "synthbench/llm/openai_response.hpp"  // chat_response_from_json, parse_openai_response (responses)
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

/// What every provider's request body needs: LlmError 202 without a model or a message, 201
/// when `extra` is not a JSON object.
inline void check_request_basics(const ChatRequest& request) {
  if (request.model.empty()) throw LlmError(202, "a ChatRequest needs a model");
  if (request.messages.empty()) throw LlmError(202, "a ChatRequest needs at least one message");
  if (!request.extra.is_object()) {
    throw LlmError(201, "ChatRequest::extra must be a JSON object, got " +
                            synthbench::detail::describe_json(request.extra));
  }
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
  detail::check_request_basics(request);
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

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_OPENAI_JSON_HPP
