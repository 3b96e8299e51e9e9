// A second translation unit that includes every umbrella header. Linked into every test
// binary beside the tests themselves: a function or variable defined in a header without
// `inline` then has two definitions and the link fails (nlohmann/json #2292).
#include <synthbench/experiment.hpp>
#include <synthbench/experiment/run.hpp>
#include <synthbench/gtest.hpp>
#include <synthbench/gtest/cassette.hpp>
#include <synthbench/gtest/experiment_suite.hpp>
#include <synthbench/synthbench.hpp>

namespace synthbench_test_support {
// Referenced from test_paths.cpp so that the linker cannot drop this translation unit.
int second_translation_unit_anchor = 1;
}  // namespace synthbench_test_support
