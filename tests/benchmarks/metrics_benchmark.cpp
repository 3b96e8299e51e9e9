// Speed of the task metrics and of the bootstrap, each target as a ratio against a baseline
// measured in the same run (docs/performance.md). Inputs are cycled (several distinct data
// sets, a new seed per iteration) so that the branch predictor cannot learn one input.
//
//   BootstrapVsDraws      10,000 paired resamples of 6 approaches x 200 items, macro-F1 of
//                         each approach on each resample, and the 6 percentile intervals.
//                         Counters: over_100ms_target (target < 1), over_draws (the cost of
//                         drawing the 2,000,000 indices alone).
//   MetaBootstrap         the same through ScoreTable and bootstrap_agreement: real and one
//                         synthetic dataset (each 6 approaches x 200 items), SRCC and MSPD
//                         intervals. Counter over_100ms_target.
//   NerVsSortBaseline     NER evaluation (all four schemas, per type, offsets checked against
//                         the text) of 100,000 sentences, against copying and sorting their
//                         entity lists by position, which any span matcher must at least do.
//                         Counter ner_over_sort.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <synthbench/detail/utf8.hpp>
#include <synthbench/metrics/classification.hpp>
#include <synthbench/metrics/ner.hpp>
#include <synthbench/scores/bootstrap.hpp>
#include <synthbench/scores/resamplable_score.hpp>
#include <synthbench/scores/score_table.hpp>
#include <synthbench/stats/bootstrap.hpp>
#include <synthbench/stats/random.hpp>

namespace {

namespace metrics = synthbench::metrics;
using synthbench::stats::Xoshiro256StarStar;
using clock_type = std::chrono::steady_clock;

constexpr std::size_t kApproaches = 6;
constexpr std::size_t kItems = 200;
constexpr std::size_t kResamples = 10000;
constexpr std::size_t kDataSets = 4;  // distinct inputs, cycled

// 6 approaches on 200 intent items (7 classes, as SNIPS), accuracies from 0.6 to 0.95, with a
// few invalid answers; kDataSets independent draws.
const std::vector<std::vector<metrics::ClassificationOutcomes>>& intent_sets() {
  static const auto sets = [] {
    const char* labels[] = {"AddToPlaylist", "BookRestaurant", "GetWeather", "PlayMusic",
                            "RateBook",      "SearchCreativeWork", "SearchScreeningEvent"};
    std::vector<std::vector<metrics::ClassificationOutcomes>> out;
    Xoshiro256StarStar g(2024);
    for (std::size_t s = 0; s < kDataSets; ++s) {
      std::vector<std::string> gold(kItems);
      for (auto& l : gold) l = labels[g.bounded32(7)];
      std::vector<metrics::ClassificationOutcomes> approaches;
      for (std::size_t a = 0; a < kApproaches; ++a) {
        const double accuracy = 0.6 + 0.07 * static_cast<double>(a);
        std::vector<metrics::LabelPrediction> pred(kItems);
        for (std::size_t i = 0; i < kItems; ++i) {
          const double u = g.uniform01();
          pred[i] = u < accuracy ? gold[i] : (u < accuracy + 0.02 ? std::string("none of these") : labels[g.bounded32(7)]);
        }
        approaches.emplace_back(gold, pred);
      }
      out.push_back(std::move(approaches));
    }
    return out;
  }();
  return sets;
}

void BootstrapVsDraws(benchmark::State& state) {
  const auto& sets = intent_sets();
  std::vector<std::uint32_t> indices(kItems);
  std::uint64_t seed = 1;
  std::size_t k = 0;
  double bootstrap_seconds = 0;
  double draw_seconds = 0;
  synthbench::stats::BootstrapOptions options;
  options.resamples = kResamples;
  for (auto _ : state) {
    const auto& approaches = sets[k++ % kDataSets];
    // The baseline: the same draws, nothing else.
    auto t0 = clock_type::now();
    {
      Xoshiro256StarStar g(seed);
      for (std::size_t b = 0; b < kResamples; ++b) {
        synthbench::stats::draw_resample(g, indices);
        benchmark::DoNotOptimize(indices.data());
      }
    }
    auto t1 = clock_type::now();
    // The bootstrap: paired resamples, macro-F1 of every approach, then the intervals.
    Xoshiro256StarStar g(seed++);
    std::vector<synthbench::stats::ReplicateCollector> replicates(kApproaches,
                                                                  synthbench::stats::ReplicateCollector(kResamples));
    for (std::size_t b = 0; b < kResamples; ++b) {
      synthbench::stats::draw_resample(g, indices);
      for (std::size_t a = 0; a < kApproaches; ++a) {
        replicates[a].add(approaches[a].score(metrics::ClassificationMetric::macro_f1, indices));
      }
    }
    for (std::size_t a = 0; a < kApproaches; ++a) {
      benchmark::DoNotOptimize(
          replicates[a].summarize(approaches[a].score(metrics::ClassificationMetric::macro_f1).value(), options));
    }
    auto t2 = clock_type::now();
    draw_seconds += std::chrono::duration<double>(t1 - t0).count();
    bootstrap_seconds += std::chrono::duration<double>(t2 - t1).count();
  }
  const auto n = static_cast<double>(state.iterations());
  state.counters["bootstrap_ms"] = 1e3 * bootstrap_seconds / n;
  state.counters["draws_ms"] = 1e3 * draw_seconds / n;
  state.counters["over_draws"] = bootstrap_seconds / draw_seconds;
  state.counters["over_100ms_target"] = bootstrap_seconds / n / 0.1;
}

void MetaBootstrap(benchmark::State& state) {
  const auto& sets = intent_sets();
  // Real data: set s; synthetic: set s + 1 (other items, the same approaches).
  std::vector<synthbench::ScoreTable> tables;
  for (std::size_t s = 0; s < kDataSets; ++s) {
    synthbench::ScoreTable t("macro_f1");
    for (std::size_t a = 0; a < kApproaches; ++a) {
      const std::string name = "approach-" + std::to_string(a);
      t.set_real(name, synthbench::make_resamplable(sets[s][a].scorer(metrics::ClassificationMetric::macro_f1)));
      t.set_synthetic("generator", name,
                      synthbench::make_resamplable(
                          sets[(s + 1) % kDataSets][a].scorer(metrics::ClassificationMetric::macro_f1)));
    }
    tables.push_back(std::move(t));
  }
  synthbench::stats::BootstrapOptions options;
  options.resamples = kResamples;
  options.max_undefined_share = 1.0;
  std::size_t k = 0;
  double seconds = 0;
  for (auto _ : state) {
    options.seed = k;
    const auto t0 = clock_type::now();
    benchmark::DoNotOptimize(synthbench::bootstrap_agreement(tables[k++ % kDataSets], "generator", options));
    seconds += std::chrono::duration<double>(clock_type::now() - t0).count();
  }
  state.counters["over_100ms_target"] = seconds / static_cast<double>(state.iterations()) / 0.1;
}

// 100,000 synthetic sentences: words from a small vocabulary, 0-6 entities on word
// boundaries, predictions that are right (72%), of another type, shifted, missed, or an extra
// spurious entity; 1% of predictions carry offsets one character off (realigned).
std::vector<metrics::NerDocument> ner_corpus(std::uint64_t seed, std::size_t documents) {
  const char* words[] = {"the", "minister", "said", "Paris", "election", "party", "of", "Labour", "in", "Berlin",
                         "and", "Obama", "council", "vote", "Schr\303\266der", "union", "on", "Monday", "reform", "a"};
  const char* types[] = {"politician", "country", "location", "political party", "organization", "person", "event",
                         "election", "else"};
  Xoshiro256StarStar g(seed);
  std::vector<metrics::NerDocument> docs(documents);
  for (auto& doc : docs) {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> spans;  // word spans in characters
    const std::size_t n_words = 12 + g.bounded32(18);
    std::size_t chars = 0;
    for (std::size_t w = 0; w < n_words; ++w) {
      if (w > 0) {
        text += ' ';
        ++chars;
      }
      const std::string word = words[g.bounded32(20)];
      spans.emplace_back(chars, chars + synthbench::detail::utf8_length(word));
      chars += synthbench::detail::utf8_length(word);
      text += word;
    }
    const synthbench::detail::Utf8Index index(text);
    std::size_t w = g.bounded32(3);
    for (std::uint32_t e = g.bounded32(7); e > 0 && w < n_words; --e) {
      const std::size_t length = 1 + g.bounded32(3);
      const std::size_t last = std::min(n_words - 1, w + length - 1);
      const std::size_t start = spans[w].first;
      const std::size_t end = spans[last].second;
      const std::string type = types[g.bounded32(9)];
      doc.gold.push_back({start, end, type, index.substr(start, end)});
      const double u = g.uniform01();
      if (u < 0.72) {
        doc.predicted.push_back({start, end, type, index.substr(start, end)});
      } else if (u < 0.80) {
        doc.predicted.push_back({start, end, types[g.bounded32(9)], index.substr(start, end)});
      } else if (u < 0.88 && last > w) {
        doc.predicted.push_back({start, spans[last - 1].second, type, index.substr(start, spans[last - 1].second)});
      } else if (u < 0.89 && end + 1 <= index.length()) {
        doc.predicted.push_back({start + 1, end + 1, type, index.substr(start, end)});  // off by one: realigned
      }
      w = last + 2 + g.bounded32(3);
    }
    if (g.bounded32(4) == 0) {
      const auto& s = spans[g.bounded32(static_cast<std::uint32_t>(n_words))];
      doc.predicted.push_back({s.first, s.second, types[g.bounded32(9)], index.substr(s.first, s.second)});
    }
    doc.text = std::move(text);
  }
  return docs;
}

constexpr std::size_t kSentences = 100000;

const std::vector<std::vector<metrics::NerDocument>>& ner_corpora() {
  static const std::vector<std::vector<metrics::NerDocument>> corpora = {ner_corpus(1, kSentences),
                                                                         ner_corpus(2, kSentences)};
  return corpora;
}

void NerVsSortBaseline(benchmark::State& state) {
  const auto& corpora = ner_corpora();
  std::size_t k = 0;
  double ner_seconds = 0;
  double sort_seconds = 0;
  for (auto _ : state) {
    const auto& docs = corpora[k++ % corpora.size()];
    const auto t0 = clock_type::now();
    for (const auto& doc : docs) {
      for (const auto* list : {&doc.gold, &doc.predicted}) {
        std::vector<metrics::Entity> copy = *list;
        std::sort(copy.begin(), copy.end(), [](const metrics::Entity& a, const metrics::Entity& b) {
          return a.start != b.start ? a.start < b.start : a.end < b.end;
        });
        benchmark::DoNotOptimize(copy.data());
      }
    }
    const auto t1 = clock_type::now();
    const metrics::NerOutcomes outcomes(docs);
    benchmark::DoNotOptimize(outcomes.score(metrics::NerSchema::partial, metrics::NerMeasure::f1));
    const auto t2 = clock_type::now();
    sort_seconds += std::chrono::duration<double>(t1 - t0).count();
    ner_seconds += std::chrono::duration<double>(t2 - t1).count();
  }
  const auto n = static_cast<double>(state.iterations());
  state.counters["ner_ms"] = 1e3 * ner_seconds / n;
  state.counters["sort_baseline_ms"] = 1e3 * sort_seconds / n;
  state.counters["ner_over_sort"] = ner_seconds / sort_seconds;
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kSentences));
}

void NerEvaluate(benchmark::State& state) {
  const auto& corpora = ner_corpora();
  std::size_t k = 0;
  for (auto _ : state) {
    const metrics::NerOutcomes outcomes(corpora[k++ % corpora.size()]);
    benchmark::DoNotOptimize(outcomes.score(metrics::NerSchema::strict, metrics::NerMeasure::f1));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kSentences));
}

}  // namespace

BENCHMARK(BootstrapVsDraws)->Unit(benchmark::kMillisecond);
BENCHMARK(MetaBootstrap)->Unit(benchmark::kMillisecond);
BENCHMARK(NerVsSortBaseline)->Unit(benchmark::kMillisecond);
BENCHMARK(NerEvaluate)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
