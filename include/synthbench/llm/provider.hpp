#ifndef SYNTHBENCH_LLM_PROVIDER_HPP
#define SYNTHBENCH_LLM_PROVIDER_HPP

/// @file
/// The API dialects synthbench speaks natively, and what depends on the dialect: where the
/// key comes from, the default base URL, how a response body reads.
///
/// | provider | API | default base URL | key variable | auth header |
/// | --- | --- | --- | --- | --- |
/// | `openai` | chat completions (OpenAI, Azure OpenAI, vLLM, llama.cpp, Ollama, TGI, Groq, DeepSeek, OpenRouter, ...) | https://api.openai.com/v1 | OPENAI_API_KEY | `Authorization: Bearer KEY` |
/// | `anthropic` | Messages | https://api.anthropic.com/v1 | ANTHROPIC_API_KEY | `x-api-key: KEY`, `anthropic-version` |
///
/// Chosen in code or by $SYNTHBENCH_PROVIDER (default openai); $SYNTHBENCH_API_KEY_ENV names
/// another key variable for either. A cassette files every request under its provider (the
/// canonical request's "provider"), so the two never answer each other's requests.

#include <chrono>    // std::chrono::microseconds
#include <cstdlib>   // std::getenv
#include <optional>  // std::optional
#include <string>    // std::string
#include <utility>   // std::move

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/error.hpp"                // UsageError
#include "synthbench/llm/anthropic_json.hpp"   // anthropic_response_from_json, to_anthropic_json
#include "synthbench/llm/chat.hpp"             // ChatRequest, ChatResponse
#include "synthbench/llm/client.hpp"           // api_key_variable, resolve_base_url, default_base_url
#include "synthbench/llm/openai_response.hpp"  // chat_response_from_json, to_openai_json
#include "synthbench/version.hpp"              // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

/// A native API dialect.
enum class Provider {
  openai,     ///< OpenAI chat completions and every server that speaks it
  anthropic,  ///< the Anthropic Messages API
};

/// "openai" or "anthropic": the name in cassettes, $SYNTHBENCH_PROVIDER and the CLI.
inline const char* to_string(Provider provider) noexcept {
  return provider == Provider::anthropic ? "anthropic" : "openai";
}

/// The provider named `name`, or nullopt.
inline std::optional<Provider> provider_from_string(const std::string& name) noexcept {
  if (name == "openai") return Provider::openai;
  if (name == "anthropic") return Provider::anthropic;
  return std::nullopt;
}

/// `explicit_provider` when given, else $SYNTHBENCH_PROVIDER when set and not empty, else
/// openai. Throws UsageError synthbench.usage.96 for an unknown name in the variable.
inline Provider resolve_provider(std::optional<Provider> explicit_provider = std::nullopt) {
  if (explicit_provider) return *explicit_provider;
  const char* env = std::getenv("SYNTHBENCH_PROVIDER");
  if (env == nullptr || *env == '\0') return Provider::openai;
  if (const auto p = provider_from_string(env)) return *p;
  throw UsageError(96, std::string("SYNTHBENCH_PROVIDER=\"") + env + "\" is not a provider: use openai or anthropic");
}

/// The variable holding `provider`'s API key: $SYNTHBENCH_API_KEY_ENV when set and not
/// empty, else OPENAI_API_KEY or ANTHROPIC_API_KEY.
inline std::string api_key_variable(Provider provider) {
  if (provider == Provider::openai) return api_key_variable();
  const char* name = std::getenv("SYNTHBENCH_API_KEY_ENV");
  return name != nullptr && *name != '\0' ? std::string(name) : std::string("ANTHROPIC_API_KEY");
}

/// `explicit_url` when not empty, else $SYNTHBENCH_BASE_URL when set and not empty, else
/// `provider`'s public API (https://api.openai.com/v1, https://api.anthropic.com/v1).
inline std::string resolve_base_url(Provider provider, const std::string& explicit_url = {}) {
  if (provider == Provider::openai) return resolve_base_url(explicit_url);
  if (!explicit_url.empty()) return explicit_url;
  const char* env = std::getenv("SYNTHBENCH_BASE_URL");
  if (env != nullptr && *env != '\0') return env;
  return "https://api.anthropic.com/v1";
}

/// A ChatResponse from a completion body of the dialect `provider` names ("anthropic": the
/// Messages API; any other name: OpenAI chat completions). Throws MalformedResponse.
inline ChatResponse response_from_json(const std::string& provider, const nlohmann::json& body, std::string raw_body,
                                       const std::string& source,
                                       std::chrono::microseconds latency = std::chrono::microseconds{0}) {
  if (provider == "anthropic") return anthropic_response_from_json(body, std::move(raw_body), source, latency);
  return chat_response_from_json(body, std::move(raw_body), source, latency);
}

/// The minimal completion body of `response` in the dialect `provider` names.
inline nlohmann::json response_to_json(const std::string& provider, const ChatResponse& response) {
  if (provider == "anthropic") return to_anthropic_json(response);
  return to_openai_json(response);
}

/// Throws UsageError synthbench.usage.95 when `request` asks for something synthbench does
/// not do: a streamed answer (`extra["stream"]` set to anything but false or null).
/// Streaming is out of scope: a recorded answer is the whole body.
inline void check_request_supported(const ChatRequest& request) {
  if (!request.extra.is_object()) return;  // reported by the serializer
  const auto stream = request.extra.find("stream");
  if (stream == request.extra.end() || stream->is_null() || *stream == false) return;
  throw UsageError(95, "model " + request.model + ": the request asks for a streamed answer (\"stream\": " + stream->dump() +
                           "); synthbench records and replays whole responses only: remove \"stream\" from "
                           "ChatRequest::extra");
}

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_PROVIDER_HPP
