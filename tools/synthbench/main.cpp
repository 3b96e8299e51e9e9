// synthbench: the command-line face of the library. See docs/cli.md.

#include <synthbench/version.hpp>

#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"

namespace {

const synthbench_cli::Command kCommands[] = {
    {"meta", "meta-evaluate synthetic benchmarks from a score table (MSPD, SRCC, bias factor, ...)",
     &synthbench_cli::run_meta},
    {"score", "score predictions against gold data with the task's metrics (intent, ner, sts)",
     &synthbench_cli::run_score},
    {"report", "render report.md and report.html (SVG charts) from a results.json of a test run",
     &synthbench_cli::run_report},
    {"cassette", "verify, summarize, prune and merge cassettes of recorded LLM interactions",
     &synthbench_cli::run_cassette},
    {"complete", "send one chat request (live, or through a cassette) and print how it ended",
     &synthbench_cli::run_complete},
    {"plan", "how many test items a paired gate (EXPECT_NOT_WORSE) needs to detect a drop",
     &synthbench_cli::run_plan},
};

void print_top_help(std::ostream& out) {
  out << "usage: synthbench <command> [options]\n\n"
         "Evaluates LLM-generated benchmarks: do they rank approaches like real data?\n\ncommands:\n";
  for (const auto& c : kCommands) out << "  " << std::left << std::setw(10) << c.name << " " << c.summary << "\n";
  out << "\n'synthbench <command> --help' describes a command. 'synthbench --version' prints the version.\n"
         "exit status: 0 ok, 1 a check failed, 2 bad input or usage, 3 internal error\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_top_help(std::cerr);
    return synthbench_cli::exit_bad_input;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_top_help(std::cout);
    return synthbench_cli::exit_ok;
  }
  if (args[0] == "--version") {
    std::cout << "synthbench " << SYNTHBENCH_VERSION_STRING << "\n";
    return synthbench_cli::exit_ok;
  }
  for (const auto& c : kCommands) {
    if (args[0] == c.name) {
      const std::vector<std::string> rest(args.begin() + 1, args.end());
      return c.run(rest, std::cout, std::cerr);
    }
  }
  std::cerr << "synthbench: unknown command '" << args[0] << "' (see synthbench --help)\n";
  return synthbench_cli::exit_bad_input;
}
