#ifndef SYNTHBENCH_STATS_RANDOM_HPP
#define SYNTHBENCH_STATS_RANDOM_HPP

/// @file
/// Seeded pseudo-random numbers that are bit-identical on every platform and standard library.
///
/// The standard engines are portable but the distributions are not: std::uniform_int_distribution
/// is implemented differently by libstdc++, libc++ and the MSVC STL, so the same seed gives
/// different bootstrap resamples on different machines. Everything here is 64-bit integer
/// arithmetic with a specified result:
///
/// - SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
///   OOPSLA 2014; constants of Vigna's reference splitmix64.c): expands a 64-bit seed into the
///   state of the main generator, as the authors of xoshiro recommend.
/// - xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM
///   TOMS 47(4), 2021; reference xoshiro256starstar.c): the generator. 256 bits of state,
///   period 2^256 - 1, passes BigCrush; only shifts, rotations, xors and multiplications.
/// - Bounded integers by Lemire's multiply-and-reject method (Lemire, "Fast random integer
///   generation in an interval", ACM TOMACS 29(1), 2019, algorithm 5): exactly uniform (the
///   rejection removes the bias of a plain modulo or multiply) and nearly free of divisions.
/// - Doubles in [0, 1) from the top 53 bits (Vigna's recommendation): every value is k / 2^53.
/// - Stream derivation: derive_seed(seed, key) mixes a key (a dataset's name) into the seed,
///   so each dataset gets its own stream that does not depend on which other datasets exist.

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint64_t, std::uint32_t
#include <string>   // std::string

#include "synthbench/detail/hash.hpp"  // detail::fnv1a64
#include "synthbench/error.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace stats {

/// SplitMix64: a tiny generator used to expand seeds. `next()` of a SplitMix64 seeded with 0
/// is 0xE220A8397B1DCDAF.
class SplitMix64 {
 public:
  /// A generator whose state starts at `seed`.
  explicit SplitMix64(std::uint64_t seed) noexcept : state_(seed) {}

  /// The next 64-bit output.
  std::uint64_t next() noexcept {
    state_ += 0x9E3779B97F4A7C15u;
    return mix(state_);
  }

  /// The output function alone (Stafford's "Mix13" variant of the MurmurHash3 finalizer): a
  /// bijection of 64-bit integers with good avalanche, used to combine seeds.
  static std::uint64_t mix(std::uint64_t z) noexcept {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

/// 64-bit FNV-1a hash of `key` (Fowler, Noll & Vo; offset basis 0xCBF29CE484222325, prime
/// 0x100000001B3). Stable across platforms; used to name random streams, not for security.
inline std::uint64_t fnv1a64(const std::string& key) noexcept { return synthbench::detail::fnv1a64(key); }

/// The seed of the stream named `key` under `seed`: SplitMix64::mix(seed ^ mix(fnv1a64(key))).
/// Different keys give unrelated streams; the same (seed, key) always gives the same stream.
inline std::uint64_t derive_seed(std::uint64_t seed, const std::string& key) noexcept {
  return SplitMix64::mix(seed ^ SplitMix64::mix(fnv1a64(key)));
}

/// xoshiro256**, seeded through SplitMix64. Satisfies the UniformRandomBitGenerator concept,
/// so it also works with std::shuffle (whose result is not portable: use bounded() instead).
class Xoshiro256StarStar {
 public:
  /// Part of the UniformRandomBitGenerator interface.
  using result_type = std::uint64_t;

  /// A generator whose 256-bit state is four consecutive outputs of SplitMix64(seed). (The
  /// state cannot be all zero: SplitMix64 never outputs four zeros in a row.)
  explicit Xoshiro256StarStar(std::uint64_t seed) noexcept {
    SplitMix64 expand(seed);
    for (auto& word : s_) word = expand.next();
  }

  /// Smallest output.
  static constexpr result_type min() noexcept { return 0; }
  /// Largest output.
  static constexpr result_type max() noexcept { return ~result_type{0}; }

  /// The next 64-bit output.
  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5u, 7) * 9u;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// Same as next().
  std::uint64_t operator()() noexcept { return next(); }

  /// A uniform integer in [0, range), exactly uniform (Lemire 2019). Throws UsageError
  /// (synthbench.usage.30) when range is 0.
  std::uint64_t bounded(std::uint64_t range) {
    if (range == 0) throw UsageError(30, "Xoshiro256StarStar::bounded needs a positive range");
    if (range <= 0xFFFFFFFFu) return bounded32(static_cast<std::uint32_t>(range));
    // 64-bit ranges: the same method on the 128-bit product, with a portable high half.
    std::uint64_t high = 0;
    std::uint64_t low = multiply(next(), range, high);
    if (low < range) {
      const std::uint64_t threshold = (std::uint64_t{0} - range) % range;  // 2^64 mod range
      while (low < threshold) low = multiply(next(), range, high);
    }
    return high;
  }

  /// A uniform integer in [0, range) for range in [1, 2^32], from the top 32 bits of one
  /// output (the most thoroughly mixed ones). Precondition: range > 0.
  std::uint32_t bounded32(std::uint32_t range) noexcept {
    // Lemire (2019), algorithm 5: m = x * range is < 2^32 * range; its high word is uniform
    // on [0, range) once the low words below 2^32 mod range (the overrepresented ones) are
    // rejected. The remainder is computed only when the cheap test l < range hints at it.
    std::uint64_t m = (next() >> 32) * range;
    auto low = static_cast<std::uint32_t>(m);
    if (low < range) {
      const std::uint32_t threshold = static_cast<std::uint32_t>(0u - range) % range;  // 2^32 mod range
      while (low < threshold) {
        m = (next() >> 32) * range;
        low = static_cast<std::uint32_t>(m);
      }
    }
    return static_cast<std::uint32_t>(m >> 32);
  }

  /// A uniform double in [0, 1): the top 53 bits of one output times 2^-53.
  double uniform01() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }

  // The 128-bit product a * b as (high, low), from four 32 x 32 -> 64 products.
  static std::uint64_t multiply(std::uint64_t a, std::uint64_t b, std::uint64_t& high) noexcept {
    const std::uint64_t a_lo = a & 0xFFFFFFFFu;
    const std::uint64_t a_hi = a >> 32;
    const std::uint64_t b_lo = b & 0xFFFFFFFFu;
    const std::uint64_t b_hi = b >> 32;
    const std::uint64_t lo_lo = a_lo * b_lo;
    const std::uint64_t hi_lo = a_hi * b_lo;
    const std::uint64_t lo_hi = a_lo * b_hi;
    const std::uint64_t hi_hi = a_hi * b_hi;
    const std::uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xFFFFFFFFu) + lo_hi;
    high = hi_hi + (hi_lo >> 32) + (cross >> 32);
    return (cross << 32) | (lo_lo & 0xFFFFFFFFu);
  }

  std::uint64_t s_[4];
};

}  // namespace stats
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_STATS_RANDOM_HPP
