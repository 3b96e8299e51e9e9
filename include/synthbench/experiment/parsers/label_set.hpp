#ifndef SYNTHBENCH_EXPERIMENT_PARSERS_LABEL_SET_HPP
#define SYNTHBENCH_EXPERIMENT_PARSERS_LABEL_SET_HPP

/// @file
/// A set of names (intents, entity types) that answers name loosely, matched by a key.
///
/// **The key** of a name: letters and digits only, ASCII letters lowercased and other
/// letters simply case-folded (detail/case_fold.hpp); spaces, punctuation, '_', '#', '-',
/// backticks, quotes, Markdown emphasis and Unicode general punctuation (U+2000-U+206F,
/// U+00A0-U+00BF; detail/word_chars.hpp) are dropped. So "add to playlist",
/// "AddToPlaylist.", "`AddToPlaylist`" and "**add_to_playlist**" all name AddToPlaylist, and
/// "atis_flight#atis_airfare" is matched as written. Two names of one set with the same key
/// are a usage error.

#include <algorithm>      // std::max
#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint32_t
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::move
#include <vector>         // std::vector

#include "synthbench/detail/case_fold.hpp"   // detail::simple_fold
#include "synthbench/detail/utf8.hpp"        // detail::utf8_chars, append_utf8
#include "synthbench/detail/word_chars.hpp"  // detail::is_separator
#include "synthbench/error.hpp"              // UsageError
#include "synthbench/version.hpp"            // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN

namespace detail {

/// True for an ASCII letter, digit or '_' (the neighbours that make a '#' a joiner).
inline bool ascii_word_byte(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// True when the '#' at `i` joins two names ("atis_flight#atis_airfare", also with spaces
/// around it), not a Markdown heading or a number sign.
inline bool is_joining_hash(const std::string& text, std::size_t i) {
  std::size_t b = i;
  while (b > 0 && text[b - 1] == ' ') --b;
  std::size_t a = i + 1;
  while (a < text.size() && text[a] == ' ') ++a;
  return b > 0 && ascii_word_byte(text[b - 1]) && a < text.size() && ascii_word_byte(text[a]) &&
         !(text[a] >= '0' && text[a] <= '9');
}

/// The tokens of `text` for name matching: maximal runs of letters and digits, folded
/// (see the file comment); a '#' that joins two names is a token of its own, so that the
/// multi-intent label "atis_flight#atis_airfare" is not the two labels "atis_flight,
/// atis_airfare".
inline std::vector<std::string> name_tokens(const std::string& text) {
  std::vector<std::string> tokens;
  std::string current;
  const auto flush = [&]() {
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
  };
  for (const auto& ch : utf8_chars(text)) {
    if (!ch.valid) {
      current.append(text, ch.byte, ch.length);
      continue;
    }
    const std::uint32_t c = ch.code;
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        current += static_cast<char>(c);
      } else if (c >= 'A' && c <= 'Z') {
        current += static_cast<char>(c + 32);
      } else if (c == '#' && is_joining_hash(text, ch.byte)) {
        flush();
        tokens.emplace_back("#");
      } else {
        flush();
      }
    } else if (is_separator(c)) {
      flush();
    } else {
      append_utf8(current, simple_fold(c));
    }
  }
  flush();
  return tokens;
}

}  // namespace detail

/// A set of names matched by key (intents, entity types; see the file comment).
class LabelSet {
 public:
  /// An empty set (matches nothing; NER parsers then keep types as written).
  LabelSet() = default;

  /// The set of `labels`. Throws UsageError synthbench.usage.71 for a name without letters
  /// or digits, or two names with the same key (they could not be told apart in an answer).
  /// Repeated identical names are kept once.
  explicit LabelSet(const std::vector<std::string>& labels) {
    for (const auto& label : labels) {
      const std::string k = key(label);
      if (k.empty()) throw UsageError(71, "the name \"" + label + "\" has no letter or digit, so no answer can name it");
      const auto it = index_.find(k);
      if (it != index_.end()) {
        if (labels_[it->second] == label) continue;
        throw UsageError(71, "the names \"" + labels_[it->second] + "\" and \"" + label +
                                 "\" differ only in case, spaces or punctuation, so an answer cannot tell them apart");
      }
      index_.emplace(k, labels_.size());
      labels_.push_back(label);
      max_key_ = std::max(max_key_, k.size());
    }
  }

  /// The key of `text`: its name tokens concatenated ("Add to playlist." -> "addtoplaylist").
  static std::string key(const std::string& text) {
    std::string k;
    for (const auto& t : detail::name_tokens(text)) k += t;
    return k;
  }

  /// The names, in the order given.
  const std::vector<std::string>& labels() const noexcept { return labels_; }
  /// True when the set has no name.
  bool empty() const noexcept { return labels_.empty(); }
  /// The number of names.
  std::size_t size() const noexcept { return labels_.size(); }

  /// The name whose key is the key of `text` (all of it), or nullptr.
  const std::string* find(const std::string& text) const { return find_key(key(text)); }

  /// The name with key `k`, or nullptr.
  const std::string* find_key(const std::string& k) const {
    const auto it = index_.find(k);
    return it == index_.end() ? nullptr : &labels_[it->second];
  }

  /// A name written inside running text: tokens [first, last] of the text spell it.
  struct Mention {
    std::size_t first = 0;     ///< first token
    std::size_t last = 0;      ///< last token
    const std::string* label = nullptr;  ///< the name
  };

  /// The names spelt by runs of consecutive `tokens` (detail::name_tokens), keeping only
  /// runs not contained in a longer one ("atis_flight#atis_airfare" is one mention, not
  /// three), in text order.
  std::vector<Mention> mentions(const std::vector<std::string>& tokens) const {
    std::vector<Mention> runs;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      std::string concat;
      for (std::size_t j = i; j < tokens.size(); ++j) {
        concat += tokens[j];
        if (concat.size() > max_key_) break;
        if (const std::string* label = find_key(concat)) runs.push_back({i, j, label});
      }
    }
    std::vector<Mention> kept;
    for (const auto& r : runs) {
      bool contained = false;
      for (const auto& o : runs) {
        const bool longer = (o.last - o.first) > (r.last - r.first);
        if (longer && o.first <= r.first && r.last <= o.last) {
          contained = true;
          break;
        }
      }
      if (!contained) kept.push_back(r);
    }
    return kept;
  }

 private:
  std::vector<std::string> labels_;
  std::unordered_map<std::string, std::size_t> index_;
  std::size_t max_key_ = 0;
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_PARSERS_LABEL_SET_HPP
