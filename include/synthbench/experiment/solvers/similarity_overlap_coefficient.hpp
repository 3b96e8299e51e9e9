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
#include <string>     // std::string

#include "synthbench/experiment/solvers/similarity_reference_solvers.hpp"  // PairwiseSimilaritySolver, detail::word_set_overlap
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// The overlap coefficient of the word sets (see the file comment).
class OverlapCoefficientSimilaritySolver : public PairwiseSimilaritySolver {
 public:
  /// "overlap-coefficient".
  std::string name() const override { return "overlap-coefficient"; }

 protected:
  double similarity(const std::string& a, const std::string& b) const override {
    const auto o = detail::word_set_overlap(a, b);
    if (o.size_a == 0 && o.size_b == 0) return 1.0;
    if (o.size_a == 0 || o.size_b == 0) return 0.0;
    return static_cast<double>(o.common) / static_cast<double>(std::min(o.size_a, o.size_b));
  }
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_SIMILARITY_OVERLAP_COEFFICIENT_HPP
