#ifndef SYNTHBENCH_LLM_PROMPT_TEMPLATE_HPP
#define SYNTHBENCH_LLM_PROMPT_TEMPLATE_HPP

/// @file
/// Prompt templates: text files (users edit them without recompiling) with named
/// placeholders.
///
///     {{name}}        replaced by the value of `name` (letters, digits, '_'; spaces inside
///                     the braces are allowed: {{ name }})
///     {{! comment }}  removed; when it fills its whole line, the line goes too
///
/// Anything else between "{{" and "}}" is an error naming the file, line and column; a
/// single "{" or "}" (JSON examples) is ordinary text. Rendering needs a value for every
/// placeholder and refuses values the template does not use (a misspelt name would
/// otherwise be silently ignored). The rendered prompt is part of the cassette key, so an
/// edited template shows as a cassette miss rather than a stale replay.

#include <cstddef>     // std::size_t
#include <filesystem>  // std::filesystem::path
#include <map>         // std::map
#include <set>         // std::set
#include <string>      // std::string
#include <utility>     // std::move
#include <vector>      // std::vector

#include "synthbench/detail/files.hpp"
#include "synthbench/detail/json_input.hpp"
#include "synthbench/error.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

/// A parsed prompt template.
class PromptTemplate {
 public:
  /// Parses `text`; `source` names it in errors. Throws InputError synthbench.input.601
  /// (malformed placeholder) with the line and column.
  static PromptTemplate parse(const std::string& text, std::string source = "<string>") {
    PromptTemplate t;
    t.source_ = std::move(source);
    std::string literal;
    std::size_t i = 0;
    while (i < text.size()) {
      if (text.compare(i, 2, "{{") != 0) {
        literal += text[i++];
        continue;
      }
      const std::size_t close = text.find("}}", i + 2);
      const std::string where = synthbench::detail::line_and_column(text, i + 1);
      if (close == std::string::npos) throw InputError(601, t.source_, where, "\"{{\" without a closing \"}}\"");
      std::string inside = text.substr(i + 2, close - i - 2);
      if (!inside.empty() && inside[0] == '!') {  // a comment; drop its line when alone on it
        std::size_t after = close + 2;
        const bool line_start = literal.empty() || literal.back() == '\n';
        if (line_start && after < text.size() && text[after] == '\n') ++after;
        i = after;
        continue;
      }
      const std::size_t first = inside.find_first_not_of(' ');
      const std::size_t last = inside.find_last_not_of(' ');
      const std::string name = first == std::string::npos ? std::string() : inside.substr(first, last - first + 1);
      bool valid = !name.empty();
      for (const char c : name) {
        valid = valid && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
      }
      if (!valid) {
        throw InputError(601, t.source_, where,
                         "\"{{" + inside + "}}\" is not a placeholder (a name of letters, digits and '_') "
                         "or a comment ({{! ...}})");
      }
      t.parts_.push_back({std::move(literal), name});
      literal.clear();
      if (t.seen_.insert(name).second) t.placeholders_.push_back(name);
      i = close + 2;
    }
    t.tail_ = std::move(literal);
    return t;
  }

  /// Reads and parses a template file. Throws IoError or InputError naming the file.
  static PromptTemplate load(const std::filesystem::path& path) {
    return parse(synthbench::detail::read_file(path), path.string());
  }

  /// The placeholder names in order of first use.
  const std::vector<std::string>& placeholders() const noexcept { return placeholders_; }
  /// Where the template came from.
  const std::string& source() const noexcept { return source_; }

  /// The template with every placeholder replaced. Throws UsageError synthbench.usage.60
  /// naming a placeholder without a value, and synthbench.usage.61 naming values the
  /// template does not use.
  std::string render(const std::map<std::string, std::string>& values) const {
    std::string missing;
    for (const auto& name : placeholders_) {
      if (values.count(name) == 0) missing += (missing.empty() ? "" : ", ") + name;
    }
    if (!missing.empty()) throw UsageError(60, source_ + ": no value for placeholder(s) " + missing);
    std::string unused;
    for (const auto& [name, value] : values) {
      if (seen_.count(name) == 0) unused += (unused.empty() ? "" : ", ") + name;
    }
    if (!unused.empty()) {
      throw UsageError(61, source_ + ": the template has no placeholder(s) " + unused + " (it has: " + join(placeholders_) + ")");
    }
    std::string out;
    for (const auto& part : parts_) out += part.literal + values.at(part.placeholder);
    return out + tail_;
  }

 private:
  struct Part {
    std::string literal;      // text before the placeholder
    std::string placeholder;  // its name
  };

  static std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "none" : out;
  }

  std::string source_;
  std::vector<Part> parts_;
  std::string tail_;
  std::vector<std::string> placeholders_;
  std::set<std::string> seen_;
};

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_PROMPT_TEMPLATE_HPP
