#ifndef SYNTHBENCH_LLM_CHAT_HPP
#define SYNTHBENCH_LLM_CHAT_HPP

/// @file
/// Chat-completion requests and responses, independent of any transport.
///
/// The fields follow the OpenAI chat-completions API (POST /chat/completions), which OpenAI,
/// vLLM, llama.cpp's server and Ollama all speak; anything else a provider accepts goes in
/// `extra`, so no field needs a new release of synthbench.

#include <chrono>    // std::chrono::microseconds
#include <cstdint>   // std::int64_t
#include <optional>  // std::optional
#include <string>    // std::string
#include <utility>   // std::move
#include <vector>    // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/error.hpp"    // synthbench::Error
#include "synthbench/llm/outcome.hpp"  // Outcome
#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

/// Something went wrong talking to an LLM (category "llm"; ids in docs/errors.md).
class LlmError : public Error {
 public:
  /// `code` is listed under "llm" in docs/errors.md.
  LlmError(int code, const std::string& message) : Error("llm", code, message) {}
};

/// A response body that is not a chat completion: not JSON, or JSON of the wrong shape.
/// `source()` names where it came from (a URL, a cassette), `where()` the position in it
/// (line and column, or a JSON pointer).
class MalformedResponse : public LlmError {
 public:
  /// `source` names the origin of the body, `where` the position of the problem.
  MalformedResponse(int code, const std::string& source, const std::string& where, const std::string& message)
      : LlmError(code, source + (where.empty() ? "" : " at " + where) + ": " + message),
        source_(source),
        where_(where) {}

  /// The origin of the body: "http://127.0.0.1:8080/v1/chat/completions", a cassette path.
  const std::string& source() const noexcept { return source_; }
  /// The position of the problem: "line 1, column 7" or a JSON pointer like "/choices/0".
  const std::string& where() const noexcept { return where_; }

 private:
  std::string source_;
  std::string where_;
};

/// One message of a conversation.
struct ChatMessage {
  std::string role;     ///< "system", "user", "assistant", "tool"
  std::string content;  ///< the text
  /// Further members of the message object ("name", "tool_calls", "tool_call_id", or a
  /// "content" array of parts, which then replaces `content`). Must be an object.
  nlohmann::json extra = nlohmann::json::object();

  /// Equal when role, content and extra are.
  friend bool operator==(const ChatMessage& a, const ChatMessage& b) {
    return a.role == b.role && a.content == b.content && a.extra == b.extra;
  }
  /// Not equal.
  friend bool operator!=(const ChatMessage& a, const ChatMessage& b) { return !(a == b); }
};

/// A chat-completion request. Unset optional fields are not sent, so the server's defaults apply.
struct ChatRequest {
  std::string model;                        ///< the model name the server knows
  std::vector<ChatMessage> messages;        ///< the conversation, oldest first
  std::optional<double> temperature;        ///< sampling temperature
  std::optional<double> top_p;              ///< nucleus sampling mass
  std::optional<std::int64_t> max_tokens;   ///< completion length limit
  std::optional<std::int64_t> seed;         ///< the provider's best-effort determinism seed
  std::vector<std::string> stop;            ///< stop sequences (not sent when empty)
  nlohmann::json response_format;           ///< e.g. {"type": "json_object"}; null: not sent
  nlohmann::json tools;                     ///< tool definitions (an array); null: not sent
  /// Other body fields ("n", "user", "logprobs", ...), merged into the request body. Must be
  /// an object; a key that a named field above already sends is an error when serializing.
  nlohmann::json extra = nlohmann::json::object();

  /// Equal when every field is.
  friend bool operator==(const ChatRequest& a, const ChatRequest& b) {
    return a.model == b.model && a.messages == b.messages && a.temperature == b.temperature &&
           a.top_p == b.top_p && a.max_tokens == b.max_tokens && a.seed == b.seed && a.stop == b.stop &&
           a.response_format == b.response_format && a.tools == b.tools && a.extra == b.extra;
  }
  /// Not equal.
  friend bool operator!=(const ChatRequest& a, const ChatRequest& b) { return !(a == b); }
};

/// Token counts as the server reports them.
struct TokenUsage {
  std::int64_t prompt_tokens = 0;      ///< tokens of the input (Anthropic: input_tokens plus both cache counts)
  std::int64_t completion_tokens = 0;  ///< tokens generated, reasoning tokens included
  std::int64_t total_tokens = 0;       ///< as reported (usually the sum)
  /// Of prompt_tokens, read from the provider's cache (OpenAI `prompt_tokens_details.cached_tokens`,
  /// Anthropic `cache_read_input_tokens`); 0 when not reported.
  std::int64_t cached_tokens = 0;
  /// Of completion_tokens, spent on reasoning (`completion_tokens_details.reasoning_tokens`);
  /// 0 when not reported.
  std::int64_t reasoning_tokens = 0;

  /// Field by field.
  friend bool operator==(const TokenUsage& a, const TokenUsage& b) {
    return a.prompt_tokens == b.prompt_tokens && a.completion_tokens == b.completion_tokens &&
           a.total_tokens == b.total_tokens && a.cached_tokens == b.cached_tokens &&
           a.reasoning_tokens == b.reasoning_tokens;
  }
  /// Not ==.
  friend bool operator!=(const TokenUsage& a, const TokenUsage& b) { return !(a == b); }
};

/// A tool call the model made instead of (or beside) answering.
struct ToolCall {
  std::string id;         ///< the provider's id of the call ("call_...", "toolu_...")
  std::string type;       ///< "function" (OpenAI), "tool_use" (Anthropic)
  std::string name;       ///< the tool's name
  std::string arguments;  ///< the arguments as JSON text, as the model wrote them

  /// Field by field.
  friend bool operator==(const ToolCall& a, const ToolCall& b) {
    return a.id == b.id && a.type == b.type && a.name == b.name && a.arguments == b.arguments;
  }
  /// Not ==.
  friend bool operator!=(const ToolCall& a, const ToolCall& b) { return !(a == b); }
};

/// One choice of a response (a request with n > 1 gets several).
struct ChatChoice {
  Outcome outcome = Outcome::answer;  ///< answer, refusal, content_filter, length or tool_calls
  std::string content;                ///< the answer's text: a string content, or the text parts joined
  std::string refusal;                ///< the refusal text ("" unless the model refused)
  std::string reasoning;              ///< reasoning text, kept apart from the answer ("" when none)
  std::vector<ToolCall> tool_calls;   ///< the tool calls, in order
  std::string finish_reason;          ///< as the provider wrote it ("stop", "end_turn", ...); "" when absent

  /// Field by field.
  friend bool operator==(const ChatChoice& a, const ChatChoice& b) {
    return a.outcome == b.outcome && a.content == b.content && a.refusal == b.refusal && a.reasoning == b.reasoning &&
           a.tool_calls == b.tool_calls && a.finish_reason == b.finish_reason;
  }
  /// Not ==.
  friend bool operator!=(const ChatChoice& a, const ChatChoice& b) { return !(a == b); }
};

/// The end of one chat call: its outcome (outcome.hpp), the first choice's fields, every
/// choice, and what the server said about it. A failure (provider_error, transient_failure)
/// has no choice; `error` says what happened and `status` the HTTP status.
struct ChatResponse {
  Outcome outcome = Outcome::answer;  ///< how the call ended (the first choice's outcome for completions)
  std::string content;                ///< the first choice's answer text ("" when null or absent)
  std::string finish_reason;          ///< the first choice's finish reason as sent; "" when absent
  std::string refusal;                ///< the first choice's refusal text ("" unless refused)
  std::string reasoning;              ///< the first choice's reasoning text, never part of `content`
  std::vector<ToolCall> tool_calls;   ///< the first choice's tool calls
  /// Every choice, the first included, in the order sent; empty for failures and for
  /// responses made in code (a cassette stores those with their first choice).
  std::vector<ChatChoice> choices;
  std::optional<TokenUsage> usage;    ///< absent when the server did not report usage
  std::string model;                  ///< the model snapshot the server reports ("" when absent)
  std::string raw_body;               ///< the body as received (from a cassette: compact JSON)
  std::chrono::microseconds latency{0};  ///< time from sending to the full body, retries included (as recorded)
  bool replayed = false;              ///< true when it came from a cassette, not the network
  std::string error;                  ///< failures: what went wrong, for people ("" otherwise)
  int status = 0;                     ///< failures: the last HTTP status (0: none was received)
  int attempts = 0;                   ///< failures: attempts made, retries included (0: not known)

  /// True when the model answered (outcome answer).
  bool answered() const noexcept { return outcome == Outcome::answer; }

  /// Field by field.
  friend bool operator==(const ChatResponse& a, const ChatResponse& b) {
    return a.outcome == b.outcome && a.content == b.content && a.finish_reason == b.finish_reason &&
           a.refusal == b.refusal && a.reasoning == b.reasoning && a.tool_calls == b.tool_calls &&
           a.choices == b.choices && a.usage == b.usage && a.model == b.model && a.raw_body == b.raw_body &&
           a.latency == b.latency && a.replayed == b.replayed && a.error == b.error && a.status == b.status &&
           a.attempts == b.attempts;
  }
  /// Not ==.
  friend bool operator!=(const ChatResponse& a, const ChatResponse& b) { return !(a == b); }
};

/// One response per choice of `response`, each with that choice as its first (and only)
/// choice and the rest shared: the n > 1 choices of one request used as replicates. A
/// failure, or a response without choices, gives itself alone.
inline std::vector<ChatResponse> split_choices(const ChatResponse& response) {
  if (response.choices.size() <= 1) return {response};
  std::vector<ChatResponse> out;
  out.reserve(response.choices.size());
  for (const auto& c : response.choices) {
    ChatResponse r = response;
    r.outcome = c.outcome;
    r.content = c.content;
    r.finish_reason = c.finish_reason;
    r.refusal = c.refusal;
    r.reasoning = c.reasoning;
    r.tool_calls = c.tool_calls;
    r.choices = {c};
    out.push_back(std::move(r));
  }
  return out;
}

/// Makes a failure response (provider_error or transient_failure) with its error text.
inline ChatResponse failure_response(Outcome outcome, std::string error, int status = 0, int attempts = 0,
                                     std::string raw_body = {}) {
  ChatResponse r;
  r.outcome = outcome;
  r.error = std::move(error);
  r.status = status;
  r.attempts = attempts;
  r.raw_body = std::move(raw_body);
  return r;
}

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_CHAT_HPP
