#ifndef SYNTHBENCH_GTEST_HPP
#define SYNTHBENCH_GTEST_HPP

/// @file
/// Everything a test needs: the core plus the GoogleTest assertion macros and helpers.
/// Define SYNTHBENCH_NO_SHORT_MACROS before including it to get only the SYNTHBENCH_ names.

#include "synthbench/gtest/agreement_assertions.hpp"
#include "synthbench/gtest/bias_assertions.hpp"
#include "synthbench/gtest/bootstrap_assertions.hpp"
#include "synthbench/gtest/comparison_table.hpp"
#include "synthbench/gtest/param_name.hpp"
#include "synthbench/gtest/regression.hpp"
#include "synthbench/synthbench.hpp"

#endif  // SYNTHBENCH_GTEST_HPP
