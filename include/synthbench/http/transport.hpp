#ifndef SYNTHBENCH_HTTP_TRANSPORT_HPP
#define SYNTHBENCH_HTTP_TRANSPORT_HPP

/// @file
/// `HttpChatClient`: what every native provider's client shares (OpenAiClient,
/// AnthropicClient): `POST {base}{path}` over libcurl with retries, rate limits, the
/// concurrency bound, the spending guard, and the outcome of the call. A provider adds its
/// path, its auth headers, its request body and its response parser. The only part of
/// synthbench that links curl (target synthbench::http); replay never needs it.
///
/// - TLS: peer and host verification always on (an optional CA bundle may be named).
/// - Timeouts: connect and total, per attempt.
/// - Retries: on 429, 5xx (Anthropic's 529 too), timeouts and dropped connections,
///   honouring Retry-After (seconds or HTTP-date) on those answers only, else full-jitter
///   exponential backoff (retry.hpp).
/// - Outcomes (llm/outcome.hpp): a 2xx completion reads as answer, refusal, content_filter,
///   length or tool_calls; a 2xx body that is no completion, and every 4xx but the
///   configuration ones, is a provider_error (not retried: repeating it cannot help); a
///   429, 5xx, timeout or dropped connection still failing after the retries (or asking to
///   wait longer than max_retry_after) is a transient_failure. Failures carry an error text
///   without the URL ("HTTP 503 after 6 attempts: ..."), the status, the attempts and the
///   body.
/// - Configuration failures throw (they are no outcome of the request: every request would
///   fail alike): 401, 402, 403 and 404 (HttpError 2, naming the key variable or the URL),
///   a base URL that cannot be reached (HttpError 1: DNS, connection refused, TLS).
/// - Limits: requests and tokens per minute (rate_limiter.hpp); at most max_in_flight
///   requests on the wire at once, however many threads call; complete_batch runs a
///   batch with that concurrency.
/// - Spending guard: max_requests / max_tokens per client; past them, calls throw
///   BudgetExhausted before sending anything (a recorder keeps what it recorded).
/// - The API key is read from the provider's key variable (llm::api_key_variable), sent in
///   the provider's header, and never stored or logged. Loopback addresses never go through
///   a proxy. Gzip (and any encoding curl decodes) is accepted and decoded.

#include <curl/curl.h>  // libcurl easy interface

#include <chrono>              // std::chrono
#include <condition_variable>  // std::condition_variable
#include <cstddef>             // std::size_t
#include <cstdint>             // std::int64_t
#include <cstdlib>             // std::getenv
#include <functional>          // std::function (HttpOptions::sleep)
#include <memory>              // std::unique_ptr
#include <mutex>               // std::mutex
#include <string>              // std::string
#include <thread>              // std::this_thread::sleep_for
#include <utility>             // std::move
#include <vector>              // std::vector

#include "synthbench/http/errors.hpp"        // HttpError, BudgetExhausted
#include "synthbench/http/rate_limiter.hpp"  // RateLimiter
#include "synthbench/http/retry.hpp"         // retryable_status, parse_retry_after, Backoff
#include "synthbench/llm/chat.hpp"           // llm::ChatRequest, llm::ChatResponse, llm::MalformedResponse
#include "synthbench/llm/client.hpp"         // llm::ChatClient, llm::url_host
#include "synthbench/llm/error_body.hpp"     // llm::error_body_message, llm::valid_utf8
#include "synthbench/llm/outcome.hpp"        // llm::Outcome
#include "synthbench/llm/provider.hpp"       // llm::Provider, api_key_variable, resolve_base_url, check_request_supported
#include "synthbench/version.hpp"            // SYNTHBENCH_NAMESPACE_BEGIN, SYNTHBENCH_VERSION_STRING

SYNTHBENCH_NAMESPACE_BEGIN
namespace http {

/// How an HTTP chat client (OpenAiClient, AnthropicClient) talks to the server. Defaults
/// suit the providers' public APIs.
struct HttpOptions {
  /// The base URL, "…/v1"; empty: $SYNTHBENCH_BASE_URL, else the provider's public API
  /// (https://api.openai.com/v1, https://api.anthropic.com/v1).
  std::string base_url;
  /// Time to establish the connection (TCP and TLS), per attempt.
  std::chrono::milliseconds connect_timeout{10000};
  /// Time for a whole attempt, body included.
  std::chrono::milliseconds total_timeout{120000};
  /// Retries after the first attempt (so max_retries + 1 attempts at most).
  int max_retries = 5;
  /// First backoff cap; doubles per retry up to backoff_cap.
  std::chrono::milliseconds backoff_base{500};
  /// Largest backoff cap.
  std::chrono::milliseconds backoff_cap{30000};
  /// A Retry-After longer than this ends the call (a transient_failure) instead of waiting.
  std::chrono::milliseconds max_retry_after{120000};
  /// Seed of the jitter; 0 draws one.
  std::uint64_t jitter_seed = 0;
  /// Client-side limits; 0 means none.
  double requests_per_minute = 0;
  /// Client-side limit in tokens per minute (estimate: prompt characters / 4 + max_tokens,
  /// settled with the reported usage); 0 means none.
  double tokens_per_minute = 0;
  /// Requests on the wire at once, over all threads (>= 1).
  std::size_t max_in_flight = 8;
  /// Spending guard: calls per client lifetime; 0 means no limit.
  std::int64_t max_requests = 0;
  /// Spending guard: reported tokens per client lifetime; 0 means no limit.
  std::int64_t max_tokens = 0;
  /// A CA bundle file for TLS verification; empty: the system's.
  std::string ca_bundle;
  /// The User-Agent header.
  std::string user_agent = "synthbench/" SYNTHBENCH_VERSION_STRING;
  /// How the client waits before a retry; empty: std::this_thread::sleep_for. Tests pass one
  /// that records the waits, so that no test depends on the wall clock.
  std::function<void(std::chrono::milliseconds)> sleep;
};

namespace detail {

/// curl_global_init once per process, before any thread uses curl (it is not thread-safe).
inline void curl_global_once() {
  static const bool initialized = [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw HttpError(6, "curl_global_init failed");
    return true;
  }();
  (void)initialized;
}

struct CurlEasyDeleter {
  void operator()(CURL* c) const noexcept { curl_easy_cleanup(c); }
};
struct CurlListDeleter {
  void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};

inline std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

/// The response headers the transport reads.
struct ResponseHeaders {
  std::string retry_after;  ///< Retry-After, as sent ("" when absent)
};

inline std::size_t capture_retry_after(char* data, std::size_t size, std::size_t count, void* user) {
  const std::string line(data, size * count);
  static const char name[] = "retry-after:";
  if (line.size() >= sizeof name - 1) {
    bool match = true;
    for (std::size_t i = 0; i + 1 < sizeof name && match; ++i) {
      match = static_cast<char>(line[i] | 0x20) == name[i];
    }
    if (match) static_cast<ResponseHeaders*>(user)->retry_after = line.substr(sizeof name - 1);
  }
  return size * count;
}

/// True for curl failures that a retry may cure: timeouts, dropped or reset connections.
inline bool retryable_curl(CURLcode code) noexcept {
  return code == CURLE_OPERATION_TIMEDOUT || code == CURLE_GOT_NOTHING || code == CURLE_RECV_ERROR ||
         code == CURLE_SEND_ERROR || code == CURLE_PARTIAL_FILE;
}

}  // namespace detail

/// True for the statuses that are configuration failures, not outcomes of one request:
/// 401 (the key), 402 (billing), 403 (permissions), 404 (an unknown model, deployment or path).
inline bool configuration_status(long status) noexcept {
  return status == 401 || status == 402 || status == 403 || status == 404;
}

/// The transport every native provider's client shares (see the file comment). Thread-safe.
class HttpChatClient : public llm::ChatClient {
 public:
  /// Sends `request`, retrying as the file comment says, and returns its outcome. Throws
  /// UsageError 95 (a streamed answer asked for), BudgetExhausted (nothing sent), HttpError
  /// 1 (the base URL cannot be reached) and 2 (401, 402, 403, 404), and what serializing the
  /// request throws (LlmError 201, 202).
  llm::ChatResponse complete(const llm::ChatRequest& request) override {
    llm::check_request_supported(request);
    const std::string body = request_body(request);
    reserve_budget();
    const std::int64_t estimate = estimate_tokens(request);
    const std::string url = base_url_ + endpoint_path();
    const auto started = std::chrono::steady_clock::now();
    const auto elapsed = [&started] {
      return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    };
    const auto failure = [&](llm::Outcome outcome, const std::string& error, long status, int attempts,
                             const std::string& raw) {
      llm::ChatResponse r = llm::failure_response(outcome, llm::valid_utf8(error), static_cast<int>(status), attempts,
                                                  llm::valid_utf8(raw));
      r.latency = elapsed();
      return r;
    };
    std::string last_problem;
    std::string last_body;
    long last_status = 0;
    for (int attempt = 0;; ++attempt) {
      const std::uint64_t ticket = limiter_.acquire(estimate);
      Attempt a = perform(url, body);
      const int attempts = attempt + 1;
      if (a.code == CURLE_OK && a.status >= 200 && a.status <= 299) {
        llm::ChatResponse response;
        try {
          response = parse_body(a.body, url);
        } catch (const llm::MalformedResponse& e) {
          limiter_.settle(ticket, estimate);
          std::string reason = e.what();
          if (const auto colon = reason.find(": "); colon != std::string::npos) reason = reason.substr(colon + 2);
          return failure(llm::Outcome::provider_error,
                         "HTTP " + std::to_string(a.status) + " with a body that is not a " + completion_name() + ": " +
                             reason,
                         a.status, attempts, a.body);
        }
        response.latency = elapsed();
        const std::int64_t used = response.usage ? response.usage->total_tokens : estimate;
        limiter_.settle(ticket, used);
        std::lock_guard<std::mutex> lock(budget_mutex_);
        tokens_used_ += response.usage ? response.usage->total_tokens : 0;
        return response;
      }
      if (a.code != CURLE_OK) {
        last_problem = std::string(curl_easy_strerror(a.code)) + (a.error.empty() ? "" : " (" + a.error + ")");
        last_status = 0;
        last_body.clear();
        if (!detail::retryable_curl(a.code)) {
          throw HttpError(1, "POST " + url + " failed: " + last_problem + " (check the base URL)", 0, attempts);
        }
      } else {
        last_status = a.status;
        last_body = a.body;
        last_problem = "HTTP " + std::to_string(a.status) + ": " + llm::error_body_message(a.body);
        if (configuration_status(a.status)) {
          std::string hint;
          if (a.status == 401 || a.status == 403) {
            hint = " (the API key comes from $" + key_variable() + "; SYNTHBENCH_API_KEY_ENV names another variable)";
          } else if (a.status == 404) {
            hint = " (check the model name and the base URL " + base_url_ + ")";
          }
          throw HttpError(2, "POST " + url + " answered " + last_problem + hint, a.status, attempts);
        }
        if (!retryable_status(a.status)) {
          return failure(llm::Outcome::provider_error, last_problem, a.status, attempts, a.body);
        }
      }
      if (attempt >= options_.max_retries) {
        return failure(llm::Outcome::transient_failure,
                       last_problem + " (after " + std::to_string(attempts) + (attempts == 1 ? " attempt)" : " attempts)"),
                       last_status, attempts, last_body);
      }
      std::chrono::milliseconds wait{0};
      const auto retry_after = a.headers.retry_after.empty() ? std::nullopt : parse_retry_after(a.headers.retry_after);
      if (retry_after) {
        if (*retry_after > options_.max_retry_after) {
          return failure(llm::Outcome::transient_failure,
                         last_problem + " (asked to retry after " + std::to_string(retry_after->count()) +
                             " ms, more than HttpOptions::max_retry_after = " +
                             std::to_string(options_.max_retry_after.count()) + " ms; gave up after " +
                             std::to_string(attempts) + (attempts == 1 ? " attempt)" : " attempts)"),
                         last_status, attempts, last_body);
        }
        wait = *retry_after;
      } else {
        std::lock_guard<std::mutex> lock(backoff_mutex_);
        wait = backoff_.delay(attempt);
      }
      if (options_.sleep) {
        options_.sleep(wait);
      } else {
        std::this_thread::sleep_for(wait);
      }
    }
  }

  /// The base URL requests go to (without a trailing slash).
  std::string base_url() const override { return base_url_; }
  /// The provider's name ("openai", "anthropic").
  std::string provider() const override { return llm::to_string(provider_); }
  /// Calls started so far (the spending guard's count).
  std::int64_t requests_started() const {
    std::lock_guard<std::mutex> lock(budget_mutex_);
    return requests_started_;
  }
  /// Tokens the server reported so far.
  std::int64_t tokens_used() const {
    std::lock_guard<std::mutex> lock(budget_mutex_);
    return tokens_used_;
  }

 protected:
  /// Checks the options for `provider`; throws HttpError 5 for a bad base URL or
  /// max_in_flight 0.
  HttpChatClient(HttpOptions options, llm::Provider provider)
      : options_(std::move(options)),
        provider_(provider),
        base_url_(llm::resolve_base_url(provider, options_.base_url)),
        limiter_(options_.requests_per_minute, options_.tokens_per_minute),
        backoff_(options_.backoff_base, options_.backoff_cap, options_.jitter_seed) {
    try {
      (void)llm::url_host(base_url_);
    } catch (const llm::LlmError& e) {
      throw HttpError(5, e.what());
    }
    if (options_.max_in_flight == 0) throw HttpError(5, "HttpOptions::max_in_flight must be at least 1");
    while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
    detail::curl_global_once();
  }

  /// The path after the base URL: "/chat/completions", "/messages".
  virtual std::string endpoint_path() const = 0;
  /// The request body (JSON text).
  virtual std::string request_body(const llm::ChatRequest& request) const = 0;
  /// The provider's headers for the API key `key` ("" when the variable is unset).
  virtual std::vector<std::string> auth_headers(const std::string& key) const = 0;
  /// The response of a 2xx body; throws llm::MalformedResponse when it is no completion.
  virtual llm::ChatResponse parse_body(const std::string& body, const std::string& source) const = 0;
  /// What a completion is called in messages: "chat completion", "Messages API response".
  virtual std::string completion_name() const = 0;

  /// The variable the key is read from.
  std::string key_variable() const { return llm::api_key_variable(provider_); }

 private:
  struct Attempt {
    CURLcode code = CURLE_OK;
    long status = 0;
    std::string body;
    detail::ResponseHeaders headers;
    std::string error;
  };

  static std::int64_t estimate_tokens(const llm::ChatRequest& request) {
    std::size_t chars = 0;
    for (const auto& m : request.messages) chars += m.content.size();
    return static_cast<std::int64_t>(chars / 4) + request.max_tokens.value_or(256);
  }

  void reserve_budget() {
    std::lock_guard<std::mutex> lock(budget_mutex_);
    if (options_.max_requests > 0 && requests_started_ >= options_.max_requests) {
      throw BudgetExhausted("spending guard: this run reached HttpOptions::max_requests = " +
                            std::to_string(options_.max_requests) + " calls; nothing more is sent");
    }
    if (options_.max_tokens > 0 && tokens_used_ >= options_.max_tokens) {
      throw BudgetExhausted("spending guard: this run used " + std::to_string(tokens_used_) +
                            " tokens, reaching HttpOptions::max_tokens = " + std::to_string(options_.max_tokens) +
                            "; nothing more is sent");
    }
    ++requests_started_;
  }

  // Bounds the requests on the wire over all threads (max_in_flight).
  void enter() {
    std::unique_lock<std::mutex> lock(flight_mutex_);
    flight_cv_.wait(lock, [this] { return in_flight_ < options_.max_in_flight; });
    ++in_flight_;
  }
  void leave() {
    {
      std::lock_guard<std::mutex> lock(flight_mutex_);
      --in_flight_;
    }
    flight_cv_.notify_one();
  }

  Attempt perform(const std::string& url, const std::string& body) {
    Attempt a;
    std::unique_ptr<CURL, detail::CurlEasyDeleter> curl(curl_easy_init());
    if (!curl) throw HttpError(6, "curl_easy_init failed");
    std::unique_ptr<curl_slist, detail::CurlListDeleter> headers;
    const auto add_header = [&headers](const std::string& h) {
      curl_slist* l = curl_slist_append(headers.get(), h.c_str());
      if (l == nullptr) throw HttpError(6, "curl_slist_append failed");
      (void)headers.release();
      headers.reset(l);
    };
    add_header("Content-Type: application/json");
    add_header("Accept: application/json");
    add_header("Expect:");  // no 100-continue round trip for large bodies
    const char* key = std::getenv(key_variable().c_str());
    for (const auto& h : auth_headers(key != nullptr ? std::string(key) : std::string())) add_header(h);
    char error[CURL_ERROR_SIZE] = {};
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &detail::append_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &a.body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &detail::capture_retry_after);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &a.headers);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // required for multi-threaded use
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.ca_bundle.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_bundle.c_str());
    curl_easy_setopt(c, CURLOPT_NOPROXY, "localhost,127.0.0.1,::1");
    curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // whatever curl can decode
    enter();
    a.code = curl_easy_perform(c);
    leave();
    a.error = error;
    if (a.code == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
    return a;
  }

  HttpOptions options_;
  llm::Provider provider_;
  std::string base_url_;
  RateLimiter limiter_;
  Backoff backoff_;
  std::mutex backoff_mutex_;
  mutable std::mutex budget_mutex_;
  std::int64_t requests_started_ = 0;
  std::int64_t tokens_used_ = 0;
  std::mutex flight_mutex_;
  std::condition_variable flight_cv_;
  std::size_t in_flight_ = 0;
};

}  // namespace http
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_HTTP_TRANSPORT_HPP
