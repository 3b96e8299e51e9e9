#ifndef SYNTHBENCH_METRICS_HPP
#define SYNTHBENCH_METRICS_HPP

/// @file
/// The metrics layer: task metrics computed from per-item outcomes, so that a bootstrap can
/// recompute them on resampled items -- classification (intent detection), NER spans in the
/// SemEval-2013 scheme, similarity correlations.
///
/// Not included here: synthbench/metrics/records_json.hpp (the readers of the SG4NLP JSON
/// Lines record files). Its inline functions instantiate much of nlohmann_json and would add
/// about 0.4 s to every test translation unit (docs/performance.md); include it where you
/// read record files.

#include "synthbench/metrics/classification.hpp"
#include "synthbench/metrics/ner.hpp"
#include "synthbench/metrics/option_values.hpp"
#include "synthbench/metrics/similarity.hpp"
#include "synthbench/metrics/zero_division.hpp"

#endif  // SYNTHBENCH_METRICS_HPP
