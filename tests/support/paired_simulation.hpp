#ifndef SYNTHBENCH_TESTS_SUPPORT_PAIRED_SIMULATION_HPP
#define SYNTHBENCH_TESTS_SUPPORT_PAIRED_SIMULATION_HPP

// Simulated runs of a classifier for the paired gate (EXPECT_NOT_WORSE): the A/A false-alarm
// rate and the power on a planted drop, measured by a bounded unit test
// (tests/unit/experiment/upgrade_gate_test.cpp) and at scale by a benchmark program
// (tests/benchmarks/gating_benchmark.cpp); docs/metrics.md quotes both.
//
// The model (a model sampled at temperature > 0, run twice on the same test items):
// - n items, 5 classes, item i of class i mod 5;
// - each item has its own probability of being answered right: by default 80% of the items
//   are easy (0.97), 10% uncertain (0.5), 10% hard (0.1), assigned by a seeded shuffle; the
//   expected accuracy is 0.8 x 0.97 + 0.1 x 0.5 + 0.1 x 0.1 = 0.836. `uncertain` moves items
//   between easy and uncertain (0.02: 88% easy, 2% uncertain, a steadier model);
// - a wrong answer is always the same wrong class for that item, (gold + 1 + i mod 4) mod 5;
// - two runs are independent draws: they disagree on an expected share
//   2 x (0.8 x 0.97 x 0.03 + 0.1 x 0.25 + 0.1 x 0.09) = 0.1146 of the items by default,
//   2 x (0.88 x 0.0291 + 0.02 x 0.25 + 0.1 x 0.09) = 0.0792 with uncertain = 0.02 (sampling noise only);
// - a planted drop takes `drop` of the items the current run got right and answers them wrong.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <synthbench/metrics/classification.hpp>
#include <synthbench/scores/resamplable_score.hpp>
#include <synthbench/scores/score_table.hpp>
#include <synthbench/stats/random.hpp>

namespace synthbench_test_support {

struct SimulatedTask {
  std::vector<std::string> gold;   // per item
  std::vector<std::string> wrong;  // per item: its wrong answer
  std::vector<double> p_right;     // per item
};

inline SimulatedTask simulated_task(std::size_t n, std::uint64_t seed, double uncertain = 0.1) {
  const char* classes[] = {"c0", "c1", "c2", "c3", "c4"};
  SimulatedTask t;
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  synthbench::stats::Xoshiro256StarStar rng(seed);
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.bounded(i)]);  // Fisher-Yates
  t.p_right.resize(n);
  const auto easy = static_cast<std::size_t>(static_cast<double>(n) * (0.9 - uncertain) + 0.5);
  const auto not_hard = static_cast<std::size_t>(static_cast<double>(n) * 0.9 + 0.5);
  for (std::size_t k = 0; k < n; ++k) t.p_right[order[k]] = k < easy ? 0.97 : (k < not_hard ? 0.5 : 0.1);
  for (std::size_t i = 0; i < n; ++i) {
    t.gold.push_back(classes[i % 5]);
    t.wrong.push_back(classes[(i % 5 + 1 + i % 4) % 5]);
  }
  return t;
}

// One run's answers; `drop` right answers (chosen at random) are then made wrong.
inline std::vector<synthbench::metrics::LabelPrediction> simulated_run(const SimulatedTask& t,
                                                                        synthbench::stats::Xoshiro256StarStar& rng,
                                                                        std::size_t drop = 0) {
  std::vector<synthbench::metrics::LabelPrediction> out;
  std::vector<std::size_t> right;
  for (std::size_t i = 0; i < t.gold.size(); ++i) {
    const bool ok = rng.uniform01() < t.p_right[i];
    out.emplace_back(ok ? t.gold[i] : t.wrong[i]);
    if (ok) right.push_back(i);
  }
  for (std::size_t k = 0; k < drop && k < right.size(); ++k) {
    const std::size_t pick = k + static_cast<std::size_t>(rng.bounded(right.size() - k));
    std::swap(right[k], right[pick]);
    out[right[k]] = t.wrong[right[k]];
  }
  return out;
}

// A table of `metric` with one approach, "model", scored on the real items from its outcomes.
inline synthbench::ScoreTable simulated_table(const SimulatedTask& t,
                                              const std::vector<synthbench::metrics::LabelPrediction>& answers,
                                              synthbench::metrics::ClassificationMetric metric) {
  const synthbench::metrics::ClassificationOutcomes outcomes(t.gold, answers);
  synthbench::ScoreTable table(synthbench::metrics::to_string(metric));
  table.set_real("model", synthbench::make_resamplable(outcomes.scorer(metric)));
  return table;
}

}  // namespace synthbench_test_support

#endif  // SYNTHBENCH_TESTS_SUPPORT_PAIRED_SIMULATION_HPP
