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

}  // namespace
