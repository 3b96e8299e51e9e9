// fuzz-seconds: 15
// libFuzzer target for parse_similarity_answer: any answer gives a finite score inside the
// scale or a documented failure reason, on the STS scale and on [0, 1].
#include <synthbench/experiment/output_parsers.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::set<std::string> reasons = {"empty",     "no_number",    "several_numbers", "extra_text",
                                                "other_scale", "not_a_number", "out_of_range",    "truncated"};
  const std::string answer(reinterpret_cast<const char*>(data), size);
  for (const synthbench::ScoreScale scale : {synthbench::ScoreScale{0.0, 5.0}, synthbench::ScoreScale{0.0, 1.0}}) {
    const auto r = synthbench::parse_similarity_answer(answer, scale);
    if (r) {
      FUZZ_CHECK(std::isfinite(r.value()));
      FUZZ_CHECK(r.value() >= scale.min && r.value() <= scale.max);
    } else {
      FUZZ_CHECK(reasons.count(r.code()) != 0);
    }
  }
  return 0;
}
