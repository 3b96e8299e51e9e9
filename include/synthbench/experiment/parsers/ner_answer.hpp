#ifndef SYNTHBENCH_EXPERIMENT_PARSERS_NER_ANSWER_HPP
#define SYNTHBENCH_EXPERIMENT_PARSERS_NER_ANSWER_HPP

/// @file
/// The entities a solver's answer names in its input: parse_ner_answer. The answer's entity
/// list is read in any of the forms models write, types are normalized against a LabelSet,
/// and spans aligned to code-point offsets (experiment/parsers/mention_alignment.hpp); an
/// unusable entity is dropped with an EntityIssue, the rest kept (docs/llm-outputs.md).

#include <algorithm>  // std::stable_sort
#include <cstddef>    // std::size_t
#include <optional>   // std::optional
#include <string>     // std::string
#include <utility>    // std::move, std::pair
#include <vector>     // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/json_input.hpp"                     // detail::describe_json
#include "synthbench/experiment/parsers/answer_reading.hpp"     // detail::trim, quote_answer, members_named
#include "synthbench/experiment/parsers/label_set.hpp"          // LabelSet
#include "synthbench/experiment/parsers/mention_alignment.hpp"  // Mention, align_mentions
#include "synthbench/llm/json_extraction.hpp"                   // llm::extract_json
#include "synthbench/llm/parsed.hpp"                            // llm::Parsed
#include "synthbench/metrics/entity.hpp"                        // metrics::Entity
#include "synthbench/version.hpp"                               // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN

/// A problem with one entity of an answer; the entity is dropped.
struct EntityIssue {
  std::size_t index = 0;  ///< the entity's position in the answer's list (0-based)
  std::string code;       ///< malformed_entity, missing_text, missing_type, empty_text, unknown_type, not_found, duplicate
  std::string detail;     ///< what was found
};

/// The entities of a NER answer, aligned to the input, and the entities dropped on the way.
struct NerAnswer {
  std::vector<metrics::Entity> entities;  ///< sorted by (start, end, type); texts as in the input
  std::vector<EntityIssue> issues;        ///< in answer order
};

namespace detail {

inline const std::vector<const char*>& entity_text_keys() {
  static const std::vector<const char*> keys = {"text", "entity", "name", "mention", "span"};
  return keys;
}
inline const std::vector<const char*>& entity_type_keys() {
  static const std::vector<const char*> keys = {"type", "label", "entity_type", "category"};
  return keys;
}

/// One entity of an answer's list, read as a mention; nullopt with an issue when malformed.
inline std::optional<Mention> read_mention(const nlohmann::json& e, std::size_t index, std::vector<EntityIssue>& issues) {
  const auto issue = [&](const char* code, std::string what) {
    issues.push_back({index, code, std::move(what)});
    return std::nullopt;
  };
  if (e.is_array()) {
    if (e.size() != 2 || !e[0].is_string() || !e[1].is_string()) {
      return issue("malformed_entity", "expected [text, type] or an object, found " + describe_json(e));
    }
    const std::string text = e[0].get<std::string>();
    const std::string type = e[1].get<std::string>();
    if (trim(text).empty()) return issue("empty_text", "the entity text is empty");
    if (trim(type).empty()) return issue("missing_type", "the entity type is empty");
    return Mention{text, type};
  }
  if (!e.is_object()) return issue("malformed_entity", "expected an object or [text, type], found " + describe_json(e));
  const auto one_string = [&](const std::vector<const char*>& keys, const char* what, std::optional<std::string>& out) {
    for (const auto* v : members_named(e, keys)) {
      if (!v->is_string()) {
        issue("malformed_entity", std::string("the entity ") + what + " is " + describe_json(*v));
        return false;
      }
      const std::string s = v->get<std::string>();
      if (out && *out != s) {
        issue("malformed_entity", std::string("the entity has two different ") + what + "s: \"" + *out + "\" and \"" + s + "\"");
        return false;
      }
      out = s;
    }
    return true;
  };
  std::optional<std::string> text;
  std::optional<std::string> type;
  if (!one_string(entity_text_keys(), "text", text) || !one_string(entity_type_keys(), "type", type)) return std::nullopt;
  if (!text) return issue("missing_text", "the entity has no \"text\" member: " + e.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (trim(*text).empty()) return issue("empty_text", "the entity text is empty");
  if (!type || trim(*type).empty()) return issue("missing_type", "the entity " + quote_answer(*text) + " has no type");
  return Mention{*text, *type};
}

/// True for a single entity object ({"text": ..., "type": ...}).
inline bool is_entity_object(const nlohmann::json& v) {
  return v.is_object() && !members_named(v, entity_text_keys()).empty() && !members_named(v, entity_type_keys()).empty();
}

/// True for {type: [texts]} (every member a string or an array of strings; no "entities"
/// member, which would be a malformed wrapper).
inline bool is_type_map(const nlohmann::json& v) {
  if (!v.is_object() || !members_named(v, {"entities"}).empty()) return false;
  for (const auto& [key, value] : v.items()) {
    if (value.is_string()) continue;
    if (!value.is_array()) return false;
    for (const auto& e : value) {
      if (!e.is_string()) return false;
    }
  }
  return true;
}

/// The list of an entity answer: an array, {"entities": [...]}, a single entity object, or
/// a type map; nullptr when `v` is none of these.
inline bool is_entity_answer(const nlohmann::json& v) {
  if (v.is_array()) return true;
  if (v.is_object()) {
    const auto e = members_named(v, {"entities"});
    if (e.size() == 1 && e.front()->is_array()) return true;
    return is_entity_object(v) || is_type_map(v);
  }
  return false;
}

/// The mentions of an entity answer (is_entity_answer), with per-entity issues.
inline std::vector<std::pair<std::size_t, Mention>> answer_mentions(const nlohmann::json& v, std::vector<EntityIssue>& issues) {
  std::vector<std::pair<std::size_t, Mention>> out;
  const nlohmann::json* list = nullptr;
  if (v.is_array()) {
    list = &v;
  } else if (const auto e = members_named(v, {"entities"}); e.size() == 1 && e.front()->is_array()) {
    list = e.front();
  }
  if (list != nullptr) {
    for (std::size_t k = 0; k < list->size(); ++k) {
      if (auto m = read_mention((*list)[k], k, issues)) out.push_back({k, std::move(*m)});
    }
    return out;
  }
  if (is_entity_object(v)) {
    if (auto m = read_mention(v, 0, issues)) out.push_back({0, std::move(*m)});
    return out;
  }
  std::size_t index = 0;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string& type = it.key();  // not a structured binding: lambdas cannot capture those before C++20
    const nlohmann::json& texts = it.value();
    const auto add = [&](const nlohmann::json& t) {
      const std::string text = t.get<std::string>();
      if (trim(text).empty()) {
        issues.push_back({index, "empty_text", "an empty entity text under type \"" + type + "\""});
      } else {
        out.push_back({index, Mention{text, type}});
      }
      ++index;
    };
    if (texts.is_string()) {
      add(texts);
    } else {
      for (const auto& t : texts) add(t);
    }
  }
  return out;
}

/// Normalizes the types of `mentions` against `types` (as written when `types` is empty),
/// moving those of unknown type to `issues`.
inline std::vector<std::pair<std::size_t, Mention>> typed_mentions(std::vector<std::pair<std::size_t, Mention>> mentions,
                                                                   const LabelSet& types, std::vector<EntityIssue>& issues) {
  std::vector<std::pair<std::size_t, Mention>> out;
  for (auto& [index, m] : mentions) {
    if (!types.empty()) {
      const std::string* type = types.find(m.type);
      if (type == nullptr) {
        issues.push_back({index, "unknown_type", "\"" + m.type + "\" (entity " + quote_answer(m.text) + ") is not a declared type"});
        continue;
      }
      m.type = *type;
    } else {
      m.type = trim(m.type);
    }
    out.push_back({index, std::move(m)});
  }
  return out;
}

/// Aligns typed mentions in `text`; entities sorted by (start, end, type), issues appended.
inline std::vector<metrics::Entity> aligned_entities(const std::string& text, const std::vector<std::pair<std::size_t, Mention>>& typed,
                                                     std::vector<EntityIssue>& issues) {
  std::vector<Mention> plain;
  for (const auto& [index, m] : typed) plain.push_back(m);
  const auto aligned = align_mentions(text, plain);
  std::vector<metrics::Entity> entities;
  for (std::size_t k = 0; k < aligned.size(); ++k) {
    if (aligned[k].entity) {
      entities.push_back(*aligned[k].entity);
    } else {
      issues.push_back({typed[k].first, aligned[k].code, aligned[k].detail});
    }
  }
  std::stable_sort(entities.begin(), entities.end(), [](const metrics::Entity& a, const metrics::Entity& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end < b.end;
    return a.type < b.type;
  });
  std::stable_sort(issues.begin(), issues.end(), [](const EntityIssue& a, const EntityIssue& b) { return a.index < b.index; });
  return entities;
}

}  // namespace detail

/// The entities a solver's answer names in `input` (the text it was asked about), with
/// types normalized against `types` (kept as written when `types` is empty) and spans
/// aligned to code-point offsets (align_mentions). Accepted (docs/llm-outputs.md): a JSON
/// list of objects with the entity under "text", "entity", "name", "mention" or "span" and
/// its type under "type", "label", "entity_type" or "category"; a list of [text, type]
/// pairs; either as {"entities": [...]}; a single entity object; a map {type: [texts]}; in
/// fences or prose, with the repairs of llm::extract_json. An empty list is a valid answer
/// with no entity. The answer fails as a whole with the reasons of llm::extract_json; single
/// entities are dropped with an EntityIssue (malformed_entity, missing_text, missing_type,
/// empty_text, unknown_type, not_found, duplicate).
inline llm::Parsed<NerAnswer> parse_ner_answer(const std::string& answer, const std::string& input, const LabelSet& types) {
  llm::JsonExtractionOptions json;
  json.accept = detail::is_entity_answer;
  json.expected = "a list of entities";
  const auto found = llm::extract_json(answer, json);
  if (!found) return llm::Parsed<NerAnswer>::fail(found.failure());
  NerAnswer out;
  auto mentions = detail::answer_mentions(found.value().value, out.issues);
  const auto typed = detail::typed_mentions(std::move(mentions), types, out.issues);
  out.entities = detail::aligned_entities(input, typed, out.issues);
  return out;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_PARSERS_NER_ANSWER_HPP
