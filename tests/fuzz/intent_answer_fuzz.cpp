// fuzz-seconds: 15
// libFuzzer target for parse_intent_answer: against the SNIPS and ATIS label sets, and
// against a label set read from the input's first line (comma-separated), any answer gives
// a label of the set or a documented failure reason; nothing throws but UsageError 71 for a
// malformed label set.
#include <synthbench/experiment/output_parsers.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "fuzz_support.hpp"

namespace {

void check(const std::string& answer, const synthbench::LabelSet& labels) {
  static const std::set<std::string> reasons = {"empty", "unknown_label", "several_labels", "extra_text", "truncated"};
  for (const bool prose : {false, true}) {
    synthbench::IntentAnswerOptions options;
    options.allow_label_in_prose = prose;
    const auto r = synthbench::parse_intent_answer(answer, labels, options);
    if (r) {
      bool known = false;
      for (const auto& l : labels.labels()) known = known || l == r.value();
      FUZZ_CHECK(known);
    } else {
      FUZZ_CHECK(reasons.count(r.code()) != 0);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  static const synthbench::LabelSet snips({"AddToPlaylist", "BookRestaurant", "GetWeather", "PlayMusic", "RateBook",
                                           "SearchCreativeWork", "SearchScreeningEvent"});
  static const synthbench::LabelSet atis({"atis_flight", "atis_airfare", "atis_flight#atis_airfare", "atis_ground_service"});
  check(input, snips);
  check(input, atis);
  const std::size_t newline = input.find('\n');
  if (newline != std::string::npos) {
    std::vector<std::string> names;
    std::string current;
    for (std::size_t i = 0; i < newline; ++i) {
      if (input[i] == ',') {
        names.push_back(current);
        current.clear();
      } else {
        current += input[i];
      }
    }
    names.push_back(current);
    try {
      const synthbench::LabelSet custom(names);
      check(input.substr(newline + 1), custom);
    } catch (const synthbench::UsageError& e) {
      FUZZ_CHECK(e.code() == 71);
    }
  }
  return 0;
}
