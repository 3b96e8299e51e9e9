#ifndef SYNTHBENCH_EXPERIMENT_LOADERS_LOADER_SUPPORT_HPP
#define SYNTHBENCH_EXPERIMENT_LOADERS_LOADER_SUPPORT_HPP

/// @file
/// What the dataset loaders share: splitting a text file into lines (with its edge cases
/// defined once), blank texts, and the range check of similarity scores.

#include <cmath>    // std::isfinite
#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <vector>   // std::vector

#include "synthbench/detail/decimal.hpp"  // detail::parse_decimal
#include "synthbench/detail/format.hpp"  // detail::general
#include "synthbench/error.hpp"          // InputError
#include "synthbench/version.hpp"        // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {
namespace loading {

/// The lowest similarity score of the STS scale (Agirre et al., SemEval-2012 Task 6).
inline constexpr double min_similarity_score = 0.0;
/// The highest similarity score of the STS scale.
inline constexpr double max_similarity_score = 5.0;

/// True when `s` has nothing but ASCII whitespace (space, tab, CR, LF, VT, FF).
inline bool is_blank(const std::string& s) noexcept {
  for (const char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\v' && c != '\f') return false;
  }
  return true;
}

/// The lines of a text file: split at '\n'; a CR before it is dropped (CRLF files); a UTF-8
/// byte order mark at the start is dropped; a final newline does not start another line.
/// Line i (0-based) is line i + 1 of the file.
inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t begin = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    std::size_t stop = end;
    if (stop > begin && text[stop - 1] == '\r') --stop;
    lines.push_back(text.substr(begin, stop - begin));
    begin = end + 1;
  }
  return lines;
}

/// The shortest of 15, 16 or 17 significant digits that reads back as `value` ("5.01", not
/// "5.0099999999999998"), for messages.
inline std::string shortest(double value) {
  for (int digits = 15; digits < 17; ++digits) {
    const std::string s = general(value, digits);
    if (parse_decimal(s) == value) return s;  // locale-independent, unlike strtod
  }
  return general(value, 17);
}

/// Throws InputError synthbench.input.504 unless `score` is finite and in [0, 5].
inline void check_similarity_score(double score, const std::string& source, const std::string& where) {
  if (!std::isfinite(score) || score < min_similarity_score || score > max_similarity_score) {
    throw InputError(504, source, where,
                     "the score " + shortest(score) + " is outside the similarity scale [0, 5]");
  }
}

/// "\"...\"" of `s`, cut at 60 bytes, for messages.
inline std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s.size() > 60 ? s.substr(0, 57) + "..." : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace loading
}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_LOADERS_LOADER_SUPPORT_HPP
