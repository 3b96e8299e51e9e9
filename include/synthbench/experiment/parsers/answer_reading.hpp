#ifndef SYNTHBENCH_EXPERIMENT_PARSERS_ANSWER_READING_HPP
#define SYNTHBENCH_EXPERIMENT_PARSERS_ANSWER_READING_HPP

/// @file
/// What the answer parsers of this folder read answers with: ASCII trimming, an answer
/// quoted for a failure detail, code-fence markers blanked out, and the members of a JSON
/// object found under any of a concept's names ("intent" or "label").

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <vector>   // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/utf8.hpp"      // detail::utf8_chars
#include "synthbench/llm/answer_text.hpp"  // llm::find_code_fences
#include "synthbench/version.hpp"          // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN

namespace detail {

/// `text` shortened to `n` bytes (at a character boundary) with line breaks shown as "\n",
/// in double quotes, for failure details.
inline std::string quote_answer(const std::string& text, std::size_t n = 80) {
  std::string shown;
  for (const auto& ch : utf8_chars(text)) {
    if (shown.size() >= n) {
      shown += "...";
      break;
    }
    if (ch.length == 1 && text[ch.byte] == '\n') {
      shown += "\\n";
    } else if (ch.length == 1 && static_cast<unsigned char>(text[ch.byte]) < 0x20) {
      shown += ' ';
    } else {
      shown.append(text, ch.byte, ch.length);
    }
  }
  return "\"" + shown + "\"";
}

/// `text` with code-fence markers (``` and the language word after an opening one)
/// replaced by spaces, so that "```json\nX\n```" reads as "X".
inline std::string without_fence_markers(const std::string& text) {
  std::string out = text;
  for (const auto& f : llm::find_code_fences(text)) {
    for (std::size_t k = f.begin; k < f.content_begin; ++k) {
      if (out[k] != '\n') out[k] = ' ';
    }
    for (std::size_t k = f.content_end; k < f.end; ++k) out[k] = ' ';
  }
  return out;
}

/// The value of the first member of `object` whose key, compared without case, is one of
/// `keys`; all matching members are returned (an object may repeat a concept under two
/// spellings: "intent" and "label").
inline std::vector<const nlohmann::json*> members_named(const nlohmann::json& object, const std::vector<const char*>& keys) {
  std::vector<const nlohmann::json*> out;
  if (!object.is_object()) return out;
  for (auto it = object.begin(); it != object.end(); ++it) {
    std::string k = it.key();
    for (auto& c : k) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    for (const char* name : keys) {
      if (k == name) {
        out.push_back(&it.value());
        break;
      }
    }
  }
  return out;
}

/// Trims ASCII whitespace.
inline std::string trim(const std::string& s) {
  const std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const std::size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace detail

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_PARSERS_ANSWER_READING_HPP
