#ifndef SYNTHBENCH_CASSETTE_TOOLS_HPP
#define SYNTHBENCH_CASSETTE_TOOLS_HPP

/// @file
/// What `synthbench cassette verify|stats|prune|merge` compute (the CLI only prints it):
/// checks of a cassette file, statistics per model, pruning by a usage file, and merging of
/// shards recorded by parallel CI jobs.

#include <algorithm>  // std::sort
#include <cstddef>    // std::size_t
#include <cstdint>    // std::int64_t
#include <map>        // std::map
#include <set>        // std::set
#include <string>     // std::string
#include <utility>    // std::pair, std::move
#include <vector>     // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/cassette/format_parse.hpp"    // Cassette, Interaction, parse_cassette
#include "synthbench/cassette/interaction_id.hpp"  // interaction_id
#include "synthbench/cassette/secrets.hpp"  // find_secrets, SecretAllowlist
#include "synthbench/cassette/usage.hpp"    // Usage
#include "synthbench/detail/json_input.hpp" // detail::line_and_column
#include "synthbench/error.hpp"             // InputError
#include "synthbench/version.hpp"           // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// A problem `verify_cassette` found.
struct Finding {
  std::string where;    ///< position in the file: a JSON pointer or "line L, column C"
  std::string message;  ///< what is wrong (never a secret's value)
};

/// Checks cassette text: that no secret is in it (secrets.hpp, every one found, in the raw
/// text and in decoded strings; `variables` as secret_variables(), `allowed` the declared
/// false positives), that it parses as format 1 (syntax, schema, duplicates: the first
/// error stops the check), that no request has a gap in its replicates (a later replicate
/// could never replay), and that the metadata's hosts and models say what the interactions
/// hold.
inline std::vector<Finding> verify_cassette(const std::string& text, const std::string& source,
                                            const std::vector<std::string>& variables,
                                            const SecretAllowlist& allowed = {}) {
  std::vector<Finding> findings;
  for (const auto& secret : find_secrets(text, variables, allowed)) {
    findings.push_back({synthbench::detail::line_and_column(text, secret.offset + 1),
                        "holds " + secret.what + " (fingerprint " + secret.fingerprint + ")"});
  }
  Cassette c;
  try {
    c = parse_cassette(text, source);
  } catch (const InputError& e) {
    findings.push_back({e.where(), e.what()});
    return findings;
  }
  std::map<std::string, std::set<std::size_t>> replicates;
  std::set<std::string> hosts;
  std::set<std::string> models;
  for (const auto& i : c.interactions) {
    replicates[i.request].insert(i.replicate);
    hosts.insert(nlohmann::json::parse(i.request).at("host").get<std::string>());
    if (!i.response.model.empty()) models.insert(i.response.model);
  }
  for (const auto& [request, set] : replicates) {
    std::size_t expected = 0;
    for (const std::size_t r : set) {
      if (r != expected) {
        std::size_t index = 0;
        for (std::size_t k = 0; k < c.interactions.size(); ++k) {
          if (c.interactions[k].request == request && c.interactions[k].replicate == r) index = k;
        }
        findings.push_back({"/interactions/" + std::to_string(index),
                            "replicate " + std::to_string(r) + " of a request without replicate " +
                                std::to_string(expected) + ": it can never be replayed"});
        break;
      }
      ++expected;
    }
  }
  if (std::set<std::string>(c.metadata.hosts.begin(), c.metadata.hosts.end()) != hosts) {
    findings.push_back({"/metadata/hosts", "does not list exactly the hosts of the recorded requests"});
  }
  if (std::set<std::string>(c.metadata.models.begin(), c.metadata.models.end()) != models) {
    findings.push_back({"/metadata/models", "does not list exactly the models that answered"});
  }
  return findings;
}

/// Recorded figures of one answering model.
struct ModelStats {
  std::string model;                   ///< as the responses name it ("" when they do not)
  std::size_t interactions = 0;        ///< interactions it answered
  std::int64_t prompt_tokens = 0;      ///< summed reported usage
  std::int64_t completion_tokens = 0;  ///< summed reported usage
  std::size_t without_usage = 0;       ///< responses that reported no usage
  double latency_ms_mean = 0;          ///< recorded latency
  double latency_ms_median = 0;        ///< recorded latency (mean of the middle two for even counts)
  double latency_ms_max = 0;           ///< recorded latency
};

/// Figures per answering model, sorted by model name.
inline std::vector<ModelStats> cassette_stats(const Cassette& cassette) {
  std::map<std::string, std::vector<const Interaction*>> by_model;
  for (const auto& i : cassette.interactions) by_model[i.response.model].push_back(&i);
  std::vector<ModelStats> out;
  for (const auto& [model, list] : by_model) {
    ModelStats s;
    s.model = model;
    s.interactions = list.size();
    std::vector<double> latencies;
    for (const Interaction* i : list) {
      if (i->response.usage) {
        s.prompt_tokens += i->response.usage->prompt_tokens;
        s.completion_tokens += i->response.usage->completion_tokens;
      } else {
        ++s.without_usage;
      }
      latencies.push_back(static_cast<double>(i->response.latency.count()) / 1000.0);
    }
    std::sort(latencies.begin(), latencies.end());
    double sum = 0;
    for (const double l : latencies) sum += l;
    s.latency_ms_mean = sum / static_cast<double>(latencies.size());
    const std::size_t n = latencies.size();
    s.latency_ms_median = n % 2 == 1 ? latencies[n / 2] : (latencies[n / 2 - 1] + latencies[n / 2]) / 2;
    s.latency_ms_max = latencies.back();
    out.push_back(s);
  }
  return out;
}

/// `cassette` without the interactions whose id is not in `usage`; `removed` gets how many went.
inline Cassette prune_cassette(const Cassette& cassette, const Usage& usage, std::size_t* removed = nullptr) {
  Cassette out;
  out.metadata = cassette.metadata;
  for (const auto& i : cassette.interactions) {
    if (usage.used.count(interaction_id(i.request, i.replicate)) != 0) out.interactions.push_back(i);
  }
  if (removed != nullptr) *removed = cassette.interactions.size() - out.interactions.size();
  return out;
}

/// The same request and replicate recorded with different answers in two inputs.
struct MergeConflict {
  std::string kept_from;     ///< the input whose interaction was kept (the first one given)
  std::string dropped_from;  ///< the input whose interaction was dropped
  std::string request;       ///< the canonical request
  std::size_t replicate = 0; ///< its replicate index
  std::string difference;    ///< which answer field differs ("content", "finish_reason", "model")
};

/// The result of merging cassettes.
struct MergeResult {
  Cassette cassette;                     ///< the union, sorted
  std::vector<MergeConflict> conflicts;  ///< same key, different answers (the first input's is kept)
  std::size_t duplicates = 0;            ///< same key and same answer in several inputs (kept once)
};

/// Merges shards (e.g. cassettes recorded by parallel CI jobs with GoogleTest sharding).
/// Two interactions with the same request and replicate are duplicates when their answers
/// agree in content, finish_reason and model (ids and timestamps differ between calls), and
/// a conflict otherwise. Metadata: the earliest created_at, descriptions joined.
inline MergeResult merge_cassettes(const std::vector<std::pair<std::string, Cassette>>& inputs) {
  MergeResult result;
  std::map<std::pair<std::string, std::size_t>, std::pair<const Interaction*, std::string>> seen;
  std::set<std::string> descriptions;
  for (const auto& [source, cassette] : inputs) {
    const auto& m = cassette.metadata;
    if (!m.created_at.empty() &&
        (result.cassette.metadata.created_at.empty() || m.created_at < result.cassette.metadata.created_at)) {
      result.cassette.metadata.created_at = m.created_at;
    }
    if (!m.description.empty() && descriptions.insert(m.description).second) {
      result.cassette.metadata.description += (result.cassette.metadata.description.empty() ? "" : "\n") + m.description;
    }
    for (const auto& i : cassette.interactions) {
      const auto key = std::make_pair(i.request, i.replicate);
      const auto it = seen.find(key);
      if (it == seen.end()) {
        seen.emplace(key, std::make_pair(&i, source));
        continue;
      }
      const auto& kept = it->second.first->response;
      std::string difference;
      if (kept.content != i.response.content) {
        difference = "content";
      } else if (kept.finish_reason != i.response.finish_reason) {
        difference = "finish_reason";
      } else if (kept.model != i.response.model) {
        difference = "model";
      }
      if (difference.empty()) {
        ++result.duplicates;
      } else {
        result.conflicts.push_back({it->second.second, source, i.request, i.replicate, difference});
      }
    }
  }
  for (const auto& [key, value] : seen) result.cassette.interactions.push_back(*value.first);
  return result;
}

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_TOOLS_HPP
