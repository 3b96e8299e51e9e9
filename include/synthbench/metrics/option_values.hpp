#ifndef SYNTHBENCH_METRICS_OPTION_VALUES_HPP
#define SYNTHBENCH_METRICS_OPTION_VALUES_HPP

/// @file
/// The spellings of the metrics' option values, one table per option, read by one parser:
/// what scripts and the `synthbench` program write (`--zero-division nan`, docs/cli.md) means
/// exactly what the library means by it. Each value has its name (as to_string writes it, and
/// as reports show it) and possibly aliases:
///
/// | option | names (aliases) |
/// | --- | --- |
/// | ZeroDivision | zero (0), one (1), undefined (nan) |
/// | AverageOver | observed, gold, label_set (labels), declared |
/// | MultiLabelMatch | exact, unordered_set (set) |
/// | SpanRepair | realign, none, error |
/// | UnparsablePolicy | midpoint, exclude, error |
/// | OutOfRangePolicy | clip, unparsable, error |
/// | ClassificationMetric | accuracy, macro_f1, ... (the names of all_classification_metrics) |
///
///     const auto policy = synthbench::metrics::parse_option<synthbench::metrics::ZeroDivision>("nan");
///     // ZeroDivision::undefined; nullopt for a spelling not in the table

#include <optional>  // std::optional
#include <string>    // std::string

#include "synthbench/metrics/classification.hpp"  // AverageOver, MultiLabelMatch, ClassificationMetric
#include "synthbench/metrics/entity.hpp"          // SpanRepair
#include "synthbench/metrics/similarity.hpp"      // UnparsablePolicy, OutOfRangePolicy
#include "synthbench/metrics/zero_division.hpp"   // ZeroDivision
#include "synthbench/version.hpp"                 // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace metrics {

/// One spelling of an option value.
template <class Enum>
struct OptionSpelling {
  const char* text;  ///< as written
  Enum value;        ///< what it means
};

/// The spellings of the values of `Enum`: specialized for each option in the file comment,
/// each with a `spellings` array, names before aliases.
template <class Enum>
struct OptionValues;

/// ZeroDivision: zero, one, undefined; 0, 1 and nan as scikit-learn writes them.
template <>
struct OptionValues<ZeroDivision> {
  /// The table.
  static constexpr OptionSpelling<ZeroDivision> spellings[] = {
      {"zero", ZeroDivision::zero}, {"one", ZeroDivision::one}, {"undefined", ZeroDivision::undefined},
      {"0", ZeroDivision::zero},    {"1", ZeroDivision::one},   {"nan", ZeroDivision::undefined}};
};

/// AverageOver: observed, gold, label_set, declared; labels.
template <>
struct OptionValues<AverageOver> {
  /// The table.
  static constexpr OptionSpelling<AverageOver> spellings[] = {{"observed", AverageOver::observed},
                                                              {"gold", AverageOver::gold},
                                                              {"label_set", AverageOver::label_set},
                                                              {"declared", AverageOver::declared},
                                                              {"labels", AverageOver::label_set}};
};

/// MultiLabelMatch: exact, unordered_set; set.
template <>
struct OptionValues<MultiLabelMatch> {
  /// The table.
  static constexpr OptionSpelling<MultiLabelMatch> spellings[] = {{"exact", MultiLabelMatch::exact},
                                                                  {"unordered_set", MultiLabelMatch::unordered_set},
                                                                  {"set", MultiLabelMatch::unordered_set}};
};

/// SpanRepair: realign, none, error.
template <>
struct OptionValues<SpanRepair> {
  /// The table.
  static constexpr OptionSpelling<SpanRepair> spellings[] = {
      {"realign", SpanRepair::realign}, {"none", SpanRepair::none}, {"error", SpanRepair::error}};
};

/// UnparsablePolicy: midpoint, exclude, error.
template <>
struct OptionValues<UnparsablePolicy> {
  /// The table.
  static constexpr OptionSpelling<UnparsablePolicy> spellings[] = {
      {"midpoint", UnparsablePolicy::midpoint}, {"exclude", UnparsablePolicy::exclude}, {"error", UnparsablePolicy::error}};
};

/// OutOfRangePolicy: clip, unparsable, error.
template <>
struct OptionValues<OutOfRangePolicy> {
  /// The table.
  static constexpr OptionSpelling<OutOfRangePolicy> spellings[] = {
      {"clip", OutOfRangePolicy::clip}, {"unparsable", OutOfRangePolicy::unparsable}, {"error", OutOfRangePolicy::error}};
};

/// ClassificationMetric: its names as to_string writes them ("accuracy", "macro_f1", ...).
template <>
struct OptionValues<ClassificationMetric> {
  /// The table.
  static constexpr OptionSpelling<ClassificationMetric> spellings[] = {
      {"accuracy", ClassificationMetric::accuracy},
      {"macro_precision", ClassificationMetric::macro_precision},
      {"macro_recall", ClassificationMetric::macro_recall},
      {"macro_f1", ClassificationMetric::macro_f1},
      {"micro_precision", ClassificationMetric::micro_precision},
      {"micro_recall", ClassificationMetric::micro_recall},
      {"micro_f1", ClassificationMetric::micro_f1},
      {"weighted_precision", ClassificationMetric::weighted_precision},
      {"weighted_recall", ClassificationMetric::weighted_recall},
      {"weighted_f1", ClassificationMetric::weighted_f1}};
};

/// The value of `Enum` spelled `text` (a name or an alias, exactly as in the table), or
/// nullopt.
template <class Enum>
std::optional<Enum> parse_option(const std::string& text) {
  for (const auto& s : OptionValues<Enum>::spellings) {
    if (text == s.text) return s.value;
  }
  return std::nullopt;
}

/// The names of the values of `Enum`, without the aliases, for messages: "zero, one, undefined".
template <class Enum>
std::string option_names() {
  std::string out;
  for (const auto& s : OptionValues<Enum>::spellings) {
    if (std::string(s.text) != to_string(s.value)) continue;  // an alias
    if (!out.empty()) out += ", ";
    out += s.text;
  }
  return out;
}

}  // namespace metrics
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_METRICS_OPTION_VALUES_HPP
