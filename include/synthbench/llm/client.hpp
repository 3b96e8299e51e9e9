#ifndef SYNTHBENCH_LLM_CLIENT_HPP
#define SYNTHBENCH_LLM_CLIENT_HPP

/// @file
/// The `ChatClient` interface every LLM access goes through: the HTTP transport
/// (synthbench/http.hpp), the cassette recorder/replayer (synthbench/cassette.hpp), and test
/// doubles (`FunctionClient`). Code written against it runs unchanged live or from a cassette.

#include <algorithm>    // std::min
#include <atomic>       // std::atomic
#include <cstddef>      // std::size_t
#include <cstdlib>      // std::getenv
#include <exception>    // std::exception_ptr, std::current_exception, std::rethrow_exception
#include <functional>   // std::function
#include <optional>     // std::optional
#include <string>       // std::string
#include <thread>       // std::thread
#include <utility>      // std::move
#include <vector>       // std::vector

#include "synthbench/llm/chat.hpp"  // ChatRequest, ChatResponse, LlmError
#include "synthbench/version.hpp"   // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

/// The outcome of one element of a batch: a response, or the error that request met.
/// A failed element never hides the others' results.
struct BatchResult {
  std::optional<ChatResponse> response;  ///< set when the request succeeded
  std::exception_ptr error;              ///< set when it failed
  std::string error_message;             ///< what() of the error ("" when it succeeded)

  /// True when the request succeeded.
  bool ok() const noexcept { return response.has_value(); }
  /// The response; rethrows the request's own exception when it failed.
  const ChatResponse& value() const {
    if (!response) std::rethrow_exception(error);
    return *response;
  }
};

/// An LLM that answers chat requests. Implementations must allow concurrent calls.
class ChatClient {
 public:
  virtual ~ChatClient() = default;

  /// Answers one request with its outcome (llm/outcome.hpp): a completion, or a failure the
  /// provider or the network caused (provider_error, transient_failure). Throws for what is
  /// not an outcome of the request: configuration failures (a rejected key, an unknown
  /// model, a bad base URL), a cassette miss, the spending guard, a usage error.
  virtual ChatResponse complete(const ChatRequest& request) = 0;

  /// Answers `requests` with at most `max_in_flight` (>= 1) of them running at once. Results
  /// come back in request order; a request that throws is reported in its own BatchResult
  /// and the others still run. The default runs complete() on a pool of
  /// min(max_in_flight, size) threads. Throws LlmError 301 when max_in_flight is 0.
  virtual std::vector<BatchResult> complete_batch(const std::vector<ChatRequest>& requests,
                                                  std::size_t max_in_flight) {
    if (max_in_flight == 0) throw LlmError(301, "complete_batch needs max_in_flight >= 1");
    std::vector<BatchResult> results(requests.size());
    std::atomic<std::size_t> next{0};
    const auto work = [&]() {
      for (std::size_t i = next++; i < requests.size(); i = next++) {
        try {
          results[i].response = complete(requests[i]);
        } catch (const std::exception& e) {
          results[i].error = std::current_exception();
          results[i].error_message = e.what();
        } catch (...) {
          results[i].error = std::current_exception();
          results[i].error_message = "unknown exception";
        }
      }
    };
    const std::size_t workers = std::min(max_in_flight, requests.size());
    if (workers <= 1) {
      work();
      return results;
    }
    std::vector<std::thread> pool;
    pool.reserve(workers - 1);
    try {
      for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(work);
    } catch (...) {
      // Could not start every thread (resource limits): the running ones and this one
      // still finish the whole batch, only with less concurrency.
    }
    work();
    for (auto& t : pool) t.join();
    return results;
  }

  /// The base URL requests go to ("https://api.openai.com/v1"), or "" when the client has
  /// no network endpoint (a replayer, a test double). A recorder checks it against the
  /// host it files the interactions under.
  virtual std::string base_url() const { return {}; }

  /// The API dialect the client speaks ("openai", "anthropic"; llm/provider.hpp), or "" when
  /// it speaks none of its own (a replayer, a test double). A recorder files the
  /// interactions under it.
  virtual std::string provider() const { return {}; }
};

/// A ChatClient that calls a function: a test double, or an adapter for another SDK.
/// Thread-safe when the function is.
class FunctionClient : public ChatClient {
 public:
  /// The function that answers each request.
  using Function = std::function<ChatResponse(const ChatRequest&)>;

  /// Answers with `function`; `base_url` is what base_url() reports.
  explicit FunctionClient(Function function, std::string base_url = {})
      : function_(std::move(function)), base_url_(std::move(base_url)) {}

  /// Calls the function.
  ChatResponse complete(const ChatRequest& request) override { return function_(request); }
  /// As given to the constructor.
  std::string base_url() const override { return base_url_; }

 private:
  Function function_;
  std::string base_url_;
};

/// The name of the environment variable holding the API key: $SYNTHBENCH_API_KEY_ENV when
/// set and not empty, else OPENAI_API_KEY. The key itself is read only by the transport and
/// is never written anywhere (cassette/secrets.hpp refuses any write that contains it).
inline std::string api_key_variable() {
  const char* name = std::getenv("SYNTHBENCH_API_KEY_ENV");
  return name != nullptr && *name != '\0' ? std::string(name) : std::string("OPENAI_API_KEY");
}

/// The default base URL: OpenAI's public API.
inline constexpr const char* default_base_url = "https://api.openai.com/v1";

/// `explicit_url` when not empty, else $SYNTHBENCH_BASE_URL when set and not empty, else
/// default_base_url. Read at call time (DESIGN.md, Configuration).
inline std::string resolve_base_url(const std::string& explicit_url = {}) {
  if (!explicit_url.empty()) return explicit_url;
  const char* env = std::getenv("SYNTHBENCH_BASE_URL");
  if (env != nullptr && *env != '\0') return env;
  return default_base_url;
}

/// The host of `url` without scheme, user info, port or path, lower-cased:
/// "http://127.0.0.1:8080/v1" -> "127.0.0.1", "https://API.openai.com/v1" -> "api.openai.com",
/// "http://[::1]:80/" -> "::1". Throws LlmError 203 when `url` has no "scheme://host".
inline std::string url_host(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos || scheme == 0) {
    throw LlmError(203, "base URL \"" + url + "\" is not of the form scheme://host[:port][/path]");
  }
  std::string rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
  std::string host;
  if (!rest.empty() && rest[0] == '[') {
    const auto close = rest.find(']');
    if (close == std::string::npos) throw LlmError(203, "base URL \"" + url + "\" has an unclosed IPv6 address");
    host = rest.substr(1, close - 1);
  } else {
    host = rest.substr(0, rest.find(':'));
  }
  if (host.empty()) throw LlmError(203, "base URL \"" + url + "\" has no host");
  for (auto& c : host) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return host;
}

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_CLIENT_HPP
