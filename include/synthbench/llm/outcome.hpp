#ifndef SYNTHBENCH_LLM_OUTCOME_HPP
#define SYNTHBENCH_LLM_OUTCOME_HPP

/// @file
/// How a chat call ended: one typed outcome per call (docs/llm-outputs.md, "Outcomes").
///
/// | outcome | when |
/// | --- | --- |
/// | `answer` | the model answered (finish "stop", "end_turn", ...) |
/// | `refusal` | the model declined: OpenAI's `message.refusal`, Anthropic's `stop_reason` "refusal" |
/// | `content_filter` | the provider's filter removed or cut the answer (`finish_reason` "content_filter") |
/// | `length` | the answer was cut at the token limit (`finish_reason` "length", `stop_reason` "max_tokens") |
/// | `tool_calls` | the model called tools instead of answering |
/// | `provider_error` | the provider rejected this request (a 4xx other than 401, 402, 403, 404 and 429: context too long, an unsupported parameter, an invalid prompt), or answered 2xx with a body that is no completion |
/// | `transient_failure` | 429, 5xx, a timeout or a dropped connection, still failing after the retry policy |
///
/// The first five carry a response body; the last two an error text. Configuration failures
/// (401, 402, 403, 404, an unreachable or malformed base URL) are not outcomes: they throw, and
/// end a recording (docs/cassettes.md).

#include <array>    // std::array
#include <cstddef>  // std::size_t
#include <optional>  // std::optional
#include <string>   // std::string

#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

/// How one chat call ended (see the file comment).
enum class Outcome {
  answer,             ///< the model answered
  refusal,            ///< the model declined to answer
  content_filter,     ///< a content filter removed or cut the answer
  length,             ///< the answer hit the token limit
  tool_calls,         ///< the model called tools
  provider_error,     ///< the provider rejected the request (4xx), or sent no completion
  transient_failure,  ///< 429, 5xx, timeout or dropped connection after every retry
};

/// The number of outcomes.
inline constexpr std::size_t outcome_count = 7;

/// Every outcome, in declaration order (the order reports list them in).
inline constexpr std::array<Outcome, outcome_count> all_outcomes = {
    Outcome::answer,     Outcome::refusal,        Outcome::content_filter,   Outcome::length,
    Outcome::tool_calls, Outcome::provider_error, Outcome::transient_failure};

/// "answer", "refusal", "content_filter", "length", "tool_calls", "provider_error" or
/// "transient_failure": the names cassettes, results.json and assertions use.
inline const char* to_string(Outcome outcome) noexcept {
  switch (outcome) {
    case Outcome::answer: return "answer";
    case Outcome::refusal: return "refusal";
    case Outcome::content_filter: return "content_filter";
    case Outcome::length: return "length";
    case Outcome::tool_calls: return "tool_calls";
    case Outcome::provider_error: return "provider_error";
    case Outcome::transient_failure: return "transient_failure";
  }
  return "answer";
}

/// The outcome named `name` (as to_string writes it), or nullopt.
inline std::optional<Outcome> outcome_from_string(const std::string& name) noexcept {
  for (const Outcome o : all_outcomes) {
    if (name == to_string(o)) return o;
  }
  return std::nullopt;
}

/// True for the outcomes that carry no response body: provider_error and transient_failure.
inline bool is_failure(Outcome outcome) noexcept {
  return outcome == Outcome::provider_error || outcome == Outcome::transient_failure;
}

/// How many calls ended in each outcome.
class OutcomeCounts {
 public:
  /// Counts one call that ended in `outcome`.
  void add(Outcome outcome, std::size_t n = 1) noexcept { counts_[static_cast<std::size_t>(outcome)] += n; }
  /// Adds every count of `other`.
  void add(const OutcomeCounts& other) noexcept {
    for (std::size_t i = 0; i < outcome_count; ++i) counts_[i] += other.counts_[i];
  }
  /// The calls that ended in `outcome`.
  std::size_t count(Outcome outcome) const noexcept { return counts_[static_cast<std::size_t>(outcome)]; }
  /// Every call counted.
  std::size_t total() const noexcept {
    std::size_t n = 0;
    for (const auto c : counts_) n += c;
    return n;
  }
  /// True when no call was counted (e.g. a solver that is not an LLM).
  bool empty() const noexcept { return total() == 0; }

  /// Equal when every count is.
  friend bool operator==(const OutcomeCounts& a, const OutcomeCounts& b) noexcept { return a.counts_ == b.counts_; }
  /// Not ==.
  friend bool operator!=(const OutcomeCounts& a, const OutcomeCounts& b) noexcept { return !(a == b); }

 private:
  std::array<std::size_t, outcome_count> counts_{};
};

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_OUTCOME_HPP
