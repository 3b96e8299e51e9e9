#ifndef SYNTHBENCH_REPORT_META_MARKDOWN_HPP
#define SYNTHBENCH_REPORT_META_MARKDOWN_HPP

/// @file
/// A MetaSummary as Markdown, laid out like the paper's tables (Maheshwari et al. 2024):
/// Table I (MSPD and SRCC per generator and the average, plus synthbench's additions: the
/// exact p-value and, when given, a bootstrap interval of the SRCC over approaches) and
/// Table II (bias factor per model), then the per-approach scores.

#include <string>  // std::string

#include "synthbench/detail/format.hpp"
#include "synthbench/report/markdown_escape.hpp"
#include "synthbench/result.hpp"
#include "synthbench/scores/meta_summary.hpp"
#include "synthbench/scores/approach_bootstrap.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {
namespace detail {

inline std::string cell(const Result<double>& r, int decimals) {
  return r.ok() ? synthbench::detail::fixed(r.value(), decimals) : "n/a";
}

}  // namespace detail

/// Markdown tables of `summary`; `table` supplies the per-approach scores, `srcc_intervals`
/// (when not null) a column of SRCC intervals. Undefined values print as "n/a", with their
/// reasons listed under the table.
inline std::string meta_to_markdown(const MetaSummary& summary, const ScoreTable& table,
                                    const SrccIntervals* srcc_intervals = nullptr) {
  using synthbench::detail::fixed;
  using synthbench::detail::general;
  using synthbench::detail::signed_fixed;
  std::string md;
  std::string notes;
  md += "## Synthetic vs real: " + detail::md_escape(summary.metric) + "\n\n";
  md += "Table I. MSPD (lower is better) and SRCC (higher is better) of each synthetic benchmark "
        "against the real data, over " + std::to_string(summary.approaches.size()) + " approaches.\n\n";
  const bool ci = srcc_intervals != nullptr;
  md += std::string("| Generator | MSPD | SRCC | p (exact) |") + (ci ? " SRCC 95% CI |" : "") +
        " Kendall tau-b | Top-1 | Regret | Gap |\n";
  md += std::string("| --- | ---: | ---: | ---: |") + (ci ? " ---: |" : "") + " ---: | :---: | ---: | ---: |\n";
  for (const auto& d : summary.datasets) {
    const bool average = d.dataset == ScoreTable::average_name;
    const std::string name = average ? "**Average**" : detail::md_escape(d.dataset);
    const std::string p = d.srcc_p_exact.ok() ? general(d.srcc_p_exact.value().p, 3) : "n/a";
    const std::string top1 = d.top1_agreement.ok() ? (d.top1_agreement.value() ? "yes" : "no") : "n/a";
    std::string interval;
    if (ci) {
      const auto it = srcc_intervals->find(d.dataset);
      const bool has = it != srcc_intervals->end() && it->second.ok();
      interval = (has ? "[" + fixed(it->second.value().lower, 2) + ", " + fixed(it->second.value().upper, 2) + "]"
                      : std::string("n/a")) + " | ";
      if (it != srcc_intervals->end() && !has) notes += "- " + d.dataset + ": SRCC interval: " + it->second.message() + "\n";
    }
    md += "| " + name + " | " + detail::cell(d.mspd, 2) + " | " + detail::cell(d.srcc, 2) + " | " + p + " | " + interval +
          detail::cell(d.kendall_tau_b, 2) + " | " + top1 + " | " + detail::cell(d.selection_regret, 3) + " | " +
          (d.difficulty_gap.ok() ? signed_fixed(d.difficulty_gap.value(), 3) : "n/a") + " |\n";
    for (const auto* r : {&d.mspd, &d.srcc, &d.kendall_tau_b, &d.selection_regret, &d.difficulty_gap}) {
      if (!r->ok()) notes += "- " + d.dataset + ": " + r->message() + "\n";
    }
    if (!d.srcc_p_exact.ok()) notes += "- " + d.dataset + ": " + d.srcc_p_exact.message() + "\n";
  }
  md += std::string("\np (exact): one-sided permutation p-value of the SRCC over all n! orderings.") +
        (ci ? " SRCC 95% CI: percentile bootstrap interval over resamples of the approaches (the table has no "
              "per-item outcomes to resample)." : "") +
        " Top-1: the synthetic winner also wins on real data. Regret: real score lost by picking the synthetic winner. Gap: mean of "
        "synthetic minus real (positive: synthetic data is easier).\n";

  md += "\nTable II. Bias factor (positive: the model does better on its own data).\n\n";
  if (summary.bias_factors.empty()) {
    md += "No model is both a generator and a solver in this table.\n";
  } else {
    md += "| Model | Bias factor |\n| --- | ---: |\n";
    for (const auto& [model, bf] : summary.bias_factors) {
      md += "| " + detail::md_escape(model) + " | " + (bf.ok() ? signed_fixed(bf.value(), 3) : "n/a") + " |\n";
      if (!bf.ok()) notes += "- bias factor of " + model + ": " + bf.message() + "\n";
    }
  }

  md += "\nScores (" + detail::md_escape(summary.metric) + ")\n\n| Approach | Real |";
  std::string rule = "| --- | ---: |";
  for (const auto& name : table.synthetic_names()) {
    md += " " + (name == ScoreTable::average_name ? std::string("Average") : detail::md_escape(name)) + " |";
    rule += " ---: |";
  }
  md += "\n" + rule + "\n";
  for (const auto& approach : summary.approaches) {
    md += "| " + detail::md_escape(approach) + " | " + fixed(table.real().at(approach), 4) + " |";
    for (const auto& name : table.synthetic_names()) {
      const auto s = table.synthetic(name).find(approach);
      md += " " + (s ? fixed(*s, 4) : std::string("n/a")) + " |";
    }
    md += "\n";
  }
  if (!notes.empty()) md += "\nUndefined values:\n\n" + notes;
  return md;
}

}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_META_MARKDOWN_HPP
