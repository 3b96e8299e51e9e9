#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_NER_CASELESS_GAZETTEER_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_NER_CASELESS_GAZETTEER_HPP

/// @file
/// `gazetteer-caseless`: the train-set gazetteer of ner_reference_solvers.hpp (every entity
/// name of the train split, longest match first, left to right, the type it has most often)
/// matched without regard to ASCII case, plus one rule: a match must hold at least one token
/// that is capitalized in the sentence, or that some train name holds written in lowercase
/// (so "labour" in "labour market" is not the Labour Party, but "LABOUR PARTY" and "the
/// Labour party" are, and the genre "novel" stays a name). A dictionary-plus-rules tagger: it
/// finds names an LLM wrote with other capitalization than the train split, which the
/// case-sensitive gazetteer misses.

#include <cstddef>        // std::size_t
#include <memory>         // std::unique_ptr, std::make_unique
#include <string>         // std::string
#include <unordered_set>  // std::unordered_set
#include <vector>         // std::vector

#include "synthbench/experiment/solvers/ner_token_spans.hpp"  // TokenSpanNerSolver, detail::ner_solvers
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// The caseless gazetteer of the file comment.
class CaselessGazetteerNerSolver : public TokenSpanNerSolver {
 public:
  /// Trains on `train`. Throws UsageError 55 (no entity) or 56 (a span outside its text).
  explicit CaselessGazetteerNerSolver(const std::vector<NerItem>& train) : index_(train) {
    namespace ns = detail::ner_solvers;
    types_ = index_.names;
    auto sentences = ns::train_sentences(train, index_);
    for (auto& s : sentences) {
      for (const auto& e : s.entities) {
        for (std::size_t i = e.first; i < e.last; ++i) {
          if (ns::lower(s.tokens[i].text) == s.tokens[i].text) lowercase_in_names_.insert(s.tokens[i].text);
        }
      }
      for (auto& token : s.tokens) token.text = ns::lower(token.text);
    }
    gazetteer_ = std::make_unique<ns::Gazetteer>(sentences);
  }

  /// "gazetteer-caseless".
  std::string name() const override { return "gazetteer-caseless"; }

 protected:
  std::vector<detail::ner_solvers::TokenSpan> spans(const std::vector<NerToken>& tokens) const override {
    namespace ns = detail::ner_solvers;
    std::vector<NerToken> lowered = tokens;
    for (auto& token : lowered) token.text = ns::lower(token.text);
    std::vector<ns::TokenSpan> out;
    for (const auto& m : gazetteer_->match(lowered)) {
      bool name_like = false;
      for (std::size_t i = m.first; i < m.last && !name_like; ++i) {
        name_like = ns::is_capitalized(tokens[i].text) || lowercase_in_names_.count(tokens[i].text) != 0;
      }
      if (name_like) out.push_back(m);
    }
    return out;
  }

 private:
  detail::ner_solvers::TypeIndex index_;
  std::unique_ptr<detail::ner_solvers::Gazetteer> gazetteer_;
  std::unordered_set<std::string> lowercase_in_names_;  // lowercase tokens written so inside train names
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_NER_CASELESS_GAZETTEER_HPP
