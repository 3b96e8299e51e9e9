#ifndef SYNTHBENCH_HTTP_MAKE_CLIENT_HPP
#define SYNTHBENCH_HTTP_MAKE_CLIENT_HPP

/// @file
/// The native client of a provider chosen in code or by $SYNTHBENCH_PROVIDER:
///
///     auto upstream = synthbench::http::make_client();  // openai, or $SYNTHBENCH_PROVIDER
///     auto claude = synthbench::http::make_client({}, synthbench::llm::Provider::anthropic);

#include <memory>    // std::shared_ptr, std::make_shared
#include <optional>  // std::optional
#include <utility>   // std::move

#include "synthbench/http/anthropic_client.hpp"  // AnthropicClient
#include "synthbench/http/openai_client.hpp"     // OpenAiClient
#include "synthbench/http/transport.hpp"         // HttpChatClient, HttpOptions
#include "synthbench/llm/provider.hpp"           // llm::Provider, llm::resolve_provider
#include "synthbench/version.hpp"                // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace http {

/// An OpenAiClient or AnthropicClient with `options`, for `provider` (default:
/// llm::resolve_provider(), that is $SYNTHBENCH_PROVIDER, else openai). Throws what the
/// client's constructor throws, and UsageError 96 for an unknown $SYNTHBENCH_PROVIDER.
inline std::shared_ptr<HttpChatClient> make_client(HttpOptions options = {},
                                                   std::optional<llm::Provider> provider = std::nullopt) {
  if (llm::resolve_provider(provider) == llm::Provider::anthropic) {
    return std::make_shared<AnthropicClient>(std::move(options));
  }
  return std::make_shared<OpenAiClient>(std::move(options));
}

}  // namespace http
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_HTTP_MAKE_CLIENT_HPP
