#ifndef SYNTHBENCH_TESTS_UNIT_CASSETTE_RECORD_CHILD_SUPPORT_HPP
#define SYNTHBENCH_TESTS_UNIT_CASSETTE_RECORD_CHILD_SUPPORT_HPP

// Runs record_child.cpp as a real process whose acknowledgements ("done I" lines, printed
// once complete() returned, i.e. once the call's journal line was fsync'd) the test reads
// while it runs, so that it can kill the child at any moment and know what was acknowledged.
// Used by durability_test.cpp and fault_injection_test.cpp.

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace cassette_test {

// A running recorder and the read end of its standard output.
struct Child {
  pid_t pid = -1;
  FILE* out = nullptr;
};

// Starts `record_child CASSETTE PREFIX COUNT DELAY_MS BATCH` (see record_child.cpp) with
// `extra_env` ("NAME=value") added to this process's environment.
inline Child spawn_recorder(const std::filesystem::path& cassette, const std::string& prefix, int count, int delay_ms,
                            int batch = 0, const std::vector<std::string>& extra_env = {}) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  const std::vector<std::string> args = {SYNTHBENCH_RECORD_CHILD, cassette.string(), prefix, std::to_string(count),
                                         std::to_string(delay_ms), std::to_string(batch > 0 ? batch : count)};
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (char** e = environ; *e != nullptr; ++e) envp.push_back(*e);
  for (const auto& e : extra_env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  Child child;
  const int rc = posix_spawn(&child.pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    throw std::runtime_error("posix_spawn failed");
  }
  child.out = ::fdopen(fds[0], "r");
  return child;
}

// Reads the child's output until `count` acknowledgements ("done I") were read, or, with
// `until_finish`, until it announces a rewrite ("finish"), or until it closed its output;
// returns how many acknowledgements were read.
inline int read_acknowledgements(Child& child, int count, bool until_finish = false) {
  int read = 0;
  char line[128];
  while (read < count && std::fgets(line, sizeof line, child.out) != nullptr) {
    if (line[0] == 'd') {
      ++read;
    } else if (until_finish) {
      break;
    }
  }
  return read;
}

// Reads the rest of the child's output (after it exited or was killed), closes it, waits for
// the child and returns its wait status; `acknowledged` grows by the lines read.
inline int finish_child(Child& child, int& acknowledged) {
  acknowledged += read_acknowledgements(child, 1 << 30);
  std::fclose(child.out);
  child.out = nullptr;
  int status = 0;
  while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace cassette_test

#endif  // SYNTHBENCH_TESTS_UNIT_CASSETTE_RECORD_CHILD_SUPPORT_HPP
