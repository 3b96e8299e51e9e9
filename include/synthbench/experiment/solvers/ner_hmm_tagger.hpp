#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_NER_HMM_TAGGER_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_NER_HMM_TAGGER_HPP

/// @file
/// `hmm`: a first-order hidden Markov model over BIO tags (O, and B-t, I-t for each entity type
/// t), decoded by Viterbi, trained by counting on the train split (Rabiner, "A tutorial on
/// hidden Markov models", Proc. IEEE 77(2), 1989; for names, after Bikel et al., "Nymble: a
/// high-performance learning name-finder", ANLP 1997, which also emits a word-feature with each
/// word). With add-one smoothing:
///
///     P(t_1 = t)          = (start(t) + 1) / (sentences + T)
///     P(t_i = t | t')     = (c(t', t) + 1) / (c(t') + T)          (c(t'): transitions out of t')
///     P(w | t)            = (c(t, w) + 1) / (c(t) + V + 1)        (w lowercased; V train words; unseen w counts 0)
///     P(cap | t)          = (c(t, cap) + 1) / (c(t) + 2)          (cap: is the token capitalized?)
///
/// and a token emits its lowercased word and its capitalization independently given the tag,
/// P(w, cap | t) = P(w | t) P(cap | t): an unseen capitalized word still looks like a name.
/// T = 2 types + 1 tags. Decoding excludes what BIO forbids (I-t at the start, I-t after
/// anything but B-t or I-t). Ties go to the tag with the lower index (O, then types in byte
/// order), so predictions are deterministic. Tokens and train spans are those of
/// ner_reference_solvers.hpp.

#include <cmath>          // std::log
#include <cstddef>        // std::size_t
#include <limits>         // std::numeric_limits
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <vector>         // std::vector

#include "synthbench/experiment/solvers/ner_token_spans.hpp"  // TokenSpanNerSolver, detail::ner_solvers
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// The HMM tagger of the file comment.
class HmmNerSolver : public TokenSpanNerSolver {
 public:
  /// Trains on `train`. Throws UsageError 55 (no entity) or 56 (a span outside its text).
  explicit HmmNerSolver(const std::vector<NerItem>& train) : index_(train) {
    namespace ns = detail::ner_solvers;
    types_ = index_.names;
    tags_ = 2 * index_.names.size() + 1;
    std::vector<double> start(tags_, 0.0);
    std::vector<double> transitions(tags_ * tags_, 0.0);  // from * tags + to
    std::vector<double> out(tags_, 0.0);
    std::vector<double> emitted(tags_, 0.0);
    std::vector<double> capitalized(tags_, 0.0);
    std::unordered_map<std::string, std::vector<double>> words;  // word -> count per tag
    double sentences = 0.0;
    for (const auto& s : ns::train_sentences(train, index_)) {
      if (s.tokens.empty()) continue;
      std::vector<std::size_t> tag(s.tokens.size(), 0);
      for (const auto& e : s.entities) {
        tag[e.first] = 1 + 2 * e.type;
        for (std::size_t i = e.first + 1; i < e.last; ++i) tag[i] = 2 + 2 * e.type;
      }
      sentences += 1.0;
      start[tag[0]] += 1.0;
      for (std::size_t i = 0; i < s.tokens.size(); ++i) {
        if (i > 0) {
          transitions[tag[i - 1] * tags_ + tag[i]] += 1.0;
          out[tag[i - 1]] += 1.0;
        }
        auto& c = words[ns::lower(s.tokens[i].text)];
        c.resize(tags_, 0.0);
        c[tag[i]] += 1.0;
        emitted[tag[i]] += 1.0;
        if (ns::is_capitalized(s.tokens[i].text)) capitalized[tag[i]] += 1.0;
      }
    }
    const double t = static_cast<double>(tags_);
    const double v = static_cast<double>(words.size());
    log_start_.resize(tags_);
    log_transition_to_.resize(tags_ * tags_);
    log_unseen_.resize(tags_);
    log_capitalized_.resize(tags_);
    log_lowercase_.resize(tags_);
    for (std::size_t a = 0; a < tags_; ++a) {
      log_start_[a] = std::log((start[a] + 1.0) / (sentences + t));
      for (std::size_t b = 0; b < tags_; ++b) {
        log_transition_to_[b * tags_ + a] = std::log((transitions[a * tags_ + b] + 1.0) / (out[a] + t));
      }
      log_unseen_[a] = std::log(1.0 / (emitted[a] + v + 1.0));
      log_capitalized_[a] = std::log((capitalized[a] + 1.0) / (emitted[a] + 2.0));
      log_lowercase_[a] = std::log((emitted[a] - capitalized[a] + 1.0) / (emitted[a] + 2.0));
    }
    for (const auto& [word, c] : words) {
      auto& l = log_emission_[word];
      l.resize(tags_);
      for (std::size_t a = 0; a < tags_; ++a) l[a] = std::log((c[a] + 1.0) / (emitted[a] + v + 1.0));
    }
  }

  /// "hmm".
  std::string name() const override { return "hmm"; }

 protected:
  std::vector<detail::ner_solvers::TokenSpan> spans(const std::vector<NerToken>& tokens) const override {
    namespace ns = detail::ner_solvers;
    std::vector<ns::TokenSpan> result;
    if (tokens.empty()) return result;
    const double impossible = -std::numeric_limits<double>::infinity();
    const std::size_t n = tokens.size();
    std::vector<double> score(n * tags_, impossible);
    std::vector<std::size_t> back(n * tags_, 0);
    std::vector<double> emission(tags_);
    std::string word;
    for (std::size_t i = 0; i < n; ++i) {
      word = metrics::detail::ascii_lowercase(tokens[i].text);
      const auto it = log_emission_.find(word);
      const bool cap = ns::is_capitalized(tokens[i].text);
      for (std::size_t b = 0; b < tags_; ++b) {
        emission[b] = (it == log_emission_.end() ? log_unseen_[b] : it->second[b]) +
                      (cap ? log_capitalized_[b] : log_lowercase_[b]);
      }
      double* current = score.data() + i * tags_;
      if (i == 0) {
        for (std::size_t b = 0; b < tags_; ++b) {
          if (!is_inside(b)) current[b] = log_start_[b] + emission[b];
        }
        continue;
      }
      const double* previous = current - tags_;
      for (std::size_t b = 0; b < tags_; ++b) {
        // An I- tag has two allowed predecessors (its B- and itself); any other tag, all. An
        // impossible predecessor (-inf) never wins: -inf + x is -inf.
        const std::size_t first = is_inside(b) ? b - 1 : 0;
        const std::size_t last = is_inside(b) ? b + 1 : tags_;
        const double* into = log_transition_to_.data() + b * tags_;
        double best = impossible;
        std::size_t from = 0;
        for (std::size_t a = first; a < last; ++a) {
          const double candidate = previous[a] + into[a];
          if (candidate > best) {
            best = candidate;
            from = a;
          }
        }
        if (best == impossible) continue;
        current[b] = best + emission[b];
        back[i * tags_ + b] = from;
      }
    }
    std::size_t tag = 0;
    for (std::size_t b = 1; b < tags_; ++b) {
      if (score[(n - 1) * tags_ + b] > score[(n - 1) * tags_ + tag]) tag = b;
    }
    std::vector<std::size_t> path(n);
    for (std::size_t i = n; i-- > 0;) {
      path[i] = tag;
      tag = back[i * tags_ + tag];
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (path[i] == 0) continue;
      const std::size_t type = (path[i] - 1) / 2;
      if (is_inside(path[i]) && !result.empty() && result.back().last == i && result.back().type == type) {
        result.back().last = i + 1;
      } else {
        result.push_back({i, i + 1, type});
      }
    }
    return result;
  }

 private:
  // I- tags are the even ones after O (0): B-t is 1 + 2t, I-t is 2 + 2t. BIO allows I-t only
  // after B-t (tag - 1) or I-t (tag).
  static bool is_inside(std::size_t tag) noexcept { return tag > 0 && tag % 2 == 0; }

  detail::ner_solvers::TypeIndex index_;
  std::size_t tags_ = 1;
  std::vector<double> log_start_;
  std::vector<double> log_transition_to_;  // to * tags + from (the predecessors of a tag side by side)
  std::vector<double> log_unseen_;      // log P(unseen word | tag)
  std::vector<double> log_capitalized_;
  std::vector<double> log_lowercase_;
  std::unordered_map<std::string, std::vector<double>> log_emission_;  // word -> log P(word | tag)
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_NER_HMM_TAGGER_HPP
