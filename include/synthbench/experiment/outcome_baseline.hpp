#ifndef SYNTHBENCH_EXPERIMENT_OUTCOME_BASELINE_HPP
#define SYNTHBENCH_EXPERIMENT_OUTCOME_BASELINE_HPP

/// @file
/// Baselines that keep per-item outcomes: what every approach answered on every item of
/// every dataset of a ScoreTable, so that a later run can be compared with the blessed one
/// item by item (EXPECT_NOT_WORSE: paired tests need the same items on both sides). The file
/// format, "synthbench-outcomes" version 1, is specified in docs/baseline-format.md: JSON with
/// one line per item, so that a 10,000-item baseline stays small and a changed answer is a
/// one-line diff.
///
/// The cells of the table must carry per-item outcomes of synthbench's task metrics (what
/// run_experiment gives): classification (metrics::ClassificationOutcomes; every
/// ClassificationMetric), NER (metrics::NerOutcomes; "<schema>_<measure>" such as
/// "ent_type_f1") or similarity (metrics::SimilarityOutcomes; "pearson", "spearman"). A
/// baseline recomputes its metric from the items it keeps, so the paired bootstrap can resample
/// them.
///
/// This header is the outcome baseline whole; each job has its own header: cell_outcomes.hpp
/// (CellOutcomes, OutcomeTask), outcome_baseline_table.hpp (OutcomeBaseline, cell_outcomes,
/// outcome_baseline_from_table), outcome_baseline_write.hpp (dump_outcome_baseline) and
/// outcome_baseline_read.hpp (parse_outcome_baseline, read_outcome_baseline).

#include "synthbench/experiment/cell_outcomes.hpp"           // CellOutcomes, OutcomeTask
#include "synthbench/experiment/outcome_baseline_read.hpp"   // parse_outcome_baseline, read_outcome_baseline
#include "synthbench/experiment/outcome_baseline_table.hpp"  // OutcomeBaseline, cell_outcomes, outcome_baseline_from_table
#include "synthbench/experiment/outcome_baseline_write.hpp"  // dump_outcome_baseline

#endif  // SYNTHBENCH_EXPERIMENT_OUTCOME_BASELINE_HPP
