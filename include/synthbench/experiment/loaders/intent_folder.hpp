#ifndef SYNTHBENCH_EXPERIMENT_LOADERS_INTENT_FOLDER_HPP
#define SYNTHBENCH_EXPERIMENT_LOADERS_INTENT_FOLDER_HPP

/// @file
/// Intent datasets in the SNIPS/ATIS folder format: a split folder (`train/`, `valid/`,
/// `test/`) holding `seq.in` (one utterance per line) and `label` (its intent, on the same
/// line number), as the SG4NLP repository keeps them in `data/intent_datasets/<name>/<split>/`
/// (the layout of the JointBERT release of SNIPS and ATIS). Any `seq.out` slot file is ignored.
///
/// Defined behaviour (docs/datasets.md), line by line of the two files:
/// - CRLF line ends and a UTF-8 byte order mark are accepted; a final newline does not start
///   another line; the text and the label are taken verbatim otherwise;
/// - blank lines (empty or whitespace) at the end of either file are ignored;
/// - a line blank in both files holds no item and is skipped;
/// - a line blank in one file only is half an item: it is left out and reported
///   ("dropped_item"; DataIssue::item is the index the next kept item gets). SG4NLP's reader
///   also skips a pair whose label is empty;
/// - files with different numbers of lines (after the trailing blank lines) are an error
///   (InputError synthbench.input.501): every label after a missing line would belong to
///   another utterance, which no repair can tell. (SG4NLP's zip() would silently truncate.)
/// Files that cannot be read throw IoError synthbench.io.1; a pair of files without any line
/// throws InputError synthbench.input.509.

#include <cstddef>     // std::size_t
#include <filesystem>  // std::filesystem::path
#include <string>      // std::string, std::to_string
#include <utility>     // std::move
#include <vector>      // std::vector

#include "synthbench/detail/files.hpp"                       // detail::read_file
#include "synthbench/error.hpp"                              // InputError
#include "synthbench/experiment/dataset.hpp"                 // IntentDataset
#include "synthbench/experiment/loaders/loader_support.hpp"  // detail::loading::split_lines, is_blank
#include "synthbench/version.hpp"                            // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

/// An intent dataset from the contents of a `seq.in` file (`texts`, named `texts_source` in
/// messages) and of its `label` file (`labels`, named `labels_source`); Dataset::source is
/// `texts_source`. See the file comment for the line rules.
inline IntentDataset parse_intent_lines(const std::string& texts, const std::string& texts_source,
                                        const std::string& labels, const std::string& labels_source,
                                        std::string name = "real") {
  namespace loading = detail::loading;
  auto text_lines = loading::split_lines(texts);
  auto label_lines = loading::split_lines(labels);
  const auto trim_trailing_blank = [](std::vector<std::string>& lines) {
    while (!lines.empty() && loading::is_blank(lines.back())) lines.pop_back();
  };
  trim_trailing_blank(text_lines);
  trim_trailing_blank(label_lines);
  if (text_lines.size() != label_lines.size()) {
    const bool fewer_labels = label_lines.size() < text_lines.size();
    const std::size_t common = fewer_labels ? label_lines.size() : text_lines.size();
    throw InputError(501, labels_source, "",
                     "has " + std::to_string(label_lines.size()) + " lines but " + texts_source + " has " +
                         std::to_string(text_lines.size()) + " (trailing blank lines not counted); line " +
                         std::to_string(common + 1) + " of " + (fewer_labels ? texts_source : labels_source) +
                         " has no counterpart");
  }
  if (text_lines.empty()) throw InputError(509, texts_source, "", "no lines (the files are empty or blank)");
  IntentDataset d;
  d.name = std::move(name);
  d.source = texts_source;
  for (std::size_t i = 0; i < text_lines.size(); ++i) {
    const bool blank_text = loading::is_blank(text_lines[i]);
    const bool blank_label = loading::is_blank(label_lines[i]);
    if (blank_text && blank_label) continue;
    const std::string where = "line " + std::to_string(i + 1);
    if (blank_text) {
      d.report.add(d.items.size(), "dropped_item", texts_source + " " + where,
                   "the utterance is blank but " + labels_source + " " + where + " has the label " +
                       loading::quoted(label_lines[i]) + "; the item is left out");
      continue;
    }
    if (blank_label) {
      d.report.add(d.items.size(), "dropped_item", labels_source + " " + where,
                   "the label is blank but " + texts_source + " " + where + " has the utterance " +
                       loading::quoted(text_lines[i]) + "; the item is left out");
      continue;
    }
    d.items.push_back({std::move(text_lines[i]), std::move(label_lines[i])});
  }
  return d;
}

/// The intent dataset of a split folder holding `seq.in` and `label` (e.g.
/// `data/intent_datasets/snips/test`). Throws IoError when a file cannot be read, InputError
/// as parse_intent_lines.
inline IntentDataset load_intent_folder(const std::filesystem::path& folder, std::string name = "real") {
  const std::filesystem::path texts = folder / "seq.in";
  const std::filesystem::path labels = folder / "label";
  return parse_intent_lines(detail::read_file(texts), texts.string(), detail::read_file(labels), labels.string(),
                            std::move(name));
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_LOADERS_INTENT_FOLDER_HPP
