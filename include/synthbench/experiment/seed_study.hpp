#ifndef SYNTHBENCH_EXPERIMENT_SEED_STUDY_HPP
#define SYNTHBENCH_EXPERIMENT_SEED_STUDY_HPP

/// @file
/// The study's protocol (Maheshwari et al. 2024, section III) on SG4NLP-style data with the
/// in-process reference solvers (solvers/study_solvers.hpp: eight per task), so that it runs
/// without any LLM:
///
/// | dataset | task | synthetic data | solvers |
/// | --- | --- | --- | --- |
/// | snips, atis | intent | the six generated k1 sets | 8 intent solvers trained on train.jsonl |
/// | crossner_literature, crossner_politics | NER | the six generated k5 sets | 8 NER solvers trained on train.jsonl |
/// | headlines, tweet-news | similarity | the six generated k1 sets | 8 similarity solvers |
///
/// **Two modes** (SeedStudyOptions::mode). They differ in three choices, each the study's own
/// in the paper mode:
///
/// | choice | practitioner (default) | paper | source of the paper's choice |
/// | --- | --- | --- | --- |
/// | real test items | 200 drawn at random (seeded: the "random 1" draw below) | the first 200 | SG4NLP src/runner.py: `dataset["test"][:number_of_test_examples]` |
/// | intent macro-F1 | over the classes observed (gold or predicted): scikit-learn's default | over the train label set, a label absent from the items counting F1 = 0 | SG4NLP src/runner.py: a LabelBinarizer fitted on the train labels, then classification_report's macro average |
/// | NER: first metric | strict_f1 (span and type exact: CoNLL's F1), then exact, partial, ent_type | ent_type_f1, then exact, strict, partial | Table II's Politics column is reproduced by ent_type F1 (../shared/data/paper; docs/metrics.md), though its caption names exact F1 |
///
/// Similarity is scored by Pearson's r (then Spearman) in both modes (Table II's caption). The
/// experiment is named after the dataset in the practitioner mode and "<dataset>-paper" in the
/// paper mode (seed_study_name).
///
/// **The real test split is predicted once, whole**, when there is more to score than one
/// mode's 200 items (both modes, or draws): the 200 items of each mode, and every draw of the
/// sample study, are scored from those predictions. (tfidf-cosine fits its IDF on the batch it
/// is given: the whole split then, the 200 items when run_seed_study runs one mode without
/// draws; its real score can differ between the two in the third decimal.) With
/// `sample_draws` = N > 0 the experiment
/// carries a SampleStudy (sample_study.hpp) of its first metric over 2N + 1 draws of `test_items`
/// items: the first ones, N uniformly at random (random_indices, seed
/// stats::derive_seed(sample_seed, "random:<k>")) and N stratified by label (stratified_indices,
/// seed derive_seed(sample_seed, "stratified:<k>"); strata: the intent, the score bucket
/// (score_bucket), or the most frequent entity type of the sentence, "" for none, ties to the
/// type that sorts first). The practitioner mode's 200 items are the draw "random 1".
///
/// The data folder is $SYNTHBENCH_DATA_DIR, else ../shared/data/sg4nlp (relative to the
/// working directory); seed_study_available() says whether it is there.

#include <cstdint>     // std::uint64_t
#include <cstdlib>     // std::getenv
#include <filesystem>  // std::filesystem::path, std::filesystem::exists
#include <map>         // std::map
#include <memory>      // std::shared_ptr, std::make_shared
#include <set>         // std::set
#include <string>      // std::string
#include <vector>      // std::vector

#include "synthbench/error.hpp"
#include "synthbench/experiment/experiment.hpp"
#include "synthbench/experiment/generators/pregenerated.hpp"
#include "synthbench/experiment/loaders/crossner_json.hpp"
#include "synthbench/experiment/loaders/jsonl.hpp"
#include "synthbench/experiment/run.hpp"
#include "synthbench/experiment/sample_scoring.hpp"
#include "synthbench/experiment/sampling.hpp"
#include "synthbench/experiment/solvers/remembering_solver.hpp"
#include "synthbench/experiment/solvers/study_solvers.hpp"
#include "synthbench/stats/bootstrap.hpp"
#include "synthbench/stats/random.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// Which choices the seed study makes (see the file comment).
enum class SeedStudyMode {
  practitioner,  ///< what a practitioner should use (the default)
  paper,         ///< what the study's code did
};

/// "practitioner" or "paper".
inline const char* to_string(SeedStudyMode m) noexcept { return m == SeedStudyMode::paper ? "paper" : "practitioner"; }

/// How much of the protocol to run, and how.
struct SeedStudyOptions {
  std::size_t test_items = 200;       ///< real test items scored (the first ones, or drawn at random)
  std::size_t k_intent = 1;           ///< which generated intent sets (k examples per intent)
  std::size_t k_ner = 5;              ///< which generated NER sets (k random examples)
  std::size_t k_similarity = 1;       ///< which generated similarity sets (k examples per score)
  SeedStudyMode mode = SeedStudyMode::practitioner;  ///< the choices of the file comment
  std::uint64_t sample_seed = stats::default_bootstrap_seed;  ///< seed of the random and stratified draws
  std::size_t sample_draws = 0;       ///< random and stratified draws each for the sample study (0: none)
};

/// The SG4NLP data folder: $SYNTHBENCH_DATA_DIR, else ../shared/data/sg4nlp.
inline std::filesystem::path sg4nlp_data_dir() {
  const char* dir = std::getenv("SYNTHBENCH_DATA_DIR");
  return dir != nullptr && *dir != '\0' ? std::filesystem::path(dir) : std::filesystem::path("../shared/data/sg4nlp");
}

/// The six datasets of the study, in the order of its tables.
inline std::vector<std::string> seed_study_datasets() {
  return {"snips", "atis", "crossner_literature", "crossner_politics", "headlines", "tweet-news"};
}

/// The experiment's name: `dataset` in the practitioner mode, "<dataset>-paper" in the paper mode.
inline std::string seed_study_name(const std::string& dataset, SeedStudyMode mode) {
  return mode == SeedStudyMode::paper ? dataset + "-paper" : dataset;
}

/// True when `dir` holds the real and generated data of every dataset of the study.
inline bool seed_study_available(const std::filesystem::path& dir = sg4nlp_data_dir()) {
  for (const auto& d : seed_study_datasets()) {
    if (!std::filesystem::exists(dir / "real" / d / "test.jsonl") || !std::filesystem::exists(dir / "generated" / d)) {
      return false;
    }
  }
  return true;
}

namespace detail {

template <class Item>
std::vector<std::shared_ptr<Generator<Item>>> shared_generators(const std::filesystem::path& dir, const std::string& dataset,
                                                                std::size_t k) {
  std::vector<std::shared_ptr<Generator<Item>>> out;
  for (auto& g : pregenerated_generators<Item>(dir, dataset, k)) out.push_back(std::move(g));
  if (out.empty()) {
    throw UsageError(87, "no generated " + dataset + " data with k = " + std::to_string(k) + " in " +
                             (dir / "generated" / dataset).string());
  }
  return out;
}

/// The stratum of an item in a stratified draw (see the file comment).
inline std::string stratum_of(const IntentItem& item) { return item.label; }
/// The stratum of a similarity item: its score bucket.
inline std::string stratum_of(const SimilarityItem& item) { return score_bucket(item.score); }
/// The stratum of a NER item: its most frequent entity type ("" without entities).
inline std::string stratum_of(const NerItem& item) {
  std::map<std::string, std::size_t> count;
  for (const auto& e : item.entities) ++count[e.type];
  std::string best;
  std::size_t most = 0;
  for (const auto& [type, n] : count) {
    if (n > most) {
      best = type;
      most = n;
    }
  }
  return best;
}

/// The draws of the sample study (see the file comment).
template <class Item>
std::vector<DrawPlan> plan_draws(const Dataset<Item>& whole, const SeedStudyOptions& options) {
  std::vector<std::string> keys;
  keys.reserve(whole.items.size());
  for (const auto& item : whole.items) keys.push_back(stratum_of(item));
  const std::size_t population = whole.items.size();
  std::vector<DrawPlan> plans{{"first", 0, first_indices(population, options.test_items)}};
  for (std::size_t k = 1; k <= options.sample_draws; ++k) {
    plans.push_back({"random", k,
                     random_indices(population, options.test_items,
                                    stats::derive_seed(options.sample_seed, "random:" + std::to_string(k)))});
  }
  for (std::size_t k = 1; k <= options.sample_draws; ++k) {
    plans.push_back({"stratified", k,
                     stratified_indices(keys, options.test_items,
                                        stats::derive_seed(options.sample_seed, "stratified:" + std::to_string(k)))});
  }
  return plans;
}

/// What one dataset of the study is made of, loaded and trained once for every mode.
template <class Item>
struct SeedStudyParts {
  using Solver = typename TaskTraits<Item>::Solver;
  std::string dataset;                                      ///< e.g. "snips"
  Dataset<Item> whole;                                      ///< the whole real test split
  Dataset<Item> examples;                                   ///< the train split (prompt examples)
  std::vector<std::shared_ptr<Generator<Item>>> generators;  ///< the generated sets
  std::vector<std::shared_ptr<Solver>> solvers;             ///< the trained solvers (remembering wrappers: set_solvers)
  GenerationRequest<Item> generation;                       ///< labels, count, k
};

// The trained solvers. When `remember` (several modes, or draws), each remembers its answers
// and predicts the whole real test split first: every mode and draw is scored from those
// answers. Otherwise the 200 items are predicted as they are (one grid, nothing to share).
template <class Item, class Trained>
void set_solvers(SeedStudyParts<Item>& parts, Trained trained, bool remember) {
  using Solver = typename SeedStudyParts<Item>::Solver;
  using Input = std::decay_t<decltype(input_of(std::declval<const Item&>()))>;
  using Prediction = typename decltype(std::declval<Solver&>().predict(std::vector<Input>{}))::value_type;
  for (auto& s : trained) {
    if (remember) {
      parts.solvers.push_back(std::make_shared<RememberingSolver<Input, Prediction>>(std::shared_ptr<Solver>(std::move(s))));
    } else {
      parts.solvers.push_back(std::shared_ptr<Solver>(std::move(s)));
    }
  }
  if (!remember) return;
  std::vector<Input> inputs;
  inputs.reserve(parts.whole.items.size());
  for (const auto& item : parts.whole.items) inputs.push_back(input_of(item));
  for (auto& s : parts.solvers) s->predict(inputs);
}

template <class Item>
typename TaskTraits<Item>::Options task_options(SeedStudyMode mode, const std::vector<std::string>& labels);

template <>
inline IntentTaskOptions task_options<IntentItem>(SeedStudyMode mode, const std::vector<std::string>& labels) {
  IntentTaskOptions o;
  if (mode == SeedStudyMode::paper) {
    o.classification.labels = labels;
    o.classification.average_over = metrics::AverageOver::declared;
  }
  return o;
}

template <>
inline NerTaskOptions task_options<NerItem>(SeedStudyMode mode, const std::vector<std::string>&) {
  using metrics::NerMeasure;
  using metrics::NerSchema;
  NerTaskOptions o;
  if (mode == SeedStudyMode::paper) {
    o.metrics = {{NerSchema::ent_type, NerMeasure::f1},
                 {NerSchema::exact, NerMeasure::f1},
                 {NerSchema::strict, NerMeasure::f1},
                 {NerSchema::partial, NerMeasure::f1}};
  } else {
    o.metrics = {{NerSchema::strict, NerMeasure::f1},
                 {NerSchema::exact, NerMeasure::f1},
                 {NerSchema::partial, NerMeasure::f1},
                 {NerSchema::ent_type, NerMeasure::f1}};
  }
  return o;
}

template <>
inline SimilarityTaskOptions task_options<SimilarityItem>(SeedStudyMode, const std::vector<std::string>&) {
  return {};
}

/// One mode of one dataset (see the file comment).
template <class Item>
Experiment run_seed_study_mode(SeedStudyParts<Item>& parts, SeedStudyMode mode, const SeedStudyOptions& options) {
  using Traits = TaskTraits<Item>;
  ExperimentSpec<Item> spec;
  spec.name = seed_study_name(parts.dataset, mode);
  if (mode == SeedStudyMode::paper) {
    spec.real = first_items(parts.whole, options.test_items);
  } else {  // the draw "random 1"
    spec.real = subset(parts.whole, random_indices(parts.whole.items.size(), options.test_items,
                                                   stats::derive_seed(options.sample_seed, "random:1")));
  }
  spec.examples = parts.examples;
  spec.generators = parts.generators;
  spec.solvers = parts.solvers;
  spec.generation = parts.generation;
  spec.options = task_options<Item>(mode, parts.generation.labels);
  Experiment experiment = run_experiment(spec);
  if (options.sample_draws == 0) return experiment;

  // The sample study: each solver's outcomes on the whole real test split (answers from memory).
  const std::string metric = experiment.metric_names().front();
  std::vector<std::string> labels = spec.generation.labels;
  if constexpr (Traits::task == Task::intent) {
    std::set<std::string> known(labels.begin(), labels.end());
    for (const auto& item : parts.whole.items) {
      if (known.insert(item.label).second) labels.push_back(item.label);
    }
  }
  std::vector<std::decay_t<decltype(input_of(std::declval<const Item&>()))>> inputs;
  for (const auto& item : parts.whole.items) inputs.push_back(input_of(item));
  std::map<std::string, std::shared_ptr<const ResamplableScore>> whole_real;
  for (auto& solver : parts.solvers) {
    PredictionCounts counts;
    for (const auto& cell : Traits::score(parts.whole.items, solver->predict(inputs), spec.options, labels, counts)) {
      if (cell.metric == metric) whole_real[solver->name()] = cell.score;
    }
  }
  const std::string headline = mode == SeedStudyMode::paper ? "first" : "random 1";
  experiment.set_sample_study(score_draws(experiment.scores(metric), whole_real, plan_draws(parts.whole, options), headline));
  return experiment;
}

/// Loads one dataset of the study and trains its solvers (see the file comment).
template <class Item>
SeedStudyParts<Item> load_seed_study(const std::string& dataset, const std::filesystem::path& dir,
                                     const SeedStudyOptions& options, bool remember);

template <>
inline SeedStudyParts<IntentItem> load_seed_study<IntentItem>(const std::string& dataset, const std::filesystem::path& dir,
                                                              const SeedStudyOptions& options, bool remember) {
  const auto real_dir = dir / "real" / dataset;
  SeedStudyParts<IntentItem> parts;
  parts.dataset = dataset;
  parts.whole = load_intent_jsonl(real_dir / "test.jsonl");
  parts.examples = load_intent_jsonl(real_dir / "train.jsonl", "train");
  parts.generators = shared_generators<IntentItem>(dir, dataset, options.k_intent);
  std::set<std::string> labels;
  for (const auto& item : parts.examples.items) labels.insert(item.label);
  parts.generation.labels.assign(labels.begin(), labels.end());  // the train label set, sorted
  parts.generation.count = options.test_items;
  parts.generation.k = options.k_intent;
  set_solvers(parts, intent_study_solvers(parts.examples.items), remember);
  return parts;
}

template <>
inline SeedStudyParts<NerItem> load_seed_study<NerItem>(const std::string& dataset, const std::filesystem::path& dir,
                                                        const SeedStudyOptions& options, bool remember) {
  const auto real_dir = dir / "real" / dataset;
  SeedStudyParts<NerItem> parts;
  parts.dataset = dataset;
  NerLoadOptions load;
  load.types = load_crossner_labels(real_dir / "labels.json");
  load.lowercase_types = true;
  parts.whole = load_ner_jsonl(real_dir / "test.jsonl", "real", load);
  parts.examples = load_ner_jsonl(real_dir / "train.jsonl", "train", load);
  parts.generators = shared_generators<NerItem>(dir, dataset, options.k_ner);
  parts.generation.labels = load.types;
  parts.generation.count = options.test_items;
  parts.generation.k = options.k_ner;
  set_solvers(parts, ner_study_solvers(parts.examples.items), remember);
  return parts;
}

template <>
inline SeedStudyParts<SimilarityItem> load_seed_study<SimilarityItem>(const std::string& dataset,
                                                                      const std::filesystem::path& dir,
                                                                      const SeedStudyOptions& options, bool remember) {
  SeedStudyParts<SimilarityItem> parts;
  parts.dataset = dataset;
  parts.whole = load_similarity_jsonl(dir / "real" / dataset / "test.jsonl");
  parts.generators = shared_generators<SimilarityItem>(dir, dataset, options.k_similarity);
  parts.generation.count = options.test_items;
  parts.generation.k = options.k_similarity;
  set_solvers(parts, similarity_study_solvers(), remember);
  return parts;
}

template <class Item>
std::vector<Experiment> run_seed_study_modes_of(const std::string& dataset, const std::filesystem::path& dir,
                                                const SeedStudyOptions& options, const std::vector<SeedStudyMode>& modes) {
  auto parts = load_seed_study<Item>(dataset, dir, options, modes.size() > 1 || options.sample_draws > 0);
  std::vector<Experiment> out;
  for (const auto mode : modes) out.push_back(run_seed_study_mode(parts, mode, options));
  return out;
}

inline std::vector<Experiment> run_seed_study_modes(const std::string& dataset, const std::filesystem::path& dir,
                                                    const SeedStudyOptions& options,
                                                    const std::vector<SeedStudyMode>& modes) {
  if (dataset == "snips" || dataset == "atis") return run_seed_study_modes_of<IntentItem>(dataset, dir, options, modes);
  if (dataset == "crossner_literature" || dataset == "crossner_politics") {
    return run_seed_study_modes_of<NerItem>(dataset, dir, options, modes);
  }
  if (dataset == "headlines" || dataset == "tweet-news") {
    return run_seed_study_modes_of<SimilarityItem>(dataset, dir, options, modes);
  }
  std::string known;
  for (const auto& d : seed_study_datasets()) known += (known.empty() ? "" : ", ") + d;
  throw UsageError(87, "'" + dataset + "' is not a dataset of the study (" + known + ")");
}

}  // namespace detail

/// Runs the protocol on one dataset of the study in `options.mode` (see the file comment).
/// Throws UsageError (synthbench.usage.87) for an unknown dataset or missing generated data,
/// and the loaders' errors (IoError, InputError) for missing or malformed files.
inline Experiment run_seed_study(const std::string& dataset, const std::filesystem::path& dir = sg4nlp_data_dir(),
                                 const SeedStudyOptions& options = {}) {
  return std::move(detail::run_seed_study_modes(dataset, dir, options, {options.mode}).front());
}

/// Runs both modes on one dataset, the practitioner's first, loading the data, training the
/// solvers and predicting each input once (`options.mode` is not used). Throws as
/// run_seed_study.
inline std::vector<Experiment> run_seed_study_both_modes(const std::string& dataset,
                                                         const std::filesystem::path& dir = sg4nlp_data_dir(),
                                                         const SeedStudyOptions& options = {}) {
  return detail::run_seed_study_modes(dataset, dir, options, {SeedStudyMode::practitioner, SeedStudyMode::paper});
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SEED_STUDY_HPP
