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
};

/// Runs `argv` (argv[0] is the program path; no shell), feeding `input` on stdin. Extra
/// environment entries "NAME=value" are added to (or override) the parent's environment.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = {},
                          const std::vector<std::string>& extra_env = {});

}  // namespace synthbench_test_support

#endif  // SYNTHBENCH_TESTS_SUPPORT_PROCESS_HPP
