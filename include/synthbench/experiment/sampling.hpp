#ifndef SYNTHBENCH_EXPERIMENT_SAMPLING_HPP
#define SYNTHBENCH_EXPERIMENT_SAMPLING_HPP

/// @file
/// Seeded, portable sampling of test items and of prompt examples.
///
/// **Test items.** first_items(d, n) takes the first n items, which is what the SG4NLP code does
/// for its 200 real test items (`test[:200]`); random_items(d, n, seed) takes n at random;
/// stratified_indices(keys, n, seed) takes n at random within strata (an item's label, say) in
/// proportion to their sizes.
///
/// **Prompt examples** (METHOD.md, step 1): k per class for intent detection
/// (examples_per_intent), k per score bucket for similarity (examples_per_score), k at random
/// for NER (random_examples).
///
/// **Rules**, the same on every platform:
/// - Random draws come from stats::Xoshiro256StarStar with Lemire's bounded integers
///   (stats/random.hpp), never from std::uniform_int_distribution, whose results differ between
///   standard libraries. k of n indices are drawn without replacement by the first k steps of
///   the Fisher-Yates shuffle (Durstenfeld, CACM 7(7), 1964, Algorithm 235; Knuth, TAOCP vol. 2,
///   3.4.2, Algorithm P): for i = 0..k-1, swap position i with a uniform position in [i, n).
/// - Sampled indices are returned in ascending order (dataset order), not in draw order, so a
///   sample reads like the dataset it came from.
/// - Per class: classes in ascending byte order of their names (as SG4NLP's
///   `sorted(set(labels))`), score buckets 0 to 5; within a class, ascending index. Each class
///   draws from its own stream, stats::derive_seed(seed, class name), so the examples of one
///   class do not change when another class is added or grows.
/// - A class with fewer than k items contributes all of them, and is listed in
///   StratifiedSample::short_classes. n or k larger than the dataset takes everything. k or n = 0
///   takes nothing.
/// - Pick::first takes the first k items of each class instead of random ones: SG4NLP's
///   choice for intent and similarity prompts (`find_representative_examples`).
/// - **Score buckets**: a similarity item belongs to bucket round(score), rounding half to even
///   (2.5 -> 2, 3.5 -> 4) as Python's round(), which the SG4NLP code applies; scores are in
///   [0, 5], so the buckets are 0, 1, 2, 3, 4, 5.
///
/// **Reports.** A subset keeps the DataIssues of the items it selects, renumbered to their new
/// positions; issues of kind "dropped_item" (records that never became items) stay only with a
/// prefix (first_items) that reaches past them.

#include <algorithm>  // std::sort, std::stable_sort
#include <cmath>      // std::floor, std::fmod
#include <cstddef>    // std::size_t
#include <cstdint>    // std::uint64_t
#include <map>        // std::map
#include <string>     // std::string
#include <utility>    // std::move, std::swap, std::pair
#include <vector>     // std::vector

#include "synthbench/error.hpp"               // UsageError
#include "synthbench/experiment/dataset.hpp"  // Dataset, DataReport
#include "synthbench/stats/random.hpp"        // stats::Xoshiro256StarStar, stats::derive_seed
#include "synthbench/version.hpp"             // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

/// How the items of a class are chosen.
enum class Pick {
  random,  ///< k at random (seeded)
  first,   ///< the first k, in dataset order
};

/// The first min(n, population) indices: 0, 1, 2, ...
inline std::vector<std::size_t> first_indices(std::size_t population, std::size_t n) {
  std::vector<std::size_t> out(n < population ? n : population);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = i;
  return out;
}

/// min(n, population) distinct indices of [0, population) drawn uniformly without replacement
/// from the stream seeded with `seed` (partial Fisher-Yates, see the file comment), in
/// ascending order. When n >= population every index is returned and nothing is drawn.
inline std::vector<std::size_t> random_indices(std::size_t population, std::size_t n, std::uint64_t seed) {
  std::vector<std::size_t> order(population);
  for (std::size_t i = 0; i < population; ++i) order[i] = i;
  if (n >= population) return order;
  stats::Xoshiro256StarStar rng(seed);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t j = i + static_cast<std::size_t>(rng.bounded(static_cast<std::uint64_t>(population - i)));
    std::swap(order[i], order[j]);
  }
  order.resize(n);
  std::sort(order.begin(), order.end());
  return order;
}

/// min(n, population) indices of the items, where item i belongs to stratum `keys[i]`, drawn
/// at random within each stratum with proportional allocation (Cochran, "Sampling
/// Techniques", 3rd ed. 1977, section 5.5): stratum h of size N_h gets floor(n N_h / N) items,
/// and the items still missing go one each to the strata with the largest remainders
/// (n N_h mod N, in exact integer arithmetic; ties: the stratum whose name sorts first), the
/// largest-remainder method. Stratum h draws from the stream stats::derive_seed(seed, h)
/// (random_indices). Ascending order. With n >= N every index is returned.
inline std::vector<std::size_t> stratified_indices(const std::vector<std::string>& keys, std::size_t n,
                                                   std::uint64_t seed) {
  const std::size_t population = keys.size();
  if (n >= population) return first_indices(population, population);
  std::map<std::string, std::vector<std::size_t>> members;  // ordered by name
  for (std::size_t i = 0; i < population; ++i) members[keys[i]].push_back(i);
  std::vector<std::size_t> quota;
  std::vector<std::pair<std::size_t, std::size_t>> remainders;  // (n N_h mod N, stratum), largest first
  std::size_t allocated = 0;
  for (const auto& [name, items] : members) {
    const std::size_t product = n * items.size();  // n < N, so this stays far below 2^64 for real data
    quota.push_back(product / population);
    allocated += quota.back();
    remainders.emplace_back(product % population, quota.size() - 1);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t r = 0; allocated < n; ++r, ++allocated) ++quota[remainders[r].second];
  std::vector<std::size_t> out;
  out.reserve(n);
  std::size_t h = 0;
  for (const auto& [name, items] : members) {
    for (const auto c : random_indices(items.size(), quota[h], stats::derive_seed(seed, name))) out.push_back(items[c]);
    ++h;
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// Up to k items per class.
struct StratifiedSample {
  /// The sampled indices, grouped by class in class order; ascending within a class.
  std::vector<std::size_t> indices;
  /// Every class, in order, with the number of items it has in the population.
  std::vector<std::pair<std::string, std::size_t>> classes;
  /// The classes with fewer than k items (all of them taken), with their sizes.
  std::vector<std::pair<std::string, std::size_t>> short_classes;
};

/// Up to k indices per class, where item i belongs to class `keys[i]`. Classes are ordered by
/// their names (bytes, ascending). With Pick::random, class c draws from the stream
/// stats::derive_seed(seed, c); with Pick::first, `seed` is not used.
inline StratifiedSample sample_per_class(const std::vector<std::string>& keys, std::size_t k, std::uint64_t seed,
                                         Pick pick = Pick::random) {
  std::map<std::string, std::vector<std::size_t>> members;  // ordered by name
  for (std::size_t i = 0; i < keys.size(); ++i) members[keys[i]].push_back(i);
  StratifiedSample sample;
  for (const auto& [name, items] : members) {
    sample.classes.emplace_back(name, items.size());
    if (items.size() < k) sample.short_classes.emplace_back(name, items.size());
    const std::vector<std::size_t> chosen = pick == Pick::first
                                                ? first_indices(items.size(), k)
                                                : random_indices(items.size(), k, stats::derive_seed(seed, name));
    for (const auto c : chosen) sample.indices.push_back(items[c]);
  }
  return sample;
}

/// round(score) with ties to even, as Python 3's round(): 2.5 -> 2, 3.5 -> 4, 0.5 -> 0. Exact
/// for every double (no dependence on the floating-point rounding mode).
inline double round_half_even(double score) {
  const double down = std::floor(score);
  const double fraction = score - down;  // exact: score and down are within one unit of each other
  if (fraction > 0.5) return down + 1.0;
  if (fraction < 0.5) return down;
  return std::fmod(down, 2.0) == 0.0 ? down : down + 1.0;
}

/// The score bucket of a similarity item: "0" to "5" (round_half_even of its score).
inline std::string score_bucket(double score) {
  const double r = round_half_even(score);
  return std::to_string(static_cast<long long>(r));
}

/// Keeps the issues of `report` about the items at `indices` of the dataset it describes,
/// renumbered to their positions in `indices` (see the file comment).
inline DataReport subset_report(const DataReport& report, const std::vector<std::size_t>& indices) {
  DataReport out;
  std::vector<std::pair<std::size_t, std::size_t>> position;  // (old index, new index), sorted
  for (std::size_t n = 0; n < indices.size(); ++n) position.emplace_back(indices[n], n);
  std::sort(position.begin(), position.end());
  std::vector<std::pair<std::size_t, DataIssue>> kept;  // (new index, issue), to sort by new index
  for (const auto& issue : report.issues) {
    if (issue.kind == "dropped_item") continue;
    auto it = std::lower_bound(position.begin(), position.end(), std::make_pair(issue.item, std::size_t{0}));
    for (; it != position.end() && it->first == issue.item; ++it) {
      DataIssue copy = issue;
      copy.item = it->second;
      kept.emplace_back(it->second, std::move(copy));
    }
  }
  std::stable_sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& k : kept) out.issues.push_back(std::move(k.second));
  return out;
}

/// The items of `dataset` at `indices`, in that order (an index may repeat), with their issues
/// (subset_report). Name and source are kept. Throws UsageError 53 for an index out of range.
template <class Item>
Dataset<Item> subset(const Dataset<Item>& dataset, const std::vector<std::size_t>& indices) {
  Dataset<Item> out;
  out.name = dataset.name;
  out.source = dataset.source;
  out.items.reserve(indices.size());
  for (const auto i : indices) {
    if (i >= dataset.items.size()) {
      throw UsageError(53, "subset of " + dataset.name + ": index " + std::to_string(i) + " out of range (" +
                               std::to_string(dataset.items.size()) + " items)");
    }
    out.items.push_back(dataset.items[i]);
  }
  out.report = subset_report(dataset.report, indices);
  return out;
}

/// The first min(n, size) items, with every issue before the n-th item (dropped records
/// included). What SG4NLP does to its real test sets: `test[:200]`.
template <class Item>
Dataset<Item> first_items(const Dataset<Item>& dataset, std::size_t n) {
  Dataset<Item> out;
  out.name = dataset.name;
  out.source = dataset.source;
  const std::size_t count = n < dataset.items.size() ? n : dataset.items.size();
  out.items.assign(dataset.items.begin(), dataset.items.begin() + static_cast<std::ptrdiff_t>(count));
  for (const auto& issue : dataset.report.issues) {
    if (issue.item < count || (issue.item == count && count == dataset.items.size())) out.report.issues.push_back(issue);
  }
  return out;
}

/// min(n, size) items drawn at random (random_indices), in dataset order.
template <class Item>
Dataset<Item> random_items(const Dataset<Item>& dataset, std::size_t n, std::uint64_t seed) {
  return subset(dataset, random_indices(dataset.items.size(), n, seed));
}

/// Up to k prompt examples per intent (sample_per_class over the labels).
template <class Item>
StratifiedSample examples_per_intent(const Dataset<Item>& dataset, std::size_t k, std::uint64_t seed,
                                     Pick pick = Pick::random) {
  std::vector<std::string> keys;
  keys.reserve(dataset.items.size());
  for (const auto& item : dataset.items) keys.push_back(item.label);
  return sample_per_class(keys, k, seed, pick);
}

/// Up to k prompt examples per score bucket 0..5 (score_bucket; bucket names "0".."5" sort
/// numerically). Buckets without items do not appear.
template <class Item>
StratifiedSample examples_per_score(const Dataset<Item>& dataset, std::size_t k, std::uint64_t seed,
                                    Pick pick = Pick::random) {
  std::vector<std::string> keys;
  keys.reserve(dataset.items.size());
  for (const auto& item : dataset.items) keys.push_back(score_bucket(item.score));
  return sample_per_class(keys, k, seed, pick);
}

/// k prompt examples at random (random_indices), in dataset order: SG4NLP's choice for NER.
template <class Item>
std::vector<std::size_t> random_examples(const Dataset<Item>& dataset, std::size_t k, std::uint64_t seed) {
  return random_indices(dataset.items.size(), k, seed);
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SAMPLING_HPP
