#ifndef SYNTHBENCH_GTEST_CASSETTE_HPP
#define SYNTHBENCH_GTEST_CASSETTE_HPP

/// @file
/// Cassettes named after the running GoogleTest test, found at run time under
/// $SYNTHBENCH_CASSETTE_DIR (default cassettes/), never from __FILE__:
///
///     TEST_P(SnipsIntents, RanksLikeRealData) {
///       synthbench::cassette::CassetteClient llm(synthbench::gtest::current_cassette_path(),
///                                                synthbench::gtest::current_cassette_options(),
///                                                [] { return make_transport(); });
///       ...
///     }
///
/// A miss then tells the user the exact command: SYNTHBENCH_RECORD=new_episodes
/// ./the_test --gtest_filter=Instance/SnipsIntents.RanksLikeRealData/0

#include <gtest/gtest.h>  // ::testing::UnitTest, ::testing::TestInfo

#include <filesystem>  // std::filesystem::path
#include <string>      // std::string

#include "synthbench/cassette/client.hpp"  // cassette::CassetteOptions
#include "synthbench/cassette/errors.hpp"  // cassette::CassetteError
#include "synthbench/cassette/mode.hpp"    // cassette::cassette_root
#include "synthbench/gtest/rerun_command.hpp"  // rerun_command
#include "synthbench/version.hpp"          // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {

/// One cassette per test suite (the default: a suite's tests share prompts) or per test.
enum class CassetteScope { suite, test };

/// `name` with every character outside [A-Za-z0-9_.-] replaced by '_' ("Inst/Suite" ->
/// "Inst_Suite"): parameterized names carry '/' that must not create folders.
inline std::string sanitize_name(const std::string& name) {
  std::string out = name;
  for (auto& c : out) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                      c == '.' || c == '-';
    if (!keep) c = '_';
  }
  return out;
}

namespace detail {

inline const ::testing::TestInfo& current_test_info() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  if (info == nullptr) {
    throw cassette::CassetteError(7, "no GoogleTest test is running: name the cassette explicitly outside tests");
  }
  return *info;
}

}  // namespace detail

/// The cassette of the running test: <root>/<Suite>.json (scope suite) or
/// <root>/<Suite>/<Test>.json (scope test), names sanitized. Throws CassetteError 7 outside
/// a test.
inline std::filesystem::path current_cassette_path(CassetteScope scope = CassetteScope::suite) {
  const auto& info = detail::current_test_info();
  const std::string suite = sanitize_name(info.test_suite_name());
  if (scope == CassetteScope::suite) return cassette::cassette_root() / (suite + ".json");
  return cassette::cassette_root() / suite / (sanitize_name(info.name()) + ".json");
}

/// The command that re-runs the running test in recording mode (rerun_command.hpp):
/// "SYNTHBENCH_RECORD=new_episodes [SYNTHBENCH_CASSETTE_DIR=...] /abs/binary --gtest_filter=Suite.Test".
/// Throws CassetteError 7 outside a test.
inline std::string current_record_command() {
  (void)detail::current_test_info();
  return rerun_command({{"SYNTHBENCH_RECORD", "new_episodes"}});
}

/// `base` with record_command set for the running test (when base does not set one).
inline cassette::CassetteOptions current_cassette_options(cassette::CassetteOptions base = {}) {
  if (base.record_command.empty()) base.record_command = current_record_command();
  return base;
}

}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_GTEST_CASSETTE_HPP
