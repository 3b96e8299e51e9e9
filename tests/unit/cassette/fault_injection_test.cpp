// Fault injection with real processes (issue 15): recorders killed with SIGKILL at random
// points, recorders racing on one cassette, a disk that fills up, a torn journal, truncated
// cassettes. After each, `synthbench cassette verify` must pass on what is on disk and every
// acknowledged call (complete() returned) must replay and end up in the cassette.
//
// Bounded for ctest (a few seconds, also under sanitizers). The same tests make the bigger
// runs of docs/reliability.md with more trials, calls and processes:
//   SYNTHBENCH_FAULT_TRIALS (kill trials, default 6), SYNTHBENCH_FAULT_MAX_ACKS (a trial kills
//   its recorder after a random number of acknowledged calls up to this, default 40),
//   SYNTHBENCH_FAULT_CALLS (calls per parallel recorder, default 40),
//   SYNTHBENCH_FAULT_PROCESSES (parallel recorders, default 4), SYNTHBENCH_FAULT_ROUNDS
//   (parallel rounds, default 1), SYNTHBENCH_FAULT_SEED (default 15), SYNTHBENCH_FAULT_NO_TMPFS=1
//   (the full disk by RLIMIT_FSIZE even where a tmpfs could be mounted).
// scripts/reliability.sh runs them.

#include <synthbench/cassette.hpp>

#include <gtest/gtest.h>

#include <sys/mount.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "cassette_test_support.hpp"
#include "record_child_support.hpp"
#include "support/process.hpp"
#include "support/test_paths.hpp"
#include "synthbench/detail/files.hpp"
#include "synthbench/detail/hash.hpp"

namespace {

namespace fs = std::filesystem;
using cassette_test::Child;
using cassette_test::TempDir;

int setting(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::atoi(v) : fallback;
}

std::mt19937& rng() {
  static std::mt19937 r(static_cast<std::mt19937::result_type>(setting("SYNTHBENCH_FAULT_SEED", 15)));
  return r;
}

int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng()); }

// `synthbench cassette verify FILE`: its exit status, and its report when it is not 0.
int verify(const fs::path& file, std::string* report = nullptr) {
  const auto r = synthbench_test_support::run_process(
      {synthbench_test_support::cli_path().string(), "cassette", "verify", file.string()}, {}, {}, 120);
  if (report != nullptr) *report = r.out + r.err;
  return r.exit_code;
}

std::string prompt_of(const synthbench::cassette::Interaction& i) {
  return nlohmann::json::parse(i.request)["messages"][0]["content"].get<std::string>();
}

// How many times each prompt is in the cassette.
std::map<std::string, int> prompts_in(const fs::path& cassette) {
  std::map<std::string, int> out;
  for (const auto& i : synthbench::cassette::read_cassette(cassette).interactions) ++out[prompt_of(i)];
  return out;
}

std::vector<fs::path> temporary_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().find(".tmp.") != std::string::npos) out.push_back(e.path());
  }
  return out;
}

synthbench::llm::ChatRequest request_for(const std::string& text) {
  synthbench::llm::ChatRequest r;
  r.model = "test-model";
  r.messages = {{"user", text, nlohmann::json::object()}};
  return r;
}

// How many of `acknowledged` (prefix -> calls 0..n-1) a replay of `cassette` (with its
// journal) answers: every one, or the test fails.
int replayable(const fs::path& cassette, const std::map<std::string, int>& acknowledged) {
  auto options = cassette_test::options(synthbench::cassette::RecordMode::none);
  synthbench::cassette::CassetteClient replay(cassette, options);
  int found = 0;
  for (const auto& [prefix, n] : acknowledged) {
    for (int i = 0; i < n; ++i) {
      const std::string prompt = prefix + "-" + std::to_string(i);
      if (replay.contains(request_for(prompt))) {
        ++found;
      } else {
        ADD_FAILURE() << prompt << " was acknowledged but does not replay";
      }
    }
  }
  return found;
}

// Opens a recorder (which merges the journal and removes stale temporary files) and
// finishes it without recording: what the next recording run does first.
void recover(const fs::path& cassette) {
  cassette_test::ScopedEnv allow("SYNTHBENCH_RECORD_IN_CI", std::string("1"));
  synthbench::cassette::CassetteClient recorder(cassette, cassette_test::options(synthbench::cassette::RecordMode::new_episodes),
                                                cassette_test::CountingUpstream{}.factory());
  (void)recorder.finish();
}

// Every acknowledged call is in the cassette exactly once, and nothing else is but the calls
// in flight when a recorder died (at most one per kill).
void expect_all_acknowledged_once(const fs::path& cassette, const std::map<std::string, int>& acknowledged,
                                  std::size_t in_flight_allowance) {
  const auto prompts = prompts_in(cassette);
  std::size_t expected = 0;
  for (const auto& [prefix, n] : acknowledged) {
    for (int i = 0; i < n; ++i) {
      const auto it = prompts.find(prefix + "-" + std::to_string(i));
      EXPECT_TRUE(it != prompts.end() && it->second == 1) << prefix << "-" << i << " lost or duplicated";
    }
    expected += static_cast<std::size_t>(n);
  }
  for (const auto& [prompt, count] : prompts) EXPECT_EQ(count, 1) << prompt;
  EXPECT_GE(prompts.size(), expected);
  EXPECT_LE(prompts.size(), expected + in_flight_allowance);
}

TEST(FaultInjection, KillMinusNineAtRandomPointsLosesNoAcknowledgedCall) {
  TempDir dir;
  const auto path = dir.path / "killed.json";
  const int trials = setting("SYNTHBENCH_FAULT_TRIALS", 6);
  const int max_acks = setting("SYNTHBENCH_FAULT_MAX_ACKS", 40);
  std::map<std::string, int> acknowledged;
  int kills_in_a_rewrite = 0;
  int total = 0;
  for (int t = 0; t < trials; ++t) {
    const std::string prefix = "t" + std::to_string(t);
    // A rewrite every `batch` calls (fewer in the big runs, where every rewrite writes the
    // whole grown cassette). Every other trial aims at a rewrite: it waits for the recorder
    // to announce one and kills it as soon as its temporary file appears (or a little later).
    const int batch = uniform(1, std::max(12, max_acks / 10));
    const bool aim_at_rewrite = t % 2 == 1;
    Child child = cassette_test::spawn_recorder(path, prefix, 100000, uniform(0, 1), batch);
    int acks = 0;
    if (aim_at_rewrite) {
      acks = cassette_test::read_acknowledgements(child, 1 << 30, /*until_finish=*/true);
      for (int spin = 0; spin < 20000 && temporary_files(dir.path).empty(); ++spin) ::usleep(50);
    } else {
      acks = cassette_test::read_acknowledgements(child, uniform(1, max_acks));
      ::usleep(static_cast<useconds_t>(uniform(0, 3000)));
    }
    ::kill(child.pid, SIGKILL);
    const int status = cassette_test::finish_child(child, acks);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "trial " << t << " status " << status;
    acknowledged[prefix] = acks;
    total += acks;
    if (!temporary_files(dir.path).empty()) ++kills_in_a_rewrite;
    // The cassette on disk is never corrupt, whatever the moment of the kill.
    std::string report;
    if (fs::exists(path)) {
      EXPECT_EQ(verify(path, &report), 0) << "trial " << t << ": " << report;
    }
    // Replay, which writes nothing, already answers every acknowledged call.
    EXPECT_EQ(replayable(path, acknowledged), total) << "trial " << t;
  }
  recover(path);
  EXPECT_TRUE(temporary_files(dir.path).empty());
  EXPECT_FALSE(fs::exists(synthbench::cassette::journal_path(path)));
  std::string report;
  EXPECT_EQ(verify(path, &report), 0) << report;
  expect_all_acknowledged_once(path, acknowledged, static_cast<std::size_t>(trials));
  std::cout << "kill -9: " << trials << " trials, " << total << " acknowledged calls, 0 lost; " << kills_in_a_rewrite
            << " kill(s) left a rewrite's temporary file (removed by the next writer)\n";
  ::testing::Test::RecordProperty("trials", trials);
  ::testing::Test::RecordProperty("acknowledged", total);
  ::testing::Test::RecordProperty("kills_in_a_rewrite", kills_in_a_rewrite);
}

TEST(FaultInjection, ParallelRecordersIntoOneCassetteLoseAndDuplicateNothing) {
  const int processes = setting("SYNTHBENCH_FAULT_PROCESSES", 4);
  const int calls = setting("SYNTHBENCH_FAULT_CALLS", 40);
  const int rounds = setting("SYNTHBENCH_FAULT_ROUNDS", 1);
  for (int round = 0; round < rounds; ++round) {
    TempDir dir;
    const auto path = dir.path / "shared.json";
    std::vector<Child> children;
    std::map<std::string, int> acknowledged;
    for (int p = 0; p < processes; ++p) {
      children.push_back(cassette_test::spawn_recorder(path, "p" + std::to_string(p), calls, 0, uniform(5, calls)));
    }
    for (int p = 0; p < processes; ++p) {
      int acks = 0;
      const int status = cassette_test::finish_child(children[static_cast<std::size_t>(p)], acks);
      ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "recorder " << p << " status " << status;
      EXPECT_EQ(acks, calls);
      acknowledged["p" + std::to_string(p)] = acks;
    }
    std::string report;
    EXPECT_EQ(verify(path, &report), 0) << report;
    EXPECT_FALSE(fs::exists(synthbench::cassette::journal_path(path)));
    EXPECT_TRUE(temporary_files(dir.path).empty());
    expect_all_acknowledged_once(path, acknowledged, 0);
  }
  std::cout << "parallel: " << rounds << " round(s) of " << processes << " recorders x " << calls
            << " calls, none lost or duplicated\n";
}

// A small tmpfs mounted on a folder (root with CAP_SYS_ADMIN), unmounted at the end.
class SmallTmpfs {
 public:
  SmallTmpfs(const fs::path& where, const std::string& size, bool try_mount) : where_(where) {
    fs::create_directories(where);
    mounted_ = try_mount && ::mount("tmpfs", where.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0;
  }
  ~SmallTmpfs() {
    if (mounted_) (void)::umount2(where_.c_str(), MNT_DETACH);
  }
  SmallTmpfs(const SmallTmpfs&) = delete;
  SmallTmpfs& operator=(const SmallTmpfs&) = delete;
  bool mounted() const { return mounted_; }
  bool grow(const std::string& size) {
    return ::mount("tmpfs", where_.c_str(), "tmpfs", MS_REMOUNT, ("size=" + size).c_str()) == 0;
  }

 private:
  fs::path where_;
  bool mounted_ = false;
};

TEST(FaultInjection, AFullDiskLosesNoAcknowledgedCallAndEverythingRecoversOnceThereIsRoom) {
  // Two ways to run out: rewriting the cassette every 25 calls, the disk fills up in a
  // rewrite (or an append); never rewriting, it fills up in a journal append.
  for (const int batch : {25, 0}) {
    TempDir dir;
    // A tmpfs of 40 KB when this machine lets us mount one; else each file is limited to
    // 40 KB (RLIMIT_FSIZE in the recorder): its writes fail with EFBIG as they would with ENOSPC.
    // SYNTHBENCH_FAULT_NO_TMPFS=1 takes the fallback even where a tmpfs could be mounted.
    SmallTmpfs disk(dir.path / "disk", "40k", setting("SYNTHBENCH_FAULT_NO_TMPFS", 0) == 0);
    const std::string method = disk.mounted() ? "a tmpfs of 40 KB" : "RLIMIT_FSIZE of 40 KB (no tmpfs mounted)";
    ::testing::Test::RecordProperty("full_disk", method);
    const auto path = dir.path / "disk" / "full.json";
    const std::vector<std::string> env =
        disk.mounted() ? std::vector<std::string>{} : std::vector<std::string>{"SYNTHBENCH_TEST_FILE_SIZE_LIMIT=40960"};
    Child child = cassette_test::spawn_recorder(path, "b", 100000, 0, batch, env);
    int acks = 0;
    const int status = cassette_test::finish_child(child, acks);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << "the recorder should fail on the full disk";
    EXPECT_GT(acks, 0);
    const std::map<std::string, int> acknowledged{{"b", acks}};
    // The disk still full: the cassette on disk is valid, and replay answers every
    // acknowledged call (from the cassette and the journal).
    std::string report;
    if (fs::exists(path)) {
      EXPECT_EQ(verify(path, &report), 0) << report;
    }
    EXPECT_EQ(replayable(path, acknowledged), acks);
    // Room again: the next recording run merges the journal; nothing was lost.
    if (disk.mounted()) {
      ASSERT_TRUE(disk.grow("4m"));
    }
    recover(path);
    EXPECT_EQ(verify(path, &report), 0) << report;
    EXPECT_TRUE(temporary_files(path.parent_path()).empty());
    expect_all_acknowledged_once(path, acknowledged, 1);
    std::cout << "full disk (" << method << "), " << (batch > 0 ? "a rewrite every 25 calls" : "no rewrite") << ": "
              << acks << " acknowledged calls before the disk was full, 0 lost\n";
  }
}

TEST(FaultInjection, ATornJournalLineIsCutAndReportedAndTheNextRecorderProceeds) {
  TempDir dir;
  const auto path = dir.path / "torn.json";
  std::map<std::string, int> acknowledged;
  // A recorder killed before it finished: its calls are in the journal only.
  Child first = cassette_test::spawn_recorder(path, "first", 100000, 0);
  int acks = cassette_test::read_acknowledgements(first, 20);
  ::kill(first.pid, SIGKILL);
  (void)cassette_test::finish_child(first, acks);
  acknowledged["first"] = acks;
  // ... and another killed in the middle of a journal write: a line without its end.
  const std::string line = synthbench::cassette::journal_line(cassette_test::recorded_interaction("killed", 0, "K"));
  std::ofstream(synthbench::cassette::journal_path(path), std::ios::app) << line.substr(0, line.size() / 2);
  EXPECT_EQ(replayable(path, acknowledged), acks);
  // The next recorder (another process) records on top and finishes.
  Child second = cassette_test::spawn_recorder(path, "second", 15, 0);
  int second_acks = 0;
  const int status = cassette_test::finish_child(second, second_acks);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  acknowledged["second"] = second_acks;
  std::string report;
  EXPECT_EQ(verify(path, &report), 0) << report;
  expect_all_acknowledged_once(path, acknowledged, 1);
  EXPECT_EQ(prompts_in(path).count("killed"), 0u);  // the fragment was dropped
}

TEST(FaultInjection, ATruncatedCassetteIsReportedAndNeverOverwritten) {
  TempDir dir;
  const auto path = dir.path / "whole.json";
  Child child = cassette_test::spawn_recorder(path, "w", 30, 0, 10);
  int acks = 0;
  ASSERT_EQ(cassette_test::finish_child(child, acks), 0);
  const std::string whole = synthbench::detail::read_file(path);
  ASSERT_EQ(verify(path), 0);
  cassette_test::ScopedEnv allow("SYNTHBENCH_RECORD_IN_CI", std::string("1"));
  for (int t = 0; t < 6; ++t) {
    const std::size_t cut = static_cast<std::size_t>(uniform(1, static_cast<int>(whole.size()) - 2));
    std::ofstream(path, std::ios::binary | std::ios::trunc) << whole.substr(0, cut);
    const std::uint64_t hash = synthbench::detail::fnv1a64(whole.substr(0, cut));
    std::string report;
    EXPECT_EQ(verify(path, &report), 1) << "cut at " << cut << ": " << report;
    EXPECT_NE(report.find(path.string() + " at line "), std::string::npos) << report;
    // Neither replay nor a recorder may make it worse: both refuse, naming the file.
    for (const auto mode : {synthbench::cassette::RecordMode::none, synthbench::cassette::RecordMode::new_episodes}) {
      try {
        synthbench::cassette::CassetteClient client(path, cassette_test::options(mode), cassette_test::CountingUpstream{}.factory());
        ADD_FAILURE() << "opened a cassette cut at " << cut;
      } catch (const synthbench::InputError& e) {
        EXPECT_EQ(e.source(), path.string());
      }
    }
    EXPECT_EQ(synthbench::detail::fnv1a64(synthbench::detail::read_file(path)), hash) << "cut at " << cut;
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc) << whole;
  EXPECT_EQ(verify(path), 0);
  EXPECT_EQ(prompts_in(path).size(), static_cast<std::size_t>(acks));
}

}  // namespace
