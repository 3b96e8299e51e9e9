#ifndef SYNTHBENCH_CASSETTE_MISS_MESSAGE_HPP
#define SYNTHBENCH_CASSETTE_MISS_MESSAGE_HPP

/// @file
/// What CassetteClient tells people: the CassetteMiss of a request mode none could not replay
/// (the cassette, the request, a field-level diff against the nearest recorded request and
/// the command that records it), that command, and the one-line summary of an interaction in
/// the report of unused interactions.

#include <cstddef>     // std::size_t
#include <filesystem>  // std::filesystem::path
#include <string>      // std::string
#include <vector>      // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/cassette/diff.hpp"         // diff_requests, nearest_request, format_differences
#include "synthbench/cassette/errors.hpp"       // CassetteMiss
#include "synthbench/cassette/interaction.hpp"  // Interaction
#include "synthbench/cassette/mode.hpp"         // RecordMode, environment_value
#include "synthbench/detail/command_line.hpp"   // shell_quote, own_command_line
#include "synthbench/version.hpp"               // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// "replicate 0 of gpt-4o: \"<the last message, cut at 60 bytes>\"".
inline std::string summarize_interaction(const Interaction& i) {
  std::string text = "replicate " + std::to_string(i.replicate) + " of ";
  try {
    const auto r = nlohmann::json::parse(i.request);
    text += r.value("model", std::string("?"));
    const auto& messages = r.at("messages");
    if (!messages.empty()) {
      std::string content = messages.back().value("content", std::string());
      if (content.size() > 60) content = content.substr(0, 57) + "...";
      text += ": \"" + content + "\"";
    }
  } catch (const nlohmann::json::exception&) {
    text += "(unreadable request)";
  }
  return text;
}

/// The command that records what is missing: `configured` when set (CassetteOptions::
/// record_command), else this program's own command line behind SYNTHBENCH_RECORD=new_episodes
/// (and SYNTHBENCH_CASSETTE_DIR when it is set).
inline std::string record_command(const std::string& configured) {
  if (!configured.empty()) return configured;
  std::string command = "SYNTHBENCH_RECORD=new_episodes ";
  if (const auto dir = environment_value("SYNTHBENCH_CASSETTE_DIR")) {
    command += "SYNTHBENCH_CASSETTE_DIR=" + ::synthbench::detail::shell_quote(*dir) + " ";
  }
  const std::string self = ::synthbench::detail::own_command_line();
  return command + (self.empty() ? "<your test command>" : self);
}

/// Where a miss happened: the cassette and how the client was opened.
struct MissSite {
  std::filesystem::path path;                    ///< the cassette file
  RecordMode requested_mode = RecordMode::none;  ///< the mode asked for (once replays an existing cassette)
  bool cassette_missing = false;                 ///< the cassette file does not exist
  std::string record_command;                    ///< see record_command()
};

/// The CassetteMiss for request `full` (its canonical text), the `call`-th identical request
/// of this run, of which `recorded` were recorded. When none was, the message shows the
/// differences from the nearest of `recorded_requests` (the cassette's request texts).
inline CassetteMiss cassette_miss(const MissSite& site, const std::string& full, std::size_t call,
                                  std::size_t recorded, const std::vector<const std::string*>& recorded_requests) {
  nlohmann::json requested = nlohmann::json::parse(full);
  const std::string request_text = requested.dump(2);
  std::string shown = request_text;
  if (shown.size() > 4000) shown = shown.substr(0, 4000) + "\n  ... (" + std::to_string(request_text.size()) + " bytes)";
  std::string message = "cassette miss in " + site.path.string() + " (mode none";
  message += site.requested_mode == RecordMode::once ? ", from once: the cassette exists)" : ")";
  std::string diff;
  if (site.cassette_missing) {
    message += ": the cassette file does not exist.\n";
  } else if (recorded > 0) {
    message += ": this request was recorded " + std::to_string(recorded) + " time(s) and this is call " +
               std::to_string(call + 1) + " of it in this run (identical requests replay in recorded order).\n";
  } else {
    message += ": no recorded interaction has this request.\n";
    std::vector<nlohmann::json> candidates;
    candidates.reserve(recorded_requests.size());
    for (const std::string* r : recorded_requests) candidates.push_back(nlohmann::json::parse(*r));
    const std::size_t nearest = nearest_request(candidates, requested);
    if (nearest < candidates.size()) {
      diff = format_differences(diff_requests(candidates[nearest], requested));
    }
  }
  message += "request:\n" + shown + "\n";
  if (!diff.empty()) message += "differences from the nearest recorded request:\n" + diff;
  message += "to record it, run:\n  " + site.record_command;
  return CassetteMiss(message, site.path.string(), request_text, diff, site.record_command);
}

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_MISS_MESSAGE_HPP
