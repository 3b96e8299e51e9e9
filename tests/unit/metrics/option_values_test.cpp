// metrics/option_values.hpp: one parser for the spellings of every metrics option value (the
// CLI's --zero-division, --average-over, ... read through it).

#include <synthbench/metrics/option_values.hpp>

#include <gtest/gtest.h>

#include <cstddef>   // std::size_t
#include <iterator>  // std::size
#include <string>

namespace {

namespace metrics = synthbench::metrics;
using metrics::option_names;
using metrics::parse_option;

// Every value's name parses back to the value (names are to_string's), in every table.
template <class Enum>
void expect_names_round_trip() {
  for (const auto& s : metrics::OptionValues<Enum>::spellings) {
    EXPECT_EQ(parse_option<Enum>(s.text), s.value) << s.text;
    EXPECT_EQ(parse_option<Enum>(to_string(s.value)), s.value) << s.text;
  }
}

TEST(ParseOption, NamesAndAliases) {
  EXPECT_EQ(parse_option<metrics::ZeroDivision>("zero"), metrics::ZeroDivision::zero);
  EXPECT_EQ(parse_option<metrics::ZeroDivision>("0"), metrics::ZeroDivision::zero);
  EXPECT_EQ(parse_option<metrics::ZeroDivision>("1"), metrics::ZeroDivision::one);
  EXPECT_EQ(parse_option<metrics::ZeroDivision>("nan"), metrics::ZeroDivision::undefined);
  EXPECT_EQ(parse_option<metrics::AverageOver>("labels"), metrics::AverageOver::label_set);
  EXPECT_EQ(parse_option<metrics::MultiLabelMatch>("set"), metrics::MultiLabelMatch::unordered_set);
  EXPECT_EQ(parse_option<metrics::SpanRepair>("none"), metrics::SpanRepair::none);
  EXPECT_EQ(parse_option<metrics::UnparsablePolicy>("exclude"), metrics::UnparsablePolicy::exclude);
  EXPECT_EQ(parse_option<metrics::OutOfRangePolicy>("unparsable"), metrics::OutOfRangePolicy::unparsable);
  expect_names_round_trip<metrics::ZeroDivision>();
  expect_names_round_trip<metrics::AverageOver>();
  expect_names_round_trip<metrics::MultiLabelMatch>();
  expect_names_round_trip<metrics::SpanRepair>();
  expect_names_round_trip<metrics::UnparsablePolicy>();
  expect_names_round_trip<metrics::OutOfRangePolicy>();
  expect_names_round_trip<metrics::ClassificationMetric>();
}

TEST(ParseOption, EveryClassificationMetricHasItsName) {
  // The table lists every metric of all_classification_metrics, once.
  std::size_t listed = 0;
  for (const auto m : metrics::all_classification_metrics) {
    EXPECT_EQ(parse_option<metrics::ClassificationMetric>(to_string(m)), m) << to_string(m);
    ++listed;
  }
  EXPECT_EQ(std::size(metrics::OptionValues<metrics::ClassificationMetric>::spellings), listed);
  EXPECT_FALSE(parse_option<metrics::ClassificationMetric>("f1").has_value());
  EXPECT_FALSE(parse_option<metrics::ClassificationMetric>("Macro_F1").has_value());
}

TEST(ParseOption, AnythingElseIsNothing) {
  // Exact spellings only: no case folding, no trimming, no prefixes.
  for (const char* bad : {"", "Zero", "NaN", " zero", "zero ", "z", "2", "none"}) {
    EXPECT_FALSE(parse_option<metrics::ZeroDivision>(bad).has_value()) << "'" << bad << "'";
  }
  EXPECT_FALSE(parse_option<metrics::AverageOver>("label").has_value());
  EXPECT_FALSE(parse_option<metrics::SpanRepair>("Error").has_value());
}

TEST(OptionNames, TheNamesWithoutAliasesForMessages) {
  EXPECT_EQ(option_names<metrics::ZeroDivision>(), "zero, one, undefined");
  EXPECT_EQ(option_names<metrics::AverageOver>(), "observed, gold, label_set, declared");
  EXPECT_EQ(option_names<metrics::MultiLabelMatch>(), "exact, unordered_set");
  EXPECT_EQ(option_names<metrics::SpanRepair>(), "realign, none, error");
  EXPECT_EQ(option_names<metrics::UnparsablePolicy>(), "midpoint, exclude, error");
  EXPECT_EQ(option_names<metrics::OutOfRangePolicy>(), "clip, unparsable, error");
}

}  // namespace
