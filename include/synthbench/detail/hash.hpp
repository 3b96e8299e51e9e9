#ifndef SYNTHBENCH_DETAIL_HASH_HPP
#define SYNTHBENCH_DETAIL_HASH_HPP

/// @file
/// The one non-cryptographic hash synthbench uses to name things stably across platforms and
/// runs (random streams, stored interactions, fingerprints of secret-scanner findings).

#include <cstdint>      // std::uint64_t
#include <cstdio>       // std::snprintf
#include <string>       // std::string
#include <string_view>  // std::string_view

#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// The offset basis of 64-bit FNV-1a.
inline constexpr std::uint64_t fnv1a64_basis = 0xCBF29CE484222325u;

/// 64-bit FNV-1a (Fowler, Noll & Vo, http://www.isthe.com/chongo/tech/comp/fnv/; offset basis
/// 0xCBF29CE484222325, prime 0x100000001B3) of `data`, continuing from `h` (the hash of what
/// came before, or the basis). Not for security.
inline std::uint64_t fnv1a64(std::string_view data, std::uint64_t h = fnv1a64_basis) noexcept {
  for (const char c : data) {
    h ^= static_cast<std::uint64_t>(static_cast<unsigned char>(c));
    h *= 0x100000001B3u;
  }
  return h;
}

/// `h` as 16 lower-case hex digits.
inline std::string hex16(std::uint64_t h) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
  return buffer;
}

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_HASH_HPP
