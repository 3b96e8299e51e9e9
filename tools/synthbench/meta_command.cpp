// synthbench meta: meta-evaluation of a score table (docs/cli.md).

#include <synthbench/report/meta_json.hpp>
#include <synthbench/report/meta_markdown.hpp>
#include <synthbench/scores/approach_bootstrap.hpp>
#include <synthbench/scores/meta_summary.hpp>
#include <synthbench/scores/score_table_json.hpp>

#include <ostream>

#include "cli.hpp"
#include "commands.hpp"

namespace synthbench_cli {

namespace {

const CommandSpec kMetaSpec{
    "meta",
    "--input FILE [--format json|markdown]",
    "Reads the scores of approaches on a real dataset and on synthetic versions of it, and prints\n"
    "for each synthetic dataset (and their average) MSPD, SRCC with its exact p-value and a 95%\n"
    "bootstrap interval over resamples of the approaches (2000, seed 240911968), Kendall's tau-b,\n"
    "top-1 agreement, selection regret and difficulty gap, and the bias factor of each model that is\n"
    "both a generator and a solver.\n\n"
    "input: {\"metric\": str, \"real\": {method: score}, \"synthetic\": {generator: {method: score}},\n"
    "        \"models\": {generator: solver}?, \"range\": [lower, upper]?}",
    {{"input", "FILE", "the score table (JSON); '-' reads standard input", false},
     {"format", "FORMAT", "json (default) or markdown", false}},
    ""};

}  // namespace

int run_meta(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_guarded("meta", err, [&]() {
    const ParsedArgs parsed = parse_args(kMetaSpec, args);
    if (parsed.help) {
      print_help(kMetaSpec, out);
      return static_cast<int>(exit_ok);
    }
    const std::string input = parsed.require("input");
    const std::string format = parsed.get("format", "json");
    if (format != "json" && format != "markdown") {
      throw UsageProblem{"--format must be json or markdown, got '" + format + "'"};
    }
    synthbench::ScoreTable table = input == "-" ? synthbench::parse_score_table(read_stdin(), "<stdin>")
                                                : synthbench::read_score_table(input);
    const synthbench::MetaSummary summary = synthbench::summarize(table);
    const synthbench::SrccIntervals intervals = synthbench::bootstrap_srcc_intervals(table);
    if (format == "json") {
      out << synthbench::report::meta_to_json(summary, &intervals).dump(2) << "\n";
    } else {
      out << synthbench::report::meta_to_markdown(summary, table, &intervals);
    }
    return static_cast<int>(exit_ok);
  });
}

}  // namespace synthbench_cli
