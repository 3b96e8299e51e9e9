#ifndef SYNTHBENCH_SYNTHBENCH_HPP
#define SYNTHBENCH_SYNTHBENCH_HPP

/// @file
/// The core of synthbench: every layer but the GoogleTest macros and the curl transport.
/// Never includes <gtest/gtest.h> or <curl/curl.h>.

#include "synthbench/cassette.hpp"
#include "synthbench/error.hpp"
#include "synthbench/llm.hpp"
#include "synthbench/metrics.hpp"
#include "synthbench/report.hpp"
#include "synthbench/result.hpp"
#include "synthbench/scores.hpp"
#include "synthbench/stats.hpp"
#include "synthbench/version.hpp"

#endif  // SYNTHBENCH_SYNTHBENCH_HPP
