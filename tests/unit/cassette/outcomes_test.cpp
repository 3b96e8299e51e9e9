// Every outcome of a chat call in a cassette (format 2): stored and read back to the same
// outcome, content, usage and error text; format 1 files still read; the errors of the new
// members; what each record mode does with failures; configuration failures; the provider as
// part of the key; and the secret scan over the new fields.

#include <synthbench/cassette.hpp>
#include <synthbench/http/errors.hpp>  // HttpError (header only: no curl)

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "cassette_test_support.hpp"
#include "synthbench/detail/files.hpp"

namespace {

using cassette_test::options;
using cassette_test::request;
using cassette_test::ScopedEnv;
using cassette_test::TempDir;
using nlohmann::json;
using synthbench::cassette::CassetteClient;
using synthbench::cassette::Interaction;
using synthbench::cassette::RecordMode;
using synthbench::llm::ChatResponse;
using synthbench::llm::Outcome;

// One response of each outcome, as an upstream would return it.
ChatResponse response_of(Outcome o) {
  using synthbench::llm::parse_openai_response;
  switch (o) {
    case Outcome::answer:
      return parse_openai_response(R"j({"choices":[{"finish_reason":"stop","message":{"content":"fine","reasoning_content":"because"}}],"model":"m","usage":{"completion_tokens":7,"completion_tokens_details":{"reasoning_tokens":3},"prompt_tokens":5,"total_tokens":12}})j", "t");
    case Outcome::refusal:
      return parse_openai_response(R"j({"choices":[{"finish_reason":"stop","message":{"content":null,"refusal":"I can't help with that."}}],"model":"m"})j", "t");
    case Outcome::content_filter:
      return parse_openai_response(R"j({"choices":[{"content_filter_results":{"violence":{"filtered":true,"severity":"medium"}},"finish_reason":"content_filter","index":0}],"model":"m"})j", "t");
    case Outcome::length:
      return parse_openai_response(R"j({"choices":[{"finish_reason":"length","message":{"content":[{"type":"text","text":"{\"inte"}]}}],"model":"m"})j", "t");
    case Outcome::tool_calls:
      return parse_openai_response(R"j({"choices":[{"finish_reason":"tool_calls","message":{"content":null,"tool_calls":[{"function":{"arguments":"{\"q\":1}","name":"search"},"id":"call_9","type":"function"}]}}],"model":"m"})j", "t");
    case Outcome::provider_error:
      return synthbench::llm::failure_response(
          o, "HTTP 400: This model's maximum context length is 8192 tokens. (invalid_request_error)", 400, 1,
          R"j({"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error"}})j");
    case Outcome::transient_failure:
      return synthbench::llm::failure_response(o, "HTTP 503: <html>busy</html> (after 6 attempts)", 503, 6,
                                               "<html>busy</html>");
  }
  return {};
}

// An upstream that answers every request with the response its last user message names
// ("refusal", "transient_failure", ...; anything else: an answer), counting calls; after
// `heal` calls, transient failures answer instead.
struct ScriptedUpstream {
  std::shared_ptr<std::atomic<int>> calls = std::make_shared<std::atomic<int>>(0);
  int heal = 1 << 30;

  synthbench::cassette::UpstreamFactory factory() const {
    auto counter = calls;
    const int heal_after = heal;
    return [counter, heal_after]() -> std::shared_ptr<synthbench::llm::ChatClient> {
      return std::make_shared<synthbench::llm::FunctionClient>([counter, heal_after](const synthbench::llm::ChatRequest& r) {
        const int n = ++*counter;
        const auto o = synthbench::llm::outcome_from_string(r.messages.back().content);
        if (!o || (*o == Outcome::transient_failure && n > heal_after)) return response_of(Outcome::answer);
        ChatResponse out = response_of(*o);
        out.latency = std::chrono::microseconds(1000 + n);
        return out;
      });
    };
  }
};

class CassetteOutcomes : public ::testing::Test {
 protected:
  ScopedEnv allow_{"SYNTHBENCH_RECORD_IN_CI", std::string("1")};
  ScopedEnv no_mode_{"SYNTHBENCH_RECORD", std::nullopt};
  ScopedEnv no_usage_{"SYNTHBENCH_CASSETTE_USAGE_DIR", std::nullopt};
  ScopedEnv no_provider_{"SYNTHBENCH_PROVIDER", std::nullopt};
  TempDir dir_;
  std::filesystem::path path_ = dir_.path / "outcomes.json";
};

TEST_F(CassetteOutcomes, EveryOutcomeIsRecordedAndReplaysExactly) {
  std::vector<ChatResponse> recorded;
  ScriptedUpstream up;
  {
    CassetteClient recorder(path_, options(RecordMode::once), up.factory());
    for (const auto o : synthbench::llm::all_outcomes) {
      recorded.push_back(recorder.complete(request(synthbench::llm::to_string(o))));
      EXPECT_EQ(recorded.back().outcome, o);
      EXPECT_FALSE(recorded.back().replayed);
    }
  }
  const auto journal_free = synthbench::cassette::read_cassette(path_);
  EXPECT_EQ(journal_free.interactions.size(), 7u);
  CassetteClient replay(path_, options(RecordMode::none));
  for (std::size_t k = 0; k < recorded.size(); ++k) {
    ChatResponse again = replay.complete(request(synthbench::llm::to_string(synthbench::llm::all_outcomes[k])));
    EXPECT_TRUE(again.replayed);
    again.replayed = false;
    EXPECT_EQ(again, recorded[k]) << synthbench::llm::to_string(synthbench::llm::all_outcomes[k]);
  }
  // Spot checks of what the recording run saw (and replay gives): not "equally wrong".
  EXPECT_EQ(recorded[0].reasoning, "because");
  EXPECT_EQ(recorded[0].usage->reasoning_tokens, 3);
  EXPECT_EQ(recorded[1].refusal, "I can't help with that.");
  EXPECT_EQ(recorded[3].content, "{\"inte");
  EXPECT_EQ(recorded[4].tool_calls.at(0).name, "search");
  EXPECT_EQ(recorded[5].error, "HTTP 400: This model's maximum context length is 8192 tokens. (invalid_request_error)");
  EXPECT_EQ(recorded[5].status, 400);
  EXPECT_EQ(recorded[6].attempts, 6);
  EXPECT_EQ(recorded[6].raw_body, "<html>busy</html>");
  // The file says what happened, for reviewers.
  const json doc = json::parse(synthbench::detail::read_file(path_));
  EXPECT_EQ(doc["format"], 2);
  std::vector<std::string> stored;
  for (const auto& i : doc["interactions"]) stored.push_back(i["response"]["outcome"].get<std::string>());
  std::sort(stored.begin(), stored.end());
  EXPECT_EQ(stored, (std::vector<std::string>{"answer", "content_filter", "length", "provider_error", "refusal",
                                              "tool_calls", "transient_failure"}));
  for (const auto& i : doc["interactions"]) {
    if (i["response"]["outcome"] == "transient_failure") {
      EXPECT_EQ(i["response"]["body_text"], "<html>busy</html>");
      EXPECT_EQ(i["response"]["status"], 503);
      EXPECT_FALSE(i["response"].contains("body"));
    }
    if (i["response"]["outcome"] == "provider_error") {
      EXPECT_EQ(i["response"]["body"]["error"]["type"], "invalid_request_error");
    }
  }
}

TEST_F(CassetteOutcomes, JournalLinesKeepEveryOutcome) {
  for (const auto o : synthbench::llm::all_outcomes) {
    Interaction i = cassette_test::recorded_interaction(synthbench::llm::to_string(o), 0, "");
    i.response = response_of(o);
    i.response.raw_body = synthbench::llm::is_failure(o) ? i.response.raw_body
                                                           : json::parse(i.response.raw_body).dump();  // compact
    const auto back = synthbench::cassette::parse_journal(synthbench::cassette::journal_line(i), "j");
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].response.outcome, o);
    EXPECT_EQ(back[0].response.content, i.response.content);
    EXPECT_EQ(back[0].response.error, i.response.error);
    EXPECT_EQ(back[0].response.raw_body, i.response.raw_body);
  }
}

TEST_F(CassetteOutcomes, FormatOneFilesAndJournalLinesStillRead) {
  // The committed example was written in format 1: it replays, each answer an "answer".
  const auto v1 = synthbench::cassette::read_cassette("cassettes/local-test-server-example.json");
  ASSERT_FALSE(v1.interactions.empty());
  for (const auto& i : v1.interactions) EXPECT_EQ(i.response.outcome, Outcome::answer);
  EXPECT_NE(synthbench::detail::read_file("cassettes/local-test-server-example.json").find("\"format\": 1"),
            std::string::npos);
  // A format 1 document with a refusal in its body reads as a refusal (derived, as now).
  const json line = {{"replicate", 0},
                     {"request", json::parse(synthbench::cassette::canonical_key(request("r"), {"openai", "h"}))},
                     {"response",
                      {{"body", json::parse(response_of(Outcome::refusal).raw_body)}, {"latency_ms", 1.5}}}};
  const json doc = {{"format", 1}, {"interactions", {line}}, {"metadata", json::object()}};
  const auto c = synthbench::cassette::parse_cassette(doc.dump(2), "v1.json");
  EXPECT_EQ(c.interactions.at(0).response.outcome, Outcome::refusal);
  // Written again, it is format 2.
  EXPECT_NE(synthbench::cassette::dump_cassette(c).find("\"outcome\": \"refusal\""), std::string::npos);
  // A journal line of format 1 (no "outcome"), left by an older recorder.
  EXPECT_EQ(synthbench::cassette::parse_journal(line.dump() + "\n", "old.journal").at(0).response.refusal,
            "I can't help with that.");
}

TEST_F(CassetteOutcomes, MalformedOutcomesNameThePointer) {
  Interaction i = cassette_test::recorded_interaction("x", 0, "y");
  synthbench::cassette::Cassette c;
  c.interactions = {i};
  const json valid = json::parse(synthbench::cassette::dump_cassette(c));
  const auto error_of = [](const json& doc) -> std::string {
    try {
      (void)synthbench::cassette::parse_cassette(doc.dump(2), "c.json");
    } catch (const synthbench::InputError& e) {
      return e.id() + " " + e.where();
    }
    return "no error";
  };
  const std::string at = "/interactions/0/response";
  json doc = valid;
  doc["interactions"][0]["response"]["outcome"] = "answered";
  EXPECT_EQ(error_of(doc), "synthbench.input.430 " + at + "/outcome");
  doc["interactions"][0]["response"]["outcome"] = "refusal";  // the body says answer
  EXPECT_EQ(error_of(doc), "synthbench.input.432 " + at + "/outcome");
  doc = valid;
  doc["interactions"][0]["response"].erase("outcome");
  EXPECT_EQ(error_of(doc), "synthbench.input.402 " + at);
  doc = valid;
  doc["interactions"][0]["response"]["error"] = "x";  // an answer has no error
  EXPECT_EQ(error_of(doc), "synthbench.input.431 " + at + "/error");
  doc = valid;
  doc["interactions"][0]["response"] = {{"outcome", "transient_failure"}, {"latency_ms", 1}};
  EXPECT_EQ(error_of(doc), "synthbench.input.402 " + at);  // no error text
  doc["interactions"][0]["response"]["error"] = "HTTP 503";
  EXPECT_EQ(error_of(doc), "no error");
  doc["interactions"][0]["response"]["status"] = 1000;
  EXPECT_EQ(error_of(doc), "synthbench.input.407 " + at + "/status");
  doc["interactions"][0]["response"]["status"] = 503;
  doc["interactions"][0]["response"]["attempts"] = -1;
  EXPECT_EQ(error_of(doc), "synthbench.input.407 " + at + "/attempts");
  doc["interactions"][0]["response"].erase("attempts");
  doc["interactions"][0]["response"]["body"] = 1;
  doc["interactions"][0]["response"]["body_text"] = "1";
  EXPECT_EQ(error_of(doc), "synthbench.input.431 " + at + "/body_text");
  doc["interactions"][0]["response"].erase("body");
  doc["interactions"][0]["response"]["body_text"] = 1;
  EXPECT_EQ(error_of(doc), "synthbench.input.401 " + at + "/body_text");
}

TEST_F(CassetteOutcomes, ReplayReproducesFailuresWithoutAnyNetwork) {
  ScriptedUpstream up;
  { CassetteClient recorder(path_, options(RecordMode::all), up.factory()); (void)recorder.complete(request("transient_failure")); }
  CassetteClient replay(path_, options(RecordMode::none));
  EXPECT_FALSE(replay.holds_upstream());
  const auto r = replay.complete(request("transient_failure"));
  EXPECT_EQ(r.outcome, Outcome::transient_failure);
  EXPECT_EQ(r.error, "HTTP 503: <html>busy</html> (after 6 attempts)");
}

TEST_F(CassetteOutcomes, NewEpisodesRetriesRecordedTransientFailuresOnly) {
  ScriptedUpstream first;
  {
    CassetteClient recorder(path_, options(RecordMode::once), first.factory());
    for (const char* name : {"transient_failure", "refusal", "provider_error", "answer"}) (void)recorder.complete(request(name));
  }
  EXPECT_EQ(*first.calls, 4);
  // Still failing: the recorded failure stays, and the call returns it.
  ScriptedUpstream still;
  {
    CassetteClient again(path_, options(RecordMode::new_episodes), still.factory());
    const auto r = again.complete(request("transient_failure"));
    EXPECT_EQ(r.outcome, Outcome::transient_failure);
    EXPECT_EQ(r.latency.count(), 1001);  // the recorded one (the first run's first call)
    // The other outcomes are kept, not retried.
    EXPECT_EQ(again.complete(request("refusal")).outcome, Outcome::refusal);
    EXPECT_EQ(again.complete(request("provider_error")).outcome, Outcome::provider_error);
    EXPECT_EQ(again.finish().recorded, 0u);
  }
  EXPECT_EQ(*still.calls, 1);
  // Healed: the failure is replaced by the answer, under the same replicate.
  ScriptedUpstream healed;
  healed.heal = 0;
  {
    CassetteClient again(path_, options(RecordMode::new_episodes), healed.factory());
    const auto r = again.complete(request("transient_failure"));
    EXPECT_EQ(r.outcome, Outcome::answer);
    EXPECT_FALSE(r.replayed);
    EXPECT_EQ(again.complete(request("refusal")).outcome, Outcome::refusal);
    const auto report = again.finish();
    EXPECT_EQ(report.recorded, 1u);
    EXPECT_EQ(report.replayed, 1u);
  }
  EXPECT_EQ(*healed.calls, 1);
  const auto c = synthbench::cassette::read_cassette(path_);
  EXPECT_EQ(c.interactions.size(), 4u);
  CassetteClient replay(path_, options(RecordMode::none));
  EXPECT_EQ(replay.complete(request("transient_failure")).outcome, Outcome::answer);
  EXPECT_THROW((void)replay.complete(request("transient_failure")), synthbench::cassette::CassetteMiss);  // no replicate 1
}

TEST_F(CassetteOutcomes, AllReRecordsEveryOutcome) {
  ScriptedUpstream first;
  { CassetteClient recorder(path_, options(RecordMode::once), first.factory()); (void)recorder.complete(request("refusal")); (void)recorder.complete(request("transient_failure")); }
  ScriptedUpstream again;
  again.heal = 0;
  {
    CassetteClient all(path_, options(RecordMode::all), again.factory());
    EXPECT_EQ(all.complete(request("refusal")).outcome, Outcome::refusal);
    EXPECT_EQ(all.complete(request("transient_failure")).outcome, Outcome::answer);
  }
  EXPECT_EQ(*again.calls, 2);
  CassetteClient replay(path_, options(RecordMode::none));
  EXPECT_EQ(replay.complete(request("transient_failure")).outcome, Outcome::answer);
}

TEST_F(CassetteOutcomes, AConfigurationFailureEndsTheRecordingAndWritesNothingForIt) {
  std::atomic<int> calls{0};
  const auto factory = [&calls]() -> std::shared_ptr<synthbench::llm::ChatClient> {
    return std::make_shared<synthbench::llm::FunctionClient>([&calls](const synthbench::llm::ChatRequest& r) {
      ++calls;
      if (r.messages.back().content == "bad key") {
        throw synthbench::http::HttpError(2, "POST http://127.0.0.1/v1/chat/completions answered HTTP 401: invalid key", 401, 1);
      }
      return response_of(Outcome::answer);
    });
  };
  { CassetteClient recorder(path_, options(RecordMode::new_episodes), factory); (void)recorder.complete(request("first")); }
  {
    CassetteClient recorder(path_, options(RecordMode::new_episodes), factory);
    EXPECT_EQ(recorder.complete(request("third")).outcome, Outcome::answer);
    EXPECT_THROW((void)recorder.complete(request("bad key")), synthbench::http::HttpError);
    // Every later call that would record rethrows the same error, without calling upstream.
    try {
      (void)recorder.complete(request("second"));
      FAIL();
    } catch (const synthbench::http::HttpError& e) {
      EXPECT_EQ(e.id(), "synthbench.http.2");
      EXPECT_EQ(e.status(), 401);
    }
    EXPECT_EQ(recorder.complete(request("first")).outcome, Outcome::answer);  // replaying what is recorded still works
  }
  EXPECT_EQ(calls.load(), 3);
  const auto c = synthbench::cassette::read_cassette(path_);
  ASSERT_EQ(c.interactions.size(), 2u);  // what came before is kept; nothing for the failed request
  EXPECT_TRUE(synthbench::llm::is_configuration_failure(std::make_exception_ptr(synthbench::http::HttpError(1, "x"))));
  EXPECT_FALSE(synthbench::llm::is_configuration_failure(std::make_exception_ptr(synthbench::http::HttpError(3, "x"))));
  EXPECT_TRUE(synthbench::llm::is_run_failure(std::make_exception_ptr(synthbench::http::HttpError(2, "x"))));
}

TEST_F(CassetteOutcomes, AStreamingRequestIsRefusedInEveryMode) {
  auto r = request("x");
  r.extra = {{"stream", true}};
  ScriptedUpstream up;
  CassetteClient recorder(path_, options(RecordMode::all), up.factory());
  EXPECT_THROW((void)recorder.complete(r), synthbench::UsageError);
  EXPECT_EQ(*up.calls, 0);
  CassetteClient replay(dir_.path / "other.json", options(RecordMode::none));
  EXPECT_THROW((void)replay.complete(r), synthbench::UsageError);
}

TEST_F(CassetteOutcomes, TheProviderIsPartOfTheKey) {
  // An Anthropic recording never answers an OpenAI request, and its bodies read as Messages API responses.
  auto o = options(RecordMode::once);
  o.provider = "anthropic";
  const auto factory = []() -> std::shared_ptr<synthbench::llm::ChatClient> {
    return std::make_shared<synthbench::llm::FunctionClient>([](const synthbench::llm::ChatRequest&) {
      return synthbench::llm::parse_anthropic_response(
          R"j({"type":"message","content":[{"type":"text","text":"Bonjour"}],"stop_reason":"end_turn","model":"claude-x","usage":{"input_tokens":3,"output_tokens":1}})j",
          "t");
    });
  };
  { CassetteClient recorder(path_, o, factory); EXPECT_EQ(recorder.complete(request("hi")).content, "Bonjour"); }
  o.mode = RecordMode::none;
  CassetteClient claude(path_, o);
  EXPECT_EQ(claude.complete(request("hi")).usage->prompt_tokens, 3);
  CassetteClient gpt(path_, options(RecordMode::none));  // provider: $SYNTHBENCH_PROVIDER, else openai
  EXPECT_EQ(gpt.endpoint().provider, "openai");
  EXPECT_THROW((void)gpt.complete(request("hi")), synthbench::cassette::CassetteMiss);
  ScopedEnv env("SYNTHBENCH_PROVIDER", std::string("anthropic"));
  CassetteClient from_env(path_, options(RecordMode::none));
  EXPECT_EQ(from_env.complete(request("hi")).content, "Bonjour");
  // An upstream that speaks another dialect than the cassette's provider is refused.
  struct Claude : synthbench::llm::FunctionClient {
    using FunctionClient::FunctionClient;
    std::string provider() const override { return "anthropic"; }
  };
  auto mismatch = options(RecordMode::all);
  mismatch.provider = "openai";
  try {
    CassetteClient c(dir_.path / "m.json", mismatch, [] {
      return std::make_shared<Claude>([](const synthbench::llm::ChatRequest&) { return ChatResponse{}; });
    });
    FAIL();
  } catch (const synthbench::cassette::CassetteError& e) {
    EXPECT_EQ(e.id(), "synthbench.cassette.5");
  }
}

// Item 7: a key in any of the new fields is refused before anything is written.
TEST_F(CassetteOutcomes, ASecretInAnyNewFieldIsRefused) {
  const std::string key = "sk-" + std::string(24, 'A');
  ScopedEnv anthropic_key("ANTHROPIC_API_KEY", std::string("anthropic-secret-value-1234"));
  struct Case {
    const char* what;
    ChatResponse response;
    std::string provider;
  };
  std::vector<Case> cases;
  cases.push_back({"reasoning", synthbench::llm::parse_openai_response(
                                    R"j({"choices":[{"message":{"content":"ok","reasoning_content":"the key is )j" + key + R"j("}}]})j", "t"),
                   "openai"});
  cases.push_back({"a thinking part", synthbench::llm::parse_openai_response(
                                          R"j({"choices":[{"message":{"content":[{"type":"thinking","thinking":")j" + key + R"j("},{"type":"text","text":"ok"}]}}]})j", "t"),
                   "openai"});
  cases.push_back({"tool-call arguments", synthbench::llm::parse_openai_response(
                                              R"j({"choices":[{"message":{"tool_calls":[{"id":"c","type":"function","function":{"name":"login","arguments":"{\"token\":\")j" + key + R"j(\"}"}}]},"finish_reason":"tool_calls"}]})j", "t"),
                   "openai"});
  cases.push_back({"a refusal", synthbench::llm::parse_openai_response(
                                    R"j({"choices":[{"message":{"content":null,"refusal":"I won't print )j" + key + R"j("}}]})j", "t"),
                   "openai"});
  cases.push_back({"an error body", synthbench::llm::failure_response(Outcome::provider_error, "HTTP 401", 400, 1,
                                                                      R"j({"error":{"message":"Incorrect API key provided: )j" + key + R"j("}})j"),
                   "openai"});
  cases.push_back({"an error text", synthbench::llm::failure_response(Outcome::transient_failure,
                                                                      "HTTP 503: Bearer " + std::string(30, 'x'), 503, 6),
                   "openai"});
  cases.push_back({"a body that is not JSON", synthbench::llm::failure_response(Outcome::transient_failure, "HTTP 502", 502, 6,
                                                                                "<html>key=" + key + "</html>"),
                   "openai"});
  cases.push_back({"an Anthropic tool_use input", synthbench::llm::parse_anthropic_response(
                                                      R"j({"content":[{"type":"tool_use","id":"t","name":"f","input":{"k":"anthropic-secret-value-1234"}}],"stop_reason":"tool_use"})j", "t"),
                   "anthropic"});
  for (const auto& c : cases) {
    auto o = options(RecordMode::all);
    o.provider = c.provider;
    const auto file = dir_.path / (std::string("leak-") + std::to_string(&c - cases.data()) + ".json");
    const ChatResponse answer = c.response;
    CassetteClient recorder(file, o, [answer] {
      return std::make_shared<synthbench::llm::FunctionClient>([answer](const synthbench::llm::ChatRequest&) { return answer; });
    });
    EXPECT_THROW((void)recorder.complete(request("x")), synthbench::cassette::SecretLeak) << c.what;
    EXPECT_FALSE(std::filesystem::exists(synthbench::cassette::journal_path(file))) << c.what;
    EXPECT_FALSE(recorder.finish().written) << c.what;
    EXPECT_FALSE(std::filesystem::exists(file)) << c.what;
  }
}

}  // namespace
