#ifndef SYNTHBENCH_DETAIL_HEX_HPP
#define SYNTHBENCH_DETAIL_HEX_HPP

/// @file
/// Hexadecimal digits, read and written one at a time (the \u and \x escapes of JSON and
/// Python string literals).

#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// The value of hexadecimal digit `c` (0-9, a-f, A-F), or -1 for any other character.
constexpr int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// The lower-case hexadecimal digit of `v` (0 to 15).
constexpr char hex_digit(unsigned v) noexcept { return "0123456789abcdef"[v & 0xFu]; }

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_HEX_HPP
