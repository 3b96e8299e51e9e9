// synthbench report: renders report.md and report.html from a results.json (docs/cli.md).

#include <synthbench/detail/files.hpp>
#include <synthbench/report/results_json.hpp>
#include <synthbench/report/writer.hpp>

#include <filesystem>
#include <ostream>

#include "cli.hpp"
#include "commands.hpp"

namespace synthbench_cli {

namespace {

const CommandSpec kReportSpec{
    "report",
    "RESULTS.json [--out DIR]",
    "Renders report.md and report.html (self-contained, with SVG charts) from a results.json\n"
    "written at the end of a synthbench test run, into DIR (default: the folder of\n"
    "RESULTS.json). Meta-metrics are recomputed from the score tables in the file.",
    {{"out", "DIR", "where to write report.md and report.html", false}},
    "RESULTS.json    the results file ('-' reads standard input)"};

}  // namespace

int run_report(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_guarded("report", err, [&]() {
    const ParsedArgs parsed = parse_args(kReportSpec, args);
    if (parsed.help) {
      print_help(kReportSpec, out);
      return static_cast<int>(exit_ok);
    }
    if (parsed.positional.size() != 1) throw UsageProblem{"expected exactly one RESULTS.json"};
    const std::string input = parsed.positional.front();
    const synthbench::report::ReportData data =
        input == "-" ? synthbench::report::parse_results(read_stdin(), "<stdin>")
                     : synthbench::report::parse_results(synthbench::detail::read_file(input), input);
    std::filesystem::path dir = parsed.get("out");
    if (dir.empty()) dir = input == "-" ? std::filesystem::path(".") : std::filesystem::path(input).parent_path();
    if (dir.empty()) dir = ".";
    std::filesystem::create_directories(dir);
    const auto files = synthbench::report::render_report_files(dir, data);
    out << files.markdown.string() << "\n" << files.html.string() << "\n";
    return static_cast<int>(exit_ok);
  });
}

}  // namespace synthbench_cli
