// A recording process for the durability and fault-injection tests:
//   synthbench_cassette_record_child CASSETTE PREFIX COUNT DELAY_MS [BATCH]
// records COUNT requests "PREFIX-0" .. "PREFIX-(COUNT-1)" into CASSETTE (mode new_episodes)
// through a fake upstream that takes DELAY_MS per call, and prints "done I" on standard
// output (flushed) after complete() returned for request I, i.e. after its journal line
// was fsync'd. Every BATCH calls (default: COUNT) it prints "finish" and finishes its client,
// which rewrites the cassette, and opens a new one: a kill can land in a rewrite too. The
// parent may kill it with SIGKILL at any moment.
//
// With SYNTHBENCH_TEST_FILE_SIZE_LIMIT=N in its environment it cannot write files larger
// than N bytes (RLIMIT_FSIZE; a write past it fails with EFBIG, as on a full disk): the
// fault-injection tests' stand-in for a full disk when no small tmpfs can be mounted.
// Exit status: 0 done, 1 an error (printed on standard error), 2 bad arguments.

#include <synthbench/cassette.hpp>

#include <signal.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

int main(int argc, char** argv) {
  if (argc != 5 && argc != 6) {
    std::cerr << "usage: " << argv[0] << " CASSETTE PREFIX COUNT DELAY_MS [BATCH]\n";
    return 2;
  }
  ::setenv("SYNTHBENCH_RECORD_IN_CI", "1", 1);  // a test helper: recording is its purpose
  if (const char* limit = std::getenv("SYNTHBENCH_TEST_FILE_SIZE_LIMIT")) {
    ::signal(SIGXFSZ, SIG_IGN);  // a write past the limit then fails with EFBIG instead of killing
    const rlimit r{static_cast<rlim_t>(std::atoll(limit)), static_cast<rlim_t>(std::atoll(limit))};
    if (::setrlimit(RLIMIT_FSIZE, &r) != 0) {
      std::perror("setrlimit");
      return 2;
    }
  }
  const std::string prefix = argv[2];
  const int count = std::atoi(argv[3]);
  const int delay_ms = std::atoi(argv[4]);
  const int batch = argc == 6 ? std::atoi(argv[5]) : count;
  try {
    synthbench::cassette::CassetteOptions options;
    options.mode = synthbench::cassette::RecordMode::new_episodes;
    options.base_url = "http://127.0.0.1/v1";
    options.report = [](const std::string&) {};
    const auto upstream = [delay_ms]() -> std::shared_ptr<synthbench::llm::ChatClient> {
      return std::make_shared<synthbench::llm::FunctionClient>([delay_ms](const synthbench::llm::ChatRequest& r) {
        if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        synthbench::llm::ChatResponse out;
        out.content = "answer to " + r.messages.back().content;
        out.model = "fake-upstream";
        return out;
      });
    };
    for (int start = 0; start < count; start += batch) {
      synthbench::cassette::CassetteClient client(argv[1], options, upstream);
      for (int i = start; i < count && i < start + batch; ++i) {
        synthbench::llm::ChatRequest r;
        r.model = "test-model";
        r.messages = {{"user", prefix + "-" + std::to_string(i), nlohmann::json::object()}};
        (void)client.complete(r);
        std::printf("done %d\n", i);
        std::fflush(stdout);
      }
      std::printf("finish\n");
      std::fflush(stdout);
      client.finish();
    }
  } catch (const std::exception& e) {
    std::cerr << "record_child: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
