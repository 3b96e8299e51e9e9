#ifndef SYNTHBENCH_REPORT_SUMMARY_HPP
#define SYNTHBENCH_REPORT_SUMMARY_HPP

/// @file
/// The summary a report opens with: one row per experiment, on its first metric and its
/// headline synthetic benchmark (the average of the generators; a table with one generator:
/// that generator), with the uncertainty beside each number:
///
/// - SRCC against the real data, its exact one-sided p-value (n <= 10 approaches; beyond, "-")
///   and its 95% bootstrap interval over test items (report_data.hpp; "-" when not computed);
/// - MSPD and its bootstrap interval;
/// - over samples: when the experiment carries a study of draws of real test items, the
///   median SRCC over the random draws, their range, and how many were significant (p <= 0.05);
/// - gates: the tests that recorded themselves as gates of the experiment, and how many passed.
///
/// The verdict of a row is "fail" when a gate failed, "pass" when gates exist and all passed,
/// and "no gate" otherwise.

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <vector>   // std::vector

#include "synthbench/detail/format.hpp"
#include "synthbench/experiment/sample_scoring.hpp"
#include "synthbench/report/markdown_escape.hpp"
#include "synthbench/report/report_data.hpp"
#include "synthbench/scores/agreement.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {

/// The verdict of an experiment's gates.
enum class Verdict {
  pass,     ///< every gate passed
  fail,     ///< a gate failed
  no_gate,  ///< no test gated the experiment
};

/// One row of the summary, formatted (see the file comment).
struct SummaryRow {
  std::string experiment;   ///< the experiment's name
  std::string task;         ///< its task
  std::string metric;       ///< its first metric
  std::string benchmark;    ///< "average", or the only generator
  std::size_t approaches = 0;  ///< approaches ranked
  std::string srcc;         ///< "0.93"
  std::string srcc_p;       ///< "0.00112" (3 significant digits), or "-"
  std::string srcc_interval;  ///< "[0.74, 1.00]", or "-"
  std::string mspd;         ///< "0.0066"
  std::string mspd_interval;  ///< "[0.0031, 0.0112]", or "-"
  std::string samples;      ///< "median 0.88 [0.71, 1.00], 30/30 significant", or "-"
  std::string gates;        ///< "4/4 passed", "3/4 passed", or "none"
  Verdict verdict = Verdict::no_gate;  ///< see the file comment
  std::vector<std::string> failed;     ///< the failing gates' test names
};

namespace detail {

inline std::string interval_text(const IntervalEntry* i, int decimals) {
  if (i == nullptr || !i->lower || !i->upper) return "-";
  return "[" + synthbench::detail::fixed(*i->lower, decimals) + ", " + synthbench::detail::fixed(*i->upper, decimals) + "]";
}

}  // namespace detail

/// The summary rows of `data`, one per experiment with a complete first table.
inline std::vector<SummaryRow> summary_rows(const ReportData& data) {
  using synthbench::detail::fixed;
  using synthbench::detail::general;
  std::vector<SummaryRow> rows;
  for (const auto& e : data.experiments) {
    if (e.metrics.empty() || !e.metrics.front().table.problems().empty()) continue;
    const MetricSection& m = e.metrics.front();
    const ScoreTable& t = m.table;
    const auto names = t.synthetic_names();
    if (names.empty()) continue;
    SummaryRow row;
    row.experiment = e.name;
    row.task = e.task;
    row.metric = t.metric();
    row.benchmark = t.generators().size() == 1 ? names.front() : std::string(ScoreTable::average_name);
    row.approaches = t.real().size();
    const auto& synthetic = t.synthetic(row.benchmark);
    const auto r = srcc(t.real(), synthetic);
    row.srcc = r ? fixed(r.value(), 2) : "n/a";
    const auto p = srcc_exact_p(t.real(), synthetic);
    row.srcc_p = p ? general(p.value().p, 3) : "-";
    const auto d = mspd(t.real(), synthetic);
    row.mspd = d ? fixed(d.value(), 4) : "n/a";
    const AgreementEntry* intervals = nullptr;
    for (const auto& a : m.intervals) {
      if (a.dataset == row.benchmark) intervals = &a;
    }
    row.srcc_interval = detail::interval_text(intervals ? &intervals->srcc : nullptr, 2);
    row.mspd_interval = detail::interval_text(intervals ? &intervals->mspd : nullptr, 4);
    row.samples = "-";
    if (e.samples && e.samples->metric == row.metric) {
      for (const auto& s : sample_spread(*e.samples, row.benchmark)) {
        if (s.kind != "random" || !s.srcc_median) continue;
        row.samples = "median " + fixed(*s.srcc_median, 2) + " [" + fixed(*s.srcc_min, 2) + ", " + fixed(*s.srcc_max, 2) +
                      "], " + std::to_string(s.significant) + "/" + std::to_string(s.draws) + " significant";
      }
    }
    std::size_t passed = 0;
    std::size_t total = 0;
    for (const auto& g : data.gates) {
      if (g.experiment != e.name) continue;
      ++total;
      if (g.passed) {
        ++passed;
      } else {
        row.failed.push_back(g.test);
      }
    }
    row.gates = total == 0 ? "none" : std::to_string(passed) + "/" + std::to_string(total) + " passed";
    row.verdict = total == 0 ? Verdict::no_gate : (passed == total ? Verdict::pass : Verdict::fail);
    rows.push_back(std::move(row));
  }
  return rows;
}

/// "pass", "fail" or "no gate".
inline const char* to_string(Verdict v) noexcept {
  return v == Verdict::pass ? "pass" : (v == Verdict::fail ? "fail" : "no gate");
}

/// The summary as a Markdown section (report.md opens with it): a table of `rows`, then the
/// failing gates.
inline std::string summary_markdown(const std::vector<SummaryRow>& rows) {
  std::string md = "\n## Summary\n\nPer experiment, on its first metric: the SRCC of the headline synthetic benchmark "
                   "against the real data with its exact one-sided p-value and 95% bootstrap interval over test items, "
                   "its MSPD, the SRCC over random draws of real test items, and the tests that gate it.\n\n"
                   "| Experiment | Metric | Benchmark | Approaches | SRCC | p (exact) | SRCC 95% CI | MSPD | MSPD 95% CI | "
                   "Over random draws | Gates | Verdict |\n"
                   "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |\n";
  std::string failed;
  for (const auto& r : rows) {
    md += "| " + detail::md_escape(r.experiment) + " | " + detail::md_escape(r.metric) + " | " + detail::md_escape(r.benchmark) + " | " +
          std::to_string(r.approaches) + " | " + r.srcc + " | " + r.srcc_p + " | " + r.srcc_interval + " | " + r.mspd +
          " | " + r.mspd_interval + " | " + r.samples + " | " + r.gates + " | " + to_string(r.verdict) + " |\n";
    for (const auto& f : r.failed) failed += "- " + detail::md_escape(r.experiment) + ": " + detail::md_escape(f) + "\n";
  }
  if (rows.empty()) md += "| (no experiment with a complete table) | | | | | | | | | | | |\n";
  if (!failed.empty()) md += "\nFailed gates:\n\n" + failed;
  return md;
}

}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_SUMMARY_HPP
