#ifndef SYNTHBENCH_TOOLS_COMMANDS_HPP
#define SYNTHBENCH_TOOLS_COMMANDS_HPP

// The subcommands of the synthbench program. Each takes the arguments after its own name
// and returns the exit status; main() dispatches on the first argument.

#include <iosfwd>
#include <string>
#include <vector>

namespace synthbench_cli {

/// A top-level subcommand.
struct Command {
  const char* name;     ///< "meta"
  const char* summary;  ///< one line for the top-level help
  int (*run)(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
};

int run_meta(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_score(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_report(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_cassette(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_complete(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_plan(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace synthbench_cli

#endif  // SYNTHBENCH_TOOLS_COMMANDS_HPP
