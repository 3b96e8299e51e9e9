#ifndef SYNTHBENCH_EXPERIMENT_OUTCOME_BASELINE_READ_HPP
#define SYNTHBENCH_EXPERIMENT_OUTCOME_BASELINE_READ_HPP

/// @file
/// Reading an outcome baseline (docs/baseline-format.md): parse_outcome_baseline and
/// read_outcome_baseline check the text against the format and the stored scores against
/// what the items give; every error is an InputError naming the source and the JSON pointer.

#include <algorithm>   // std::max
#include <cmath>       // std::fabs
#include <cstddef>     // std::size_t
#include <cstdint>     // std::uint32_t, std::uint64_t
#include <filesystem>  // std::filesystem::path
#include <memory>      // std::shared_ptr, std::make_shared
#include <optional>    // std::optional
#include <string>      // std::string
#include <utility>     // std::move
#include <vector>      // std::vector

#include <nlohmann/json.hpp>  // nlohmann::ordered_json

#include "synthbench/detail/files.hpp"                       // detail::read_file
#include "synthbench/detail/format.hpp"                      // detail::general
#include "synthbench/detail/json_input.hpp"                  // detail::parse_json_strict, detail::describe_json, pointer_append
#include "synthbench/error.hpp"                              // InputError
#include "synthbench/experiment/cell_outcomes.hpp"           // CellOutcomes, OutcomeTask
#include "synthbench/experiment/outcome_baseline_table.hpp"  // OutcomeBaseline, OutcomeDataset
#include "synthbench/metrics/classification.hpp"             // metrics::AverageOver
#include "synthbench/metrics/ner_counts.hpp"                 // metrics::NerMatchCounts
#include "synthbench/metrics/option_values.hpp"              // metrics::parse_option
#include "synthbench/metrics/zero_division.hpp"              // metrics::ZeroDivision
#include "synthbench/result.hpp"                             // Result
#include "synthbench/scores/score_table_json.hpp"            // detail::object_member, detail::score_from_json
#include "synthbench/version.hpp"                            // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

namespace detail {

/// Reads one outcome baseline document (see parse_outcome_baseline).
class OutcomeBaselineReader {
 public:
  OutcomeBaselineReader(const nlohmann::ordered_json& doc, std::string source) : doc_(doc), source_(std::move(source)) {}

  OutcomeBaseline read() {
    if (!doc_.is_object()) throw InputError(201, source_, "/", "expected an object, got " + describe_json(doc_));
    const auto& format = object_member(doc_, "format", source_, "/");
    if (!format.is_string() || format.get<std::string>() != "synthbench-outcomes") {
      throw InputError(901, source_, "/format",
                       "expected \"synthbench-outcomes\" (an outcome baseline, docs/baseline-format.md), got " +
                           describe_json(format));
    }
    const auto& version = object_member(doc_, "version", source_, "/");
    if (!version.is_number_integer() || version.get<long long>() != 1) {
      throw InputError(901, source_, "/version", "this synthbench reads version 1, got " + describe_json(version));
    }
    OutcomeBaseline b;
    const std::string task = string_member(doc_, "task", "/");
    if (task == "classification") {
      b.task = OutcomeTask::classification;
    } else if (task == "ner") {
      b.task = OutcomeTask::ner;
    } else if (task == "similarity") {
      b.task = OutcomeTask::similarity;
    } else {
      throw InputError(902, source_, "/task", "expected \"classification\", \"ner\" or \"similarity\", got \"" + task + "\"");
    }
    task_ = b.task;
    b.metric = string_member(doc_, "metric", "/");
    read_options(object_member(doc_, "options", source_, "/"));
    const auto& datasets = object_member(doc_, "datasets", source_, "/");
    if (!datasets.is_object()) throw InputError(201, source_, "/datasets", "expected an object, got " + describe_json(datasets));
    if (datasets.empty() || datasets.begin().key() != "real") {
      throw InputError(906, source_, "/datasets", "the first dataset must be \"real\"");
    }
    for (auto it = datasets.begin(); it != datasets.end(); ++it) {
      b.datasets.push_back(read_dataset(it.key(), it.value(), b));
    }
    return b;
  }

 private:
  std::string string_member(const nlohmann::ordered_json& parent, const char* key, const std::string& where) {
    const auto& v = object_member(parent, key, source_, where);
    const std::string at = pointer_append(where == "/" ? "" : where, key);
    if (!v.is_string() || v.get<std::string>().empty()) {
      throw InputError(201, source_, at, "expected a non-empty string, got " + describe_json(v));
    }
    return v.get<std::string>();
  }

  void read_options(const nlohmann::ordered_json& o) {
    if (!o.is_object()) throw InputError(201, source_, "/options", "expected an object, got " + describe_json(o));
    for (auto it = o.begin(); it != o.end(); ++it) {
      const std::string at = pointer_append("/options", it.key());
      if (it.key() == "zero_division" && task_uses_zero_division()) {
        const auto z = it.value().is_string() ? metrics::parse_option<metrics::ZeroDivision>(it.value().get<std::string>()) : std::nullopt;
        if (!z) throw InputError(902, source_, at, "expected \"zero\", \"one\" or \"undefined\", got " + describe_json(it.value()));
        zero_division_ = *z;
      } else if (it.key() == "average_over" && task_ == OutcomeTask::classification) {
        const std::string v = it.value().is_string() ? it.value().get<std::string>() : "";
        if (v == "observed") {
          average_over_ = metrics::AverageOver::observed;
        } else if (v == "gold") {
          average_over_ = metrics::AverageOver::gold;
        } else if (v == "label_set") {
          average_over_ = metrics::AverageOver::label_set;
        } else {
          throw InputError(902, source_, at, "expected \"observed\", \"gold\" or \"label_set\", got " + describe_json(it.value()));
        }
      } else if (it.key() == "scale" && task_ == OutcomeTask::similarity) {
        const auto& s = it.value();
        if (!s.is_array() || s.size() != 2 || !s[0].is_number() || !s[1].is_number() ||
            !(s[0].get<double>() < s[1].get<double>())) {
          throw InputError(902, source_, at, "expected [lower, upper] with lower < upper, got " + describe_json(s));
        }
        min_score_ = s[0].get<double>();
        max_score_ = s[1].get<double>();
      } else {
        throw InputError(902, source_, at, "unknown option for " + std::string(to_string(task_)) + " outcomes");
      }
    }
  }

  bool task_uses_zero_division() const { return task_ != OutcomeTask::similarity; }

  OutcomeDataset read_dataset(const std::string& name, const nlohmann::ordered_json& v, const OutcomeBaseline& b) {
    const std::string where = pointer_append("/datasets", name);
    if (!v.is_object()) throw InputError(201, source_, where, "expected an object, got " + describe_json(v));
    OutcomeDataset d;
    d.name = name;
    const auto& approaches = object_member(v, "approaches", source_, where);
    if (!approaches.is_array() || approaches.empty()) {
      throw InputError(906, source_, where + "/approaches", "expected a non-empty array of names, got " + describe_json(approaches));
    }
    for (std::size_t a = 0; a < approaches.size(); ++a) {
      const auto& n = approaches[a];
      const std::string at = pointer_append(where + "/approaches", a);
      if (!n.is_string() || n.get<std::string>().empty()) throw InputError(201, source_, at, "expected a non-empty string, got " + describe_json(n));
      for (const auto& seen : d.approaches) {
        if (seen == n.get<std::string>()) throw InputError(904, source_, at, "the approach \"" + seen + "\" appears twice");
      }
      d.approaches.push_back(n.get<std::string>());
    }
    std::shared_ptr<const std::vector<std::string>> labels;
    if (b.task == OutcomeTask::classification) labels = read_labels(object_member(v, "labels", source_, where), where + "/labels");
    const auto& items = object_member(v, "items", source_, where);
    if (!items.is_array() || items.empty()) {
      throw InputError(906, source_, where + "/items", "expected a non-empty array of items, got " + describe_json(items));
    }
    const std::size_t columns = d.approaches.size() + 1;
    // Column-wise outcomes, filled row by row.
    std::vector<std::uint32_t> gold_ids;
    std::vector<std::vector<std::uint32_t>> predicted_ids(d.approaches.size());
    std::vector<std::vector<metrics::NerMatchCounts>> documents(d.approaches.size());
    std::vector<double> gold_scores;
    std::vector<std::vector<std::optional<double>>> predicted_scores(d.approaches.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& row = items[i];
      const std::string at = pointer_append(where + "/items", i);
      if (!row.is_array() || row.size() != columns) {
        throw InputError(903, source_, at,
                         "expected [gold, then one outcome per approach] (" + std::to_string(columns) + " values), got " +
                             describe_json(row) + (row.is_array() ? " of " + std::to_string(row.size()) + " values" : ""));
      }
      switch (b.task) {
        case OutcomeTask::classification: {
          const std::uint32_t gold = label_id(row[0], *labels, at + "/0");
          gold_ids.push_back(gold);
          for (std::size_t a = 0; a < d.approaches.size(); ++a) {
            const auto& o = row[a + 1];
            const std::string oat = pointer_append(at, a + 1);
            if (o.is_boolean() && o.get<bool>()) {
              predicted_ids[a].push_back(gold);
            } else if (o.is_null()) {
              predicted_ids[a].push_back(CellOutcomes::invalid);
            } else if (o.is_string()) {
              const std::uint32_t id = label_id(o, *labels, oat);
              if (id == gold) throw InputError(903, source_, oat, "a right answer is written true, not as its label");
              predicted_ids[a].push_back(id);
            } else {
              throw InputError(903, source_, oat, "expected true (right), null (no answer) or a wrong label, got " + describe_json(o));
            }
          }
          break;
        }
        case OutcomeTask::ner: {
          if (!row[0].is_number_unsigned()) throw InputError(903, source_, at + "/0", "expected the number of gold entities, got " + describe_json(row[0]));
          const auto gold = row[0].get<std::uint64_t>();
          for (std::size_t a = 0; a < d.approaches.size(); ++a) {
            documents[a].push_back(ner_counts(row[a + 1], gold, pointer_append(at, a + 1)));
          }
          break;
        }
        case OutcomeTask::similarity: {
          gold_scores.push_back(scale_number(row[0], at + "/0"));
          for (std::size_t a = 0; a < d.approaches.size(); ++a) {
            const auto& o = row[a + 1];
            predicted_scores[a].push_back(o.is_null() ? std::nullopt : std::optional<double>(scale_number(o, pointer_append(at, a + 1))));
          }
          break;
        }
      }
    }
    for (std::size_t a = 0; a < d.approaches.size(); ++a) {
      switch (b.task) {
        case OutcomeTask::classification:
          d.cells.push_back(CellOutcomes::classification(labels, gold_ids, predicted_ids[a], zero_division_, average_over_));
          break;
        case OutcomeTask::ner: d.cells.push_back(CellOutcomes::ner(documents[a], zero_division_)); break;
        case OutcomeTask::similarity:
          d.cells.push_back(CellOutcomes::similarity(gold_scores, predicted_scores[a], min_score_, max_score_));
          break;
      }
      if (!d.cells.back().supports(b.metric)) {
        throw InputError(902, source_, "/metric", "\"" + b.metric + "\" is not a metric of " + to_string(b.task) + " outcomes");
      }
    }
    check_scores(object_member(v, "scores", source_, where), d, b.metric, where + "/scores");
    return d;
  }

  std::shared_ptr<const std::vector<std::string>> read_labels(const nlohmann::ordered_json& v, const std::string& where) {
    if (!v.is_array() || v.empty()) throw InputError(906, source_, where, "expected a non-empty array of labels, got " + describe_json(v));
    std::vector<std::string> labels;
    for (std::size_t l = 0; l < v.size(); ++l) {
      const std::string at = pointer_append(where, l);
      if (!v[l].is_string() || v[l].get<std::string>().empty()) throw InputError(201, source_, at, "expected a non-empty string, got " + describe_json(v[l]));
      if (!labels.empty() && !(labels.back() < v[l].get<std::string>())) {
        throw InputError(903, source_, at, "labels must be sorted and distinct (\"" + v[l].get<std::string>() + "\" after \"" + labels.back() + "\")");
      }
      labels.push_back(v[l].get<std::string>());
    }
    return std::make_shared<const std::vector<std::string>>(std::move(labels));
  }

  std::uint32_t label_id(const nlohmann::ordered_json& v, const std::vector<std::string>& labels, const std::string& at) {
    if (v.is_string()) {
      for (std::size_t l = 0; l < labels.size(); ++l) {
        if (labels[l] == v.get<std::string>()) return static_cast<std::uint32_t>(l);
      }
      throw InputError(903, source_, at, "\"" + v.get<std::string>() + "\" is not in the dataset's labels");
    }
    throw InputError(903, source_, at, "expected a label, got " + describe_json(v));
  }

  metrics::NerMatchCounts ner_counts(const nlohmann::ordered_json& o, std::uint64_t gold, const std::string& at) {
    metrics::NerMatchCounts m;
    if (o.is_boolean() && o.get<bool>()) {
      if (gold > 0xFFFFFFFFu) throw InputError(903, source_, at, "too many entities");
      m.same_span_same_type = static_cast<std::uint32_t>(gold);
      return m;
    }
    if (!o.is_array() || o.size() != 6) {
      throw InputError(903, source_, at,
                       "expected true (every entity right) or the six counts [same span same type, same span other type, "
                       "overlap same type, overlap other type, missed, spurious], got " + describe_json(o));
    }
    std::uint32_t* fields[] = {&m.same_span_same_type, &m.same_span_other_type, &m.overlap_same_type, &m.overlap_other_type,
                               &m.missed, &m.spurious};
    for (std::size_t k = 0; k < 6; ++k) {
      if (!o[k].is_number_unsigned() || o[k].get<std::uint64_t>() > 0xFFFFFFFFu) {
        throw InputError(903, source_, pointer_append(at, k), "expected a count, got " + describe_json(o[k]));
      }
      *fields[k] = static_cast<std::uint32_t>(o[k].get<std::uint64_t>());
    }
    if (CellOutcomes::gold_entities(m) != gold) {
      throw InputError(903, source_, at,
                       "the pairs and misses add up to " + std::to_string(CellOutcomes::gold_entities(m)) +
                           " gold entities, the row's gold count is " + std::to_string(gold));
    }
    return m;
  }

  double scale_number(const nlohmann::ordered_json& v, const std::string& at) {
    const double x = score_from_json(v, source_, at);
    if (x < min_score_ || x > max_score_) {
      throw InputError(903, source_, at, "the score " + detail::general(x, 10) + " is outside the scale [" +
                                             detail::general(min_score_, 10) + ", " + detail::general(max_score_, 10) + "]");
    }
    return x;
  }

  void check_scores(const nlohmann::ordered_json& v, const OutcomeDataset& d, const std::string& metric, const std::string& where) {
    if (!v.is_object()) throw InputError(201, source_, where, "expected an object, got " + describe_json(v));
    for (auto it = v.begin(); it != v.end(); ++it) {
      bool known = false;
      for (const auto& a : d.approaches) known = known || a == it.key();
      if (!known) throw InputError(904, source_, pointer_append(where, it.key()), "a score of an approach the dataset does not list");
    }
    for (std::size_t a = 0; a < d.approaches.size(); ++a) {
      const std::string at = pointer_append(where, d.approaches[a]);
      const auto it = v.find(d.approaches[a]);
      if (it == v.end()) throw InputError(904, source_, where, "missing the score of \"" + d.approaches[a] + "\"");
      const Result<double> computed = d.cells[a].score(metric);
      if (it->is_null() && !computed) continue;
      const double stored = score_from_json(*it, source_, at);
      if (!computed || std::fabs(computed.value() - stored) > 1e-9 * std::max(1.0, std::fabs(stored))) {
        throw InputError(905, source_, at,
                         "the stored " + metric + " " + detail::general(stored, 10) + " is not what the items give (" +
                             (computed ? detail::general(computed.value(), 10) : computed.message()) +
                             "): the file was edited by hand; bless it again");
      }
    }
  }

  const nlohmann::ordered_json& doc_;
  std::string source_;
  OutcomeTask task_ = OutcomeTask::classification;
  metrics::ZeroDivision zero_division_ = metrics::ZeroDivision::zero;
  metrics::AverageOver average_over_ = metrics::AverageOver::observed;
  double min_score_ = 0.0;
  double max_score_ = 5.0;
};

}  // namespace detail

/// An outcome baseline from its text; `source` names it in errors. Throws InputError:
/// synthbench.input.101/102 invalid JSON, 201 wrong type, 202 missing key, 203/204 a score
/// that is not a finite number, 901 not an outcome baseline (format or version), 902 bad task,
/// metric or options, 903 a bad item row, 904 approaches and scores that do not match, 905 a
/// stored score the items do not give, 906 no real dataset, approach or item.
inline OutcomeBaseline parse_outcome_baseline(const std::string& text, const std::string& source = "<string>") {
  const auto doc = detail::parse_json_strict<nlohmann::ordered_json>(text, source);
  return detail::OutcomeBaselineReader(doc, source).read();
}

/// The outcome baseline in `path` (IoError synthbench.io.1 when it cannot be read; InputError
/// as parse_outcome_baseline, naming the file).
inline OutcomeBaseline read_outcome_baseline(const std::filesystem::path& path) {
  return parse_outcome_baseline(detail::read_file(path), path.string());
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_OUTCOME_BASELINE_READ_HPP
