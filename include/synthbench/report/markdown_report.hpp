#ifndef SYNTHBENCH_REPORT_MARKDOWN_REPORT_HPP
#define SYNTHBENCH_REPORT_MARKDOWN_REPORT_HPP

/// @file
/// report.md: a report laid out like the paper's tables (Maheshwari et al. 2024), computed for
/// whatever approaches the experiments ranked. It opens with a summary (report/summary.hpp:
/// per experiment the headline SRCC with its exact p and interval, MSPD, the spread over
/// draws of test items, the verdict of its gates). Per experiment: Table I (MSPD and SRCC of
/// each generator and of the average, per metric, each SRCC with its exact one-sided p-value
/// and, where computed, bootstrap intervals), a model-selection table for the experiment's
/// first metric (exact p, top-1, regret, difficulty gap), the sensitivity to the real test
/// items when studied (report/samples_markdown.hpp), unusable answers, data repairs and
/// undefined cells. Then Table II: the bias factor of every model that is both generator and
/// solver, model x experiment, on each experiment's first metric.

#include <cstddef>  // std::size_t
#include <map>      // std::map
#include <string>   // std::string
#include <vector>   // std::vector

#include "synthbench/detail/format.hpp"
#include "synthbench/report/outcome_table.hpp"
#include "synthbench/report/markdown_escape.hpp"
#include "synthbench/report/report_data.hpp"
#include "synthbench/report/samples_markdown.hpp"
#include "synthbench/report/summary.hpp"
#include "synthbench/scores/meta_summary.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {
namespace detail {

inline std::string md_value(const Result<double>& r, int decimals) {
  return r ? synthbench::detail::fixed(r.value(), decimals) : "n/a";
}

inline std::string md_interval(const IntervalEntry& i, int decimals = 2) {
  if (!i.lower || !i.upper) return "";
  return " [" + synthbench::detail::fixed(*i.lower, decimals) + ", " + synthbench::detail::fixed(*i.upper, decimals) + "]";
}

inline std::string md_p(const Result<stats::ExactPValue>& p) {
  return p ? " (p " + synthbench::detail::general(p.value().p, 3) + ")" : "";
}

inline const AgreementEntry* intervals_of(const MetricSection& m, const std::string& dataset) {
  for (const auto& a : m.intervals) {
    if (a.dataset == dataset) return &a;
  }
  return nullptr;
}

inline std::string display_name(const std::string& dataset) {
  return dataset == ScoreTable::average_name ? "**Average**" : md_escape(dataset);
}

}  // namespace detail

/// The Markdown report of `data`.
inline std::string render_markdown(const ReportData& data) {
  using synthbench::detail::fixed;
  using synthbench::detail::general;
  using synthbench::detail::signed_fixed;
  std::string md = "# synthbench report\n\nProduced by " + detail::md_escape(data.producer) + ". " +
                   std::to_string(data.experiments.size()) + " experiment(s). Intervals are bootstrap percentile "
                   "intervals over test items (paired within a dataset); p is the exact one-sided permutation p-value of "
                   "the SRCC.\n" + summary_markdown(summary_rows(data));
  // Table II collects bias factors across experiments: model -> experiment -> value.
  std::map<std::string, std::map<std::string, std::string>> bias;
  std::vector<std::string> bias_columns;
  for (const auto& e : data.experiments) {
    md += "\n## " + detail::md_escape(e.name) + " (" + e.task + ")\n\n";
    if (!e.datasets.empty()) {
      md += "Datasets:";
      for (const auto& d : e.datasets) {
        md += " " + detail::md_escape(d.name) + " (" + std::to_string(d.items) + " items";
        for (const auto& [kind, n] : d.issues) md += ", " + std::to_string(n) + " " + detail::md_escape(kind);
        md += ");";
      }
      md.back() = '.';
      md += "\n\n";
    }
    md += "Solvers: " + detail::md_escape([&] {
      std::string s;
      for (const auto& x : e.solvers) s += (s.empty() ? "" : ", ") + x;
      return s;
    }()) + ".\n\n";
    if (e.metrics.empty()) continue;
    // Table I.
    md += "Table I. MSPD (lower is better) and SRCC (higher is better) against the real data.\n\n| Generator |";
    std::string rule = "| --- |";
    for (const auto& m : e.metrics) {
      md += " " + detail::md_escape(m.table.metric()) + " MSPD | " + detail::md_escape(m.table.metric()) + " SRCC |";
      rule += " ---: | ---: |";
    }
    md += "\n" + rule + "\n";
    for (const auto& name : e.metrics.front().table.synthetic_names()) {
      md += "| " + detail::display_name(name) + " |";
      for (const auto& m : e.metrics) {
        if (!m.table.has_synthetic(name)) {
          md += " n/a | n/a |";
          continue;
        }
        const auto* ci = detail::intervals_of(m, name);
        md += " " + detail::md_value(mspd(m.table.real(), m.table.synthetic(name)), 3) + (ci ? detail::md_interval(ci->mspd, 3) : "") +
              " | " + detail::md_value(srcc(m.table.real(), m.table.synthetic(name)), 2) +
              detail::md_p(srcc_exact_p(m.table.real(), m.table.synthetic(name))) + (ci ? detail::md_interval(ci->srcc) : "") +
              " |";
      }
      md += "\n";
    }
    // Model selection on the first metric.
    const auto& first = e.metrics.front().table;
    md += "\nModel selection on " + detail::md_escape(first.metric()) +
          ": does the synthetic benchmark pick the model the real data would?\n\n"
          "| Generator | SRCC p (exact) | Kendall tau-b | Top-1 | Regret | Difficulty gap |\n"
          "| --- | ---: | ---: | :---: | ---: | ---: |\n";
    if (first.problems().empty()) {
      const MetaSummary s = summarize(first);
      for (const auto& d : s.datasets) {
        md += "| " + detail::display_name(d.dataset) + " | " +
              (d.srcc_p_exact ? general(d.srcc_p_exact.value().p, 3) : "n/a") + " | " + detail::md_value(d.kendall_tau_b, 2) +
              " | " + (d.top1_agreement ? (d.top1_agreement.value() ? "yes" : "no") : "n/a") + " | " +
              detail::md_value(d.selection_regret, 3) + " | " +
              (d.difficulty_gap ? signed_fixed(d.difficulty_gap.value(), 3) : "n/a") + " |\n";
      }
      if (!s.bias_factors.empty()) bias_columns.push_back(e.name);
      for (const auto& [model, bf] : s.bias_factors) {
        bias[model][e.name] = bf ? signed_fixed(bf.value(), 3) : "n/a";
      }
    } else {
      md += "| (incomplete table: " + detail::md_escape(first.problems().front()) + ") | | | | | |\n";
    }
    if (e.samples && e.samples->metric == first.metric()) {
      md += samples_markdown(*e.samples, first.generators().size() == 1 ? first.synthetic_names().front()
                                                                         : std::string(ScoreTable::average_name));
    }
    // Unusable answers, repairs, undefined cells.
    std::string unusable;
    for (const auto& p : e.predictions) {
      if (p.counts.parse_failures == 0 && p.counts.out_of_label_set == 0) continue;
      unusable += "| " + detail::md_escape(p.solver) + " | " + detail::md_escape(p.dataset) + " | " +
                  std::to_string(p.counts.parse_failures) + " / " + std::to_string(p.counts.items) + " | " +
                  std::to_string(p.counts.out_of_label_set) + " | " +
                  (p.counts.examples.empty() ? "" : "`" + detail::md_escape(p.counts.examples.front()) + "`") + " |\n";
    }
    md += unusable.empty() ? "\nEvery answer was usable.\n"
                           : "\nUnusable answers:\n\n| Solver | Dataset | Unparsable | Unknown label | Example |\n"
                             "| --- | --- | ---: | ---: | --- |\n" + unusable;
    md += render_outcomes_markdown(e, &detail::md_escape);  // outcome_table.hpp
    if (!e.undefined.empty()) {
      md += "\nUndefined cells (left out of their tables):\n\n";
      for (const auto& u : e.undefined) {
        md += "- " + detail::md_escape(u.metric) + ", " + detail::md_escape(u.solver) + " on " + detail::md_escape(u.dataset) +
              ": " + detail::md_escape(u.message) + "\n";
      }
    }
  }
  md += "\n## Bias factor\n\nTable II. Bias factor of each model that is both a generator and a solver, on each "
        "experiment's first metric (positive: the model does better on its own data).\n\n";
  if (bias.empty()) {
    md += "No model is both a generator and a solver in these experiments.\n";
  } else {
    md += "| Model |";
    std::string rule = "| --- |";
    for (const auto& c : bias_columns) {
      md += " " + detail::md_escape(c) + " |";
      rule += " ---: |";
    }
    md += "\n" + rule + "\n";
    for (const auto& [model, row] : bias) {
      md += "| " + detail::md_escape(model) + " |";
      for (const auto& c : bias_columns) {
        const auto it = row.find(c);
        md += " " + (it == row.end() ? std::string("") : it->second) + " |";
      }
      md += "\n";
    }
  }
  if (!data.cassettes.empty()) {
    md += "\n## Cassettes\n\n| Cassette | Replayed | Recorded | Unused |\n| --- | ---: | ---: | ---: |\n";
    for (const auto& c : data.cassettes) {
      md += "| " + detail::md_escape(c.path) + " | " + std::to_string(c.replayed) + " | " + std::to_string(c.recorded) +
            " | " + std::to_string(c.unused) + " |\n";
    }
  }
  return md;
}

}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_MARKDOWN_REPORT_HPP
