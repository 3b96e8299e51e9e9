#ifndef SYNTHBENCH_EXPERIMENT_LOADERS_CROSSNER_JSON_HPP
#define SYNTHBENCH_EXPERIMENT_LOADERS_CROSSNER_JSON_HPP

/// @file
/// NER datasets in the CrossNER JSON form of the InstructUIE release, which the SG4NLP code
/// reads from `data/ner_datasets/cross_ner/CrossNER_<domain>/{train,dev,test}.json` with the
/// domain's `labels.json`:
///
///     [{"sentence": "Parties with mainly Eurosceptic views are the ruling United Russia , ...",
///       "entities": [{"name": "United Russia", "type": "political party", "pos": [53, 66]}]},
///      ...]
///
/// `pos` is [start, end): character (code point) offsets into `sentence`, end exclusive, as
/// Python slices. The sentence is kept as it is (SG4NLP re-joins its whitespace-split words
/// with single spaces; the CrossNER sentences are already so spaced).
///
/// Defined behaviour (docs/datasets.md):
/// - entity types are lowercased (ASCII), as SG4NLP does (`entity['type'].lower()`), and so
///   are the labels of labels.json (load_crossner_labels);
/// - an entity of type "NA" or "" is InstructUIE's "no entity" placeholder: skipped, whatever
///   its name and pos, and reported ("placeholder_entity"), as InstructUIE's readers skip it;
/// - offsets are checked against `name` and repaired by repair_entities
///   (experiment/entity_repair.hpp): realigned or dropped, and reported;
/// - a sentence that is blank is left out with its entities ("dropped_item").
/// Errors (InputError, naming the file and the JSON pointer): 101 invalid JSON (line and
/// column), 102 duplicate key, 505 a document that is not an array of objects, 506 a missing
/// key, 507 a value of the wrong type, 508 a bad entity under SpanRepair::error, 509 an empty
/// array.

#include <cstddef>     // std::size_t
#include <cstdint>     // std::int64_t
#include <filesystem>  // std::filesystem::path
#include <string>      // std::string, std::to_string
#include <utility>     // std::move
#include <vector>      // std::vector

#include <nlohmann/json.hpp>  // nlohmann::ordered_json

#include "synthbench/detail/files.hpp"                       // detail::read_file
#include "synthbench/detail/json_input.hpp"                  // detail::parse_json_strict, describe_json
#include "synthbench/error.hpp"                              // InputError
#include "synthbench/experiment/dataset.hpp"                 // NerDataset
#include "synthbench/experiment/entity_repair.hpp"           // NerLoadOptions, repair_entities
#include "synthbench/experiment/loaders/loader_support.hpp"  // detail::loading::is_blank
#include "synthbench/metrics/entity.hpp"                     // metrics::Entity, metrics::detail::ascii_lowercase
#include "synthbench/metrics/records_json.hpp"               // metrics::parse_label_list
#include "synthbench/version.hpp"                            // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

namespace detail {
namespace loading {

/// The member `key` of `object` at JSON pointer `pointer`; throws InputError 506 when missing.
inline const nlohmann::ordered_json& crossner_member(const nlohmann::ordered_json& object, const std::string& pointer,
                                                     const char* key, const std::string& source) {
  const auto it = object.find(key);
  if (it == object.end()) {
    throw InputError(506, source, pointer.empty() ? "/" : pointer, std::string("missing key \"") + key + "\"");
  }
  return *it;
}

/// The string member `key`; throws InputError 506 or 507.
inline std::string crossner_string(const nlohmann::ordered_json& object, const std::string& pointer, const char* key,
                                   const std::string& source) {
  const auto& v = crossner_member(object, pointer, key, source);
  if (!v.is_string()) {
    throw InputError(507, source, pointer + "/" + key, "expected a string, got " + describe_json(v));
  }
  return v.get<std::string>();
}

/// An offset of a "pos" array: an integer >= 0; throws InputError 507.
inline std::size_t crossner_offset(const nlohmann::ordered_json& v, const std::string& pointer,
                                   const std::string& source) {
  if (!v.is_number_integer() || (!v.is_number_unsigned() && v.get<std::int64_t>() < 0)) {
    throw InputError(507, source, pointer,
                     "expected a character offset (an integer >= 0), got " + describe_json(v));
  }
  return v.get<std::size_t>();
}

}  // namespace loading
}  // namespace detail

/// The default options of the CrossNER loaders: realign, lowercase types, no declared types.
inline NerLoadOptions crossner_load_options() {
  NerLoadOptions o;
  o.lowercase_types = true;
  return o;
}

/// A NER dataset from CrossNER JSON `text` (`source` names it in messages and in
/// Dataset::source). See the file comment for the rules.
inline NerDataset parse_crossner_json(const std::string& text, const std::string& source, std::string name = "real",
                                      const NerLoadOptions& options = crossner_load_options()) {
  namespace loading = detail::loading;
  const auto document = detail::parse_json_strict(text, source);
  if (!document.is_array()) {
    throw InputError(505, source, "", "expected a JSON array of sentences, got " + detail::describe_json(document));
  }
  if (document.empty()) throw InputError(509, source, "", "no sentences (an empty array)");
  NerDataset d;
  d.name = std::move(name);
  d.source = source;
  for (std::size_t i = 0; i < document.size(); ++i) {
    const std::string pointer = "/" + std::to_string(i);
    const auto& record = document[i];
    if (!record.is_object()) {
      throw InputError(505, source, pointer, "expected an object with \"sentence\" and \"entities\", got " +
                                                 detail::describe_json(record));
    }
    NerItem item;
    item.text = loading::crossner_string(record, pointer, "sentence", source);
    const auto& entities = loading::crossner_member(record, pointer, "entities", source);
    if (!entities.is_array()) {
      throw InputError(507, source, pointer + "/entities", "expected an array, got " + detail::describe_json(entities));
    }
    std::vector<std::string> entity_pointers;  // where each entity kept for repair is (placeholders are not)
    for (std::size_t j = 0; j < entities.size(); ++j) {
      const std::string at = pointer + "/entities/" + std::to_string(j);
      const auto& e = entities[j];
      if (!e.is_object()) throw InputError(507, source, at, "expected an object, got " + detail::describe_json(e));
      metrics::Entity entity;
      entity.type = loading::crossner_string(e, at, "type", source);
      if (entity.type.empty() || entity.type == "NA") {
        d.report.add(d.items.size(), "placeholder_entity", at,
                     "type " + loading::quoted(entity.type) + " is InstructUIE's no-entity placeholder; skipped");
        continue;
      }
      entity.text = loading::crossner_string(e, at, "name", source);
      const auto& pos = loading::crossner_member(e, at, "pos", source);
      if (!pos.is_array() || pos.size() != 2) {
        throw InputError(507, source, at + "/pos", "expected [start, end], got " + detail::describe_json(pos));
      }
      entity.start = loading::crossner_offset(pos[0], at + "/pos/0", source);
      entity.end = loading::crossner_offset(pos[1], at + "/pos/1", source);
      item.entities.push_back(std::move(entity));
      entity_pointers.push_back(at);
    }
    if (loading::is_blank(item.text)) {
      d.report.add(d.items.size(), "dropped_item", pointer + "/sentence",
                   "the sentence is blank; the item and its " + std::to_string(item.entities.size()) +
                       " entities are left out");
      continue;
    }
    repair_entities(item, d.items.size(), source, entity_pointers, options, d.report);
    d.items.push_back(std::move(item));
  }
  return d;
}

/// parse_crossner_json of the file at `path` (a train.json, dev.json or test.json). Throws
/// IoError when it cannot be read.
inline NerDataset load_crossner_json(const std::filesystem::path& path, std::string name = "real",
                                     const NerLoadOptions& options = crossner_load_options()) {
  return parse_crossner_json(detail::read_file(path), path.string(), std::move(name), options);
}

/// The entity types of a CrossNER domain from its labels.json (a JSON array of strings; JSON
/// Lines records with "label" values are accepted too, see metrics::parse_label_list),
/// lowercased as the loaders lowercase entity types, in order of first appearance, without
/// repetitions. Throws InputError 101, 102, 316; IoError when the file cannot be read.
inline std::vector<std::string> load_crossner_labels(const std::filesystem::path& path) {
  std::vector<std::string> labels;
  for (const auto& label : metrics::read_label_list(path)) {
    std::string lower = metrics::detail::ascii_lowercase(label);
    bool seen = false;
    for (const auto& l : labels) seen = seen || l == lower;
    if (!seen) labels.push_back(std::move(lower));
  }
  return labels;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_LOADERS_CROSSNER_JSON_HPP
