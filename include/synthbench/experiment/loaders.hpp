#ifndef SYNTHBENCH_EXPERIMENT_LOADERS_HPP
#define SYNTHBENCH_EXPERIMENT_LOADERS_HPP

/// @file
/// Every dataset loader (docs/datasets.md). The JSON ones (jsonl.hpp, crossner_json.hpp) cost
/// about 1.4 s of compile time per translation unit at -O0; include the one you need when
/// compile time matters.

#include "synthbench/experiment/loaders/crossner_json.hpp"  // load_crossner_json, load_crossner_labels
#include "synthbench/experiment/loaders/intent_folder.hpp"  // load_intent_folder
#include "synthbench/experiment/loaders/jsonl.hpp"          // load_intent_jsonl, load_ner_jsonl, load_similarity_jsonl
#include "synthbench/experiment/loaders/sts_tsv.hpp"        // load_sts_tsv

#endif  // SYNTHBENCH_EXPERIMENT_LOADERS_HPP
