#ifndef SYNTHBENCH_TESTS_SUPPORT_EXAMPLE_REQUESTS_HPP
#define SYNTHBENCH_TESTS_SUPPORT_EXAMPLE_REQUESTS_HPP

// The requests behind cassettes/local-test-server-example.json: the program that records it
// (tests/unit/http/record_example_cassette.cpp) and the test that replays it
// (tests/unit/cassette/example_cassette_test.cpp) share them.

#include <string>
#include <vector>

#include <synthbench/llm/chat.hpp>

namespace synthbench_test_support {

inline std::vector<synthbench::llm::ChatRequest> example_requests() {
  const char* const intents[] = {"PlayMusic", "BookRestaurant", "GetWeather"};
  std::vector<synthbench::llm::ChatRequest> out;
  for (const char* intent : intents) {
    synthbench::llm::ChatRequest r;
    r.model = "gpt-4o-mini";  // what was asked for; the local test server answered
    r.messages = {{"system", "You write test sentences for an intent classifier. Answer with one sentence.",
                   nlohmann::json::object()},
                  {"user", std::string("Write one request a user could send with the intent ") + intent + ".",
                   nlohmann::json::object()}};
    r.temperature = 1.0;
    r.seed = 42;
    r.max_tokens = 60;
    out.push_back(r);
  }
  out.push_back(out.front());  // a replicate: the same request twice replays in recorded order
  return out;
}

}  // namespace synthbench_test_support

#endif  // SYNTHBENCH_TESTS_SUPPORT_EXAMPLE_REQUESTS_HPP
