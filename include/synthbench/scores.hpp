#ifndef SYNTHBENCH_SCORES_HPP
#define SYNTHBENCH_SCORES_HPP

/// @file
/// The scores layer: score tables and the meta-metrics that compare synthetic with real data.

#include "synthbench/scores/agreement.hpp"
#include "synthbench/scores/approach_scores.hpp"
#include "synthbench/scores/bias_factor.hpp"
#include "synthbench/scores/bootstrap.hpp"
#include "synthbench/scores/meta_summary.hpp"
#include "synthbench/scores/resamplable_score.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/scores/score_table_json.hpp"

#endif  // SYNTHBENCH_SCORES_HPP
