// Issue 11, "done when": a recorded run that met a refusal, a content-filtered choice, an
// array content and an exhausted 503 replays with SYNTHBENCH_RECORD=none under `unshare -n`
// (a network namespace without any interface up, not even loopback) to the same report, byte
// for byte. The run is tests/unit/http/outage_replay_program.cpp, started twice as a child
// process: recording against the local test server, then replaying with no network at all.
// Skips with a message where unshare is not permitted (it needs CAP_SYS_ADMIN, e.g. root).

#include <gtest/gtest.h>

#include <synthbench/cassette.hpp>
#include <synthbench/detail/files.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace {

using synthbench_test_support::run_process;

struct TempDir {
  std::filesystem::path path = synthbench_test_support::make_temp_dir("synthbench-outage-replay");
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

const std::vector<std::string> base_env = {"SYNTHBENCH_RECORD_IN_CI=1", "SYNTHBENCH_CASSETTE_USAGE_DIR=",
                                           "SYNTHBENCH_PROVIDER=", "SYNTHBENCH_BASE_URL=", "OPENAI_API_KEY=",
                                           "GITHUB_STEP_SUMMARY="};

std::vector<std::string> env_with(const std::string& mode) {
  std::vector<std::string> env = base_env;
  env.push_back("SYNTHBENCH_RECORD=" + mode);
  return env;
}

TEST(OutageReplay, ARecordedRunWithFailuresReplaysToTheSameReportWithoutANetwork) {
  TempDir dir;
  const auto cassettes = dir.path / "cassettes";
  const auto recorded_report = dir.path / "recorded";
  const auto replayed_report = dir.path / "replayed";
  std::filesystem::create_directories(cassettes);
  const std::string program = SYNTHBENCH_OUTAGE_REPLAY_PROGRAM;

  const auto record = run_process({program, cassettes.string(), recorded_report.string()}, "", env_with("all"));
  ASSERT_EQ(record.exit_code, 0) << record.out << record.err;
  // What the run met, as the scripted server answered (see the program's file comment):
  // 9 real inputs: 6 answers (one of them a content array with a thinking part), one of
  // which does not parse; a refusal, a filtered choice, a 503 on every attempt.
  EXPECT_NE(record.out.find("real: answer=6 refusal=1 content_filter=1 length=0 tool_calls=0 provider_error=0 "
                            "transient_failure=1 unparsable=1\n"),
            std::string::npos)
      << record.out;
  EXPECT_NE(record.out.find("generator issues: refusal"), std::string::npos) << record.out;
  const std::string cassette_text = synthbench::detail::read_file(cassettes / "outage_replay.json");
  for (const char* stored : {"\"outcome\": \"refusal\"", "\"outcome\": \"content_filter\"",
                             "\"outcome\": \"transient_failure\"", "\"type\": \"thinking\"", "\"status\": 503",
                             "\"attempts\": 3"}) {
    EXPECT_NE(cassette_text.find(stored), std::string::npos) << stored;
  }

  const auto probe = run_process({"/usr/bin/unshare", "-n", "--", "/bin/true"});
  if (probe.exit_code != 0) {
    GTEST_SKIP() << "unshare -n is not permitted here (exit " << probe.exit_code << ": " << probe.err
                 << "); the replay without a network is not checked";
  }
  const auto replay = run_process({"/usr/bin/unshare", "-n", "--", program, cassettes.string(), replayed_report.string()},
                                  "", env_with("none"));
  ASSERT_EQ(replay.exit_code, 0) << replay.out << replay.err;
  EXPECT_NE(replay.out.find("loopback: ENETUNREACH"), std::string::npos) << replay.out;  // no network at all
  EXPECT_NE(replay.out.find("recorded 0\n"), std::string::npos) << replay.out;
  for (const char* file : {"results.json", "report.md", "report.html"}) {
    const std::string a = synthbench::detail::read_file(recorded_report / file);
    const std::string b = synthbench::detail::read_file(replayed_report / file);
    EXPECT_EQ(a, b) << file << " differs between the recording and the replay";
    EXPECT_GT(a.size(), 500u) << file;
  }
  // The report shows the refusals and the filtered answer next to the unparsable one.
  const std::string md = synthbench::detail::read_file(replayed_report / "report.md");
  EXPECT_NE(md.find("| scripted-solver | real | 9 | 6 | 1 | 1 | 0 | 0 | 0 | 1 | 1 |"), std::string::npos) << md;
  EXPECT_NE(md.find("Generator requests without an answer: scripted-generator: 1 refusal."), std::string::npos) << md;
}

}  // namespace
