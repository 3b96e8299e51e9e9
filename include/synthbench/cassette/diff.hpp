#ifndef SYNTHBENCH_CASSETTE_DIFF_HPP
#define SYNTHBENCH_CASSETTE_DIFF_HPP

/// @file
/// Field-level differences between two canonical requests, for the message of a replay
/// miss: which JSON pointers differ, with both values, against the nearest recorded request
/// (the one with the fewest differing fields).

#include <cstddef>  // std::size_t
#include <limits>   // std::numeric_limits
#include <map>      // std::map
#include <string>   // std::string
#include <vector>   // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/json_input.hpp"  // detail::pointer_append
#include "synthbench/version.hpp"            // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// One differing field.
struct FieldDifference {
  std::string pointer;    ///< JSON pointer of the field ("/messages/1/content")
  std::string recorded;   ///< its value in the recorded request, as short JSON ("(absent)" when missing)
  std::string requested;  ///< its value in the new request
};

namespace detail {

inline void flatten(const nlohmann::json& value, const std::string& at, std::map<std::string, const nlohmann::json*>& out) {
  if (value.is_object() && !value.empty()) {
    for (const auto& [key, v] : value.items()) flatten(v, synthbench::detail::pointer_append(at, key), out);
  } else if (value.is_array() && !value.empty()) {
    for (std::size_t i = 0; i < value.size(); ++i) flatten(value[i], synthbench::detail::pointer_append(at, i), out);
  } else {
    out[at.empty() ? "/" : at] = &value;
  }
}

inline std::string short_json(const nlohmann::json* v, std::size_t limit = 160) {
  if (v == nullptr) return "(absent)";
  std::string s = v->dump();
  if (s.size() > limit) s = s.substr(0, limit - 3) + "...";
  return s;
}

}  // namespace detail

/// The fields in which `requested` differs from `recorded`, sorted by pointer.
inline std::vector<FieldDifference> diff_requests(const nlohmann::json& recorded, const nlohmann::json& requested) {
  std::map<std::string, const nlohmann::json*> a;
  std::map<std::string, const nlohmann::json*> b;
  detail::flatten(recorded, "", a);
  detail::flatten(requested, "", b);
  std::vector<FieldDifference> out;
  auto ia = a.begin();
  auto ib = b.begin();
  while (ia != a.end() || ib != b.end()) {
    if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
      out.push_back({ia->first, detail::short_json(ia->second), "(absent)"});
      ++ia;
    } else if (ia == a.end() || ib->first < ia->first) {
      out.push_back({ib->first, "(absent)", detail::short_json(ib->second)});
      ++ib;
    } else {
      if (*ia->second != *ib->second) out.push_back({ia->first, detail::short_json(ia->second), detail::short_json(ib->second)});
      ++ia;
      ++ib;
    }
  }
  return out;
}

/// Index in `recorded` of the request nearest to `requested` (fewest differing fields; the
/// first on ties), or npos when `recorded` is empty.
inline std::size_t nearest_request(const std::vector<nlohmann::json>& recorded, const nlohmann::json& requested) {
  std::size_t best = static_cast<std::size_t>(-1);
  std::size_t best_count = std::numeric_limits<std::size_t>::max();
  for (std::size_t i = 0; i < recorded.size(); ++i) {
    const std::size_t n = diff_requests(recorded[i], requested).size();
    if (n < best_count) {
      best = i;
      best_count = n;
    }
  }
  return best;
}

/// The differences as text, one "  pointer: recorded X, requested Y" line each, at most
/// `limit` lines (then "  ... and N more").
inline std::string format_differences(const std::vector<FieldDifference>& diffs, std::size_t limit = 20) {
  std::string out;
  for (std::size_t i = 0; i < diffs.size() && i < limit; ++i) {
    out += "  " + diffs[i].pointer + ": recorded " + diffs[i].recorded + ", requested " + diffs[i].requested + "\n";
  }
  if (diffs.size() > limit) out += "  ... and " + std::to_string(diffs.size() - limit) + " more\n";
  return out;
}

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_DIFF_HPP
