#ifndef SYNTHBENCH_GTEST_HPP
#define SYNTHBENCH_GTEST_HPP

/// @file
/// Everything a test needs: the core plus the GoogleTest assertion macros and fixtures.

#include "synthbench/gtest/cassette.hpp"
#include "synthbench/synthbench.hpp"

#endif  // SYNTHBENCH_GTEST_HPP
