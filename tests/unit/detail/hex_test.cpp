// detail/hex.hpp: the one reader of hexadecimal digits (JSON \u and Python \x escapes).

#include <synthbench/detail/hex.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace {

TEST(HexValue, EveryByteAgreesWithStrtol) {
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    const bool digit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    const char text[2] = {c, '\0'};
    const int expected = digit ? static_cast<int>(std::strtol(text, nullptr, 16)) : -1;
    EXPECT_EQ(synthbench::detail::hex_value(c), expected) << b;
  }
}

TEST(HexDigit, RoundTripsAndIsLowerCase) {
  std::string all;
  for (unsigned v = 0; v < 16; ++v) {
    all += synthbench::detail::hex_digit(v);
    EXPECT_EQ(synthbench::detail::hex_value(synthbench::detail::hex_digit(v)), static_cast<int>(v));
  }
  EXPECT_EQ(all, "0123456789abcdef");
}

}  // namespace
