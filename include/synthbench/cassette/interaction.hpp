#ifndef SYNTHBENCH_CASSETTE_INTERACTION_HPP
#define SYNTHBENCH_CASSETTE_INTERACTION_HPP

/// @file
/// What a cassette holds in memory: its interactions and what it says about itself. The file
/// format that stores them is format.hpp.

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <vector>   // std::vector

#include "synthbench/llm/chat.hpp"  // llm::ChatResponse
#include "synthbench/version.hpp"   // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// The format version this synthbench writes (it reads it and every older one).
inline constexpr int format_version = 2;

/// The oldest format version this synthbench reads (docs/cassette-format.md, "Versions").
inline constexpr int oldest_format_version = 1;

/// One recorded request and its response.
struct Interaction {
  std::string request;         ///< the canonical request, compact JSON text (canonical.hpp)
  std::size_t replicate = 0;   ///< 0 for the first identical request, 1 for the second, ...
  /// The outcome and what came with it: for completions, raw_body is the stored body as
  /// compact JSON; for failures, the error text, status, attempts and the error body as
  /// stored (compact JSON, or the text of a body that was not JSON). Latency as recorded.
  llm::ChatResponse response;
  std::string recorded_at;     ///< RFC 3339 UTC time of recording ("" when unknown)

  /// Field by field.
  friend bool operator==(const Interaction& a, const Interaction& b) {
    return a.request == b.request && a.replicate == b.replicate && a.response == b.response &&
           a.recorded_at == b.recorded_at;
  }
  /// Not ==.
  friend bool operator!=(const Interaction& a, const Interaction& b) { return !(a == b); }
};

/// What a cassette says about itself.
struct Metadata {
  std::string created_at;      ///< when the file was first written (RFC 3339 UTC)
  std::string updated_at;      ///< when it was last written
  std::string recorded_with;   ///< "synthbench 0.1.0"
  std::string description;     ///< free text, e.g. "recorded against the local test server"
  std::vector<std::string> hosts;   ///< hosts of the recorded requests (derived)
  std::vector<std::string> models;  ///< models that answered, as the responses name them (derived)

  /// Field by field.
  friend bool operator==(const Metadata& a, const Metadata& b) {
    return a.created_at == b.created_at && a.updated_at == b.updated_at && a.recorded_with == b.recorded_with &&
           a.description == b.description && a.hosts == b.hosts && a.models == b.models;
  }
  /// Not ==.
  friend bool operator!=(const Metadata& a, const Metadata& b) { return !(a == b); }
};

/// A cassette in memory.
struct Cassette {
  Metadata metadata;                      ///< see Metadata
  std::vector<Interaction> interactions;  ///< in file order

  /// Field by field, interactions in order.
  friend bool operator==(const Cassette& a, const Cassette& b) {
    return a.metadata == b.metadata && a.interactions == b.interactions;
  }
  /// Not ==.
  friend bool operator!=(const Cassette& a, const Cassette& b) { return !(a == b); }
};

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_INTERACTION_HPP
