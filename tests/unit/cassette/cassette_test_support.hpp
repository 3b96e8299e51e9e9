#ifndef SYNTHBENCH_TESTS_UNIT_CASSETTE_SUPPORT_HPP
#define SYNTHBENCH_TESTS_UNIT_CASSETTE_SUPPORT_HPP

// Helpers shared by the cassette tests: environment guards, requests, a counting fake upstream.

#include <synthbench/cassette.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/test_paths.hpp"

namespace cassette_test {

// Sets (or unsets, with nullopt) an environment variable for its lifetime.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = std::string(old);
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// A temporary folder removed at the end of the test.
struct TempDir {
  std::filesystem::path path = synthbench_test_support::make_temp_dir("synthbench-cassette");
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

inline synthbench::llm::ChatRequest request(const std::string& text, const std::string& model = "test-model") {
  synthbench::llm::ChatRequest r;
  r.model = model;
  r.messages = {{"system", "Answer briefly.", nlohmann::json::object()}, {"user", text, nlohmann::json::object()}};
  r.temperature = 0.0;
  r.seed = 1;
  return r;
}

// A recorded interaction of request(text) to 127.0.0.1, answered `answer` by
// "synthbench-local-test-server" in 2.5 ms, with usage and a recording time.
inline synthbench::cassette::Interaction recorded_interaction(const std::string& text, std::size_t replicate,
                                                              const std::string& answer) {
  synthbench::cassette::Interaction i;
  i.request = synthbench::cassette::canonical_key(request(text), {"openai", "127.0.0.1"});
  i.replicate = replicate;
  synthbench::llm::ChatResponse r;
  r.content = answer;
  r.finish_reason = "stop";
  r.model = "synthbench-local-test-server";
  r.usage = synthbench::llm::TokenUsage{3, 2, 5};
  r.raw_body = synthbench::llm::to_openai_json(r).dump();
  r.latency = std::chrono::microseconds(2500);
  i.response = r;
  i.recorded_at = "2026-01-02T03:04:05Z";
  return i;
}

// A fake upstream: answers "answer N to: <text>" where N counts calls, so that two calls of
// the same request get different answers (replicates are distinguishable).
struct CountingUpstream {
  std::shared_ptr<std::atomic<int>> calls = std::make_shared<std::atomic<int>>(0);
  std::string model = "fake-upstream";

  synthbench::cassette::UpstreamFactory factory() const {
    auto counter = calls;
    auto name = model;
    return [counter, name]() -> std::shared_ptr<synthbench::llm::ChatClient> {
      return std::make_shared<synthbench::llm::FunctionClient>([counter, name](const synthbench::llm::ChatRequest& r) {
        const int n = ++*counter;
        synthbench::llm::ChatResponse out;
        out.content = "answer " + std::to_string(n) + " to: " + r.messages.back().content;
        out.finish_reason = "stop";
        out.model = name;
        out.usage = synthbench::llm::TokenUsage{10, 5, 15};
        out.latency = std::chrono::microseconds(1234);
        return out;
      });
    };
  }
};

inline synthbench::cassette::CassetteOptions options(synthbench::cassette::RecordMode mode) {
  synthbench::cassette::CassetteOptions o;
  o.mode = mode;
  o.base_url = "http://127.0.0.1/v1";
  o.report = [](const std::string&) {};
  return o;
}

}  // namespace cassette_test

#endif  // SYNTHBENCH_TESTS_UNIT_CASSETTE_SUPPORT_HPP
