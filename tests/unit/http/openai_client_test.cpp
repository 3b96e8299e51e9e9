// The curl transport against the local test server, one test per server behaviour.

#include <synthbench/http.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "support/local_chat_server.hpp"

namespace {

using namespace std::chrono_literals;
using synthbench::http::HttpError;
using synthbench::http::HttpOptions;
using synthbench::http::OpenAiClient;
using synthbench_test_support::LocalChatServer;
using Fault = LocalChatServer::Fault;

synthbench::llm::ChatRequest request(const std::string& text) {
  synthbench::llm::ChatRequest r;
  r.model = "any-model";
  r.messages = {{"user", text, nlohmann::json::object()}};
  r.temperature = 0.0;
  return r;
}

// Short timeouts and backoffs: fault tests must stay fast.
HttpOptions fast_options(const LocalChatServer& server) {
  HttpOptions o;
  o.base_url = server.base_url();
  o.connect_timeout = 2000ms;
  o.total_timeout = 3000ms;
  o.backoff_base = 5ms;
  o.backoff_cap = 20ms;
  o.jitter_seed = 1;
  o.max_retries = 3;
  return o;
}

class OpenAiClientTest : public ::testing::Test {
 protected:
  void SetUp() override { ::unsetenv("OPENAI_API_KEY"); }
  LocalChatServer server_;
};

TEST_F(OpenAiClientTest, AnswersAChatCompletion) {
  OpenAiClient client(fast_options(server_));
  const auto r = request("What is the capital of France?");
  const auto response = client.complete(r);
  EXPECT_EQ(response.content, LocalChatServer::answer_for(r));
  EXPECT_EQ(response.model, "synthbench-local-test-server");
  EXPECT_EQ(response.finish_reason, "stop");
  ASSERT_TRUE(response.usage.has_value());
  EXPECT_EQ(response.usage->prompt_tokens, 6);
  EXPECT_GT(response.latency.count(), 0);
  EXPECT_FALSE(response.replayed);
  EXPECT_EQ(client.base_url(), server_.base_url());
  EXPECT_EQ(server_.last_authorization(), "");  // no key set: no header
}

TEST_F(OpenAiClientTest, SendsTheKeyFromTheConfiguredVariable) {
  ::setenv("SYNTHBENCH_API_KEY_ENV", "SYNTHBENCH_TEST_KEY", 1);
  ::setenv("SYNTHBENCH_TEST_KEY", "local-secret-value", 1);
  OpenAiClient client(fast_options(server_));
  (void)client.complete(request("hi"));
  EXPECT_EQ(server_.last_authorization(), "Bearer local-secret-value");
  ::unsetenv("SYNTHBENCH_API_KEY_ENV");
  ::unsetenv("SYNTHBENCH_TEST_KEY");
}

// The waits a client makes between attempts, recorded instead of slept (HttpOptions::sleep),
// so that no test depends on the wall clock.
struct RecordedWaits {
  std::vector<std::chrono::milliseconds> waits;
  std::function<void(std::chrono::milliseconds)> hook() {
    return [this](std::chrono::milliseconds w) { waits.push_back(w); };
  }
};

TEST_F(OpenAiClientTest, RetriesA429AfterRetryAfterSeconds) {
  server_.fail_next(Fault::rate_limit);
  RecordedWaits recorded;
  auto o = fast_options(server_);
  o.sleep = recorded.hook();
  OpenAiClient client(o);
  EXPECT_EQ(client.complete(request("x")).content, LocalChatServer::answer_for(request("x")));
  EXPECT_EQ(recorded.waits, (std::vector<std::chrono::milliseconds>{1000ms}));  // Retry-After: 1
  EXPECT_EQ(server_.requests(), 2u);
}

TEST(OpenAiClientRetryAfter, HonoursAnHttpDateAndRefusesTooLongWaits) {
  LocalChatServer::Options past;
  past.retry_after = "Sun, 06 Nov 1994 08:49:37 GMT";  // already passed: retry at once
  LocalChatServer server(past);
  server.fail_next(Fault::rate_limit);
  RecordedWaits recorded;
  auto fast = fast_options(server);
  fast.sleep = recorded.hook();
  OpenAiClient client(fast);
  (void)client.complete(request("x"));
  EXPECT_EQ(recorded.waits, (std::vector<std::chrono::milliseconds>{0ms}));
  EXPECT_EQ(server.requests(), 2u);

  LocalChatServer::Options far;
  far.retry_after = "3600";
  LocalChatServer slow_down(far);
  slow_down.fail_next(Fault::rate_limit);
  auto o = fast_options(slow_down);
  o.max_retry_after = 1000ms;
  OpenAiClient impatient(o);
  const auto start_impatient = std::chrono::steady_clock::now();
  const auto gave_up = impatient.complete(request("x"));
  EXPECT_EQ(gave_up.outcome, synthbench::llm::Outcome::transient_failure);
  EXPECT_EQ(gave_up.status, 429);
  EXPECT_EQ(gave_up.attempts, 1);
  EXPECT_NE(gave_up.error.find("asked to retry after 3600000 ms"), std::string::npos) << gave_up.error;
  EXPECT_NE(gave_up.error.find("rate limited (local test server)"), std::string::npos) << gave_up.error;
  EXPECT_LT(std::chrono::steady_clock::now() - start_impatient, 900ms);  // it did not wait
}

TEST_F(OpenAiClientTest, RetriesServerErrorsThenGivesUp) {
  server_.fail_next(Fault::server_error, 2);
  OpenAiClient client(fast_options(server_));
  (void)client.complete(request("x"));
  EXPECT_EQ(server_.requests(), 3u);

  server_.fail_next(Fault::server_error, 10);
  auto o = fast_options(server_);
  o.max_retries = 2;
  OpenAiClient limited(o);
  const auto failed = limited.complete(request("x"));
  EXPECT_EQ(failed.outcome, synthbench::llm::Outcome::transient_failure);
  EXPECT_EQ(failed.status, 500);
  EXPECT_EQ(failed.attempts, 3);
  EXPECT_EQ(failed.error, "HTTP 500: failure on purpose (local test server) (after 3 attempts)");
  EXPECT_EQ(failed.raw_body, R"j({"error":{"message":"failure on purpose (local test server)"}})j");
  EXPECT_TRUE(failed.content.empty());
  EXPECT_FALSE(failed.usage.has_value());
}

TEST(OpenAiClientTimeouts, ASlowAnswerTimesOutAndIsRetried) {
  LocalChatServer::Options o;
  o.slow_delay = 1500ms;
  LocalChatServer server(o);
  server.fail_next(Fault::slow);
  auto options = fast_options(server);
  options.total_timeout = 300ms;
  OpenAiClient client(options);
  EXPECT_EQ(client.complete(request("x")).content, LocalChatServer::answer_for(request("x")));
  EXPECT_EQ(server.requests(), 2u);

  server.fail_next(Fault::slow);
  options.max_retries = 0;
  OpenAiClient no_retry(options);
  const auto timed_out = no_retry.complete(request("x"));
  EXPECT_EQ(timed_out.outcome, synthbench::llm::Outcome::transient_failure);
  EXPECT_EQ(timed_out.status, 0);  // no HTTP status was received
  EXPECT_NE(timed_out.error.find("Timeout"), std::string::npos) << timed_out.error;
  EXPECT_NE(timed_out.error.find("(after 1 attempt)"), std::string::npos) << timed_out.error;
}

TEST_F(OpenAiClientTest, MalformedJsonIsAProviderErrorNotRetried) {
  server_.fail_next(Fault::malformed_json);
  OpenAiClient client(fast_options(server_));
  const auto r = client.complete(request("x"));
  EXPECT_EQ(r.outcome, synthbench::llm::Outcome::provider_error);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.error.rfind("HTTP 200 with a body that is not a chat completion: the body is not JSON", 0), 0u) << r.error;
  EXPECT_EQ(r.raw_body, R"j({"id":"x","choices":[{"message":{"content":"cut)j");
  EXPECT_EQ(server_.requests(), 1u);
}

TEST_F(OpenAiClientTest, OtherClientErrorsAreProviderErrorsNotRetried) {
  LocalChatServer::Canned bad;
  bad.status = 400;
  bad.headers = {{"Content-Type", "application/json"}};
  bad.body =
      R"j({"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}})j";
  server_.serve_next(bad);
  OpenAiClient client(fast_options(server_));
  const auto r = client.complete(request("x"));
  EXPECT_EQ(r.outcome, synthbench::llm::Outcome::provider_error);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error,
            "HTTP 400: This model's maximum context length is 8192 tokens. (invalid_request_error, context_length_exceeded)");
  EXPECT_EQ(r.raw_body, bad.body);
  EXPECT_EQ(server_.requests(), 1u);
}

TEST_F(OpenAiClientTest, NotFoundIsAConfigurationFailure) {
  LocalChatServer::Canned missing;
  missing.status = 404;
  missing.body = R"j({"error":{"message":"The model `gpt-5-nano-x` does not exist","code":"model_not_found"}})j";
  server_.serve_next(missing);
  OpenAiClient client(fast_options(server_));
  try {
    (void)client.complete(request("x"));
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.id(), "synthbench.http.2");
    EXPECT_EQ(e.status(), 404);
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("check the model name and the base URL"), std::string::npos) << e.what();
  }
}

TEST_F(OpenAiClientTest, AStreamingRequestIsRefusedBeforeSending) {
  OpenAiClient client(fast_options(server_));
  auto r = request("x");
  r.extra["stream"] = true;
  try {
    (void)client.complete(r);
    FAIL();
  } catch (const synthbench::UsageError& e) {
    EXPECT_EQ(e.id(), "synthbench.usage.95");
  }
  EXPECT_EQ(server_.requests(), 0u);
  r.extra["stream"] = false;  // saying no is fine
  EXPECT_EQ(client.complete(r).outcome, synthbench::llm::Outcome::answer);
}

TEST_F(OpenAiClientTest, ADroppedConnectionIsRetried) {
  server_.fail_next(Fault::drop_connection);
  OpenAiClient client(fast_options(server_));
  (void)client.complete(request("x"));
  EXPECT_EQ(server_.requests(), 2u);
}

TEST_F(OpenAiClientTest, ClientErrorsAreNotRetriedAndHint) {
  OpenAiClient client(fast_options(server_));
  try {
    (void)client.complete(request("[[fault:unauthorized]]"));
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.id(), "synthbench.http.2");
    EXPECT_EQ(e.status(), 401);
    EXPECT_NE(std::string(e.what()).find("$OPENAI_API_KEY"), std::string::npos);
  }
  EXPECT_EQ(server_.requests(), 1u);
}

TEST_F(OpenAiClientTest, NoServerIsATransportErrorWithoutRetries) {
  auto o = fast_options(server_);
  RecordedWaits recorded;
  o.sleep = recorded.hook();
  server_.stop();
  OpenAiClient client(o);
  try {
    (void)client.complete(request("x"));
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.id(), "synthbench.http.1");
    EXPECT_EQ(e.status(), 0);
    EXPECT_EQ(e.attempts(), 1);
  }
  EXPECT_TRUE(recorded.waits.empty()) << "no retry, so no wait";
}

TEST(OpenAiClientConcurrency, MaxInFlightBoundsRequestsOnTheWire) {
  LocalChatServer::Options so;
  so.slow_delay = 60ms;
  LocalChatServer server(so);
  auto o = fast_options(server);
  o.max_in_flight = 3;
  OpenAiClient client(o);
  std::vector<synthbench::llm::ChatRequest> requests;
  for (int i = 0; i < 12; ++i) requests.push_back(request("[[fault:slow]] " + std::to_string(i)));
  const auto results = client.complete_batch(requests, 8);  // 8 threads, 3 on the wire
  for (std::size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i].ok()) << results[i].error_message;
    EXPECT_EQ(results[i].value().content, LocalChatServer::answer_for(requests[i]));
  }
  EXPECT_LE(server.max_concurrent(), 3u);
  EXPECT_GE(server.max_concurrent(), 2u);
}

TEST_F(OpenAiClientTest, SpendingGuardStopsBeforeSending) {
  auto o = fast_options(server_);
  o.max_requests = 3;
  OpenAiClient client(o);
  for (int i = 0; i < 3; ++i) (void)client.complete(request(std::to_string(i)));
  try {
    (void)client.complete(request("one too many"));
    FAIL();
  } catch (const synthbench::http::BudgetExhausted& e) {
    EXPECT_EQ(e.id(), "synthbench.http.10");
  }
  EXPECT_EQ(server_.requests(), 3u);
  EXPECT_EQ(client.requests_started(), 3);

  auto t = fast_options(server_);
  t.max_tokens = 20;
  OpenAiClient tokens(t);
  int answered = 0;
  try {
    for (int i = 0; i < 100; ++i) {
      (void)tokens.complete(request("a few words here " + std::to_string(i)));
      ++answered;
    }
  } catch (const synthbench::http::BudgetExhausted&) {
  }
  EXPECT_GE(answered, 1);
  EXPECT_LT(answered, 100);
  EXPECT_GE(tokens.tokens_used(), 20);
}

TEST(OpenAiClientOptions, BadOptionsAreRejected) {
  HttpOptions o;
  o.base_url = "not a url";
  try {
    OpenAiClient c(o);
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.id(), "synthbench.http.5");
  }
  o.base_url = "http://127.0.0.1:1/v1/";
  o.max_in_flight = 0;
  EXPECT_THROW(OpenAiClient{o}, HttpError);
  o.max_in_flight = 1;
  EXPECT_EQ(OpenAiClient(o).base_url(), "http://127.0.0.1:1/v1");  // trailing slash dropped
}

TEST(LocalChatServer, StopsByItselfWhenIdle) {
  LocalChatServer::Options o;
  o.idle_timeout = 100ms;
  LocalChatServer server(o);
  EXPECT_TRUE(server.accepting());
  for (int i = 0; i < 200 && server.accepting(); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_FALSE(server.accepting());
  server.stop();  // idempotent after an idle stop
  server.stop();
  EXPECT_TRUE(server.stopped());
}

}  // namespace
