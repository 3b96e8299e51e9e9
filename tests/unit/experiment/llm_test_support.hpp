#ifndef SYNTHBENCH_TESTS_UNIT_EXPERIMENT_LLM_TEST_SUPPORT_HPP
#define SYNTHBENCH_TESTS_UNIT_EXPERIMENT_LLM_TEST_SUPPORT_HPP

// Helpers of the tests of LLM-backed generators and solvers: a scripted ChatClient that
// records what it was asked, and a copy of fixtures/prompts in a temporary folder.

#include <synthbench/llm/client.hpp>

#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "unit/cassette/cassette_test_support.hpp"

namespace llm_test {

using cassette_test::ScopedEnv;
using cassette_test::TempDir;

// A response with `content` (finish_reason "stop", model "scripted-model").
inline synthbench::llm::ChatResponse reply(std::string content, std::string finish_reason = "stop") {
  synthbench::llm::ChatResponse r;
  r.content = std::move(content);
  r.finish_reason = std::move(finish_reason);
  r.model = "scripted-model";
  return r;
}

// The prompt of a request (its last message).
inline const std::string& prompt_of(const synthbench::llm::ChatRequest& r) { return r.messages.back().content; }

// The text after "## <heading>\n" in a prompt, up to the next blank line or the end.
inline std::string section(const std::string& prompt, const std::string& heading) {
  const std::string marker = "## " + heading + "\n";
  const auto at = prompt.find(marker);
  if (at == std::string::npos) return {};
  const auto begin = at + marker.size();
  const auto end = prompt.find("\n\n", begin);
  std::string s = prompt.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

// A ChatClient answering with a function of the request (throw to fail it), recording the
// requests and the arguments of each complete_batch call. Thread-safe, as ChatClient must be.
class ScriptedClient : public synthbench::llm::ChatClient {
 public:
  using Script = std::function<synthbench::llm::ChatResponse(const synthbench::llm::ChatRequest&)>;

  explicit ScriptedClient(Script script) : script_(std::move(script)) {}

  synthbench::llm::ChatResponse complete(const synthbench::llm::ChatRequest& request) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(request);
    }
    return script_(request);
  }

  std::vector<synthbench::llm::BatchResult> complete_batch(const std::vector<synthbench::llm::ChatRequest>& requests,
                                                           std::size_t max_in_flight) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      batches_.push_back({requests.size(), max_in_flight});
    }
    return ChatClient::complete_batch(requests, max_in_flight);
  }

  // Requests in the order they arrived (which varies with concurrency).
  std::vector<synthbench::llm::ChatRequest> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  // (batch size, max_in_flight) of each complete_batch call.
  std::vector<std::pair<std::size_t, std::size_t>> batches() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return batches_;
  }

 private:
  Script script_;
  mutable std::mutex mutex_;
  std::vector<synthbench::llm::ChatRequest> requests_;
  std::vector<std::pair<std::size_t, std::size_t>> batches_;
};

// fixtures/prompts copied into `dir` (tests run in the source root).
inline void copy_prompts(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  for (const auto& e : std::filesystem::directory_iterator("fixtures/prompts")) {
    std::filesystem::copy_file(e.path(), dir / e.path().filename(), std::filesystem::copy_options::overwrite_existing);
  }
}

}  // namespace llm_test

#endif  // SYNTHBENCH_TESTS_UNIT_EXPERIMENT_LLM_TEST_SUPPORT_HPP
