#include <synthbench/llm.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using synthbench::llm::ChatRequest;
using synthbench::llm::ChatResponse;
using synthbench::llm::FunctionClient;

ChatRequest request_with(const std::string& text) {
  ChatRequest r;
  r.model = "m";
  r.messages = {{"user", text, nlohmann::json::object()}};
  return r;
}

TEST(ChatClient, BatchKeepsRequestOrderAndBoundsConcurrency) {
  std::atomic<int> running{0};
  std::atomic<int> peak{0};
  FunctionClient client([&](const ChatRequest& r) {
    const int now = ++running;
    for (int seen = peak.load(); now > seen && !peak.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --running;
    ChatResponse out;
    out.content = "echo " + r.messages[0].content;
    return out;
  });
  std::vector<ChatRequest> requests;
  for (int i = 0; i < 40; ++i) requests.push_back(request_with(std::to_string(i)));
  const auto results = client.complete_batch(requests, 4);
  ASSERT_EQ(results.size(), 40u);
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(results[static_cast<std::size_t>(i)].ok());
    EXPECT_EQ(results[static_cast<std::size_t>(i)].value().content, "echo " + std::to_string(i));
  }
  EXPECT_LE(peak.load(), 4);
  EXPECT_GE(peak.load(), 2);  // it did run concurrently
}

TEST(ChatClient, AFailedElementKeepsTheOthers) {
  FunctionClient client([](const ChatRequest& r) {
    if (r.messages[0].content == "3") throw std::runtime_error("boom at 3");
    ChatResponse out;
    out.content = r.messages[0].content;
    return out;
  });
  std::vector<ChatRequest> requests;
  for (int i = 0; i < 6; ++i) requests.push_back(request_with(std::to_string(i)));
  const auto results = client.complete_batch(requests, 3);
  for (std::size_t i = 0; i < 6; ++i) {
    if (i == 3) {
      EXPECT_FALSE(results[i].ok());
      EXPECT_EQ(results[i].error_message, "boom at 3");
      EXPECT_THROW((void)results[i].value(), std::runtime_error);
    } else {
      ASSERT_TRUE(results[i].ok());
      EXPECT_EQ(results[i].value().content, std::to_string(i));
    }
  }
}

TEST(ChatClient, BatchEdgeCases) {
  FunctionClient client([](const ChatRequest&) { return ChatResponse{}; });
  EXPECT_TRUE(client.complete_batch({}, 4).empty());
  try {
    (void)client.complete_batch({request_with("x")}, 0);
    FAIL();
  } catch (const synthbench::llm::LlmError& e) {
    EXPECT_EQ(e.id(), "synthbench.llm.301");
  }
  EXPECT_EQ(client.complete_batch({request_with("x")}, 100).size(), 1u);
}

TEST(BaseUrl, HostExtraction) {
  using synthbench::llm::url_host;
  EXPECT_EQ(url_host("http://127.0.0.1:8080/v1"), "127.0.0.1");
  EXPECT_EQ(url_host("https://API.OpenAI.com/v1"), "api.openai.com");
  EXPECT_EQ(url_host("http://user:pw@example.org:81/x"), "example.org");
  EXPECT_EQ(url_host("http://[::1]:80/"), "::1");
  EXPECT_EQ(url_host("https://example.org?x=1"), "example.org");
  EXPECT_THROW(url_host("example.org"), synthbench::llm::LlmError);
  EXPECT_THROW(url_host("http://"), synthbench::llm::LlmError);
  EXPECT_THROW(url_host("http://[::1"), synthbench::llm::LlmError);
}

TEST(BaseUrl, ResolvesFromCodeThenEnvironmentThenDefault) {
  ::unsetenv("SYNTHBENCH_BASE_URL");
  EXPECT_EQ(synthbench::llm::resolve_base_url(), "https://api.openai.com/v1");
  ::setenv("SYNTHBENCH_BASE_URL", "http://127.0.0.1:9/v1", 1);
  EXPECT_EQ(synthbench::llm::resolve_base_url(), "http://127.0.0.1:9/v1");
  EXPECT_EQ(synthbench::llm::resolve_base_url("http://x/v1"), "http://x/v1");
  ::unsetenv("SYNTHBENCH_BASE_URL");
}

TEST(ApiKey, VariableNameComesFromSynthbenchApiKeyEnv) {
  ::unsetenv("SYNTHBENCH_API_KEY_ENV");
  EXPECT_EQ(synthbench::llm::api_key_variable(), "OPENAI_API_KEY");
  ::setenv("SYNTHBENCH_API_KEY_ENV", "MY_KEY", 1);
  EXPECT_EQ(synthbench::llm::api_key_variable(), "MY_KEY");
  ::unsetenv("SYNTHBENCH_API_KEY_ENV");
}

}  // namespace
