#ifndef SYNTHBENCH_REPORT_REPORT_DATA_HPP
#define SYNTHBENCH_REPORT_REPORT_DATA_HPP

/// @file
/// What a report holds, independent of its format: per experiment, the datasets (size and
/// repairs), the solvers, one section per metric (its score table and the bootstrap
/// intervals of SRCC and MSPD per synthetic benchmark), the solvers' unusable answers, the
/// undefined cells, and the study of draws of real test items when there is one; the tests
/// that gate each experiment, with their verdicts; and the cassettes' usage. Meta-metrics (MSPD, SRCC, bias factor, ...) are
/// not stored: they are recomputed from the score tables (scores/meta_summary.hpp), so a
/// report read back from results.json renders exactly as the one written.

#include <algorithm>  // std::remove_if
#include <cstddef>   // std::size_t
#include <map>       // std::map
#include <optional>  // std::optional
#include <string>    // std::string
#include <vector>    // std::vector

#include "synthbench/experiment/experiment.hpp"
#include "synthbench/scores/bootstrap.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {

/// A bootstrap interval, or why there is none.
struct IntervalEntry {
  std::optional<double> lower;  ///< lower limit (absent when undefined)
  std::optional<double> upper;  ///< upper limit (absent when undefined)
  double confidence = 0.95;     ///< nominal coverage
  std::size_t resamples = 0;    ///< replicates drawn
  std::string undefined;        ///< the reason when there is no interval
};

/// The intervals of one synthetic benchmark's agreement with the real data.
struct AgreementEntry {
  std::string dataset;  ///< a generator, or "average"
  IntervalEntry srcc;   ///< interval of the SRCC
  IntervalEntry mspd;   ///< interval of the MSPD
};

/// One metric of an experiment.
struct MetricSection {
  ScoreTable table;                        ///< the scores (without per-item outcomes)
  std::vector<AgreementEntry> intervals;   ///< per synthetic benchmark; empty when not computed
};

/// One dataset of an experiment.
struct DatasetEntry {
  std::string name;                            ///< "real" or a generator
  std::size_t items = 0;                       ///< its size
  std::map<std::string, std::size_t> issues;   ///< repairs and rejections by kind
};

/// How one solver answered on one dataset.
struct PredictionEntry {
  std::string solver;             ///< the approach
  std::string dataset;            ///< "real" or a generator
  PredictionCounts counts;        ///< items, unusable answers, examples
};

/// One experiment.
struct ExperimentEntry {
  std::string name;                         ///< e.g. "snips"
  std::string task;                         ///< "intent", "ner" or "similarity"
  std::vector<DatasetEntry> datasets;       ///< real first
  std::vector<std::string> solvers;         ///< the approaches
  std::vector<MetricSection> metrics;       ///< one per metric
  std::vector<PredictionEntry> predictions; ///< every solver x dataset
  std::vector<UndefinedCell> undefined;     ///< cells that could not be scored
  std::optional<SampleStudy> samples;       ///< draws of real test items (Experiment::sample_study), if studied
};

/// A test that gates an experiment (it recorded the property "synthbench.experiment" with the
/// experiment's name; gtest/report_listener.hpp's gate()), and its verdict.
struct GateEntry {
  std::string experiment;  ///< the experiment's name
  std::string test;        ///< the test's full name, "Suite.Test/param"
  bool passed = false;     ///< the test passed (a skipped test is not recorded)
};

/// A cassette's use in the run.
struct CassetteEntry {
  std::string path;           ///< the cassette file
  std::size_t replayed = 0;   ///< calls answered from it
  std::size_t recorded = 0;   ///< calls recorded into it
  std::size_t unused = 0;     ///< recorded interactions not used
};

/// Everything a report shows.
struct ReportData {
  std::string producer = std::string("synthbench ") + SYNTHBENCH_VERSION_STRING;  ///< what wrote it
  std::vector<ExperimentEntry> experiments;  ///< in the order added
  std::vector<CassetteEntry> cassettes;      ///< cassettes used
  std::vector<GateEntry> gates;              ///< tests gating the experiments, in the order added

  /// Adds `entry`, replacing an experiment of the same name (a re-run replaces its results,
  /// and drops the gates recorded for the old run).
  void add(ExperimentEntry entry) {
    gates.erase(std::remove_if(gates.begin(), gates.end(), [&entry](const GateEntry& g) { return g.experiment == entry.name; }),
                gates.end());
    for (auto& e : experiments) {
      if (e.name == entry.name) {
        e = std::move(entry);
        return;
      }
    }
    experiments.push_back(std::move(entry));
  }
  /// Adds a gate, replacing one of the same experiment and test.
  void add(GateEntry entry) {
    for (auto& g : gates) {
      if (g.experiment == entry.experiment && g.test == entry.test) {
        g = std::move(entry);
        return;
      }
    }
    gates.push_back(std::move(entry));
  }
  /// Adds or replaces the usage of a cassette (by path).
  void add(CassetteEntry entry) {
    for (auto& c : cassettes) {
      if (c.path == entry.path) {
        c = std::move(entry);
        return;
      }
    }
    cassettes.push_back(std::move(entry));
  }
};

/// How to describe an experiment.
struct DescribeOptions {
  /// Bootstrap options of the SRCC and MSPD intervals (fewer resamples than the default
  /// 2000: a report is made at the end of every test binary).
  stats::BootstrapOptions bootstrap = [] {
    stats::BootstrapOptions o;
    o.resamples = 1000;
    return o;
  }();
  /// Compute intervals only for these metrics; empty: for the first metric of the experiment.
  std::vector<std::string> interval_metrics;
};

namespace detail {

inline IntervalEntry interval_entry(const Result<stats::BootstrapInterval>& r, const stats::BootstrapOptions& o) {
  IntervalEntry e;
  e.confidence = o.confidence;
  e.resamples = o.resamples;
  if (r) {
    e.lower = r.value().lower;
    e.upper = r.value().upper;
  } else {
    e.undefined = r.message();
  }
  return e;
}

inline ScoreTable without_items(const ScoreTable& t) {
  ScoreTable copy(t.metric());
  for (const auto& e : t.real()) copy.set_real(e.approach, e.score);
  for (const auto& g : t.generators()) {
    for (const auto& e : g) copy.set_synthetic(g.dataset(), e.approach, e.score);
  }
  for (const auto& [g, s] : t.solver_map()) copy.set_solver_of(g, s);
  if (t.range()) copy.set_range(t.range()->first, t.range()->second);
  return copy;
}

}  // namespace detail

/// The report entry of `experiment`, with bootstrap intervals for the chosen metrics.
/// (A template so that including this header does not compile the bootstrap.)
template <class E = Experiment>
ExperimentEntry describe(const E& experiment, const DescribeOptions& options = {}) {
  ExperimentEntry entry;
  entry.name = experiment.name();
  entry.task = to_string(experiment.task());
  entry.solvers = experiment.solver_names();
  for (const auto& d : experiment.dataset_names()) {
    DatasetEntry de;
    de.name = d;
    de.items = experiment.item_count(d);
    for (const auto& issue : experiment.data_report(d).issues) ++de.issues[issue.kind];
    entry.datasets.push_back(std::move(de));
    for (const auto& s : experiment.solver_names()) entry.predictions.push_back({s, d, experiment.predictions(s, d)});
  }
  std::vector<std::string> with_intervals = options.interval_metrics;
  const auto metrics = experiment.metric_names();
  if (with_intervals.empty() && !metrics.empty()) with_intervals.push_back(metrics.front());
  for (const auto& m : metrics) {
    MetricSection section{detail::without_items(experiment.scores(m)), {}};
    bool wanted = false;
    for (const auto& w : with_intervals) wanted = wanted || w == m;
    if (wanted && experiment.scores(m).problems().empty()) {
      const auto boot = bootstrap_meta(experiment.scores(m), options.bootstrap);
      for (const auto& name : experiment.scores(m).synthetic_names()) {
        AgreementEntry a;
        a.dataset = name;
        if (boot) {
          const auto& intervals = boot.value().at(name);
          a.srcc = detail::interval_entry(intervals.srcc, options.bootstrap);
          a.mspd = detail::interval_entry(intervals.mspd, options.bootstrap);
        } else {
          a.srcc.undefined = a.mspd.undefined = boot.message();
        }
        section.intervals.push_back(std::move(a));
      }
    }
    entry.metrics.push_back(std::move(section));
  }
  entry.undefined = experiment.undefined_cells();
  if (const SampleStudy* samples = experiment.sample_study()) entry.samples = *samples;
  return entry;
}

/// A report entry for a bare score table (no experiment: e.g. published numbers).
inline ExperimentEntry describe_table(const std::string& name, const ScoreTable& table) {
  ExperimentEntry entry;
  entry.name = name;
  entry.task = "scores";
  entry.solvers = table.real().approaches();
  entry.metrics.push_back({detail::without_items(table), {}});
  return entry;
}

}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_REPORT_DATA_HPP
