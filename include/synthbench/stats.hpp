#ifndef SYNTHBENCH_STATS_HPP
#define SYNTHBENCH_STATS_HPP

/// @file
/// The stats layer: ranks, correlations, exact and asymptotic tests, intervals, seeded
/// random numbers and the bootstrap.

#include "synthbench/stats/alternative.hpp"
#include "synthbench/stats/asymptotic.hpp"
#include "synthbench/stats/bootstrap.hpp"
#include "synthbench/stats/correlation.hpp"
#include "synthbench/stats/kendall.hpp"
#include "synthbench/stats/paired_input.hpp"
#include "synthbench/stats/permutation_test.hpp"
#include "synthbench/stats/random.hpp"
#include "synthbench/stats/ranks.hpp"

#endif  // SYNTHBENCH_STATS_HPP
