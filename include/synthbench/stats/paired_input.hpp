#ifndef SYNTHBENCH_STATS_PAIRED_INPUT_HPP
#define SYNTHBENCH_STATS_PAIRED_INPUT_HPP

/// @file
/// Checks shared by every statistic on paired samples: equal lengths, enough values,
/// finite values, non-constant values. Each failure becomes an undefined Result whose
/// detail names the statistic and the offending input.

#include <cmath>    // std::isfinite
#include <cstddef>  // std::size_t
#include <optional> // std::optional
#include <string>   // std::string, std::to_string
#include <utility>  // std::pair, std::make_pair
#include <vector>   // std::vector

#include "synthbench/result.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace stats {

/// Why `x` cannot feed `statistic` (needs at least `min_n` finite values), or nullopt.
inline std::optional<std::pair<Undefined, std::string>> check_sample(
    const std::vector<double>& x, const char* name, std::size_t min_n, const char* statistic) {
  if (x.size() < min_n) {
    return std::make_pair(Undefined::too_few,
                          std::string(name) + " has " + std::to_string(x.size()) + " value" +
                              (x.size() == 1 ? "" : "s") + ", " + statistic + " needs at least " +
                              std::to_string(min_n));
  }
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i])) {
      return std::make_pair(Undefined::not_finite, std::string(name) + "[" + std::to_string(i) +
                                                       "] is " + (std::isnan(x[i]) ? "NaN" : "infinite"));
    }
  }
  return std::nullopt;
}

/// True when every value equals the first (exact comparison: a correlation is then 0/0).
inline bool is_constant(const std::vector<double>& x) noexcept {
  for (double v : x) {
    if (v != x.front()) return false;
  }
  return true;
}

/// Why (x, y) cannot feed `statistic`, or nullopt: lengths, count, finiteness, and, when
/// `reject_constant`, zero variance.
inline std::optional<std::pair<Undefined, std::string>> check_paired(
    const std::vector<double>& x, const std::vector<double>& y, std::size_t min_n,
    const char* statistic, bool reject_constant = true) {
  if (x.size() != y.size()) {
    return std::make_pair(Undefined::length_mismatch,
                          std::string(statistic) + " needs paired samples, got x of length " +
                              std::to_string(x.size()) + " and y of length " +
                              std::to_string(y.size()));
  }
  if (auto bad = check_sample(x, "x", min_n, statistic)) return bad;
  if (auto bad = check_sample(y, "y", min_n, statistic)) return bad;
  if (reject_constant) {
    for (const auto* v : {&x, &y}) {
      if (is_constant(*v)) {
        return std::make_pair(Undefined::constant_input,
                              std::string(v == &x ? "x" : "y") + " has all " +
                                  std::to_string(v->size()) + " values equal, so " + statistic +
                                  " is 0/0");
      }
    }
  }
  return std::nullopt;
}

}  // namespace stats
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_STATS_PAIRED_INPUT_HPP
