#ifndef SYNTHBENCH_GTEST_REQUIRE_DATA_HPP
#define SYNTHBENCH_GTEST_REQUIRE_DATA_HPP

/// @file
/// Tests that need data outside the repository (the study's data under ../shared/data, or
/// $SYNTHBENCH_DATA_DIR) skip with a message when it is absent, so that a clone without it
/// still runs green; with SYNTHBENCH_REQUIRE_DATA=1 (CI sets it) the same tests fail instead,
/// so that missing data can never pass silently as skipped tests:
///
///     TEST(SeedStudy, RanksLikeThePaper) {
///       SYNTHBENCH_SKIP_WITHOUT_DATA(synthbench::sg4nlp_data_dir() / "real" / "snips" / "test.jsonl");
///       SYNTHBENCH_SKIP_WITHOUT_DATA(synthbench::seed_study_available(), "the SG4NLP data");
///       ...
///     }
///
/// The one argument form takes a path that must exist; the two argument form a condition and
/// what it stands for. Use it in the test body or in SetUp (it returns from the function).

#include <gtest/gtest.h>  // GTEST_SKIP, GTEST_FAIL

#include <cctype>      // std::tolower
#include <cstdlib>     // std::getenv
#include <filesystem>  // std::filesystem::path, std::filesystem::exists
#include <string>      // std::string
#include <system_error>  // std::error_code

#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {

/// True when SYNTHBENCH_REQUIRE_DATA is 1, true, yes or on (any case).
inline bool data_required() {
  const char* v = std::getenv("SYNTHBENCH_REQUIRE_DATA");
  if (v == nullptr) return false;
  std::string s;
  for (const char* c = v; *c != '\0'; ++c) s += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
  return s == "1" || s == "true" || s == "yes" || s == "on";
}

/// "" when `path` exists, else "<path> not found".
inline std::string missing_data(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::exists(path, error) ? std::string() : path.string() + " not found";
}

/// "" when `available`, else "<what> not found".
inline std::string missing_data(bool available, const std::string& what) {
  return available ? std::string() : what + " not found";
}

}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

/// Skips the running test when its data is missing, or fails it with SYNTHBENCH_REQUIRE_DATA=1
/// (see the file comment): SYNTHBENCH_SKIP_WITHOUT_DATA(path) or (condition, "what").
#define SYNTHBENCH_SKIP_WITHOUT_DATA(...)                                                                         \
  do {                                                                                                            \
    const std::string synthbench_missing_data_ = ::synthbench::gtest::missing_data(__VA_ARGS__);                  \
    if (!synthbench_missing_data_.empty()) {                                                                      \
      if (::synthbench::gtest::data_required()) {                                                                 \
        GTEST_FAIL() << synthbench_missing_data_                                                                  \
                     << ": SYNTHBENCH_REQUIRE_DATA=1 makes missing data a failure (put the study's data at "     \
                        "../shared/data beside the checkout, or set SYNTHBENCH_DATA_DIR)";                        \
      }                                                                                                           \
      GTEST_SKIP() << synthbench_missing_data_                                                                    \
                   << " (the data is absent: this test skips; SYNTHBENCH_REQUIRE_DATA=1 makes it fail)";          \
    }                                                                                                             \
  } while (false)

#endif  // SYNTHBENCH_GTEST_REQUIRE_DATA_HPP
