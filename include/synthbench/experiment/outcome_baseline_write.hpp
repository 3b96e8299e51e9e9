#ifndef SYNTHBENCH_EXPERIMENT_OUTCOME_BASELINE_WRITE_HPP
#define SYNTHBENCH_EXPERIMENT_OUTCOME_BASELINE_WRITE_HPP

/// @file
/// Writing an outcome baseline: dump_outcome_baseline gives its text in the format of
/// docs/baseline-format.md ("synthbench-outcomes" version 1), JSON with one line per item, so
/// that a 10,000-item baseline stays small and a changed answer is a one-line diff.

#include <cstddef>  // std::size_t
#include <string>   // std::string

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/format.hpp"                      // detail::general
#include "synthbench/experiment/cell_outcomes.hpp"           // CellOutcomes, OutcomeTask
#include "synthbench/experiment/loaders/loader_support.hpp"  // detail::shortest
#include "synthbench/experiment/outcome_baseline_table.hpp"  // OutcomeBaseline, OutcomeDataset
#include "synthbench/metrics/classification.hpp"             // metrics::to_string(AverageOver)
#include "synthbench/metrics/zero_division.hpp"              // metrics::to_string(ZeroDivision)
#include "synthbench/result.hpp"                             // Result
#include "synthbench/version.hpp"                            // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

namespace detail {

/// `s` as a JSON string literal (throws nlohmann's type_error 316 for text that is not UTF-8).
inline std::string json_string(const std::string& s) { return nlohmann::json(s).dump(); }

/// One item's row of a dataset: its gold side, then each approach's outcome.
inline std::string outcome_row(const OutcomeDataset& d, OutcomeTask task, std::size_t i) {
  std::string row = "[";
  const CellOutcomes& ref = d.cells.front();
  switch (task) {
    case OutcomeTask::classification: row += json_string(ref.gold_text(i)); break;
    case OutcomeTask::ner: row += std::to_string(CellOutcomes::gold_entities(ref.documents()[i])); break;
    case OutcomeTask::similarity: row += detail::loading::shortest(ref.gold_scores()[i]); break;
  }
  for (const auto& cell : d.cells) {
    row += ", ";
    switch (task) {
      case OutcomeTask::classification:
        row += cell.right(i) ? std::string("true")
                             : (cell.predicted_ids()[i] == CellOutcomes::invalid ? std::string("null")
                                                                                  : json_string(cell.labels()[cell.predicted_ids()[i]]));
        break;
      case OutcomeTask::ner: {
        const auto& m = cell.documents()[i];
        if (m.same_span_same_type == CellOutcomes::gold_entities(m) && m.spurious == 0) {
          row += "true";
        } else {
          row += "[" + std::to_string(m.same_span_same_type) + ", " + std::to_string(m.same_span_other_type) + ", " +
                 std::to_string(m.overlap_same_type) + ", " + std::to_string(m.overlap_other_type) + ", " +
                 std::to_string(m.missed) + ", " + std::to_string(m.spurious) + "]";
        }
        break;
      }
      case OutcomeTask::similarity: {
        const auto& p = cell.predicted_scores()[i];
        row += p ? detail::loading::shortest(*p) : std::string("null");
        break;
      }
    }
  }
  return row + "]";
}

}  // namespace detail

/// The text of `baseline` in the format of docs/baseline-format.md (one line per item).
inline std::string dump_outcome_baseline(const OutcomeBaseline& baseline) {
  using detail::json_string;
  std::string out = "{\n  \"format\": \"synthbench-outcomes\",\n  \"version\": 1,\n  \"task\": " +
                    json_string(to_string(baseline.task)) + ",\n  \"metric\": " + json_string(baseline.metric) + ",\n";
  const CellOutcomes* any = baseline.datasets.empty() || baseline.datasets.front().cells.empty()
                                ? nullptr
                                : &baseline.datasets.front().cells.front();
  out += "  \"options\": {";
  if (any != nullptr) {
    switch (baseline.task) {
      case OutcomeTask::classification:
        out += "\"zero_division\": " + json_string(metrics::to_string(any->zero_division())) +
               ", \"average_over\": " + json_string(metrics::to_string(any->average_over()));
        break;
      case OutcomeTask::ner: out += "\"zero_division\": " + json_string(metrics::to_string(any->zero_division())); break;
      case OutcomeTask::similarity:
        out += "\"scale\": [" + detail::loading::shortest(any->scale().first) + ", " + detail::loading::shortest(any->scale().second) + "]";
        break;
    }
  }
  out += "},\n  \"datasets\": {";
  for (std::size_t k = 0; k < baseline.datasets.size(); ++k) {
    const OutcomeDataset& d = baseline.datasets[k];
    out += std::string(k == 0 ? "" : ",") + "\n    " + json_string(d.name) + ": {\n";
    if (baseline.task == OutcomeTask::classification && !d.cells.empty()) {
      out += "      \"labels\": [";
      const auto& labels = d.cells.front().labels();
      for (std::size_t l = 0; l < labels.size(); ++l) out += (l == 0 ? "" : ", ") + json_string(labels[l]);
      out += "],\n";
    }
    out += "      \"approaches\": [";
    for (std::size_t a = 0; a < d.approaches.size(); ++a) out += (a == 0 ? "" : ", ") + json_string(d.approaches[a]);
    out += "],\n      \"scores\": {";
    for (std::size_t a = 0; a < d.approaches.size(); ++a) {
      const Result<double> s = d.cells[a].score(baseline.metric);
      out += (a == 0 ? "" : ", ") + json_string(d.approaches[a]) + ": " + (s ? detail::general(s.value(), 10) : "null");
    }
    out += "},\n      \"items\": [";
    const std::size_t n = d.cells.empty() ? 0 : d.cells.front().size();
    for (std::size_t i = 0; i < n; ++i) {
      out += std::string(i == 0 ? "" : ",") + "\n    " + detail::outcome_row(d, baseline.task, i);
    }
    out += n == 0 ? "]\n    }" : "\n      ]\n    }";
  }
  out += "\n  }\n}\n";
  return out;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_OUTCOME_BASELINE_WRITE_HPP
