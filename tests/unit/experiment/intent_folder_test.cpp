#include <synthbench/experiment/loaders/intent_folder.hpp>

#include <gtest/gtest.h>

#include <string>

#include "unit/experiment/dataset_test_support.hpp"

namespace {

using synthbench::load_intent_folder;
using synthbench_test_support::expect_input_error;
using synthbench_test_support::TempDir;

TEST(IntentFolder, ReadsASplitFolder) {
  TempDir dir;
  dir.write("snips/test/seq.in", "add sabrina salerno to the grime instrumentals playlist\nwill it rain in paris\n");
  dir.write("snips/test/label", "AddToPlaylist\nGetWeather\n");
  dir.write("snips/test/seq.out", "O B-artist I-artist O O B-playlist I-playlist O\nO O O O B-city\n");  // ignored
  const auto d = load_intent_folder(dir.path() / "snips" / "test");
  EXPECT_EQ(d.name, "real");
  EXPECT_EQ(d.source, (dir.path() / "snips" / "test" / "seq.in").string());
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d.items[0].text, "add sabrina salerno to the grime instrumentals playlist");
  EXPECT_EQ(d.items[0].label, "AddToPlaylist");
  EXPECT_EQ(d.items[1].label, "GetWeather");
  EXPECT_TRUE(d.report.issues.empty());
}

TEST(IntentFolder, CrlfByteOrderMarkAndMissingFinalNewline) {
  TempDir dir;
  dir.write("f/seq.in", "\xEF\xBB\xBFplay jazz\r\nbook a table\r\n");
  dir.write("f/label", "PlayMusic\r\nBookRestaurant");  // no final newline
  const auto d = load_intent_folder(dir.path() / "f", "train");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d.name, "train");
  EXPECT_EQ(d.items[0].text, "play jazz") << "no BOM, no CR";
  EXPECT_EQ(d.items[1].text, "book a table");
  EXPECT_EQ(d.items[1].label, "BookRestaurant");
}

TEST(IntentFolder, BlankLines) {
  TempDir dir;
  // Line 2 is blank in both files (skipped silently); line 3 has no utterance, line 4 no
  // label (each reported); trailing blank lines differ between the files (ignored).
  dir.write("f/seq.in", "play jazz\n\n\nbook a table\nwill it rain\n\n\n");
  dir.write("f/label", "PlayMusic\n  \nGetWeather\n\nGetWeather\n");
  const auto d = load_intent_folder(dir.path() / "f");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d.items[1].text, "will it rain");
  ASSERT_EQ(d.report.issues.size(), 2u);
  const std::string seq_in = (dir.path() / "f" / "seq.in").string();
  const std::string label = (dir.path() / "f" / "label").string();
  EXPECT_EQ(d.report.issues[0].kind, "dropped_item");
  EXPECT_EQ(d.report.issues[0].item, 1u);
  EXPECT_EQ(d.report.issues[0].where, seq_in + " line 3");
  EXPECT_EQ(d.report.issues[0].detail, "the utterance is blank but " + label +
                                           " line 3 has the label \"GetWeather\"; the item is left out");
  EXPECT_EQ(d.report.issues[1].where, label + " line 4");
  EXPECT_EQ(d.report.issues[1].detail, "the label is blank but " + seq_in +
                                           " line 4 has the utterance \"book a table\"; the item is left out");
}

TEST(IntentFolder, MismatchedLineCountsAreAnError) {
  TempDir dir;
  dir.write("f/seq.in", "one\ntwo\nthree\n");
  dir.write("f/label", "A\nB\n");
  const std::string seq_in = (dir.path() / "f" / "seq.in").string();
  const std::string label = (dir.path() / "f" / "label").string();
  const auto message =
      expect_input_error([&] { load_intent_folder(dir.path() / "f"); }, "synthbench.input.501", label, "");
  EXPECT_NE(message.find("has 2 lines but " + seq_in + " has 3 (trailing blank lines not counted); line 3 of " +
                         seq_in + " has no counterpart"),
            std::string::npos)
      << message;
  dir.write("f/label", "A\nB\nC\nD\n");
  const auto more =
      expect_input_error([&] { load_intent_folder(dir.path() / "f"); }, "synthbench.input.501", label, "");
  EXPECT_NE(more.find("line 4 of " + label + " has no counterpart"), std::string::npos) << more;
}

TEST(IntentFolder, EmptyFilesAndMissingFiles) {
  TempDir dir;
  dir.write("f/seq.in", "\n\n");
  dir.write("f/label", "");
  expect_input_error([&] { load_intent_folder(dir.path() / "f"); }, "synthbench.input.509",
                     (dir.path() / "f" / "seq.in").string(), "");
  dir.write("g/seq.in", "play jazz\n");
  try {
    load_intent_folder(dir.path() / "g");
    FAIL() << "expected an IoError";
  } catch (const synthbench::IoError& e) {
    EXPECT_EQ(e.id(), "synthbench.io.1");
    EXPECT_EQ(e.path(), (dir.path() / "g" / "label").string());
  }
}

TEST(IntentFolder, ParseFromStrings) {
  const auto d = synthbench::parse_intent_lines("a\nb\n", "seq.in", "X\nY\n", "label", "valid");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d.source, "seq.in");
  EXPECT_EQ(d.items[1].label, "Y");
}

}  // namespace
