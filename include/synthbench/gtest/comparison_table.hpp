#ifndef SYNTHBENCH_GTEST_COMPARISON_TABLE_HPP
#define SYNTHBENCH_GTEST_COMPARISON_TABLE_HPP

/// @file
/// The per-approach table that every agreement failure prints: real score, synthetic score,
/// both ranks (1 = best; tied scores share the average rank) and the difference, sorted by
/// real score, best first.

#include <algorithm>  // std::stable_sort, std::max
#include <cstddef>    // std::size_t
#include <string>     // std::string
#include <vector>     // std::vector

#include "synthbench/detail/format.hpp"
#include "synthbench/scores/agreement.hpp"
#include "synthbench/scores/approach_scores.hpp"
#include "synthbench/stats/ranks.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {

namespace detail {

/// Descending ranks (1 = highest score), average ranks for ties.
inline std::vector<double> descending_ranks(const std::vector<double>& scores) {
  std::vector<double> negated(scores.size());
  for (std::size_t i = 0; i < scores.size(); ++i) negated[i] = -scores[i];
  return stats::average_ranks(negated).value_or(std::vector<double>(scores.size(), 0.0));
}

inline std::string pad_left(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

inline std::string pad_right(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

inline std::string rank_text(double rank) {
  return rank == static_cast<double>(static_cast<long long>(rank)) ? synthbench::detail::fixed(rank, 0)
                                                                     : synthbench::detail::fixed(rank, 1);
}

}  // namespace detail

/// The table of `real` against `synthetic`, one line per approach, indented by two spaces.
/// When the two name different approaches, says so instead.
inline std::string comparison_table(const ApproachScores& real, const ApproachScores& synthetic) {
  using synthbench::detail::fixed;
  using synthbench::detail::signed_fixed;
  const auto paired = pair_scores(real, synthetic);
  if (!paired) return "  (no per-approach table: " + paired.message() + ")\n";
  const auto& p = paired.value();
  const std::vector<double> real_rank = detail::descending_ranks(p.real);
  const std::vector<double> synthetic_rank = detail::descending_ranks(p.synthetic);
  std::vector<std::size_t> order(p.approaches.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&p](std::size_t a, std::size_t b) { return p.real[a] > p.real[b]; });
  std::size_t name_width = 8;  // "approach"
  for (const auto& a : p.approaches) name_width = std::max(name_width, a.size());
  const std::string real_label = real.dataset().empty() ? "real" : real.dataset();
  const std::string synthetic_label = synthetic.dataset().empty() ? "synthetic" : synthetic.dataset();
  const std::size_t real_width = std::max<std::size_t>(8, real_label.size());
  const std::size_t synthetic_width = std::max<std::size_t>(9, synthetic_label.size());
  std::string out = "  " + detail::pad_right("approach", name_width) + "  " + detail::pad_left(real_label, real_width) +
                    "  rank  " + detail::pad_left(synthetic_label, synthetic_width) + "  rank      diff\n";
  for (const std::size_t i : order) {
    out += "  " + detail::pad_right(p.approaches[i], name_width) + "  " +
           detail::pad_left(fixed(p.real[i], 4), real_width) + "  " +
           detail::pad_left(detail::rank_text(real_rank[i]), 4) + "  " +
           detail::pad_left(fixed(p.synthetic[i], 4), synthetic_width) + "  " +
           detail::pad_left(detail::rank_text(synthetic_rank[i]), 4) + "  " +
           detail::pad_left(signed_fixed(p.synthetic[i] - p.real[i], 4), 8) + "\n";
  }
  return out;
}

}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_GTEST_COMPARISON_TABLE_HPP
