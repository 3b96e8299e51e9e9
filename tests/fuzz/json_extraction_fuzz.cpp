// fuzz-seconds: 15
// libFuzzer target for llm::extract_json and llm::extract_json_records: any answer must give
// a value or a failure with a documented reason, never an exception, a crash, a sanitizer
// report or a hang. A value found must be found again, unrepaired, in its own compact dump,
// and the byte range it reports must lie inside the answer.
#include <synthbench/llm/json_extraction.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace synthbench::llm;
  const std::string answer(reinterpret_cast<const char*>(data), size);
  for (const bool strip : {true, false}) {
    JsonExtractionOptions options;
    options.strip_reasoning = strip;
    const auto r = extract_json(answer, options);
    if (r) {
      const JsonValue& v = r.value();
      FUZZ_CHECK(v.begin < v.end && v.end <= answer.size());
      const auto again = extract_json(v.value.dump());
      FUZZ_CHECK(again.ok());
      FUZZ_CHECK(again.value().value == v.value);
      FUZZ_CHECK(again.value().repairs.empty());
    } else {
      FUZZ_CHECK(synthbench_fuzz::known_json_reason(r.code()));
      FUZZ_CHECK(!r.detail().empty());
    }
  }
  JsonRecordOptions record_options;
  record_options.item_keys = {"entities"};
  const auto records = extract_json_records(answer, record_options);
  if (records) {
    FUZZ_CHECK(!records.value().records.empty());
    std::size_t lines = 1;
    for (const char c : answer) lines += c == '\n' ? 1u : 0u;
    for (const auto& rec : records.value().records) {
      FUZZ_CHECK(rec.value.is_object());
      FUZZ_CHECK(rec.line >= 1 && rec.line <= lines);
      FUZZ_CHECK(rec.begin < answer.size());
    }
    for (const auto& f : records.value().failures) {
      FUZZ_CHECK(synthbench_fuzz::known_json_reason(f.failure.code));
      FUZZ_CHECK(f.line >= 1 && f.line <= lines);
    }
  } else {
    FUZZ_CHECK(synthbench_fuzz::known_json_reason(records.code()));
  }
  return 0;
}
