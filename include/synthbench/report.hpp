#ifndef SYNTHBENCH_REPORT_HPP
#define SYNTHBENCH_REPORT_HPP

/// @file
/// The report layer: JSON and Markdown renderings of meta-evaluations.
///
/// Not included here: synthbench/report/task_metrics_json.hpp and task_metrics_markdown.hpp
/// (the reports of `synthbench score`), which would add about 0.7 s to every translation unit
/// (docs/performance.md); include them where you render task metrics.

#include "synthbench/report/meta_json.hpp"
#include "synthbench/report/meta_markdown.hpp"

#endif  // SYNTHBENCH_REPORT_HPP
