#ifndef SYNTHBENCH_REPORT_HTML_SUMMARY_HPP
#define SYNTHBENCH_REPORT_HTML_SUMMARY_HPP

/// @file
/// The summary report.html opens with, before any chart: report/summary.hpp's rows as an HTML
/// table in a tinted panel (`<section class="summary">`), each row ending in a coloured
/// verdict badge (`<span class="verdict pass|fail|none">`: green, red, grey), and the failing
/// gates listed under it. scripts/check-report-in-browser.sh looks for the panel's tint and the
/// badges' colours in the headless screenshot, so the colours are part of the contract:
/// panel #EEF5FB, pass #1A7F37, fail #CF222E, no gate #6E7781.

#include <string>  // std::string
#include <vector>  // std::vector

#include "synthbench/report/html_text.hpp"
#include "synthbench/report/summary.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {
namespace detail {

/// The CSS of the summary (see the file comment).
inline const char* summary_css() {
  return ".summary{background:#eef5fb;border:1px solid #c9dced;border-radius:6px;padding:4px 16px 12px;margin:16px 0}"
         ".summary h2{border-bottom:none;margin-top:12px}.summary table{background:#ffffff}"
         ".verdict{display:inline-block;min-width:56px;text-align:center;color:#ffffff;font-weight:600;border-radius:10px;"
         "padding:1px 8px}.verdict.pass{background:#1a7f37}.verdict.fail{background:#cf222e}.verdict.none{background:#6e7781}";
}

/// The summary section of `rows` (see the file comment).
inline std::string summary_html(const std::vector<SummaryRow>& rows) {
  std::string html = "<section class=\"summary\"><h2>Summary</h2><p class=\"note\">Per experiment, on its first metric: "
                     "the SRCC of the headline synthetic benchmark against the real data, with its exact one-sided "
                     "p-value and 95% bootstrap interval over test items; its MSPD; the SRCC over random draws of real "
                     "test items; the tests that gate it.</p><table><tr><th class=\"l\">Experiment</th><th class=\"l\">Metric</th>"
                     "<th class=\"l\">Benchmark</th><th>Approaches</th><th>SRCC</th><th>p (exact)</th><th>SRCC 95% CI</th>"
                     "<th>MSPD</th><th>MSPD 95% CI</th><th class=\"l\">Over random draws</th><th class=\"l\">Gates</th>"
                     "<th class=\"c\">Verdict</th></tr>";
  std::string failed;
  for (const auto& r : rows) {
    const char* cls = r.verdict == Verdict::pass ? "pass" : (r.verdict == Verdict::fail ? "fail" : "none");
    html += "<tr><td class=\"l\">" + html_escape(r.experiment) + "</td><td class=\"l\">" + html_escape(r.metric) +
            "</td><td class=\"l\">" + html_escape(r.benchmark) + "</td><td>" + std::to_string(r.approaches) + "</td><td>" +
            r.srcc + "</td><td>" + r.srcc_p + "</td><td>" + r.srcc_interval + "</td><td>" + r.mspd + "</td><td>" +
            r.mspd_interval + "</td><td class=\"l\">" + html_escape(r.samples) + "</td><td class=\"l\">" + html_escape(r.gates) +
            "</td><td class=\"c\"><span class=\"verdict " + cls + "\">" + to_string(r.verdict) + "</span></td></tr>";
    for (const auto& f : r.failed) failed += "<li>" + html_escape(r.experiment) + ": <code>" + html_escape(f) + "</code></li>";
  }
  if (rows.empty()) html += "<tr><td class=\"l\" colspan=\"12\">No experiment with a complete table.</td></tr>";
  html += "</table>";
  if (!failed.empty()) html += "<p>Failed gates:</p><ul>" + failed + "</ul>";
  return html + "</section>";
}

}  // namespace detail
}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_HTML_SUMMARY_HPP
