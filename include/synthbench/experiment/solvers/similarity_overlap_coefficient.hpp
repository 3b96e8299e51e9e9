#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_SIMILARITY_OVERLAP_COEFFICIENT_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_SIMILARITY_OVERLAP_COEFFICIENT_HPP

/// @file
/// `overlap-coefficient`: |A n B| / min(|A|, |B|) of the two word sets (text_features.hpp's
/// tokenize), the Szymkiewicz-Simpson coefficient (Simpson, "Mammals and the nature of
/// continents", Am. J. Sci. 241, 1943). Unlike the Jaccard coefficient it does not punish a
/// short sentence contained in a long one. Two empty sentences are identical (1); one empty
/// sentence shares nothing with another (0).

#include <algorithm>  // std::min
#include <cstddef>    // std::size_t
#include <set>        // std::set
#include <string>     // std::string

#include "synthbench/experiment/solvers/similarity_reference_solvers.hpp"  // PairwiseSimilaritySolver
#include "synthbench/experiment/text_features.hpp"                         // tokenize
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// The overlap coefficient of the word sets (see the file comment).
class OverlapCoefficientSimilaritySolver : public PairwiseSimilaritySolver {
 public:
  /// "overlap-coefficient".
  std::string name() const override { return "overlap-coefficient"; }

 protected:
  double similarity(const std::string& a, const std::string& b) const override {
    const auto ta = tokenize(a);
    const auto tb = tokenize(b);
    const std::set<std::string> sa(ta.begin(), ta.end());
    const std::set<std::string> sb(tb.begin(), tb.end());
    if (sa.empty() && sb.empty()) return 1.0;
    if (sa.empty() || sb.empty()) return 0.0;
    std::size_t common = 0;
    for (const auto& w : sa) common += sb.count(w);
    return static_cast<double>(common) / static_cast<double>(std::min(sa.size(), sb.size()));
  }
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_SIMILARITY_OVERLAP_COEFFICIENT_HPP
