// detail/mention_search.hpp: where a mention occurs, the one rule of the NER span repair
// (metrics/entity.hpp) and the answers' alignment (align_mentions).

#include <synthbench/detail/mention_search.hpp>

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

namespace {

using synthbench::detail::MentionText;

// (start, exact, inside_word) of each occurrence.
std::vector<std::tuple<std::size_t, bool, bool>> occurrences(const std::string& text, const std::string& mention) {
  const MentionText document(text);
  const MentionText needle(mention);
  std::vector<std::tuple<std::size_t, bool, bool>> out;
  for (const auto& o : synthbench::detail::mention_occurrences(document, needle)) out.emplace_back(o.start, o.exact, o.inside_word);
  return out;
}

TEST(MentionOccurrences, ExactFoldedAndInsideAWord) {
  using T = std::tuple<std::size_t, bool, bool>;
  EXPECT_EQ(occurrences("Paris, paris, Parisian", "Paris"),
            (std::vector<T>{{0, true, false}, {7, false, false}, {14, true, true}}));
  // Offsets are characters: "Köln" after "Schröder" starts at character 9 (byte 10).
  EXPECT_EQ(occurrences("Schr\303\266der K\303\266ln", "K\303\266LN"), (std::vector<T>{{9, false, false}}));
  // An end that is not a word character is never inside a word: "U.S." before "A".
  EXPECT_EQ(occurrences("U.S.A.", "U.S."), (std::vector<T>{{0, true, false}}));
  // CJK characters are not word characters of a space-separated script.
  EXPECT_EQ(occurrences("\u79c1\u306f\u6771\u4eac\u306b", "\u6771\u4eac"), (std::vector<T>{{2, true, false}}));
}

TEST(MentionOccurrences, NothingForEmptyLongOrStrayMentions) {
  EXPECT_TRUE(occurrences("Paris", "").empty());
  EXPECT_TRUE(occurrences("Paris", "Paris!").empty());
  EXPECT_TRUE(occurrences("der Schr\303\266der", "\266der").empty());
  // Malformed characters match only byte for byte, never a well-formed one.
  using T = std::tuple<std::size_t, bool, bool>;
  EXPECT_EQ(occurrences("a \xC0\xAF b", "\xC0\xAF"), (std::vector<T>{{2, true, false}}));
  EXPECT_TRUE(occurrences("a / b", "\xC0\xAF").empty());
}

TEST(ExactOccurrences, TheExactOnesOfMentionOccurrencesFoundByByteSearch) {
  // Every text of up to 4 pieces and every mention of up to 2 over pieces that exercise the
  // rule: letters of two cases, a space, a two-byte letter, a lone continuation byte and a lead
  // byte without its continuation (6^1 + ... + 6^4 texts times 6 + 36 mentions).
  const std::vector<std::string> pieces = {"a", "A", " ", "\303\251", "\251", "\303"};
  std::vector<std::string> texts = {""};
  for (std::size_t length = 1, from = 0; length <= 4; ++length) {
    const std::size_t to = texts.size();
    for (std::size_t k = from; k < to; ++k) {
      for (const auto& p : pieces) texts.push_back(texts[k] + p);
    }
    from = to;
  }
  std::size_t compared = 0;
  std::size_t found = 0;
  for (const auto& text : texts) {
    const MentionText document(text);
    const synthbench::detail::Utf8Index index(text);
    for (std::size_t m = 1; m < 1 + 6 + 36; ++m) {  // the texts of one and two pieces
      const std::string& mention_text = texts[m];
      const MentionText mention(mention_text);
      std::vector<std::pair<std::size_t, bool>> expected;
      for (const auto& o : synthbench::detail::mention_occurrences(document, mention)) {
        if (o.exact) expected.emplace_back(o.start, o.inside_word);
      }
      std::vector<std::pair<std::size_t, bool>> got;
      for (const auto& o : synthbench::detail::exact_occurrences(text, mention)) got.emplace_back(index.character(o.byte), o.inside_word);
      ASSERT_EQ(got, expected) << "'" << text << "' / '" << mention_text << "'";
      ++compared;
      found += got.size();
    }
  }
  EXPECT_EQ(compared, (1u + 6u + 36u + 216u + 1296u) * 42u);
  EXPECT_GT(found, 1000u);  // not a comparison of empty lists
}

}  // namespace
