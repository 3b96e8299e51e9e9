// Example 06: the study's protocol (arXiv 2409.11968) on its own data, with no LLM.
//
// For each of the six datasets (SNIPS, ATIS, CrossNER literature and politics, STS headlines
// and tweet-news): 200 real test items, the six synthetic sets that LLMs generated for the
// study (k1 for intent and similarity, k5 for NER), and synthbench's eight reference solvers
// of the task, trained on the real train split (synthbench::run_seed_study_both_modes). Both
// modes: the practitioner's (200 random test items, macro-F1 over the observed classes,
// strict F1 for NER) and the paper's (the first 200, macro-F1 over the train label set,
// entity-type F1), with 30 random and 30 label-stratified draws of 200 test items beside the
// headline ones. Data: $SYNTHBENCH_DATA_DIR, else ../shared/data/sg4nlp; the tests skip with
// a message when it is absent.
//
// The gates are on significance and interval bounds, never on a point SRCC alone: with eight
// approaches an exact one-sided p <= 0.05 needs an SRCC of 0.643 or more, and the bootstrap
// interval says how far resampling the test items moves it. The measured values are in the
// comments (docs/seed-study.md has every figure); the bounds keep a margin. They are
// regression gates, not claims about LLMs: the approaches ranked are the reference solvers.
#include <synthbench/experiment.hpp>
#include <synthbench/gtest/require_data.hpp>
#include <synthbench/experiment/sample_scoring.hpp>
#include <synthbench/gtest.hpp>
#include <synthbench/gtest/report_listener.hpp>  // publish: the end-of-program report

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace {

using synthbench::SeedStudyMode;

// Both modes of each dataset, built on first use (one training and one prediction of each
// input for both) and published to the report.
const synthbench::Experiment& study(const std::string& dataset, SeedStudyMode mode) {
  static std::map<std::string, std::vector<synthbench::Experiment>> built;
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = built.find(dataset);
  if (it == built.end()) {
    synthbench::SeedStudyOptions options;
    options.sample_draws = 30;
    it = built.emplace(dataset, synthbench::run_seed_study_both_modes(dataset, synthbench::sg4nlp_data_dir(), options)).first;
    for (const auto& e : it->second) synthbench::gtest::publish(e);
  }
  return it->second[mode == SeedStudyMode::practitioner ? 0 : 1];
}

// What each dataset's average synthetic benchmark must do on the mode's first metric
// (practitioner: macro-F1, strict F1, Pearson; paper: macro-F1 over the train labels, entity-type
// F1, Pearson). max_p: largest exact one-sided p-value of its SRCC (1: not gated); ci_lower: the
// smallest lower bound of the 95% bootstrap interval of its SRCC; max_mspd: its largest MSPD.
struct Gate {
  double max_p;
  double ci_lower;
  double max_mspd;
};
const std::map<std::pair<std::string, SeedStudyMode>, Gate> gates = {
    // measured: SRCC (exact p, 95% interval), MSPD
    {{"snips", SeedStudyMode::practitioner}, {0.01, 0.6, 0.015}},                // 0.929 (p 0.0011, [0.71, 0.98]), 0.0066
    {{"snips", SeedStudyMode::paper}, {0.01, 0.6, 0.015}},                       // 0.929 (p 0.0011, [0.73, 1.00]), 0.0080
    // ATIS: not gated on p. The practitioner's 200 items give 0.762 (p 0.018), but only 6 of
    // 30 random draws are significant; the paper's first 200 give 0.619 (p 0.057).
    {{"atis", SeedStudyMode::practitioner}, {1.0, 0.2, 0.15}},                   // 0.762 (p 0.018, [0.24, 0.81]), 0.107
    {{"atis", SeedStudyMode::paper}, {1.0, 0.3, 0.03}},                          // 0.619 (p 0.057, [0.43, 0.74]), 0.013
    {{"crossner_literature", SeedStudyMode::practitioner}, {0.05, 0.5, 0.05}},   // 0.905 (p 0.0023, [0.67, 0.95]), 0.034
    {{"crossner_literature", SeedStudyMode::paper}, {0.05, 0.6, 0.08}},          // 0.857 (p 0.0054, [0.74, 0.93]), 0.058
    {{"crossner_politics", SeedStudyMode::practitioner}, {0.05, 0.6, 0.04}},     // 0.905 (p 0.0023, [0.79, 0.98]), 0.026
    {{"crossner_politics", SeedStudyMode::paper}, {0.05, 0.6, 0.04}},            // 0.786 (p 0.014, [0.74, 0.98]), 0.026
    {{"headlines", SeedStudyMode::practitioner}, {0.05, 0.5, 0.02}},             // 0.881 (p 0.0036, [0.71, 0.98]), 0.0072
    {{"headlines", SeedStudyMode::paper}, {0.01, 0.5, 0.025}},                   // 0.952 (p 0.0006, [0.71, 0.98]), 0.013
    {{"tweet-news", SeedStudyMode::practitioner}, {0.01, 0.6, 0.025}},           // 0.976 (p 0.0002, [0.83, 1.00]), 0.012
    {{"tweet-news", SeedStudyMode::paper}, {0.01, 0.5, 0.035}},                  // 0.952 (p 0.0006, [0.71, 1.00]), 0.020
};

class SeedStudy : public ::testing::TestWithParam<std::tuple<std::string, SeedStudyMode>> {
 protected:
  void SetUp() override {
    // Skips without the data (fails with SYNTHBENCH_REQUIRE_DATA=1, as CI runs).
    SYNTHBENCH_SKIP_WITHOUT_DATA(synthbench::seed_study_available(),
                                 "the SG4NLP data (real/ and generated/) in " + synthbench::sg4nlp_data_dir().string());
  }
  const synthbench::Experiment& experiment() const { return study(std::get<0>(GetParam()), std::get<1>(GetParam())); }
  const Gate& gate() const { return gates.at({std::get<0>(GetParam()), std::get<1>(GetParam())}); }
};

TEST_P(SeedStudy, TheAverageSyntheticBenchmarkRanksLikeRealData) {
  const auto& e = experiment();
  synthbench::gtest::gates(e);  // the report's summary counts this test's verdict for e
  const auto& t = e.scores(e.metric_names().front());
  ASSERT_EQ(t.real().size(), 8u) << "eight approaches: an SRCC of 0.643 is significant at 5%";
  if (gate().max_p < 1.0) {
    EXPECT_SRCC_P_LE(t.real(), t.synthetic("average"), gate().max_p);
  }
  // The 95% percentile interval over 1000 resamples of the test items: the options the report
  // uses, so report.html shows this very interval.
  const auto ci = synthbench::bootstrap_agreement(t, "average", synthbench::report::DescribeOptions{}.bootstrap);
  ASSERT_TRUE(ci.ok()) << ci.message();
  EXPECT_GE(ci.value().srcc.value().lower, gate().ci_lower)
      << "95% bootstrap interval of the average's SRCC: [" << ci.value().srcc.value().lower << ", "
      << ci.value().srcc.value().upper << "]";
  EXPECT_MSPD_LE(t.real(), t.synthetic("average"), gate().max_mspd);
}

// The study's observation that averaging generators helps: the average is never worse than
// the worst single generator.
TEST_P(SeedStudy, TheAverageIsNoWorseThanTheWorstGenerator) {
  const auto& e = experiment();
  synthbench::gtest::gates(e);
  const auto& t = e.scores(e.metric_names().front());
  double worst = 1.0;
  for (const auto& g : e.generator_names()) worst = std::min(worst, synthbench::srcc(t.real(), t.synthetic(g)).value());
  EXPECT_SRCC_GE(t.real(), t.synthetic("average"), worst);
}

INSTANTIATE_TEST_SUITE_P(Datasets, SeedStudy,
                         ::testing::Combine(::testing::ValuesIn(synthbench::seed_study_datasets()),
                                            ::testing::Values(SeedStudyMode::practitioner, SeedStudyMode::paper)),
                         [](const ::testing::TestParamInfo<std::tuple<std::string, SeedStudyMode>>& p) {
                           return synthbench::gtest::sanitize_test_name(std::get<0>(p.param) + "_" +
                                                                        synthbench::to_string(std::get<1>(p.param)));
                         });

// Whether the conclusions hold on other draws of 200 real test items: on every dataset but
// ATIS, the average's SRCC is significant (exact p <= 0.05) on the first 200 items and on each
// of the 30 random and 30 stratified draws, in both modes (measured: 61 of 61 everywhere; ATIS:
// 6 and 9 of 30 in the practitioner mode, 26 and 28 of 30 in the paper mode, and not on its
// first 200 items in either); and on every draw of every dataset the average ranks no worse
// than the worst single generator (measured: 61 of 61 everywhere).
TEST(SeedStudySamples, ConclusionsThatSurviveEveryDraw) {
  SYNTHBENCH_SKIP_WITHOUT_DATA(synthbench::seed_study_available(),
                               "the SG4NLP data (real/ and generated/) in " + synthbench::sg4nlp_data_dir().string());
  for (const auto& dataset : synthbench::seed_study_datasets()) {
    const auto& first = study(dataset, SeedStudyMode::practitioner);  // builds (and reports) in dataset order
    if (dataset == "atis") continue;
    for (const auto mode : {SeedStudyMode::practitioner, SeedStudyMode::paper}) {
      const auto* samples = (mode == SeedStudyMode::practitioner ? first : study(dataset, mode)).sample_study();
      ASSERT_NE(samples, nullptr);
      for (const auto& spread : synthbench::sample_spread(*samples)) {
        EXPECT_EQ(spread.significant, spread.draws)
            << dataset << " (" << synthbench::to_string(mode) << "), " << spread.kind << " draws";
      }
    }
  }
  for (const auto& dataset : synthbench::seed_study_datasets()) {
    for (const auto mode : {SeedStudyMode::practitioner, SeedStudyMode::paper}) {
      for (const auto& draw : study(dataset, mode).sample_study()->draws) {
        double worst = 1.0;
        double average = -1.0;
        for (const auto& a : draw.agreements) {
          if (a.synthetic == "average") {
            average = a.srcc.value_or(-1.0);
          } else {
            worst = std::min(worst, a.srcc.value_or(1.0));
          }
        }
        EXPECT_GE(average, worst) << dataset << " (" << synthbench::to_string(mode) << "), " << draw.kind << " "
                                  << draw.seed_index;
      }
    }
  }
}

// The study's headline finding, on reference solvers: synthetic data ranks approaches better
// for the simple task (intent detection on SNIPS) than for the complex one (NER), in both modes.
TEST(SeedStudyFindings, SimpleTasksRankBetterThanComplexOnes) {
  SYNTHBENCH_SKIP_WITHOUT_DATA(synthbench::seed_study_available(),
                               "the SG4NLP data (real/ and generated/) in " + synthbench::sg4nlp_data_dir().string());
  for (const auto mode : {SeedStudyMode::practitioner, SeedStudyMode::paper}) {
    const auto average_srcc = [mode](const std::string& dataset) {
      const auto& e = study(dataset, mode);
      const auto& t = e.scores(e.metric_names().front());
      return synthbench::srcc(t.real(), t.synthetic("average")).value();
    };
    const double snips = average_srcc("snips");
    EXPECT_GT(snips, average_srcc("crossner_literature")) << synthbench::to_string(mode);
    EXPECT_GT(snips, average_srcc("crossner_politics")) << synthbench::to_string(mode);
  }
}

}  // namespace
