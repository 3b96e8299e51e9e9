#ifndef SYNTHBENCH_LLM_CONTENT_PARTS_HPP
#define SYNTHBENCH_LLM_CONTENT_PARTS_HPP

/// @file
/// Reading a content that is an array of typed parts, as OpenAI-compatible reasoning models
/// send it (Mistral: `[{"type": "thinking", "thinking": [...]}, {"type": "text", "text":
/// "..."}]`) and as the Anthropic Messages API always does (content blocks):
///
/// | part `type` | goes to |
/// | --- | --- |
/// | `text`, `output_text` (and a bare string) | the answer: text parts are joined, in order, with nothing between them |
/// | `thinking`, `reasoning` | the reasoning (its `thinking`, `reasoning` or `text` member: a string, or an array of parts whose text is taken) |
/// | `redacted_thinking` | nothing (its content is encrypted) |
/// | `refusal` | the refusal text (its `refusal` member) |
/// | `tool_use` | a tool call (Anthropic: `id`, `name`, `input`) |
///
/// Other types (images, audio, citations, server tool results, types not yet invented) are
/// skipped: they stay in the raw body. Reasoning never reaches the answer the parsers read.

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <vector>   // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/json_input.hpp"  // detail::describe_json, pointer_append
#include "synthbench/llm/chat.hpp"           // ToolCall, MalformedResponse
#include "synthbench/version.hpp"            // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

/// What an array of content parts holds, by destination.
struct ContentParts {
  std::string text;                  ///< the text parts, joined
  std::string reasoning;             ///< the reasoning parts, joined
  std::string refusal;               ///< the refusal parts, joined
  std::vector<ToolCall> tool_calls;  ///< tool_use parts, in order
};

namespace detail {

[[noreturn]] inline void wrong_shape(const std::string& source, const std::string& where, const std::string& expected,
                                     const nlohmann::json& got) {
  throw MalformedResponse(102, source, where, "expected " + expected + ", got " + synthbench::detail::describe_json(got));
}

/// The text of a reasoning part's value: a string, or an array of strings and parts whose
/// `text` (or `thinking`) members are taken.
inline std::string reasoning_text(const nlohmann::json& value, const std::string& source, const std::string& where) {
  using synthbench::detail::pointer_append;
  if (value.is_null()) return {};
  if (value.is_string()) return value.get<std::string>();
  if (!value.is_array()) wrong_shape(source, where, "a string or an array of parts", value);
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto& e = value[i];
    if (e.is_string()) {
      out += e.get<std::string>();
      continue;
    }
    if (!e.is_object()) wrong_shape(source, pointer_append(where, i), "a string or a part object", e);
    for (const char* key : {"text", "thinking"}) {
      const auto it = e.find(key);
      if (it == e.end() || it->is_null()) continue;
      if (!it->is_string()) wrong_shape(source, pointer_append(pointer_append(where, i), key), "a string", *it);
      out += it->get<std::string>();
      break;
    }
  }
  return out;
}

inline std::string string_member_of(const nlohmann::json& part, const char* key, const std::string& source,
                                    const std::string& where) {
  const auto it = part.find(key);
  if (it == part.end() || it->is_null()) return {};
  if (!it->is_string()) wrong_shape(source, synthbench::detail::pointer_append(where, key), "a string", *it);
  return it->get<std::string>();
}

}  // namespace detail

/// Reads an array of content parts (see the file comment); `where` is the array's JSON
/// pointer in `source`. Throws MalformedResponse 102 naming the pointer of a part of the
/// wrong shape (not an object or string, a `text` that is not a string, ...).
inline ContentParts read_content_parts(const nlohmann::json& parts, const std::string& source, const std::string& where) {
  using synthbench::detail::pointer_append;
  if (!parts.is_array()) detail::wrong_shape(source, where, "an array of content parts", parts);
  ContentParts out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& part = parts[i];
    const std::string at = pointer_append(where, i);
    if (part.is_string()) {
      out.text += part.get<std::string>();
      continue;
    }
    if (!part.is_object()) detail::wrong_shape(source, at, "a content part object", part);
    const auto type_it = part.find("type");
    if (type_it == part.end() || !type_it->is_string()) {
      throw MalformedResponse(102, source, at, "a content part needs a string \"type\"");
    }
    const std::string& type = type_it->get_ref<const std::string&>();
    if (type == "text" || type == "output_text") {
      out.text += detail::string_member_of(part, "text", source, at);
    } else if (type == "thinking" || type == "reasoning") {
      for (const char* key : {"thinking", "reasoning", "text"}) {
        if (const auto it = part.find(key); it != part.end()) {
          out.reasoning += detail::reasoning_text(*it, source, pointer_append(at, key));
          break;
        }
      }
    } else if (type == "refusal") {
      out.refusal += detail::string_member_of(part, "refusal", source, at);
    } else if (type == "tool_use") {
      ToolCall call;
      call.id = detail::string_member_of(part, "id", source, at);
      call.type = "tool_use";
      call.name = detail::string_member_of(part, "name", source, at);
      if (const auto input = part.find("input"); input != part.end()) {
        call.arguments = input->is_string() ? input->get<std::string>() : input->dump();
      }
      out.tool_calls.push_back(std::move(call));
    }
    // redacted_thinking and every other type: kept in the raw body only.
  }
  return out;
}

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_CONTENT_PARTS_HPP
