#ifndef SYNTHBENCH_GTEST_HPP
#define SYNTHBENCH_GTEST_HPP

/// @file
/// What a test translation unit needs: the assertion macros and the types they take (stats,
/// score tables, task metrics). Define SYNTHBENCH_NO_SHORT_MACROS before including it to get
/// only the SYNTHBENCH_ names.
///
/// Split by compile cost, as fmt splits base.h from format.h (docs/performance.md): the LLM
/// and cassette machinery instantiates nlohmann_json and <regex> in every translation unit
/// that includes it, so it is not here. The translation unit that records or replays LLM
/// calls includes <synthbench/gtest/cassette.hpp> (or <synthbench/synthbench.hpp>, the
/// whole core).

#include "synthbench/error.hpp"
#include "synthbench/experiment/experiment.hpp"
#include "synthbench/gtest/assertions.hpp"
#include "synthbench/gtest/comparison_table.hpp"
#include "synthbench/gtest/experiment_assertions.hpp"
#include "synthbench/gtest/outcome_assertions.hpp"
#include "synthbench/gtest/param_name.hpp"
#include "synthbench/gtest/regression.hpp"
#include "synthbench/metrics.hpp"
#include "synthbench/result.hpp"
#include "synthbench/scores.hpp"
#include "synthbench/stats.hpp"
#include "synthbench/version.hpp"

#endif  // SYNTHBENCH_GTEST_HPP
