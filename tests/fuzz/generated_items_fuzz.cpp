// fuzz-seconds: 15
// libFuzzer target for parse_generated_items of the three tasks: every item accepted must
// satisfy the rules it was checked against (non-empty trimmed texts, a label of the set, a
// score inside the scale, entities inside their text), and every rejection must carry a
// documented reason.
#include <synthbench/detail/utf8.hpp>
#include <synthbench/experiment/output_parsers.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "fuzz_support.hpp"

namespace {

bool trimmed_non_empty(const std::string& s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  return !s.empty() && !space(s.front()) && !space(s.back());
}

bool known_item_reason(const std::string& r) {
  static const std::set<std::string> reasons = {"missing_field", "wrong_type", "conflicting_fields", "empty_text",
                                                "unknown_label", "not_a_number", "out_of_range"};
  return reasons.count(r) != 0 || r.rfind("entity_", 0) == 0 || synthbench_fuzz::known_json_reason(r);
}

template <class Items>
void check_common(const Items& r) {
  if (!r) {
    FUZZ_CHECK(synthbench_fuzz::known_json_reason(r.code()));
    return;
  }
  FUZZ_CHECK(r.value().items.size() == r.value().lines.size());
  for (const auto& i : r.value().issues) FUZZ_CHECK(known_item_reason(i.code));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string answer(reinterpret_cast<const char*>(data), size);
  synthbench::ItemRules rules;
  rules.labels = synthbench::LabelSet({"AddToPlaylist", "PlayMusic", "atis_flight#atis_airfare", "person", "location"});

  const auto intents = synthbench::parse_generated_items<synthbench::IntentItem>(answer, rules);
  check_common(intents);
  if (intents) {
    for (const auto& item : intents.value().items) {
      FUZZ_CHECK(trimmed_non_empty(item.text));
      FUZZ_CHECK(rules.labels.find(item.label) != nullptr && *rules.labels.find(item.label) == item.label);
    }
  }
  const auto pairs = synthbench::parse_generated_items<synthbench::SimilarityItem>(answer, rules);
  check_common(pairs);
  if (pairs) {
    for (const auto& item : pairs.value().items) {
      FUZZ_CHECK(trimmed_non_empty(item.text1) && trimmed_non_empty(item.text2));
      FUZZ_CHECK(item.score >= 0.0 && item.score <= 5.0);
    }
  }
  const auto sentences = synthbench::parse_generated_items<synthbench::NerItem>(answer, rules);
  check_common(sentences);
  if (sentences) {
    for (const auto& item : sentences.value().items) {
      FUZZ_CHECK(trimmed_non_empty(item.text));
      const std::size_t length = synthbench::detail::utf8_length(item.text);
      synthbench::detail::Utf8Index index(item.text);
      for (const auto& e : item.entities) {
        FUZZ_CHECK(e.start < e.end && e.end <= length);
        FUZZ_CHECK(e.text && index.substr(e.start, e.end) == *e.text);
      }
    }
  }
  return 0;
}
