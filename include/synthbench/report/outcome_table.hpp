#ifndef SYNTHBENCH_REPORT_OUTCOME_TABLE_HPP
#define SYNTHBENCH_REPORT_OUTCOME_TABLE_HPP

/// @file
/// How the LLM calls of an experiment ended, in the report: a table per experiment of each
/// LLM solver's outcomes on each dataset (answers, refusals, filtered answers, truncated
/// answers, tool calls, provider errors, transient failures) next to its unparsable answers,
/// and a line on what the LLM generators' requests met (docs/reports.md, "LLM outcomes").
/// Also their form in results.json: each prediction entry's `"outcomes"` object,
/// `{"answer": 37, "refusal": 1, ...}` (every outcome, written when the solver made LLM calls).

#include <cstddef>  // std::size_t
#include <string>   // std::string

#include <nlohmann/json.hpp>  // nlohmann::ordered_json

#include "synthbench/error.hpp"               // InputError
#include "synthbench/llm/outcome.hpp"         // llm::Outcome, llm::OutcomeCounts, llm::all_outcomes
#include "synthbench/report/report_data.hpp"  // ExperimentEntry, PredictionCounts
#include "synthbench/version.hpp"             // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {

/// `counts` as results.json writes it: every outcome's count, by name.
inline nlohmann::ordered_json outcomes_to_json(const llm::OutcomeCounts& counts) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto o : llm::all_outcomes) j[llm::to_string(o)] = counts.count(o);
  return j;
}

/// The counts of an `"outcomes"` object (at JSON pointer `where` of `source`), for a
/// prediction entry of `items` items. Throws InputError 801 (not an object, an unknown
/// outcome, a count that is not a non-negative integer) or 803 (more calls than items).
inline llm::OutcomeCounts outcomes_from_json(const nlohmann::ordered_json& j, std::size_t items, const std::string& source,
                                             const std::string& where) {
  if (!j.is_object()) throw InputError(801, source, where, "expected an object of outcome counts");
  llm::OutcomeCounts counts;
  for (const auto& [name, n] : j.items()) {
    const auto o = llm::outcome_from_string(name);
    if (!o) throw InputError(801, source, where + "/" + name, "unknown outcome \"" + name + "\"");
    if (!n.is_number_unsigned()) throw InputError(801, source, where + "/" + name, "expected a count");
    counts.add(*o, n.get<std::size_t>());
  }
  if (counts.total() > items) throw InputError(803, source, where, "more LLM calls than items");
  return counts;
}

namespace detail {

inline std::string outcome_cell(const llm::OutcomeCounts& c, llm::Outcome o) { return std::to_string(c.count(o)); }

}  // namespace detail

/// The Markdown of `e`'s LLM outcomes ("" when no solver made an LLM call and no generator
/// met a refusal, a filter or a failed call). `escape` escapes a name for Markdown.
template <class Escape>
std::string render_outcomes_markdown(const ExperimentEntry& e, Escape escape) {
  using llm::Outcome;
  std::string rows;
  for (const auto& p : e.predictions) {
    const llm::OutcomeCounts& c = p.counts.outcomes;
    if (c.empty()) continue;
    rows += "| " + escape(p.solver) + " | " + escape(p.dataset) + " | " + std::to_string(c.total()) + " | " +
            detail::outcome_cell(c, Outcome::answer) + " | " + detail::outcome_cell(c, Outcome::refusal) + " | " +
            detail::outcome_cell(c, Outcome::content_filter) + " | " + detail::outcome_cell(c, Outcome::length) + " | " +
            detail::outcome_cell(c, Outcome::tool_calls) + " | " + detail::outcome_cell(c, Outcome::provider_error) +
            " | " + detail::outcome_cell(c, Outcome::transient_failure) + " | " + std::to_string(p.counts.parse_failures) +
            " |\n";
  }
  std::string generators;
  for (const auto& d : e.datasets) {
    std::string met;
    for (const auto o : llm::all_outcomes) {
      if (o == Outcome::answer || o == Outcome::length) continue;
      const auto it = d.issues.find(llm::to_string(o));
      if (it != d.issues.end()) met += (met.empty() ? "" : ", ") + std::to_string(it->second) + " " + llm::to_string(o);
    }
    if (!met.empty()) generators += (generators.empty() ? "" : "; ") + escape(d.name) + ": " + met;
  }
  if (rows.empty() && generators.empty()) return {};
  std::string md = "\nLLM outcomes: how each call ended (answers, refusals, answers removed or cut by a content filter, "
                   "answers cut at the token limit, tool calls instead of an answer, errors the provider returned for "
                   "the request, failures still there after the retries), next to the answers that could not be "
                   "parsed.\n";
  if (!rows.empty()) {
    md += "\n| Solver | Dataset | Calls | Answers | Refusals | Filtered | Truncated | Tool calls | Provider errors | "
          "Transient failures | Unparsable |\n"
          "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n" +
          rows;
  }
  if (!generators.empty()) md += "\nGenerator requests without an answer: " + generators + ".\n";
  return md;
}

}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_OUTCOME_TABLE_HPP
