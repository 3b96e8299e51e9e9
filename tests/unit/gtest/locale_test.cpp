// Numbers print the same everywhere (issue 12): with a comma-decimal locale as the C and the
// global C++ locale (de_DE.UTF-8, or one built for the test: support/comma_locale.hpp), every
// number synthbench formats -- failure messages, test properties, baselines, reports -- is
// what it is in the "C" locale. The test never skips: without a locale it fails saying why.

#include <synthbench/gtest.hpp>
#include <synthbench/gtest/not_worse.hpp>
#include <synthbench/report/meta_markdown.hpp>
#include <synthbench/scores/meta_summary.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <clocale>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "capture.hpp"
#include "support/comma_locale.hpp"
#include "support/test_paths.hpp"

namespace {

using synthbench::ScoreTable;
using synthbench_test_support::captured_failures;

ScoreTable agreement_table() {
  ScoreTable t("macro_f1");
  const char* names[] = {"A", "B", "C", "D", "E", "F"};
  const double real[] = {.90, .80, .70, .60, .50, .40};
  const double gen[] = {.60, .85, .50, .55, .30, .35};
  for (int i = 0; i < 6; ++i) t.set_real(names[i], real[i]).set_synthetic("gen-x", names[i], gen[i]);
  return t;
}

// 1,200 items, "Play" and "Book" alternating; right on items [from, 1200).
ScoreTable outcome_table(std::size_t from, synthbench::metrics::ClassificationMetric metric) {
  std::vector<std::string> gold;
  std::vector<synthbench::metrics::LabelPrediction> answers;
  for (std::size_t i = 0; i < 1200; ++i) {
    gold.emplace_back(i % 2 == 0 ? "Play" : "Book");
    answers.emplace_back(i >= from ? gold.back() : (i % 2 == 0 ? "Book" : "Play"));
  }
  ScoreTable t(synthbench::metrics::to_string(metric));
  t.set_real("model", synthbench::make_resamplable(synthbench::metrics::ClassificationOutcomes(gold, answers).scorer(metric)));
  return t;
}

// Everything synthbench writes that holds numbers, as text.
std::vector<std::string> everything_formatted(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  out.push_back(synthbench::detail::fixed(0.5, 2) + " " + synthbench::detail::general(0.00138889, 3) + " " +
                synthbench::detail::signed_fixed(0.045, 3) + " " + synthbench::detail::general(1234567.0, 10));
  const ScoreTable t = agreement_table();
  for (const auto& f : captured_failures([&] { EXPECT_SRCC_GE(t.real(), t.synthetic("gen-x"), 0.9); })) out.push_back(f);
  for (const auto& f : captured_failures([&] { EXPECT_MSPD_LE(t.real(), t.synthetic("gen-x"), 0.01); })) out.push_back(f);
  out.push_back(synthbench::report::meta_to_markdown(synthbench::summarize(t), t));
  out.push_back(synthbench::dump_score_table(t));
  // The paired gate: a bootstrap (2,000 resamples: "2000", never "2.000") and McNemar on
  // 1,200 items, and the baselines it writes.
  using synthbench::metrics::ClassificationMetric;
  for (const auto metric : {ClassificationMetric::macro_f1, ClassificationMetric::accuracy}) {
    const ScoreTable before = outcome_table(0, metric);
    const std::string baseline_text = synthbench::dump_outcome_baseline(synthbench::outcome_baseline_from_table(before));
    out.push_back(baseline_text);
    const auto path = dir / (before.metric() + ".json");
    synthbench::detail::write_file_atomically(path, baseline_text);
    const ScoreTable after = outcome_table(30, metric);
    for (const auto& f : captured_failures([&] { EXPECT_NOT_WORSE(path, after, 0.0, 0.05); })) {
      out.push_back(f.substr(0, f.find("If the change")));  // the hint names this test's program
    }
  }
  return out;
}

TEST(CommaDecimalLocale, EveryNumberIsFormattedAsInTheCLocale) {
  const auto dir = synthbench_test_support::make_temp_dir("synthbench-locale");
  const std::vector<std::string> in_c = everything_formatted(dir);
  ASSERT_EQ(in_c.size(), 9u);
  EXPECT_EQ(in_c[0], "0.50 0.00139 +0.045 1234567");
  EXPECT_NE(in_c[1].find("Expected: SRCC(real, gen-x) >= 0.9\n  Actual: 0.8286"), std::string::npos) << in_c[1];
  EXPECT_NE(in_c[6].find("2000 resamples"), std::string::npos) << in_c[6];
  EXPECT_NE(in_c[8].find("exact McNemar on 30 changed items"), std::string::npos) << in_c[8];

  std::vector<std::string> in_comma;
  std::string locale_name;
  {
    synthbench_test_support::CommaDecimalLocale comma;  // throws (fails the test) when none can be had
    locale_name = comma.name() + (comma.built() ? " (built by the test)" : "");
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.1f", 0.5);
    ASSERT_EQ(std::string(buffer), "0,5") << "the locale is active: printf writes a comma";
    in_comma = everything_formatted(dir);
    // Reading numbers is locale-independent too: a bound written "0.8" is a literal.
    EXPECT_EQ(synthbench::gtest::detail::bound_text(0.8, "0.8"), "0.8");
    EXPECT_EQ(synthbench::detail::parse_decimal("0.25"), 0.25);
  }
  ASSERT_EQ(in_comma.size(), in_c.size()) << locale_name;
  for (std::size_t i = 0; i < in_c.size(); ++i) EXPECT_EQ(in_comma[i], in_c[i]) << "text " << i << " under " << locale_name;
  std::filesystem::remove_all(dir);
}

// The value of a recorded property, under the comma locale.
TEST(CommaDecimalLocale, PropertiesAreFormattedAsInTheCLocale) {
  synthbench_test_support::CommaDecimalLocale comma;
  const ScoreTable t = agreement_table();
  EXPECT_SRCC_GE(t.real(), t.synthetic("gen-x"), 0.8);
  EXPECT_EQ(synthbench_test_support::recorded_property("synthbench.srcc.macro_f1.gen-x"), "0.82857143");
}

}  // namespace
