#ifndef SYNTHBENCH_CASSETTE_CLIENT_OPTIONS_HPP
#define SYNTHBENCH_CASSETTE_CLIENT_OPTIONS_HPP

/// @file
/// What a CassetteClient (client.hpp) is given and gives back: its options (CassetteOptions),
/// the factory of the upstream client it records through (UpstreamFactory), and what a
/// finished client did (FinishReport).

#include <cstddef>     // std::size_t
#include <filesystem>  // std::filesystem::path
#include <functional>  // std::function
#include <memory>      // std::shared_ptr
#include <optional>    // std::optional
#include <string>      // std::string
#include <vector>      // std::vector

#include "synthbench/cassette/canonical.hpp"  // Redaction
#include "synthbench/cassette/mode.hpp"       // RecordMode
#include "synthbench/llm/client.hpp"          // llm::ChatClient
#include "synthbench/version.hpp"             // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// How a CassetteClient behaves. Every field has a default that needs no configuration.
struct CassetteOptions {
  /// The record mode; when empty, $SYNTHBENCH_RECORD, else none. A mode set here wins over
  /// the environment.
  std::optional<RecordMode> mode;
  /// The API dialect, part of the match key: "openai" or "anthropic" (llm/provider.hpp).
  /// Empty: the upstream's provider() when recording, else $SYNTHBENCH_PROVIDER, else
  /// "openai". Interactions are stored under it and their bodies read in its dialect.
  std::string provider;
  /// The base URL whose host is part of the match key. Empty: the upstream's base URL when
  /// recording, else $SYNTHBENCH_BASE_URL, else https://api.openai.com/v1.
  std::string base_url;
  /// JSON pointers into the canonical request that matching ignores (e.g. "/extra/user",
  /// "/temperature"). They are still stored.
  std::vector<std::string> ignored_fields;
  /// What is redacted before storing and matching (canonical.hpp).
  Redaction redaction;
  /// More variables whose values must never be written (the API key variable always is).
  std::vector<std::string> secret_variables;
  /// When true, finish() throws CassetteError 30 if recorded interactions went unused.
  bool strict = false;
  /// Written to the cassette's metadata.description when recording (kept when empty).
  std::string description;
  /// The command a miss message tells the user to run. Empty: SYNTHBENCH_RECORD=new_episodes
  /// followed by this process's command line (the gtest glue adds --gtest_filter).
  std::string record_command;
  /// Where to add the ids of the interactions this run used. Empty: under
  /// $SYNTHBENCH_CASSETTE_USAGE_DIR (usage_path_for) when set, else nowhere.
  std::filesystem::path usage_file;
  /// Receives notes (unused interactions, a recovered journal). Empty: standard error.
  std::function<void(const std::string&)> report;
};

/// Makes the upstream client when, and only when, the cassette records.
using UpstreamFactory = std::function<std::shared_ptr<llm::ChatClient>()>;

/// What a finished cassette client did.
struct FinishReport {
  std::size_t replayed = 0;  ///< calls answered from the cassette
  std::size_t recorded = 0;  ///< calls answered by the upstream and recorded
  std::size_t unused = 0;    ///< recorded interactions this run never used
  bool written = false;      ///< whether the cassette file was (re)written
  std::string message;       ///< the unused-interactions note ("" when none)
};

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_CLIENT_OPTIONS_HPP
