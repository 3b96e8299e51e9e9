#ifndef SYNTHBENCH_REPORT_WRITER_HPP
#define SYNTHBENCH_REPORT_WRITER_HPP

/// @file
/// Writes a report folder: results.json, report.md and report.html, each replaced
/// atomically. Several test binaries (and, under ctest, several processes of one binary)
/// write into one folder, so the writer holds a lock on `<dir>/.lock`, merges its
/// experiments into the results.json it finds there (an experiment of the same name is
/// replaced), and renders the Markdown and HTML from the merged results. When
/// GITHUB_STEP_SUMMARY names a file, the Markdown of this writer's own data is appended to
/// it (GitHub Actions shows it on the run's summary page).

#include <cstdlib>     // std::getenv
#include <filesystem>  // std::filesystem::path, std::filesystem::exists
#include <fstream>     // std::ofstream
#include <string>      // std::string

#include "synthbench/detail/file_lock.hpp"
#include "synthbench/detail/files.hpp"
#include "synthbench/error.hpp"
#include "synthbench/report/html_report.hpp"
#include "synthbench/report/markdown_report.hpp"
#include "synthbench/report/report_data.hpp"
#include "synthbench/report/results_json.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {

/// The three files of a report folder.
struct ReportFiles {
  std::filesystem::path results;   ///< results.json
  std::filesystem::path markdown;  ///< report.md
  std::filesystem::path html;      ///< report.html
};

/// Renders report.md and report.html for `data` into `dir` (no merging, no lock).
inline ReportFiles render_report_files(const std::filesystem::path& dir, const ReportData& data) {
  ReportFiles files{dir / "results.json", dir / "report.md", dir / "report.html"};
  const std::string md = render_markdown(data);
  synthbench::detail::write_file_atomically(files.markdown, md);
  synthbench::detail::write_file_atomically(files.html, render_html(data, md));
  return files;
}

/// Merges `data` into the report in `dir` and rewrites its three files (see the file
/// comment). A results.json in `dir` that cannot be read is an error (InputError naming it),
/// not silently overwritten: a report folder must only ever hold synthbench's files.
inline ReportFiles write_report(const std::filesystem::path& dir, const ReportData& data) {
  std::filesystem::create_directories(dir);
  synthbench::detail::FileLock lock(dir / ".lock");
  ReportData merged;
  const auto results = dir / "results.json";
  if (std::filesystem::exists(results)) {
    merged = parse_results(synthbench::detail::read_file(results), results.string());
    merged.producer = data.producer;
  }
  for (const auto& e : data.experiments) merged.add(e);
  for (const auto& c : data.cassettes) merged.add(c);
  for (const auto& g : data.gates) merged.add(g);
  synthbench::detail::write_file_atomically(results, results_to_json(merged).dump(2) + "\n");
  const ReportFiles files = render_report_files(dir, merged);
  if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary != nullptr && *summary != '\0') {
    std::ofstream out(summary, std::ios::app);
    if (!out) throw IoError(30, summary, "cannot append to GITHUB_STEP_SUMMARY");
    out << render_markdown(data) << "\n";
  }
  return files;
}

}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_WRITER_HPP
