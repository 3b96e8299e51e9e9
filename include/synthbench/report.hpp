#ifndef SYNTHBENCH_REPORT_HPP
#define SYNTHBENCH_REPORT_HPP

/// @file
/// The report layer: JSON and Markdown renderings of meta-evaluations and of task metrics.

#include "synthbench/report/meta_json.hpp"
#include "synthbench/report/meta_markdown.hpp"
#include "synthbench/report/task_metrics_json.hpp"
#include "synthbench/report/task_metrics_markdown.hpp"

#endif  // SYNTHBENCH_REPORT_HPP
