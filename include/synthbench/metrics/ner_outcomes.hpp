#ifndef SYNTHBENCH_METRICS_NER_OUTCOMES_HPP
#define SYNTHBENCH_METRICS_NER_OUTCOMES_HPP

/// @file
/// NER matching: per document, gold and predicted entities paired one to one
/// (BasicNerOutcomes), the per-document records every NER score is computed from, and
/// NerScorer, one measure bound to them for the bootstrap.
///
/// Spans are character offsets [start, end) into the document's text (code points, as the
/// Python indices of the SG4NLP data). Two spans overlap when they share a character:
/// a.start < b.end and b.start < a.end. Offsets are checked, and repaired, as NerOptions says
/// (ner_options.hpp).
///
/// **Matching.** In each document, gold and predicted entities are paired one to one, in four
/// rounds of decreasing quality; each round is a maximum matching among the entities still
/// unpaired (Kuhn's augmenting paths; predictions and gold entities are visited in order of
/// (start, end, type), so the result is deterministic): round 1 same span, same type; round 2
/// same span, other type; round 3 overlapping span, same type; round 4 overlapping span,
/// other type. What each round, an unpaired gold entity (MIS) and an unpaired prediction
/// (SPU) count as in each schema, and the measures: ner_counts.hpp.
///
/// Consequences, each tested: a prediction overlapping two gold entities pairs with one (the
/// first in document order that leaves a maximum matching) and the other is missed unless
/// another prediction covers it; two predictions on one gold entity give one pair and one
/// spurious prediction; an exact duplicate (same start, end and type) is merged before
/// matching and reported (as token-level BIO evaluation, which cannot represent duplicates,
/// would see it); a document with no entities contributes nothing.
///
/// **Per entity type**, a pair, a MIS, counts under the gold entity's type; a SPU under the
/// predicted type. Every count then belongs to exactly one type and the per-type counts sum
/// to the overall ones. Where this departs from nervaluate (<= 0.2), it is on purpose:
/// nervaluate adds each spurious prediction to *every* type (its issues #42 and #66), and
/// pairs an exact duplicate of a correct prediction as correct again, so COR can exceed POS.

#include <algorithm>      // std::sort
#include <cstddef>        // std::size_t, std::ptrdiff_t
#include <cstdint>        // std::uint32_t
#include <memory>         // std::shared_ptr, std::make_shared
#include <optional>       // std::optional
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <unordered_set>  // std::unordered_set
#include <utility>        // std::move, std::pair
#include <vector>         // std::vector

#include "synthbench/detail/utf8.hpp"            // detail::Utf8Index
#include "synthbench/error.hpp"                  // InputError, UsageError
#include "synthbench/metrics/entity.hpp"         // Entity, repair_span, span_is_valid
#include "synthbench/metrics/ner_counts.hpp"     // NerSchema, NerMeasure, NerMatchCounts, schema_counts, ner_measure
#include "synthbench/metrics/ner_options.hpp"    // NerOptions, NerIssue
#include "synthbench/metrics/zero_division.hpp"  // ratio_value
#include "synthbench/result.hpp"                 // Result
#include "synthbench/version.hpp"                // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN
namespace metrics {

/// One document: its gold and predicted entities, and its text when known (to check offsets).
struct NerDocument {
  std::vector<Entity> gold;         ///< annotated entities
  std::vector<Entity> predicted;    ///< an approach's entities
  std::optional<std::string> text;  ///< the document's text (UTF-8)
};

template <class Unused = void>
class BasicNerOutcomes;

/// The outcomes class (see BasicNerOutcomes). It is a template only so that a translation unit that
/// includes this header without using it does not compile its member functions
/// (docs/performance.md: compile time); there is one instantiation.
using NerOutcomes = BasicNerOutcomes<>;

/// One overall NER measure bound to shared outcomes: what a resampling bootstrap calls.
struct NerScorer {
  std::shared_ptr<const NerOutcomes> outcomes;      ///< the per-document records
  NerSchema schema = NerSchema::strict;             ///< the schema
  NerMeasure measure = NerMeasure::f1;              ///< precision, recall or F1

  /// The number of documents.
  std::size_t item_count() const noexcept;
  /// The measure on the documents at `indices` (repetitions count as often as they appear).
  template <class Indices = std::vector<std::uint32_t>>
  Result<double> score_on(const Indices& indices) const;
};

/// Per-document NER outcomes of one approach on one dataset: for each document, how its
/// entities were paired, overall and per type. Every score is computed from these records,
/// so a bootstrap over documents never re-runs a model or re-matches spans.
template <class Unused>
class BasicNerOutcomes {
 public:
  /// Matches every document. Throws InputError: synthbench.input.302 for a gold entity with
  /// an empty type, .303 for a span that does not hold its text (or is out of range) under
  /// SpanRepair::error (naming the side, the document and the entity).
  explicit BasicNerOutcomes(const std::vector<NerDocument>& documents, NerOptions options = {})
      : options_(std::move(options)) {
    if (documents.size() > 0xFFFFFFFFu) throw UsageError(33, "NER scoring supports at most 2^32 - 1 documents");
    declared_.insert(options_.types.begin(), options_.types.end());
    document_counts_.reserve(documents.size());
    type_begin_.reserve(documents.size() + 1);
    type_begin_.push_back(0);
    Workspace w;
    for (std::size_t d = 0; d < documents.size(); ++d) evaluate(d, documents[d], w);
    // Names were needed for messages while matching; a copy of the outcomes (a scorer) must
    // not keep a callback that may refer to the caller's data.
    options_.document_name = nullptr;
  }

  /// The number of documents.
  std::size_t size() const noexcept { return document_counts_.size(); }
  /// The entity types seen (gold or predicted), in order of first appearance; type ids index it.
  const std::vector<std::string>& types() const noexcept { return type_names_; }
  /// The options the outcomes were built with.
  const NerOptions& options() const noexcept { return options_; }
  /// Every issue, in document order.
  const std::vector<NerIssue>& issues() const noexcept { return issues_; }
  /// How many issues of `kind` on the gold (or predicted) side.
  std::size_t issue_count(NerIssueKind kind, bool gold) const noexcept {
    std::size_t n = 0;
    for (const auto& i : issues_) n += (i.kind == kind && i.gold == gold) ? std::size_t{1} : std::size_t{0};
    return n;
  }
  /// The match counts of each document, all types together.
  const std::vector<NerMatchCounts>& document_counts() const noexcept { return document_counts_; }

  /// The full report on all documents.
  NerReport report() const { return report(all_indices()); }
  /// The full report on the documents at `indices`.
  NerReport report(const std::vector<std::uint32_t>& indices) const {
    NerReport r;
    r.documents = indices.size();
    std::vector<NerMatchCounts> by_type(type_names_.size());
    NerMatchCounts total;
    for (const auto d : indices) {
      check_index(d);
      total += document_counts_[d];
      for (std::size_t k = type_begin_[d]; k < type_begin_[d + 1]; ++k) by_type[type_counts_[k].first] += type_counts_[k].second;
    }
    r.overall = schema_scores(total, "");
    std::vector<std::size_t> order;
    for (std::size_t t = 0; t < type_names_.size(); ++t) {
      const NerCounts any = schema_counts(by_type[t], NerSchema::strict);
      if (any.possible() + any.actual() > 0) order.push_back(t);
    }
    std::sort(order.begin(), order.end(),
              [this](std::size_t a, std::size_t b) { return type_names_[a] < type_names_[b]; });
    for (const auto t : order) {
      r.types.push_back(NerTypeScores{type_names_[t], schema_scores(by_type[t], " of '" + type_names_[t] + "'")});
    }
    return r;
  }

  /// One overall measure on all documents.
  Result<double> score(NerSchema schema, NerMeasure measure) const { return score(schema, measure, all_indices()); }
  /// One overall measure on the documents at `indices` (a bootstrap resample). Throws
  /// UsageError (synthbench.usage.32) for an index out of range.
  Result<double> score(NerSchema schema, NerMeasure measure, const std::vector<std::uint32_t>& indices) const {
    NerMatchCounts total;
    for (const auto d : indices) {
      check_index(d);
      total += document_counts_[d];
    }
    const NerCounts c = schema_counts(total, schema);
    const double matched = static_cast<double>(c.correct) + 0.5 * static_cast<double>(c.partial);
    const auto pos = static_cast<double>(c.possible());
    const auto act = static_cast<double>(c.actual());
    const double numerator = measure == NerMeasure::f1 ? 2 * matched : matched;
    const double denominator = measure == NerMeasure::precision ? act : (measure == NerMeasure::recall ? pos : pos + act);
    if (const auto v = ratio_value(numerator, denominator, options_.zero_division)) return *v;
    return ner_measure(c, measure, options_.zero_division, to_string(schema));  // builds the reason
  }

  /// `schema` and `measure` bound to a shared copy of these outcomes, for the bootstrap.
  NerScorer scorer(NerSchema schema, NerMeasure measure) const {
    return NerScorer{std::make_shared<const NerOutcomes>(*this), schema, measure};
  }

 private:
  struct Mention {
    std::size_t start = 0;
    std::size_t end = 0;
    std::uint32_t type = 0;
    std::size_t index = 0;  // position in the document's input list
  };

  // Buffers reused across documents.
  struct Workspace {
    std::vector<Mention> gold;
    std::vector<Mention> predicted;
    std::vector<std::ptrdiff_t> gold_partner;
    std::vector<std::ptrdiff_t> predicted_partner;
    std::vector<int> gold_round;
    std::vector<std::ptrdiff_t> round_match;
    std::vector<std::uint32_t> seen;  // seen[g] == stamp: visited in the current augmenting search
    std::uint32_t stamp = 0;
    std::vector<std::pair<std::uint32_t, NerMatchCounts>> by_type;
    std::string no_text;
    ::synthbench::detail::Utf8Index index{no_text};
  };

  std::vector<std::uint32_t> all_indices() const {
    std::vector<std::uint32_t> all(document_counts_.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::uint32_t>(i);
    return all;
  }

  void check_index(std::uint32_t d) const {
    if (d >= document_counts_.size()) {
      throw UsageError(32, "document index " + std::to_string(d) + " out of range (" +
                               std::to_string(document_counts_.size()) + " documents)");
    }
  }

  NerSchemaScores schema_scores(const NerMatchCounts& m, const std::string& suffix) const {
    NerSchemaScores s;
    for (const auto schema : all_ner_schemas) {
      auto& out = s[static_cast<std::size_t>(schema)];
      out.counts = schema_counts(m, schema);
      const std::string what = std::string(to_string(schema)) + suffix;
      out.precision = ner_measure(out.counts, NerMeasure::precision, options_.zero_division, what);
      out.recall = ner_measure(out.counts, NerMeasure::recall, options_.zero_division, what);
      out.f1 = ner_measure(out.counts, NerMeasure::f1, options_.zero_division, what);
    }
    return s;
  }

  std::string document_name(std::size_t d) const {
    return options_.document_name ? options_.document_name(d) : "document " + std::to_string(d);
  }

  std::uint32_t intern(const std::string& type) {
    const auto it = type_ids_.find(type);
    if (it != type_ids_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(type_names_.size());
    type_ids_.emplace(type, id);
    type_names_.push_back(type);
    return id;
  }

  static std::string quoted(const std::string& s) { return detail::quote_for_message(s); }

  static std::string span_text(std::size_t start, std::size_t end) { return detail::span_to_string(start, end); }

  // Checks one entity's span (and repairs it under SpanRepair::realign) by metrics::repair_span,
  // the rule the dataset loaders apply too. Returns false when it stays invalid; adds the issue.
  bool resolve(const Entity& e, bool gold, std::size_t d, std::size_t j, const ::synthbench::detail::Utf8Index* index,
               Mention& out) {
    out.start = e.start;
    out.end = e.end;
    std::string problem;
    std::string detail;
    if (index == nullptr) {  // no text: only the order of the offsets can be checked
      if (e.start < e.end) return true;
      problem = detail = "offsets " + span_text(e.start, e.end) + " are empty or reversed";
    } else {
      if (span_is_valid(*index, e)) return true;  // the common case, without building a result
      const SpanRepairResult r = repair_span(*index, e, options_.span_repair == SpanRepair::realign);
      if (r.status == SpanStatus::valid) return true;
      problem = r.description;
      detail = r.detail;
      if (r.status == SpanStatus::realigned && options_.span_repair != SpanRepair::error) {
        out.start = r.start;
        out.end = r.end;
        issues_.push_back({NerIssueKind::realigned, gold, d, j, detail});
        return true;
      }
    }
    const std::string& source = gold ? options_.gold_source : options_.predicted_source;
    const std::string where = document_name(d) + ", " + (gold ? "gold" : "predicted") + " entity " + std::to_string(j);
    if (options_.span_repair == SpanRepair::error) throw InputError(303, source, where, problem);
    issues_.push_back({gold ? NerIssueKind::dropped : NerIssueKind::unmatchable, gold, d, j,
                       detail + (gold ? "; left out" : "; counted as spurious")});
    return false;
  }

  static bool mention_less(const Mention& a, const Mention& b) noexcept {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end < b.end;
    if (a.type != b.type) return a.type < b.type;
    return a.index < b.index;
  }
  static bool same_entity(const Mention& a, const Mention& b) noexcept {
    return a.start == b.start && a.end == b.end && a.type == b.type;
  }

  void merge_duplicates(std::vector<Mention>& v, bool gold, std::size_t d) {
    if (!options_.merge_duplicates || v.size() < 2) return;
    std::size_t kept = 1;
    for (std::size_t i = 1; i < v.size(); ++i) {
      if (same_entity(v[i], v[kept - 1])) {
        issues_.push_back({NerIssueKind::duplicate, gold, d, v[i].index,
                           "a second " + quoted(type_names_[v[i].type]) + " entity at " +
                               span_text(v[i].start, v[i].end) + "; merged"});
      } else {
        v[kept++] = v[i];
      }
    }
    v.resize(kept);
  }

  // Does prediction p relate to gold g in round r (1-4)?
  static bool relates(int round, const Mention& p, const Mention& g) noexcept {
    switch (round) {
      case 1: return p.start == g.start && p.end == g.end && p.type == g.type;
      case 2: return p.start == g.start && p.end == g.end && p.type != g.type;
      case 3: return p.start < g.end && g.start < p.end && p.type == g.type;
      default: return p.start < g.end && g.start < p.end && p.type != g.type;
    }
  }

  // Kuhn's augmenting path from prediction p within round r.
  bool augment(int round, std::size_t p, Workspace& w) const {
    const Mention& pm = w.predicted[p];
    for (std::size_t g = 0; g < w.gold.size(); ++g) {
      const Mention& gm = w.gold[g];
      if (gm.start >= pm.end || (round <= 2 && gm.start > pm.start)) break;  // sorted by start: no later one relates
      if (w.gold_partner[g] >= 0 || w.seen[g] == w.stamp || !relates(round, pm, gm)) continue;
      w.seen[g] = w.stamp;
      if (w.round_match[g] < 0 || augment(round, static_cast<std::size_t>(w.round_match[g]), w)) {
        w.round_match[g] = static_cast<std::ptrdiff_t>(p);
        return true;
      }
    }
    return false;
  }

  void evaluate(std::size_t d, const NerDocument& doc, Workspace& w) {
    if (doc.text) w.index.assign(*doc.text);
    const ::synthbench::detail::Utf8Index* ix = doc.text ? &w.index : nullptr;
    auto& by_type = w.by_type;  // few types per document: a linear search is fastest
    by_type.clear();
    const auto slot = [&by_type](std::uint32_t type) -> NerMatchCounts& {
      for (auto& e : by_type) {
        if (e.first == type) return e.second;
      }
      by_type.emplace_back(type, NerMatchCounts{});
      return by_type.back().second;
    };
    NerMatchCounts total;

    w.gold.clear();
    for (std::size_t j = 0; j < doc.gold.size(); ++j) {
      const Entity& e = doc.gold[j];
      if (e.type.empty()) {
        throw InputError(302, options_.gold_source, document_name(d) + ", gold entity " + std::to_string(j),
                         "the entity type is empty");
      }
      Mention m;
      m.type = intern(e.type);
      m.index = j;
      if (resolve(e, true, d, j, ix, m)) w.gold.push_back(m);
    }
    w.predicted.clear();
    for (std::size_t j = 0; j < doc.predicted.size(); ++j) {
      const Entity& e = doc.predicted[j];
      Mention m;
      m.type = intern(e.type);
      m.index = j;
      if (!declared_.empty() && declared_.count(e.type) == 0) {
        issues_.push_back({NerIssueKind::unknown_type, false, d, j,
                           "type " + quoted(e.type) + " is not a declared entity type; scored as predicted"});
      }
      if (resolve(e, false, d, j, ix, m)) {
        w.predicted.push_back(m);
      } else {
        ++slot(m.type).spurious;
        ++total.spurious;
      }
    }
    std::sort(w.gold.begin(), w.gold.end(), mention_less);
    std::sort(w.predicted.begin(), w.predicted.end(), mention_less);
    merge_duplicates(w.gold, true, d);
    merge_duplicates(w.predicted, false, d);

    const std::size_t G = w.gold.size();
    const std::size_t P = w.predicted.size();
    w.gold_partner.assign(G, -1);
    w.predicted_partner.assign(P, -1);
    w.gold_round.assign(G, 0);
    w.seen.assign(G, 0);
    w.stamp = 0;
    for (int round = 1; round <= 4; ++round) {
      w.round_match.assign(G, -1);
      for (std::size_t p = 0; p < P; ++p) {
        if (w.predicted_partner[p] >= 0) continue;
        ++w.stamp;  // a new search: every gold entity unvisited, without clearing `seen`
        augment(round, p, w);
      }
      for (std::size_t g = 0; g < G; ++g) {
        if (w.round_match[g] < 0) continue;
        w.gold_partner[g] = w.round_match[g];
        w.predicted_partner[static_cast<std::size_t>(w.round_match[g])] = static_cast<std::ptrdiff_t>(g);
        w.gold_round[g] = round;
      }
    }
    static constexpr std::uint32_t NerMatchCounts::*by_round[5] = {
        &NerMatchCounts::missed, &NerMatchCounts::same_span_same_type, &NerMatchCounts::same_span_other_type,
        &NerMatchCounts::overlap_same_type, &NerMatchCounts::overlap_other_type};
    for (std::size_t g = 0; g < G; ++g) {
      // Pairs and misses count under the gold entity's type.
      const auto field = by_round[static_cast<std::size_t>(w.gold_round[g])];
      ++(slot(w.gold[g].type).*field);
      ++(total.*field);
    }
    for (std::size_t p = 0; p < P; ++p) {
      if (w.predicted_partner[p] >= 0) continue;
      ++slot(w.predicted[p].type).spurious;  // spurious predictions count under their own type
      ++total.spurious;
    }
    document_counts_.push_back(total);
    for (const auto& e : by_type) type_counts_.push_back(e);
    type_begin_.push_back(type_counts_.size());
  }

  NerOptions options_;
  std::unordered_set<std::string> declared_;
  std::unordered_map<std::string, std::uint32_t> type_ids_;
  std::vector<std::string> type_names_;
  std::vector<NerMatchCounts> document_counts_;
  std::vector<std::pair<std::uint32_t, NerMatchCounts>> type_counts_;  // per document, flattened
  std::vector<std::size_t> type_begin_;  // document d's entries: [type_begin_[d], type_begin_[d + 1])
  std::vector<NerIssue> issues_;
};

inline std::size_t NerScorer::item_count() const noexcept { return outcomes ? outcomes->size() : 0; }

template <class Indices>
Result<double> NerScorer::score_on(const Indices& indices) const {
  if (!outcomes) throw UsageError(34, "a default-constructed scorer has no outcomes to score");
  return outcomes->score(schema, measure, indices);
}

}  // namespace metrics
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_METRICS_NER_OUTCOMES_HPP
