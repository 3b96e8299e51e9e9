#ifndef SYNTHBENCH_EXPERIMENT_ENTITY_REPAIR_HPP
#define SYNTHBENCH_EXPERIMENT_ENTITY_REPAIR_HPP

/// @file
/// Load-time checking and repair of NER entities, so that every entity of a loaded dataset
/// holds its text and nothing is changed or dropped without a DataIssue saying so.
///
/// For each entity, in order (issue kinds in quotes; `where` names the entity, e.g.
/// "line 12, /entities/3"):
/// 1. A type is required: an entity without one is dropped ("dropped_entity").
/// 2. An entity whose text is empty, or that has no text and empty or reversed offsets, is
///    dropped ("empty_entity"): there is nothing to find.
/// 3. Its offsets are checked and repaired by metrics::repair_span, the rule the NER scorer
///    applies (metrics/entity.hpp): offsets that are empty, run past the end of the text, or
///    hold other text move to the nearest occurrence of the entity's text ("realigned"; when
///    the text occurs only with other capitalization, the entity's text becomes the
///    document's and the detail says so), or, when the text does not occur (or under
///    SpanRepair::none), the entity is dropped: "outside_text" when the offsets ran past the
///    end of the text, "dropped_entity" otherwise. An entity given without text gets the text
///    its (valid) offsets hold.
/// 4. A type outside the declared types (when some are declared) is reported ("unknown_type")
///    and kept.
/// Then a second copy of an entity (same offsets, same type) is dropped ("duplicate_entity"),
/// and each pair of remaining entities that share a character is reported
/// ("overlapping_entities") and both are kept: nested and conflicting annotations are a fact of
/// the data that the scorer handles (metrics/ner.hpp matches one to one).
/// Under SpanRepair::error, steps 1 to 3 throw InputError synthbench.input.508 instead of
/// repairing or dropping.

#include <cstddef>  // std::size_t
#include <string>   // std::string, std::to_string
#include <utility>  // std::move
#include <vector>   // std::vector

#include "synthbench/detail/utf8.hpp"        // detail::Utf8Index
#include "synthbench/error.hpp"              // InputError, UsageError
#include "synthbench/experiment/dataset.hpp" // DataReport
#include "synthbench/experiment/items.hpp"   // NerItem
#include "synthbench/metrics/entity.hpp"     // metrics::Entity, metrics::repair_span, metrics::SpanRepair
#include "synthbench/version.hpp"            // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

/// How the entities of a NER dataset are checked when it is loaded.
struct NerLoadOptions {
  /// What to do with offsets that do not hold the entity's text: realign (default; drop when
  /// the text does not occur), none (drop) or error (throw InputError 508).
  metrics::SpanRepair span_repair = metrics::SpanRepair::realign;
  /// Declared entity types (a CrossNER labels.json); entities of another type are reported as
  /// "unknown_type" and kept. Empty: no check.
  std::vector<std::string> types;
  /// Lowercase the ASCII letters of every entity type (CrossNER: SG4NLP lowercases its types).
  bool lowercase_types = false;
};

/// Checks, repairs and reports the entities of `item` by the rules in the file comment.
/// `item_index` is the item's index in the dataset being built (DataIssue::item); entity j is
/// named `entity_where[j]` in issues and errors ("line 12, /entities/3"), `source` names the
/// file in errors. Throws InputError 508 under SpanRepair::error, UsageError 50 when
/// `entity_where` does not name every entity.
inline void repair_entities(NerItem& item, std::size_t item_index, const std::string& source,
                            const std::vector<std::string>& entity_where, const NerLoadOptions& options,
                            DataReport& report) {
  if (entity_where.size() != item.entities.size()) {
    throw UsageError(50, "repair_entities: " + std::to_string(entity_where.size()) + " positions for " +
                             std::to_string(item.entities.size()) + " entities");
  }
  using metrics::SpanProblem;
  using metrics::SpanStatus;
  const bool strict = options.span_repair == metrics::SpanRepair::error;
  const auto quoted = [](const std::string& s) { return metrics::detail::quote_for_message(s); };
  const auto span = [](std::size_t start, std::size_t end) { return metrics::detail::span_to_string(start, end); };
  const ::synthbench::detail::Utf8Index index(item.text);
  std::vector<metrics::Entity> kept;
  std::vector<std::size_t> kept_source;  // each kept entity's index in the input list, for messages
  kept.reserve(item.entities.size());
  for (std::size_t j = 0; j < item.entities.size(); ++j) {
    metrics::Entity e = std::move(item.entities[j]);
    const std::string& where = entity_where[j];
    const auto reject = [&](const char* kind, const std::string& why) {
      if (strict) throw InputError(508, source, where, why);
      report.add(item_index, kind, where, why + "; dropped");
    };
    if (options.lowercase_types) e.type = metrics::detail::ascii_lowercase(std::move(e.type));
    if (e.type.empty()) {
      reject("dropped_entity", "the entity type is empty");
      continue;
    }
    if (e.text && e.text->empty()) {
      reject("empty_entity", "the entity text is empty (offsets " + span(e.start, e.end) + ")");
      continue;
    }
    if (!e.text && e.start >= e.end) {
      reject("empty_entity", "offsets " + span(e.start, e.end) + " are empty or reversed and the entity has no text");
      continue;
    }
    const metrics::SpanRepairResult r =
        metrics::repair_span(index, e, options.span_repair == metrics::SpanRepair::realign);
    if (r.status == SpanStatus::invalid) {
      reject(r.problem == SpanProblem::past_end ? "outside_text" : "dropped_entity", strict ? r.description : r.detail);
      continue;
    }
    if (r.status == SpanStatus::realigned) {
      e.start = r.start;
      e.end = r.end;
      std::string detail = r.detail;
      std::string held = index.substr(r.start, r.end);
      if (held != *e.text) detail += "; the entity text " + quoted(*e.text) + " became " + quoted(held);
      e.text = std::move(held);
      report.add(item_index, "realigned", where, detail);
    } else if (!e.text) {
      e.text = index.substr(e.start, e.end);
    }
    if (!options.types.empty()) {
      bool declared = false;
      for (const auto& t : options.types) declared = declared || t == e.type;
      if (!declared) {
        report.add(item_index, "unknown_type", where,
                   "type " + quoted(e.type) + " is not a declared entity type; kept");
      }
    }
    kept.push_back(std::move(e));
    kept_source.push_back(j);
  }
  // A second copy of an entity adds nothing but a double count (in training, in prompts): drop it.
  std::vector<metrics::Entity> unique;
  std::vector<std::size_t> unique_source;
  for (std::size_t a = 0; a < kept.size(); ++a) {
    std::size_t copy_of = kept.size();
    for (std::size_t b = 0; b < unique.size() && copy_of == kept.size(); ++b) {
      if (unique[b].start == kept[a].start && unique[b].end == kept[a].end && unique[b].type == kept[a].type) copy_of = b;
    }
    if (copy_of != kept.size()) {
      report.add(item_index, "duplicate_entity", entity_where[kept_source[a]],
                 "a second " + quoted(kept[a].type) + " entity at " + span(kept[a].start, kept[a].end) +
                     " (the first is at " + entity_where[unique_source[copy_of]] + "); dropped");
      continue;
    }
    unique.push_back(std::move(kept[a]));
    unique_source.push_back(kept_source[a]);
  }
  for (std::size_t b = 1; b < unique.size(); ++b) {
    for (std::size_t a = 0; a < b; ++a) {
      if (unique[a].start < unique[b].end && unique[b].start < unique[a].end) {
        report.add(item_index, "overlapping_entities", entity_where[unique_source[b]],
                   quoted(unique[b].type) + " " + span(unique[b].start, unique[b].end) + " overlaps " +
                       quoted(unique[a].type) + " " + span(unique[a].start, unique[a].end) + " (at " +
                       entity_where[unique_source[a]] + "); both kept");
      }
    }
  }
  item.entities = std::move(unique);
}

/// repair_entities with entity j named `entity_where_prefix + j` ("line 12, /entities/" + "3").
inline void repair_entities(NerItem& item, std::size_t item_index, const std::string& source,
                            const std::string& entity_where_prefix, const NerLoadOptions& options,
                            DataReport& report) {
  std::vector<std::string> where;
  where.reserve(item.entities.size());
  for (std::size_t j = 0; j < item.entities.size(); ++j) where.push_back(entity_where_prefix + std::to_string(j));
  repair_entities(item, item_index, source, where, options, report);
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_ENTITY_REPAIR_HPP
