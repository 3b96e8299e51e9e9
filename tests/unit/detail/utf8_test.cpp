// detail/utf8.hpp: the one UTF-8 decoder and validator (RFC 3629), checked byte by byte
// against the table of RFC 3629 section 4 and exhaustively against a decoder written the other
// way round (decode the bits first, then reject what is too small, a surrogate or too large).

#include <synthbench/detail/utf8.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace {

namespace sd = synthbench::detail;

std::string bytes(std::initializer_list<unsigned> list) {
  std::string out;
  for (const unsigned b : list) out += static_cast<char>(b);
  return out;
}

// The reference: the bits of a sequence of the length its lead byte announces, then the
// conditions of RFC 3629 section 3 (shortest form, no surrogate, at most U+10FFFF) checked on
// the value. Returns the length, 0 when malformed.
std::size_t reference_length(const std::string& s, std::uint32_t& code) {
  const auto b0 = static_cast<unsigned char>(s[0]);
  std::size_t n = 0;
  std::uint32_t v = 0;
  if (b0 < 0x80) {
    code = b0;
    return 1;
  }
  if ((b0 & 0xE0u) == 0xC0u) {
    n = 2;
    v = b0 & 0x1Fu;
  } else if ((b0 & 0xF0u) == 0xE0u) {
    n = 3;
    v = b0 & 0x0Fu;
  } else if ((b0 & 0xF8u) == 0xF0u) {
    n = 4;
    v = b0 & 0x07u;
  } else {
    return 0;
  }
  if (s.size() < n) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[k]);
    if ((b & 0xC0u) != 0x80u) return 0;
    v = (v << 6) | (b & 0x3Fu);
  }
  const std::uint32_t minimum = n == 2 ? 0x80 : (n == 3 ? 0x800 : 0x10000);
  if (v < minimum || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  code = v;
  return n;
}

TEST(Utf8SequenceLength, TheBoundariesOfRfc3629) {
  EXPECT_EQ(sd::utf8_sequence_length("A", 0), 1u);
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xC2, 0x80}), 0), 2u);  // U+0080, the first 2-byte value
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xDF, 0xBF}), 0), 2u);  // U+07FF
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xE0, 0xA0, 0x80}), 0), 3u);  // U+0800
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xED, 0x9F, 0xBF}), 0), 3u);  // U+D7FF, just below the surrogates
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xEE, 0x80, 0x80}), 0), 3u);  // U+E000, just above them
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xEF, 0xBF, 0xBF}), 0), 3u);  // U+FFFF
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xF0, 0x90, 0x80, 0x80}), 0), 4u);  // U+10000
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xF4, 0x8F, 0xBF, 0xBF}), 0), 4u);  // U+10FFFF, the last scalar value
}

TEST(Utf8SequenceLength, RejectsOverlongFormsSurrogatesAndValuesAboveU10FFFF) {
  // Overlong: '/' as C0 AF, U+007F as C1 BF, U+07FF as E0 9F BF, U+FFFF as F0 8F BF BF.
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xC0, 0xAF}), 0), 0u);
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xC1, 0xBF}), 0), 0u);
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xE0, 0x9F, 0xBF}), 0), 0u);
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xF0, 0x8F, 0xBF, 0xBF}), 0), 0u);
  // Surrogates U+D800 and U+DFFF.
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xED, 0xA0, 0x80}), 0), 0u);
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xED, 0xBF, 0xBF}), 0), 0u);
  // Above U+10FFFF: U+110000 as F4 90 80 80, and the lead bytes F5..FF.
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xF4, 0x90, 0x80, 0x80}), 0), 0u);
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xF5, 0x80, 0x80, 0x80}), 0), 0u);
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xFF}), 0), 0u);
  // A lone continuation byte, a missing continuation byte, a cut-off sequence.
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0x80}), 0), 0u);
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xC3, 0x41}), 0), 0u);
  EXPECT_EQ(sd::utf8_sequence_length(bytes({0xE2, 0x82}), 0), 0u);
  // The end of the view counts, not the end of the string behind it.
  const std::string euro = bytes({0xE2, 0x82, 0xAC});
  EXPECT_EQ(sd::utf8_sequence_length(std::string_view(euro.data(), 2), 0), 0u);
  EXPECT_EQ(sd::utf8_sequence_length(euro, 0), 3u);
}

TEST(DecodeUtf8, AgreesWithTheReferenceOnEveryOneTwoAndThreeByteInput) {
  // Every lead byte with every one or two following bytes: 256 + 256^2 + 64 * 256^2 inputs
  // (three-byte inputs only after a non-ASCII lead, where the third byte can matter).
  std::size_t valid = 0;
  std::string s;
  for (unsigned a = 0; a < 256; ++a) {
    for (unsigned b = 0; b < 256; ++b) {
      for (unsigned c = 0; c < (a >= 0xC0 ? 256u : 1u); ++c) {
        s = a >= 0xC0 ? bytes({a, b, c}) : bytes({a, b});
        std::uint32_t expected_code = 0;
        const std::size_t expected = reference_length(s, expected_code);
        const auto d = sd::decode_utf8(s, 0);
        ASSERT_EQ(d.length, expected) << a << " " << b << " " << c;
        if (expected != 0) {
          ASSERT_EQ(d.code, expected_code) << a << " " << b << " " << c;
          ++valid;
        }
      }
    }
  }
  // Well-formed inputs counted by hand: with a >= 0xC0 the third byte is free (256 each):
  // 2-byte sequences 30 leads x 64 = 1920, times 256; 3-byte ones are the code points
  // U+0800..U+FFFF less 2048 surrogates = 61440. Below 0xC0: the 128 ASCII leads with any
  // second byte (128 x 256 = 32768).
  EXPECT_EQ(valid, 32768u + 1920u * 256u + 61440u);
}

TEST(DecodeUtf8, AgreesWithTheReferenceOnFourByteInputs) {
  // Every lead F0..F7 and second byte, with the third and fourth bytes from a sample that holds
  // the edges of the continuation range and bytes outside it.
  const unsigned sample[] = {0x00, 0x41, 0x7F, 0x80, 0x81, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  for (unsigned a = 0xF0; a <= 0xF7; ++a) {
    for (unsigned b = 0; b < 256; ++b) {
      for (const unsigned c : sample) {
        for (const unsigned d : sample) {
          const std::string s = bytes({a, b, c, d});
          std::uint32_t expected_code = 0;
          const std::size_t expected = reference_length(s, expected_code);
          const auto got = sd::decode_utf8(s, 0);
          ASSERT_EQ(got.length, expected) << a << " " << b << " " << c << " " << d;
          if (expected != 0) {
            ASSERT_EQ(got.code, expected_code);
          }
        }
      }
    }
  }
}

TEST(AppendUtf8, RoundTripsEveryScalarValue) {
  std::string s;
  for (std::uint32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    s.clear();
    sd::append_utf8(s, c);
    const auto d = sd::decode_utf8(s, 0);
    ASSERT_EQ(d.length, s.size()) << c;
    ASSERT_EQ(d.code, c);
    ASSERT_EQ(s.size(), c < 0x80 ? 1u : (c < 0x800 ? 2u : (c < 0x10000 ? 3u : 4u)));
  }
}

TEST(Utf8CodePointAt, GivesTheReplacementCharacterForMalformedSequences) {
  EXPECT_EQ(sd::utf8_code_point_at(bytes({0x41}), 0), 0x41u);
  EXPECT_EQ(sd::utf8_code_point_at(bytes({0xCE, 0x86}), 0), 0x386u);  // Ά
  // The NER solvers' own decoder read these as 'A' and U+D800.
  EXPECT_EQ(sd::utf8_code_point_at(bytes({0xC1, 0x81}), 0), 0xFFFDu);
  EXPECT_EQ(sd::utf8_code_point_at(bytes({0xED, 0xA0, 0x80}), 0), 0xFFFDu);
  EXPECT_EQ(sd::utf8_code_point_at(bytes({0xE2, 0x82}), 0), 0xFFFDu);
}

TEST(IsValidUtf8, WholeTexts) {
  EXPECT_TRUE(sd::is_valid_utf8(""));
  EXPECT_TRUE(sd::is_valid_utf8("plain ASCII"));
  EXPECT_TRUE(sd::is_valid_utf8("Schr\xC3\xB6" "der, \xE2\x82\xAC 5, \xF0\x9F\x98\x80"));
  EXPECT_FALSE(sd::is_valid_utf8("Schr\xC3" "der"));           // a lead byte without its continuation
  EXPECT_FALSE(sd::is_valid_utf8("ok \xC0\xAF"));              // overlong '/'
  EXPECT_FALSE(sd::is_valid_utf8("ok \xED\xA0\x80"));          // a surrogate
  EXPECT_FALSE(sd::is_valid_utf8("\xF4\x90\x80\x80 too big"));  // U+110000
  EXPECT_FALSE(sd::is_valid_utf8("cut \xE2\x82"));
}

TEST(IsCutOffUtf8, OnlyAStartThatCouldStillBecomeWellFormed) {
  EXPECT_TRUE(sd::is_cut_off_utf8(bytes({0xC3}), 0));
  EXPECT_TRUE(sd::is_cut_off_utf8(bytes({0xE2, 0x82}), 0));
  EXPECT_TRUE(sd::is_cut_off_utf8(bytes({0xF0, 0x9F, 0x98}), 0));
  EXPECT_FALSE(sd::is_cut_off_utf8(bytes({0xC3, 0xA9}), 0));  // complete
  EXPECT_FALSE(sd::is_cut_off_utf8(bytes({0xE0, 0x80}), 0));  // only an overlong form can follow
  EXPECT_FALSE(sd::is_cut_off_utf8(bytes({0xED, 0xA0}), 0));  // only a surrogate can follow
  EXPECT_FALSE(sd::is_cut_off_utf8(bytes({0xF4, 0x90}), 0));  // only values above U+10FFFF
  EXPECT_FALSE(sd::is_cut_off_utf8(bytes({0xF5}), 0));
  EXPECT_FALSE(sd::is_cut_off_utf8(bytes({0xE2, 0x41}), 0));
  EXPECT_FALSE(sd::is_cut_off_utf8("A", 0));
}

TEST(Utf8Chars, AMalformedSequenceIsOneCharacterSpanningItsContinuationBytes) {
  // "a", "é" followed by a stray continuation byte, "b"; a leading continuation byte belongs
  // to no character.
  const std::string text = bytes({0x80, 'a', 0xC3, 0xA9, 0x80, 'b', 0xC0, 0xAF});
  const auto chars = sd::utf8_chars(text);
  ASSERT_EQ(chars.size(), 4u);
  EXPECT_EQ(chars[0].byte, 1u);
  EXPECT_TRUE(chars[0].valid);
  EXPECT_EQ(chars[1].byte, 2u);
  EXPECT_EQ(chars[1].length, 3u);
  EXPECT_FALSE(chars[1].valid);
  EXPECT_EQ(chars[2].code, static_cast<std::uint32_t>('b'));
  EXPECT_EQ(chars[3].length, 2u);
  EXPECT_FALSE(chars[3].valid) << "an overlong '/' is not the character '/'";
  // As many characters as Utf8Index and utf8_length count (the NER offsets).
  EXPECT_EQ(sd::utf8_length(text), 4u);
  EXPECT_EQ(sd::Utf8Index(text).length(), 4u);
}

}  // namespace
