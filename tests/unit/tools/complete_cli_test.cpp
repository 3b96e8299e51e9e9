// `synthbench complete`, run as a real child process against the local test server (which
// this test process starts): live calls, every outcome's exit status and JSON, recording and
// replaying through a cassette (replay with the server stopped), a cassette miss, the
// Anthropic provider, and every usage error.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/local_chat_server.hpp"
#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using synthbench_test_support::LocalChatServer;
using synthbench_test_support::ProcessResult;
using synthbench_test_support::run_process;

// The environment of every run: nothing inherited selects a mode, provider, URL or key.
const std::vector<std::string> clean_env = {"SYNTHBENCH_RECORD=",     "SYNTHBENCH_PROVIDER=",   "SYNTHBENCH_BASE_URL=",
                                            "SYNTHBENCH_API_KEY_ENV=", "OPENAI_API_KEY=",        "ANTHROPIC_API_KEY=",
                                            "SYNTHBENCH_RECORD_IN_CI=1", "SYNTHBENCH_CASSETTE_USAGE_DIR="};

ProcessResult synthbench(std::vector<std::string> args, std::vector<std::string> env = {}, const std::string& input = {}) {
  args.insert(args.begin(), synthbench_test_support::cli_path().string());
  for (const auto& clean : clean_env) {  // each once: the caller's value wins
    const std::string name = clean.substr(0, clean.find('=') + 1);
    bool given = false;
    for (const auto& e : env) given = given || e.compare(0, name.size(), name) == 0;
    if (!given) env.push_back(clean);
  }
  return run_process(args, input, env);
}

LocalChatServer::Canned canned(int status, const std::string& body, std::vector<std::pair<std::string, std::string>> headers = {}) {
  LocalChatServer::Canned c;
  c.status = status;
  c.headers = std::move(headers);
  c.headers.emplace_back("Content-Type", "application/json");
  c.body = body;
  return c;
}

class CompleteCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(synthbench_test_support::cli_path())) << synthbench_test_support::cli_path();
    dir_ = synthbench_test_support::make_temp_dir("synthbench-complete-cli");
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& content) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  fs::path dir_;
  LocalChatServer server_;
};

TEST_F(CompleteCli, AnAnswerLiveInTextAndJson) {
  auto r = synthbench({"complete", "--model", "m", "--prompt", "hello there", "--base-url", server_.base_url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  synthbench::llm::ChatRequest expected;
  expected.model = "m";
  expected.messages = {{"user", "hello there", json::object()}};
  EXPECT_EQ(r.out, LocalChatServer::answer_for(expected) + "\n");
  r = synthbench({"complete", "--model", "m", "--prompt", "hello there", "--base-url", server_.base_url(), "--format", "json",
                  "--api-key-env", "MY_KEY"},
                 {"MY_KEY=local-cli-key-value"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["outcome"], "answer");
  EXPECT_EQ(j["content"], LocalChatServer::answer_for(expected));
  EXPECT_EQ(j["finish_reason"], "stop");
  EXPECT_EQ(j["model"], "synthbench-local-test-server");
  EXPECT_EQ(j["usage"]["prompt_tokens"], 2);  // two words
  EXPECT_EQ(j["usage"]["total_tokens"], j["usage"]["prompt_tokens"].get<int>() + j["usage"]["completion_tokens"].get<int>());
  EXPECT_EQ(j["replayed"], false);
  EXPECT_FALSE(j.contains("error"));
  EXPECT_EQ(server_.last_header("authorization"), "Bearer local-cli-key-value");
}

TEST_F(CompleteCli, EveryOtherOutcomeExitsOne) {
  const std::string base = server_.base_url();
  server_.serve_next(canned(200, R"j({"choices":[{"finish_reason":"stop","message":{"content":null,"refusal":"I can't help with that."}}],"model":"m"})j"));
  auto r = synthbench({"complete", "--model", "m", "--prompt", "x", "--base-url", base});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "refusal: I can't help with that.\n");
  server_.serve_next(canned(200, R"j({"choices":[{"finish_reason":"content_filter","index":0}]})j"));
  r = synthbench({"complete", "--model", "m", "--prompt", "x", "--base-url", base, "--format", "json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(json::parse(r.out)["outcome"], "content_filter");
  server_.serve_next(canned(400, R"j({"error":{"message":"Unsupported parameter: 'stop'.","type":"invalid_request_error"}})j"));
  r = synthbench({"complete", "--model", "m", "--prompt", "x", "--base-url", base, "--format", "json"});
  EXPECT_EQ(r.exit_code, 1);
  json j = json::parse(r.out);
  EXPECT_EQ(j["outcome"], "provider_error");
  EXPECT_EQ(j["error"], "HTTP 400: Unsupported parameter: 'stop'. (invalid_request_error)");
  EXPECT_EQ(j["status"], 400);
  // An exhausted 503 (Retry-After: 0, so the six attempts take no time).
  server_.serve_next(canned(503, R"j({"error":{"message":"overloaded"}})j", {{"Retry-After", "0"}}), 6);
  r = synthbench({"complete", "--model", "m", "--prompt", "x", "--base-url", base, "--format", "json"});
  EXPECT_EQ(r.exit_code, 1);
  j = json::parse(r.out);
  EXPECT_EQ(j["outcome"], "transient_failure");
  EXPECT_EQ(j["attempts"], 6);
  EXPECT_EQ(j["error"], "HTTP 503: overloaded (after 6 attempts)");
}

TEST_F(CompleteCli, RecordsThroughACassetteAndReplaysOffline) {
  const std::string cassette = (dir_ / "c.json").string();
  const std::vector<std::string> args = {"complete", "--model", "m", "--prompt", "hi", "--base-url", server_.base_url(),
                                         "--cassette", cassette, "--format", "json"};
  auto record = args;
  record.insert(record.end(), {"--record", "once"});
  auto r = synthbench(record);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json recorded = json::parse(r.out);
  EXPECT_EQ(recorded["replayed"], false);
  ASSERT_TRUE(fs::exists(cassette));
  server_.stop();
  r = synthbench(args, {"SYNTHBENCH_RECORD=none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json replayed = json::parse(r.out);
  EXPECT_EQ(replayed["replayed"], true);
  replayed["replayed"] = false;
  EXPECT_EQ(replayed, recorded);
  // Another prompt: a miss, with the diff against the nearest recorded request.
  auto other = args;
  other[4] = "hello";
  r = synthbench(other);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cassette miss"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/messages/0/content"), std::string::npos) << r.err;
  EXPECT_TRUE(json::parse(r.out)["outcome"].is_null());
}

TEST_F(CompleteCli, TheAnthropicProviderAndARequestFile) {
  const std::string request = write("request.json", R"j({"messages": [{"role": "system", "content": "Be brief."},
    {"role": "user", "content": "bonjour"}], "max_tokens": 32, "temperature": 0})j");
  const auto r = synthbench({"complete", "--model", "claude-x", "--request", request, "--provider", "anthropic", "--base-url",
                             server_.base_url(), "--format", "json"},
                            {"ANTHROPIC_API_KEY=local-anthropic-value"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["outcome"], "answer");
  EXPECT_EQ(j["finish_reason"], "end_turn");
  EXPECT_EQ(server_.last_path(), "/v1/messages");
  EXPECT_EQ(server_.last_header("x-api-key"), "local-anthropic-value");
  EXPECT_EQ(json::parse(synthbench({"complete", "--model", "claude-x", "--prompt", "x", "--base-url", server_.base_url(),
                                    "--format", "json"},
                                   {"SYNTHBENCH_PROVIDER=anthropic"})
                            .out)["finish_reason"],
            "end_turn");
}

TEST_F(CompleteCli, BadInputAndUsageExitTwo) {
  const std::string base = server_.base_url();
  const auto status = [](const ProcessResult& r) { return r.exit_code; };
  EXPECT_EQ(status(synthbench({"complete", "--prompt", "x", "--base-url", base})), 2);  // no --model
  EXPECT_EQ(status(synthbench({"complete", "--model", "m", "--base-url", base})), 2);  // no prompt
  EXPECT_EQ(status(synthbench({"complete", "--model", "m", "--prompt", "x", "--request", write("r.json", "{}")})), 2);
  EXPECT_EQ(status(synthbench({"complete", "--model", "m", "--prompt", "x", "--record", "none"})), 2);
  EXPECT_EQ(status(synthbench({"complete", "--model", "m", "--prompt", "x", "--provider", "gemini"})), 2);
  EXPECT_EQ(status(synthbench({"complete", "--model", "m", "--prompt", "x", "--format", "xml"})), 2);
  EXPECT_EQ(status(synthbench({"complete", "--model", "m", "--request", write("bad.json", "{\"messages\": 5}")})), 2);
  EXPECT_EQ(status(synthbench({"complete", "--model", "m", "--request", write("stream.json",
                                                                               R"j({"messages": [{"role": "user", "content": "x"}], "stream": true})j"),
                               "--base-url", base})),
            2);
  const auto r = synthbench({"complete", "--model", "m", "--prompt", "x", "--cassette", (dir_ / "c.json").string(), "--record",
                             "sometimes"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--record=\"sometimes\" is not a record mode"), std::string::npos) << r.err;
  // A rejected key and an unknown model are configuration failures: bad input.
  server_.serve_next(canned(401, R"j({"error":{"message":"Incorrect API key provided"}})j"));
  const auto unauthorized = synthbench({"complete", "--model", "m", "--prompt", "x", "--base-url", base});
  EXPECT_EQ(unauthorized.exit_code, 2);
  EXPECT_NE(unauthorized.err.find("synthbench.http.2"), std::string::npos) << unauthorized.err;
  EXPECT_NE(unauthorized.err.find("$OPENAI_API_KEY"), std::string::npos) << unauthorized.err;
  const auto help = synthbench({"complete", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("usage: synthbench complete --model M"), std::string::npos);
}

}  // namespace
