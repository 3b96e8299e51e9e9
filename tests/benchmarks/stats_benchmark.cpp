// Speed of the stats layer, each target as a ratio against a baseline measured in the same run
// (docs/performance.md). Inputs are cycled: a repeated input lets the branch predictor learn
// it (DESIGN.md: Spearman at n = 200 fell from 19 us to 6 us on one repeated input).
//
//   SpearmanVsSort/1000000   Spearman's rho of 10^6 pairs against std::sort of 10^6 doubles.
//                            Counter spearman_over_sort: target <= 2.
//   Bootstrap draws          10,000 resamples of 200 indices, the floor of every bootstrap.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <vector>

#include <synthbench/stats/bootstrap.hpp>
#include <synthbench/stats/correlation.hpp>
#include <synthbench/stats/random.hpp>

namespace {

using synthbench::stats::Xoshiro256StarStar;

constexpr std::size_t kInputs = 4;  // distinct inputs, cycled

struct Pairs {
  std::vector<std::vector<double>> x;
  std::vector<std::vector<double>> y;
};

// kInputs pairs of n correlated values; x has some ties (rounded to 1e-4), like real scores.
const Pairs& pairs(std::size_t n) {
  static std::map<std::size_t, Pairs> cache;
  auto [it, inserted] = cache.try_emplace(n);
  Pairs& cached = it->second;
  if (inserted) {
    Xoshiro256StarStar g(n);
    for (std::size_t k = 0; k < kInputs; ++k) {
      std::vector<double> x(n);
      std::vector<double> y(n);
      for (std::size_t i = 0; i < n; ++i) {
        x[i] = static_cast<double>(static_cast<std::int64_t>(g.uniform01() * 1e4)) / 1e4;
        y[i] = x[i] + g.uniform01() - 0.5;
      }
      cached.x.push_back(std::move(x));
      cached.y.push_back(std::move(y));
    }
  }
  return cached;
}

void SortDoubles(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Pairs& p = pairs(n);
  std::size_t k = 0;
  for (auto _ : state) {
    std::vector<double> v = p.x[k++ % kInputs];
    std::sort(v.begin(), v.end());
    benchmark::DoNotOptimize(v.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

void Spearman(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Pairs& p = pairs(n);
  std::size_t k = 0;
  for (auto _ : state) {
    const std::size_t i = k++ % kInputs;
    benchmark::DoNotOptimize(synthbench::stats::spearman(p.x[i], p.y[i]));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

// Both in one loop, alternating, so that they share the machine's state (frequency, other
// load); the counter is the target ratio.
void SpearmanVsSort(benchmark::State& state) {
  using clock = std::chrono::steady_clock;
  const auto n = static_cast<std::size_t>(state.range(0));
  const Pairs& p = pairs(n);
  std::size_t k = 0;
  double sort_seconds = 0;
  double spearman_seconds = 0;
  for (auto _ : state) {
    const std::size_t i = k++ % kInputs;
    const auto t0 = clock::now();
    std::vector<double> v = p.x[i];
    std::sort(v.begin(), v.end());
    benchmark::DoNotOptimize(v.data());
    const auto t1 = clock::now();
    benchmark::DoNotOptimize(synthbench::stats::spearman(p.x[i], p.y[i]));
    const auto t2 = clock::now();
    sort_seconds += std::chrono::duration<double>(t1 - t0).count();
    spearman_seconds += std::chrono::duration<double>(t2 - t1).count();
  }
  state.counters["sort_ms"] = 1e3 * sort_seconds / static_cast<double>(state.iterations());
  state.counters["spearman_ms"] = 1e3 * spearman_seconds / static_cast<double>(state.iterations());
  state.counters["spearman_over_sort"] = spearman_seconds / sort_seconds;
}

void BootstrapDraws(benchmark::State& state) {
  // 10,000 resamples of 200 indices: what any bootstrap of 200 items costs at least.
  std::vector<std::uint32_t> indices(200);
  std::uint64_t seed = 1;
  for (auto _ : state) {
    Xoshiro256StarStar g(seed++);
    for (int b = 0; b < 10000; ++b) {
      synthbench::stats::draw_resample(g, indices);
      benchmark::DoNotOptimize(indices.data());
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 10000 * 200);
}

}  // namespace

BENCHMARK(SortDoubles)->Arg(200)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(Spearman)->Arg(200)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(SpearmanVsSort)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BootstrapDraws)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
