#ifndef SYNTHBENCH_CASSETTE_FORMAT_WRITE_HPP
#define SYNTHBENCH_CASSETTE_FORMAT_WRITE_HPP

/// @file
/// Writing cassettes (format.hpp describes the format): to_json (one interaction, in the
/// current format), sort_interactions, dump_cassette (the file text) and utc_now (the
/// timestamps written). Every write is format 2, pretty (2 spaces), keys sorted, interactions
/// sorted by (request, replicate): re-recording the same interactions gives the same file
/// but for timestamps and latencies, and diffs show what changed. "hosts" and "models" are
/// derived from the interactions on every write, so they always say what answered
/// (DESIGN.md, Honesty).

#include <algorithm>  // std::sort
#include <chrono>     // std::chrono
#include <cstdio>     // std::snprintf
#include <ctime>      // std::time_t, gmtime_r
#include <set>        // std::set
#include <string>     // std::string
#include <utility>    // std::move
#include <vector>     // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/cassette/canonical.hpp"    // throw_too_deep
#include "synthbench/cassette/errors.hpp"       // CassetteError
#include "synthbench/cassette/interaction.hpp"  // Interaction, Cassette, format_version
#include "synthbench/detail/json_input.hpp"     // detail::first_too_deep, max_json_depth
#include "synthbench/llm/outcome.hpp"           // llm::to_string, is_failure
#include "synthbench/llm/provider.hpp"          // llm::response_to_json
#include "synthbench/version.hpp"               // SYNTHBENCH_NAMESPACE_BEGIN, SYNTHBENCH_VERSION_STRING

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// The current time as RFC 3339 UTC with seconds: "2026-11-21T20:21:00Z".
inline std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[96];  // room for any int values, which -Wformat-truncation cannot rule out
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

/// The JSON object of one interaction (a cassette element or a journal line), in the
/// current format. A completion's raw body is stored as JSON (a hand-made response whose raw
/// body is not JSON: the minimal body of its fields in the request's dialect); a failure
/// stores its error text, status and attempts (when known), and its raw body as JSON when it
/// is JSON, else as `body_text`. Throws CassetteError 8 when the request or the body nests
/// deeper than a cassette may hold (they sit 3 and 4 levels deep in one: see max_json_depth).
inline nlohmann::json to_json(const Interaction& i) {
  using synthbench::detail::first_too_deep;
  using synthbench::detail::max_json_depth;
  if (first_too_deep(i.request, max_json_depth - 3) != std::string::npos) throw_too_deep();
  nlohmann::json request = nlohmann::json::parse(i.request);
  const auto& r = i.response;
  const double ms = static_cast<double>(r.latency.count()) / 1000.0;
  nlohmann::json response = {{"latency_ms", ms}, {"outcome", llm::to_string(r.outcome)}};
  nlohmann::json body = nlohmann::json::parse(r.raw_body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_discarded() && first_too_deep(r.raw_body, max_json_depth - 4) != std::string::npos) throw_too_deep();
  if (!llm::is_failure(r.outcome)) {
    if (body.is_discarded() || !body.is_object()) {
      const auto provider = request.find("provider");
      body = llm::response_to_json(provider != request.end() && provider->is_string() ? provider->get<std::string>() : "",
                                   r);
    }
    response["body"] = std::move(body);
  } else {
    response["error"] = r.error;
    if (r.status != 0) response["status"] = r.status;
    if (r.attempts != 0) response["attempts"] = r.attempts;
    if (!body.is_discarded()) {
      response["body"] = std::move(body);
    } else if (!r.raw_body.empty()) {
      response["body_text"] = r.raw_body;
    }
  }
  nlohmann::json j = {{"replicate", i.replicate}, {"request", std::move(request)}, {"response", std::move(response)}};
  if (!i.recorded_at.empty()) j["recorded_at"] = i.recorded_at;
  return j;
}

/// Orders interactions as files store them: by request text, then replicate.
inline void sort_interactions(std::vector<Interaction>& interactions) {
  std::sort(interactions.begin(), interactions.end(), [](const Interaction& a, const Interaction& b) {
    const int c = a.request.compare(b.request);
    return c != 0 ? c < 0 : a.replicate < b.replicate;
  });
}

/// The file text of `cassette`: pretty, sorted, with hosts and models derived from the
/// interactions and `recorded_with` set to this version. Interactions are written sorted
/// (the argument is not reordered).
inline std::string dump_cassette(const Cassette& cassette) {
  std::vector<const Interaction*> order;
  order.reserve(cassette.interactions.size());
  for (const auto& i : cassette.interactions) order.push_back(&i);
  std::sort(order.begin(), order.end(), [](const Interaction* a, const Interaction* b) {
    const int c = a->request.compare(b->request);
    return c != 0 ? c < 0 : a->replicate < b->replicate;
  });
  std::set<std::string> hosts;
  std::set<std::string> models;
  nlohmann::json interactions = nlohmann::json::array();
  for (const Interaction* i : order) {
    nlohmann::json j = to_json(*i);
    if (const auto h = j["request"].find("host"); h != j["request"].end() && h->is_string()) hosts.insert(h->get<std::string>());
    if (!i->response.model.empty()) models.insert(i->response.model);
    interactions.push_back(std::move(j));
  }
  const std::string now = utc_now();
  nlohmann::json meta = {{"created_at", cassette.metadata.created_at.empty() ? now : cassette.metadata.created_at},
                         {"updated_at", cassette.metadata.updated_at.empty() ? now : cassette.metadata.updated_at},
                         {"recorded_with", "synthbench " SYNTHBENCH_VERSION_STRING},
                         {"hosts", std::vector<std::string>(hosts.begin(), hosts.end())},
                         {"models", std::vector<std::string>(models.begin(), models.end())}};
  if (!cassette.metadata.description.empty()) meta["description"] = cassette.metadata.description;
  const nlohmann::json doc = {{"format", format_version}, {"interactions", std::move(interactions)}, {"metadata", std::move(meta)}};
  try {
    return doc.dump(2) + "\n";
  } catch (const nlohmann::json::type_error& e) {
    throw CassetteError(4, std::string("a request or response holds text that is not UTF-8: ") + e.what());
  }
}

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_FORMAT_WRITE_HPP
