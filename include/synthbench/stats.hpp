#ifndef SYNTHBENCH_STATS_HPP
#define SYNTHBENCH_STATS_HPP

/// @file
/// The stats layer: ranks, correlations, exact permutation tests, seeded random numbers and
/// the bootstrap.
///
/// Not included here: synthbench/stats/asymptotic.hpp (Student-t and normal p-values,
/// Fisher-z intervals). It needs Boost.Math, whose distribution headers alone take over a
/// second to parse in every translation unit; include it where you use it (DESIGN.md,
/// compile-time budget; docs/performance.md).

#include "synthbench/stats/alternative.hpp"
#include "synthbench/stats/bootstrap.hpp"
#include "synthbench/stats/correlation.hpp"
#include "synthbench/stats/kendall.hpp"
#include "synthbench/stats/paired_input.hpp"
#include "synthbench/stats/permutation_test.hpp"
#include "synthbench/stats/random.hpp"
#include "synthbench/stats/ranks.hpp"

#endif  // SYNTHBENCH_STATS_HPP
