#ifndef SYNTHBENCH_REPORT_TASK_METRICS_JSON_HPP
#define SYNTHBENCH_REPORT_TASK_METRICS_JSON_HPP

/// @file
/// Task metrics as JSON: the output contract of `synthbench score intent|ner|sts` (the
/// schema is documented in docs/cli.md, "synthbench score"). Common keys:
///
///     {"task": "intent" | "ner" | "sts", "gold": file, "predictions": file, "items": n,
///      "metrics": {...}, "undefined": {metric: reason}?,   task-specific sections
///      ("classes" and "invalid_predictions"; "types" and "issues"; "answers"),
///      "options": {...}, "bootstrap": {...}?}
///
/// An undefined statistic is null, with its reason under the nearest "undefined" object.
/// With bootstrap options, every headline metric gets a percentile interval; all metrics are
/// computed on the same resamples (the generator restarts from the seed for each metric).

#include <algorithm>   // std::stable_sort
#include <cstddef>     // std::size_t
#include <cstdint>     // std::uint32_t
#include <functional>  // std::function
#include <map>         // std::map
#include <optional>    // std::optional
#include <string>      // std::string
#include <utility>     // std::pair
#include <vector>      // std::vector

#include <nlohmann/json.hpp>  // nlohmann::ordered_json

#include "synthbench/metrics/classification.hpp"
#include "synthbench/metrics/ner.hpp"
#include "synthbench/metrics/similarity.hpp"
#include "synthbench/result.hpp"
#include "synthbench/stats/bootstrap.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {

/// Where the items came from, for the report.
struct TaskSource {
  std::string gold;                         ///< the gold file
  std::string predictions;                  ///< the prediction file
  std::vector<std::size_t> lines;           ///< line of each item in the gold file (empty: item indices)
  std::size_t max_examples = 10;            ///< examples listed per kind of problem
  std::optional<stats::BootstrapOptions> bootstrap;  ///< intervals, when set

  /// The line of item i, or i + 1 when lines are unknown.
  std::size_t line(std::size_t i) const { return i < lines.size() ? lines[i] : i + 1; }
};

namespace detail {

/// Puts `r` at `object[key]`, or null with the reason in `undefined[key]`.
inline void put_result(nlohmann::ordered_json& object, nlohmann::ordered_json& undefined, const std::string& key,
                       const Result<double>& r) {
  if (r.ok()) {
    object[key] = r.value();
  } else {
    object[key] = nullptr;
    undefined[key] = r.message();
  }
}

inline void attach_undefined(nlohmann::ordered_json& object, nlohmann::ordered_json& undefined) {
  if (!undefined.empty()) object["undefined"] = undefined;
}

/// The "bootstrap" section: an interval per named statistic, each on the same resamples.
template <class Score>
nlohmann::ordered_json bootstrap_section(std::size_t items, const stats::BootstrapOptions& options,
                                         const std::vector<std::pair<std::string, Score>>& statistics) {
  nlohmann::ordered_json section;
  section["resamples"] = options.resamples;
  section["seed"] = options.seed;
  section["confidence"] = options.confidence;
  section["quantiles"] = "Hyndman-Fan definition 7 (linear interpolation)";
  nlohmann::ordered_json intervals = nlohmann::ordered_json::object();
  nlohmann::ordered_json undefined = nlohmann::ordered_json::object();
  for (const auto& [name, score] : statistics) {
    const auto ci = stats::bootstrap(items, score, options);
    if (ci) {
      const auto& i = ci.value();
      intervals[name] = {{"estimate", i.estimate},        {"lower", i.lower},
                         {"upper", i.upper},              {"standard_error", i.standard_error},
                         {"undefined_resamples", i.undefined_resamples}};
    } else {
      intervals[name] = nullptr;
      undefined[name] = ci.message();
    }
  }
  section["intervals"] = intervals;
  attach_undefined(section, undefined);
  return section;
}

inline nlohmann::ordered_json header(const char* task, const TaskSource& source, std::size_t items) {
  nlohmann::ordered_json doc;
  doc["task"] = task;
  doc["gold"] = source.gold;
  doc["predictions"] = source.predictions;
  doc["items"] = items;
  return doc;
}

}  // namespace detail

/// The report of classification outcomes (task "intent").
inline nlohmann::ordered_json intent_report_json(const metrics::ClassificationOutcomes& outcomes,
                                                 const TaskSource& source) {
  using metrics::ClassificationMetric;
  const metrics::ClassificationReport r = outcomes.report();
  nlohmann::ordered_json doc = detail::header("intent", source, r.items);
  nlohmann::ordered_json m;
  nlohmann::ordered_json undefined = nlohmann::ordered_json::object();
  detail::put_result(m, undefined, "accuracy", r.accuracy);
  const std::pair<const char*, const metrics::AverageScores*> averages[] = {
      {"macro", &r.macro}, {"micro", &r.micro}, {"weighted", &r.weighted}};
  for (const auto& [name, a] : averages) {
    detail::put_result(m, undefined, std::string(name) + "_precision", a->precision);
    detail::put_result(m, undefined, std::string(name) + "_recall", a->recall);
    detail::put_result(m, undefined, std::string(name) + "_f1", a->f1);
  }
  doc["metrics"] = m;
  detail::attach_undefined(doc, undefined);

  nlohmann::ordered_json classes = nlohmann::ordered_json::object();
  for (const auto& c : r.classes) {
    nlohmann::ordered_json entry;
    nlohmann::ordered_json why = nlohmann::ordered_json::object();
    entry["support"] = c.support;
    entry["predicted"] = c.predicted;
    entry["true_positives"] = c.true_positives;
    detail::put_result(entry, why, "precision", c.precision);
    detail::put_result(entry, why, "recall", c.recall);
    detail::put_result(entry, why, "f1", c.f1);
    detail::attach_undefined(entry, why);
    classes[c.label] = entry;
  }
  doc["classes"] = classes;

  nlohmann::ordered_json invalid;
  invalid["count"] = r.invalid;
  invalid["missing"] = r.missing;
  invalid["outside_label_set"] = r.invalid - r.missing;
  std::map<std::string, std::size_t> answers;
  for (const auto& p : outcomes.invalid_predictions()) {
    if (!p.missing) ++answers[p.answer];
  }
  std::vector<std::pair<std::string, std::size_t>> by_count(answers.begin(), answers.end());
  std::stable_sort(by_count.begin(), by_count.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });  // most frequent first
  nlohmann::ordered_json answer_counts = nlohmann::ordered_json::object();
  for (const auto& [answer, count] : by_count) answer_counts[answer] = count;
  invalid["answers"] = answer_counts;
  nlohmann::ordered_json examples = nlohmann::ordered_json::array();
  for (const auto& p : outcomes.invalid_predictions()) {
    if (examples.size() >= source.max_examples) break;
    nlohmann::ordered_json e;
    e["line"] = source.line(p.item);
    e["gold"] = outcomes.labels()[outcomes.items()[p.item].gold];
    e["answer"] = p.missing ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(p.answer);
    examples.push_back(e);
  }
  invalid["examples"] = examples;
  doc["invalid_predictions"] = invalid;

  const auto& o = outcomes.options();
  doc["options"] = {{"zero_division", to_string(o.zero_division)},
                    {"average_over", to_string(o.average_over)},
                    {"multi_intent", to_string(o.multi_label)},
                    {"declared_labels", o.labels.size()}};
  if (source.bootstrap) {
    std::vector<std::pair<std::string, std::function<Result<double>(const std::vector<std::uint32_t>&)>>> statistics;
    for (const auto metric : metrics::all_classification_metrics) {
      statistics.emplace_back(to_string(metric), [&outcomes, metric](const std::vector<std::uint32_t>& idx) {
        return outcomes.score(metric, idx);
      });
    }
    doc["bootstrap"] = detail::bootstrap_section(outcomes.size(), *source.bootstrap, statistics);
  }
  return doc;
}

namespace detail {

inline nlohmann::ordered_json ner_schema_json(const metrics::NerScores& s) {
  nlohmann::ordered_json out;
  nlohmann::ordered_json why = nlohmann::ordered_json::object();
  put_result(out, why, "precision", s.precision);
  put_result(out, why, "recall", s.recall);
  put_result(out, why, "f1", s.f1);
  out["correct"] = s.counts.correct;
  out["incorrect"] = s.counts.incorrect;
  out["partial"] = s.counts.partial;
  out["missed"] = s.counts.missed;
  out["spurious"] = s.counts.spurious;
  out["possible"] = s.counts.possible();
  out["actual"] = s.counts.actual();
  attach_undefined(out, why);
  return out;
}

}  // namespace detail

/// The report of NER outcomes (task "ner"); `missing_predictions` counts documents whose
/// prediction was null (metrics::NerData::missing_predictions).
inline nlohmann::ordered_json ner_report_json(const metrics::NerOutcomes& outcomes, std::size_t missing_predictions,
                                              const TaskSource& source) {
  using metrics::NerIssueKind;
  const metrics::NerReport r = outcomes.report();
  nlohmann::ordered_json doc = detail::header("ner", source, r.documents);
  nlohmann::ordered_json m;
  for (const auto schema : metrics::all_ner_schemas) m[to_string(schema)] = detail::ner_schema_json(r.at(schema));
  doc["metrics"] = m;
  nlohmann::ordered_json types = nlohmann::ordered_json::object();
  for (const auto& t : r.types) {
    nlohmann::ordered_json entry;
    for (const auto schema : metrics::all_ner_schemas) {
      entry[to_string(schema)] = detail::ner_schema_json(t.schemas[static_cast<std::size_t>(schema)]);
    }
    types[t.type] = entry;
  }
  doc["types"] = types;

  nlohmann::ordered_json issues;
  issues["gold"] = {{"realigned", outcomes.issue_count(NerIssueKind::realigned, true)},
                    {"dropped", outcomes.issue_count(NerIssueKind::dropped, true)},
                    {"duplicate", outcomes.issue_count(NerIssueKind::duplicate, true)}};
  issues["predicted"] = {{"realigned", outcomes.issue_count(NerIssueKind::realigned, false)},
                         {"unmatchable", outcomes.issue_count(NerIssueKind::unmatchable, false)},
                         {"duplicate", outcomes.issue_count(NerIssueKind::duplicate, false)},
                         {"unknown_type", outcomes.issue_count(NerIssueKind::unknown_type, false)}};
  issues["missing_predictions"] = missing_predictions;
  nlohmann::ordered_json examples = nlohmann::ordered_json::array();
  for (const auto& i : outcomes.issues()) {
    if (examples.size() >= source.max_examples) break;
    examples.push_back({{"line", source.line(i.document)},
                        {"side", i.gold ? "gold" : "predicted"},
                        {"entity", i.entity},
                        {"kind", to_string(i.kind)},
                        {"detail", i.detail}});
  }
  issues["examples"] = examples;
  doc["issues"] = issues;

  const auto& o = outcomes.options();
  doc["options"] = {{"zero_division", to_string(o.zero_division)},
                    {"span_repair", to_string(o.span_repair)},
                    {"merge_duplicates", o.merge_duplicates},
                    {"declared_types", o.types.size()}};
  if (source.bootstrap) {
    std::vector<std::pair<std::string, std::function<Result<double>(const std::vector<std::uint32_t>&)>>> statistics;
    for (const auto schema : metrics::all_ner_schemas) {
      for (const auto measure : {metrics::NerMeasure::precision, metrics::NerMeasure::recall, metrics::NerMeasure::f1}) {
        statistics.emplace_back(std::string(to_string(schema)) + "_" + to_string(measure),
                           [&outcomes, schema, measure](const std::vector<std::uint32_t>& idx) {
                             return outcomes.score(schema, measure, idx);
                           });
      }
    }
    doc["bootstrap"] = detail::bootstrap_section(outcomes.size(), *source.bootstrap, statistics);
  }
  return doc;
}

/// The report of similarity outcomes (task "sts").
inline nlohmann::ordered_json sts_report_json(const metrics::SimilarityOutcomes& outcomes, const TaskSource& source) {
  const metrics::SimilarityReport r = outcomes.report();
  nlohmann::ordered_json doc = detail::header("sts", source, r.items);
  nlohmann::ordered_json m;
  nlohmann::ordered_json undefined = nlohmann::ordered_json::object();
  detail::put_result(m, undefined, "pearson", r.pearson);
  detail::put_result(m, undefined, "spearman", r.spearman);
  doc["metrics"] = m;
  detail::attach_undefined(doc, undefined);
  nlohmann::ordered_json answers;
  answers["used"] = r.used;
  answers["clipped"] = r.clipped;
  answers["imputed"] = r.imputed;
  answers["excluded"] = r.excluded;
  nlohmann::ordered_json examples = nlohmann::ordered_json::array();
  for (const auto& i : outcomes.issues()) {
    if (examples.size() >= source.max_examples) break;
    examples.push_back({{"line", source.line(i.item)}, {"kind", to_string(i.kind)}, {"answer", i.answer}});
  }
  answers["examples"] = examples;
  doc["answers"] = answers;
  const auto& o = outcomes.options();
  doc["options"] = {{"scale", {o.min_score, o.max_score}},
                    {"unparsable", to_string(o.unparsable)},
                    {"out_of_range", to_string(o.out_of_range)}};
  if (source.bootstrap) {
    std::vector<std::pair<std::string, std::function<Result<double>(const std::vector<std::uint32_t>&)>>> statistics;
    for (const auto metric : {metrics::SimilarityMetric::pearson, metrics::SimilarityMetric::spearman}) {
      statistics.emplace_back(to_string(metric), [&outcomes, metric](const std::vector<std::uint32_t>& idx) {
        return outcomes.score(metric, idx);
      });
    }
    doc["bootstrap"] = detail::bootstrap_section(outcomes.size(), *source.bootstrap, statistics);
  }
  return doc;
}

}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_TASK_METRICS_JSON_HPP
