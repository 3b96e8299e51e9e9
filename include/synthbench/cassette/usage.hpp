#ifndef SYNTHBENCH_CASSETTE_USAGE_HPP
#define SYNTHBENCH_CASSETTE_USAGE_HPP

/// @file
/// Usage files: which interactions of a cassette a run used, for
/// `synthbench cassette prune --usage FILE CASSETTE`.
///
///     {"cassette": "cassettes/Suite.json", "format": 1, "used": ["0123456789abcdef", ...]}
///
/// Ids are interaction_id() values. A cassette client writes one when it finishes if
/// CassetteOptions::usage_file is set or $SYNTHBENCH_CASSETTE_USAGE_DIR is (file:
/// usage_path_for()). Replay never writes beside the cassette: the usage folder is the
/// caller's. Processes of one test run (ctest -j) add to the same file under a lock, so after
/// the run it holds the union of what every test used.

#include <filesystem>  // std::filesystem
#include <set>         // std::set
#include <string>      // std::string

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/file_lock.hpp"  // detail::FileLock
#include "synthbench/cassette/mode.hpp"       // environment_value
#include "synthbench/cassette/secrets.hpp"    // check_no_secrets
#include "synthbench/detail/files.hpp"        // detail::read_file, write_file_atomically
#include "synthbench/detail/json_input.hpp"   // detail::parse_json_strict
#include "synthbench/error.hpp"               // InputError
#include "synthbench/version.hpp"             // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// The content of a usage file.
struct Usage {
  std::string cassette;        ///< the cassette path as the client was given it
  std::set<std::string> used;  ///< interaction ids
};

/// Parses a usage file; throws InputError 420 (wrong shape) naming the file and JSON pointer.
inline Usage parse_usage(const std::string& text, const std::string& source) {
  const auto doc = synthbench::detail::parse_json_strict<nlohmann::json>(text, source);
  const auto bad = [&](const std::string& where, const std::string& what) { return InputError(420, source, where, what); };
  if (!doc.is_object()) throw bad("/", "expected a usage object");
  const auto format = doc.find("format");
  if (format == doc.end() || !format->is_number_integer() || format->get<long long>() != 1) {
    throw bad("/format", "expected format 1");
  }
  Usage u;
  const auto cassette = doc.find("cassette");
  if (cassette == doc.end() || !cassette->is_string()) throw bad("/cassette", "expected the cassette path as a string");
  u.cassette = cassette->get<std::string>();
  const auto used = doc.find("used");
  if (used == doc.end() || !used->is_array()) throw bad("/used", "expected an array of interaction ids");
  for (std::size_t i = 0; i < used->size(); ++i) {
    const auto& id = (*used)[i];
    if (!id.is_string() || id.get<std::string>().size() != 16) {
      throw bad("/used/" + std::to_string(i), "expected a 16-hex-digit interaction id");
    }
    u.used.insert(id.get<std::string>());
  }
  return u;
}

/// Reads a usage file (IoError when unreadable, InputError when malformed).
inline Usage read_usage(const std::filesystem::path& path) {
  return parse_usage(synthbench::detail::read_file(path), path.string());
}

/// Where the usage of `cassette` goes under `usage_dir`: the cassette's path relative to the
/// working directory (or its absolute path without the root) mirrored under `usage_dir`,
/// plus ".usage.json". Two cassettes never share a usage file.
inline std::filesystem::path usage_path_for(const std::filesystem::path& usage_dir, const std::filesystem::path& cassette) {
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(cassette, ec).lexically_normal();
  auto relative = absolute.lexically_relative(std::filesystem::current_path(ec));
  if (relative.empty() || *relative.begin() == "..") relative = absolute.relative_path();
  return usage_dir / (relative.string() + ".usage.json");
}

/// Adds `used` to the usage file at `path` (creating it), under a lock so that concurrent
/// test processes accumulate. Checked for secrets like every write.
inline void add_usage(const std::filesystem::path& path, const std::string& cassette, const std::set<std::string>& used) {
  synthbench::detail::FileLock lock(path.string() + ".lock");
  Usage u;
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) u = read_usage(path);
  u.cassette = cassette;
  u.used.insert(used.begin(), used.end());
  const nlohmann::json doc = {{"format", 1}, {"cassette", u.cassette}, {"used", u.used}};
  const std::string text = doc.dump(2) + "\n";
  check_no_secrets(text, path.string(), secret_variables());
  synthbench::detail::write_file_atomically(path, text);
}

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_USAGE_HPP
