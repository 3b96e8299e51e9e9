// fuzz-seconds: 15
// libFuzzer target for the score tables of `synthbench meta --input` (issue 15): any input
// must either load or throw a synthbench::Error naming the position; nothing else may
// escape, crash or trip a sanitizer. What loads must survive a write/read round trip, and
// its meta-evaluation must say why for every statistic it leaves undefined (JSON null with a
// reason), whatever the scores (finite, but as large as 1e308).
// Built with SYNTHBENCH_BUILD_FUZZERS=ON (clang); run by scripts/fuzz.sh.

#include <synthbench/report/meta_json.hpp>
#include <synthbench/report/meta_markdown.hpp>
#include <synthbench/scores/meta_summary.hpp>
#include <synthbench/scores/score_table_json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  synthbench::ScoreTable table("unset");
  try {
    table = synthbench::parse_score_table(text, "<fuzz>");
  } catch (const synthbench::Error& e) {
    FUZZ_CHECK(std::string(e.what()).find("<fuzz>") != std::string::npos);  // the message names the source
    return 0;
  }
  // Round trip: what was read is written and read back the same.
  const std::string written = synthbench::dump_score_table(table);
  const auto again = synthbench::parse_score_table(written, "<fuzz round trip>");
  FUZZ_CHECK(synthbench::dump_score_table(again) == written);
  // The exact p-value enumerates n! orderings: keep each input fast.
  if (table.real().size() > 8) return 0;
  const auto summary = synthbench::summarize(table);
  const auto doc = synthbench::report::meta_to_json(summary);
  for (const auto& [name, d] : doc["datasets"].items()) {
    for (const auto& [stat, value] : d.items()) {
      if (stat == "undefined" || !value.is_null()) continue;
      FUZZ_CHECK(d.contains("undefined") && d["undefined"].contains(stat));  // null always says why
    }
  }
  (void)doc.dump();
  (void)synthbench::report::meta_to_markdown(summary, table);
  return 0;
}
