// fuzz-seconds: 15
// libFuzzer target for the JSON Lines records of `synthbench score intent|ner|sts` and their
// label lists (issue 15): any input must either be read or throw a synthbench::Error naming
// the source; nothing else may escape, crash or trip a sanitizer. The input is read as gold
// records and as predictions (itself, and, split at its first blank line, two different
// files), then scored with the task's metrics as the CLI does.
// Built with SYNTHBENCH_BUILD_FUZZERS=ON (clang); run by scripts/fuzz.sh.

#include <synthbench/metrics/classification.hpp>
#include <synthbench/metrics/ner.hpp>
#include <synthbench/metrics/records_json.hpp>
#include <synthbench/metrics/similarity.hpp>
#include <synthbench/report/task_metrics_json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.hpp"

namespace {

namespace metrics = synthbench::metrics;

template <class F>
void expect_read_or_error(F&& f) {
  try {
    f();
  } catch (const synthbench::Error& e) {
    FUZZ_CHECK(std::string(e.what()).find("<") != std::string::npos);  // names "<gold>", "<pred>" or "<labels>"
  }
}

void score_all(const std::string& gold_text, const std::string& pred_text) {
  synthbench::report::TaskSource source;
  source.gold = "<gold>";
  source.predictions = "<pred>";
  expect_read_or_error([&] {
    const auto gold = metrics::parse_jsonl(gold_text, "<gold>");
    const auto pred = metrics::parse_jsonl(pred_text, "<pred>");
    expect_read_or_error([&] {
      const auto d = metrics::intent_data(gold, "<gold>", pred, "<pred>");
      const metrics::ClassificationOutcomes outcomes(d.gold, d.predicted, metrics::ClassificationOptions{});
      (void)synthbench::report::intent_report_json(outcomes, source).dump();
    });
    expect_read_or_error([&] {
      const auto d = metrics::ner_data(gold, "<gold>", pred, "<pred>");
      metrics::NerOptions options;  // as the CLI sets them
      options.gold_source = "<gold>";
      options.predicted_source = "<pred>";
      options.document_name = [&d](std::size_t i) { return d.name(i); };
      const metrics::NerOutcomes outcomes(d.documents, options);
      (void)synthbench::report::ner_report_json(outcomes, d.missing_predictions, source).dump();
    });
    expect_read_or_error([&] {
      const auto d = metrics::similarity_data(gold, "<gold>", pred, "<pred>");
      metrics::SimilarityOptions options;
      options.gold_source = "<gold>";
      options.predicted_source = "<pred>";
      options.item_name = [&d](std::size_t i) { return d.name(i); };
      const metrics::SimilarityOutcomes outcomes(d.gold, d.predicted, options);
      (void)synthbench::report::sts_report_json(outcomes, source).dump();
    });
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  score_all(text, text);
  if (const auto blank = text.find("\n\n"); blank != std::string::npos) score_all(text.substr(0, blank + 1), text.substr(blank + 2));
  expect_read_or_error([&] { (void)metrics::parse_label_list(text, "<labels>"); });
  return 0;
}
