#ifndef SYNTHBENCH_METRICS_NER_COUNTS_HPP
#define SYNTHBENCH_METRICS_NER_COUNTS_HPP

/// @file
/// The counts and measures of NER scoring in the scheme of SemEval-2013 Task 9.1 (ner.hpp
/// gives the sources): the four schemas, what each round of pairing gold and predicted
/// entities (ner_outcomes.hpp) counts as in each, and precision, recall and F1 from the
/// counts:
///
///     round 1  same span, same type              strict COR  exact COR  partial COR  ent_type COR
///     round 2  same span, other type             strict INC  exact COR  partial COR  ent_type INC
///     round 3  overlapping span, same type       strict INC  exact INC  partial PAR  ent_type COR
///     round 4  overlapping span, other type      strict INC  exact INC  partial PAR  ent_type INC
///     unpaired gold entity                       MIS in every schema
///     unpaired prediction                        SPU in every schema
///
/// POS = COR + INC + PAR + MIS (gold entities), ACT = COR + INC + PAR + SPU (predictions);
/// precision = (COR + 0.5 PAR) / ACT, recall = (COR + 0.5 PAR) / POS (PAR is 0 outside the
/// partial schema), F1 = 2 (COR + 0.5 PAR) / (POS + ACT), the harmonic mean of the two
/// wherever both are defined. Counts are summed over documents before dividing (micro
/// average). 0/0 follows the ZeroDivision policy.

#include <array>    // std::array
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint32_t
#include <string>   // std::string
#include <vector>   // std::vector

#include "synthbench/metrics/zero_division.hpp"  // ZeroDivision, ratio
#include "synthbench/result.hpp"                 // Result
#include "synthbench/version.hpp"                // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN
namespace metrics {

/// The four evaluation schemas of SemEval-2013 Task 9.1.
enum class NerSchema {
  strict,    ///< same boundaries and same type
  exact,     ///< same boundaries, any type
  partial,   ///< overlapping boundaries, any type; a partial overlap counts half
  ent_type,  ///< overlapping boundaries, same type
};

/// The schemas in order; NerSchema values index arrays of this size.
inline constexpr std::array<NerSchema, 4> all_ner_schemas = {NerSchema::strict, NerSchema::exact, NerSchema::partial,
                                                             NerSchema::ent_type};

/// "strict", "exact", "partial" or "ent_type".
inline const char* to_string(NerSchema s) noexcept {
  switch (s) {
    case NerSchema::strict: return "strict";
    case NerSchema::exact: return "exact";
    case NerSchema::partial: return "partial";
    case NerSchema::ent_type: return "ent_type";
  }
  return "strict";
}

/// Precision, recall or F1.
enum class NerMeasure { precision, recall, f1 };

/// "precision", "recall" or "f1".
inline const char* to_string(NerMeasure m) noexcept {
  return m == NerMeasure::precision ? "precision" : (m == NerMeasure::recall ? "recall" : "f1");
}

/// The SemEval-2013 counts of one schema.
struct NerCounts {
  std::size_t correct = 0;    ///< COR
  std::size_t incorrect = 0;  ///< INC
  std::size_t partial = 0;    ///< PAR (partial schema only)
  std::size_t missed = 0;     ///< MIS
  std::size_t spurious = 0;   ///< SPU
  /// POS: gold entities.
  std::size_t possible() const noexcept { return correct + incorrect + partial + missed; }
  /// ACT: predicted entities.
  std::size_t actual() const noexcept { return correct + incorrect + partial + spurious; }
};

/// How the entities of some documents were paired: the sufficient statistics of every schema.
struct NerMatchCounts {
  std::uint32_t same_span_same_type = 0;      ///< round 1 pairs
  std::uint32_t same_span_other_type = 0;     ///< round 2 pairs
  std::uint32_t overlap_same_type = 0;        ///< round 3 pairs
  std::uint32_t overlap_other_type = 0;       ///< round 4 pairs
  std::uint32_t missed = 0;                   ///< unpaired gold entities
  std::uint32_t spurious = 0;                 ///< unpaired (or invalid) predictions
  /// Adds another's counts.
  NerMatchCounts& operator+=(const NerMatchCounts& o) noexcept {
    same_span_same_type += o.same_span_same_type;
    same_span_other_type += o.same_span_other_type;
    overlap_same_type += o.overlap_same_type;
    overlap_other_type += o.overlap_other_type;
    missed += o.missed;
    spurious += o.spurious;
    return *this;
  }
};

/// The counts of `schema` from match counts (the table in the file comment).
inline NerCounts schema_counts(const NerMatchCounts& m, NerSchema schema) noexcept {
  NerCounts c;
  c.missed = m.missed;
  c.spurious = m.spurious;
  switch (schema) {
    case NerSchema::strict:
      c.correct = m.same_span_same_type;
      c.incorrect = std::size_t{m.same_span_other_type} + m.overlap_same_type + m.overlap_other_type;
      break;
    case NerSchema::exact:
      c.correct = std::size_t{m.same_span_same_type} + m.same_span_other_type;
      c.incorrect = std::size_t{m.overlap_same_type} + m.overlap_other_type;
      break;
    case NerSchema::partial:
      c.correct = std::size_t{m.same_span_same_type} + m.same_span_other_type;
      c.partial = std::size_t{m.overlap_same_type} + m.overlap_other_type;
      break;
    case NerSchema::ent_type:
      c.correct = std::size_t{m.same_span_same_type} + m.overlap_same_type;
      c.incorrect = std::size_t{m.same_span_other_type} + m.overlap_other_type;
      break;
  }
  return c;
}

/// Precision, recall and F1 of one schema, with its counts.
struct NerScores {
  NerCounts counts;                ///< COR, INC, PAR, MIS, SPU
  Result<double> precision = 0.0;  ///< (COR + 0.5 PAR) / ACT
  Result<double> recall = 0.0;     ///< (COR + 0.5 PAR) / POS
  Result<double> f1 = 0.0;         ///< 2 (COR + 0.5 PAR) / (POS + ACT)
};

/// `measure` of `counts`; `what` names it in the reason of an undefined result.
inline Result<double> ner_measure(const NerCounts& counts, NerMeasure measure, ZeroDivision policy,
                                  const std::string& what) {
  const double matched = static_cast<double>(counts.correct) + 0.5 * static_cast<double>(counts.partial);
  const auto pos = static_cast<double>(counts.possible());
  const auto act = static_cast<double>(counts.actual());
  switch (measure) {
    case NerMeasure::precision: return ratio(matched, act, policy, what + " precision", ": no predicted entity");
    case NerMeasure::recall: return ratio(matched, pos, policy, what + " recall", ": no gold entity");
    case NerMeasure::f1: break;
  }
  return ratio(2 * matched, pos + act, policy, what + " F1", ": no gold and no predicted entity");
}

/// The scores of every schema, indexed by NerSchema.
using NerSchemaScores = std::array<NerScores, 4>;

/// Scores of one entity type.
struct NerTypeScores {
  std::string type;         ///< the entity type
  NerSchemaScores schemas;  ///< indexed by NerSchema
};

/// Everything about one approach on a set of documents.
struct NerReport {
  std::size_t documents = 0;          ///< documents scored (with repetitions, on a resample)
  NerSchemaScores overall;            ///< indexed by NerSchema
  std::vector<NerTypeScores> types;   ///< types with any gold or predicted entity, by name
  /// The overall scores of `schema`.
  const NerScores& at(NerSchema schema) const noexcept { return overall[static_cast<std::size_t>(schema)]; }
};

}  // namespace metrics
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_METRICS_NER_COUNTS_HPP
