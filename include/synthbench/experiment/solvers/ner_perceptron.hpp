#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_NER_PERCEPTRON_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_NER_PERCEPTRON_HPP

/// @file
/// averaged-perceptron, the strongest NER reference solver: a BIO tagger trained by the
/// averaged structured perceptron (Collins, EMNLP 2002) and decoded by Viterbi.

#include <array>          // std::array
#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint32_t, std::uint64_t
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::pair, std::move, std::swap
#include <vector>         // std::vector

#include "synthbench/experiment/solvers/ner_token_spans.hpp"  // detail::ner_solvers, ner_tokenize
#include "synthbench/detail/utf8.hpp"         // detail::Utf8Index, utf8_code_point_at
#include "synthbench/error.hpp"               // UsageError
#include "synthbench/experiment/items.hpp"    // NerItem, NerPrediction
#include "synthbench/experiment/solver.hpp"   // NerSolver
#include "synthbench/stats/random.hpp"        // stats::Xoshiro256StarStar
#include "synthbench/version.hpp"             // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

/// Options of the averaged perceptron tagger.
struct PerceptronOptions {
  std::size_t epochs = 10;      ///< passes over the train split
  std::uint64_t seed = 2002;    ///< the seed of the per-epoch shuffling of the train sentences
};

/// A BIO tagger trained by the averaged structured perceptron of Collins ("Discriminative
/// training methods for hidden Markov models: theory and experiments with perceptron
/// algorithms", EMNLP 2002): first-order tag transitions plus, for each token, features of the
/// word (itself, lowercased, shape, 1-3 character prefixes and suffixes, position, where it is
/// in a capitalized span) and of its neighbours (two on each side, lowercased, and the shapes of
/// the adjacent ones). Decoding is
/// Viterbi over the BIO tags with the transitions BIO forbids (I-t after anything but B-t or
/// I-t) excluded. Training: `epochs` passes in an order reshuffled every epoch (Fisher-Yates
/// with stats::Xoshiro256StarStar), a mistake adds the gold sentence's features and subtracts the
/// predicted one's; the final weights are the average over every step, computed with the
/// bookkeeping of Daumé III ("A Course in Machine Learning", 2017, Algorithm 7). Weights
/// change by integers, so training is exact and the same on every platform.
class PerceptronNerSolver : public NerSolver {
 public:
  /// Trains on `train`. Throws UsageError 55 (no entity) or 56 (a span outside its text).
  explicit PerceptronNerSolver(const std::vector<NerItem>& train, PerceptronOptions options = {}) : index_(train) {
    tags_ = 1 + 2 * index_.names.size();
    const auto sentences = detail::ner_solvers::train_sentences(train, index_);
    std::vector<Encoded> data;
    data.reserve(sentences.size());
    for (const auto& s : sentences) {
      Encoded e;
      e.features = encode(s.tokens, true);
      e.tags.assign(s.tokens.size(), 0);
      for (const auto& span : s.entities) {
        e.tags[span.first] = begin_tag(span.type);
        for (std::size_t i = span.first + 1; i < span.last; ++i) e.tags[i] = inside_tag(span.type);
      }
      data.push_back(std::move(e));
    }
    const std::size_t f = feature_ids_.size();
    std::vector<double> w(f * tags_, 0.0), u(f * tags_, 0.0);              // emission weights, c-weighted sums
    std::vector<double> tw((tags_ + 1) * tags_, 0.0), tu((tags_ + 1) * tags_, 0.0);  // transitions (row tags_: start)
    std::vector<std::size_t> order(data.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    stats::Xoshiro256StarStar rng(options.seed);
    double c = 1.0;
    for (std::size_t epoch = 0; epoch < options.epochs; ++epoch) {
      for (std::size_t i = order.size(); i > 1; --i) {  // Fisher-Yates shuffle
        std::swap(order[i - 1], order[static_cast<std::size_t>(rng.bounded(i))]);
      }
      for (const std::size_t s : order) {
        const Encoded& e = data[s];
        const std::vector<std::size_t> predicted = viterbi(e.features, w, tw);
        if (predicted != e.tags) {
          update(e, e.tags, +1.0, c, w, u, tw, tu);
          update(e, predicted, -1.0, c, w, u, tw, tu);
        }
        c += 1.0;
      }
    }
    weights_.resize(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) weights_[i] = w[i] - u[i] / c;
    transitions_.resize(tw.size());
    for (std::size_t i = 0; i < tw.size(); ++i) transitions_[i] = tw[i] - tu[i] / c;
  }

  /// "averaged-perceptron".
  std::string name() const override { return "averaged-perceptron"; }

  /// The entities of each text: Viterbi-decoded BIO tags turned into spans.
  std::vector<NerPrediction> predict(const std::vector<std::string>& texts) override {
    std::vector<NerPrediction> out;
    out.reserve(texts.size());
    for (const auto& text : texts) {
      const auto tokens = ner_tokenize(text);
      const auto tags = viterbi(encode(tokens, false), weights_, transitions_);
      std::vector<detail::ner_solvers::TokenSpan> spans;
      for (std::size_t i = 0; i < tags.size(); ++i) {
        if (tags[i] == 0) continue;
        const std::size_t type = (tags[i] - 1) / 2;
        if (tags[i] == inside_tag(type) && !spans.empty() && spans.back().last == i && spans.back().type == type) {
          spans.back().last = i + 1;
        } else {
          spans.push_back({i, i + 1, type});  // Viterbi never starts with I-t; this is only a guard
        }
      }
      out.push_back({detail::ner_solvers::to_entities(text, tokens, spans, index_.names), {}});
    }
    return out;
  }

  /// The number of distinct features seen in training.
  std::size_t feature_count() const noexcept { return feature_ids_.size(); }

 private:
  struct Encoded {
    std::vector<std::vector<std::uint32_t>> features;  // per token: known feature ids
    std::vector<std::size_t> tags;
  };

  std::size_t begin_tag(std::size_t type) const noexcept { return 1 + 2 * type; }
  std::size_t inside_tag(std::size_t type) const noexcept { return 2 + 2 * type; }

  // May tag `to` follow tag `from` (from == tags_: the sentence start)?
  bool allowed(std::size_t from, std::size_t to) const noexcept {
    if (to == 0 || to % 2 == 1) return true;  // O and B-t may follow anything
    return from != tags_ && from != 0 && (from - 1) / 2 == (to - 1) / 2;
  }

  // The word shape: X for upper-case letters, x for lower-case, d for digits, the character
  // otherwise; runs of one class collapsed ("McDonald's" -> "XxXx'x").
  static std::string shape(const std::string& word) {
    std::string out;
    for (std::size_t b = 0; b < word.size();) {
      const std::uint32_t cp = detail::ner_solvers::code_point_at(word, b);
      std::size_t n = 1;
      while (b + n < word.size() && detail::is_utf8_continuation(word[b + n])) ++n;
      std::string cls;
      if (detail::ner_solvers::is_upper(cp)) {
        cls = "X";
      } else if (detail::ner_solvers::is_lower(cp) || cp >= 0x80u) {
        cls = "x";
      } else if (cp >= '0' && cp <= '9') {
        cls = "d";
      } else {
        cls = word.substr(b, n);
      }
      if (out.size() < cls.size() || out.compare(out.size() - cls.size(), cls.size(), cls) != 0) out += cls;
      b += n;
    }
    return out;
  }

  // The feature templates, in the order their ids are listed for a token (which is the order
  // their weights are added in, so it is part of the results): "bias"; the token's own
  // features (own_names); the lowercased words two to the left and right (word_names); the
  // shapes of the adjacent tokens and whether the token starts the sentence (shape_names);
  // the two word bigrams; the capitalized-span position (run_names).
  static constexpr std::size_t own_count = 9;
  static constexpr std::uint32_t unknown = 0xFFFFFFFFu;  // not a feature id

  // Features of the token `w` itself: the word, lowercased, its shape, 1-3 character
  // prefixes and suffixes of the lowercased word.
  static std::array<std::string, own_count> own_names(const std::string& w) {
    namespace ns = detail::ner_solvers;
    const std::string lw = ns::lower(w);
    return {"w=" + w,
            "lw=" + lw,
            "shape=" + shape(w),
            "p1=" + ns::affix(lw, 1, true),
            "p2=" + ns::affix(lw, 2, true),
            "p3=" + ns::affix(lw, 3, true),
            "s1=" + ns::affix(lw, 1, false),
            "s2=" + ns::affix(lw, 2, false),
            "s3=" + ns::affix(lw, 3, false)};
  }
  // Features a lowercased word `x` ("<s>", "</s>" past the ends) gives the token 1 after it,
  // 1 before it, 2 after it and 2 before it.
  static std::array<std::string, 4> word_names(const std::string& x) {
    return {"w-1=" + x, "w+1=" + x, "w-2=" + x, "w+2=" + x};
  }
  // Features a shape `x` gives the token after it and before it, and "first=0|x",
  // "first=1|x" of a token of that shape (not) at the start of the sentence.
  static std::array<std::string, 4> shape_names(const std::string& x) {
    return {"shape-1=" + x, "shape+1=" + x, "first=0|" + x, "first=1|" + x};
  }
  static std::string left_bigram(const std::string& previous, const std::string& w) { return "w-1,w=" + previous + "|" + w; }
  static std::string right_bigram(const std::string& w, const std::string& next) { return "w,w+1=" + w + "|" + next; }
  static std::string run_name(char r) { return std::string("run=") + r; }
  static std::string run_next_name(char r, char next) { return std::string("run=") + r + "|next=" + next; }

  // The id of feature `name`: added when `grow` (training), else `unknown` when unseen.
  std::uint32_t feature_id(const std::string& name, bool grow) {
    const auto it = feature_ids_.find(name);
    if (it != feature_ids_.end()) return it->second;
    if (!grow) return unknown;
    const auto id = static_cast<std::uint32_t>(feature_ids_.size());
    feature_ids_.emplace(name, id);
    return id;
  }

  // Cached ids of a group of names (prediction only: the features are fixed after training).
  template <std::size_t N, class Names>
  const std::array<std::uint32_t, N>& cached_ids(std::unordered_map<std::string, std::array<std::uint32_t, N>>& cache,
                                                 const std::string& key, Names names) {
    const auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    std::array<std::uint32_t, N> ids{};
    const auto strings = names(key);
    for (std::size_t k = 0; k < N; ++k) ids[k] = feature_id(strings[k], false);
    return cache.emplace(key, ids).first->second;
  }

  // Feature ids of each token; `grow` adds unseen features (training), else they are skipped.
  // Prediction looks the features of each word and shape up once per solver, not once per
  // token: the ids are the same, in the same order.
  std::vector<std::vector<std::uint32_t>> encode(const std::vector<NerToken>& tokens, bool grow) {
    const std::size_t n = tokens.size();
    std::vector<std::vector<std::uint32_t>> out(n);
    std::vector<std::string> lowered(n);
    std::vector<std::string> shapes(n);
    for (std::size_t i = 0; i < n; ++i) {
      lowered[i] = detail::ner_solvers::lower(tokens[i].text);
      shapes[i] = shape(tokens[i].text);
    }
    static const std::string before = "<s>";
    static const std::string after = "</s>";
    const auto word_at = [&](std::ptrdiff_t i) -> const std::string& {
      if (i < 0) return before;
      if (static_cast<std::size_t>(i) >= n) return after;
      return lowered[static_cast<std::size_t>(i)];
    };
    const auto shape_at = [&](std::ptrdiff_t i) -> const std::string& {
      if (i < 0) return before;
      if (static_cast<std::size_t>(i) >= n) return after;
      return shapes[static_cast<std::size_t>(i)];
    };
    std::vector<char> run(n, 'O');  // position in a capitalized span
    for (const auto& r : detail::ner_solvers::capitalized_spans(tokens)) {
      run[r.first] = 'B';
      for (std::size_t j = r.first + 1; j < r.last; ++j) run[j] = 'I';
    }
    // Prediction: the ids of the features of each word and shape (cached across calls), and
    // of those that take few values, looked up once per sentence.
    using Ids4 = std::array<std::uint32_t, 4>;
    std::vector<const Ids4*> word_ids(n);
    std::vector<const Ids4*> shape_ids(n);
    const Ids4* word_ids_past[2] = {nullptr, nullptr};   // "<s>", "</s>"
    const Ids4* shape_ids_past[2] = {nullptr, nullptr};
    std::uint32_t bias = unknown;
    std::array<std::uint32_t, 3> run_ids{};        // run=O, B, I
    std::array<std::uint32_t, 3 * 4> run_next_ids{};  // run=O|next=O ... run=I|next=E
    static constexpr char runs[] = {'O', 'B', 'I', 'E'};
    const auto run_index = [](char r) -> std::size_t { return r == 'O' ? 0 : (r == 'B' ? 1 : (r == 'I' ? 2 : 3)); };
    if (!grow) {
      const auto words = [](const std::string& x) { return word_names(x); };
      const auto shapes_of = [](const std::string& x) { return shape_names(x); };
      for (std::size_t i = 0; i < n; ++i) {
        word_ids[i] = &cached_ids<4>(word_cache_, lowered[i], words);
        shape_ids[i] = &cached_ids<4>(shape_cache_, shapes[i], shapes_of);
      }
      word_ids_past[0] = &cached_ids<4>(word_cache_, before, words);
      word_ids_past[1] = &cached_ids<4>(word_cache_, after, words);
      shape_ids_past[0] = &cached_ids<4>(shape_cache_, before, shapes_of);
      shape_ids_past[1] = &cached_ids<4>(shape_cache_, after, shapes_of);
      bias = feature_id("bias", false);
      for (std::size_t r = 0; r < 3; ++r) {
        run_ids[r] = feature_id(run_name(runs[r]), false);
        for (std::size_t next = 0; next < 4; ++next) run_next_ids[r * 4 + next] = feature_id(run_next_name(runs[r], runs[next]), false);
      }
    }
    const auto word_ids_at = [&](std::ptrdiff_t i) {
      if (i < 0) return word_ids_past[0];
      if (static_cast<std::size_t>(i) >= n) return word_ids_past[1];
      return word_ids[static_cast<std::size_t>(i)];
    };
    const auto shape_ids_at = [&](std::ptrdiff_t i) {
      if (i < 0) return shape_ids_past[0];
      if (static_cast<std::size_t>(i) >= n) return shape_ids_past[1];
      return shape_ids[static_cast<std::size_t>(i)];
    };
    std::array<std::uint32_t, 21> ids{};
    for (std::size_t i = 0; i < n; ++i) {
      const auto at = static_cast<std::ptrdiff_t>(i);
      const char next_run = i + 1 < n ? run[i + 1] : 'E';
      if (grow) {
        // Training: every name, in template order (which is also the order ids are given in).
        const auto own = own_names(tokens[i].text);
        const std::string names[] = {
            "bias",
            own[0], own[1], own[2], own[3], own[4], own[5], own[6], own[7], own[8],
            word_names(word_at(at - 1))[0],
            word_names(word_at(at + 1))[1],
            word_names(word_at(at - 2))[2],
            word_names(word_at(at + 2))[3],
            shape_names(shape_at(at - 1))[0],
            shape_names(shape_at(at + 1))[1],
            left_bigram(word_at(at - 1), lowered[i]),
            right_bigram(lowered[i], word_at(at + 1)),
            shape_names(shapes[i])[i == 0 ? 3 : 2],
            run_name(run[i]),
            run_next_name(run[i], next_run),
        };
        for (std::size_t k = 0; k < ids.size(); ++k) ids[k] = feature_id(names[k], true);
      } else {
        const auto& own = cached_ids<own_count>(own_cache_, tokens[i].text, [](const std::string& w) { return own_names(w); });
        ids[0] = bias;
        for (std::size_t k = 0; k < own_count; ++k) ids[1 + k] = own[k];
        ids[10] = (*word_ids_at(at - 1))[0];
        ids[11] = (*word_ids_at(at + 1))[1];
        ids[12] = (*word_ids_at(at - 2))[2];
        ids[13] = (*word_ids_at(at + 2))[3];
        ids[14] = (*shape_ids_at(at - 1))[0];
        ids[15] = (*shape_ids_at(at + 1))[1];
        ids[16] = feature_id(left_bigram(word_at(at - 1), lowered[i]), false);
        ids[17] = feature_id(right_bigram(lowered[i], word_at(at + 1)), false);
        ids[18] = (*shape_ids[i])[i == 0 ? 3 : 2];
        ids[19] = run_ids[run_index(run[i])];
        ids[20] = run_next_ids[run_index(run[i]) * 4 + run_index(next_run)];
      }
      out[i].reserve(ids.size());
      for (const auto id : ids) {
        if (id != unknown) out[i].push_back(id);
      }
    }
    return out;
  }

  // The best tag sequence under emission weights `w` and transition weights `t` (first-order
  // Viterbi; ties: the smaller tag).
  std::vector<std::size_t> viterbi(const std::vector<std::vector<std::uint32_t>>& features,
                                   const std::vector<double>& w, const std::vector<double>& t) const {
    const std::size_t n = features.size();
    std::vector<std::size_t> tags(n, 0);
    if (n == 0) return tags;
    const double forbidden = -1e300;
    const std::size_t tag_count = tags_;
    std::vector<double> score(n * tag_count, forbidden);
    std::vector<std::size_t> back(n * tag_count, 0);
    std::vector<double> emission(tag_count);
    // The transitions by target tag, contiguous over the previous tag: into[y * tags + p] is
    // t[p * tags + y].
    std::vector<double> into(tag_count * tag_count);
    for (std::size_t p = 0; p < tag_count; ++p) {
      for (std::size_t y = 0; y < tag_count; ++y) into[y * tag_count + p] = t[p * tag_count + y];
    }
    std::vector<const double*> rows;  // the weight rows of the token's features
    for (std::size_t i = 0; i < n; ++i) {
      // Each tag's emission: the weights of the token's features summed in their order, from
      // 0 (four tags at a time: the same additions, in the same order, for each tag).
      rows.clear();
      for (const auto f : features[i]) rows.push_back(w.data() + std::size_t{f} * tag_count);
      std::size_t y = 0;
      for (; y + 4 <= tag_count; y += 4) {
        double e0 = 0.0;
        double e1 = 0.0;
        double e2 = 0.0;
        double e3 = 0.0;
        for (const double* row : rows) {
          e0 += row[y];
          e1 += row[y + 1];
          e2 += row[y + 2];
          e3 += row[y + 3];
        }
        emission[y] = e0;
        emission[y + 1] = e1;
        emission[y + 2] = e2;
        emission[y + 3] = e3;
      }
      for (; y < tag_count; ++y) {
        double e = 0.0;
        for (const double* row : rows) e += row[y];
        emission[y] = e;
      }
      if (i == 0) {
        for (y = 0; y < tag_count; ++y) {
          if (allowed(tag_count, y)) score[y] = t[tag_count * tag_count + y] + emission[y];
        }
        continue;
      }
      const double* previous = score.data() + (i - 1) * tag_count;
      for (y = 0; y < tag_count; ++y) {
        // The allowed previous tags, in increasing order: any for O and B-t; B-t and I-t for
        // I-t (allowed()).
        const bool inside = y != 0 && y % 2 == 0;
        const std::size_t p_first = inside ? y - 1 : 0;
        const std::size_t p_last = inside ? y + 1 : tag_count;
        const double* to_y = into.data() + y * tag_count;
        double best = forbidden;
        std::size_t from = 0;
        for (std::size_t p = p_first; p < p_last; ++p) {
          if (previous[p] <= forbidden) continue;
          const double s = previous[p] + to_y[p];
          if (s > best) {
            best = s;
            from = p;
          }
        }
        if (best > forbidden) {
          score[i * tag_count + y] = best + emission[y];
          back[i * tag_count + y] = from;
        }
      }
    }
    std::size_t last = 0;
    for (std::size_t y = 1; y < tags_; ++y) {
      if (score[(n - 1) * tags_ + y] > score[(n - 1) * tags_ + last]) last = y;
    }
    for (std::size_t i = n; i-- > 0;) {
      tags[i] = last;
      last = back[i * tags_ + last];
    }
    return tags;
  }

  // Adds `sign` times the features of `tags` on sentence `e` to the weights (and sign * c to
  // the c-weighted sums that averaging subtracts).
  void update(const Encoded& e, const std::vector<std::size_t>& tags, double sign, double c, std::vector<double>& w,
              std::vector<double>& u, std::vector<double>& tw, std::vector<double>& tu) const {
    std::size_t previous = tags_;
    for (std::size_t i = 0; i < tags.size(); ++i) {
      for (const auto f : e.features[i]) {
        w[std::size_t{f} * tags_ + tags[i]] += sign;
        u[std::size_t{f} * tags_ + tags[i]] += sign * c;
      }
      tw[previous * tags_ + tags[i]] += sign;
      tu[previous * tags_ + tags[i]] += sign * c;
      previous = tags[i];
    }
  }

  detail::ner_solvers::TypeIndex index_;
  std::size_t tags_ = 1;
  std::unordered_map<std::string, std::uint32_t> feature_ids_;
  std::unordered_map<std::string, std::array<std::uint32_t, own_count>> own_cache_;  // token -> ids of own_names
  std::unordered_map<std::string, std::array<std::uint32_t, 4>> word_cache_;         // lowercased word -> ids of word_names
  std::unordered_map<std::string, std::array<std::uint32_t, 4>> shape_cache_;        // shape -> ids of shape_names
  std::vector<double> weights_;      // averaged emission weights, feature-major
  std::vector<double> transitions_;  // averaged transition weights, (tags + 1) x tags
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_NER_PERCEPTRON_HPP
