// Replays the committed example cassette without any server: the answers are the local test
// server's deterministic answers, and nothing is written.

#include <synthbench/cassette.hpp>

#include <gtest/gtest.h>

#include "cassette_test_support.hpp"
#include "support/example_requests.hpp"
#include "support/local_chat_server.hpp"
#include "synthbench/detail/files.hpp"

namespace {

TEST(ExampleCassette, ReplaysWithoutAnyServer) {
  cassette_test::ScopedEnv no_mode("SYNTHBENCH_RECORD", std::nullopt);
  cassette_test::ScopedEnv no_usage("SYNTHBENCH_CASSETTE_USAGE_DIR", std::nullopt);
  cassette_test::ScopedEnv root("SYNTHBENCH_CASSETTE_DIR", std::nullopt);  // the default: cassettes/ (ctest runs in the source root)
  const auto path = synthbench::cassette::cassette_path("local-test-server-example");
  ASSERT_TRUE(std::filesystem::exists(path)) << "run from the source root";
  const std::string before = synthbench::detail::read_file(path);

  auto options = cassette_test::options(synthbench::cassette::RecordMode::none);
  options.strict = true;
  synthbench::cassette::CassetteClient replay(path, options);
  ASSERT_FALSE(replay.holds_upstream());
  for (const auto& request : synthbench_test_support::example_requests()) {
    const auto response = replay.complete(request);
    EXPECT_TRUE(response.replayed);
    EXPECT_EQ(response.content, synthbench_test_support::LocalChatServer::answer_for(request));
    EXPECT_EQ(response.model, synthbench_test_support::LocalChatServer::model_name);
  }
  EXPECT_EQ(replay.finish().unused, 0u);
  EXPECT_EQ(synthbench::detail::read_file(path), before);
}

TEST(ExampleCassette, SaysWhatAnsweredAndPassesVerify) {
  const auto path = std::filesystem::path("cassettes/local-test-server-example.json");
  const auto text = synthbench::detail::read_file(path);
  const auto cassette = synthbench::cassette::parse_cassette(text, path.string());
  EXPECT_EQ(cassette.metadata.models, std::vector<std::string>{"synthbench-local-test-server"});
  EXPECT_EQ(cassette.metadata.hosts, std::vector<std::string>{"127.0.0.1"});
  EXPECT_NE(cassette.metadata.description.find("local test server"), std::string::npos);
  EXPECT_TRUE(synthbench::cassette::verify_cassette(text, path.string(), {}).empty());
}

}  // namespace
