#ifndef SYNTHBENCH_METRICS_NER_OPTIONS_HPP
#define SYNTHBENCH_METRICS_NER_OPTIONS_HPP

/// @file
/// How NER scoring (ner_outcomes.hpp) treats the entities it is given (NerOptions), and the
/// record of what it did to one before matching (NerIssue).
///
/// **Offsets.** When the document's text and an entity's text are given, the span must hold
/// that text. SpanRepair decides what happens otherwise (the SG4NLP README: about 1.5% of
/// generated entities have offsets that point elsewhere; some are empty or out of range):
/// - `realign` (default): move the span to the occurrence of the entity's text nearest to the
///   given start (ties: the earlier one), and report it; when the text occurs only with other
///   capitalization ("Election" for "election"), the nearest such occurrence (metrics/entity.hpp);
/// - `none`: no realignment;
/// - `error`: throw InputError naming the document and the entity.
/// A gold entity that remains invalid (empty, reversed, out of range, or holding other text)
/// is dropped and reported: there is nothing to score against. A prediction that remains
/// invalid is counted as spurious and reported: dropping it would reward the hallucination.

#include <cstddef>     // std::size_t
#include <functional>  // std::function
#include <string>      // std::string
#include <vector>      // std::vector

#include "synthbench/metrics/entity.hpp"         // SpanRepair
#include "synthbench/metrics/zero_division.hpp"  // ZeroDivision
#include "synthbench/version.hpp"                // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN
namespace metrics {

/// Options of NER scoring.
struct NerOptions {
  /// The value of 0/0.
  ZeroDivision zero_division = ZeroDivision::zero;
  /// What to do with offsets that do not hold the entity's text.
  SpanRepair span_repair = SpanRepair::realign;
  /// Merge exact duplicates (same start, end and type) before matching, and report them.
  /// false: every copy is matched on its own (extra copies become MIS or SPU).
  bool merge_duplicates = true;
  /// Declared entity types (e.g. a CrossNER domain's labels.json). Predictions of another
  /// type are still scored, and reported. Empty: no check.
  std::vector<std::string> types;
  /// The name of the gold side in messages ("gold", or a file name).
  std::string gold_source = "gold";
  /// The name of the predicted side in messages.
  std::string predicted_source = "predictions";
  /// The name of document i in messages while matching; default "document i" (0-based).
  /// The CLI gives "line N" of the input files. Not kept after construction.
  std::function<std::string(std::size_t)> document_name;
};

/// Something done to an entity before matching.
enum class NerIssueKind {
  realigned,     ///< offsets did not hold the entity's text; moved to the nearest occurrence
  dropped,       ///< a gold entity with an invalid span: left out
  unmatchable,   ///< a prediction with an invalid span: counted as spurious
  duplicate,     ///< a second copy of the same (start, end, type): merged
  unknown_type,  ///< a predicted type outside NerOptions::types (still scored)
};

/// "realigned", "dropped", "unmatchable", "duplicate" or "unknown_type".
inline const char* to_string(NerIssueKind k) noexcept {
  switch (k) {
    case NerIssueKind::realigned: return "realigned";
    case NerIssueKind::dropped: return "dropped";
    case NerIssueKind::unmatchable: return "unmatchable";
    case NerIssueKind::duplicate: return "duplicate";
    case NerIssueKind::unknown_type: return "unknown_type";
  }
  return "realigned";
}

/// One issue, with where it happened.
struct NerIssue {
  NerIssueKind kind = NerIssueKind::realigned;  ///< what was done
  bool gold = false;                            ///< a gold entity (else a prediction)
  std::size_t document = 0;                     ///< 0-based document index
  std::size_t entity = 0;                       ///< 0-based index in the document's list
  std::string detail;                           ///< e.g. "offsets [3, 9) hold \"Paris,\", not \"Paris\"; moved to [3, 8)"
};

}  // namespace metrics
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_METRICS_NER_OPTIONS_HPP
