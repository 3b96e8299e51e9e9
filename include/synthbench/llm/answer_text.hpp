#ifndef SYNTHBENCH_LLM_ANSWER_TEXT_HPP
#define SYNTHBENCH_LLM_ANSWER_TEXT_HPP

/// @file
/// The wrapping around what an LLM answers: a leading reasoning block (`<think>...</think>`,
/// which DeepSeek-R1, Qwen3 and QwQ write before the answer) and Markdown code fences, found
/// so that the answer parsers read what is inside (llm/json_extraction.hpp,
/// experiment/output_parsers.hpp).

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <utility>  // std::move
#include <vector>   // std::vector

#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

/// An answer split into a leading reasoning block and the rest.
struct ReasoningSplit {
  std::string reasoning;   ///< the content of the leading <think> block ("" when none)
  std::string answer;      ///< what follows the block (the whole answer when there is none)
  std::size_t offset = 0;  ///< byte offset of `answer` in the original text
  bool unfinished = false; ///< a <think> block that never closes: the answer is empty
};

/// Splits off a leading `<think>...</think>` block (DeepSeek-R1, Qwen3 and QwQ write their
/// reasoning there), after optional whitespace. Without one, the answer is the whole text.
inline ReasoningSplit split_reasoning(const std::string& text) {
  ReasoningSplit out;
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  static const std::string open = "<think>";
  static const std::string close = "</think>";
  if (text.compare(i, open.size(), open) != 0) {
    out.answer = text;
    return out;
  }
  const std::size_t end = text.find(close, i + open.size());
  if (end == std::string::npos) {
    out.reasoning = text.substr(i + open.size());
    out.offset = text.size();
    out.unfinished = true;
    return out;
  }
  out.reasoning = text.substr(i + open.size(), end - i - open.size());
  out.offset = end + close.size();
  out.answer = text.substr(out.offset);
  return out;
}

/// A code fence of an answer: ```lang ... ```.
struct CodeFence {
  std::string language;       ///< the info word after the opening backticks ("json"; "" when none)
  std::size_t begin = 0;      ///< offset of the opening backticks
  std::size_t content_begin = 0;  ///< offset of the content
  std::size_t content_end = 0;    ///< one past the content (the closing backticks, or the end)
  std::size_t end = 0;        ///< one past the closing backticks (the end of the text when unclosed)
  bool closed = true;         ///< false when the text ends inside the fence
};

/// The code fences of `text`, in order. A fence opens with three or more backticks and an
/// optional info word (letters, digits, `_+.-`), followed by a line break, a space or the
/// content itself; it closes at the next three backticks, or at the end of the text.
inline std::vector<CodeFence> find_code_fences(const std::string& text) {
  std::vector<CodeFence> fences;
  std::size_t i = 0;
  while (true) {
    const std::size_t open = text.find("```", i);
    if (open == std::string::npos) break;
    CodeFence f;
    f.begin = open;
    std::size_t j = open;
    while (j < text.size() && text[j] == '`') ++j;
    const std::size_t info = j;
    while (j < text.size()) {
      const char c = text[j];
      const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                        c == '+' || c == '.' || c == '-';
      if (!word) break;
      ++j;
    }
    f.language = text.substr(info, j - info);
    if (j < text.size() && text[j] == '\r') ++j;
    if (j < text.size() && text[j] == '\n') ++j;
    f.content_begin = j;
    const std::size_t close = text.find("```", j);
    if (close == std::string::npos) {
      f.content_end = text.size();
      f.end = text.size();
      f.closed = false;
      fences.push_back(std::move(f));
      break;
    }
    f.content_end = close;
    std::size_t after = close;
    while (after < text.size() && text[after] == '`') ++after;
    f.end = after;
    fences.push_back(std::move(f));
    i = after;
  }
  return fences;
}

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_ANSWER_TEXT_HPP
