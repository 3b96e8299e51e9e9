// Durability with real processes: a recorder killed with SIGKILL midway loses nothing it
// reported complete, and two processes recording into one cassette lose nothing.

#include <synthbench/cassette.hpp>

#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "cassette_test_support.hpp"
#include "record_child_support.hpp"

namespace {

using cassette_test::Child;
using cassette_test::ScopedEnv;
using cassette_test::spawn_recorder;
using cassette_test::TempDir;

int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

std::string prompt_of(const synthbench::cassette::Interaction& i) {
  return nlohmann::json::parse(i.request)["messages"][0]["content"].get<std::string>();
}

synthbench::llm::ChatRequest request_for(const std::string& text) {
  synthbench::llm::ChatRequest r;
  r.model = "test-model";
  r.messages = {{"user", text, nlohmann::json::object()}};
  return r;
}

TEST(Durability, KillMinusNineLosesNothingThatCompleted) {
  TempDir dir;
  const auto path = dir.path / "killed.json";
  Child child = spawn_recorder(path, "k", 100000, 2);
  int completed = 0;
  char line[64];
  while (completed < 25 && std::fgets(line, sizeof line, child.out) != nullptr) ++completed;
  ASSERT_EQ(completed, 25);
  ::kill(child.pid, SIGKILL);
  const int status = wait_for(child.pid);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  // Lines printed after the 25th we read also completed: count them too.
  while (std::fgets(line, sizeof line, child.out) != nullptr) ++completed;
  std::fclose(child.out);

  // The run never finished: its interactions are only in the journal.
  EXPECT_TRUE(std::filesystem::exists(synthbench::cassette::journal_path(path)));
  {
    auto options = cassette_test::options(synthbench::cassette::RecordMode::none);
    synthbench::cassette::CassetteClient replay(path, options);
    for (int i = 0; i < completed; ++i) {
      EXPECT_EQ(replay.complete(request_for("k-" + std::to_string(i))).content, "answer to k-" + std::to_string(i));
    }
  }
  // The next recording open merges the journal into the cassette.
  ScopedEnv allow("SYNTHBENCH_RECORD_IN_CI", std::string("1"));
  {
    synthbench::cassette::CassetteClient recorder(path, cassette_test::options(synthbench::cassette::RecordMode::new_episodes),
                                                  cassette_test::CountingUpstream{}.factory());
  }
  EXPECT_FALSE(std::filesystem::exists(synthbench::cassette::journal_path(path)));
  const auto cassette = synthbench::cassette::read_cassette(path);
  std::set<std::string> prompts;
  for (const auto& i : cassette.interactions) prompts.insert(prompt_of(i));
  for (int i = 0; i < completed; ++i) EXPECT_EQ(prompts.count("k-" + std::to_string(i)), 1u) << i;
  // At most the one call in flight may have been journaled without being reported.
  EXPECT_LE(prompts.size(), static_cast<std::size_t>(completed) + 1);
}

TEST(Durability, TwoProcessesRecordingOneCassetteLoseNothing) {
  TempDir dir;
  const auto path = dir.path / "shared.json";
  constexpr int count = 60;
  Child a = spawn_recorder(path, "a", count, 1);
  Child b = spawn_recorder(path, "b", count, 1);
  for (Child* c : {&a, &b}) {
    char line[64];
    while (std::fgets(line, sizeof line, c->out) != nullptr) {
    }
    std::fclose(c->out);
    const int status = wait_for(c->pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  const auto cassette = synthbench::cassette::read_cassette(path);
  std::set<std::string> prompts;
  for (const auto& i : cassette.interactions) prompts.insert(prompt_of(i));
  EXPECT_EQ(cassette.interactions.size(), 2u * count);
  for (const char* prefix : {"a", "b"}) {
    for (int i = 0; i < count; ++i) EXPECT_EQ(prompts.count(std::string(prefix) + "-" + std::to_string(i)), 1u);
  }
  EXPECT_FALSE(std::filesystem::exists(synthbench::cassette::journal_path(path)));
}

}  // namespace
