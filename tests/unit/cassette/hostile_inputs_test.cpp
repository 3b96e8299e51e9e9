// Issue 15, the reproductions: a torn journal line, deep nesting, NUL and trailing bytes,
// stale temporary files, a folder where a file is expected, and replay racing a recorder.
// The CLI side of each (exit codes, positions) is in tests/unit/tools/malformed_inputs_test.cpp;
// real processes killed, racing and running out of disk in fault_injection_test.cpp.

#include <synthbench/cassette.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cassette_test_support.hpp"
#include "synthbench/detail/file_lock.hpp"
#include "synthbench/detail/files.hpp"
#include "synthbench/detail/jsonl.hpp"

namespace {
namespace hostile {

using cassette_test::ScopedEnv;
using cassette_test::TempDir;
using synthbench::InputError;
using synthbench::cassette::Cassette;
using synthbench::cassette::CassetteClient;
using synthbench::cassette::RecordMode;

// A chat-completion body whose member "x" nests `levels` arrays.
std::string body_nesting(std::size_t levels) {
  const std::string x = levels == 0 ? "\"\"" : std::string(levels, '[') + std::string(levels, ']');
  return R"({"choices": [{"finish_reason": "stop", "message": {"content": "deep", "role": "assistant"}}], "model": "m", "x": )" +
         x + "}";
}

// A cassette of one interaction whose body nests `levels` arrays: dump_cassette's form with
// the arrays written compact (which the fast path takes too). Built as text: nothing may
// serialize what is deeper than the limit.
std::string cassette_with_body_nesting(std::size_t levels) {
  auto i = cassette_test::recorded_interaction("deep", 0, "deep");
  i.response.raw_body = body_nesting(0);
  i.response.model = "m";  // as the body says: metadata.models is derived from it
  Cassette c;
  c.interactions = {i};
  std::string text = synthbench::cassette::dump_cassette(c);
  const std::string empty = "\"x\": \"\"";
  text.replace(text.find(empty), empty.size(), "\"x\": " + std::string(levels, '[') + std::string(levels, ']'));
  return text;
}

// The position (1-based byte) of the bracket that opens level 513 in such a text.
std::size_t too_deep_at(const std::string& text) {
  return text.find("\"x\": [") + 5 + (synthbench::detail::max_json_depth - 5) + 1;
}

// In a cassette the body is at level 5 ({ "interactions": [ { "response": { "body": {), so its
// member "x" may nest 512 - 5 arrays.
constexpr std::size_t deepest_body_arrays = synthbench::detail::max_json_depth - 5;

TEST(DeepNesting, UpToTheLimitEveryPathReadsWritesAndReplays) {
  TempDir dir;
  const std::string text = cassette_with_body_nesting(deepest_body_arrays);
  ASSERT_TRUE(synthbench::cassette::detail::read_compact_cassette(text).has_value());  // the fast path takes it
  const auto fast = synthbench::cassette::parse_cassette(text, "deep.json");
  const auto general = synthbench::cassette::detail::parse_cassette_general(text, "deep.json");
  EXPECT_TRUE(fast == general);
  EXPECT_TRUE(synthbench::cassette::verify_cassette(text, "deep.json", {}).empty());
  // Written (nlohmann's recursive dump) and replayed.
  const auto path = dir.path / "deep.json";
  synthbench::cassette::write_cassette(path, fast, {});
  CassetteClient replay(path, cassette_test::options(RecordMode::none));
  EXPECT_EQ(replay.complete(cassette_test::request("deep")).content, "deep");
}

TEST(DeepNesting, DeeperIsAnErrorWithItsPositionOnEveryReadPathNeverACrash) {
  for (const std::size_t levels : {deepest_body_arrays + 1, std::size_t{25000}}) {
    const std::string text = cassette_with_body_nesting(levels);
    for (const bool general : {false, true}) {
      try {
        (void)(general ? synthbench::cassette::detail::parse_cassette_general(text, "deep.json")
                       : synthbench::cassette::parse_cassette(text, "deep.json"));
        ADD_FAILURE() << levels << " levels read";
      } catch (const InputError& e) {
        EXPECT_EQ(e.id(), "synthbench.input.103") << e.what();
        // The position is that of the bracket opening level 513.
        EXPECT_EQ(e.where(), synthbench::detail::line_and_column(text, too_deep_at(text)));
      }
    }
    const auto findings = synthbench::cassette::verify_cassette(text, "deep.json", {});
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_NE(findings[0].message.find("synthbench.input.103"), std::string::npos);
    // A journal line: the same limit (two levels less: the line is an element of the cassette).
    auto i = cassette_test::recorded_interaction("deep", 0, "deep");
    i.response.raw_body = body_nesting(0);
    std::string line = synthbench::cassette::journal_line(i);
    line.replace(line.find("\"x\":\"\""), 6, "\"x\":" + std::string(levels, '[') + std::string(levels, ']'));
    try {
      (void)synthbench::cassette::parse_journal(line, "deep.json.journal");
      ADD_FAILURE() << "journal line read";
    } catch (const InputError& e) {
      EXPECT_EQ(e.id(), "synthbench.input.410");
      EXPECT_NE(std::string(e.what()).find("nest deeper than 510 levels"), std::string::npos) << e.what();
    }
  }
}

TEST(DeepNesting, ARecordedAnswerTooDeepForACassetteIsRefusedBeforeAnythingIsStored) {
  TempDir dir;
  ScopedEnv allow("SYNTHBENCH_RECORD_IN_CI", std::string("1"));
  for (const std::size_t levels : {deepest_body_arrays, deepest_body_arrays + 1, std::size_t{25000}}) {
    const auto path = dir.path / ("recorded-" + std::to_string(levels) + ".json");
    const std::string body = body_nesting(levels);
    CassetteClient recorder(path, cassette_test::options(RecordMode::new_episodes), [body]() -> std::shared_ptr<synthbench::llm::ChatClient> {
      return std::make_shared<synthbench::llm::FunctionClient>([body](const synthbench::llm::ChatRequest&) {
        synthbench::llm::ChatResponse r;
        r.content = "deep";
        r.raw_body = body;
        return r;
      });
    });
    if (levels == deepest_body_arrays) {
      EXPECT_EQ(recorder.complete(cassette_test::request("deep")).content, "deep");
      EXPECT_TRUE(recorder.finish().written);
      EXPECT_EQ(synthbench::cassette::read_cassette(path).interactions.size(), 1u);
      continue;
    }
    try {
      (void)recorder.complete(cassette_test::request("deep"));
      ADD_FAILURE() << levels << " levels recorded";
    } catch (const synthbench::cassette::CassetteError& e) {
      EXPECT_EQ(e.id(), "synthbench.cassette.8") << e.what();
    }
    EXPECT_FALSE(recorder.finish().written);
    EXPECT_FALSE(std::filesystem::exists(synthbench::cassette::journal_path(path)));
  }
}

TEST(NulAndTrailingBytes, AreErrorsWithTheirPosition) {
  const std::string valid = cassette_with_body_nesting(1);
  const std::string tail = "garbage after the document";
  for (const std::string& text : {valid + std::string(1, '\0'), valid + std::string(1, '\0') + tail,
                                  valid + std::string(1, '\0') + valid}) {
    for (const bool general : {false, true}) {
      try {
        (void)(general ? synthbench::cassette::detail::parse_cassette_general(text, "nul.json")
                       : synthbench::cassette::parse_cassette(text, "nul.json"));
        ADD_FAILURE() << "read";
      } catch (const InputError& e) {
        EXPECT_EQ(e.id(), "synthbench.input.101");
        EXPECT_EQ(e.where(), synthbench::detail::line_and_column(text, valid.size() + 1));
        EXPECT_NE(std::string(e.what()).find("NUL byte"), std::string::npos) << e.what();
      }
    }
    EXPECT_EQ(synthbench::cassette::verify_cassette(text, "nul.json", {}).size(), 1u);
  }
  // Trailing bytes without a NUL were already errors; a NUL inside the document too.
  EXPECT_THROW((void)synthbench::cassette::parse_cassette(valid + tail, "t.json"), InputError);
  std::string inner = valid;
  inner[inner.find("deep")] = '\0';
  EXPECT_THROW((void)synthbench::cassette::parse_cassette(inner, "t.json"), InputError);
  // Every strict JSON input: a score table, a JSON Lines record.
  try {
    (void)synthbench::detail::parse_json_strict(std::string("{\"a\": 1}\0{\"b\": 2}", 17), "s.json");
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.101");
    EXPECT_EQ(e.where(), "line 1, column 9");
  }
  try {
    (void)synthbench::detail::parse_jsonl(std::string("{\"a\": 1}\n{\"a\": 2}\0x\n", 20), "r.jsonl");
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "line 2, column 9");
  }
}

TEST(TornJournal, ALineCutByAKilledWriterIsCutAndReportedNeverFatal) {
  // The reproduction of issue 15: a recorder killed mid-write in a `ctest -j` run leaves a
  // partial line; another recorder of the same cassette records once more.
  TempDir dir;
  ScopedEnv allow("SYNTHBENCH_RECORD_IN_CI", std::string("1"));
  const auto path = dir.path / "torn.json";
  std::vector<std::string> notes;
  auto o = cassette_test::options(RecordMode::new_episodes);
  o.report = [&notes](const std::string& n) { notes.push_back(n); };
  cassette_test::CountingUpstream up;
  {
    CassetteClient recorder(path, o, up.factory());
    (void)recorder.complete(cassette_test::request("one"));
    const std::string partial = synthbench::cassette::journal_line(cassette_test::recorded_interaction("killed", 0, "K"));
    std::ofstream(synthbench::cassette::journal_path(path), std::ios::app) << partial.substr(0, partial.size() / 3);
    (void)recorder.complete(cassette_test::request("two"));  // appends after the fragment
    // A replay meanwhile reads the journal and drops only the fragment.
    {
      CassetteClient replay(path, cassette_test::options(RecordMode::none));
      EXPECT_EQ(replay.size(), 2u);
    }
    EXPECT_TRUE(recorder.finish().written);
  }
  ASSERT_FALSE(notes.empty());
  EXPECT_NE(notes[0].find("cut the torn last line"), std::string::npos) << notes[0];
  EXPECT_EQ(synthbench::cassette::read_cassette(path).interactions.size(), 2u);
  // A journal with a fragment in the middle (written by earlier versions) opens too.
  const std::string a = synthbench::cassette::journal_line(cassette_test::recorded_interaction("a", 0, "A"));
  std::ofstream(synthbench::cassette::journal_path(path)) << a.substr(0, 20) << "\n" << a;
  notes.clear();
  {
    CassetteClient recorder(path, o, up.factory());
    EXPECT_EQ(recorder.size(), 3u);
  }
  ASSERT_FALSE(notes.empty());
  EXPECT_NE(notes[0].find("merged 1 interaction(s)"), std::string::npos) << notes[0];
  EXPECT_NE(notes[0].find("cut short by an interrupted write"), std::string::npos) << notes[0];
}

TEST(TornJournal, AFailedAppendLeavesTheJournalAsItWas) {
  TempDir dir;
  const auto path = dir.path / "c.json";
  const std::string a = synthbench::cassette::journal_line(cassette_test::recorded_interaction("a", 0, "A"));
  EXPECT_EQ(synthbench::cassette::append_journal(path, a), 0u);
  std::ofstream(synthbench::cassette::journal_path(path), std::ios::app) << a.substr(0, 10);
  EXPECT_EQ(synthbench::cassette::append_journal(path, a), 10u);  // the 10 bytes of the fragment
  EXPECT_EQ(synthbench::detail::read_file(synthbench::cassette::journal_path(path)), a + a);
}

TEST(StaleTemporaryFiles, AreRemovedByTheNextWriterHoldingTheLock) {
  TempDir dir;
  ScopedEnv allow("SYNTHBENCH_RECORD_IN_CI", std::string("1"));
  const auto path = dir.path / "c.json";
  const std::vector<std::string> stale = {"c.json.tmp.12345.0", "c.json.tmp.1.17"};
  const std::vector<std::string> others = {"c.json.tmp.x.1", "c.json.tmp.1", "d.json.tmp.1.1", "c.json.lock"};
  for (const auto& n : stale) std::ofstream(dir.path / n) << "{\"format\": 1, \"interac";
  for (const auto& n : others) std::ofstream(dir.path / n) << "x";
  {
    CassetteClient recorder(path, cassette_test::options(RecordMode::new_episodes), cassette_test::CountingUpstream{}.factory());
  }
  for (const auto& n : stale) EXPECT_FALSE(std::filesystem::exists(dir.path / n)) << n;
  for (const auto& n : others) EXPECT_TRUE(std::filesystem::exists(dir.path / n)) << n;
  // write_cassette (the CLI's prune and merge, finish) too.
  std::ofstream(dir.path / stale[0]) << "x";
  synthbench::cassette::write_cassette(path, Cassette{}, {});
  EXPECT_FALSE(std::filesystem::exists(dir.path / stale[0]));
}

TEST(FolderForAFile, IsAReadErrorNotEmptyText) {
  TempDir dir;
  try {
    (void)synthbench::detail::read_file(dir.path);
    FAIL();
  } catch (const synthbench::IoError& e) {
    EXPECT_EQ(e.id(), "synthbench.io.1");
    EXPECT_NE(std::string(e.what()).find("folder"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)synthbench::cassette::read_cassette(dir.path), synthbench::IoError);
  // A file that is not regular (size unknown in advance) reads whole.
  EXPECT_EQ(synthbench::detail::read_file("/proc/self/cmdline").empty(), false);
}

TEST(ReplayUnderLock, WaitsForAWriterAndCreatesNoLockFile) {
  TempDir dir;
  const auto path = dir.path / "c.json";
  Cassette c;
  c.interactions = {cassette_test::recorded_interaction("a", 0, "A")};
  synthbench::cassette::write_cassette(path, c, {});
  {
    CassetteClient replay(path, cassette_test::options(RecordMode::none));  // no lock file: reads unlocked
    EXPECT_EQ(replay.size(), 1u);
  }
  EXPECT_FALSE(std::filesystem::exists(synthbench::cassette::lock_path(path)));
  // A writer holds the lock (it is merging the journal into the file): replay waits for it.
  std::atomic<bool> opened{false};
  std::size_t seen = 0;
  std::thread reader;
  {
    synthbench::detail::FileLock writer(synthbench::cassette::lock_path(path));
    reader = std::thread([&] {
      CassetteClient replay(path, cassette_test::options(RecordMode::none));
      seen = replay.size();
      opened = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_FALSE(opened.load()) << "replay read while a writer held the lock";
    // What the writer does while replay waits: the journal's content reaches the file and the
    // journal goes. Read between the two steps, replay would have missed it.
    c.interactions.push_back(cassette_test::recorded_interaction("b", 0, "B"));
    synthbench::cassette::write_cassette(path, c, {});
  }
  reader.join();
  EXPECT_TRUE(opened.load());
  EXPECT_EQ(seen, 2u);
}

}  // namespace hostile
}  // namespace
