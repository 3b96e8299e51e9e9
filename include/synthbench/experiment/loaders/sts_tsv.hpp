#ifndef SYNTHBENCH_EXPERIMENT_LOADERS_STS_TSV_HPP
#define SYNTHBENCH_EXPERIMENT_LOADERS_STS_TSV_HPP

/// @file
/// Similarity datasets as tab-separated lines `score<TAB>text1<TAB>text2`, the form of the
/// SG4NLP repository's `data/sts_datasets/<name>.test.tsv` (STS-2012 headlines, tweet-news;
/// Agirre et al., SemEval-2012 Task 6).
///
/// Defined behaviour (docs/datasets.md):
/// - **Header.** SG4NLP reads these files with pandas.read_csv(delimiter="\t"), which takes the
///   first line as a header. TsvHeader::detect (default) skips the first non-blank line when its
///   first field is not a number (a header such as `score<TAB>sentence1<TAB>sentence2`) and
///   reads it as data when it is; TsvHeader::present always skips it (pandas' behaviour, which
///   loses the first pair of a file without header); TsvHeader::absent never does.
/// - **Lines.** CRLF and a UTF-8 byte order mark are accepted; blank lines are skipped (line
///   numbers in messages stay those of the file). Each other line has exactly three fields;
///   there is no quoting: a double quote is an ordinary character and a tab always separates
///   fields. (pandas would treat a field that starts with a double quote as quoted.)
/// - **Scores** are numbers in the syntax of metrics::parse_score (surrounding spaces allowed,
///   no locale) and must lie in [0, 5]; they are kept unrounded (SG4NLP rounds them to
///   integers when reading: sampling by score bucket rounds, see experiment/sampling.hpp).
/// - A pair with a blank text is left out and reported ("dropped_item").
/// Errors (InputError, naming the file and the line): 502 not three fields, 503 a score that is
/// not a number, 504 a score outside [0, 5], 509 no data line.

#include <cstddef>     // std::size_t
#include <filesystem>  // std::filesystem::path
#include <optional>    // std::optional
#include <string>      // std::string, std::to_string
#include <utility>     // std::move
#include <vector>      // std::vector

#include "synthbench/detail/files.hpp"                       // detail::read_file
#include "synthbench/error.hpp"                              // InputError
#include "synthbench/experiment/dataset.hpp"                 // SimilarityDataset
#include "synthbench/experiment/loaders/loader_support.hpp"  // detail::loading::split_lines, check_similarity_score
#include "synthbench/metrics/similarity.hpp"                 // metrics::parse_score
#include "synthbench/version.hpp"                            // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

/// Whether the first line of an STS TSV file is a header (see the file comment).
enum class TsvHeader {
  detect,   ///< a header when its first field is not a number (default)
  present,  ///< always a header, skipped whatever it holds (pandas.read_csv)
  absent,   ///< never a header
};

/// A similarity dataset from tab-separated `text` (`source` names it in messages and in
/// Dataset::source). See the file comment for the rules.
inline SimilarityDataset parse_sts_tsv(const std::string& text, const std::string& source, std::string name = "real",
                                       TsvHeader header = TsvHeader::detect) {
  namespace loading = detail::loading;
  SimilarityDataset d;
  d.name = std::move(name);
  d.source = source;
  const auto lines = loading::split_lines(text);
  bool first = true;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (loading::is_blank(line)) continue;
    const std::string where = "line " + std::to_string(i + 1);
    std::vector<std::string> fields;
    for (std::size_t begin = 0;;) {
      const std::size_t tab = line.find('\t', begin);
      fields.push_back(line.substr(begin, tab == std::string::npos ? std::string::npos : tab - begin));
      if (tab == std::string::npos) break;
      begin = tab + 1;
    }
    const std::optional<double> score = metrics::parse_score(fields[0]);
    if (first) {
      first = false;
      if (header == TsvHeader::present || (header == TsvHeader::detect && !score)) continue;
    }
    if (fields.size() != 3) {
      throw InputError(502, source, where,
                       "expected 3 tab-separated fields (score, text1, text2), got " + std::to_string(fields.size()));
    }
    if (!score) throw InputError(503, source, where, "the score " + loading::quoted(fields[0]) + " is not a number");
    loading::check_similarity_score(*score, source, where);
    if (loading::is_blank(fields[1]) || loading::is_blank(fields[2])) {
      d.report.add(d.items.size(), "dropped_item", where,
                   std::string(loading::is_blank(fields[1]) ? "text1" : "text2") + " is blank; the item is left out");
      continue;
    }
    d.items.push_back({std::move(fields[1]), std::move(fields[2]), *score});
  }
  if (d.items.empty() && d.report.issues.empty()) {
    throw InputError(509, source, "", "no data lines (the file is empty, blank, or holds only a header)");
  }
  return d;
}

/// parse_sts_tsv of the file at `path`. Throws IoError when it cannot be read.
inline SimilarityDataset load_sts_tsv(const std::filesystem::path& path, std::string name = "real",
                                      TsvHeader header = TsvHeader::detect) {
  return parse_sts_tsv(detail::read_file(path), path.string(), std::move(name), header);
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_LOADERS_STS_TSV_HPP
