#ifndef SYNTHBENCH_GTEST_REPORT_LISTENER_HPP
#define SYNTHBENCH_GTEST_REPORT_LISTENER_HPP

/// @file
/// Reports at the end of a test binary. Including this header installs a GoogleTest event
/// listener; experiments and score tables handed to publish() (ExperimentSuite publishes its
/// experiment and cassette by itself) are written, when the test program ends, to the report
/// folder: results.json, report.md and report.html (report/writer.hpp), merged with what
/// other test binaries wrote there.
///
///     const synthbench::Experiment& snips() {
///       static const synthbench::Experiment e = synthbench::gtest::publish(build_snips());
///       return e;
///     }
///
/// A test that checks an experiment says so with `synthbench::gtest::gates(experiment)`: the
/// report's summary then shows, per experiment, how many of its gates passed (a skipped test
/// is not counted).
///
/// The folder is $SYNTHBENCH_REPORT_DIR, else `<build>/synthbench-report` where <build> is
/// the nearest folder above the test executable holding a CMakeCache.txt, else
/// `synthbench-report` beside the executable. SYNTHBENCH_REPORT=0 turns reporting off.

#include <gtest/gtest.h>  // ::testing::EmptyTestEventListener, ::testing::UnitTest

#include <cstdlib>     // std::getenv
#include <exception>   // std::exception
#include <filesystem>  // std::filesystem
#include <iostream>    // std::cout, std::cerr
#include <mutex>       // std::mutex, std::lock_guard
#include <string>      // std::string
#include <utility>     // std::move
#include <vector>      // std::vector

#include "synthbench/cassette/client.hpp"
#include "synthbench/experiment/experiment.hpp"
#include "synthbench/report/report_data.hpp"
#include "synthbench/report/writer.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {

/// The report folder (see the file comment).
inline std::filesystem::path report_dir() {
  if (const char* dir = std::getenv("SYNTHBENCH_REPORT_DIR"); dir != nullptr && *dir != '\0') return dir;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "synthbench-report";
  for (auto dir = exe.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / "CMakeCache.txt")) return dir / "synthbench-report";
    if (dir == dir.root_path()) break;
  }
  return exe.parent_path() / "synthbench-report";
}

namespace detail {

/// What this process will report.
struct ReportRegistry {
  std::mutex mutex;
  std::vector<std::pair<const Experiment*, report::DescribeOptions>> experiments;
  report::ReportData extra;  // bare tables and cassettes
  std::vector<report::GateEntry> gates;  // tests that recorded the property "synthbench.experiment"

  static ReportRegistry& instance() {
    static ReportRegistry registry;
    return registry;
  }
};

/// Writes the report when the test program ends.
class ReportListener : public ::testing::EmptyTestEventListener {
 public:
  void OnTestEnd(const ::testing::TestInfo& info) override {
    const ::testing::TestResult* result = info.result();
    if (result == nullptr || result->Skipped()) return;
    for (int i = 0; i < result->test_property_count(); ++i) {
      const ::testing::TestProperty& property = result->GetTestProperty(i);
      if (std::string(property.key()) != "synthbench.experiment") continue;
      std::string name = std::string(info.test_suite_name()) + "." + info.name();
      auto& registry = ReportRegistry::instance();
      std::lock_guard<std::mutex> guard(registry.mutex);
      registry.gates.push_back({property.value(), std::move(name), result->Passed()});
    }
  }

  void OnTestProgramEnd(const ::testing::UnitTest&) override {
    if (const char* off = std::getenv("SYNTHBENCH_REPORT"); off != nullptr && std::string(off) == "0") return;
    auto& registry = ReportRegistry::instance();
    std::lock_guard<std::mutex> guard(registry.mutex);
    if (registry.experiments.empty() && registry.extra.experiments.empty() && registry.extra.cassettes.empty() &&
        registry.gates.empty()) {
      return;
    }
    try {
      report::ReportData data = registry.extra;
      for (const auto& [experiment, options] : registry.experiments) data.add(report::describe(*experiment, options));
      for (const auto& gate : registry.gates) data.add(gate);
      const auto dir = report_dir();
      const auto files = report::write_report(dir, data);
      std::cout << "[ SYNTHBENCH ] report: " << files.html.string() << " (and report.md, results.json)" << std::endl;
    } catch (const std::exception& e) {
      std::cerr << "[ SYNTHBENCH ] could not write the report: " << e.what() << std::endl;
    }
  }
};

inline bool install_report_listener() {
  ::testing::UnitTest::GetInstance()->listeners().Append(new ReportListener);
  return true;
}

}  // namespace detail

/// Installed once per program by including this header.
inline const bool report_listener_installed = detail::install_report_listener();

/// Reports `experiment` at the end of the test program (it must outlive the program's
/// tests: a function-local static or a suite's shared experiment). Returns it.
inline const Experiment& publish(const Experiment& experiment, report::DescribeOptions options = {}) {
  auto& registry = detail::ReportRegistry::instance();
  std::lock_guard<std::mutex> guard(registry.mutex);
  for (const auto& [e, o] : registry.experiments) {
    if (e == &experiment) return experiment;
  }
  registry.experiments.emplace_back(&experiment, std::move(options));
  return experiment;
}

/// Marks the running test as a gate of `experiment_name`: the report counts its verdict in
/// that experiment's summary (see the file comment). Call it inside the test.
inline void gates(const std::string& experiment_name) {
  ::testing::Test::RecordProperty("synthbench.experiment", experiment_name);
}

/// Marks the running test as a gate of `experiment`.
inline void gates(const Experiment& experiment) { gates(experiment.name()); }

/// Reports a bare score table (published numbers, hand-written scores) under `name`.
inline void publish(const std::string& name, const ScoreTable& table) {
  auto& registry = detail::ReportRegistry::instance();
  std::lock_guard<std::mutex> guard(registry.mutex);
  registry.extra.add(report::describe_table(name, table));
}

/// Reports how a cassette was used.
inline void publish(const std::string& cassette_path, const cassette::FinishReport& usage) {
  auto& registry = detail::ReportRegistry::instance();
  std::lock_guard<std::mutex> guard(registry.mutex);
  registry.extra.add(report::CassetteEntry{cassette_path, usage.replayed, usage.recorded, usage.unused});
}

}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_GTEST_REPORT_LISTENER_HPP
