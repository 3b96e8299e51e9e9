#ifndef SYNTHBENCH_REPORT_SAMPLES_MARKDOWN_HPP
#define SYNTHBENCH_REPORT_SAMPLES_MARKDOWN_HPP

/// @file
/// The study of draws of real test items (experiment/sample_study.hpp) as a report.md table:
/// for each kind of draw (the first items, random, stratified by label), the number of draws,
/// the median, smallest and largest SRCC of a synthetic benchmark, how many draws give an SRCC
/// with exact p <= 0.05, and the median and range of its MSPD.

#include <string>  // std::string

#include "synthbench/detail/format.hpp"
#include "synthbench/experiment/sample_scoring.hpp"
#include "synthbench/report/markdown_escape.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {

/// The table of `study` for the synthetic benchmark `benchmark` (see the file comment).
inline std::string samples_markdown(const SampleStudy& study, const std::string& benchmark) {
  using synthbench::detail::fixed;
  const auto value = [](const std::optional<double>& v, int decimals) { return v ? fixed(*v, decimals) : std::string("n/a"); };
  std::string md = "\nSensitivity to the real test items (" + detail::md_escape(study.metric) + ", " +
                   detail::md_escape(benchmark) + "): SRCC and MSPD on draws of " +
                   std::to_string(study.draws.empty() ? 0 : study.draws.front().items) + " of the " +
                   std::to_string(study.population) + " real test items; the experiment's own are the draw \"" +
                   detail::md_escape(study.headline) + "\".\n\n"
                   "| Draws | Count | SRCC median | SRCC range | p <= 0.05 | MSPD median | MSPD range |\n"
                   "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const auto& s : sample_spread(study, benchmark)) {
    md += "| " + s.kind + " | " + std::to_string(s.draws) + " | " + value(s.srcc_median, 2) + " | [" + value(s.srcc_min, 2) +
          ", " + value(s.srcc_max, 2) + "] | " + std::to_string(s.significant) + "/" + std::to_string(s.draws) + " | " +
          value(s.mspd_median, 4) + " | [" + value(s.mspd_min, 4) + ", " + value(s.mspd_max, 4) + "] |\n";
  }
  return md;
}

}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_SAMPLES_MARKDOWN_HPP
