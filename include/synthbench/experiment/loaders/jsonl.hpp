#ifndef SYNTHBENCH_EXPERIMENT_LOADERS_JSONL_HPP
#define SYNTHBENCH_EXPERIMENT_LOADERS_JSONL_HPP

/// @file
/// Datasets in the JSON Lines record formats of the SG4NLP data
/// (../shared/data/sg4nlp/README.md; the real splits and the generated sets alike):
///
///     intent      {"label": "AddToPlaylist", "text": "add sabrina salerno to ..."}
///     ner         {"entities": [{"start": 53, "end": 66, "text": "United Russia",
///                                "type": "political party"}], "text": "Parties with ..."}
///     similarity  {"score": 3.8, "text1": "...", "text2": "..."}
///
/// The lines are read by detail::parse_jsonl (blank lines skipped, CRLF accepted, line numbers
/// those of the file), the entity lists by metrics::record_entities: the same readers as the
/// metrics' gold files. Extra keys are ignored. Defined behaviour (docs/datasets.md):
/// - a record whose text (or text1, text2) or label is blank (empty or whitespace) is left out
///   and reported ("dropped_item"; DataIssue::item is the index the next kept item gets):
///   the SG4NLP generated sets have a few such records, and no solver can be asked about them;
/// - NER entities are checked and repaired by repair_entities (experiment/entity_repair.hpp);
/// - a similarity score must be a number in [0, 5].
/// Errors (InputError, naming the file, the line and the JSON pointer): 101 invalid JSON, 102
/// duplicate key, 310 a line that is not an object, 311 a missing key, 312 a value of the
/// wrong type, 504 a score outside [0, 5], 508 a bad entity under SpanRepair::error, 509 a file
/// without records.

#include <cstddef>     // std::size_t
#include <filesystem>  // std::filesystem::path
#include <string>      // std::string, std::to_string
#include <utility>     // std::move
#include <vector>      // std::vector

#include "synthbench/detail/files.hpp"                        // detail::read_file
#include "synthbench/detail/json_input.hpp"                   // detail::describe_json
#include "synthbench/detail/jsonl.hpp"                        // detail::parse_jsonl, jsonl_string, jsonl_member
#include "synthbench/error.hpp"                               // InputError
#include "synthbench/experiment/dataset.hpp"                  // IntentDataset, NerDataset, SimilarityDataset
#include "synthbench/experiment/entity_repair.hpp"            // NerLoadOptions, repair_entities
#include "synthbench/experiment/loaders/loader_support.hpp"   // detail::loading::is_blank, check_similarity_score
#include "synthbench/metrics/records_json.hpp"                // metrics::record_entities
#include "synthbench/version.hpp"                             // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

namespace detail {
namespace loading {

/// The records of `text`; throws InputError 509 when there are none.
inline std::vector<JsonlRecord> nonempty_jsonl(const std::string& text, const std::string& source) {
  auto records = parse_jsonl(text, source);
  if (records.empty()) throw InputError(509, source, "", "no records (the file is empty or every line is blank)");
  return records;
}

/// A dataset named `name` from `source`, with no items yet.
template <class Item>
Dataset<Item> empty_dataset(std::string name, const std::string& source) {
  Dataset<Item> d;
  d.name = std::move(name);
  d.source = source;
  return d;
}

}  // namespace loading
}  // namespace detail

/// An intent dataset from JSON Lines `text` (`source` names it in messages and in
/// Dataset::source). See the file comment for what is checked and reported.
inline IntentDataset parse_intent_jsonl(const std::string& text, const std::string& source,
                                        std::string name = "real") {
  namespace loading = detail::loading;
  auto d = loading::empty_dataset<IntentItem>(std::move(name), source);
  for (const auto& r : loading::nonempty_jsonl(text, source)) {
    IntentItem item{detail::jsonl_string(r, "text", source), detail::jsonl_string(r, "label", source)};
    if (loading::is_blank(item.text) || loading::is_blank(item.label)) {
      const bool blank_text = loading::is_blank(item.text);
      d.report.add(d.items.size(), "dropped_item", detail::jsonl_where(r, blank_text ? "/text" : "/label"),
                   std::string(blank_text ? "the text is blank (label " + loading::quoted(item.label) + ")"
                                    : "the label is blank (text " + loading::quoted(item.text) + ")") +
                       "; the item is left out");
      continue;
    }
    d.items.push_back(std::move(item));
  }
  return d;
}

/// parse_intent_jsonl of the file at `path`. Throws IoError when it cannot be read.
inline IntentDataset load_intent_jsonl(const std::filesystem::path& path, std::string name = "real") {
  return parse_intent_jsonl(detail::read_file(path), path.string(), std::move(name));
}

/// A NER dataset from JSON Lines `text`; entities are checked and repaired under `options`.
inline NerDataset parse_ner_jsonl(const std::string& text, const std::string& source, std::string name = "real",
                                  const NerLoadOptions& options = {}) {
  namespace loading = detail::loading;
  auto d = loading::empty_dataset<NerItem>(std::move(name), source);
  for (const auto& r : loading::nonempty_jsonl(text, source)) {
    NerItem item{detail::jsonl_string(r, "text", source), metrics::record_entities(r, source)};
    if (loading::is_blank(item.text)) {
      d.report.add(d.items.size(), "dropped_item", detail::jsonl_where(r, "/text"),
                   "the text is blank; the item and its " + std::to_string(item.entities.size()) +
                       " entities are left out");
      continue;
    }
    repair_entities(item, d.items.size(), source, detail::jsonl_where(r, "/entities/"), options, d.report);
    d.items.push_back(std::move(item));
  }
  return d;
}

/// parse_ner_jsonl of the file at `path`. Throws IoError when it cannot be read.
inline NerDataset load_ner_jsonl(const std::filesystem::path& path, std::string name = "real",
                                 const NerLoadOptions& options = {}) {
  return parse_ner_jsonl(detail::read_file(path), path.string(), std::move(name), options);
}

/// A similarity dataset from JSON Lines `text`.
inline SimilarityDataset parse_similarity_jsonl(const std::string& text, const std::string& source,
                                                std::string name = "real") {
  namespace loading = detail::loading;
  auto d = loading::empty_dataset<SimilarityItem>(std::move(name), source);
  for (const auto& r : loading::nonempty_jsonl(text, source)) {
    const auto& score = detail::jsonl_member(r, r.value, "", "score", source);
    if (!score.is_number()) {
      throw InputError(312, source, detail::jsonl_where(r, "/score"),
                       "expected a number, got " + detail::describe_json(score));
    }
    SimilarityItem item{detail::jsonl_string(r, "text1", source), detail::jsonl_string(r, "text2", source),
                        score.get<double>()};
    loading::check_similarity_score(item.score, source, detail::jsonl_where(r, "/score"));
    if (loading::is_blank(item.text1) || loading::is_blank(item.text2)) {
      const bool first = loading::is_blank(item.text1);
      d.report.add(d.items.size(), "dropped_item", detail::jsonl_where(r, first ? "/text1" : "/text2"),
                   std::string(first ? "text1" : "text2") + " is blank; the item is left out");
      continue;
    }
    d.items.push_back(std::move(item));
  }
  return d;
}

/// parse_similarity_jsonl of the file at `path`. Throws IoError when it cannot be read.
inline SimilarityDataset load_similarity_jsonl(const std::filesystem::path& path, std::string name = "real") {
  return parse_similarity_jsonl(detail::read_file(path), path.string(), std::move(name));
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_LOADERS_JSONL_HPP
