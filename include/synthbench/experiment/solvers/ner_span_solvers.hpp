#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_NER_SPAN_SOLVERS_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_NER_SPAN_SOLVERS_HPP

/// @file
/// Four NER reference solvers that type spans of tokens from the train split's counts:
/// gazetteer, capitalized-majority, gazetteer-capitalization and token-majority
/// (ner_reference_solvers.hpp lists them with their sources).

#include <algorithm>      // std::sort, std::max, std::min, std::count, std::lower_bound
#include <cmath>          // std::log
#include <cstddef>        // std::size_t
#include <memory>         // std::unique_ptr, std::make_unique
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <vector>         // std::vector

#include "synthbench/experiment/solvers/ner_token_spans.hpp"  // TokenSpanNerSolver, detail::ner_solvers
#include "synthbench/error.hpp"               // UsageError
#include "synthbench/experiment/items.hpp"    // NerItem, NerPrediction
#include "synthbench/version.hpp"             // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

/// Train-set gazetteer: every entity name of the train split, matched in a sentence longest
/// first, left to right, case-sensitively, with the type it has most often in training.
class GazetteerNerSolver : public TokenSpanNerSolver {
 public:
  /// Trains on `train`. Throws UsageError 55 (no entity) or 56 (a span outside its text).
  explicit GazetteerNerSolver(const std::vector<NerItem>& train)
      : index_(train), gazetteer_(detail::ner_solvers::train_sentences(train, index_)) {
    types_ = index_.names;
  }

  /// "gazetteer".
  std::string name() const override { return "gazetteer"; }

 protected:
  std::vector<detail::ner_solvers::TokenSpan> spans(const std::vector<NerToken>& tokens) const override {
    return gazetteer_.match(tokens);
  }

 private:
  detail::ner_solvers::TypeIndex index_;
  detail::ner_solvers::Gazetteer gazetteer_;
};

/// Capitalized spans, all of the most frequent type of the train split: finds names, cannot
/// type them.
class CapitalizedMajorityNerSolver : public TokenSpanNerSolver {
 public:
  /// Trains on `train` (only its type counts). Throws UsageError 55 when it has no entity.
  explicit CapitalizedMajorityNerSolver(const std::vector<NerItem>& train) : index_(train) {
    types_ = index_.names;
  }

  /// "capitalized-majority".
  std::string name() const override { return "capitalized-majority"; }

 protected:
  std::vector<detail::ner_solvers::TokenSpan> spans(const std::vector<NerToken>& tokens) const override {
    auto out = detail::ner_solvers::capitalized_spans(tokens);
    for (auto& s : out) s.type = index_.majority;
    return out;
  }

 private:
  detail::ner_solvers::TypeIndex index_;
};

/// Gazetteer plus capitalization: a capitalized span that contains exactly one gazetteer match
/// becomes one entity of that match's type ("Democratic Party" known, "Democratic Party of
/// Serbia" found); one that contains several keeps them; one that contains none is typed by a
/// multinomial naive Bayes classifier (McCallum & Nigam, "A comparison of event models for
/// naive Bayes text classification", AAAI-98 workshop; Laplace smoothing) over the span's
/// lowercased words, its head word (the last) and the words' last three letters, trained on
/// the train entities: "Pakistan" is typed by "-tan" like the countries of the train split.
/// Gazetteer matches outside capitalized spans ("novel", "science fiction") are kept.
class GazetteerCapitalizationNerSolver : public TokenSpanNerSolver {
 public:
  /// Trains on `train`. Throws UsageError 55 or 56 as GazetteerNerSolver.
  explicit GazetteerCapitalizationNerSolver(const std::vector<NerItem>& train) : index_(train) {
    types_ = index_.names;
    const auto sentences = detail::ner_solvers::train_sentences(train, index_);
    gazetteer_ = std::make_unique<detail::ner_solvers::Gazetteer>(sentences);
    const std::size_t k = index_.names.size();
    std::vector<double> entities(k, 0.0);
    std::vector<double> total(k, 0.0);
    std::unordered_map<std::string, std::vector<double>> counts;
    for (const auto& s : sentences) {
      for (const auto& e : s.entities) {
        entities[e.type] += 1.0;
        for (const auto& f : features(s.tokens, e)) {
          auto& c = counts[f];
          c.resize(k, 0.0);
          c[e.type] += 1.0;
          total[e.type] += 1.0;
        }
      }
    }
    double all = 0.0;
    for (const double n : entities) all += n;
    const double v = static_cast<double>(counts.size());
    log_prior_.resize(k);
    log_unseen_.resize(k);
    for (std::size_t t = 0; t < k; ++t) {
      // Types with no whole-token entity keep a tiny prior rather than log(0).
      log_prior_[t] = std::log((entities[t] + 0.5) / (all + 0.5 * static_cast<double>(k)));
      log_unseen_[t] = std::log(1.0 / (total[t] + v));
    }
    for (const auto& [f, c] : counts) {
      auto& l = log_likelihood_[f];
      l.resize(k);
      for (std::size_t t = 0; t < k; ++t) l[t] = std::log((c[t] + 1.0) / (total[t] + v));
    }
  }

  /// "gazetteer-capitalization".
  std::string name() const override { return "gazetteer-capitalization"; }

 protected:
  std::vector<detail::ner_solvers::TokenSpan> spans(const std::vector<NerToken>& tokens) const override {
    using detail::ner_solvers::TokenSpan;
    const auto matches = gazetteer_->match(tokens);
    const auto runs = detail::ner_solvers::capitalized_spans(tokens);
    std::vector<TokenSpan> out;
    std::vector<bool> used(matches.size(), false);  // a match inside a run that became its entity
    for (const auto& run : runs) {
      std::vector<std::size_t> inside;
      bool overlaps_outside = false;
      for (std::size_t m = 0; m < matches.size(); ++m) {
        const bool overlap = matches[m].first < run.last && run.first < matches[m].last;
        if (!overlap) continue;
        if (matches[m].first >= run.first && matches[m].last <= run.last) {
          inside.push_back(m);
        } else {
          overlaps_outside = true;  // a match that sticks out of the run: trust the match
        }
      }
      if (overlaps_outside) continue;
      if (inside.size() == 1) {
        out.push_back({run.first, run.last, matches[inside[0]].type});
        used[inside[0]] = true;
      } else if (inside.empty()) {
        out.push_back({run.first, run.last, classify(tokens, run)});
      }  // several matches in one run: they stay as they are
    }
    for (std::size_t m = 0; m < matches.size(); ++m) {
      if (!used[m]) out.push_back(matches[m]);
    }
    std::sort(out.begin(), out.end(), [](const TokenSpan& a, const TokenSpan& b) { return a.first < b.first; });
    return out;
  }

 private:
  // The naive Bayes features of a span: its lowercased words, its head word, their suffixes.
  static std::vector<std::string> features(const std::vector<NerToken>& tokens, const detail::ner_solvers::TokenSpan& s) {
    std::vector<std::string> out;
    for (std::size_t i = s.first; i < s.last; ++i) {
      const std::string w = detail::ner_solvers::lower(tokens[i].text);
      out.push_back("w=" + w);
      const std::string suffix = detail::ner_solvers::affix(w, 3, false);
      if (suffix != w) out.push_back("s=" + suffix);
    }
    out.push_back("head=" + detail::ner_solvers::lower(tokens[s.last - 1].text));
    return out;
  }

  // The most probable type of span `s` (ties: the type that sorts first).
  std::size_t classify(const std::vector<NerToken>& tokens, const detail::ner_solvers::TokenSpan& s) const {
    std::vector<double> score = log_prior_;
    for (const auto& f : features(tokens, s)) {
      const auto it = log_likelihood_.find(f);
      for (std::size_t t = 0; t < score.size(); ++t) score[t] += it == log_likelihood_.end() ? log_unseen_[t] : it->second[t];
    }
    std::size_t best = 0;
    for (std::size_t t = 1; t < score.size(); ++t) {
      if (score[t] > score[best]) best = t;
    }
    return best;
  }

  detail::ner_solvers::TypeIndex index_;
  std::unique_ptr<detail::ner_solvers::Gazetteer> gazetteer_;
  std::vector<double> log_prior_;
  std::vector<double> log_unseen_;  // log P(unseen feature | type)
  std::unordered_map<std::string, std::vector<double>> log_likelihood_;
};

/// The most-frequent-tag baseline: each token gets the label it has most often in the train
/// split (a type, or outside an entity; unseen tokens are outside; ties: outside, then the type
/// that sorts first), and adjacent tokens of the same type form one entity.
class TokenMajorityNerSolver : public TokenSpanNerSolver {
 public:
  /// Trains on `train`. Throws UsageError 55 or 56 as GazetteerNerSolver.
  explicit TokenMajorityNerSolver(const std::vector<NerItem>& train) : index_(train) {
    types_ = index_.names;
    const std::size_t outside = index_.names.size();
    std::unordered_map<std::string, std::vector<std::size_t>> counts;  // token -> count per label; last = outside
    for (const auto& s : detail::ner_solvers::train_sentences(train, index_)) {
      std::vector<std::size_t> label(s.tokens.size(), outside);
      for (const auto& e : s.entities) {
        for (std::size_t i = e.first; i < e.last; ++i) label[i] = e.type;
      }
      for (std::size_t i = 0; i < s.tokens.size(); ++i) {
        auto& c = counts[s.tokens[i].text];
        c.resize(outside + 1, 0);
        ++c[label[i]];
      }
    }
    for (const auto& [token, c] : counts) {
      std::size_t best = outside;
      for (std::size_t t = 0; t < outside; ++t) {
        if (c[t] > c[best]) best = t;
      }
      if (best != outside) label_.emplace(token, best);
    }
  }

  /// "token-majority".
  std::string name() const override { return "token-majority"; }

 protected:
  std::vector<detail::ner_solvers::TokenSpan> spans(const std::vector<NerToken>& tokens) const override {
    std::vector<detail::ner_solvers::TokenSpan> out;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const auto it = label_.find(tokens[i].text);
      if (it == label_.end()) continue;
      if (!out.empty() && out.back().last == i && out.back().type == it->second) {
        out.back().last = i + 1;
      } else {
        out.push_back({i, i + 1, it->second});
      }
    }
    return out;
  }

 private:
  detail::ner_solvers::TypeIndex index_;
  std::unordered_map<std::string, std::size_t> label_;  // tokens labelled with a type most often
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_NER_SPAN_SOLVERS_HPP
