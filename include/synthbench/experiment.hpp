#ifndef SYNTHBENCH_EXPERIMENT_HPP
#define SYNTHBENCH_EXPERIMENT_HPP

/// @file
/// The experiment layer: items and datasets of the three tasks, their loaders and repair
/// reports, seeded sampling, the generator and solver interfaces, the in-process reference
/// solvers, pre-generated and LLM-backed generators, zero-shot LLM solvers with the parsers of
/// their answers and their prompt templates, the generator x solver grid and its results, and
/// the seed study on the SG4NLP data.
///
/// Everything here instantiates nlohmann_json (loaders, LLM parts) or the metrics (the grid),
/// so it is not part of synthbench/gtest.hpp (docs/decisions.md, compile time): a test
/// translation unit that only asserts on an Experiment includes
/// synthbench/experiment/experiment.hpp; the one that builds it includes this header.

#include "synthbench/experiment/call_outcomes.hpp"                          // detail::not_answered
#include "synthbench/experiment/dataset.hpp"                                // Dataset, DataReport, DataIssue
#include "synthbench/experiment/entity_repair.hpp"                          // NerLoadOptions, repair_entities
#include "synthbench/experiment/experiment.hpp"                             // Experiment, Task, PredictionCounts
#include "synthbench/experiment/generator.hpp"                              // Generator, GenerationRequest
#include "synthbench/experiment/generators/llm_generator.hpp"               // LlmGenerator, ExampleSampler, dedup_text
#include "synthbench/experiment/generators/pregenerated.hpp"                // PregeneratedGenerator, pregenerated_generators
#include "synthbench/experiment/items.hpp"                                  // IntentItem, NerItem, SimilarityItem, predictions
#include "synthbench/experiment/loaders.hpp"                                // every dataset loader
#include "synthbench/experiment/output_parsers.hpp"                         // parse_intent_answer, parse_ner_answer, parse_generated_items, ...
#include "synthbench/experiment/prompts.hpp"                                // PromptTemplates, TaskDescription, ChatSettings
#include "synthbench/experiment/run.hpp"                                    // ExperimentSpec, run_experiment
#include "synthbench/experiment/sample_scoring.hpp"                         // score_draws, sample_spread
#include "synthbench/experiment/sampling.hpp"                               // first_items, random_items, stratified_indices, examples_per_*
#include "synthbench/experiment/seed_study.hpp"                             // run_seed_study, run_seed_study_both_modes, seed_study_available
#include "synthbench/experiment/solver.hpp"                                 // Solver, IntentSolver, NerSolver, SimilaritySolver
#include "synthbench/experiment/solvers/intent_reference_solvers.hpp"       // intent_reference_solvers
#include "synthbench/experiment/solvers/llm_solvers.hpp"                    // LlmIntentSolver, LlmSimilaritySolver, LlmNerSolver
#include "synthbench/experiment/solvers/ner_reference_solvers.hpp"          // ner_reference_solvers
#include "synthbench/experiment/solvers/remembering_solver.hpp"            // RememberingSolver
#include "synthbench/experiment/solvers/similarity_reference_solvers.hpp"   // similarity_reference_solvers
#include "synthbench/experiment/solvers/study_solvers.hpp"                  // intent_study_solvers, ner_study_solvers, similarity_study_solvers
#include "synthbench/experiment/text_features.hpp"                          // tokenize, TfidfVectorizer

#endif  // SYNTHBENCH_EXPERIMENT_HPP
