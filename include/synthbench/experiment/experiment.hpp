#ifndef SYNTHBENCH_EXPERIMENT_EXPERIMENT_HPP
#define SYNTHBENCH_EXPERIMENT_EXPERIMENT_HPP

/// @file
/// `Experiment`: the results of one generator x solver grid on one real dataset (METHOD.md):
/// a ScoreTable per metric (real and synthetic scores of every solver, with per-item outcomes
/// so the bootstrap works), the count of unusable answers per solver and dataset, what
/// loading or generating each dataset had to repair, and which cells are undefined and why.
///
/// This header only holds results; run.hpp computes them. A test translation unit that only
/// asserts on an experiment includes this one (it is cheap), as in DESIGN.md:
///
///     const synthbench::Experiment& snips();   // defined once, built once per test binary
///     TEST_P(SnipsSynthetic, RanksApproachesLikeRealData) {
///       const auto& t = snips().scores("macro_f1");
///       EXPECT_SRCC_GE(t.real(), t.synthetic(GetParam()), 0.8);
///     }

#include <cstddef>  // std::size_t
#include <map>      // std::map
#include <string>   // std::string
#include <utility>  // std::move, std::pair
#include <vector>   // std::vector

#include "synthbench/error.hpp"
#include "synthbench/experiment/dataset.hpp"
#include "synthbench/llm/outcome.hpp"
#include "synthbench/experiment/sample_study.hpp"
#include "synthbench/result.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// The three tasks of the study.
enum class Task { intent, ner, similarity };

/// "intent", "ner" or "similarity".
inline const char* to_string(Task t) noexcept {
  return t == Task::intent ? "intent" : (t == Task::ner ? "ner" : "similarity");
}

/// How one solver's answers on one dataset went.
struct PredictionCounts {
  std::size_t items = 0;           ///< predictions asked for
  /// Answers (outcome answer or length, or from a solver that is not an LLM) that could not
  /// be used at all (no label, no number, no entity list). Refusals, filtered answers and
  /// failed calls are not among them: they are counted in `outcomes`.
  std::size_t parse_failures = 0;
  std::size_t out_of_label_set = 0;  ///< intent answers naming no known intent (scored as wrong)
  std::vector<std::string> examples;  ///< up to 5 raw unparsable answers, for messages and reports
  /// How each LLM call ended (llm/outcome.hpp), one per prediction of an LLM solver; empty
  /// for a solver that is not an LLM.
  llm::OutcomeCounts outcomes;

  /// parse_failures / items; undefined without items.
  Result<double> parse_failure_rate() const {
    if (items == 0) return Result<double>::undefined(Undefined::too_few, "no prediction was asked for");
    return static_cast<double>(parse_failures) / static_cast<double>(items);
  }

  /// The share of the LLM calls that ended in `outcome`; undefined when no LLM call was made.
  Result<double> outcome_rate(llm::Outcome outcome) const {
    if (outcomes.empty()) return Result<double>::undefined(Undefined::too_few, "no LLM call was made");
    return static_cast<double>(outcomes.count(outcome)) / static_cast<double>(outcomes.total());
  }
};

/// A score that could not be computed for one cell of a table (the cell is then absent, and
/// meta-metrics on that table say which approach is missing).
struct UndefinedCell {
  std::string metric;   ///< the table's metric
  std::string solver;   ///< the approach
  std::string dataset;  ///< "real" or a generator
  std::string message;  ///< why, e.g. "undefined (constant_input): ..."
};

/// The results of a generator x solver grid on one real dataset.
class Experiment {
 public:
  /// An empty experiment named `name` (e.g. "snips") of task `task`.
  Experiment(std::string name, Task task) : name_(std::move(name)), task_(task) {}

  /// The experiment's name.
  const std::string& name() const noexcept { return name_; }
  /// Its task.
  Task task() const noexcept { return task_; }

  /// The table of `metric` ("macro_f1", "ent_type_f1", "pearson", ...). Throws UsageError
  /// (synthbench.usage.80) naming the metrics the experiment has.
  const ScoreTable& scores(const std::string& metric) const {
    for (const auto& [name, table] : tables_) {
      if (name == metric) return table;
    }
    throw UsageError(80, "experiment '" + name_ + "' has no metric '" + metric + "' (it has: " + join(metric_names()) + ")");
  }
  /// The metrics, in the order they were added.
  std::vector<std::string> metric_names() const {
    std::vector<std::string> names;
    for (const auto& [name, table] : tables_) names.push_back(name);
    return names;
  }
  /// The generators (synthetic datasets), in order.
  const std::vector<std::string>& generator_names() const noexcept { return generators_; }
  /// The generators and "average": what a suite typically parameterizes over.
  std::vector<std::string> synthetic_names() const {
    std::vector<std::string> names = generators_;
    if (!names.empty()) names.emplace_back(ScoreTable::average_name);
    return names;
  }
  /// The solvers (approaches), in order.
  const std::vector<std::string>& solver_names() const noexcept { return solvers_; }
  /// "real" and then the generators.
  std::vector<std::string> dataset_names() const {
    std::vector<std::string> names{"real"};
    names.insert(names.end(), generators_.begin(), generators_.end());
    return names;
  }

  /// How `solver`'s answers on `dataset` ("real" or a generator) went. Throws UsageError
  /// (synthbench.usage.81) for an unknown pair.
  const PredictionCounts& predictions(const std::string& solver, const std::string& dataset) const {
    const auto it = predictions_.find({solver, dataset});
    if (it == predictions_.end()) {
      throw UsageError(81, "experiment '" + name_ + "' has no predictions of solver '" + solver + "' on dataset '" +
                               dataset + "' (solvers: " + join(solvers_) + "; datasets: " + join(dataset_names()) + ")");
    }
    return it->second;
  }
  /// What loading or generating `dataset` repaired or rejected. Throws UsageError
  /// (synthbench.usage.82) for an unknown dataset.
  const DataReport& data_report(const std::string& dataset) const {
    const auto it = reports_.find(dataset);
    if (it == reports_.end()) {
      throw UsageError(82, "experiment '" + name_ + "' has no dataset '" + dataset + "' (datasets: " +
                               join(dataset_names()) + ")");
    }
    return it->second;
  }
  /// The number of items of `dataset`.
  std::size_t item_count(const std::string& dataset) const { return item_counts_.at(dataset); }
  /// Cells that could not be scored, with the reason.
  const std::vector<UndefinedCell>& undefined_cells() const noexcept { return undefined_; }
  /// How the agreement depends on the real test items drawn (sample_study.hpp), or null when
  /// it was not studied (the seed study studies it when asked for draws).
  const SampleStudy* sample_study() const noexcept { return sample_study_.empty() ? nullptr : &sample_study_.front(); }

  // Building (used by run.hpp; users read the getters above).

  /// Adds a dataset (the real one first, then each generator's) with its report and size.
  void add_dataset(const std::string& dataset, DataReport report, std::size_t items) {
    if (dataset != "real") generators_.push_back(dataset);
    reports_[dataset] = std::move(report);
    item_counts_[dataset] = items;
  }
  /// Adds a solver's name.
  void add_solver(const std::string& solver) { solvers_.push_back(solver); }
  /// The table of `metric`, created empty on first use.
  ScoreTable& table(const std::string& metric) {
    for (auto& [name, t] : tables_) {
      if (name == metric) return t;
    }
    tables_.emplace_back(metric, ScoreTable(metric));
    return tables_.back().second;
  }
  /// Records how `solver` did on `dataset`.
  void set_predictions(const std::string& solver, const std::string& dataset, PredictionCounts counts) {
    predictions_[{solver, dataset}] = std::move(counts);
  }
  /// Records a cell that could not be scored.
  void add_undefined_cell(UndefinedCell cell) { undefined_.push_back(std::move(cell)); }
  /// Attaches the study of draws of the real test items.
  void set_sample_study(SampleStudy study) { sample_study_.assign(1, std::move(study)); }

 private:
  static std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "none" : out;
  }

  std::string name_;
  Task task_;
  std::vector<std::string> generators_;
  std::vector<std::string> solvers_;
  std::vector<std::pair<std::string, ScoreTable>> tables_;
  std::map<std::pair<std::string, std::string>, PredictionCounts> predictions_;
  std::map<std::string, DataReport> reports_;
  std::map<std::string, std::size_t> item_counts_;
  std::vector<UndefinedCell> undefined_;
  std::vector<SampleStudy> sample_study_;  // none or one
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_EXPERIMENT_HPP
