// fuzz-seconds: 15
// libFuzzer target for parse_ner_answer and align_mentions. The input is "<text>\x1e<answer>"
// (or the same string as both). Every entity found must lie inside the text, in code points,
// hold exactly the text's characters there, have a declared type, and equal the mention
// up to simple case folding; answers fail only with documented reasons.
#include <synthbench/detail/utf8.hpp>
#include <synthbench/experiment/output_parsers.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::set<std::string> entity_reasons = {"malformed_entity", "missing_text", "missing_type", "empty_text",
                                                       "unknown_type",     "not_found",    "duplicate"};
  static const synthbench::LabelSet types({"person", "location", "organisation", "political party", "misc"});
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find('\x1e');
  const std::string text = split == std::string::npos ? input : input.substr(0, split);
  const std::string answer = split == std::string::npos ? input : input.substr(split + 1);
  const std::size_t length = synthbench::detail::utf8_length(text);
  synthbench::detail::Utf8Index index(text);
  for (const bool typed : {true, false}) {
    const auto r = synthbench::parse_ner_answer(answer, text, typed ? types : synthbench::LabelSet());
    if (!r) {
      FUZZ_CHECK(synthbench_fuzz::known_json_reason(r.code()));
      continue;
    }
    for (const auto& e : r.value().entities) {
      FUZZ_CHECK(e.start < e.end && e.end <= length);
      FUZZ_CHECK(e.text.has_value());
      FUZZ_CHECK(index.substr(e.start, e.end) == *e.text);
      if (typed) FUZZ_CHECK(types.find_key(synthbench::LabelSet::key(e.type)) != nullptr && *types.find(e.type) == e.type);
    }
    for (const auto& i : r.value().issues) FUZZ_CHECK(entity_reasons.count(i.code) != 0);
  }
  // align_mentions directly: the answer's lines as mentions.
  std::vector<synthbench::Mention> mentions;
  std::size_t from = 0;
  while (from <= answer.size() && mentions.size() < 16) {
    const std::size_t nl = answer.find('\n', from);
    mentions.push_back({answer.substr(from, nl == std::string::npos ? std::string::npos : nl - from), "t"});
    if (nl == std::string::npos) break;
    from = nl + 1;
  }
  const auto aligned = synthbench::align_mentions(text, mentions);
  FUZZ_CHECK(aligned.size() == mentions.size());
  for (std::size_t k = 0; k < aligned.size(); ++k) {
    if (!aligned[k].entity) {
      FUZZ_CHECK(aligned[k].code == "not_found" || aligned[k].code == "duplicate");
      continue;
    }
    const auto& e = *aligned[k].entity;
    FUZZ_CHECK(e.start < e.end && e.end <= length);
    FUZZ_CHECK(index.substr(e.start, e.end) == *e.text);
    FUZZ_CHECK(synthbench::detail::fold_case(*e.text) == synthbench::detail::fold_case(synthbench::detail::trim(mentions[k].text)));
  }
  return 0;
}
