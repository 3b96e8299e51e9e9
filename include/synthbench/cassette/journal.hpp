#ifndef SYNTHBENCH_CASSETTE_JOURNAL_HPP
#define SYNTHBENCH_CASSETTE_JOURNAL_HPP

/// @file
/// The journal beside a cassette (`<cassette>.journal`): one interaction object per line, in
/// completion order (a line whose response has no "outcome" is read as format 1).
/// journal_line writes a line, parse_journal reads a journal; a malformed line throws
/// InputError naming the file and the line.

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <vector>   // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/cassette/canonical.hpp"     // canonical_text
#include "synthbench/cassette/format_read.hpp"   // interaction_from_json
#include "synthbench/cassette/format_write.hpp"  // to_json
#include "synthbench/cassette/interaction.hpp"   // Interaction, format_version
#include "synthbench/detail/json_input.hpp"      // detail::parse_json_strict, line_and_column, max_json_depth
#include "synthbench/error.hpp"                  // InputError
#include "synthbench/version.hpp"                // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// One journal line (compact interaction JSON and a newline).
inline std::string journal_line(const Interaction& i) { return canonical_text(to_json(i)) + "\n"; }

/// The interactions of a journal, in order. A line cut short by an interrupted write is
/// dropped and `torn_tail` set: the last line without its newline, and a line that ends
/// before its JSON value does or holds a NUL byte (earlier versions appended the next line
/// after such a fragment; a crash can leave zeros where the data did not reach the disk).
/// Any other bad line throws InputError 410 naming the file and "line N": invalid JSON, not
/// an interaction, or nested deeper than a cassette may hold (max_json_depth less the two
/// levels around an interaction in a cassette).
inline std::vector<Interaction> parse_journal(const std::string& text, const std::string& source, bool* torn_tail = nullptr) {
  std::vector<Interaction> out;
  if (torn_tail != nullptr) *torn_tail = false;
  std::size_t line = 0;
  for (std::size_t start = 0; start < text.size();) {
    ++line;
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      if (torn_tail != nullptr) *torn_tail = true;
      break;
    }
    const std::string content = text.substr(start, end - start);
    start = end + 1;
    if (content.empty()) continue;
    const std::string where = "line " + std::to_string(line);
    nlohmann::json j;
    try {
      j = synthbench::detail::parse_json_strict<nlohmann::json>(content, source, synthbench::detail::max_json_depth - 2);
    } catch (const InputError& e) {
      const bool cut = e.code() == 101 && (content.find('\0') != std::string::npos ||
                                           e.where() == synthbench::detail::line_and_column(content, content.size() + 1));
      if (cut) {
        if (torn_tail != nullptr) *torn_tail = true;
        continue;
      }
      std::string message = e.what();
      if (const auto colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
      // The line is parsed alone: its "line 1, column C" is column C of journal line `line`.
      const std::string inner = e.where().rfind("line 1, ", 0) == 0 ? e.where().substr(6) : std::string();
      throw InputError(410, source, where + inner, "not a JSON interaction: " + message);
    }
    try {
      const bool v1 = j.is_object() && j.contains("response") && j["response"].is_object() &&
                      !j["response"].contains("outcome");
      out.push_back(interaction_from_json(j, source, "", v1 ? 1 : format_version));
    } catch (const InputError& e) {
      std::string message = e.what();
      if (const auto colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
      throw InputError(410, source, where + (e.where().empty() ? "" : ", " + e.where()),
                       "bad interaction (" + e.id() + "): " + message);
    }
  }
  return out;
}

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_JOURNAL_HPP
