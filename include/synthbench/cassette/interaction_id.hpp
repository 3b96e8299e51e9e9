#ifndef SYNTHBENCH_CASSETTE_INTERACTION_ID_HPP
#define SYNTHBENCH_CASSETTE_INTERACTION_ID_HPP

/// @file
/// interaction_id(): the stable id of a stored interaction, by which usage files (usage.hpp)
/// and `synthbench cassette prune` name interactions.

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint64_t
#include <string>   // std::string

#include "synthbench/detail/hash.hpp"  // detail::Fnv1a64, hex16
#include "synthbench/version.hpp"      // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// A stable 16-hex-digit id of a stored interaction: FNV-1a 64 (detail/hash.hpp) of the
/// request text, a newline and the replicate. Usage files name interactions by it.
inline std::string interaction_id(const std::string& request, std::size_t replicate) {
  const std::uint64_t h = synthbench::detail::Fnv1a64().add(request).add("\n" + std::to_string(replicate)).value();
  return synthbench::detail::hex16(h);
}

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_INTERACTION_ID_HPP
