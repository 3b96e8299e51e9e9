#ifndef SYNTHBENCH_STATS_ALTERNATIVE_HPP
#define SYNTHBENCH_STATS_ALTERNATIVE_HPP

/// @file
/// The alternative hypothesis of a test of association.

#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace stats {

/// Alternative hypothesis. `greater` is a positive association (synthetic data ranks
/// approaches like real data), the one-sided question synthbench asks by default.
enum class Alternative {
  two_sided,  ///< association in either direction
  greater,    ///< positive association
  less,       ///< negative association
};

/// "two-sided", "greater" or "less".
inline const char* to_string(Alternative a) noexcept {
  switch (a) {
    case Alternative::two_sided: return "two-sided";
    case Alternative::greater: return "greater";
    case Alternative::less: return "less";
  }
  return "unknown";
}

}  // namespace stats
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_STATS_ALTERNATIVE_HPP
