#ifndef SYNTHBENCH_METRICS_NER_HPP
#define SYNTHBENCH_METRICS_NER_HPP

/// @file
/// Named entity recognition scored by entity spans, in the scheme of SemEval-2013 Task 9.1
/// (Segura-Bedmar, Martinez & Herrero-Zazo, "SemEval-2013 Task 9: Extraction of drug-drug
/// interactions from biomedical texts", SemEval 2013, section 4.1), as the nervaluate
/// package implements it (github.com/MantisAI/nervaluate; Batista, "Named-entity evaluation
/// metrics based on entity-level", 2018).
///
/// This header is the NER scorer whole; each part has its own header: ner_counts.hpp (the
/// schemas and measures: what each pairing counts as, precision, recall and F1 from the
/// counts, NerReport), ner_options.hpp (NerOptions, with the rule for offsets that do not
/// hold their entity, and NerIssue) and ner_outcomes.hpp (the matching: NerDocument,
/// NerOutcomes, NerScorer).

#include "synthbench/metrics/ner_counts.hpp"    // NerSchema, NerMeasure, NerCounts, NerMatchCounts, NerReport
#include "synthbench/metrics/ner_options.hpp"   // NerOptions, NerIssueKind, NerIssue
#include "synthbench/metrics/ner_outcomes.hpp"  // NerDocument, NerOutcomes, NerScorer

#endif  // SYNTHBENCH_METRICS_NER_HPP
