#ifndef SYNTHBENCH_CASSETTE_MODE_HPP
#define SYNTHBENCH_CASSETTE_MODE_HPP

/// @file
/// Record modes (the semantics of vcrpy's record modes, https://vcrpy.readthedocs.io) and
/// the environment that selects them and guards recording in CI.

#include <cstdlib>     // std::getenv
#include <filesystem>  // std::filesystem::path
#include <optional>    // std::optional
#include <string>      // std::string

#include "synthbench/cassette/errors.hpp"  // CassetteError, RecordingRefused
#include "synthbench/version.hpp"          // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// When a cassette client calls the real LLM.
enum class RecordMode {
  none,          ///< replay only; a miss is an error; never any network (the default)
  once,          ///< record when the cassette file does not exist yet, else like none
  new_episodes,  ///< replay what is recorded, record what is not
  all,           ///< call the LLM for every request and replace what was recorded for it
};

/// "none", "once", "new_episodes" or "all".
inline const char* to_string(RecordMode mode) noexcept {
  switch (mode) {
    case RecordMode::none: return "none";
    case RecordMode::once: return "once";
    case RecordMode::new_episodes: return "new_episodes";
    case RecordMode::all: return "all";
  }
  return "none";
}

/// Parses a mode name; throws CassetteError 1 naming the value and the valid names.
inline RecordMode parse_record_mode(const std::string& text, const std::string& source = "SYNTHBENCH_RECORD") {
  if (text == "none") return RecordMode::none;
  if (text == "once") return RecordMode::once;
  if (text == "new_episodes") return RecordMode::new_episodes;
  if (text == "all") return RecordMode::all;
  throw CassetteError(1, source + "=\"" + text + "\" is not a record mode: use none, once, new_episodes or all");
}

/// The value of environment variable `name`, or nullopt when unset or empty.
inline std::optional<std::string> environment_value(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

/// `explicit_mode` when given, else $SYNTHBENCH_RECORD, else none.
inline RecordMode resolve_record_mode(std::optional<RecordMode> explicit_mode) {
  if (explicit_mode) return *explicit_mode;
  if (const auto env = environment_value("SYNTHBENCH_RECORD")) return parse_record_mode(*env);
  return RecordMode::none;
}

/// True when $CI is set to something other than "", "0" or "false" (GitHub Actions, GitLab
/// and most CI systems set CI=true).
inline bool running_in_ci() {
  const auto ci = environment_value("CI");
  return ci && *ci != "0" && *ci != "false";
}

/// Throws RecordingRefused when running in CI and $SYNTHBENCH_RECORD_IN_CI is not "1":
/// a CI job that records would spend money and change cassettes nobody reviews.
inline void check_recording_allowed(const std::filesystem::path& cassette, RecordMode mode) {
  if (!running_in_ci()) return;
  const auto forced = environment_value("SYNTHBENCH_RECORD_IN_CI");
  if (forced && *forced == "1") return;
  throw RecordingRefused("refusing to record " + cassette.string() + " in mode " + to_string(mode) +
                         ": CI is set. Record on a workstation and commit the cassette, or set "
                         "SYNTHBENCH_RECORD_IN_CI=1 to record in CI anyway");
}

/// The folder cassettes live in: $SYNTHBENCH_CASSETTE_DIR, else "cassettes" (relative to
/// the working directory; ctest runs synthbench's tests in the source root). Never derived
/// from __FILE__, which breaks under Ninja and FetchContent (STYLE.md, ApprovalTests).
inline std::filesystem::path cassette_root() {
  if (const auto env = environment_value("SYNTHBENCH_CASSETTE_DIR")) return *env;
  return "cassettes";
}

/// The file of the cassette called `name` ("SnipsSynthetic" -> cassettes/SnipsSynthetic.json).
inline std::filesystem::path cassette_path(const std::string& name) { return cassette_root() / (name + ".json"); }

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_MODE_HPP
