#ifndef SYNTHBENCH_SCORES_SCORE_TABLE_JSON_HPP
#define SYNTHBENCH_SCORES_SCORE_TABLE_JSON_HPP

/// @file
/// ScoreTable to and from JSON, in the format of ../shared/data/paper/*.json and of
/// `synthbench meta --input`:
///
///     {"metric": "ent_type_f1",
///      "real": {"gpt-4o": 0.72, ...},
///      "synthetic": {"gpt-4o": {"gpt-4o": 0.69, ...}, ...},
///      "models": {"gpt-4o": "gpt-4o"},     optional: generator -> solver name
///      "range": [0, 1]}                     optional: the metric's range
///
/// Other keys ("description", ...) are ignored. Every error is an InputError naming the
/// source and the JSON pointer of the offending value.

#include <cmath>       // std::isfinite
#include <filesystem>  // std::filesystem::path
#include <string>      // std::string

#include <nlohmann/json.hpp>

#include "synthbench/detail/files.hpp"
#include "synthbench/detail/json_input.hpp"
#include "synthbench/error.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

namespace detail {

inline double score_from_json(const nlohmann::ordered_json& v, const std::string& source, const std::string& where) {
  if (!v.is_number()) throw InputError(203, source, where, "expected a number, got " + describe_json(v));
  const double d = v.get<double>();
  if (!std::isfinite(d)) throw InputError(204, source, where, "expected a finite number, got " + v.dump());
  return d;
}

inline const nlohmann::ordered_json& object_member(const nlohmann::ordered_json& parent, const char* key,
                                                   const std::string& source, const std::string& where) {
  const auto it = parent.find(key);
  if (it == parent.end()) throw InputError(202, source, where, std::string("missing key \"") + key + "\"");
  return *it;
}

}  // namespace detail

/// A ScoreTable from a parsed JSON document; `source` names it in errors. Throws InputError:
/// 201 wrong type, 202 missing key, 203 not a number, 204 not finite, 205 empty table,
/// 206 approach sets differ (naming what is missing on which side), 207 an empty name, or a
/// reserved or unknown name in "models", 208 bad "range".
inline ScoreTable score_table_from_json(const nlohmann::ordered_json& doc, const std::string& source) {
  using detail::describe_json;
  using detail::pointer_append;
  if (!doc.is_object()) throw InputError(201, source, "/", "expected an object, got " + describe_json(doc));
  const auto& metric = detail::object_member(doc, "metric", source, "/");
  if (!metric.is_string() || metric.get<std::string>().empty()) {
    throw InputError(201, source, "/metric", "expected a non-empty string, got " + describe_json(metric));
  }
  ScoreTable table(metric.get<std::string>());

  const auto& real = detail::object_member(doc, "real", source, "/");
  if (!real.is_object()) throw InputError(201, source, "/real", "expected an object, got " + describe_json(real));
  if (real.empty()) throw InputError(205, source, "/real", "no approach has a real score");
  for (const auto& [approach, score] : real.items()) {
    if (approach.empty()) throw InputError(207, source, "/real/", "an approach needs a non-empty name");
    table.set_real(approach, detail::score_from_json(score, source, pointer_append("/real", approach)));
  }

  const auto& synthetic = detail::object_member(doc, "synthetic", source, "/");
  if (!synthetic.is_object()) {
    throw InputError(201, source, "/synthetic", "expected an object, got " + describe_json(synthetic));
  }
  if (synthetic.empty()) throw InputError(205, source, "/synthetic", "no synthetic dataset");
  for (const auto& [generator, scores] : synthetic.items()) {
    const std::string where = pointer_append("/synthetic", generator);
    if (generator == ScoreTable::average_name) {
      throw InputError(207, source, where, "\"average\" is reserved for the derived average benchmark");
    }
    if (generator.empty()) throw InputError(207, source, where, "a generator needs a non-empty name");
    if (!scores.is_object()) throw InputError(201, source, where, "expected an object, got " + describe_json(scores));
    if (scores.empty()) throw InputError(205, source, where, "no approach has a score on this synthetic dataset");
    for (const auto& [approach, score] : scores.items()) {
      if (approach.empty()) throw InputError(207, source, where + "/", "an approach needs a non-empty name");
      table.set_synthetic(generator, approach, detail::score_from_json(score, source, pointer_append(where, approach)));
    }
    std::string missing_here;
    std::string missing_real;
    for (const auto& e : table.real()) {
      if (!scores.contains(e.approach)) missing_here += (missing_here.empty() ? "" : ", ") + e.approach;
    }
    for (const auto& [approach, score] : scores.items()) {
      (void)score;
      if (!table.real().contains(approach)) missing_real += (missing_real.empty() ? "" : ", ") + approach;
    }
    if (!missing_here.empty() || !missing_real.empty()) {
      std::string message = "approaches differ from /real:";
      if (!missing_here.empty()) message += " missing here: " + missing_here + ";";
      if (!missing_real.empty()) message += " missing from /real: " + missing_real + ";";
      message.pop_back();
      throw InputError(206, source, where, message);
    }
  }

  if (const auto models = doc.find("models"); models != doc.end()) {
    if (!models->is_object()) {
      throw InputError(201, source, "/models", "expected an object, got " + describe_json(*models));
    }
    for (const auto& [generator, solver] : models->items()) {
      const std::string where = pointer_append("/models", generator);
      if (!solver.is_string()) throw InputError(201, source, where, "expected a string, got " + describe_json(solver));
      if (!synthetic.contains(generator)) {
        throw InputError(207, source, where, "\"" + generator + "\" is not a generator in /synthetic");
      }
      if (!table.real().contains(solver.get<std::string>())) {
        throw InputError(207, source, where, "\"" + solver.get<std::string>() + "\" is not an approach in /real");
      }
      table.set_solver_of(generator, solver.get<std::string>());
    }
  }

  if (const auto range = doc.find("range"); range != doc.end()) {
    if (!range->is_array() || range->size() != 2) {
      throw InputError(208, source, "/range", "expected [lower, upper], got " + describe_json(*range));
    }
    const double lower = detail::score_from_json((*range)[0], source, "/range/0");
    const double upper = detail::score_from_json((*range)[1], source, "/range/1");
    if (!(lower < upper)) throw InputError(208, source, "/range", "expected lower < upper");
    table.set_range(lower, upper);
  }
  return table;
}

/// Parses a ScoreTable from JSON text; `source` names it in errors.
inline ScoreTable parse_score_table(const std::string& text, const std::string& source = "<string>") {
  return score_table_from_json(detail::parse_json_strict(text, source), source);
}

/// Reads a ScoreTable from a JSON file. Throws IoError when the file cannot be read and
/// InputError (naming the file) when its content is malformed.
inline ScoreTable read_score_table(const std::filesystem::path& path) {
  return parse_score_table(detail::read_file(path), path.string());
}

/// The JSON form of `table` (the input format; the average is derived, not written).
inline nlohmann::ordered_json to_json(const ScoreTable& table) {
  nlohmann::ordered_json doc;
  doc["metric"] = table.metric();
  doc["real"] = nlohmann::ordered_json::object();
  for (const auto& e : table.real()) doc["real"][e.approach] = e.score;
  doc["synthetic"] = nlohmann::ordered_json::object();
  for (const auto& g : table.generators()) {
    auto& scores = doc["synthetic"][g.dataset()];
    scores = nlohmann::ordered_json::object();
    for (const auto& e : g) scores[e.approach] = e.score;
  }
  if (!table.solver_map().empty()) {
    doc["models"] = nlohmann::ordered_json::object();
    for (const auto& [generator, solver] : table.solver_map()) doc["models"][generator] = solver;
  }
  if (table.range()) doc["range"] = {table.range()->first, table.range()->second};
  return doc;
}

/// `table` as pretty JSON text (2-space indent, trailing newline): stable, reviewable diffs.
inline std::string dump_score_table(const ScoreTable& table) { return to_json(table).dump(2) + "\n"; }

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_SCORES_SCORE_TABLE_JSON_HPP
