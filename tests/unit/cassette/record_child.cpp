// A recording process for the durability tests:
//   synthbench_cassette_record_child CASSETTE PREFIX COUNT DELAY_MS
// records COUNT requests "PREFIX-0" .. "PREFIX-(COUNT-1)" into CASSETTE (mode new_episodes)
// through a fake upstream that takes DELAY_MS per call, and prints "done I" on standard
// output (flushed) after complete() returned for request I, i.e. after its journal line
// was fsync'd. The parent may kill it with SIGKILL at any moment.

#include <synthbench/cassette.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: " << argv[0] << " CASSETTE PREFIX COUNT DELAY_MS\n";
    return 2;
  }
  ::setenv("SYNTHBENCH_RECORD_IN_CI", "1", 1);  // a test helper: recording is its purpose
  const std::string prefix = argv[2];
  const int count = std::atoi(argv[3]);
  const int delay_ms = std::atoi(argv[4]);
  try {
    synthbench::cassette::CassetteOptions options;
    options.mode = synthbench::cassette::RecordMode::new_episodes;
    options.base_url = "http://127.0.0.1/v1";
    options.report = [](const std::string&) {};
    synthbench::cassette::CassetteClient client(argv[1], options, [delay_ms]() -> std::shared_ptr<synthbench::llm::ChatClient> {
      return std::make_shared<synthbench::llm::FunctionClient>([delay_ms](const synthbench::llm::ChatRequest& r) {
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        synthbench::llm::ChatResponse out;
        out.content = "answer to " + r.messages.back().content;
        out.model = "fake-upstream";
        return out;
      });
    });
    for (int i = 0; i < count; ++i) {
      synthbench::llm::ChatRequest r;
      r.model = "test-model";
      r.messages = {{"user", prefix + "-" + std::to_string(i), nlohmann::json::object()}};
      (void)client.complete(r);
      std::printf("done %d\n", i);
      std::fflush(stdout);
    }
    client.finish();
  } catch (const std::exception& e) {
    std::cerr << "record_child: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
