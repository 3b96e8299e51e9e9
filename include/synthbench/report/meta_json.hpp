#ifndef SYNTHBENCH_REPORT_META_JSON_HPP
#define SYNTHBENCH_REPORT_META_JSON_HPP

/// @file
/// The JSON form of a MetaSummary: the output contract of `synthbench meta --format json`
/// (DESIGN.md, docs/cli.md):
///
///     {"metric": str, "methods": [...],
///      "datasets": {name: {"mspd", "srcc", "srcc_p_exact", "kendall_tau_b",
///                          "top1_agreement", "selection_regret", "difficulty_gap"}},
///      "bias_factor": {model: value}}
///
/// An undefined statistic is null, and the dataset (or the top level, for bias factors) gets
/// an "undefined" object mapping the statistic to its reason. When intervals are given (the
/// CLI computes them, scores/approach_bootstrap.hpp), each dataset also gets
/// "srcc_ci": {"lower", "upper", "confidence", "resamples", "resampled": "approaches"} (null,
/// with its reason under "undefined", when there is none).

#include <string>  // std::string

#include <nlohmann/json.hpp>

#include "synthbench/result.hpp"
#include "synthbench/scores/approach_bootstrap.hpp"
#include "synthbench/scores/meta_summary.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {
namespace detail {

template <class T>
void put(nlohmann::ordered_json& object, nlohmann::ordered_json& undefined, const char* key, const Result<T>& r) {
  if (r.ok()) {
    object[key] = r.value();
  } else {
    object[key] = nullptr;
    undefined[key] = r.message();
  }
}

}  // namespace detail

/// `summary` as the JSON document of the `synthbench meta` contract, with `srcc_intervals`
/// (when not null) as each dataset's "srcc_ci".
inline nlohmann::ordered_json meta_to_json(const MetaSummary& summary, const SrccIntervals* srcc_intervals = nullptr) {
  nlohmann::ordered_json doc;
  doc["metric"] = summary.metric;
  doc["methods"] = summary.approaches;
  doc["datasets"] = nlohmann::ordered_json::object();
  for (const auto& d : summary.datasets) {
    nlohmann::ordered_json entry;
    nlohmann::ordered_json undefined = nlohmann::ordered_json::object();
    detail::put(entry, undefined, "mspd", d.mspd);
    detail::put(entry, undefined, "srcc", d.srcc);
    if (d.srcc_p_exact.ok()) {
      entry["srcc_p_exact"] = d.srcc_p_exact.value().p;
    } else {
      entry["srcc_p_exact"] = nullptr;
      undefined["srcc_p_exact"] = d.srcc_p_exact.message();
    }
    detail::put(entry, undefined, "kendall_tau_b", d.kendall_tau_b);
    detail::put(entry, undefined, "top1_agreement", d.top1_agreement);
    detail::put(entry, undefined, "selection_regret", d.selection_regret);
    detail::put(entry, undefined, "difficulty_gap", d.difficulty_gap);
    if (srcc_intervals != nullptr) {
      const auto it = srcc_intervals->find(d.dataset);
      if (it != srcc_intervals->end() && it->second) {
        const auto& i = it->second.value();
        entry["srcc_ci"] = {{"lower", i.lower}, {"upper", i.upper}, {"confidence", i.confidence},
                            {"resamples", i.resamples}, {"resampled", "approaches"}};
      } else {
        entry["srcc_ci"] = nullptr;
        undefined["srcc_ci"] = it == srcc_intervals->end() ? std::string("not computed") : it->second.message();
      }
    }
    if (!undefined.empty()) entry["undefined"] = undefined;
    doc["datasets"][d.dataset] = entry;
  }
  doc["bias_factor"] = nlohmann::ordered_json::object();
  nlohmann::ordered_json undefined = nlohmann::ordered_json::object();
  for (const auto& [model, bf] : summary.bias_factors) detail::put(doc["bias_factor"], undefined, model.c_str(), bf);
  if (!undefined.empty()) doc["bias_factor_undefined"] = undefined;
  return doc;
}

}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_META_JSON_HPP
