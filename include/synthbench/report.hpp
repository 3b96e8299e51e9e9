#ifndef SYNTHBENCH_REPORT_HPP
#define SYNTHBENCH_REPORT_HPP

/// @file
/// The report layer: meta-evaluations as JSON and Markdown (`synthbench meta`), and report
/// folders (results.json, report.md, report.html) of experiments.
/// Not included here: report/task_metrics_json.hpp and report/task_metrics_markdown.hpp
/// (renderings of `synthbench score`); include them where you use them.

#include "synthbench/report/agreement_chart.hpp"
#include "synthbench/report/html_report.hpp"
#include "synthbench/report/html_summary.hpp"
#include "synthbench/report/markdown_report.hpp"
#include "synthbench/report/meta_json.hpp"
#include "synthbench/report/meta_markdown.hpp"
#include "synthbench/report/outcome_table.hpp"
#include "synthbench/report/report_data.hpp"
#include "synthbench/report/results_json.hpp"
#include "synthbench/report/samples_markdown.hpp"
#include "synthbench/report/summary.hpp"
#include "synthbench/report/writer.hpp"

#endif  // SYNTHBENCH_REPORT_HPP
