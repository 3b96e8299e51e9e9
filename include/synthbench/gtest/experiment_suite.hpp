#ifndef SYNTHBENCH_GTEST_EXPERIMENT_SUITE_HPP
#define SYNTHBENCH_GTEST_EXPERIMENT_SUITE_HPP

/// @file
/// A fixture base for suites that share one experiment built through a cassette. The
/// experiment is built on first use (usually while INSTANTIATE_TEST_SUITE_P asks for the
/// parameter names, before any test runs) and then shared by every test of every suite with
/// the same Spec in this process; TearDownTestSuite finishes the cassette and reports
/// interactions this run did not use (a failure in strict mode). The experiment and the
/// cassette's usage go into the end-of-program report (report_listener.hpp).
///
///     struct Snips {
///       static std::string cassette_name() { return "snips"; }      // cassettes/snips.json
///       static synthbench::Experiment build(synthbench::llm::ChatClient& llm);
///       // optional:
///       static synthbench::cassette::UpstreamFactory upstream();   // how to record (default: never)
///       static synthbench::cassette::CassetteOptions cassette_options();
///     };
///     class SnipsSynthetic : public synthbench::gtest::ExperimentSuite<Snips> {};
///     TEST_P(SnipsSynthetic, RanksLikeRealData) {
///       const auto& t = experiment().scores("macro_f1");
///       EXPECT_SRCC_GE(t.real(), t.synthetic(GetParam()), 0.8);
///     }
///     INSTANTIATE_TEST_SUITE_P(Generators, SnipsSynthetic,
///                              ::testing::ValuesIn(SnipsSynthetic::synthetic_names()),
///                              synthbench::gtest::param_name);
///
/// When building fails (a cassette miss, a missing data file), nothing escapes into
/// GoogleTest's registration: the name lists hold one placeholder,
/// "experiment_build_failed", and every test of the suite fails with the error. Under ctest,
/// which runs each test in its own process, the experiment is built once per test: replaying
/// a cassette makes that cheap.

#include <gtest/gtest.h>  // ::testing::TestWithParam, ::testing::UnitTest, ADD_FAILURE

#include <exception>    // std::exception
#include <filesystem>   // std::filesystem::read_symlink
#include <system_error> // std::error_code
#include <memory>       // std::unique_ptr, std::make_unique
#include <mutex>        // std::once_flag, std::call_once
#include <string>       // std::string
#include <type_traits>  // std::void_t, std::true_type
#include <utility>      // std::declval
#include <vector>       // std::vector

#include "synthbench/cassette/client.hpp"
#include "synthbench/cassette/mode.hpp"
#include "synthbench/experiment/experiment.hpp"
#include "synthbench/gtest/cassette.hpp"
#include "synthbench/gtest/report_listener.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {
namespace detail {

template <class Spec, class = void>
struct has_upstream : std::false_type {};
template <class Spec>
struct has_upstream<Spec, std::void_t<decltype(Spec::upstream())>> : std::true_type {};
template <class Spec, class = void>
struct has_cassette_name : std::false_type {};
template <class Spec>
struct has_cassette_name<Spec, std::void_t<decltype(Spec::cassette_name())>> : std::true_type {};
template <class Spec, class = void>
struct has_cassette_options : std::false_type {};
template <class Spec>
struct has_cassette_options<Spec, std::void_t<decltype(Spec::cassette_options())>> : std::true_type {};

/// The name of the test suite being set up or run.
inline std::string current_suite_name() {
  const ::testing::TestSuite* suite = ::testing::UnitTest::GetInstance()->current_test_suite();
  if (suite == nullptr) throw cassette::CassetteError(7, "no GoogleTest test suite is running");
  return suite->name();
}

/// The command that records this program's cassettes: SYNTHBENCH_RECORD=new_episodes and the
/// program's absolute path (from /proc/self/exe; a placeholder where that does not exist).
inline std::string record_command_for_this_program() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  return "SYNTHBENCH_RECORD=new_episodes " + (error || self.empty() ? std::string("<this test program>") : self.string());
}

/// What one Spec's suites share in this process.
struct SharedExperiment {
  std::once_flag once;
  std::unique_ptr<cassette::CassetteClient> llm;
  std::unique_ptr<Experiment> experiment;
  std::string error;  // why building failed, for every test of the suite
};

}  // namespace detail

/// Fixture base: see the file comment. `Param` is the parameter of TEST_P (a name by default).
template <class Spec, class Param = std::string>
class ExperimentSuite : public ::testing::TestWithParam<Param> {
 public:
  /// The placeholder name lists hold when the experiment could not be built.
  static constexpr const char* build_failed = "experiment_build_failed";

  /// Builds the experiment now if it is not built yet (errors are kept for the tests).
  static void SetUpTestSuite() { (void)built(); }

  /// Finishes the cassette and reports unused interactions (fails in strict mode).
  static void TearDownTestSuite() {
    auto& shared = storage();
    if (!shared.llm) return;
    try {
      const cassette::FinishReport report = shared.llm->finish();
      publish(shared.llm->path().string(), report);
      if (report.unused > 0) {
        ::testing::Test::RecordProperty("synthbench.cassette_unused", static_cast<int>(report.unused));
      }
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
  }

  /// Every test fails with the reason when the experiment could not be built.
  void SetUp() override {
    if (!built()) FAIL() << "the experiment of this suite could not be built:\n" << storage().error;
  }

  /// The shared experiment, built on first use. Throws UsageError (synthbench.usage.86) with
  /// the build error when building failed.
  static const Experiment& experiment() {
    if (!built()) throw UsageError(86, "the experiment could not be built: " + storage().error);
    return *storage().experiment;
  }

  /// Experiment::generator_names(), or {"experiment_build_failed"}.
  static std::vector<std::string> generator_names() { return names(&Experiment::generator_names); }
  /// Experiment::synthetic_names() (generators and "average"), or {"experiment_build_failed"}.
  static std::vector<std::string> synthetic_names() { return names(&Experiment::synthetic_names); }
  /// Experiment::solver_names(), or {"experiment_build_failed"}.
  static std::vector<std::string> solver_names() { return names(&Experiment::solver_names); }

  /// The cassette client the experiment was built with (null when building failed early).
  static cassette::CassetteClient* llm() { return storage().llm.get(); }

 private:
  template <class Names>
  static std::vector<std::string> names(Names (Experiment::*getter)() const) {
    if (!built()) return {build_failed};
    const auto& e = *storage().experiment;
    return std::vector<std::string>((e.*getter)());
  }

  // Builds once; true when the experiment exists.
  static bool built() {
    auto& shared = storage();
    std::call_once(shared.once, [&shared] {
      try {
        std::string name;
        if constexpr (detail::has_cassette_name<Spec>::value) {
          name = Spec::cassette_name();
        } else {
          name = detail::current_suite_name();
        }
        cassette::CassetteOptions options;
        if constexpr (detail::has_cassette_options<Spec>::value) options = Spec::cassette_options();
        if (options.record_command.empty()) {
          options.record_command = detail::record_command_for_this_program();
        }
        cassette::UpstreamFactory upstream;
        if constexpr (detail::has_upstream<Spec>::value) upstream = Spec::upstream();
        shared.llm = std::make_unique<cassette::CassetteClient>(cassette::cassette_path(sanitize_name(name)),
                                                                std::move(options), std::move(upstream));
        shared.experiment = std::make_unique<Experiment>(Spec::build(*shared.llm));
        publish(*shared.experiment);
      } catch (const std::exception& e) {
        shared.error = e.what();
      }
    });
    return shared.experiment != nullptr;
  }

  static detail::SharedExperiment& storage() {
    static detail::SharedExperiment shared;
    return shared;
  }
};

}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_GTEST_EXPERIMENT_SUITE_HPP
