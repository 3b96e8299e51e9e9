#ifndef SYNTHBENCH_TESTS_SUPPORT_PROCESS_HPP
#define SYNTHBENCH_TESTS_SUPPORT_PROCESS_HPP

// Runs a program as a real child process and collects its exit status and output.

#include <string>
#include <vector>

namespace synthbench_test_support {

struct ProcessResult {
  int exit_code = -1;    ///< the exit status, or 128 + signal number when killed by a signal
  std::string out;       ///< everything written to stdout
  std::string err;       ///< everything written to stderr
  long max_rss_kb = 0;   ///< the child's peak resident set size (getrusage's ru_maxrss)
  double seconds = 0;    ///< wall-clock time from start to exit
  bool timed_out = false;  ///< killed (SIGKILL) for running longer than the timeout
};

/// Runs `argv` (argv[0] is the program path; no shell), feeding `input` on stdin. Extra
/// environment entries "NAME=value" are added to (or override) the parent's environment.
/// A positive `timeout_seconds` kills the child (SIGKILL) when it runs longer: a hang guard
/// for tests, not a measurement.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = {},
                          const std::vector<std::string>& extra_env = {}, double timeout_seconds = 0);

}  // namespace synthbench_test_support

#endif  // SYNTHBENCH_TESTS_SUPPORT_PROCESS_HPP
