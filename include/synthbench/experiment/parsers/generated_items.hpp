#ifndef SYNTHBENCH_EXPERIMENT_PARSERS_GENERATED_ITEMS_HPP
#define SYNTHBENCH_EXPERIMENT_PARSERS_GENERATED_ITEMS_HPP

/// @file
/// The items of a generator's answer, checked against the task's rules:
/// parse_generated_items<Item> for intent, similarity and NER items. The answer's records are
/// found by llm::extract_json_records; each record becomes an item or an ItemIssue
/// (docs/llm-outputs.md).

#include <algorithm>  // std::stable_sort
#include <cstddef>    // std::size_t
#include <optional>   // std::optional
#include <string>     // std::string, std::to_string
#include <utility>    // std::move
#include <vector>     // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/decimal.hpp"                        // detail::parse_decimal
#include "synthbench/detail/json_input.hpp"                     // detail::describe_json
#include "synthbench/experiment/items.hpp"                      // IntentItem, SimilarityItem, NerItem
#include "synthbench/experiment/parsers/answer_reading.hpp"     // detail::trim, quote_answer
#include "synthbench/experiment/parsers/label_set.hpp"          // LabelSet
#include "synthbench/experiment/parsers/ner_answer.hpp"         // EntityIssue, detail::answer_mentions, typed_mentions, aligned_entities
#include "synthbench/experiment/parsers/similarity_answer.hpp"  // ScoreScale, detail::number_text
#include "synthbench/llm/json_extraction.hpp"                   // llm::extract_json_records
#include "synthbench/llm/parsed.hpp"                            // llm::Parsed
#include "synthbench/version.hpp"                               // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN

/// A problem with one generated item; the item is rejected.
struct ItemIssue {
  std::string where;   ///< "line 3" of the answer
  std::string code;    ///< see parse_generated_items
  std::string detail;  ///< what was found
};

/// The items of a generator's answer and the records rejected on the way.
template <class Item>
struct GeneratedItems {
  std::vector<Item> items;         ///< valid items, in answer order
  std::vector<std::size_t> lines;  ///< the answer line of each item
  std::vector<ItemIssue> issues;   ///< rejected records and unreadable parts, in answer order
};

/// What generated items are checked against.
struct ItemRules {
  LabelSet labels;   ///< intents (intent items) or entity types (NER items; empty: any type)
  ScoreScale scale;  ///< the score scale (similarity items)
};

namespace detail {

/// A string member of a record, trimmed; sets `issue` when missing, not a string, or empty.
inline std::optional<std::string> text_field(const nlohmann::json& record, const std::vector<const char*>& names,
                                             std::optional<ItemIssue>& issue, bool allow_empty = false) {
  std::optional<std::string> value;
  for (const char* name : names) {
    const auto it = record.find(name);
    if (it == record.end()) continue;
    if (!it->is_string()) {
      issue = ItemIssue{"", "wrong_type", std::string("\"") + name + "\" is " + describe_json(*it) + ", not a string"};
      return std::nullopt;
    }
    const std::string v = trim(it->get<std::string>());
    if (value && *value != v) {
      issue = ItemIssue{"", "conflicting_fields", std::string("\"") + names[0] + "\" and \"" + name + "\" differ"};
      return std::nullopt;
    }
    value = v;
  }
  if (!value) {
    issue = ItemIssue{"", "missing_field", std::string("no \"") + names[0] + "\" member"};
    return std::nullopt;
  }
  if (value->empty() && !allow_empty) {
    issue = ItemIssue{"", "empty_text", std::string("\"") + names[0] + "\" is empty"};
    return std::nullopt;
  }
  return value;
}

/// The member `name` of a record, or nullptr with `issue` set (missing_field) when it has none.
inline const nlohmann::json* required_member(const nlohmann::json& record, const char* name, std::optional<ItemIssue>& issue) {
  const auto it = record.find(name);
  if (it != record.end()) return &*it;
  issue = ItemIssue{"", "missing_field", std::string("no \"") + name + "\" member"};
  return nullptr;
}

/// Runs `read` on every record of a generation answer; collects items and issues in
/// answer order.
template <class Item, class Read>
llm::Parsed<GeneratedItems<Item>> read_records(const std::string& answer, const std::vector<std::string>& item_keys, Read read) {
  llm::JsonRecordOptions options;
  options.item_keys = item_keys;
  const auto records = llm::extract_json_records(answer, options);
  if (!records) return llm::Parsed<GeneratedItems<Item>>::fail(records.failure());
  GeneratedItems<Item> out;
  // Records and failures, merged in line order, so that issues read top to bottom.
  struct Event {
    std::size_t line;
    std::size_t order;
    const llm::JsonRecord* record;
    const llm::JsonRecordFailure* failure;
  };
  std::vector<Event> events;
  for (const auto& r : records.value().records) events.push_back({r.line, events.size(), &r, nullptr});
  for (const auto& f : records.value().failures) events.push_back({f.line, events.size(), nullptr, &f});
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.line < b.line; });
  for (const auto& e : events) {
    const std::string where = "line " + std::to_string(e.line);
    if (e.failure != nullptr) {
      out.issues.push_back({where, e.failure->failure.code, e.failure->failure.detail});
      continue;
    }
    std::optional<ItemIssue> issue;
    std::optional<Item> item = read(e.record->value, issue);
    if (item) {
      out.items.push_back(std::move(*item));
      out.lines.push_back(e.line);
    } else if (issue) {
      issue->where = where;
      out.issues.push_back(std::move(*issue));
    }
  }
  return out;
}

}  // namespace detail

/// The items of a generator's answer for the task of `Item` (IntentItem, SimilarityItem or
/// NerItem), checked against `rules`. The answer is a JSON array of records, JSON Lines, or
/// several blocks, with the leniency of llm::extract_json_records (a truncated or broken list
/// keeps its complete records). Records (leading and trailing whitespace of texts is
/// ignored):
///
/// | task | record | rejected when |
/// | --- | --- | --- |
/// | intent | {"text", "label"} ("intent" for "label") | missing_field, wrong_type, conflicting_fields, empty_text, unknown_label |
/// | similarity | {"text1", "text2", "score"} (score a number or numeric string) | missing_field, wrong_type, empty_text, not_a_number, out_of_range |
/// | NER | {"text", "entities": [{"text", "type"}]} (entity forms of parse_ner_answer) | missing_field, wrong_type, empty_text, entity_<code> for any entity issue (entity_not_found, entity_unknown_type, entity_duplicate, entity_malformed_entity, ...) |
///
/// A NER item with any unusable entity is rejected whole: as gold data, an item missing one
/// of its intended entities would penalize a solver that finds it. Parts of the answer that
/// are not records give issues with the reasons of llm::extract_json_records.
template <class Item>
llm::Parsed<GeneratedItems<Item>> parse_generated_items(const std::string& answer, const ItemRules& rules);

/// Intent items (see the primary template).
template <>
inline llm::Parsed<GeneratedItems<IntentItem>> parse_generated_items<IntentItem>(const std::string& answer, const ItemRules& rules) {
  return detail::read_records<IntentItem>(answer, {}, [&](const nlohmann::json& r, std::optional<ItemIssue>& issue) -> std::optional<IntentItem> {
    const auto text = detail::text_field(r, {"text"}, issue);
    if (!text) return std::nullopt;
    const auto label = detail::text_field(r, {"label", "intent"}, issue, /*allow_empty=*/true);
    if (!label) return std::nullopt;
    const std::string* known = rules.labels.find(*label);
    if (known == nullptr) {
      issue = ItemIssue{"", "unknown_label", detail::quote_answer(*label) + " is not a label of the set"};
      return std::nullopt;
    }
    return IntentItem{*text, *known};
  });
}

/// Similarity items (see the primary template).
template <>
inline llm::Parsed<GeneratedItems<SimilarityItem>> parse_generated_items<SimilarityItem>(const std::string& answer,
                                                                                         const ItemRules& rules) {
  return detail::read_records<SimilarityItem>(
      answer, {}, [&](const nlohmann::json& r, std::optional<ItemIssue>& issue) -> std::optional<SimilarityItem> {
        const auto text1 = detail::text_field(r, {"text1"}, issue);
        if (!text1) return std::nullopt;
        const auto text2 = detail::text_field(r, {"text2"}, issue);
        if (!text2) return std::nullopt;
        const nlohmann::json* member = detail::required_member(r, "score", issue);
        if (member == nullptr) return std::nullopt;
        std::optional<double> score;
        if (member->is_number()) {
          score = member->get<double>();
        } else if (member->is_string()) {
          score = detail::parse_decimal(member->get<std::string>());
        }
        if (!score) {
          issue = ItemIssue{"", "not_a_number", "\"score\" is " + detail::describe_json(*member)};
          return std::nullopt;
        }
        if (*score < rules.scale.min || *score > rules.scale.max) {
          issue = ItemIssue{"", "out_of_range", detail::number_text(*score) + " is outside the scale [" +
                                                    detail::number_text(rules.scale.min) + ", " +
                                                    detail::number_text(rules.scale.max) + "]"};
          return std::nullopt;
        }
        return SimilarityItem{*text1, *text2, *score};
      });
}

/// NER items (see the primary template).
template <>
inline llm::Parsed<GeneratedItems<NerItem>> parse_generated_items<NerItem>(const std::string& answer, const ItemRules& rules) {
  return detail::read_records<NerItem>(
      answer, {"entities"}, [&](const nlohmann::json& r, std::optional<ItemIssue>& issue) -> std::optional<NerItem> {
        const auto text = detail::text_field(r, {"text"}, issue);
        if (!text) return std::nullopt;
        const nlohmann::json* list = detail::required_member(r, "entities", issue);
        if (list == nullptr) return std::nullopt;
        if (!list->is_array()) {
          issue = ItemIssue{"", "wrong_type", "\"entities\" is " + detail::describe_json(*list) + ", not a list"};
          return std::nullopt;
        }
        std::vector<EntityIssue> issues;
        auto mentions = detail::answer_mentions(*list, issues);
        const auto typed = detail::typed_mentions(std::move(mentions), rules.labels, issues);
        NerItem item;
        item.text = *text;
        item.entities = detail::aligned_entities(item.text, typed, issues);
        if (!issues.empty()) {
          const auto& first = issues.front();
          issue = ItemIssue{"", "entity_" + first.code,
                            "entity " + std::to_string(first.index) + ": " + first.detail +
                                (issues.size() > 1 ? " (and " + std::to_string(issues.size() - 1) + " more)" : "")};
          return std::nullopt;
        }
        return item;
      });
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_PARSERS_GENERATED_ITEMS_HPP
