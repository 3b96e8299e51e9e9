#ifndef SYNTHBENCH_EXPERIMENT_SEED_STUDY_HPP
#define SYNTHBENCH_EXPERIMENT_SEED_STUDY_HPP

/// @file
/// The study's protocol (Maheshwari et al. 2024, section III) on SG4NLP-style data with the
/// in-process reference solvers, so that it runs without any LLM:
///
/// | dataset | task | real test items | synthetic data | solvers | first metric |
/// | --- | --- | --- | --- | --- | --- |
/// | snips, atis | intent | the first 200 of test.jsonl (SG4NLP: `test[:200]`) | the six generated k1 sets | 5 intent reference solvers trained on train.jsonl | macro_f1 |
/// | crossner_literature, crossner_politics | NER | the first 200 of test.jsonl | the six generated k5 sets | 5 NER reference solvers trained on train.jsonl | exact_f1 |
/// | headlines, tweet-news | similarity | the first 200 of test.jsonl | the six generated k1 sets | 5 similarity reference solvers | pearson |
///
/// The first metric of each experiment is the one the paper's Table II uses for that task.
/// The data folder is $SYNTHBENCH_DATA_DIR, else ../shared/data/sg4nlp (relative to the
/// working directory); seed_study_available() says whether it is there.

#include <cstdlib>     // std::getenv
#include <filesystem>  // std::filesystem::path, std::filesystem::exists
#include <memory>      // std::shared_ptr
#include <string>      // std::string
#include <vector>      // std::vector

#include "synthbench/error.hpp"
#include "synthbench/experiment/experiment.hpp"
#include "synthbench/experiment/generators/pregenerated.hpp"
#include "synthbench/experiment/loaders/crossner_json.hpp"
#include "synthbench/experiment/loaders/jsonl.hpp"
#include "synthbench/experiment/run.hpp"
#include "synthbench/experiment/sampling.hpp"
#include "synthbench/experiment/solvers/intent_reference_solvers.hpp"
#include "synthbench/experiment/solvers/ner_reference_solvers.hpp"
#include "synthbench/experiment/solvers/similarity_reference_solvers.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// How much of the protocol to run.
struct SeedStudyOptions {
  std::size_t test_items = 200;       ///< real test items per dataset (the first ones)
  std::size_t k_intent = 1;           ///< which generated intent sets (k examples per intent)
  std::size_t k_ner = 5;              ///< which generated NER sets (k random examples)
  std::size_t k_similarity = 1;       ///< which generated similarity sets (k examples per score)
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

template <class Solver>
std::vector<std::shared_ptr<Solver>> shared_solvers(std::vector<std::unique_ptr<Solver>> solvers) {
  return std::vector<std::shared_ptr<Solver>>(std::make_move_iterator(solvers.begin()), std::make_move_iterator(solvers.end()));
}

}  // namespace detail

/// Runs the protocol on one dataset of the study (see the file comment). Throws UsageError
/// (synthbench.usage.87) for an unknown dataset or missing generated data, and the loaders'
/// errors (IoError, InputError) for missing or malformed files.
inline Experiment run_seed_study(const std::string& dataset, const std::filesystem::path& dir = sg4nlp_data_dir(),
                                 const SeedStudyOptions& options = {}) {
  const auto real_dir = dir / "real" / dataset;
  if (dataset == "snips" || dataset == "atis") {
    ExperimentSpec<IntentItem> spec;
    spec.name = dataset;
    spec.real = first_items(load_intent_jsonl(real_dir / "test.jsonl"), options.test_items);
    spec.examples = load_intent_jsonl(real_dir / "train.jsonl", "train");
    spec.generators = detail::shared_generators<IntentItem>(dir, dataset, options.k_intent);
    spec.solvers = detail::shared_solvers(intent_reference_solvers(spec.examples.items));
    spec.generation.count = options.test_items;
    spec.generation.k = options.k_intent;
    return run_experiment(spec);
  }
  if (dataset == "crossner_literature" || dataset == "crossner_politics") {
    ExperimentSpec<NerItem> spec;
    spec.name = dataset;
    NerLoadOptions load;
    load.types = load_crossner_labels(real_dir / "labels.json");
    load.lowercase_types = true;
    spec.real = first_items(load_ner_jsonl(real_dir / "test.jsonl", "real", load), options.test_items);
    spec.examples = load_ner_jsonl(real_dir / "train.jsonl", "train", load);
    spec.generators = detail::shared_generators<NerItem>(dir, dataset, options.k_ner);
    spec.solvers = detail::shared_solvers(ner_reference_solvers(spec.examples.items));
    spec.generation.labels = load.types;
    spec.generation.count = options.test_items;
    spec.generation.k = options.k_ner;
    spec.options.metrics = {{metrics::NerSchema::exact, metrics::NerMeasure::f1},
                            {metrics::NerSchema::strict, metrics::NerMeasure::f1},
                            {metrics::NerSchema::partial, metrics::NerMeasure::f1},
                            {metrics::NerSchema::ent_type, metrics::NerMeasure::f1}};
    return run_experiment(spec);
  }
  if (dataset == "headlines" || dataset == "tweet-news") {
    ExperimentSpec<SimilarityItem> spec;
    spec.name = dataset;
    spec.real = first_items(load_similarity_jsonl(real_dir / "test.jsonl"), options.test_items);
    spec.generators = detail::shared_generators<SimilarityItem>(dir, dataset, options.k_similarity);
    spec.solvers = detail::shared_solvers(similarity_reference_solvers());
    spec.generation.count = options.test_items;
    spec.generation.k = options.k_similarity;
    return run_experiment(spec);
  }
  std::string known;
  for (const auto& d : seed_study_datasets()) known += (known.empty() ? "" : ", ") + d;
  throw UsageError(87, "'" + dataset + "' is not a dataset of the study (" + known + ")");
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SEED_STUDY_HPP
