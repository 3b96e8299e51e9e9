// detail/hash.hpp: FNV-1a 64, the one hash (random-stream names, cassette interaction ids).

#include <synthbench/detail/hash.hpp>

#include <gtest/gtest.h>

#include <cstdint>

namespace {

namespace sd = synthbench::detail;

TEST(Fnv1a64, PublishedTestVectors) {
  // From the FNV reference test suite (test_fnv.c, fnv1a64 of "", "a" and "foobar").
  EXPECT_EQ(sd::fnv1a64(""), 0xCBF29CE484222325u);
  EXPECT_EQ(sd::fnv1a64("a"), 0xAF63DC4C8601EC8Cu);
  EXPECT_EQ(sd::fnv1a64("foobar"), 0x85944171F73967E8u);
  static_assert(sd::fnv1a64("a") == 0xAF63DC4C8601EC8Cu, "computable at compile time");
}

TEST(Fnv1a64, IncrementalEqualsWhole) {
  EXPECT_EQ(sd::Fnv1a64().add("foo").add("bar").value(), sd::fnv1a64("foobar"));
  EXPECT_EQ(sd::Fnv1a64().add("").value(), sd::fnv1a64(""));
  EXPECT_EQ(sd::Fnv1a64().add("a").add_byte(0xFF).value(), sd::fnv1a64("a\xFF"));
  // Bytes above 0x7F are fed as unsigned: a signed char would XOR in 0xFFFF...FF80.
  EXPECT_EQ(sd::fnv1a64("\x80"), (0xCBF29CE484222325u ^ 0x80u) * 0x100000001B3u);
}

}  // namespace
