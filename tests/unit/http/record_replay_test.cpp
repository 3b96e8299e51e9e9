// The "done when": a parameterized GoogleTest suite records against the local test
// server, then replays with the server stopped and no transport at all, deterministically.
// Plus the recorder against every fault the server can produce.

#include <synthbench/cassette.hpp>
#include <synthbench/gtest.hpp>
#include <synthbench/gtest/cassette.hpp>
#include <synthbench/http.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "support/local_chat_server.hpp"
#include "support/test_paths.hpp"

namespace {

using namespace std::chrono_literals;
using synthbench::cassette::CassetteClient;
using synthbench::cassette::CassetteOptions;
using synthbench::cassette::RecordMode;
using synthbench_test_support::LocalChatServer;

// A temporary cassette root for one test; the previous environment comes back afterwards.
struct TempRoot {
  std::filesystem::path path = synthbench_test_support::make_temp_dir("synthbench-record-replay");
  std::vector<std::pair<std::string, std::optional<std::string>>> saved;
  TempRoot() {
    set("SYNTHBENCH_CASSETTE_DIR", path.string());
    set("SYNTHBENCH_RECORD_IN_CI", std::string("1"));
    set("SYNTHBENCH_RECORD", std::nullopt);
    set("SYNTHBENCH_CASSETTE_USAGE_DIR", std::nullopt);
  }
  ~TempRoot() {
    for (auto it = saved.rbegin(); it != saved.rend(); ++it) {
      if (it->second) {
        ::setenv(it->first.c_str(), it->second->c_str(), 1);
      } else {
        ::unsetenv(it->first.c_str());
      }
    }
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  void set(const char* name, const std::optional<std::string>& value) {
    const char* old = std::getenv(name);
    saved.emplace_back(name, old != nullptr ? std::optional<std::string>(old) : std::nullopt);
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
};

synthbench::llm::ChatRequest prompt_request(const std::string& prompt, int seed = 3) {
  synthbench::llm::ChatRequest r;
  r.model = "gpt-4o-mini";  // what the test asks for; the cassette records what answered
  r.messages = {{"system", "You write one short test sentence for an intent classifier.", nlohmann::json::object()},
                {"user", prompt, nlohmann::json::object()}};
  r.temperature = 0.7;
  r.seed = seed;
  r.max_tokens = 40;
  return r;
}

std::shared_ptr<synthbench::llm::ChatClient> transport_for(const LocalChatServer& server) {
  synthbench::http::HttpOptions o;
  o.base_url = server.base_url();
  o.backoff_base = 5ms;
  o.backoff_cap = 20ms;
  o.total_timeout = 3000ms;
  return std::make_shared<synthbench::http::OpenAiClient>(o);
}

CassetteOptions quiet(RecordMode mode) {
  CassetteOptions o = synthbench::gtest::current_cassette_options();
  o.mode = mode;
  o.description = "recorded by synthbench's tests against the local test server (tests/support/local_chat_server.hpp)";
  o.base_url = "http://127.0.0.1/v1";
  o.report = [](const std::string&) {};
  return o;
}

class RecordThenReplay : public ::testing::TestWithParam<std::string> {};

TEST_P(RecordThenReplay, AnswersTheSameWithTheServerStopped) {
  TempRoot root;
  const auto cassette = synthbench::gtest::current_cassette_path();
  EXPECT_EQ(cassette.parent_path(), root.path);
  EXPECT_EQ(cassette.filename(), "Prompts_RecordThenReplay.json");
  std::vector<std::string> recorded;
  {
    LocalChatServer server;
    CassetteClient recorder(cassette, quiet(RecordMode::all), [&server] { return transport_for(server); });
    for (int seed : {1, 2, 2}) recorded.push_back(recorder.complete(prompt_request(GetParam(), seed)).content);
    const auto report = recorder.finish();
    EXPECT_EQ(report.recorded, 3u);
    EXPECT_EQ(server.answered(), 3u);
    server.stop();
  }  // the server is gone: nothing listens any more
  const std::string text = synthbench::detail::read_file(cassette);
  EXPECT_NE(text.find("\"models\": [\n      \"synthbench-local-test-server\"\n    ]"), std::string::npos) << text;
  EXPECT_NE(text.find("\"hosts\": [\n      \"127.0.0.1\"\n    ]"), std::string::npos);
  EXPECT_NE(text.find("local test server"), std::string::npos);

  for (int run = 0; run < 2; ++run) {  // deterministic: every replay gives the same answers
    auto o = quiet(RecordMode::none);
    o.strict = true;
    CassetteClient replay(cassette, o, []() -> std::shared_ptr<synthbench::llm::ChatClient> {
      ADD_FAILURE() << "replay must not create a transport";
      return nullptr;
    });
    ASSERT_FALSE(replay.holds_upstream());
    std::vector<std::string> replayed;
    for (int seed : {1, 2, 2}) {
      const auto r = replay.complete(prompt_request(GetParam(), seed));
      EXPECT_TRUE(r.replayed);
      EXPECT_EQ(r.model, "synthbench-local-test-server");
      replayed.push_back(r.content);
    }
    EXPECT_EQ(replayed, recorded);
    EXPECT_NO_THROW((void)replay.finish());  // strict: everything was used
  }
  EXPECT_EQ(recorded[0], LocalChatServer::answer_for(prompt_request(GetParam(), 1)));
}

INSTANTIATE_TEST_SUITE_P(Prompts, RecordThenReplay,
                         ::testing::Values("Write a request to play music.", "Write a request to book a restaurant.",
                                           "Write a question about the weather in Paris."));

TEST(RecordThenReplayMissMessage, NamesTheTestToReRecord) {
  TempRoot root;
  CassetteClient replay(synthbench::gtest::current_cassette_path(), quiet(RecordMode::none));
  try {
    (void)replay.complete(prompt_request("never recorded"));
    FAIL();
  } catch (const synthbench::cassette::CassetteMiss& e) {
    EXPECT_NE(e.record_command().find("--gtest_filter=RecordThenReplayMissMessage.NamesTheTestToReRecord"),
              std::string::npos)
        << e.record_command();
    EXPECT_EQ(e.record_command().rfind("SYNTHBENCH_RECORD=new_episodes SYNTHBENCH_CASSETTE_DIR=", 0), 0u);
  }
}

TEST(RecordThenReplayBatch, ABatchRecordsConcurrentlyAndReplaysInOrder) {
  TempRoot root;
  std::vector<synthbench::llm::ChatRequest> requests;
  for (int i = 0; i < 24; ++i) requests.push_back(prompt_request("prompt " + std::to_string(i % 12)));  // each twice
  std::vector<std::string> recorded;
  {
    LocalChatServer server;
    CassetteClient recorder(synthbench::gtest::current_cassette_path(), quiet(RecordMode::all),
                            [&server] { return transport_for(server); });
    for (const auto& r : recorder.complete_batch(requests, 6)) {
      ASSERT_TRUE(r.ok()) << r.error_message;
      recorded.push_back(r.value().content);
    }
  }
  CassetteClient replay(synthbench::gtest::current_cassette_path(), quiet(RecordMode::none));
  const auto results = replay.complete_batch(requests, 1);
  for (std::size_t i = 0; i < results.size(); ++i) EXPECT_EQ(results[i].value().content, recorded[i]);
}

// The recorder against every behaviour of the server: a transient fault is retried and the
// interaction recorded once; a malformed body is recorded as a provider_error and replays as
// one; a configuration failure (401) records nothing for that request and ends the recording
// (the next call throws too, without reaching the server), keeping what was recorded.
class RecorderFaults : public ::testing::TestWithParam<LocalChatServer::Fault> {};

TEST_P(RecorderFaults, RecordsEveryOutcomeAndStopsAtAConfigurationFailure) {
  TempRoot root;
  using Behaviour = LocalChatServer::Fault;
  const Behaviour fault = GetParam();
  const auto cassette = root.path / "faults.json";
  LocalChatServer::Options so;
  so.retry_after = "0";
  so.slow_delay = 800ms;
  LocalChatServer server(so);
  synthbench::http::HttpOptions ho;
  ho.base_url = server.base_url();
  ho.backoff_base = 5ms;
  ho.backoff_cap = 20ms;
  ho.total_timeout = 400ms;
  ho.max_retries = 2;
  const bool transient = fault != Behaviour::malformed_json && fault != Behaviour::unauthorized;
  const bool configuration = fault == Behaviour::unauthorized;
  synthbench::llm::ChatResponse during;
  {
    CassetteClient recorder(cassette, quiet(RecordMode::new_episodes),
                            [&ho] { return std::make_shared<synthbench::http::OpenAiClient>(ho); });
    (void)recorder.complete(prompt_request("before the fault"));
    server.fail_next(fault);
    if (transient) {
      EXPECT_EQ(recorder.complete(prompt_request("during the fault")).content,
                LocalChatServer::answer_for(prompt_request("during the fault")));
    } else if (!configuration) {
      during = recorder.complete(prompt_request("during the fault"));
      EXPECT_EQ(during.outcome, synthbench::llm::Outcome::provider_error);
      EXPECT_EQ(during.status, 200);
    } else {
      try {
        (void)recorder.complete(prompt_request("during the fault"));
        ADD_FAILURE() << "a 401 must throw";
      } catch (const synthbench::http::HttpError& e) {
        EXPECT_EQ(e.id(), "synthbench.http.2");
      }
      // The recording has ended: the next call rethrows without sending anything.
      EXPECT_THROW((void)recorder.complete(prompt_request("after the fault")), synthbench::http::HttpError);
    }
    if (!configuration) (void)recorder.complete(prompt_request("after the fault"));
  }
  const std::size_t sent = configuration ? 2u : (fault != Behaviour::none && transient ? 4u : 3u);
  EXPECT_EQ(server.requests(), sent);  // one retry per transient fault
  const auto c = synthbench::cassette::read_cassette(cassette);
  EXPECT_EQ(c.interactions.size(), configuration ? 1u : 3u);
  server.stop();
  CassetteClient replay(cassette, quiet(RecordMode::none));
  const std::string last = configuration ? "before the fault" : "after the fault";
  EXPECT_EQ(replay.complete(prompt_request(last)).content, LocalChatServer::answer_for(prompt_request(last)));
  if (fault == Behaviour::malformed_json) {
    auto replayed = replay.complete(prompt_request("during the fault"));
    EXPECT_TRUE(replayed.replayed);
    replayed.replayed = false;
    EXPECT_EQ(replayed, during);  // the same outcome, error text, status, attempts, body, latency
  }
  if (configuration) {
    EXPECT_THROW((void)replay.complete(prompt_request("during the fault")), synthbench::cassette::CassetteMiss);
  }
}

std::string fault_name(const ::testing::TestParamInfo<LocalChatServer::Fault>& info) {
  static const char* const names[] = {"none",           "rate_limit",      "server_error", "slow",
                                      "malformed_json", "drop_connection", "unauthorized"};
  return names[static_cast<int>(info.param)];
}

INSTANTIATE_TEST_SUITE_P(EachBehaviour, RecorderFaults,
                         ::testing::Values(LocalChatServer::Fault::none, LocalChatServer::Fault::rate_limit,
                                           LocalChatServer::Fault::server_error, LocalChatServer::Fault::slow,
                                           LocalChatServer::Fault::drop_connection, LocalChatServer::Fault::malformed_json,
                                           LocalChatServer::Fault::unauthorized),
                         fault_name);

TEST(RecorderSpendingGuard, StopsCleanlyAndKeepsWhatWasRecorded) {
  TempRoot root;
  const auto cassette = root.path / "budget.json";
  LocalChatServer server;
  synthbench::http::HttpOptions ho;
  ho.base_url = server.base_url();
  ho.max_requests = 3;
  {
    CassetteClient recorder(cassette, quiet(RecordMode::new_episodes),
                            [&ho] { return std::make_shared<synthbench::http::OpenAiClient>(ho); });
    int stopped = 0;
    for (int i = 0; i < 5; ++i) {
      try {
        (void)recorder.complete(prompt_request("p" + std::to_string(i)));
      } catch (const synthbench::http::BudgetExhausted&) {
        ++stopped;
      }
    }
    EXPECT_EQ(stopped, 2);
  }
  EXPECT_EQ(server.requests(), 3u);
  EXPECT_EQ(synthbench::cassette::read_cassette(cassette).interactions.size(), 3u);
}

// Recording throughput (DESIGN.md: TCP_NODELAY, ~500 requests per second instead of 22) is a
// speed figure: tests/benchmarks/http_benchmark.cpp measures it, not a unit test.

TEST(RecorderSecrets, TheApiKeyIsSentButNeverStored) {
  TempRoot root;
  ::setenv("OPENAI_API_KEY", "local-only-key-abcdefgh", 1);
  const auto cassette = root.path / "key.json";
  LocalChatServer server;
  {
    CassetteClient recorder(cassette, quiet(RecordMode::new_episodes), [&server] { return transport_for(server); });
    (void)recorder.complete(prompt_request("hello"));
    // A prompt that makes the server echo the key is refused before anything is written.
    EXPECT_THROW((void)recorder.complete(prompt_request("repeat local-only-key-abcdefgh")),
                 synthbench::cassette::SecretLeak);
  }
  EXPECT_EQ(server.last_authorization(), "Bearer local-only-key-abcdefgh");
  const std::string text = synthbench::detail::read_file(cassette);
  EXPECT_EQ(text.find("local-only-key-abcdefgh"), std::string::npos);
  EXPECT_EQ(text.find("Authorization"), std::string::npos);
  EXPECT_EQ(synthbench::cassette::read_cassette(cassette).interactions.size(), 1u);
  ::unsetenv("OPENAI_API_KEY");
}

}  // namespace
