#ifndef SYNTHBENCH_REPORT_RESULTS_JSON_HPP
#define SYNTHBENCH_REPORT_RESULTS_JSON_HPP

/// @file
/// results.json: the machine-readable report (docs/reports.md documents the schema).
///
///     {"format": "synthbench-results/1", "producer": "synthbench 0.1.0",
///      "experiments": [{
///        "name": "snips", "task": "intent", "solvers": [...],
///        "datasets": [{"name": "real", "items": 200, "issues": {"realigned": 3}}],
///        "metrics": [{"table": <score table, the `synthbench meta` input format>,
///                     "meta": <the `synthbench meta` output for that table>,
///                     "intervals": [{"dataset": "gpt-4o",
///                                    "srcc": {"lower", "upper", "confidence", "resamples"} | {"undefined": why},
///                                    "mspd": ...}]}],
///        "predictions": [{"solver", "dataset", "items", "parse_failures", "out_of_label_set", "examples",
///                         "outcomes"?: {"answer": n, "refusal": n, ...} (LLM solvers)}],
///        "undefined_cells": [{"metric", "solver", "dataset", "reason"}],
///        "samples": {"metric", "population", "headline",                          (optional)
///                    "draws": [{"kind", "seed_index", "items",
///                               "agreements": [{"synthetic", "srcc", "srcc_p", "mspd"}]}]}}],
///      "cassettes": [{"path", "replayed", "recorded", "unused"}],
///      "gates": [{"experiment", "test", "passed"}]}                                   (optional)
///
/// "meta" is written for consumers and ignored when reading: it is recomputed from "table".
/// An undefined value of a draw is null. Files written before "samples" and "gates" existed
/// read as having none.

#include <cstddef>   // std::size_t
#include <optional>  // std::optional
#include <string>    // std::string

#include <nlohmann/json.hpp>  // nlohmann::ordered_json

#include "synthbench/detail/json_input.hpp"
#include "synthbench/error.hpp"
#include "synthbench/report/meta_json.hpp"
#include "synthbench/report/outcome_table.hpp"
#include "synthbench/report/report_data.hpp"
#include "synthbench/scores/meta_summary.hpp"
#include "synthbench/scores/score_table_json.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {

/// The format tag of results.json.
inline constexpr const char* results_format = "synthbench-results/1";

namespace detail {

using Json = nlohmann::ordered_json;

inline Json interval_to_json(const IntervalEntry& i) {
  Json j;
  if (i.lower && i.upper) {
    j["lower"] = *i.lower;
    j["upper"] = *i.upper;
    j["confidence"] = i.confidence;
    j["resamples"] = i.resamples;
  } else {
    j["undefined"] = i.undefined;
  }
  return j;
}

// Typed access with errors naming the JSON pointer (InputError 801..803).
inline const Json& member(const Json& object, const char* key, const std::string& source, const std::string& where) {
  if (!object.is_object()) {
    throw InputError(801, source, where.empty() ? "/" : where, "expected an object, got " + synthbench::detail::describe_json(object));
  }
  const auto it = object.find(key);
  if (it == object.end()) throw InputError(802, source, where.empty() ? "/" : where, std::string("missing key \"") + key + "\"");
  return *it;
}
inline std::string string_at(const Json& object, const char* key, const std::string& source, const std::string& where) {
  const Json& v = member(object, key, source, where);
  if (!v.is_string()) {
    throw InputError(801, source, synthbench::detail::pointer_append(where, key), "expected a string, got " + synthbench::detail::describe_json(v));
  }
  return v.get<std::string>();
}
inline std::size_t count_at(const Json& object, const char* key, const std::string& source, const std::string& where) {
  const Json& v = member(object, key, source, where);
  if (!v.is_number_unsigned()) {
    throw InputError(801, source, synthbench::detail::pointer_append(where, key),
                     "expected a non-negative integer, got " + synthbench::detail::describe_json(v));
  }
  return v.get<std::size_t>();
}
inline const Json& array_at(const Json& object, const char* key, const std::string& source, const std::string& where) {
  const Json& v = member(object, key, source, where);
  if (!v.is_array()) {
    throw InputError(801, source, synthbench::detail::pointer_append(where, key), "expected an array, got " + synthbench::detail::describe_json(v));
  }
  return v;
}

inline Json optional_number(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

inline std::optional<double> number_or_null(const Json& object, const char* key, const std::string& source,
                                            const std::string& where) {
  const Json& v = member(object, key, source, where);
  if (v.is_null()) return std::nullopt;
  if (!v.is_number()) {
    throw InputError(801, source, synthbench::detail::pointer_append(where, key),
                     "expected a number or null, got " + synthbench::detail::describe_json(v));
  }
  return v.get<double>();
}

inline Json samples_to_json(const SampleStudy& study) {
  Json j;
  j["metric"] = study.metric;
  j["population"] = study.population;
  j["headline"] = study.headline;
  j["draws"] = Json::array();
  for (const auto& d : study.draws) {
    Json jd;
    jd["kind"] = d.kind;
    jd["seed_index"] = d.seed_index;
    jd["items"] = d.items;
    jd["agreements"] = Json::array();
    for (const auto& a : d.agreements) {
      jd["agreements"].push_back({{"synthetic", a.synthetic},
                                  {"srcc", optional_number(a.srcc)},
                                  {"srcc_p", optional_number(a.srcc_p)},
                                  {"mspd", optional_number(a.mspd)}});
    }
    j["draws"].push_back(jd);
  }
  return j;
}

inline SampleStudy samples_from_json(const Json& j, const std::string& source, const std::string& where) {
  SampleStudy study;
  study.metric = string_at(j, "metric", source, where);
  study.population = count_at(j, "population", source, where);
  study.headline = string_at(j, "headline", source, where);
  const Json& draws = array_at(j, "draws", source, where);
  for (std::size_t k = 0; k < draws.size(); ++k) {
    const std::string dat = where + "/draws/" + std::to_string(k);
    SampleDraw d;
    d.kind = string_at(draws[k], "kind", source, dat);
    d.seed_index = count_at(draws[k], "seed_index", source, dat);
    d.items = count_at(draws[k], "items", source, dat);
    const Json& agreements = array_at(draws[k], "agreements", source, dat);
    for (std::size_t n = 0; n < agreements.size(); ++n) {
      const std::string aat = dat + "/agreements/" + std::to_string(n);
      d.agreements.push_back({string_at(agreements[n], "synthetic", source, aat),
                              number_or_null(agreements[n], "srcc", source, aat),
                              number_or_null(agreements[n], "srcc_p", source, aat),
                              number_or_null(agreements[n], "mspd", source, aat)});
    }
    study.draws.push_back(std::move(d));
  }
  return study;
}

inline IntervalEntry interval_from_json(const Json& j, const std::string& source, const std::string& where) {
  IntervalEntry i;
  if (j.is_object() && j.contains("undefined")) {
    i.undefined = string_at(j, "undefined", source, where);
    return i;
  }
  const Json& lower = member(j, "lower", source, where);
  const Json& upper = member(j, "upper", source, where);
  const Json& confidence = member(j, "confidence", source, where);
  if (!lower.is_number() || !upper.is_number() || !confidence.is_number()) {
    throw InputError(801, source, where, "an interval needs numbers lower, upper and confidence");
  }
  i.lower = lower.get<double>();
  i.upper = upper.get<double>();
  i.confidence = confidence.get<double>();
  i.resamples = count_at(j, "resamples", source, where);
  if (!(*i.lower <= *i.upper)) throw InputError(803, source, where, "an interval needs lower <= upper");
  return i;
}

}  // namespace detail

/// `data` as the results.json document.
inline nlohmann::ordered_json results_to_json(const ReportData& data) {
  using detail::Json;
  Json doc;
  doc["format"] = results_format;
  doc["producer"] = data.producer;
  doc["experiments"] = Json::array();
  for (const auto& e : data.experiments) {
    Json je;
    je["name"] = e.name;
    je["task"] = e.task;
    je["solvers"] = e.solvers;
    je["datasets"] = Json::array();
    for (const auto& d : e.datasets) {
      Json jd;
      jd["name"] = d.name;
      jd["items"] = d.items;
      jd["issues"] = Json::object();
      for (const auto& [kind, n] : d.issues) jd["issues"][kind] = n;
      je["datasets"].push_back(jd);
    }
    je["metrics"] = Json::array();
    for (const auto& m : e.metrics) {
      Json jm;
      jm["table"] = to_json(m.table);
      if (m.table.problems().empty()) jm["meta"] = meta_to_json(summarize(m.table));
      jm["intervals"] = Json::array();
      for (const auto& a : m.intervals) {
        Json ja;
        ja["dataset"] = a.dataset;
        ja["srcc"] = detail::interval_to_json(a.srcc);
        ja["mspd"] = detail::interval_to_json(a.mspd);
        jm["intervals"].push_back(ja);
      }
      je["metrics"].push_back(jm);
    }
    je["predictions"] = Json::array();
    for (const auto& p : e.predictions) {
      Json jp;
      jp["solver"] = p.solver;
      jp["dataset"] = p.dataset;
      jp["items"] = p.counts.items;
      jp["parse_failures"] = p.counts.parse_failures;
      jp["out_of_label_set"] = p.counts.out_of_label_set;
      jp["examples"] = p.counts.examples;
      if (!p.counts.outcomes.empty()) jp["outcomes"] = outcomes_to_json(p.counts.outcomes);  // outcome_table.hpp
      je["predictions"].push_back(jp);
    }
    je["undefined_cells"] = Json::array();
    for (const auto& u : e.undefined) {
      je["undefined_cells"].push_back({{"metric", u.metric}, {"solver", u.solver}, {"dataset", u.dataset}, {"reason", u.message}});
    }
    if (e.samples) je["samples"] = detail::samples_to_json(*e.samples);
    doc["experiments"].push_back(je);
  }
  doc["cassettes"] = Json::array();
  for (const auto& c : data.cassettes) {
    doc["cassettes"].push_back({{"path", c.path}, {"replayed", c.replayed}, {"recorded", c.recorded}, {"unused", c.unused}});
  }
  doc["gates"] = Json::array();
  for (const auto& g : data.gates) doc["gates"].push_back({{"experiment", g.experiment}, {"test", g.test}, {"passed", g.passed}});
  return doc;
}

/// Reads results.json text; `source` names it in errors. Throws InputError: 101/102 (JSON),
/// 801 (wrong type), 802 (missing key), 803 (inconsistent value), 804 (unknown format), and
/// the score-table ids (2xx) for a malformed table, with the pointer of the table.
inline ReportData parse_results(const std::string& text, const std::string& source) {
  using detail::Json;
  const Json doc = synthbench::detail::parse_json_strict(text, source);
  const std::string format = detail::string_at(doc, "format", source, "");
  if (format != results_format) {
    throw InputError(804, source, "/format", "unknown results format \"" + format + "\" (this synthbench reads \"" +
                                                 results_format + "\")");
  }
  ReportData data;
  data.producer = detail::string_at(doc, "producer", source, "");
  const Json& experiments = detail::array_at(doc, "experiments", source, "");
  for (std::size_t i = 0; i < experiments.size(); ++i) {
    const std::string at = "/experiments/" + std::to_string(i);
    const Json& je = experiments[i];
    ExperimentEntry e;
    e.name = detail::string_at(je, "name", source, at);
    e.task = detail::string_at(je, "task", source, at);
    for (const auto& s : detail::array_at(je, "solvers", source, at)) {
      if (!s.is_string()) throw InputError(801, source, at + "/solvers", "expected an array of strings");
      e.solvers.push_back(s.get<std::string>());
    }
    const Json& datasets = detail::array_at(je, "datasets", source, at);
    for (std::size_t k = 0; k < datasets.size(); ++k) {
      const std::string dat = at + "/datasets/" + std::to_string(k);
      DatasetEntry d;
      d.name = detail::string_at(datasets[k], "name", source, dat);
      d.items = detail::count_at(datasets[k], "items", source, dat);
      const Json& issues = detail::member(datasets[k], "issues", source, dat);
      if (!issues.is_object()) throw InputError(801, source, dat + "/issues", "expected an object");
      for (const auto& [kind, n] : issues.items()) {
        if (!n.is_number_unsigned()) throw InputError(801, source, dat + "/issues/" + kind, "expected a count");
        d.issues[kind] = n.get<std::size_t>();
      }
      e.datasets.push_back(std::move(d));
    }
    const Json& metrics = detail::array_at(je, "metrics", source, at);
    for (std::size_t k = 0; k < metrics.size(); ++k) {
      const std::string mat = at + "/metrics/" + std::to_string(k);
      MetricSection m{score_table_from_json(detail::member(metrics[k], "table", source, mat), source + " at " + mat + "/table"), {}};
      const Json& intervals = detail::array_at(metrics[k], "intervals", source, mat);
      for (std::size_t n = 0; n < intervals.size(); ++n) {
        const std::string iat = mat + "/intervals/" + std::to_string(n);
        AgreementEntry a;
        a.dataset = detail::string_at(intervals[n], "dataset", source, iat);
        a.srcc = detail::interval_from_json(detail::member(intervals[n], "srcc", source, iat), source, iat + "/srcc");
        a.mspd = detail::interval_from_json(detail::member(intervals[n], "mspd", source, iat), source, iat + "/mspd");
        m.intervals.push_back(std::move(a));
      }
      e.metrics.push_back(std::move(m));
    }
    const Json& predictions = detail::array_at(je, "predictions", source, at);
    for (std::size_t k = 0; k < predictions.size(); ++k) {
      const std::string pat = at + "/predictions/" + std::to_string(k);
      PredictionEntry p;
      p.solver = detail::string_at(predictions[k], "solver", source, pat);
      p.dataset = detail::string_at(predictions[k], "dataset", source, pat);
      p.counts.items = detail::count_at(predictions[k], "items", source, pat);
      p.counts.parse_failures = detail::count_at(predictions[k], "parse_failures", source, pat);
      p.counts.out_of_label_set = detail::count_at(predictions[k], "out_of_label_set", source, pat);
      if (p.counts.parse_failures + p.counts.out_of_label_set > p.counts.items) {
        throw InputError(803, source, pat, "more unusable answers than items");
      }
      for (const auto& x : detail::array_at(predictions[k], "examples", source, pat)) {
        if (!x.is_string()) throw InputError(801, source, pat + "/examples", "expected an array of strings");
        p.counts.examples.push_back(x.get<std::string>());
      }
      if (const auto o = predictions[k].find("outcomes"); o != predictions[k].end()) {
        p.counts.outcomes = outcomes_from_json(*o, p.counts.items, source, pat + "/outcomes");
      }
      e.predictions.push_back(std::move(p));
    }
    const Json& undefined = detail::array_at(je, "undefined_cells", source, at);
    for (std::size_t k = 0; k < undefined.size(); ++k) {
      const std::string uat = at + "/undefined_cells/" + std::to_string(k);
      e.undefined.push_back({detail::string_at(undefined[k], "metric", source, uat),
                             detail::string_at(undefined[k], "solver", source, uat),
                             detail::string_at(undefined[k], "dataset", source, uat),
                             detail::string_at(undefined[k], "reason", source, uat)});
    }
    if (je.contains("samples")) e.samples = detail::samples_from_json(je.at("samples"), source, at + "/samples");
    data.experiments.push_back(std::move(e));
  }
  const Json& cassettes = detail::array_at(doc, "cassettes", source, "");
  for (std::size_t k = 0; k < cassettes.size(); ++k) {
    const std::string cat = "/cassettes/" + std::to_string(k);
    data.cassettes.push_back({detail::string_at(cassettes[k], "path", source, cat),
                              detail::count_at(cassettes[k], "replayed", source, cat),
                              detail::count_at(cassettes[k], "recorded", source, cat),
                              detail::count_at(cassettes[k], "unused", source, cat)});
  }
  if (doc.contains("gates")) {
    const Json& gates = detail::array_at(doc, "gates", source, "");
    for (std::size_t k = 0; k < gates.size(); ++k) {
      const std::string gat = "/gates/" + std::to_string(k);
      const Json& passed = detail::member(gates[k], "passed", source, gat);
      if (!passed.is_boolean()) throw InputError(801, source, gat + "/passed", "expected true or false");
      data.gates.push_back({detail::string_at(gates[k], "experiment", source, gat), detail::string_at(gates[k], "test", source, gat),
                            passed.get<bool>()});
    }
  }
  return data;
}

}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_RESULTS_JSON_HPP
