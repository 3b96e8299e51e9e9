#ifndef SYNTHBENCH_GTEST_EXPERIMENT_SUITE_HPP
#define SYNTHBENCH_GTEST_EXPERIMENT_SUITE_HPP

/// @file
/// A fixture base for suites that share one experiment built through a cassette. Test names
/// come from the Spec, never from the experiment: listing the tests (--gtest_list_tests, as
/// CMake's gtest_discover_tests does after every build), filtering them or sharding them never
/// builds the experiment, so it never replays a cassette, never reads the data and, in record
/// mode, never calls (or pays) an LLM. The experiment is built once per process on first use:
/// when the first suite of the Spec that has a test to run is set up (or when a test calls
/// experiment()), and then shared by every test of every suite with the same Spec;
/// TearDownTestSuite finishes the cassette and reports interactions this run did not use (a
/// failure in strict mode). The experiment and the cassette's usage go into the
/// end-of-program report (report_listener.hpp).
///
///     struct Snips {
///       static std::string cassette_name() { return "snips"; }      // cassettes/snips.json
///       static std::vector<std::string> generator_names() { return {"gpt-4o", "llama-3-8b"}; }
///       static std::vector<std::string> solver_names() { return {"gpt-4o", "llama-3-8b", "knn"}; }
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
/// generator_names() and solver_names() of the Spec are what the suites parameterize over
/// (synthetic_names() adds "average"); they are only required when called. Once built, the
/// experiment must have exactly those generators and solvers, in that order: otherwise every
/// test of the Spec fails saying which names differ. When building fails (a cassette miss, a
/// missing data file), every test of the Spec's suites fails with the error; nothing escapes
/// into GoogleTest. Under ctest with gtest_discover_tests each test is its own process, so
/// the experiment is built once per test that runs: replaying a cassette makes that cheap.

#include <gtest/gtest.h>  // ::testing::TestWithParam, ::testing::UnitTest, ADD_FAILURE

#include <exception>    // std::exception
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
#include "synthbench/gtest/detail/property.hpp"
#include "synthbench/gtest/report_listener.hpp"
#include "synthbench/gtest/rerun_command.hpp"
#include "synthbench/scores/score_table.hpp"
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
struct has_declared_names : std::false_type {};
template <class Spec>
struct has_declared_names<Spec, std::void_t<decltype(Spec::generator_names()), decltype(Spec::solver_names())>>
    : std::true_type {};
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

/// What one Spec's suites share in this process.
struct SharedExperiment {
  std::once_flag once;
  std::unique_ptr<cassette::CassetteClient> llm;
  std::unique_ptr<Experiment> experiment;
  std::string error;  // why building failed, for every test of the suite
};

/// "[a, b]" for messages.
inline std::string name_list(const std::vector<std::string>& names) {
  std::string out = "[";
  for (const auto& n : names) out += (out.size() > 1 ? ", " : "") + n;
  return out + "]";
}

}  // namespace detail

/// Fixture base: see the file comment. `Param` is the parameter of TEST_P (a name by default).
template <class Spec, class Param = std::string>
class ExperimentSuite : public ::testing::TestWithParam<Param> {
 public:
  /// Builds the experiment now if it is not built yet (errors are kept for the tests). GoogleTest
  /// calls it only for a suite with a test to run.
  static void SetUpTestSuite() { (void)built(); }

  /// Finishes the cassette and reports unused interactions (fails in strict mode).
  static void TearDownTestSuite() {
    auto& shared = storage();
    if (!shared.llm) return;
    try {
      const cassette::FinishReport report = shared.llm->finish();
      publish(shared.llm->path().string(), report);
      if (report.unused > 0) {
        detail::record_count("synthbench.cassette_unused", report.unused);
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

  /// Spec::generator_names(): the generators, known without building anything.
  static std::vector<std::string> generator_names() {
    require_declared_names();
    return Spec::generator_names();
  }
  /// The generators and "average" (as Experiment::synthetic_names()), from the Spec.
  static std::vector<std::string> synthetic_names() {
    require_declared_names();
    std::vector<std::string> names = Spec::generator_names();
    names.emplace_back(ScoreTable::average_name);
    return names;
  }
  /// Spec::solver_names(): the solvers, known without building anything.
  static std::vector<std::string> solver_names() {
    require_declared_names();
    return Spec::solver_names();
  }

  /// The cassette client the experiment was built with (null when building failed early).
  static cassette::CassetteClient* llm() { return storage().llm.get(); }

 private:
  static void require_declared_names() {
    static_assert(detail::has_declared_names<Spec>::value,
                  "the Spec of an ExperimentSuite must declare static generator_names() and solver_names(): test "
                  "names come from them, so that listing the tests (gtest_discover_tests) never builds the experiment");
  }

  // Why the built experiment does not have the Spec's names ("" when it does).
  static std::string name_mismatch(const Experiment& e) {
    if constexpr (detail::has_declared_names<Spec>::value) {
      const std::vector<std::string> generators = Spec::generator_names();
      const std::vector<std::string> solvers = Spec::solver_names();
      std::string why;
      if (e.generator_names() != generators) {
        why += "the Spec declares the generators " + detail::name_list(generators) + " but the experiment has " +
               detail::name_list(e.generator_names()) + "\n";
      }
      if (e.solver_names() != solvers) {
        why += "the Spec declares the solvers " + detail::name_list(solvers) + " but the experiment has " +
               detail::name_list(e.solver_names()) + "\n";
      }
      return why;
    } else {
      (void)e;
      return {};
    }
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
        if (options.record_command.empty()) options.record_command = rerun_command({{"SYNTHBENCH_RECORD", "new_episodes"}});
        cassette::UpstreamFactory upstream;
        if constexpr (detail::has_upstream<Spec>::value) upstream = Spec::upstream();
        shared.llm = std::make_unique<cassette::CassetteClient>(cassette::cassette_path(sanitize_name(name)),
                                                                std::move(options), std::move(upstream));
        auto experiment = std::make_unique<Experiment>(Spec::build(*shared.llm));
        const std::string mismatch = name_mismatch(*experiment);
        if (!mismatch.empty()) {
          shared.error = mismatch + "(test names come from the Spec: make its generator_names() and solver_names() "
                                    "list the experiment's)";
          return;
        }
        shared.experiment = std::move(experiment);
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
