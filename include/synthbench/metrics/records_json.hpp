#ifndef SYNTHBENCH_METRICS_RECORDS_JSON_HPP
#define SYNTHBENCH_METRICS_RECORDS_JSON_HPP

/// @file
/// Gold and prediction files in the JSON Lines record formats of the SG4NLP data
/// (../shared/data/sg4nlp/README.md), read and aligned item by item for the task metrics:
///
///     intent      {"label": "AddToPlaylist", "text": "add sabrina salerno to ..."}
///     ner         {"entities": [{"start": 53, "end": 66, "text": "United Russia",
///                                "type": "political party"}], "text": "Parties with ..."}
///     similarity  {"score": 3.8, "text1": "...", "text2": "..."}
///
/// A prediction file has the gold file's format, one record per gold record, in the same
/// order and with the same text(s), which is how the two are checked to align. A prediction
/// may say that the approach gave no usable answer: `"label": null`, `"entities": null`,
/// `"score": null`; a similarity prediction may also be a string (the raw answer, parsed by
/// metrics::parse_score). Extra keys are ignored. Blank lines are skipped (line numbers in
/// messages stay those of the file); a CR before the newline is dropped.
///
/// Every problem is an InputError naming the file, the line and, inside the record, the JSON
/// pointer: 101 invalid JSON, 102 duplicate key, 310 not an object, 311 missing key, 312
/// wrong type, 313 gold and prediction files of different lengths, 314 a prediction whose
/// text differs from its gold record's, 315 no records, 316 a malformed label or type list.

#include <cstddef>     // std::size_t
#include <filesystem>  // std::filesystem::path
#include <optional>    // std::optional
#include <string>      // std::string
#include <utility>     // std::move
#include <vector>      // std::vector

#include <nlohmann/json.hpp>  // nlohmann::ordered_json

#include "synthbench/detail/files.hpp"       // read_file
#include "synthbench/detail/json_input.hpp"  // parse_json_strict, describe_json
#include "synthbench/detail/jsonl.hpp"       // JsonlRecord, parse_jsonl and the record accessors
#include "synthbench/error.hpp"
#include "synthbench/metrics/classification.hpp"
#include "synthbench/metrics/ner.hpp"
#include "synthbench/metrics/similarity.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace metrics {

/// One record of a JSON Lines file (detail/jsonl.hpp).
using JsonlRecord = ::synthbench::detail::JsonlRecord;

/// The records of JSON Lines `text` from `source` (a file name, for messages): one JSON
/// object per non-blank line. Throws InputError 101, 102 (with the line and column or
/// pointer) and 310.
inline std::vector<JsonlRecord> parse_jsonl(const std::string& text, const std::string& source) {
  return ::synthbench::detail::parse_jsonl(text, source);
}

/// The records of the JSON Lines file at `path`. Throws IoError when it cannot be read.
inline std::vector<JsonlRecord> read_jsonl(const std::filesystem::path& path) {
  return ::synthbench::detail::read_jsonl(path);
}

namespace detail {

inline std::string record_where(const JsonlRecord& r, const std::string& pointer) {
  return ::synthbench::detail::jsonl_where(r, pointer);
}

inline const nlohmann::ordered_json& member(const JsonlRecord& r, const nlohmann::ordered_json& object,
                                            const std::string& pointer, const char* key, const std::string& source) {
  return ::synthbench::detail::jsonl_member(r, object, pointer, key, source);
}

inline std::string string_member(const JsonlRecord& r, const char* key, const std::string& source) {
  return ::synthbench::detail::jsonl_string(r, key, source);
}

inline std::size_t offset_member(const JsonlRecord& r, const nlohmann::ordered_json& entity, const std::string& pointer,
                                 const char* key, const std::string& source) {
  return ::synthbench::detail::jsonl_offset(r, entity, pointer, key, source);
}

/// The name of aligned record i in library messages: its line, or both lines when blank
/// lines made them differ.
inline std::string aligned_name(std::size_t gold_line, std::size_t predicted_line) {
  if (gold_line == predicted_line) return "line " + std::to_string(gold_line);
  return "gold line " + std::to_string(gold_line) + " / predicted line " + std::to_string(predicted_line);
}

inline std::string shorten(const std::string& s) { return s.size() > 80 ? s.substr(0, 77) + "..." : s; }

/// Checks that the files have records and the same number of them; `texts_equal(i)` (called
/// for each common index first, so that the first mismatch is reported) says whether record
/// i's texts agree, else returns the description of the difference.
template <class TextCheck>
void check_alignment(const std::vector<JsonlRecord>& gold, const std::string& gold_source,
                     const std::vector<JsonlRecord>& predicted, const std::string& predicted_source,
                     TextCheck&& text_difference) {
  if (gold.empty()) throw InputError(315, gold_source, "", "no records (every line is blank)");
  const std::size_t common = gold.size() < predicted.size() ? gold.size() : predicted.size();
  for (std::size_t i = 0; i < common; ++i) {
    const std::string difference = text_difference(i);
    if (!difference.empty()) {
      throw InputError(314, predicted_source, record_where(predicted[i], ""),
                       "does not align with " + gold_source + " line " + std::to_string(gold[i].line) + " (record " +
                           std::to_string(i + 1) + "): " + difference);
    }
  }
  if (gold.size() != predicted.size()) {
    const bool short_predictions = predicted.size() < gold.size();
    const std::string at =
        short_predictions ? gold_source + " line " + std::to_string(gold[common].line)
                          : predicted_source + " line " + std::to_string(predicted[common].line);
    throw InputError(313, predicted_source, "",
                     "has " + std::to_string(predicted.size()) + " records but " + gold_source + " has " +
                         std::to_string(gold.size()) + "; the first record without a counterpart is at " + at);
  }
}

inline std::string text_difference(const JsonlRecord& gold, const JsonlRecord& predicted, const char* key,
                                   const std::string& gold_source, const std::string& predicted_source) {
  const std::string g = string_member(gold, key, gold_source);
  const std::string p = string_member(predicted, key, predicted_source);
  if (g == p) return {};
  return std::string("\"") + key + "\" is \"" + shorten(p) + "\", gold has \"" + shorten(g) + "\"";
}

}  // namespace detail

/// Gold labels and predictions of an intent (classification) task, aligned.
struct IntentData {
  std::vector<std::string> gold;          ///< gold label of each item
  std::vector<LabelPrediction> predicted; ///< predicted label, nullopt for "label": null
  std::vector<std::size_t> gold_lines;      ///< line of each item in the gold file
  std::vector<std::size_t> predicted_lines; ///< line of each item in the prediction file
};

/// Reads and aligns intent records. Throws InputError (see the file comment; an empty gold
/// label is 312).
inline IntentData intent_data(const std::vector<JsonlRecord>& gold, const std::string& gold_source,
                              const std::vector<JsonlRecord>& predicted, const std::string& predicted_source) {
  detail::check_alignment(gold, gold_source, predicted, predicted_source, [&](std::size_t i) {
    return detail::text_difference(gold[i], predicted[i], "text", gold_source, predicted_source);
  });
  IntentData data;
  for (std::size_t i = 0; i < gold.size(); ++i) {
    std::string label = detail::string_member(gold[i], "label", gold_source);
    if (label.empty()) throw InputError(312, gold_source, detail::record_where(gold[i], "/label"), "the gold label is empty");
    data.gold.push_back(std::move(label));
    const auto& p = detail::member(predicted[i], predicted[i].value, "", "label", predicted_source);
    if (p.is_null()) {
      data.predicted.emplace_back(std::nullopt);
    } else if (p.is_string()) {
      data.predicted.emplace_back(p.get<std::string>());
    } else {
      throw InputError(312, predicted_source, detail::record_where(predicted[i], "/label"),
                       "expected a string or null, got " + ::synthbench::detail::describe_json(p));
    }
    data.gold_lines.push_back(gold[i].line);
    data.predicted_lines.push_back(predicted[i].line);
  }
  return data;
}

/// NER documents built from aligned gold and prediction records, with their lines.
struct NerData {
  std::vector<NerDocument> documents;         ///< gold and predicted entities and the text
  std::vector<std::size_t> gold_lines;          ///< line of each document in the gold file
  std::vector<std::size_t> predicted_lines;     ///< line of each document in the prediction file
  std::size_t missing_predictions = 0;          ///< records with "entities": null
  /// The name of document i for messages ("line N"): pass it as NerOptions::document_name.
  std::string name(std::size_t i) const { return detail::aligned_name(gold_lines[i], predicted_lines[i]); }
};

namespace detail {

inline std::vector<Entity> entities_of(const JsonlRecord& r, const std::string& source, bool allow_null,
                                       bool& was_null) {
  const auto& list = member(r, r.value, "", "entities", source);
  was_null = false;
  std::vector<Entity> out;
  if (list.is_null() && allow_null) {
    was_null = true;
    return out;
  }
  if (!list.is_array()) {
    throw InputError(312, source, record_where(r, "/entities"),
                     std::string("expected an array") + (allow_null ? " or null" : "") + ", got " + ::synthbench::detail::describe_json(list));
  }
  for (std::size_t j = 0; j < list.size(); ++j) {
    const std::string pointer = "/entities/" + std::to_string(j);
    const auto& e = list[j];
    if (!e.is_object()) throw InputError(312, source, record_where(r, pointer), "expected an object, got " + ::synthbench::detail::describe_json(e));
    Entity entity;
    entity.start = offset_member(r, e, pointer, "start", source);
    entity.end = offset_member(r, e, pointer, "end", source);
    const auto& type = member(r, e, pointer, "type", source);
    if (!type.is_string()) {
      throw InputError(312, source, record_where(r, pointer + "/type"), "expected a string, got " + ::synthbench::detail::describe_json(type));
    }
    entity.type = type.get<std::string>();
    if (const auto text = e.find("text"); text != e.end() && !text->is_null()) {
      if (!text->is_string()) {
        throw InputError(312, source, record_where(r, pointer + "/text"), "expected a string, got " + ::synthbench::detail::describe_json(*text));
      }
      entity.text = text->get<std::string>();
    }
    out.push_back(std::move(entity));
  }
  return out;
}

}  // namespace detail

/// The entities of NER record `r` from `source`: its "entities" array of {"start", "end",
/// "type", "text"} objects ("text" optional or null). Span problems are not checked here.
/// Throws InputError 311 (missing key) or 312 (wrong type, naming the JSON pointer).
inline std::vector<Entity> record_entities(const JsonlRecord& r, const std::string& source) {
  bool was_null = false;
  return detail::entities_of(r, source, false, was_null);
}

/// Reads and aligns NER records. Span problems are left to NerOutcomes (SpanRepair).
inline NerData ner_data(const std::vector<JsonlRecord>& gold, const std::string& gold_source,
                        const std::vector<JsonlRecord>& predicted, const std::string& predicted_source) {
  detail::check_alignment(gold, gold_source, predicted, predicted_source, [&](std::size_t i) {
    return detail::text_difference(gold[i], predicted[i], "text", gold_source, predicted_source);
  });
  NerData data;
  for (std::size_t i = 0; i < gold.size(); ++i) {
    NerDocument doc;
    bool was_null = false;
    doc.gold = detail::entities_of(gold[i], gold_source, false, was_null);
    doc.predicted = detail::entities_of(predicted[i], predicted_source, true, was_null);
    data.missing_predictions += was_null ? 1 : 0;
    doc.text = detail::string_member(gold[i], "text", gold_source);
    data.documents.push_back(std::move(doc));
    data.gold_lines.push_back(gold[i].line);
    data.predicted_lines.push_back(predicted[i].line);
  }
  return data;
}

/// Gold scores and answers of a similarity task, aligned.
struct SimilarityData {
  std::vector<double> gold;                 ///< gold score of each item
  std::vector<ScoreAnswer> predicted;       ///< the answer as given
  std::vector<std::size_t> gold_lines;      ///< line of each item in the gold file
  std::vector<std::size_t> predicted_lines; ///< line of each item in the prediction file
  /// The name of item i for messages: pass it as SimilarityOptions::item_name.
  std::string name(std::size_t i) const { return detail::aligned_name(gold_lines[i], predicted_lines[i]); }
};

/// Reads and aligns similarity records (texts "text1" and "text2"). Gold scores are checked
/// against the scale by SimilarityOutcomes.
inline SimilarityData similarity_data(const std::vector<JsonlRecord>& gold, const std::string& gold_source,
                                      const std::vector<JsonlRecord>& predicted, const std::string& predicted_source) {
  detail::check_alignment(gold, gold_source, predicted, predicted_source, [&](std::size_t i) {
    std::string d = detail::text_difference(gold[i], predicted[i], "text1", gold_source, predicted_source);
    return d.empty() ? detail::text_difference(gold[i], predicted[i], "text2", gold_source, predicted_source) : d;
  });
  SimilarityData data;
  for (std::size_t i = 0; i < gold.size(); ++i) {
    const auto& g = detail::member(gold[i], gold[i].value, "", "score", gold_source);
    if (!g.is_number()) {
      throw InputError(312, gold_source, detail::record_where(gold[i], "/score"),
                       "expected a number, got " + ::synthbench::detail::describe_json(g));
    }
    data.gold.push_back(g.get<double>());
    const auto& p = detail::member(predicted[i], predicted[i].value, "", "score", predicted_source);
    if (p.is_number()) {
      data.predicted.push_back(ScoreAnswer::of(p.get<double>()));
    } else if (p.is_string()) {
      data.predicted.push_back(ScoreAnswer::of_text(p.get<std::string>()));
    } else if (p.is_null()) {
      data.predicted.push_back(ScoreAnswer::missing());
    } else {
      throw InputError(312, predicted_source, detail::record_where(predicted[i], "/score"),
                       "expected a number, a string or null, got " + ::synthbench::detail::describe_json(p));
    }
    data.gold_lines.push_back(gold[i].line);
    data.predicted_lines.push_back(predicted[i].line);
  }
  return data;
}

/// A list of labels or entity types from `text`: a JSON array of strings (as CrossNER's
/// labels.json), or JSON Lines records whose "label" values are taken (as an intent
/// dataset's train.jsonl), in order of first appearance. Throws InputError 316.
inline std::vector<std::string> parse_label_list(const std::string& text, const std::string& source) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  std::vector<std::string> labels;
  const auto add = [&labels](const std::string& label) {
    for (const auto& l : labels) {
      if (l == label) return;
    }
    labels.push_back(label);
  };
  if (first != std::string::npos && text[first] == '[') {
    const auto doc = ::synthbench::detail::parse_json_strict(text, source);
    for (std::size_t i = 0; i < doc.size(); ++i) {
      if (!doc[i].is_string() || doc[i].get<std::string>().empty()) {
        throw InputError(316, source, "/" + std::to_string(i), "expected a non-empty string, got " + ::synthbench::detail::describe_json(doc[i]));
      }
      add(doc[i].get<std::string>());
    }
  } else {
    for (const auto& r : parse_jsonl(text, source)) {
      const auto& v = detail::member(r, r.value, "", "label", source);
      if (!v.is_string() || v.get<std::string>().empty()) {
        throw InputError(316, source, detail::record_where(r, "/label"),
                         "expected a non-empty string, got " + ::synthbench::detail::describe_json(v));
      }
      add(v.get<std::string>());
    }
  }
  if (labels.empty()) throw InputError(316, source, "", "no labels");
  return labels;
}

/// parse_label_list of the file at `path`.
inline std::vector<std::string> read_label_list(const std::filesystem::path& path) {
  return parse_label_list(::synthbench::detail::read_file(path), path.string());
}

}  // namespace metrics
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_METRICS_RECORDS_JSON_HPP
