// Recording LLM calls through HTTP (docs/performance.md): sequential requests recorded into a
// cassette from synthbench's local test server (tests/support/local_chat_server.hpp) through
// the libcurl client, against the same requests recorded from an in-process client with the
// same answers (no network), measured in the same run. DESIGN.md: without TCP_NODELAY on the
// server this crawled at 22 requests per second instead of about 500; a unit test used to
// assert a floor on it, which is a speed figure and belongs here.
//
//   RecordThroughHttp   100 sequential requests per iteration, journal fsync included.
//                       Counters: requests_per_second (HTTP), http_over_in_process (time ratio).

#include <benchmark/benchmark.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>  // getpid

#include <synthbench/cassette.hpp>
#include <synthbench/http.hpp>

#include "support/local_chat_server.hpp"

namespace {

using synthbench::cassette::CassetteClient;
using synthbench::cassette::CassetteOptions;
using synthbench::cassette::RecordMode;
using synthbench_test_support::LocalChatServer;

constexpr int kCalls = 100;

synthbench::llm::ChatRequest request(int i) {
  synthbench::llm::ChatRequest r;
  r.model = "local";
  r.messages = {{"user", "throughput " + std::to_string(i)}};
  return r;
}

// Seconds to record kCalls requests into a fresh cassette through `upstream`.
template <class Factory>
double record(const std::filesystem::path& dir, int run, Factory upstream) {
  CassetteOptions o;
  o.mode = RecordMode::all;
  o.base_url = "http://127.0.0.1/v1";
  o.report = [](const std::string&) {};
  const auto start = std::chrono::steady_clock::now();
  {
    CassetteClient recorder(dir / ("run-" + std::to_string(run) + ".json"), o, upstream);
    for (int i = 0; i < kCalls; ++i) benchmark::DoNotOptimize(recorder.complete(request(i)));
    (void)recorder.finish();
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void RecordThroughHttp(benchmark::State& state) {
  ::setenv("SYNTHBENCH_RECORD_IN_CI", "1", 1);  // a local server: nothing leaves the machine
  const auto dir = std::filesystem::temp_directory_path() / ("synthbench-http-benchmark-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  LocalChatServer server;
  synthbench::http::HttpOptions ho;
  ho.base_url = server.base_url();
  int run = 0;
  double http_seconds = 0;
  double local_seconds = 0;
  for (auto _ : state) {
    http_seconds += record(dir, run++, [&ho] { return std::make_shared<synthbench::http::OpenAiClient>(ho); });
    local_seconds += record(dir, run++, [] {
      return std::make_shared<synthbench::llm::FunctionClient>(
          [](const synthbench::llm::ChatRequest& r) {
            synthbench::llm::ChatResponse response;
            response.content = LocalChatServer::answer_for(r);
            response.model = "synthbench-local-test-server";
            return response;
          },
          "http://127.0.0.1/v1");
    });
  }
  std::filesystem::remove_all(dir);
  const double iterations = static_cast<double>(state.iterations());
  state.counters["requests_per_second"] = kCalls * iterations / http_seconds;
  state.counters["http_over_in_process"] = http_seconds / local_seconds;
}
BENCHMARK(RecordThroughHttp)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
