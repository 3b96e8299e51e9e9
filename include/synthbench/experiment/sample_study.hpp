#ifndef SYNTHBENCH_EXPERIMENT_SAMPLE_STUDY_HPP
#define SYNTHBENCH_EXPERIMENT_SAMPLE_STUDY_HPP

/// @file
/// How much the agreement of synthetic benchmarks with the real data depends on which real
/// test items were scored. The real test split is predicted once, whole; each *draw* is a set
/// of its items (the first n, n at random, or n stratified by label), and the real score of
/// every approach on a draw is recomputed from the per-item outcomes (ResamplableScore), while
/// the synthetic scores stay as they are. For each draw and each synthetic benchmark:
/// SRCC with its exact one-sided p-value and MSPD (scores/agreement.hpp).
///
/// This header holds the results (Experiment::sample_study); sample_scoring.hpp computes them
/// and summarizes the draws of one kind (sample_spread).

#include <cstddef>   // std::size_t
#include <optional>  // std::optional
#include <string>    // std::string
#include <vector>    // std::vector

#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// The agreement of one synthetic benchmark with the real data on one draw (absent values are
/// undefined, e.g. an SRCC of constant scores).
struct SampleAgreement {
  std::string synthetic;         ///< a generator, or "average"
  std::optional<double> srcc;    ///< Spearman's rank correlation
  std::optional<double> srcc_p;  ///< its exact one-sided p-value (n <= 10 approaches)
  std::optional<double> mspd;    ///< mean squared performance difference
};

/// One draw of real test items.
struct SampleDraw {
  std::string kind;            ///< "first", "random" or "stratified"
  std::size_t seed_index = 0;  ///< 1, 2, ... for random and stratified draws; 0 for "first"
  std::size_t items = 0;       ///< items drawn
  std::vector<SampleAgreement> agreements;  ///< per synthetic benchmark, in the table's order
};

/// Every draw of one experiment.
struct SampleStudy {
  std::string metric;          ///< the metric scored (the experiment's first)
  std::size_t population = 0;  ///< the real test items drawn from
  std::string headline;        ///< the draw the experiment's real data is, e.g. "first" or "random 1"
  std::vector<SampleDraw> draws;  ///< "first", then the random draws, then the stratified ones
};

/// Which items a draw takes.
struct DrawPlan {
  std::string kind;                  ///< "first", "random" or "stratified"
  std::size_t seed_index = 0;        ///< as SampleDraw::seed_index
  std::vector<std::size_t> indices;  ///< item indices into the whole real test split
};

/// The draws of one kind summarized for one synthetic benchmark.
struct SampleSpread {
  std::string kind;                   ///< "first", "random" or "stratified"
  std::size_t draws = 0;              ///< draws of that kind
  std::size_t defined = 0;            ///< draws with a defined SRCC
  std::optional<double> srcc_min;     ///< smallest SRCC
  std::optional<double> srcc_median;  ///< median SRCC
  std::optional<double> srcc_max;     ///< largest SRCC
  std::optional<double> mspd_min;     ///< smallest MSPD
  std::optional<double> mspd_median;  ///< median MSPD
  std::optional<double> mspd_max;     ///< largest MSPD
  std::size_t significant = 0;        ///< draws whose SRCC has exact p <= alpha
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SAMPLE_STUDY_HPP
