#include <synthbench/cassette.hpp>

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include "cassette_test_support.hpp"
#include "synthbench/detail/files.hpp"

namespace {

using cassette_test::CountingUpstream;
using cassette_test::options;
using cassette_test::request;
using cassette_test::ScopedEnv;
using cassette_test::TempDir;
using synthbench::cassette::CassetteClient;
using synthbench::cassette::CassetteError;
using synthbench::cassette::CassetteMiss;
using synthbench::cassette::RecordMode;

// Recording tests run in CI too (.ci/run sets CI=true): allow recording for this process.
class CassetteClientTest : public ::testing::Test {
 protected:
  ScopedEnv allow_{"SYNTHBENCH_RECORD_IN_CI", std::string("1")};
  ScopedEnv no_mode_{"SYNTHBENCH_RECORD", std::nullopt};
  ScopedEnv no_usage_{"SYNTHBENCH_CASSETTE_USAGE_DIR", std::nullopt};
  TempDir dir_;
  std::filesystem::path path_ = dir_.path / "suite.json";

  // Records "a" twice and "b" once.
  void record_abab() {
    CountingUpstream up;
    CassetteClient c(path_, options(RecordMode::new_episodes), up.factory());
    EXPECT_EQ(c.complete(request("a")).content, "answer 1 to: a");
    EXPECT_EQ(c.complete(request("a")).content, "answer 2 to: a");
    EXPECT_EQ(c.complete(request("b")).content, "answer 3 to: b");
    const auto report = c.finish();
    EXPECT_EQ(report.recorded, 3u);
    EXPECT_TRUE(report.written);
  }

  std::set<std::string> files() const {
    std::set<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir_.path)) out.insert(e.path().filename().string());
    return out;
  }
};

TEST_F(CassetteClientTest, ReplayNeverCreatesAnUpstream) {
  record_abab();
  bool created = false;
  CassetteClient replay(path_, options(RecordMode::none), [&created]() -> std::shared_ptr<synthbench::llm::ChatClient> {
    created = true;
    return nullptr;
  });
  EXPECT_FALSE(replay.recording());
  EXPECT_FALSE(replay.holds_upstream());
  EXPECT_EQ(replay.complete(request("b")).content, "answer 3 to: b");
  EXPECT_FALSE(created);
  EXPECT_EQ(replay.base_url(), "");  // no network endpoint
}

TEST_F(CassetteClientTest, IdenticalRequestsReplayInRecordedOrder) {
  record_abab();
  EXPECT_FALSE(std::filesystem::exists(synthbench::cassette::journal_path(path_)));
  CassetteClient replay(path_, options(RecordMode::none));
  const auto first = replay.complete(request("a"));
  EXPECT_EQ(first.content, "answer 1 to: a");
  EXPECT_TRUE(first.replayed);
  EXPECT_EQ(first.model, "fake-upstream");
  EXPECT_EQ(first.usage->total_tokens, 15);
  EXPECT_EQ(first.latency.count(), 1234);
  EXPECT_EQ(replay.complete(request("b")).content, "answer 3 to: b");
  EXPECT_EQ(replay.complete(request("a")).content, "answer 2 to: a");
  try {
    (void)replay.complete(request("a"));
    FAIL() << "a third identical call has no recording";
  } catch (const CassetteMiss& e) {
    EXPECT_NE(std::string(e.what()).find("recorded 2 time(s) and this is call 3"), std::string::npos) << e.what();
  }
}

TEST_F(CassetteClientTest, AMissNamesPathRequestDiffAndCommand) {
  record_abab();
  auto options_with_command = options(RecordMode::none);
  options_with_command.record_command = "SYNTHBENCH_RECORD=new_episodes ./my_test --gtest_filter=S.T";
  CassetteClient replay(path_, options_with_command);
  auto changed = request("c");
  changed.temperature = 0.7;
  try {
    (void)replay.complete(changed);
    FAIL();
  } catch (const CassetteMiss& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.id(), "synthbench.cassette.10");
    EXPECT_EQ(e.path(), path_.string());
    EXPECT_NE(what.find(path_.string()), std::string::npos);
    EXPECT_NE(e.request().find("\"content\": \"c\""), std::string::npos);
    EXPECT_NE(what.find(e.request()), std::string::npos);
    EXPECT_NE(e.diff().find("/messages/1/content: recorded \"a\", requested \"c\""), std::string::npos) << e.diff();
    EXPECT_NE(e.diff().find("/temperature: recorded 0.0, requested 0.7"), std::string::npos) << e.diff();
    EXPECT_NE(what.find(e.diff()), std::string::npos);
    EXPECT_EQ(e.record_command(), options_with_command.record_command);
    EXPECT_NE(what.find("to record it, run:\n  SYNTHBENCH_RECORD=new_episodes ./my_test --gtest_filter=S.T"),
              std::string::npos);
  }
}

TEST_F(CassetteClientTest, DefaultRecordCommandIsThisProcess) {
  record_abab();
  ScopedEnv root("SYNTHBENCH_CASSETTE_DIR", dir_.path.string());
  CassetteClient replay(path_, options(RecordMode::none));
  try {
    (void)replay.complete(request("zzz"));
    FAIL();
  } catch (const CassetteMiss& e) {
    EXPECT_EQ(e.record_command().rfind("SYNTHBENCH_RECORD=new_episodes SYNTHBENCH_CASSETTE_DIR=", 0), 0u) << e.record_command();
    EXPECT_NE(e.record_command().find("synthbench_cassette_test"), std::string::npos) << e.record_command();
  }
}

TEST_F(CassetteClientTest, MissingCassetteIsAMissAtTheFirstCallAndCreatesNothing) {
  CassetteClient replay(path_, options(RecordMode::none));
  try {
    (void)replay.complete(request("a"));
    FAIL();
  } catch (const CassetteMiss& e) {
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos);
  }
  replay.finish();
  EXPECT_TRUE(files().empty());
}

TEST_F(CassetteClientTest, ReplayNeverModifiesAFile) {
  record_abab();
  const auto before = synthbench::detail::read_file(path_);
  const auto time = std::filesystem::last_write_time(path_);
  const auto listing = files();
  {
    CassetteClient replay(path_, options(RecordMode::none));
    (void)replay.complete(request("a"));
    EXPECT_THROW((void)replay.complete(request("nope")), CassetteMiss);
  }  // destructor finishes (and reports unused)
  EXPECT_EQ(synthbench::detail::read_file(path_), before);
  EXPECT_EQ(std::filesystem::last_write_time(path_), time);
  EXPECT_EQ(files(), listing);  // no lock file, no journal, no usage file
}

TEST_F(CassetteClientTest, OnceRecordsOnlyWhenTheFileDoesNotExist) {
  CountingUpstream up;
  {
    CassetteClient c(path_, options(RecordMode::once), up.factory());
    EXPECT_TRUE(c.recording());
    (void)c.complete(request("a"));
  }
  EXPECT_TRUE(std::filesystem::exists(path_));
  CassetteClient again(path_, options(RecordMode::once), up.factory());
  EXPECT_FALSE(again.recording());
  EXPECT_FALSE(again.holds_upstream());
  EXPECT_EQ(again.mode(), RecordMode::none);
  EXPECT_EQ(again.complete(request("a")).content, "answer 1 to: a");
  EXPECT_THROW((void)again.complete(request("b")), CassetteMiss);
  EXPECT_EQ(up.calls->load(), 1);
}

TEST_F(CassetteClientTest, NewEpisodesReplaysRecordedAndRecordsTheRest) {
  record_abab();
  CountingUpstream up;
  {
    CassetteClient c(path_, options(RecordMode::new_episodes), up.factory());
    EXPECT_EQ(c.complete(request("a")).content, "answer 1 to: a");  // replayed
    EXPECT_EQ(c.complete(request("a")).content, "answer 2 to: a");  // replayed
    EXPECT_EQ(c.complete(request("a")).content, "answer 1 to: a");  // third: recorded now (new upstream counts from 1)
    EXPECT_EQ(c.complete(request("new")).content, "answer 2 to: new");
    const auto report = c.finish();
    EXPECT_EQ(report.replayed, 2u);
    EXPECT_EQ(report.recorded, 2u);
    EXPECT_EQ(report.unused, 1u);  // "b"
  }
  const auto c = synthbench::cassette::read_cassette(path_);
  EXPECT_EQ(c.interactions.size(), 5u);
  CassetteClient replay(path_, options(RecordMode::none));
  for (const char* expected : {"answer 1 to: a", "answer 2 to: a", "answer 1 to: a"}) {
    EXPECT_EQ(replay.complete(request("a")).content, expected);
  }
}

TEST_F(CassetteClientTest, AllReRecordsWhatItCallsAndKeepsTheRest) {
  record_abab();
  CountingUpstream up;
  {
    CassetteClient c(path_, options(RecordMode::all), up.factory());
    EXPECT_EQ(c.complete(request("a")).content, "answer 1 to: a");
    const auto report = c.finish();
    EXPECT_EQ(report.unused, 1u);  // "b"; the old "a" replicates were replaced, not unused
  }
  CassetteClient replay(path_, options(RecordMode::none));
  EXPECT_EQ(replay.complete(request("a")).content, "answer 1 to: a");
  EXPECT_THROW((void)replay.complete(request("a")), CassetteMiss);  // old replicate 1 is gone
  EXPECT_EQ(replay.complete(request("b")).content, "answer 3 to: b");
}

TEST_F(CassetteClientTest, UnusedInteractionsAreReportedAndStrictFails) {
  record_abab();
  std::vector<std::string> notes;
  auto o = options(RecordMode::none);
  o.report = [&notes](const std::string& n) { notes.push_back(n); };
  {
    CassetteClient replay(path_, o);
    (void)replay.complete(request("a"));
    const auto report = replay.finish();
    EXPECT_EQ(report.unused, 2u);
    EXPECT_NE(report.message.find("2 of 3 recorded interactions were not used"), std::string::npos) << report.message;
    EXPECT_NE(report.message.find("replicate 0 of test-model: \"b\""), std::string::npos) << report.message;
  }
  ASSERT_EQ(notes.size(), 1u);
  o.strict = true;
  CassetteClient strict(path_, o);
  (void)strict.complete(request("a"));
  try {
    (void)strict.finish();
    FAIL();
  } catch (const CassetteError& e) {
    EXPECT_EQ(e.id(), "synthbench.cassette.30");
  }
  // Using everything passes strict mode.
  CassetteClient complete_use(path_, o);
  (void)complete_use.complete(request("a"));
  (void)complete_use.complete(request("a"));
  (void)complete_use.complete(request("b"));
  EXPECT_EQ(complete_use.finish().unused, 0u);
}

TEST_F(CassetteClientTest, IgnoredFieldsDoNotTakePartInMatching) {
  record_abab();
  auto hotter = request("b");
  hotter.temperature = 0.9;
  hotter.extra = {{"user", "someone"}};
  {
    CassetteClient strict_match(path_, options(RecordMode::none));
    EXPECT_THROW((void)strict_match.complete(hotter), CassetteMiss);
  }
  auto o = options(RecordMode::none);
  o.ignored_fields = {"/temperature", "/extra"};
  CassetteClient loose(path_, o);
  EXPECT_EQ(loose.complete(hotter).content, "answer 3 to: b");
}

TEST_F(CassetteClientTest, RedactionAppliesToStorageMatchingAndTheRecordingRun) {
  auto o = options(RecordMode::new_episodes);
  o.redaction.patterns = {"[0-9]{3}-[0-9]{4}"};
  o.redaction.response_pointers = {"/model"};
  CountingUpstream up;
  {
    CassetteClient c(path_, o, up.factory());
    const auto live = c.complete(request("call 555-1234"));
    EXPECT_EQ(live.content, "answer 1 to: call <redacted>");  // the recording run sees what replay will
    EXPECT_EQ(live.model, "<redacted>");
  }
  const std::string text = synthbench::detail::read_file(path_);
  EXPECT_EQ(text.find("555-1234"), std::string::npos);
  EXPECT_EQ(text.find("fake-upstream"), std::string::npos);
  o.mode = RecordMode::none;
  CassetteClient replay(path_, o);
  EXPECT_EQ(replay.complete(request("call 555-1234")).content, "answer 1 to: call <redacted>");
}

TEST_F(CassetteClientTest, SecretsAreNeverWritten) {
  const std::string leaked_key = "sk-" + std::string(30, 'x');
  CountingUpstream up;
  {
    CassetteClient c(path_, options(RecordMode::new_episodes), up.factory());
    EXPECT_THROW((void)c.complete(request("my key is " + leaked_key)), synthbench::cassette::SecretLeak);
    EXPECT_EQ(c.complete(request("fine")).content, "answer 2 to: fine");
  }
  const std::string text = synthbench::detail::read_file(path_);
  EXPECT_EQ(text.find(leaked_key), std::string::npos);
  EXPECT_EQ(synthbench::cassette::read_cassette(path_).interactions.size(), 1u);

  ScopedEnv key("OPENAI_API_KEY", std::string("local-test-key-0123456789"));
  CassetteClient c(path_, options(RecordMode::new_episodes), up.factory());
  try {
    (void)c.complete(request("echo local-test-key-0123456789"));
    FAIL();
  } catch (const synthbench::cassette::SecretLeak& e) {
    EXPECT_NE(std::string(e.what()).find("the value of $OPENAI_API_KEY"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("local-test-key-0123456789"), std::string::npos);
  }
}

TEST_F(CassetteClientTest, RecordingRefusesToStartInCiUnlessForced) {
  ScopedEnv ci("CI", std::string("true"));
  {
    ScopedEnv not_forced("SYNTHBENCH_RECORD_IN_CI", std::nullopt);
    try {
      CassetteClient c(path_, options(RecordMode::new_episodes), CountingUpstream{}.factory());
      FAIL();
    } catch (const synthbench::cassette::RecordingRefused& e) {
      EXPECT_EQ(e.id(), "synthbench.cassette.2");
      EXPECT_NE(std::string(e.what()).find("SYNTHBENCH_RECORD_IN_CI=1"), std::string::npos);
    }
    CassetteClient replay(path_, options(RecordMode::none));  // replay is fine in CI
    EXPECT_FALSE(std::filesystem::exists(path_));
  }
  CassetteClient forced(path_, options(RecordMode::new_episodes), CountingUpstream{}.factory());
  EXPECT_TRUE(forced.recording());
}

TEST_F(CassetteClientTest, ModeComesFromCodeThenEnvironment) {
  {
    ScopedEnv mode("SYNTHBENCH_RECORD", std::string("new_episodes"));
    auto o = options(RecordMode::none);
    o.mode.reset();
    CassetteClient from_env(path_, o, CountingUpstream{}.factory());
    EXPECT_EQ(from_env.mode(), RecordMode::new_episodes);
    CassetteClient from_code(path_, options(RecordMode::none));
    EXPECT_EQ(from_code.mode(), RecordMode::none);
  }
  ScopedEnv bad("SYNTHBENCH_RECORD", std::string("sometimes"));
  auto o = options(RecordMode::none);
  o.mode.reset();
  try {
    CassetteClient c(path_, o);
    FAIL();
  } catch (const CassetteError& e) {
    EXPECT_EQ(e.id(), "synthbench.cassette.1");
    EXPECT_NE(std::string(e.what()).find("sometimes"), std::string::npos);
  }
}

TEST_F(CassetteClientTest, RecordingNeedsAMatchingUpstream) {
  EXPECT_THROW(CassetteClient(path_, options(RecordMode::all)), CassetteError);
  const auto elsewhere = []() -> std::shared_ptr<synthbench::llm::ChatClient> {
    return std::make_shared<synthbench::llm::FunctionClient>(
        [](const synthbench::llm::ChatRequest&) { return synthbench::llm::ChatResponse{}; }, "https://api.openai.com/v1");
  };
  try {
    CassetteClient c(path_, options(RecordMode::all), elsewhere);
    FAIL();
  } catch (const CassetteError& e) {
    EXPECT_EQ(e.id(), "synthbench.cassette.5");
  }
  // Without an explicit base URL the upstream's host is used.
  auto o = options(RecordMode::all);
  o.base_url.clear();
  CassetteClient c(path_, o, elsewhere);
  EXPECT_EQ(c.endpoint().host, "api.openai.com");
}

TEST_F(CassetteClientTest, UpstreamErrorsPropagateAndRecordNothing) {
  int calls = 0;
  const auto flaky = [&calls]() -> std::shared_ptr<synthbench::llm::ChatClient> {
    return std::make_shared<synthbench::llm::FunctionClient>([&calls](const synthbench::llm::ChatRequest& r) {
      if (++calls == 1) throw std::runtime_error("upstream down");
      synthbench::llm::ChatResponse out;
      out.content = "ok " + r.messages.back().content;
      return out;
    });
  };
  {
    CassetteClient c(path_, options(RecordMode::new_episodes), flaky);
    EXPECT_THROW((void)c.complete(request("a")), std::runtime_error);
    EXPECT_EQ(c.complete(request("a")).content, "ok a");
  }
  const auto c = synthbench::cassette::read_cassette(path_);
  ASSERT_EQ(c.interactions.size(), 1u);
  EXPECT_EQ(c.interactions[0].replicate, 0u);  // no gap left by the failed call
}

TEST_F(CassetteClientTest, ManyThreadsOnOneRecordingClient) {
  CountingUpstream up;
  constexpr int threads = 8;
  constexpr int per_thread = 40;
  {
    CassetteClient c(path_, options(RecordMode::new_episodes), up.factory());
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&c, t] {
        for (int i = 0; i < per_thread; ++i) {
          // Half distinct, half shared between threads (replicates of one request).
          (void)c.complete(request(i % 2 == 0 ? "t" + std::to_string(t) + "-" + std::to_string(i) : "shared"));
        }
      });
    }
    for (auto& t : pool) t.join();
    EXPECT_EQ(c.size(), static_cast<std::size_t>(threads * per_thread));
  }
  const auto cassette = synthbench::cassette::read_cassette(path_);
  EXPECT_EQ(cassette.interactions.size(), static_cast<std::size_t>(threads * per_thread));
  std::set<std::size_t> shared_replicates;
  std::set<std::string> answers;
  for (const auto& i : cassette.interactions) {
    answers.insert(i.response.content);
    if (i.response.content.find("to: shared") != std::string::npos) shared_replicates.insert(i.replicate);
  }
  EXPECT_EQ(answers.size(), cassette.interactions.size());  // every answer kept exactly once
  EXPECT_EQ(shared_replicates.size(), static_cast<std::size_t>(threads * per_thread / 2));
  EXPECT_EQ(*shared_replicates.rbegin(), static_cast<std::size_t>(threads * per_thread / 2 - 1));  // no gap
  // Concurrent replay: every call is answered, every answer used once.
  CassetteClient replay(path_, options(RecordMode::none));
  std::vector<std::thread> pool;
  std::mutex m;
  std::set<std::string> replayed;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        const auto r = replay.complete(request(i % 2 == 0 ? "t" + std::to_string(t) + "-" + std::to_string(i) : "shared"));
        std::lock_guard<std::mutex> lock(m);
        replayed.insert(r.content);
      }
    });
  }
  for (auto& t : pool) t.join();
  EXPECT_EQ(replayed, answers);
  EXPECT_EQ(replay.finish().unused, 0u);
}

TEST_F(CassetteClientTest, AJournalLeftByACrashIsReplayedAndMergedAtTheNextRecordingOpen) {
  record_abab();
  CountingUpstream up;
  // Simulate a crashed recorder: a complete journal line and a torn one.
  synthbench::cassette::Interaction lost;
  lost.request = synthbench::cassette::canonical_key(request("from journal"), {"openai", "127.0.0.1"});
  lost.response.content = "journal answer";
  lost.response.raw_body = synthbench::llm::to_openai_json(lost.response).dump();
  const std::string line = synthbench::cassette::journal_line(lost);
  synthbench::cassette::append_journal(path_, line);
  {
    std::ofstream torn(synthbench::cassette::journal_path(path_), std::ios::app);
    torn << line.substr(0, line.size() / 2);
  }
  const auto before = synthbench::detail::read_file(path_);
  {
    CassetteClient replay(path_, options(RecordMode::none));
    EXPECT_EQ(replay.complete(request("from journal")).content, "journal answer");
  }
  EXPECT_EQ(synthbench::detail::read_file(path_), before);  // replay merged in memory only
  EXPECT_TRUE(std::filesystem::exists(synthbench::cassette::journal_path(path_)));
  std::vector<std::string> notes;
  auto o = options(RecordMode::new_episodes);
  o.report = [&notes](const std::string& n) { notes.push_back(n); };
  CassetteClient recorder(path_, o, up.factory());
  EXPECT_FALSE(std::filesystem::exists(synthbench::cassette::journal_path(path_)));
  ASSERT_FALSE(notes.empty());
  EXPECT_NE(notes[0].find("merged 1 interaction(s)"), std::string::npos) << notes[0];
  EXPECT_NE(notes[0].find("a line cut short by an interrupted write was dropped"), std::string::npos) << notes[0];
  EXPECT_EQ(synthbench::cassette::read_cassette(path_).interactions.size(), 4u);
  EXPECT_EQ(recorder.complete(request("from journal")).content, "journal answer");
  EXPECT_EQ(up.calls->load(), 0);
}

TEST_F(CassetteClientTest, FinishedClientRefusesCalls) {
  record_abab();
  CassetteClient replay(path_, options(RecordMode::none));
  (void)replay.finish();
  try {
    (void)replay.complete(request("a"));
    FAIL();
  } catch (const CassetteError& e) {
    EXPECT_EQ(e.id(), "synthbench.cassette.6");
  }
}

TEST_F(CassetteClientTest, UsageFileListsWhatWasUsed) {
  record_abab();
  const auto usage = dir_.path / "usage" / "suite.usage.json";
  auto o = options(RecordMode::none);
  o.usage_file = usage;
  {
    CassetteClient replay(path_, o);
    (void)replay.complete(request("b"));
  }
  {
    CassetteClient replay(path_, o);  // a second process of the same run adds to it
    (void)replay.complete(request("a"));
  }
  const auto u = synthbench::cassette::read_usage(usage);
  EXPECT_EQ(u.cassette, path_.string());
  EXPECT_EQ(u.used.size(), 2u);
  std::size_t removed = 0;
  const auto pruned = synthbench::cassette::prune_cassette(synthbench::cassette::read_cassette(path_), u, &removed);
  EXPECT_EQ(removed, 1u);
  ASSERT_EQ(pruned.interactions.size(), 2u);
  // The usage folder from the environment mirrors the cassette path.
  ScopedEnv dir("SYNTHBENCH_CASSETTE_USAGE_DIR", (dir_.path / "env-usage").string());
  {
    CassetteClient replay(path_, options(RecordMode::none));
    (void)replay.complete(request("a"));
  }
  EXPECT_TRUE(std::filesystem::exists(synthbench::cassette::usage_path_for(dir_.path / "env-usage", path_)));
}

TEST(CassettePaths, RootComesFromTheEnvironment) {
  {
    ScopedEnv unset("SYNTHBENCH_CASSETTE_DIR", std::nullopt);
    EXPECT_EQ(synthbench::cassette::cassette_path("Suite"), std::filesystem::path("cassettes/Suite.json"));
  }
  ScopedEnv root("SYNTHBENCH_CASSETTE_DIR", std::string("/tmp/elsewhere"));
  EXPECT_EQ(synthbench::cassette::cassette_path("Suite"), std::filesystem::path("/tmp/elsewhere/Suite.json"));
}

TEST(CassettePaths, UsagePathMirrorsTheCassettePath) {
  EXPECT_EQ(synthbench::cassette::usage_path_for("u", "cassettes/sub/x.json"),
            std::filesystem::path("u/cassettes/sub/x.json.usage.json"));
  EXPECT_EQ(synthbench::cassette::usage_path_for("u", "/abs/x.json"), std::filesystem::path("u/abs/x.json.usage.json"));
}

}  // namespace
