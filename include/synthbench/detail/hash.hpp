#ifndef SYNTHBENCH_DETAIL_HASH_HPP
#define SYNTHBENCH_DETAIL_HASH_HPP

/// @file
/// FNV-1a 64, the one hash of byte strings: random-stream names (stats/random.hpp) and
/// cassette interaction ids (cassette/interaction_id.hpp), fingerprints of secret-scanner findings
/// (cassette/secrets.hpp). Fowler, Noll & Vo, offset basis
/// 0xCBF29CE484222325 and prime 0x100000001B3 (http://www.isthe.com/chongo/tech/comp/fnv/):
/// for each byte, h = (h XOR byte) * prime modulo 2^64. Stable across platforms, so names and
/// ids derived from it can be stored; not for security.

#include <cstdint>      // std::uint64_t
#include <cstdio>       // std::snprintf
#include <string>       // std::string
#include <string_view>  // std::string_view

#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// FNV-1a 64 computed incrementally: feeding "ab" then "c" gives the hash of "abc".
class Fnv1a64 {
 public:
  /// Feeds the bytes of `bytes`.
  constexpr Fnv1a64& add(std::string_view bytes) noexcept {
    for (const char c : bytes) add_byte(static_cast<unsigned char>(c));
    return *this;
  }

  /// Feeds one byte.
  constexpr Fnv1a64& add_byte(unsigned char byte) noexcept {
    h_ = (h_ ^ byte) * 0x100000001B3u;
    return *this;
  }

  /// The hash of everything fed so far (the offset basis when nothing was).
  constexpr std::uint64_t value() const noexcept { return h_; }

 private:
  std::uint64_t h_ = 0xCBF29CE484222325u;
};

/// FNV-1a 64 of `bytes`.
constexpr std::uint64_t fnv1a64(std::string_view bytes) noexcept { return Fnv1a64().add(bytes).value(); }

/// `h` as 16 lower-case hex digits (how cassette ids and secret fingerprints are written).
inline std::string hex16(std::uint64_t h) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
  return buffer;
}

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_HASH_HPP
