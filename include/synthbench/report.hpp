#ifndef SYNTHBENCH_REPORT_HPP
#define SYNTHBENCH_REPORT_HPP

/// @file
/// The report layer: JSON and Markdown renderings of meta-evaluations.

#include "synthbench/report/meta_json.hpp"
#include "synthbench/report/meta_markdown.hpp"

#endif  // SYNTHBENCH_REPORT_HPP
