#ifndef SYNTHBENCH_EXPERIMENT_HPP
#define SYNTHBENCH_EXPERIMENT_HPP

/// @file
/// The experiment layer: items and datasets of the three tasks, their repair reports and
/// load-time entity repair, seeded sampling, the generator and solver interfaces, and the
/// in-process reference solvers.
///
/// Not included here, for compile time (each instantiates much of nlohmann_json: about 1.4 s
/// more per translation unit at -O0, docs/datasets.md): the JSON readers
/// synthbench/experiment/loaders/jsonl.hpp and loaders/crossner_json.hpp, and
/// synthbench/experiment/generators/pregenerated.hpp, which uses the first;
/// synthbench/experiment/loaders.hpp includes every loader.

#include "synthbench/experiment/dataset.hpp"                                 // Dataset, DataReport
#include "synthbench/experiment/entity_repair.hpp"                           // NerLoadOptions, repair_entities
#include "synthbench/experiment/generator.hpp"                               // Generator, GenerationRequest
#include "synthbench/experiment/items.hpp"                                   // IntentItem, NerItem, SimilarityItem
#include "synthbench/experiment/loaders/intent_folder.hpp"                   // load_intent_folder
#include "synthbench/experiment/loaders/sts_tsv.hpp"                         // load_sts_tsv
#include "synthbench/experiment/sampling.hpp"                                // first_items, random_items, examples_per_*
#include "synthbench/experiment/solver.hpp"                                  // Solver, IntentSolver, NerSolver, ...
#include "synthbench/experiment/solvers/intent_reference_solvers.hpp"       // intent_reference_solvers
#include "synthbench/experiment/solvers/ner_reference_solvers.hpp"          // ner_reference_solvers
#include "synthbench/experiment/solvers/similarity_reference_solvers.hpp"   // similarity_reference_solvers
#include "synthbench/experiment/text_features.hpp"                           // tokenize, TfidfVectorizer

#endif  // SYNTHBENCH_EXPERIMENT_HPP
