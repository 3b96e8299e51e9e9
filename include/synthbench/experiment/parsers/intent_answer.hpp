#ifndef SYNTHBENCH_EXPERIMENT_PARSERS_INTENT_ANSWER_HPP
#define SYNTHBENCH_EXPERIMENT_PARSERS_INTENT_ANSWER_HPP

/// @file
/// The intent a solver's answer names, against a LabelSet: parse_intent_answer. An answer
/// counts only if it names exactly one label of the set (experiment/output_parsers.hpp,
/// docs/llm-outputs.md).

#include <algorithm>  // std::find
#include <cstddef>    // std::size_t
#include <string>     // std::string
#include <utility>    // std::move
#include <vector>     // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/json_input.hpp"                // detail::describe_json
#include "synthbench/experiment/parsers/answer_reading.hpp"  // detail::trim, quote_answer, members_named, without_fence_markers
#include "synthbench/experiment/parsers/label_set.hpp"       // LabelSet, detail::name_tokens
#include "synthbench/llm/answer_text.hpp"                    // llm::split_reasoning
#include "synthbench/llm/json_extraction.hpp"                // llm::extract_json
#include "synthbench/llm/parsed.hpp"                         // llm::Parsed, llm::ParseFailure
#include "synthbench/version.hpp"                            // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN

/// Options of parse_intent_answer.
struct IntentAnswerOptions {
  /// Accept an answer that names exactly one intent inside other prose ("I think the user
  /// wants AddToPlaylist because..."). Default false: such an answer is `extra_text`.
  bool allow_label_in_prose = false;
};

namespace detail {

/// The lead-in before a label or a score: "Intent:", "The answer is", "Final answer:" ...
/// The tokens [the] [final|predicted] (intent|label|answer|class|category|prediction) [is],
/// at the start; returns how many tokens it spans (0 when there is none).
inline std::size_t label_lead_in(const std::vector<std::string>& tokens) {
  std::size_t i = 0;
  if (i < tokens.size() && tokens[i] == "the") ++i;
  if (i < tokens.size() && (tokens[i] == "final" || tokens[i] == "predicted")) ++i;
  if (i < tokens.size() && (tokens[i] == "intent" || tokens[i] == "label" || tokens[i] == "answer" ||
                            tokens[i] == "class" || tokens[i] == "category" || tokens[i] == "prediction")) {
    ++i;
    if (i < tokens.size() && tokens[i] == "is") ++i;
    return i;
  }
  return 0;
}

inline std::string concat(const std::vector<std::string>& tokens, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < tokens.size(); ++i) out += tokens[i];
  return out;
}

inline const std::vector<const char*>& intent_keys() {
  static const std::vector<const char*> keys = {"intent", "label", "class", "category", "prediction", "answer"};
  return keys;
}

}  // namespace detail

/// The intent a solver's answer names, against `labels`. Accepted (docs/llm-outputs.md):
/// the label alone, up to case, spaces and punctuation ("add to playlist", "AddToPlaylist.",
/// "`AddToPlaylist`", in a code fence); after a lead-in ("Intent: AddToPlaylist", "The
/// answer is AddToPlaylist"); as JSON ({"intent": "AddToPlaylist"}, also under "label",
/// "class", "category", "prediction", "answer", other members ignored; single quotes and
/// prose around it allowed). Failure reasons: `empty`, `unknown_label`, `several_labels`,
/// `extra_text` (one label inside other prose; see IntentAnswerOptions), `truncated`.
inline llm::Parsed<std::string> parse_intent_answer(const std::string& answer, const LabelSet& labels,
                                                    const IntentAnswerOptions& options = {}) {
  using Result = llm::Parsed<std::string>;
  const llm::ReasoningSplit split = llm::split_reasoning(answer);
  if (split.unfinished) return Result::fail("empty", "the answer is an unfinished <think> block");
  if (detail::trim(split.answer).empty()) return Result::fail("empty", "the answer is empty");

  // JSON: an object with an intent field.
  llm::JsonExtractionOptions json;
  json.accept = [](const nlohmann::json& v) { return !detail::members_named(v, detail::intent_keys()).empty(); };
  json.expected = "an object with an \"intent\" member";
  json.key = [](const nlohmann::json& v) {
    nlohmann::json k = nlohmann::json::array();
    for (const auto* m : detail::members_named(v, detail::intent_keys())) {
      k.push_back(m->is_string() ? nlohmann::json(LabelSet::key(m->get<std::string>())) : *m);
    }
    return k;
  };
  const auto found = llm::extract_json(answer, json);
  if (found) {
    std::vector<std::string> named;
    for (const auto* m : detail::members_named(found.value().value, detail::intent_keys())) {
      std::vector<const nlohmann::json*> values;
      if (m->is_array()) {
        for (const auto& e : *m) values.push_back(&e);
      } else {
        values.push_back(m);
      }
      for (const auto* v : values) {
        if (!v->is_string()) {
          return Result::fail("unknown_label", "the intent member is " + detail::describe_json(*v) + ", not a label");
        }
        const std::string text = v->get<std::string>();
        if (LabelSet::key(text).empty()) return Result::fail("empty", "the intent member is empty");
        const std::string* label = labels.find(text);
        if (label == nullptr) return Result::fail("unknown_label", detail::quote_answer(text) + " is not a label of the set");
        if (std::find(named.begin(), named.end(), *label) == named.end()) named.push_back(*label);
      }
    }
    if (named.size() == 1) return named.front();
    std::string list;
    for (const auto& n : named) list += (list.empty() ? "" : ", ") + n;
    return Result::fail("several_labels", "the answer names " + list);
  }
  if (found.code() == "ambiguous") return Result::fail("several_labels", "several JSON answers: " + found.detail());
  // An answer cut off inside JSON is not read as text: what follows the cut is unknown.
  if (found.code() == "truncated") return Result::fail(found.failure());

  // Text: the label alone, after a lead-in, or inside prose.
  const auto tokens = detail::name_tokens(detail::without_fence_markers(split.answer));
  const auto text_failure = [](llm::ParseFailure f) { return Result::fail(std::move(f)); };
  if (tokens.empty()) return text_failure({"empty", "the answer has no letter or digit"});
  if (const std::string* label = labels.find_key(detail::concat(tokens, 0))) return *label;
  const std::size_t lead = detail::label_lead_in(tokens);
  if (lead > 0 && lead < tokens.size()) {
    if (const std::string* label = labels.find_key(detail::concat(tokens, lead))) return *label;
  }
  const auto mentions = labels.mentions(tokens);
  std::vector<const std::string*> distinct;
  for (const auto& m : mentions) {
    if (std::find(distinct.begin(), distinct.end(), m.label) == distinct.end()) distinct.push_back(m.label);
  }
  if (distinct.empty()) {
    return text_failure({"unknown_label", detail::quote_answer(split.answer) + " names no label of the set"});
  }
  if (distinct.size() > 1) {
    std::string list;
    for (const auto* l : distinct) list += (list.empty() ? "" : ", ") + *l;
    return text_failure({"several_labels", "the answer names " + list});
  }
  // One label, possibly repeated: accepted when the mentions cover every token after the lead-in.
  std::vector<bool> covered(tokens.size(), false);
  for (std::size_t k = 0; k < lead; ++k) covered[k] = true;
  for (const auto& m : mentions) {
    for (std::size_t k = m.first; k <= m.last; ++k) covered[k] = true;
  }
  if (std::find(covered.begin(), covered.end(), false) == covered.end() || options.allow_label_in_prose) {
    return *distinct.front();
  }
  return text_failure({"extra_text", "the answer names " + *distinct.front() + " but has other text: " +
                                         detail::quote_answer(split.answer)});
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_PARSERS_INTENT_ANSWER_HPP
