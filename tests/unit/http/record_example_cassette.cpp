// Records cassettes/local-test-server-example.json (or the file given) from the local test
// server: synthbench_record_example_cassette [OUT]. Run it from the source root after changing
// tests/support/example_requests.hpp, then commit the cassette.

#include <synthbench/cassette.hpp>
#include <synthbench/http.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "support/example_requests.hpp"
#include "support/local_chat_server.hpp"

int main(int argc, char** argv) {
  const std::filesystem::path out = argc > 1 ? argv[1] : "cassettes/local-test-server-example.json";
  try {
    synthbench_test_support::LocalChatServer server;
    synthbench::cassette::CassetteOptions options;
    options.mode = synthbench::cassette::RecordMode::all;
    options.base_url = "http://127.0.0.1/v1";
    options.description =
        "Recorded from synthbench's local test server (tests/support/local_chat_server.hpp) by "
        "tests/unit/http/record_example_cassette.cpp. Its answers are deterministic echoes of the "
        "requests, not the output of any language model; the requests ask for gpt-4o-mini but "
        "synthbench-local-test-server answered.";
    ::setenv("SYNTHBENCH_RECORD_IN_CI", "1", 1);
    std::filesystem::remove(out);
    synthbench::cassette::CassetteClient client(out, options, [&server] {
      synthbench::http::HttpOptions http;
      http.base_url = server.base_url();
      return std::make_shared<synthbench::http::OpenAiClient>(http);
    });
    for (const auto& r : synthbench_test_support::example_requests()) std::cout << client.complete(r).content << "\n";
    const auto report = client.finish();
    std::cout << "recorded " << report.recorded << " interaction(s) into " << out << "\n";
  } catch (const std::exception& e) {
    std::cerr << "record_example_cassette: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
