// The paired upgrade gate (EXPECT_NOT_WORSE) measured by simulation (docs/metrics.md, "Paired
// gating"): how often it fails when nothing changed (A/A runs: two draws of the same model),
// and how often it catches a planted drop of 2 points on 1,000 items. The model and its noise
// are tests/support/paired_simulation.hpp's. The rates are counters; the time is that of one
// whole comparison, baseline written and read back included, reported against computing the
// metric once on the same items (ratio gate_over_metric).
//
//   AAFalseAlarm/accuracy        exact McNemar, 1,000 items           counter false_alarm_rate
//   AAFalseAlarm/macro_f1        paired bootstrap, 2,000 resamples    counter false_alarm_rate
//   PlantedDrop/accuracy/noisy   20 of 1,000 items made wrong         counter power
//   PlantedDrop/accuracy/steady  the same on a steadier model         counter power
//   PlantedDrop/macro_f1/noisy   the bootstrap's power on that drop   counter power
//
// Trials per benchmark: $SYNTHBENCH_GATING_TRIALS (default 40, for the ctest smoke run). The
// figures of docs/metrics.md come from
//   SYNTHBENCH_GATING_TRIALS=4000 build/<dir>/tests/benchmarks/synthbench_gating_benchmark
// (the bootstrap benchmarks run a tenth of the trials: each trial is 2,000 resamples).

#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <synthbench/experiment/upgrade_gate.hpp>

#include "support/paired_simulation.hpp"

namespace {

using synthbench::metrics::ClassificationMetric;

int trials(bool bootstrap) {
  const char* v = std::getenv("SYNTHBENCH_GATING_TRIALS");
  const int t = v != nullptr ? std::atoi(v) : 40;
  return std::max(bootstrap ? t / 10 : t, 4);
}

// Runs `count` gate comparisons of two simulated runs (the second with `drop` right answers
// made wrong); sets the share that failed as `counter`, with its Monte Carlo standard error.
void run_trials(benchmark::State& state, ClassificationMetric metric, std::size_t drop, double uncertain,
                const char* counter) {
  constexpr std::size_t n = 1000;
  const bool bootstrap = metric != ClassificationMetric::accuracy;
  const int count = trials(bootstrap);
  const auto task = synthbench_test_support::simulated_task(n, 2409, uncertain);
  std::uint64_t seed = 1;
  double failures = 0;
  double total = 0;
  double gate_seconds = 0;
  double metric_seconds = 0;
  for (auto _ : state) {
    synthbench::stats::Xoshiro256StarStar rng(seed++);
    for (int t = 0; t < count; ++t) {
      const auto before = synthbench_test_support::simulated_table(task, synthbench_test_support::simulated_run(task, rng), metric);
      const auto after = synthbench_test_support::simulated_table(task, synthbench_test_support::simulated_run(task, rng, drop), metric);
      const auto m0 = std::chrono::steady_clock::now();
      benchmark::DoNotOptimize(after.real_items("model")->score());
      const auto g0 = std::chrono::steady_clock::now();
      const auto baseline = synthbench::parse_outcome_baseline(
          synthbench::dump_outcome_baseline(synthbench::outcome_baseline_from_table(before)), "baseline");
      synthbench::UpgradeGateOptions options;
      options.bootstrap.seed = seed * 100000u + static_cast<std::uint64_t>(t);
      const auto cells = synthbench::compare_with_baseline(baseline, after, 0.0, 0.05, options);
      const auto g1 = std::chrono::steady_clock::now();
      metric_seconds += std::chrono::duration<double>(g0 - m0).count();
      gate_seconds += std::chrono::duration<double>(g1 - g0).count();
      failures += cells.at(0).failed(0.05) ? 1.0 : 0.0;
      total += 1.0;
    }
  }
  const double rate = failures / total;
  state.counters[counter] = rate;
  state.counters["monte_carlo_se"] = std::sqrt(rate * (1.0 - rate) / total);
  state.counters["trials"] = total;
  state.counters["gate_over_metric"] = metric_seconds > 0 ? gate_seconds / metric_seconds : 0.0;
  state.SetLabel(bootstrap ? "paired bootstrap, 2000 resamples" : "exact McNemar");
}

void AAFalseAlarm(benchmark::State& state, ClassificationMetric metric) {
  run_trials(state, metric, 0, 0.1, "false_alarm_rate");
}
void PlantedDrop(benchmark::State& state, ClassificationMetric metric, double uncertain) {
  run_trials(state, metric, 20, uncertain, "power");
}

BENCHMARK_CAPTURE(AAFalseAlarm, accuracy, ClassificationMetric::accuracy)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(AAFalseAlarm, macro_f1, ClassificationMetric::macro_f1)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(PlantedDrop, accuracy/noisy, ClassificationMetric::accuracy, 0.1)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(PlantedDrop, accuracy/steady, ClassificationMetric::accuracy, 0.02)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(PlantedDrop, macro_f1/noisy, ClassificationMetric::macro_f1, 0.1)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
