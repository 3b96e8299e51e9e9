// The scanner behind the cassette fast path (synthbench/cassette/compact_json.hpp): it must
// accept what nlohmann's dump() writes, give dump()'s compact text for it, and refuse
// everything else, above all anything nlohmann's parser would refuse.

#include <synthbench/cassette.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
using synthbench::cassette::detail::CompactJsonScanner;
using Kind = synthbench::cassette::detail::CompactValue::Kind;

// The compact text the scanner gives for `text`, or "<refused>".
std::string scan(const std::string& text) {
  CompactJsonScanner s;
  std::size_t pos = 0;
  if (!s.scan(text, pos)) return "<refused>";
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n')) ++pos;
  if (pos != text.size()) return "<trailing text>";
  return s.compact();
}

TEST(CompactJsonScanner, GivesDumpsCompactTextForWhatDumpWrites) {
  const std::vector<json> values = {
      json::parse(R"({"b": [1, -2, 3.5, true, false, null], "a": {"y": "", "x": {}}, "c": []})"),
      json("plain"),
      json(std::string("controls \x01\x1f\x7f \b\f\n\r\t \" \\ /")),
      json("UTF-8: Schr\xc3\xb6" "der \xe2\x82\xac \xf0\x9f\x98\x80 \xef\xbf\xbf"),
      json(0),
      json(-1),
      json(std::numeric_limits<std::int64_t>::min()),
      json(std::numeric_limits<std::uint64_t>::max()),
      json(0.0),
      json(-0.0),
      json(0.1),
      json(1e-05),
      json(123456789012.5),
      json(1.5e300),
      json(-2.2250738585072014e-308),
      json(4.603),
      json::parse(R"({"": 1, " ": 2, "!": 3, "A": 4, "a": 5, "aa": 6, "\u00e9": 7})"),
  };
  for (const auto& v : values) {
    EXPECT_EQ(scan(v.dump()), v.dump()) << v.dump();
    EXPECT_EQ(scan(v.dump(2)), v.dump()) << v.dump(2);
    EXPECT_EQ(scan(v.dump(4, '\t')), v.dump()) << v.dump(4, '\t');
  }
}

TEST(CompactJsonScanner, TakesDepthUpToTheLimitWithoutRecursionAndRefusesMore) {
  const std::size_t limit = synthbench::detail::max_json_depth;
  const std::string at_limit = std::string(limit, '[') + std::string(limit, ']');
  EXPECT_TRUE(scan(at_limit) == at_limit);
  // Deeper input is left to the general path, which names the error (issue 15); the scanner
  // itself never recursed, at any depth.
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_TRUE(scan(deep) == "<refused>");
  EXPECT_TRUE(scan(std::string(limit + 1, '[') + std::string(limit + 1, ']')) == "<refused>");
}

TEST(CompactJsonScanner, RefusesValidJsonInAnotherFormThanDumps) {
  for (const char* text : {
           R"({"b": 1, "a": 2})",        // keys out of order
           R"({"a": 1, "a": 2})",        // a repeated key (nlohmann keeps the last)
           R"({"\u0061": 1})",           // an escape in a key
           R"("\/")",                    // dump() writes '/' as it is
           R"("\u0041")",                // ... and letters
           R"("\u00e9")",                // ... and non-ASCII characters
           R"("\u001F")",                // upper-case hex
           R"("\u0008")",                // \b has a short form
           R"("\u000a")",                // \n has a short form
           R"("\ud83d\ude00")",          // a surrogate pair
           "1E5", "1e5", "1.50", "0.10", "1.0e0", "-0", "10.00",
           "18446744073709551616",       // above uint64_t: nlohmann makes it a double
           "-9223372036854775809",       // below int64_t: the same
       }) {
    EXPECT_EQ(scan(text), "<refused>") << text;
    EXPECT_TRUE(json::accept(text)) << text;  // the general path reads it  // the general path reads it
  }
}

TEST(CompactJsonScanner, RefusesWhatIsNotJson) {
  for (const std::string& text : std::vector<std::string>{
           "", " ", "{", "[", "]", "}", "{]", "[}", "[1,]", "[,1]", "{,}", R"({"a"})", R"({"a" 1})", R"({"a":})",
           R"({"a":1,})", R"({1:2})", "01", "1.", ".5", "-", "-a", "+1", "1e", "1e+", "tru", "nul", "falsy", "NaN",
           "Infinity", "\"abc", "\"\\", "\"\\x\"", "\"\\u12\"", "'a'", "\xef\xbb\xbf{}",  // a byte order mark
           std::string("\"a\tb\""),             // a raw control character
           std::string("\"a\0b\"", 5),          // NUL
           "\"\xc0\x80\"",                      // an overlong NUL
           "\"\xc1\xbf\"",                      // overlong
           "\"\xe0\x80\x80\"",                  // overlong
           "\"\xed\xa0\x80\"",                  // a UTF-16 surrogate
           "\"\xf4\x90\x80\x80\"",              // above U+10FFFF
           "\"\xf5\x80\x80\x80\"",              // no such lead byte
           "\"\x80\"",                          // a lone continuation byte
           "\"\xe2\x82\"",                      // cut short
           "\"\xe2\x82",                        // cut short at the end of the text
           "\"\xf0\x9f\x98\"",                  // cut short
           "1e999",                             // out of range for a double
       }) {
    EXPECT_EQ(scan(text).front(), '<') << text;  // refused, or "01": 0 and then text that is not JSON
  }
}

TEST(CompactJsonScanner, DecodesStringsAndFindsMembers) {
  CompactJsonScanner s;
  const std::string text = json::parse(R"({"a": "x\"y\\z\n\u0001", "b": [1, {"c": null}], "d": -7, "e": 2.5})").dump(2);
  std::size_t pos = 0;
  ASSERT_TRUE(s.scan(text, pos));
  const std::size_t a = s.member(0, "a"), b = s.member(0, "b"), d = s.member(0, "d"), e = s.member(0, "e");
  ASSERT_NE(a, CompactJsonScanner::npos);
  EXPECT_EQ(s.string(a), "x\"y\\z\n\x01");
  EXPECT_EQ(s.values()[b].kind, Kind::array);
  std::vector<std::string> elements;
  s.for_each_element(b, [&](std::size_t i) { elements.emplace_back(s.text(i)); });
  EXPECT_EQ(elements, (std::vector<std::string>{"1", R"({"c":null})"}));
  EXPECT_TRUE(s.values()[d].negative);
  EXPECT_EQ(s.values()[d].magnitude, 7u);
  EXPECT_EQ(s.values()[e].number, 2.5);
  EXPECT_EQ(s.member(0, "c"), CompactJsonScanner::npos);  // only the object's own members
  std::vector<std::string> keys;
  s.for_each_member(0, [&](std::string_view key, std::size_t) { keys.emplace_back(key); });
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "b", "d", "e"}));
}

// The property the fast path rests on: whatever the scanner accepts, nlohmann parses, and
// dump() of that is the scanner's compact text. Checked on seeded random edits of texts
// dump() wrote: most edits give text that is refused, the rest must agree.
TEST(CompactJsonScanner, WhatItAcceptsNlohmannParsesToTheSameText) {
  const std::vector<std::string> seeds = {
      json::parse(R"({"a": [1, -2, 3.5, true, null], "b": {"c": "x\u0001\n\u00e9"}, "d": 1e-05, "e": 18446744073709551615})")
          .dump(2),
      json::parse(R"([{"content": "Intent: AddToPlaylist", "role": "user"}, 0.7, -0.0, "\ud83d\ude00"])").dump(2),
  };
  const std::string alphabet = std::string("{}[],:\"\\ \n0123456789.-+eEtrufalsnbu/x") + "\x01\x7f\xc3\xa9\xed\xe2\x82\xac";
  std::mt19937 rng(20261122);
  std::size_t accepted = 0, edits = 0;
  for (const auto& seed : seeds) {
    for (int round = 0; round < 20000; ++round) {
      std::string text = seed;
      const int changes = 1 + static_cast<int>(rng() % 3);
      for (int k = 0; k < changes && !text.empty(); ++k) {
        const std::size_t at = rng() % text.size();
        switch (rng() % 3) {
          case 0: text[at] = alphabet[rng() % alphabet.size()]; break;
          case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), alphabet[rng() % alphabet.size()]); break;
          default: text.erase(at, 1 + rng() % 3);
        }
      }
      ++edits;
      const std::string compact = scan(text);
      if (compact.front() == '<') continue;
      ++accepted;
      json parsed;
      ASSERT_NO_THROW(parsed = json::parse(text)) << text;
      ASSERT_EQ(compact, parsed.dump()) << text;
    }
  }
  // The edits must reach both outcomes for the test to mean anything.
  EXPECT_GT(accepted, edits / 50);
  EXPECT_LT(accepted, edits);
}

}  // namespace
