#ifndef SYNTHBENCH_HTTP_ANTHROPIC_CLIENT_HPP
#define SYNTHBENCH_HTTP_ANTHROPIC_CLIENT_HPP

/// @file
/// `AnthropicClient`: `POST {base}/messages` of the Anthropic Messages API
/// (https://docs.anthropic.com/en/api/messages), on the shared transport (transport.hpp:
/// retries on 429 and 5xx, 529 "overloaded" included, honouring `retry-after`; limits;
/// outcomes). The key, from $ANTHROPIC_API_KEY (or the variable $SYNTHBENCH_API_KEY_ENV
/// names), goes in `x-api-key`, with `anthropic-version: 2023-06-01`. Requests and responses
/// are translated by llm/anthropic_json.hpp.

#include <string>   // std::string
#include <utility>  // std::move
#include <vector>   // std::vector

#include "synthbench/http/transport.hpp"      // HttpChatClient, HttpOptions
#include "synthbench/llm/anthropic_json.hpp"  // llm::to_anthropic_json, llm::parse_anthropic_response
#include "synthbench/llm/provider.hpp"        // llm::Provider
#include "synthbench/version.hpp"             // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace http {

/// The Anthropic Messages API transport (see the file comment). Thread-safe.
class AnthropicClient : public HttpChatClient {
 public:
  /// Checks the options (base URL default: https://api.anthropic.com/v1); throws HttpError 5
  /// for a bad base URL or max_in_flight 0.
  explicit AnthropicClient(HttpOptions options = {}) : HttpChatClient(std::move(options), llm::Provider::anthropic) {}

 protected:
  /// "/messages".
  std::string endpoint_path() const override { return "/messages"; }
  /// The Messages API body.
  std::string request_body(const llm::ChatRequest& request) const override {
    return llm::to_anthropic_json(request).dump();
  }
  /// `x-api-key: KEY` (when there is a key) and `anthropic-version`.
  std::vector<std::string> auth_headers(const std::string& key) const override {
    std::vector<std::string> out{std::string("anthropic-version: ") + llm::anthropic_api_version};
    if (!key.empty()) out.push_back("x-api-key: " + key);
    return out;
  }
  /// llm::parse_anthropic_response.
  llm::ChatResponse parse_body(const std::string& body, const std::string& source) const override {
    return llm::parse_anthropic_response(body, source);
  }
  /// "Messages API response".
  std::string completion_name() const override { return "Messages API response"; }
};

}  // namespace http
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_HTTP_ANTHROPIC_CLIENT_HPP
