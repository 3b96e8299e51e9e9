#ifndef SYNTHBENCH_EXPERIMENT_CALL_OUTCOMES_HPP
#define SYNTHBENCH_EXPERIMENT_CALL_OUTCOMES_HPP

/// @file
/// What LLM generators and solvers write about a call that gave no answer (a refusal, a
/// filtered answer, tool calls, a failed call): the detail of its DataIssue, whose kind is
/// the outcome's name (llm/outcome.hpp).

#include <string>  // std::string

#include "synthbench/experiment/output_parsers.hpp"  // detail::quote_answer
#include "synthbench/llm/chat.hpp"                   // llm::ChatResponse
#include "synthbench/llm/outcome.hpp"                // llm::Outcome
#include "synthbench/version.hpp"                    // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// What a call that gave no answer said instead: the refusal, what the content filter left,
/// the tools called, or the error of a failed call.
inline std::string not_answered(const llm::ChatResponse& response) {
  switch (response.outcome) {
    case llm::Outcome::refusal: return response.refusal;
    case llm::Outcome::content_filter:
      return "the provider's content filter removed the answer" +
             (response.content.empty() ? std::string() : " (after " + quote_answer(response.content) + ")");
    case llm::Outcome::tool_calls: {
      std::string names;
      for (const auto& t : response.tool_calls) names += (names.empty() ? "" : ", ") + t.name;
      return "the model called tools instead of answering" + (names.empty() ? std::string() : ": " + names);
    }
    default: return response.error;
  }
}

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_CALL_OUTCOMES_HPP
