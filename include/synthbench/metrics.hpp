#ifndef SYNTHBENCH_METRICS_HPP
#define SYNTHBENCH_METRICS_HPP

/// @file
/// The metrics layer: task metrics computed from per-item outcomes, so that a bootstrap can
/// recompute them on resampled items -- classification (intent detection), NER spans in the
/// SemEval-2013 scheme, similarity correlations -- and the readers of the SG4NLP record files.

#include "synthbench/metrics/classification.hpp"
#include "synthbench/metrics/ner.hpp"
#include "synthbench/metrics/records_json.hpp"
#include "synthbench/metrics/similarity.hpp"
#include "synthbench/metrics/zero_division.hpp"

#endif  // SYNTHBENCH_METRICS_HPP
