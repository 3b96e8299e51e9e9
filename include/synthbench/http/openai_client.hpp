#ifndef SYNTHBENCH_HTTP_OPENAI_CLIENT_HPP
#define SYNTHBENCH_HTTP_OPENAI_CLIENT_HPP

/// @file
/// `OpenAiClient`: `POST {base}/chat/completions` for any OpenAI-compatible server
/// (OpenAI, Azure OpenAI, vLLM, llama.cpp's server, Ollama, TGI, Groq, DeepSeek, OpenRouter,
/// ...), on the shared transport (transport.hpp: retries, limits, outcomes). The key, from
/// $OPENAI_API_KEY (or the variable $SYNTHBENCH_API_KEY_ENV names), goes as a bearer token.

#include <string>   // std::string
#include <utility>  // std::move
#include <vector>   // std::vector

#include "synthbench/http/transport.hpp"   // HttpChatClient, HttpOptions
#include "synthbench/llm/openai_json.hpp"  // llm::to_openai_json, llm::parse_openai_response
#include "synthbench/llm/provider.hpp"     // llm::Provider
#include "synthbench/version.hpp"          // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace http {

/// The OpenAI-compatible transport (see the file comment). Thread-safe.
class OpenAiClient : public HttpChatClient {
 public:
  /// Checks the options; throws HttpError 5 for a bad base URL or max_in_flight 0.
  explicit OpenAiClient(HttpOptions options = {}) : HttpChatClient(std::move(options), llm::Provider::openai) {}

 protected:
  /// "/chat/completions".
  std::string endpoint_path() const override { return "/chat/completions"; }
  /// The chat-completions body.
  std::string request_body(const llm::ChatRequest& request) const override { return llm::to_openai_json(request).dump(); }
  /// `Authorization: Bearer KEY` when there is a key.
  std::vector<std::string> auth_headers(const std::string& key) const override {
    if (key.empty()) return {};
    return {"Authorization: Bearer " + key};
  }
  /// llm::parse_openai_response.
  llm::ChatResponse parse_body(const std::string& body, const std::string& source) const override {
    return llm::parse_openai_response(body, source);
  }
  /// "chat completion".
  std::string completion_name() const override { return "chat completion"; }
};

}  // namespace http
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_HTTP_OPENAI_CLIENT_HPP
