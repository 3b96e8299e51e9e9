#ifndef SYNTHBENCH_DETAIL_JSONL_HPP
#define SYNTHBENCH_DETAIL_JSONL_HPP

/// @file
/// JSON Lines files (one JSON object per line), read strictly, and typed access to the members
/// of a record with errors that name the file, the line and the JSON pointer. Shared by the
/// metrics record readers (metrics/records_json.hpp) and the dataset loaders
/// (experiment/loaders/jsonl.hpp).
///
/// Blank lines (only spaces and tabs) are skipped and line numbers stay those of the file; a
/// CR before the newline is dropped. Errors: InputError 101 invalid JSON, 102 duplicate key
/// (both with the line), 310 a line that is not a JSON object, 311 a missing key, 312 a value
/// of the wrong type.

#include <cstddef>     // std::size_t
#include <cstdint>     // std::int64_t
#include <filesystem>  // std::filesystem::path
#include <string>      // std::string, std::to_string
#include <utility>     // std::move
#include <vector>      // std::vector

#include <nlohmann/json.hpp>  // nlohmann::ordered_json

#include "synthbench/detail/files.hpp"       // read_file
#include "synthbench/detail/json_input.hpp"  // parse_json_strict, describe_json
#include "synthbench/error.hpp"              // InputError
#include "synthbench/version.hpp"            // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// One record of a JSON Lines file.
struct JsonlRecord {
  std::size_t line = 0;          ///< 1-based line number in the file
  nlohmann::ordered_json value;  ///< the parsed object
};

/// The records of JSON Lines `text` from `source` (a file name, for messages): one JSON
/// object per non-blank line. Throws InputError 101, 102 (with the line and column or
/// pointer) and 310.
inline std::vector<JsonlRecord> parse_jsonl(const std::string& text, const std::string& source) {
  std::vector<JsonlRecord> records;
  std::size_t begin = 0;
  std::size_t line = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    ++line;
    std::string content = text.substr(begin, end - begin);
    begin = end + 1;
    if (!content.empty() && content.back() == '\r') content.pop_back();
    if (content.find_first_not_of(" \t") == std::string::npos) continue;
    const std::string where = "line " + std::to_string(line);
    nlohmann::ordered_json value;
    try {
      value = parse_json_strict(content, source);
    } catch (const InputError& e) {
      // Re-locate the error in the file: "line 1, column 7" of the record is column 7 of this
      // line; a duplicate key's pointer is kept.
      const std::string prefix = "[" + e.id() + "] " + source + (e.where().empty() ? "" : " at " + e.where()) + ": ";
      const std::string what = e.what();
      const std::string message = what.compare(0, prefix.size(), prefix) == 0 ? what.substr(prefix.size()) : what;
      std::string inner = e.where();
      if (inner.compare(0, 8, "line 1, ") == 0) inner = inner.substr(8);
      throw InputError(e.code(), source, where + (inner.empty() ? "" : ", " + inner), message);
    }
    if (!value.is_object()) {
      throw InputError(310, source, where, "expected a JSON object, got " + describe_json(value));
    }
    records.push_back({line, std::move(value)});
  }
  return records;
}

/// The records of the JSON Lines file at `path`. Throws IoError when it cannot be read.
inline std::vector<JsonlRecord> read_jsonl(const std::filesystem::path& path) {
  return parse_jsonl(read_file(path), path.string());
}

/// "line N" of record `r`, followed by ", <pointer>" when `pointer` is not empty.
inline std::string jsonl_where(const JsonlRecord& r, const std::string& pointer) {
  return "line " + std::to_string(r.line) + (pointer.empty() ? "" : ", " + pointer);
}

/// The member `key` of `object` (found at `pointer` inside record `r`); throws InputError 311
/// when it is missing.
inline const nlohmann::ordered_json& jsonl_member(const JsonlRecord& r, const nlohmann::ordered_json& object,
                                                  const std::string& pointer, const char* key,
                                                  const std::string& source) {
  const auto it = object.find(key);
  if (it == object.end()) {
    throw InputError(311, source, jsonl_where(r, pointer), std::string("missing key \"") + key + "\"");
  }
  return *it;
}

/// The string member `key` of record `r`; throws InputError 311 or 312.
inline std::string jsonl_string(const JsonlRecord& r, const char* key, const std::string& source) {
  const auto& v = jsonl_member(r, r.value, "", key, source);
  if (!v.is_string()) {
    throw InputError(312, source, jsonl_where(r, std::string("/") + key), "expected a string, got " + describe_json(v));
  }
  return v.get<std::string>();
}

/// The member `key` of `object` (at `pointer` inside record `r`) as a character offset, an
/// integer >= 0; throws InputError 311 or 312.
inline std::size_t jsonl_offset(const JsonlRecord& r, const nlohmann::ordered_json& object, const std::string& pointer,
                                const char* key, const std::string& source) {
  const auto& v = jsonl_member(r, object, pointer, key, source);
  if (!v.is_number_integer() || (!v.is_number_unsigned() && v.get<std::int64_t>() < 0)) {
    throw InputError(312, source, jsonl_where(r, pointer + "/" + key),
                     "expected a character offset (an integer >= 0), got " + describe_json(v));
  }
  return v.get<std::size_t>();
}

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_JSONL_HPP
