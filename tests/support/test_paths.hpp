#ifndef SYNTHBENCH_TESTS_SUPPORT_TEST_PATHS_HPP
#define SYNTHBENCH_TESTS_SUPPORT_TEST_PATHS_HPP

// Where tests find the shared data and the build tree, at run time (never from __FILE__).

#include <filesystem>
#include <string>

namespace synthbench_test_support {

/// The SG4NLP data: $SYNTHBENCH_DATA_DIR, or ../shared/data/sg4nlp from the working directory
/// (ctest runs tests in the source root).
std::filesystem::path sg4nlp_dir();

/// The paper's published tables: ../shared/data/paper from the working directory.
std::filesystem::path paper_dir();

/// The build tree (where the synthbench program is), from $SYNTHBENCH_BINARY_DIR.
std::filesystem::path binary_dir();

/// The synthbench command-line program in the build tree.
std::filesystem::path cli_path();

/// A new empty directory under the system temp dir, removed by the caller.
std::filesystem::path make_temp_dir(const std::string& stem);

}  // namespace synthbench_test_support

#endif  // SYNTHBENCH_TESTS_SUPPORT_TEST_PATHS_HPP
