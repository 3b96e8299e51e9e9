#ifndef SYNTHBENCH_TOOLS_CLI_HPP
#define SYNTHBENCH_TOOLS_CLI_HPP

// Argument parsing and error handling shared by the synthbench subcommands.
// Exit codes are a contract (docs/cli.md): 0 ok, 1 a check failed, 2 bad input or usage,
// 3 internal error (a bug: please report it).

#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace synthbench_cli {

enum ExitCode : int { exit_ok = 0, exit_check_failed = 1, exit_bad_input = 2, exit_internal = 3 };

/// One option of a subcommand.
struct OptionSpec {
  std::string name;          ///< without dashes: "input"
  std::string value_name;    ///< "FILE"; empty for a flag
  std::string help;          ///< one line
  bool repeatable = false;   ///< may be given several times (values are collected)
};

/// What a subcommand parsed from its arguments.
struct ParsedArgs {
  std::map<std::string, std::vector<std::string>> values;  ///< option -> values given
  std::vector<std::string> positional;                     ///< arguments that are not options
  bool help = false;                                       ///< --help or -h was given

  bool has(const std::string& name) const { return values.count(name) != 0; }
  /// The last value of `name`, or `fallback` when absent.
  std::string get(const std::string& name, const std::string& fallback = {}) const;
  /// The value of a required option; throws a usage error naming it when absent.
  std::string require(const std::string& name) const;
};

/// A subcommand's interface: its name, synopsis, description and options.
struct CommandSpec {
  std::string name;         ///< "meta", "score intent", "cassette verify"
  std::string synopsis;     ///< "--input FILE [--format json|markdown]"
  std::string description;  ///< a paragraph
  std::vector<OptionSpec> options;
  std::string positional_help;  ///< text about positional arguments; empty when none allowed
};

/// Thrown for a bad command line; main() prints it with the help hint and exits 2.
struct UsageProblem {
  std::string message;
};

/// Parses `args` (after the subcommand name) against `spec`; throws UsageProblem.
ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& args);

/// Prints `spec` as the --help text.
void print_help(const CommandSpec& spec, std::ostream& out);

/// All of standard input (for "-" as a file name).
std::string read_stdin();

/// Runs `body`, turning every exception into a message on `err` and an exit code: input,
/// usage and I/O errors exit 2; anything else exits 3 as an internal error. Never lets an
/// exception escape.
int run_guarded(const std::string& command, std::ostream& err, const std::function<int()>& body);

}  // namespace synthbench_cli

#endif  // SYNTHBENCH_TOOLS_CLI_HPP
