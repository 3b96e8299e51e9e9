#ifndef SYNTHBENCH_EXPERIMENT_RUN_HPP
#define SYNTHBENCH_EXPERIMENT_RUN_HPP

/// @file
/// Runs a generator x solver grid (METHOD.md, steps 1 to 3): every generator produces its
/// synthetic dataset once; every solver predicts the real dataset and each synthetic one
/// once; each prediction set becomes per-item outcomes (metrics layer), and each metric's
/// score of each (solver, dataset) cell goes into that metric's ScoreTable together with
/// the outcomes, so that bootstrap intervals resample items without re-running anything.
///
///     synthbench::ExperimentSpec<synthbench::IntentItem> spec;
///     spec.name = "snips";
///     spec.real = ...;                        // the real test items
///     spec.examples = ...;                    // where generators sample prompt examples
///     spec.generators = {...};                // pre-generated files or LLM generators
///     spec.solvers = {...};                   // reference solvers or LLM solvers
///     const synthbench::Experiment e = synthbench::run_experiment(spec);
///
/// Unusable answers are counted per solver and dataset (Experiment::predictions: answers
/// that do not parse, and the outcome of every LLM call: refusals, filtered answers, failed
/// calls, each kind apart) and scored by the task's documented rule: a missing intent is wrong, a missing entity list finds no
/// entity, a missing similarity score is handled by SimilarityOptions (the midpoint by
/// default). A cell whose score is undefined (e.g. Pearson of constant predictions) is left
/// out of its table and listed in Experiment::undefined_cells with the reason.

#include <cstddef>   // std::size_t
#include <memory>    // std::shared_ptr
#include <optional>  // std::optional
#include <set>       // std::set
#include <string>    // std::string
#include <utility>   // std::move, std::pair
#include <vector>    // std::vector

#include "synthbench/error.hpp"
#include "synthbench/experiment/dataset.hpp"
#include "synthbench/experiment/experiment.hpp"
#include "synthbench/experiment/generator.hpp"
#include "synthbench/experiment/items.hpp"
#include "synthbench/experiment/solver.hpp"
#include "synthbench/llm/outcome.hpp"
#include "synthbench/metrics/classification.hpp"
#include "synthbench/metrics/ner.hpp"
#include "synthbench/metrics/similarity.hpp"
#include "synthbench/scores/resamplable_score.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// Options of the intent task: which metrics make tables, and how to score.
struct IntentTaskOptions {
  /// The tables to build, named as metrics::to_string (e.g. "macro_f1").
  std::vector<metrics::ClassificationMetric> metrics = {
      metrics::ClassificationMetric::macro_f1, metrics::ClassificationMetric::accuracy,
      metrics::ClassificationMetric::macro_precision, metrics::ClassificationMetric::macro_recall};
  /// Scoring options. When `labels` is empty, the run declares the label set of the real
  /// data and of GenerationRequest::labels, so that a synthetic set lacking an intent does not
  /// turn a correct-looking answer into an out-of-label-set one.
  metrics::ClassificationOptions classification;
};

/// Options of the NER task.
struct NerTaskOptions {
  /// The tables to build: (schema, measure), named "<schema>_<measure>" ("ent_type_f1").
  std::vector<std::pair<metrics::NerSchema, metrics::NerMeasure>> metrics = {
      {metrics::NerSchema::strict, metrics::NerMeasure::f1},
      {metrics::NerSchema::exact, metrics::NerMeasure::f1},
      {metrics::NerSchema::partial, metrics::NerMeasure::f1},
      {metrics::NerSchema::ent_type, metrics::NerMeasure::f1}};
  /// Scoring options (`types` defaults to GenerationRequest::labels).
  metrics::NerOptions ner;
};

/// Options of the similarity task.
struct SimilarityTaskOptions {
  /// The tables to build: "pearson", "spearman".
  std::vector<metrics::SimilarityMetric> metrics = {metrics::SimilarityMetric::pearson,
                                                    metrics::SimilarityMetric::spearman};
  /// Scoring options (scale 0 to 5, unparsable answers at the midpoint by default).
  metrics::SimilarityOptions similarity;
};

/// What each task is made of: its solver type, options and scoring.
template <class Item>
struct TaskTraits;

/// One scored cell: a metric's name and its per-item score.
struct ScoredCell {
  std::string metric;                                ///< the table's name
  std::shared_ptr<const ResamplableScore> score;     ///< the outcomes behind it
};

namespace detail {

inline void keep_example(PredictionCounts& counts, const std::string& raw) {
  if (counts.examples.size() < 5) counts.examples.push_back(raw.size() > 200 ? raw.substr(0, 197) + "..." : raw);
}

/// Counts the outcome of a prediction and tells whether a missing value is a parse failure:
/// only answers are (answer or length, or a solver that is not an LLM); a refusal, a
/// filtered answer, tool calls and failed calls are counted by their outcome alone.
inline bool count_outcome(PredictionCounts& counts, const std::optional<llm::Outcome>& outcome) {
  if (!outcome) return true;
  counts.outcomes.add(*outcome);
  return *outcome == llm::Outcome::answer || *outcome == llm::Outcome::length;
}

}  // namespace detail

/// The intent task.
template <>
struct TaskTraits<IntentItem> {
  using Solver = IntentSolver;                  ///< predicts intents
  using Options = IntentTaskOptions;            ///< its options
  static constexpr Task task = Task::intent;    ///< the task

  /// The cells of `predicted` against `gold`, and the counts of unusable answers.
  static std::vector<ScoredCell> score(const std::vector<IntentItem>& gold, const std::vector<IntentPrediction>& predicted,
                                       const Options& options, const std::vector<std::string>& labels,
                                       PredictionCounts& counts) {
    std::vector<std::string> gold_labels;
    std::vector<metrics::LabelPrediction> answers;
    for (const auto& item : gold) gold_labels.push_back(item.label);
    for (const auto& p : predicted) {
      answers.push_back(p.label);
      const bool answered = detail::count_outcome(counts, p.outcome);
      if (!p.label && answered) {
        ++counts.parse_failures;
        detail::keep_example(counts, p.raw);
      }
    }
    metrics::ClassificationOptions o = options.classification;
    if (o.labels.empty()) o.labels = labels;
    const metrics::ClassificationOutcomes outcomes(gold_labels, answers, o);
    for (const auto& invalid : outcomes.invalid_predictions()) {
      if (!invalid.missing) {
        ++counts.out_of_label_set;
        detail::keep_example(counts, invalid.answer);
      }
    }
    std::vector<ScoredCell> cells;
    for (const auto m : options.metrics) cells.push_back({metrics::to_string(m), make_resamplable(outcomes.scorer(m))});
    return cells;
  }
};

/// The NER task.
template <>
struct TaskTraits<NerItem> {
  using Solver = NerSolver;                  ///< predicts entity spans
  using Options = NerTaskOptions;            ///< its options
  static constexpr Task task = Task::ner;    ///< the task

  /// The cells of `predicted` against `gold`; a missing entity list counts as a parse
  /// failure and predicts no entity.
  static std::vector<ScoredCell> score(const std::vector<NerItem>& gold, const std::vector<NerPrediction>& predicted,
                                       const Options& options, const std::vector<std::string>& labels,
                                       PredictionCounts& counts) {
    std::vector<metrics::NerDocument> documents;
    documents.reserve(gold.size());
    for (std::size_t i = 0; i < gold.size(); ++i) {
      metrics::NerDocument d;
      d.gold = gold[i].entities;
      d.text = gold[i].text;
      const bool answered = detail::count_outcome(counts, predicted[i].outcome);
      if (predicted[i].entities) {
        d.predicted = *predicted[i].entities;
      } else if (answered) {
        ++counts.parse_failures;
        detail::keep_example(counts, predicted[i].raw);
      }
      documents.push_back(std::move(d));
    }
    metrics::NerOptions o = options.ner;
    if (o.types.empty()) o.types = labels;
    const metrics::NerOutcomes outcomes(documents, o);
    std::vector<ScoredCell> cells;
    for (const auto& [schema, measure] : options.metrics) {
      cells.push_back({std::string(metrics::to_string(schema)) + "_" + metrics::to_string(measure),
                       make_resamplable(outcomes.scorer(schema, measure))});
    }
    return cells;
  }
};

/// The similarity task.
template <>
struct TaskTraits<SimilarityItem> {
  using Solver = SimilaritySolver;                  ///< predicts similarity scores
  using Options = SimilarityTaskOptions;            ///< its options
  static constexpr Task task = Task::similarity;    ///< the task

  /// The cells of `predicted` against `gold`; missing scores are handled by the options.
  static std::vector<ScoredCell> score(const std::vector<SimilarityItem>& gold,
                                       const std::vector<SimilarityPrediction>& predicted, const Options& options,
                                       const std::vector<std::string>&, PredictionCounts& counts) {
    std::vector<double> gold_scores;
    std::vector<metrics::ScoreAnswer> answers;
    for (const auto& item : gold) gold_scores.push_back(item.score);
    for (const auto& p : predicted) {
      const bool answered = detail::count_outcome(counts, p.outcome);
      if (p.score) {
        answers.push_back(metrics::ScoreAnswer::of(*p.score));
      } else {
        answers.push_back(metrics::ScoreAnswer::missing());
        if (answered) {
          ++counts.parse_failures;
          detail::keep_example(counts, p.raw);
        }
      }
    }
    const metrics::SimilarityOutcomes outcomes(gold_scores, answers, options.similarity);
    std::vector<ScoredCell> cells;
    for (const auto m : options.metrics) cells.push_back({metrics::to_string(m), make_resamplable(outcomes.scorer(m))});
    return cells;
  }
};

/// Everything an experiment is made of.
template <class Item>
struct ExperimentSpec {
  std::string name;                                   ///< e.g. "snips"
  Dataset<Item> real;                                 ///< the real test items (its name is forced to "real")
  Dataset<Item> examples;                             ///< where generators sample their prompt examples (train split)
  std::vector<std::shared_ptr<Generator<Item>>> generators;        ///< one synthetic dataset each
  std::vector<std::shared_ptr<typename TaskTraits<Item>::Solver>> solvers;  ///< the approaches
  GenerationRequest<Item> generation;                 ///< labels, domain, count, k, seed (examples: set by the run)
  typename TaskTraits<Item>::Options options;         ///< metrics and scoring
};

namespace detail {

template <class Item>
void check_names(const ExperimentSpec<Item>& spec, const std::vector<std::string>& generator_names) {
  if (spec.solvers.empty()) throw UsageError(83, "experiment '" + spec.name + "' has no solver");
  std::set<std::string> seen;
  for (const auto& s : spec.solvers) {
    if (!s) throw UsageError(83, "experiment '" + spec.name + "' has a null solver");
    if (!seen.insert(s->name()).second) {
      throw UsageError(84, "experiment '" + spec.name + "' has two solvers named '" + s->name() + "'");
    }
  }
  seen.clear();
  for (const auto& g : generator_names) {
    if (g == "real" || g == ScoreTable::average_name || g.empty()) {
      throw UsageError(84, "experiment '" + spec.name + "': '" + g + "' cannot name a generator (reserved)");
    }
    if (!seen.insert(g).second) throw UsageError(84, "experiment '" + spec.name + "' has two generators named '" + g + "'");
  }
}

}  // namespace detail

/// Runs the grid of `spec` and returns its results. Throws UsageError (83: no or a null
/// solver; 84: duplicate or reserved names) and whatever a generator or solver throws (a
/// cassette miss, an I/O error): those are failures of the run, not answers to score.
template <class Item>
Experiment run_experiment(const ExperimentSpec<Item>& spec) {
  using Traits = TaskTraits<Item>;
  Experiment experiment(spec.name, Traits::task);
  std::vector<std::string> generator_names;
  for (const auto& g : spec.generators) {
    if (!g) throw UsageError(83, "experiment '" + spec.name + "' has a null generator");
    generator_names.push_back(g->name());
  }
  detail::check_names(spec, generator_names);

  // Step 1: the datasets. Generators run once each, in order.
  std::vector<Dataset<Item>> datasets;
  datasets.push_back(spec.real);
  datasets.back().name = "real";
  GenerationRequest<Item> request = spec.generation;
  request.examples = &spec.examples;
  for (std::size_t i = 0; i < spec.generators.size(); ++i) {
    Dataset<Item> d = spec.generators[i]->generate(request);
    d.name = generator_names[i];
    datasets.push_back(std::move(d));
  }
  // The label set every prediction is checked against: declared labels, then every label of
  // the real data (generated data may lack some).
  std::vector<std::string> labels = spec.generation.labels;
  if constexpr (Traits::task == Task::intent) {
    std::set<std::string> known(labels.begin(), labels.end());
    for (const auto& item : spec.real.items) {
      if (known.insert(item.label).second) labels.push_back(item.label);
    }
  }
  for (const auto& d : datasets) experiment.add_dataset(d.name, d.report, d.items.size());

  // Steps 2 and 3: every solver on every dataset, once; per-item outcomes into the tables.
  for (const auto& solver : spec.solvers) {
    const std::string approach = solver->name();
    experiment.add_solver(approach);
    for (const auto& d : datasets) {
      std::vector<std::decay_t<decltype(input_of(std::declval<const Item&>()))>> inputs;
      inputs.reserve(d.items.size());
      for (const auto& item : d.items) inputs.push_back(input_of(item));
      const auto predictions = solver->predict(inputs);
      if (predictions.size() != inputs.size()) {
        throw UsageError(85, "solver '" + approach + "' returned " + std::to_string(predictions.size()) +
                                 " predictions for " + std::to_string(inputs.size()) + " inputs of '" + d.name + "'");
      }
      PredictionCounts counts;
      counts.items = inputs.size();
      const auto cells = Traits::score(d.items, predictions, spec.options, labels, counts);
      experiment.set_predictions(approach, d.name, std::move(counts));
      for (const auto& cell : cells) {
        const Result<double> value = cell.score->score();
        if (!value) {
          experiment.add_undefined_cell({cell.metric, approach, d.name, value.message()});
          experiment.table(cell.metric);  // the table exists even when this cell does not
          continue;
        }
        if (d.name == "real") {
          experiment.table(cell.metric).set_real(approach, cell.score);
        } else {
          experiment.table(cell.metric).set_synthetic(d.name, approach, cell.score);
        }
      }
    }
  }
  return experiment;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_RUN_HPP
