#ifndef SYNTHBENCH_REPORT_TASK_METRICS_MARKDOWN_HPP
#define SYNTHBENCH_REPORT_TASK_METRICS_MARKDOWN_HPP

/// @file
/// Task metrics as Markdown (`synthbench score ... --format markdown`), rendered from the
/// JSON report of task_metrics_json.hpp so that the two never disagree: the headline
/// metrics (with bootstrap intervals when computed), then per class or per entity type,
/// then what happened to invalid answers. Undefined values print as "n/a", with the reasons
/// listed after the tables.

#include <string>  // std::string

#include <nlohmann/json.hpp>  // nlohmann::ordered_json

#include "synthbench/detail/format.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {
namespace detail {

inline std::string md_number(const nlohmann::ordered_json& v, int decimals = 4) {
  if (v.is_null()) return "n/a";
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  return synthbench::detail::fixed(v.get<double>(), decimals);
}

inline std::string md_text(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '|' || c == '`' || c == '*' || c == '_') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

inline std::string md_interval(const nlohmann::ordered_json& doc, const std::string& key) {
  if (!doc.contains("bootstrap")) return {};
  const auto& intervals = doc["bootstrap"]["intervals"];
  if (!intervals.contains(key) || intervals[key].is_null()) return " | n/a";
  const auto& i = intervals[key];
  return " | [" + md_number(i["lower"]) + ", " + md_number(i["upper"]) + "]";
}

inline std::string md_interval_header(const nlohmann::ordered_json& doc) {
  if (!doc.contains("bootstrap")) return {};
  return " | " + synthbench::detail::general(100.0 * doc["bootstrap"]["confidence"].get<double>(), 4) +
         "% interval";
}

inline void md_reasons(const nlohmann::ordered_json& object, const std::string& prefix, std::string& notes) {
  if (!object.contains("undefined")) return;
  for (const auto& [key, reason] : object["undefined"].items()) {
    notes += "- " + md_text(prefix + key) + ": " + md_text(reason.get<std::string>()) + "\n";
  }
}

}  // namespace detail

/// The Markdown rendering of a report built by intent_report_json, ner_report_json or
/// sts_report_json.
inline std::string task_report_markdown(const nlohmann::ordered_json& doc) {
  using detail::md_interval;
  using detail::md_number;
  using detail::md_text;
  const std::string task = doc["task"].get<std::string>();
  std::string md = "## synthbench score " + task + "\n\n";
  md += "Gold `" + doc["gold"].get<std::string>() + "`, predictions `" + doc["predictions"].get<std::string>() + "`: " +
        doc["items"].dump() + (task == "ner" ? " documents" : " items") + ".\n\n";
  std::string notes;
  const bool with_intervals = doc.contains("bootstrap");
  const std::string ci_header = detail::md_interval_header(doc);
  const std::string ci_rule = with_intervals ? " | ---" : "";
  if (task == "ner") {
    md += "| Schema | Precision | Recall | F1" + ci_header + " | COR | INC | PAR | MIS | SPU |\n";
    md += "| --- | ---: | ---: | ---:" + ci_rule + " | ---: | ---: | ---: | ---: | ---: |\n";
    for (const auto& [schema, s] : doc["metrics"].items()) {
      md += "| " + schema + " | " + md_number(s["precision"]) + " | " + md_number(s["recall"]) + " | " +
            md_number(s["f1"]) + md_interval(doc, schema + "_f1") + " | " + s["correct"].dump() + " | " +
            s["incorrect"].dump() + " | " + s["partial"].dump() + " | " + s["missed"].dump() + " | " +
            s["spurious"].dump() + " |\n";
      detail::md_reasons(s, schema + " ", notes);
    }
    md += "\n### Per entity type (F1)\n\n| Type | strict | exact | partial | ent_type | gold entities |\n"
          "| --- | ---: | ---: | ---: | ---: | ---: |\n";
    for (const auto& [type, t] : doc["types"].items()) {
      md += "| " + md_text(type) + " | " + md_number(t["strict"]["f1"]) + " | " + md_number(t["exact"]["f1"]) + " | " +
            md_number(t["partial"]["f1"]) + " | " + md_number(t["ent_type"]["f1"]) + " | " +
            t["strict"]["possible"].dump() + " |\n";
    }
    const auto& issues = doc["issues"];
    md += "\n### Entities repaired or set aside\n\n";
    md += "- gold: " + issues["gold"]["realigned"].dump() + " realigned, " + issues["gold"]["dropped"].dump() +
          " dropped, " + issues["gold"]["duplicate"].dump() + " duplicates merged\n";
    md += "- predicted: " + issues["predicted"]["realigned"].dump() + " realigned, " +
          issues["predicted"]["unmatchable"].dump() + " unmatchable (counted as spurious), " +
          issues["predicted"]["duplicate"].dump() + " duplicates merged, " +
          issues["predicted"]["unknown_type"].dump() + " of an undeclared type\n";
    md += "- documents without a prediction: " + issues["missing_predictions"].dump() + "\n";
    for (const auto& e : issues["examples"]) {
      md += "  - line " + e["line"].dump() + ", " + e["side"].get<std::string>() + " entity " + e["entity"].dump() +
            ": " + md_text(e["detail"].get<std::string>()) + "\n";
    }
  } else {
    md += "| Metric | Value" + ci_header + " |\n| --- | ---:" + ci_rule + " |\n";
    for (const auto& [name, value] : doc["metrics"].items()) {
      md += "| " + name + " | " + md_number(value) + md_interval(doc, name) + " |\n";
    }
    detail::md_reasons(doc, "", notes);
    if (task == "intent") {
      md += "\n### Per class\n\n| Class | Support | Predicted | TP | Precision | Recall | F1 |\n"
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n";
      for (const auto& [label, c] : doc["classes"].items()) {
        md += "| " + md_text(label) + " | " + c["support"].dump() + " | " + c["predicted"].dump() + " | " +
              c["true_positives"].dump() + " | " + md_number(c["precision"]) + " | " + md_number(c["recall"]) + " | " +
              md_number(c["f1"]) + " |\n";
        detail::md_reasons(c, label + " ", notes);
      }
      const auto& invalid = doc["invalid_predictions"];
      md += "\n### Invalid predictions\n\n" + invalid["count"].dump() + " (" + invalid["missing"].dump() +
            " without an answer, " + invalid["outside_label_set"].dump() + " outside the label set)\n";
      for (const auto& [answer, count] : invalid["answers"].items()) {
        md += "- \"" + md_text(answer) + "\": " + count.dump() + "\n";
      }
    } else {
      const auto& a = doc["answers"];
      md += "\n### Answers\n\n" + a["used"].dump() + " in the correlations; " + a["clipped"].dump() + " clipped to the scale, " +
            a["imputed"].dump() + " unparsable and scored as the midpoint, " + a["excluded"].dump() + " excluded\n";
      for (const auto& e : a["examples"]) {
        md += "- line " + e["line"].dump() + ": " + e["kind"].get<std::string>() + " \"" +
              md_text(e["answer"].get<std::string>()) + "\"\n";
      }
    }
  }
  if (with_intervals) {
    const auto& b = doc["bootstrap"];
    md += "\nIntervals: percentile bootstrap over " + std::string(task == "ner" ? "documents" : "items") + ", " +
          b["resamples"].dump() + " resamples, seed " + b["seed"].dump() + ".\n";
    detail::md_reasons(b, "bootstrap ", notes);
  }
  if (!notes.empty()) md += "\nUndefined:\n\n" + notes;
  return md;
}

}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_TASK_METRICS_MARKDOWN_HPP
