#ifndef SYNTHBENCH_REPORT_MARKDOWN_ESCAPE_HPP
#define SYNTHBENCH_REPORT_MARKDOWN_ESCAPE_HPP

/// @file
/// Text made safe for the Markdown of report.md: the characters Markdown would read as
/// markup in a table cell (`|`, `*`, `_`, backquote, `<`, `>`) get a backslash, and a line
/// break becomes a space (a cell is one line).

#include <string>  // std::string

#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {
namespace detail {

/// `text` escaped for report.md (see the file comment).
inline std::string md_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|' || c == '*' || c == '_' || c == '`' || c == '<' || c == '>') out += '\\';
    if (c == '\n') {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace detail
}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_MARKDOWN_ESCAPE_HPP
