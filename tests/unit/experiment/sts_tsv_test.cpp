#include <synthbench/experiment/loaders/sts_tsv.hpp>

#include <gtest/gtest.h>

#include <string>

#include "unit/experiment/dataset_test_support.hpp"

namespace {

using synthbench::load_sts_tsv;
using synthbench::parse_sts_tsv;
using synthbench::TsvHeader;
using synthbench_test_support::expect_input_error;
using synthbench_test_support::TempDir;

TEST(StsTsv, DetectsAHeaderLine) {
  TempDir dir;
  const auto path = dir.write("headlines.test.tsv",
                              "score\tsentence1\tsentence2\n"
                              "3.0\tMall attackers used 'less is more' strategy\tIn Kenya, attackers used 'less is more' strategy\n"
                              "0.4\tOpposition leaders emerge\tCambodia opposition leaders summoned to court\n");
  const auto d = load_sts_tsv(path);
  EXPECT_EQ(d.source, path.string());
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d.items[0].score, 3.0);
  EXPECT_EQ(d.items[0].text1, "Mall attackers used 'less is more' strategy");
  EXPECT_EQ(d.items[1].score, 0.4);
  EXPECT_EQ(d.items[1].text2, "Cambodia opposition leaders summoned to court");
  EXPECT_TRUE(d.report.issues.empty());
}

TEST(StsTsv, WithoutHeaderTheFirstLineIsData) {
  const std::string text = "5\ta\ta\n2.5\ta b\ta c\n";
  EXPECT_EQ(parse_sts_tsv(text, "t.tsv").size(), 2u) << "detect: the first field is a number";
  EXPECT_EQ(parse_sts_tsv(text, "t.tsv", "real", TsvHeader::absent).size(), 2u);
  const auto skipped = parse_sts_tsv(text, "t.tsv", "real", TsvHeader::present);
  ASSERT_EQ(skipped.size(), 1u) << "present: the first line is dropped whatever it holds, as pandas does";
  EXPECT_EQ(skipped.items[0].score, 2.5);
  expect_input_error([] { parse_sts_tsv("score\ta\tb\n1\tx\ty\n", "t.tsv", "real", TsvHeader::absent); },
                     "synthbench.input.503", "t.tsv", "line 1");
}

TEST(StsTsv, CrlfBomBlankLinesAndQuotes) {
  // BOM, CRLF, a blank line before the header, blank lines between pairs; double quotes are
  // ordinary characters; spaces around the score are allowed.
  const auto d = parse_sts_tsv("\xEF\xBB\xBF\r\nscore\ts1\ts2\r\n\r\n 4 \t\"quoted\" text\tplain\r\n\r\n1.5\tx\ty",
                               "t.tsv");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d.items[0].score, 4.0);
  EXPECT_EQ(d.items[0].text1, "\"quoted\" text");
  EXPECT_EQ(d.items[0].text2, "plain");
  EXPECT_EQ(d.items[1].text2, "y");
}

TEST(StsTsv, BlankTextsAreReported) {
  const auto d = parse_sts_tsv("1\ta\t\n2\t \tb\n3\tc\td\n", "t.tsv");
  ASSERT_EQ(d.size(), 1u);
  ASSERT_EQ(d.report.issues.size(), 2u);
  EXPECT_EQ(d.report.issues[0].kind, "dropped_item");
  EXPECT_EQ(d.report.issues[0].where, "line 1");
  EXPECT_EQ(d.report.issues[0].detail, "text2 is blank; the item is left out");
  EXPECT_EQ(d.report.issues[1].where, "line 2");
  EXPECT_EQ(d.report.issues[1].detail, "text1 is blank; the item is left out");
  EXPECT_EQ(d.report.issues[1].item, 0u);
}

TEST(StsTsv, EveryKindOfMalformedInputNamesFileAndLine) {
  TempDir dir;
  const auto check = [&](const std::string& content, const std::string& id, const std::string& where) {
    const auto path = dir.write("bad.tsv", content);
    return expect_input_error([&] { load_sts_tsv(path); }, id, path.string(), where);
  };
  const std::string header = "score\ttext1\ttext2\n";
  const auto two = check(header + "1\tonly one text\n", "synthbench.input.502", "line 2");
  EXPECT_NE(two.find("expected 3 tab-separated fields (score, text1, text2), got 2"), std::string::npos) << two;
  check(header + "1\ta\tb\tc\n", "synthbench.input.502", "line 2");
  check(header + "1\ta\tb\n\nhigh\ta\tb\n", "synthbench.input.503", "line 4");
  check(header + "nan\ta\tb\n", "synthbench.input.503", "line 2");
  check(header + "3,5\ta\tb\n", "synthbench.input.503", "line 2");
  const auto high = check(header + "5.01\ta\tb\n", "synthbench.input.504", "line 2");
  EXPECT_NE(high.find("the score 5.01 is outside the similarity scale [0, 5]"), std::string::npos) << high;
  check(header + "-1\ta\tb\n", "synthbench.input.504", "line 2");
  check(header + "1e400\ta\tb\n", "synthbench.input.503", "line 2");
  check("", "synthbench.input.509", "");
  check(header, "synthbench.input.509", "");
  check("\n\n", "synthbench.input.509", "");
}

}  // namespace
