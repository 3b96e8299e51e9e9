#ifndef SYNTHBENCH_GTEST_BLESS_HPP
#define SYNTHBENCH_GTEST_BLESS_HPP

/// @file
/// Selective blessing of baselines (EXPECT_NO_REGRESSION, EXPECT_NOT_WORSE), with
/// SYNTHBENCH_BLESS=1 in the environment:
///
/// - Only tests that run bless: choose them with --gtest_filter, or with ctest -R when each
///   test is its own ctest test (gtest_discover_tests). An assertion asks to bless, passes,
///   and the baseline is written when its test ends, and only if the test passed. A test that
///   fails for any reason (another assertion, an exception, a skip) writes nothing.
/// - Never inside EXPECT_NONFATAL_FAILURE (or EXPECT_FATAL_FAILURE): a gate assertion passes
///   while blessing, so the surrounding EXPECT_NONFATAL_FAILURE, which wants a failure, fails
///   its test, and the test writes nothing ("[ NOT BLESSED ]"). A simulated regression can
///   never become the baseline.
/// - Never the same baseline twice in one run (one process): a second request for a file this
///   run already blessed, or is about to, with other content, fails naming the test that
///   blessed it first (give each assertion its own baseline file). The same content again
///   (--gtest_repeat, an assertion in a loop) is not a second write.
/// - Each write prints what changed against the old baseline:
///
///       [ BLESSED  ] baselines/intents.json (macro_f1; from experiment().scores("macro_f1"), in IntentGate.NotWorse)
///         real / gpt-4o: 0.8500 -> 0.8700 (+0.0200); 3 items gained, 1 lost
///
/// The listener that writes at the end of the test is installed on the first request.

#include <gtest/gtest.h>  // ::testing::EmptyTestEventListener, ::testing::UnitTest, ::testing::AssertionResult

#include <cctype>      // std::tolower
#include <cstdlib>     // std::getenv
#include <exception>   // std::exception
#include <filesystem>  // std::filesystem::path, std::filesystem::weakly_canonical
#include <iostream>    // std::cout
#include <map>         // std::map
#include <mutex>       // std::mutex, std::lock_guard
#include <string>      // std::string
#include <utility>     // std::move
#include <vector>      // std::vector

#include "synthbench/detail/files.hpp"  // detail::write_file_atomically
#include "synthbench/gtest/detail/property.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {

/// True when SYNTHBENCH_BLESS is set to 1, true, yes or on (any case).
inline bool bless_requested() {
  const char* v = std::getenv("SYNTHBENCH_BLESS");
  if (v == nullptr) return false;
  std::string s;
  for (const char* c = v; *c != '\0'; ++c) s += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
  return s == "1" || s == "true" || s == "yes" || s == "on";
}

/// A baseline to write when its test ends.
struct BlessRequest {
  std::filesystem::path path;  ///< the baseline file
  std::string content;         ///< its new content
  std::string description;     ///< "macro_f1; from <expression>", for the message
  std::string changes;         ///< what changed against the old file: indented lines, or ""
};

namespace detail {

/// What this process blessed, and what its running test is about to bless.
struct BlessRegistry {
  struct Entry {
    std::string test;     // the test that asked first
    std::string content;  // what it wrote (or will)
  };
  std::mutex mutex;
  std::map<std::string, Entry> files;         // by absolute path: every request of this run
  std::vector<BlessRequest> pending;          // requests of the running test
  bool listener_installed = false;

  static BlessRegistry& instance() {
    static BlessRegistry registry;
    return registry;
  }
};

/// "Suite.Name" of the running test, or "" outside a test.
inline std::string running_test_name() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return info == nullptr ? std::string() : std::string(info->test_suite_name()) + "." + info->name();
}

/// Writes `request` and prints what changed (throws IoError when the file cannot be written).
inline void write_blessed(const BlessRequest& request, const std::string& test) {
  synthbench::detail::write_file_atomically(request.path, request.content);
  std::cout << "[ BLESSED  ] " << request.path.string() << " (" << request.description
            << (test.empty() ? "" : ", in " + test) << ")\n"
            << (request.changes.empty() ? std::string("  nothing changed against the old baseline\n") : request.changes)
            << std::flush;
  record_property("synthbench.blessed", request.path.string());
}

/// Writes the pending baselines of a test that passed; drops them (saying so) otherwise.
class BlessListener : public ::testing::EmptyTestEventListener {
 public:
  void OnTestEnd(const ::testing::TestInfo& info) override {
    std::vector<BlessRequest> pending;
    {
      auto& registry = BlessRegistry::instance();
      std::lock_guard<std::mutex> guard(registry.mutex);
      pending.swap(registry.pending);
    }
    const std::string test = std::string(info.test_suite_name()) + "." + info.name();
    for (const auto& request : pending) {
      if (!info.result()->Passed()) {
        std::cout << "[ NOT BLESSED ] " << request.path.string() << ": " << test
                  << (info.result()->Skipped() ? " was skipped" : " failed")
                  << ", so it writes no baseline (a gate assertion passes while blessing: inside "
                     "EXPECT_NONFATAL_FAILURE it makes its test fail; leave such tests out of the blessing run)"
                  << std::endl;
        continue;
      }
      try {
        write_blessed(request, test);
      } catch (const std::exception& e) {
        ADD_FAILURE() << "synthbench could not bless " << request.path.string() << ": " << e.what();
      }
    }
  }
};

}  // namespace detail

/// Asks to write `request` when the running test ends, if it passes (see the file comment);
/// outside a test, writes it at once. Fails when this run already blessed, or is about to
/// bless, the same file with other content.
inline ::testing::AssertionResult request_bless(BlessRequest request) {
  auto& registry = detail::BlessRegistry::instance();
  const std::string test = detail::running_test_name();
  std::error_code ignored;
  const std::string key = std::filesystem::weakly_canonical(std::filesystem::absolute(request.path), ignored).string();
  {
    std::lock_guard<std::mutex> guard(registry.mutex);
    const auto it = registry.files.find(key);
    if (it != registry.files.end()) {
      if (it->second.content == request.content) return ::testing::AssertionSuccess();  // not a second write
      return ::testing::AssertionFailure()
             << "Expected: to bless " << request.path.string() << " once in this run\n"
             << "  Actual: " << (it->second.test.empty() ? std::string("this run") : it->second.test)
             << " asked to bless it before, with other content; synthbench refuses to write a baseline twice in one run "
                "(give each assertion its own baseline file)";
    }
    registry.files[key] = {test, request.content};
    if (!test.empty()) {
      if (!registry.listener_installed) {
        ::testing::UnitTest::GetInstance()->listeners().Append(new detail::BlessListener);
        registry.listener_installed = true;
      }
      registry.pending.push_back(std::move(request));
      return ::testing::AssertionSuccess();
    }
  }
  detail::write_blessed(request, test);
  return ::testing::AssertionSuccess();
}

}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_GTEST_BLESS_HPP
